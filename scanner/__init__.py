"""unlisted: a local-first exposure scanner for psychotherapists."""

__version__ = "0.1.0"
