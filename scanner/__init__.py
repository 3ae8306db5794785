"""unlisted: a local-first exposure scanner for psychotherapists.

The core, by job: engine/ (pages -> findings), plan/ (findings -> tasks), history/ (the store),
sources/ (what to search where), schedule/ (rescans), cli/ (the command); the use cases
(service.py, ...) tie them together. README.md, "For contributors", has the map.
"""

__version__ = "0.1.0"
