"""The HTML and JSON reports: a view-model (view.py), Jinja2 templates and one CSS file.

Public API::

    from reports import render_html, render_json
"""

from .render import render_html, render_json
from .schema import ReportSchemaError

__all__ = ["ReportSchemaError", "render_html", "render_json"]
