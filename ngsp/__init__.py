"""ngsp: read a sector partnership's tracker, normalise it, and summarise it."""

__version__ = "0.1.0"
