"""The catalog and the engine against markup the sites wrote (issue #18).

fixtures/SITE/real/ holds pages the sites really served, re-skinned with fictional people
(tools/reskin.py); pages.toml says what a visitor sees on each: the verdict, the cards, the detail
links, and what the page shows about one fictional person (the subject). tests/real_walls/ holds
real bot-wall pages. Each entry must read its site's real pages as a visitor sees them; the scan
path must read the subject off them, and `analyze` at least what the scan path reads.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from scanner.analyze import read_page
from scanner.engine.addresses import parse_address
from scanner.engine.items import findings_for_page
from scanner.engine.matcher import normalised_value
from scanner.profile import parse_profile
from spiders.catalog import default_catalog
from spiders.detection import BLOCKED, classify
from spiders.selftest import check_real_pages, real_pages

SITES = default_catalog()
REAL = [(s, p) for s in SITES for p in real_pages(s)]
WALLS_DIR = Path(__file__).parents[1] / "real_walls"
WALLS = tomllib.loads((WALLS_DIR / "walls.toml").read_text("utf-8"))["wall"]
ADDRESS = re.compile(r"^\s*(?P<street>\d[^,]*?),\s*(?:(?P<unit>(?:apt|unit|ste|#)[^,]*),\s*)?(?P<city>[^,]+?),?\s+"
                     r"(?P<state>[A-Z]{2})\b,?\s*(?P<zip>\d{5})?", re.I)


def test_there_are_real_pages_and_walls():
    assert len({s.id for s, _ in REAL}) >= 2 and len(WALLS) >= 5
    for site, p in REAL:
        assert {"file", "kind", "verdict", "cards", "source", "saved"} <= set(p), f"{site.id}/real/{p['file']}"
        assert p["source"].startswith("github:") and dt.date.fromisoformat(p["saved"])


@pytest.mark.parametrize("site", sorted({s for s, _ in REAL}, key=lambda s: s.id), ids=lambda s: s.id)
def test_each_entry_reads_its_sites_real_pages_as_a_visitor_sees_them(site):
    assert check_real_pages(site) == ""


def subject_profile(subject: dict, saved: dt.date):
    addresses = []
    for i, written in enumerate(subject.get("addresses", [])):
        m = ADDRESS.match(written)
        if m:
            addresses.append({"kind": "home" if not addresses else "previous", "street": m["street"], "city": m["city"].strip(),
                              "state": m["state"].upper(), **({"postal_code": m["zip"]} if m["zip"] else {})})
    person = {"name": subject["name"], "phones": subject.get("phones", []), "emails": subject.get("emails", [])}
    if subject.get("ages"):
        person["birth_year"] = saved.year - subject["ages"][0] - 1   # born before the page's day in its year, or after
    family = [{"name": n, "relation": "other"} for n in subject.get("relatives", [])]
    return parse_profile({"schema": 1, "person": person, "addresses": addresses, "family": family}, source="real page")


def shown(subject: dict, profile) -> set[tuple[str, str]]:
    """What the page shows about the subject, as (kind, normalised value)."""
    out = {(("home_address" if a.kind == "home" else "previous_address"), _street(a.street)) for a in profile.addresses}
    out |= {("phone", normalised_value("phone", v)) for v in subject.get("phones", [])}
    out |= {("email", normalised_value("email", v)) for v in subject.get("emails", [])}
    out |= {("relative", normalised_value("relative", v)) for v in subject.get("relatives", [])}
    return out


def _street(written: str) -> str:
    key = parse_address(written)
    return key.street_id() if key else written.lower()


def read(findings) -> set[tuple[str, str]]:
    return {(f.kind, _street(f.value) if f.kind.endswith("_address") else normalised_value(f.kind, f.value))
            for f in findings if f.kind != "birth_date"}


SUBJECT_PAGES = [(s, p) for s, p in REAL if p["verdict"] == "results" and p.get("subject", {}).get("name")]


@pytest.mark.parametrize("site, p", SUBJECT_PAGES, ids=[f"{s.id}/{p['file']}" for s, p in SUBJECT_PAGES])
def test_the_scan_reads_the_subject_off_real_pages_and_analyze_reads_at_least_as_much(site, p):
    saved = dt.date.fromisoformat(p["saved"])
    profile = subject_profile(p["subject"], saved)
    card = site.extraction.detail_card if p["kind"] == "detail" else site.extraction.card
    url = p.get("url") or site.base_url
    scanned = findings_for_page(p["html"], url, profile, card, saved)
    analysed, blocked = read_page(p["html"].encode(), url, profile, saved)   # as `analyze URL` reads it
    assert not blocked
    assert read(scanned) <= read(analysed), f"analyze missed {sorted(read(scanned) - read(analysed))}"
    want = shown(p["subject"], profile)
    assert ("home_address" in {k for k, _ in read(scanned)}) or not profile.addresses
    recall = len(read(scanned) & want) / len(want) if want else 1.0
    assert recall >= 0.5, f"the scan read {sorted(read(scanned) & want)} of {sorted(want)}"


@pytest.mark.parametrize("wall", WALLS, ids=lambda w: w["file"])
def test_real_bot_walls_are_challenges_for_every_entry(wall):
    html = (WALLS_DIR / wall["file"]).read_text("utf-8")
    for site in SITES:
        for status in {wall.get("status", 200), 200}:
            verdict = classify(status, html, site.detection)
            assert verdict.status == BLOCKED and verdict.challenge, (site.id, status, verdict)


def test_an_entry_that_misreads_a_real_page_fails_the_self_test():
    import dataclasses

    site = next(s for s in SITES if s.id == "truepeoplesearch")
    counts_hidden = dataclasses.replace(site, extraction=dataclasses.replace(site.extraction, card="[data-detail-link]"))
    assert check_real_pages(counts_hidden) == ""       # the hidden duplicate is not a card a visitor sees
    wrong = dataclasses.replace(site, extraction=dataclasses.replace(site.extraction, card="div.result-row"))
    assert "real page results-1.html" in check_real_pages(wrong)
    walled = dataclasses.replace(site, detection=dataclasses.replace(site.detection, blocked=("css:div",)))
    assert "blocked" in check_real_pages(walled)


def test_the_readme_lists_every_real_page_with_the_day_it_was_saved():
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    for site, p in REAL:
        row = next((line for line in readme.splitlines() if line.startswith(f"| {site.name} (`{site.id}`)")), "")
        assert f"`{p['file']}` (" in row and p["saved"] in row, f"README: {site.id}/real/{p['file']} saved {p['saved']}"
