"""Where the site's templates and static files are.

In a source checkout they are the top-level `templates/` folder; a wheel ships that folder
inside the package, as `blueprint/templates/` (see `package-dir` in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
_INSTALLED = _PACKAGE / "templates"

TEMPLATE_DIR = _INSTALLED if _INSTALLED.is_dir() else _PACKAGE.parent / "templates"
STATIC_DIR = TEMPLATE_DIR / "static"
