"""blueprint: dependency graphs and status sites for Lean 4 blueprints."""

__version__ = "0.1.0"
