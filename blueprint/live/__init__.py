"""Serving a site, and rebuilding it live as the project's files change."""
