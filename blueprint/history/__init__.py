"""Progress over time, from the project's git history.

`git` reads commits, trees and blobs without a checkout; `snapshot` computes the status
counts at one commit; `cache` keeps them per commit on disk; `walk` puts these together;
`series` (pure) turns the snapshots into the chart's lines, the recently finished nodes and
the pace; `chart` draws the SVG; `page` renders the site's history page.
"""
