"""What the site and the commands show, computed from a `Blueprint`: the dependency graph,
statuses (from the annotations or from the Lean sources), tasks and the export."""
