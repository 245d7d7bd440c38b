"""Readers: one per blueprint format, each turning a project's files into a `Blueprint`."""
