"""From a crawled item to findings: one plain function per item type (no Scrapy here), and what a found
account means."""

from __future__ import annotations

import dataclasses
import datetime as _dt

from scanner.engine.matcher import Finding, analyze_html
from scanner.profile import Profile
from spiders.items import AccountItem, MediaItem, PageItem, RecordItem


def findings_for_item(item, profile: Profile) -> list:
    """Findings (scanner.engine.matcher.Finding) for one item, tagged with the site it came from."""
    if isinstance(item, PageItem):
        found = findings_for_page(item.html, item.url, profile, item.card_selector,
                                  _dt.date.fromisoformat(item.fetched) if item.fetched else None, searched=item.searched)
    elif isinstance(item, AccountItem):
        found = [account_finding(item)]
    elif isinstance(item, MediaItem):
        from scanner.engine.media import MediaError, analyze_image

        try:  # a photo posted from a family member's account is about them
            found = [dataclasses.replace(f, subject=item.subject) for f in analyze_image(item.data, item.url, profile)]
        except MediaError:
            return []
    elif isinstance(item, RecordItem):
        found = findings_for_record(item.kind, item.data, item.url, profile)
    else:
        return []
    return [dataclasses.replace(f, site=item.site) for f in found]


def findings_for_page(html: str | bytes, url: str, profile: Profile, card_selector: str = "",
                      today: _dt.date | None = None, page_url: str = "", searched: str = "") -> list:
    """A page's findings with a catalog entry's card selector, and with the generic extractor too: a
    changed layout degrades, never blinds. Ages are read as of `today`: the day the page was fetched."""
    found = analyze_html(html, url, profile, card_selector or None, today, page_url, searched)
    if card_selector:
        seen = {f.fingerprint for f in found}
        found += [f for f in analyze_html(html, url, profile, None, today, page_url, searched) if f.fingerprint not in seen]
    return found


def findings_for_record(kind: str, data: dict, url: str, profile: Profile) -> list:
    """Findings for one RecordItem's payload: an NPI record, a PDF's document fields, a domain record."""
    if not isinstance(data, dict):
        return []
    if kind == "npi":
        from scanner.engine.records import npi_findings

        return npi_findings(data, url, profile)
    if kind == "pdf_metadata":
        from scanner.engine.records import pdf_findings

        return pdf_findings(data, url, profile)
    if kind in ("whois", "rdap"):
        from scanner.engine.domain import domain_findings

        return domain_findings(kind, data, url, profile)
    return []


def account_finding(item):
    """A found account (spiders.items.AccountItem) as a finding about the person whose username it is."""
    from spiders.usernames import OTHERS_ID

    whose = "your" if item.subject == "self" else f"{item.subject}'s"
    return Finding(
        kind="account",
        subject=item.subject,
        value=f"{item.platform_name}: {item.username}",  # stable across scans; the link is source_url
        confidence=0.6,
        severity="low" if item.site == OTHERS_ID else "medium",
        evidence=f"{item.platform_name} has an account named \u201c{item.username}\u201d: {item.url}",
        source_url=item.url,
        reasons=(f"{item.platform_name} answered that the username \u201c{item.username}\u201d ({whose} username "
                 "in the profile) exists",
                 "someone else may use the same username: open the page to confirm it is the right person"),
        site=item.site,
    )
