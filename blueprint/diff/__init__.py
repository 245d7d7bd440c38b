"""What a change does to the blueprint: `blueprint diff BASE HEAD` and the pull-request comment.

`compare` (pure) takes the records of two revisions (`history.state.ProjectState`) and
returns a `BlueprintDiff`; `revisions` gets those records from git objects, the history's
cache or the working tree; `report` writes a diff as text, Markdown or JSON; `picture` draws
the changed nodes and their neighbours as an SVG.
"""
