"""From a crawled item to findings: one plain function per item type (no Scrapy here)."""

from __future__ import annotations

import dataclasses

from scanner.profile import Profile
from spiders.items import AccountItem, MediaItem, PageItem, RecordItem


def findings_for_item(item, profile: Profile) -> list:
    """Findings (scanner.engine.matcher.Finding) for one item, tagged with the site it came from."""
    if isinstance(item, PageItem):
        from scanner.engine.matcher import analyze_html

        found = analyze_html(item.html, item.url, profile, item.card_selector or None)
        if item.card_selector:  # the generic extractor always runs too: a changed layout degrades, never blinds
            seen = {f.fingerprint for f in found}
            found += [f for f in analyze_html(item.html, item.url, profile) if f.fingerprint not in seen]
    elif isinstance(item, AccountItem):
        from scanner.sources.social import account_finding

        found = [account_finding(item)]
    elif isinstance(item, MediaItem):
        from scanner.engine.media import MediaError, analyze_image

        try:  # a photo posted from a family member's account is about them
            found = [dataclasses.replace(f, subject=item.subject) for f in analyze_image(item.data, item.url, profile)]
        except MediaError:
            return []
    elif isinstance(item, RecordItem):
        from scanner.engine.records import findings_for_record

        found = findings_for_record(item.kind, item.data, item.url, profile)
    else:
        return []
    return [dataclasses.replace(f, site=item.site) for f in found]
