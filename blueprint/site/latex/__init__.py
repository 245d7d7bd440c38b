"""LaTeX text to the typed items the templates render."""
