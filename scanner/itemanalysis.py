"""From a crawled item to findings: one plain function per item type (no Scrapy here)."""

from __future__ import annotations

import dataclasses

from scanner.profile import Profile
from spiders.items import PageItem


def findings_for_item(item, profile: Profile) -> list:
    """Findings (scanner.matcher.Finding) for one item, tagged with the site it came from."""
    if isinstance(item, PageItem):
        from scanner.matcher import analyze_html

        found = analyze_html(item.html, item.url, profile, item.card_selector or None)
    else:
        return []
    return [dataclasses.replace(f, site=item.site) for f in found]
