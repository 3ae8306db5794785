"""The HTML/JSON report: self-contained, escaped by construction, honest about gaps."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Callable, Iterator

import jinja2
import pytest
from bs4 import BeautifulSoup

from reports import ReportSchemaError, render_html, render_json
from reports import render as render_mod
from reports.labels import kind_label
from reports.render import ENV
from reports.view import SECTIONS

from .report_fixtures import assert_inert, data_urls, sample_report, soup_of
from .test_report_changes import CHANGES

# --- document shell ------------------------------------------------------------------


def test_head_has_csp_referrer_and_inline_css_allowed_by_hash():
    soup = soup_of(sample_report())
    head_metas = soup.head.find_all("meta")
    assert head_metas[0].get("charset") == "utf-8"
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is head_metas[1], "CSP must come before anything it governs"
    directives = dict(d.strip().split(" ", 1) for d in csp["content"].split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'none'"
    assert "script-src" not in directives and "unsafe-inline" not in csp["content"]
    style = soup.find("style").string
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert directives["style-src"] == f"'sha256-{digest}'"
    assert style == render_mod.load_css() and "@media print" in style
    assert soup.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"
    assert soup.find("meta", attrs={"name": "viewport"}) is not None
    assert soup.html["lang"] == "en"


def test_clean_report_is_inert_and_links_only_to_data_urls():
    report = sample_report()
    soup = soup_of(report)
    assert_inert(soup, data_urls(report))
    assert soup.find("link") is None


def test_one_h1_and_no_skipped_heading_levels():
    soup = soup_of(sample_report())
    assert len(soup.find_all("h1")) == 1
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_contents_list_every_section_in_page_order_and_drop_the_optional_ones_without_data():
    def contents_and_sections(report):
        soup = soup_of(report)
        listed = [a["href"][1:] for a in soup.select("nav.toc a")]
        return listed, [s["id"] for s in soup.select("main > section[id]")]

    full = sample_report()
    full["changes"] = CHANGES
    listed, sections = contents_and_sections(full)
    assert listed == [s.anchor for s in SECTIONS] == sections
    bare = sample_report()
    del bare["tasks"]
    listed, sections = contents_and_sections(bare)
    assert listed == [s.anchor for s in SECTIONS if not s.needs] == sections


def test_sites_table_has_header_scopes():
    table = soup_of(sample_report()).find("section", id="sites").find("table")
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col", "col"]
    rows = table.tbody.find_all("tr")
    assert len(rows) == 7
    assert all(row.find("th")["scope"] == "row" for row in rows)


def test_footer_version_time_and_privacy_note():
    footer = soup_of(sample_report()).find("footer")
    text = footer.get_text(" ", strip=True)
    assert "0.1.0" in text and "2026-11-23 11:40 UTC" in text
    assert "personal information" in text and "private" in text


# --- content -------------------------------------------------------------------------


def test_every_finding_value_evidence_and_reason_shown_as_text():
    report = sample_report()
    soup = soup_of(report)
    findings = soup.find("section", id="findings")
    quotes = [bq.get_text() for bq in findings.find_all("blockquote")]
    values = [p.get_text() for p in findings.select("p.value")]
    assert len(quotes) == len(values) == len(report["findings"]) == 7
    for f in report["findings"]:
        assert f["value"] in values
        assert f["evidence"] in quotes
        for reason in f["reasons"]:
            assert reason in findings.get_text()
        link = findings.find("a", href=f["source_url"])
        assert link is not None


def test_findings_grouped_by_site_most_severe_first():
    soup = soup_of(sample_report())
    groups = soup.select("section.site-group")
    assert [g.h3.get_text(strip=True) for g in groups] == ["PeopleCove", "FastFindr"]
    badges = [b.get_text(strip=True) for b in groups[0].select("article .badge")]
    assert badges == ["Critical", "High", "High", "Medium"]
    assert groups[0].find("a", href="https://peoplecove.example/optout").get_text() == "Opt-out page"


def test_severity_is_labelled_in_text_not_only_colour():
    soup = soup_of(sample_report())
    for article in soup.select("article.finding"):
        badge = article.select_one(".badge")
        assert badge.get_text(strip=True) in {"Critical", "High", "Medium", "Low", "Information"}
    counts = {li.select_one(".badge").get_text(strip=True): li.select_one(".count").get_text()
              for li in soup.select(".severity-counts li")}
    assert counts == {"Critical": "2", "High": "3", "Medium": "2", "Low": "0", "Information": "0"}


def test_kind_and_subject_in_plain_words():
    soup = soup_of(sample_report())
    kinds = [k.get_text() for k in soup.select("article .kind")]
    assert kinds[:4] == ["Home address", "Phone number", "Family member named", "Previous address"]
    relative = soup.select("article.finding")[2]
    assert "Jordan Quinlan (family member)" in relative.get_text()
    assert "Why we think this is about them" in relative.get_text()
    assert kind_label("social_profile") == "Social profile"
    assert kind_label("username") == "Account"


def test_summary_counts_and_unchecked_note():
    summary = soup_of(sample_report()).find("section", id="summary")
    text = summary.get_text(" ", strip=True)
    assert "7 exposures found" in text
    assert "2 sites list your details" in text
    assert "4 of 6 sites searched could be checked" in text and "1 skipped (not searched)" in text
    assert "2 could not be checked" in text
    assert "2 sites could not be checked" in text
    assert summary.find("a", href="#manual-checks") is not None


def site_rows(soup: BeautifulSoup) -> dict[str, str]:
    rows = soup.find("section", id="sites").tbody.find_all("tr")
    return {row.th.bdi.get_text(): row.select_one(".status").get_text() for row in rows}


def test_site_table_plain_status_labels():
    assert site_rows(soup_of(sample_report())) == {
        "PeopleCove": "Listed",
        "FastFindr": "Listed",
        "TrueRecords": "Could not check",
        "QuietLookup": "Not listed",
        "RecordRover": "Results, none about you",
        "DataDune": "Could not check",
        "Phonebookly": "Skipped",
    }


def test_blocked_site_is_a_manual_check_never_not_listed():
    soup = soup_of(sample_report())
    checks = soup.find("section", id="manual-checks").select("li.check")
    by_name = {c.h3.get_text(strip=True): c for c in checks}
    assert set(by_name) == {"TrueRecords", "DataDune", "Phonebookly"}
    blocked = by_name["TrueRecords"]
    search = blocked.find("a", href="https://truerecords.example/find?first=Avery&last=Quinlan")
    assert search is not None and search.get_text() == "Open this search yourself"
    assert blocked.find("a", href="https://truerecords.example/privacy/optout").get_text() == "Opt-out page"
    assert "the site showed a bot challenge" in blocked.get_text()
    assert "Not listed" not in blocked.get_text()
    row = next(tr for tr in soup.find("section", id="sites").tbody.find_all("tr")
               if "TrueRecords" in tr.get_text())
    assert row.select_one(".status").get_text() == "Could not check"
    assert "Not listed" not in row.get_text()


def test_unchecked_site_missing_from_manual_checks_is_added_anyway():
    report = sample_report()
    report["manual_checks"] = []
    del report["tasks"]
    checks = soup_of(report).find("section", id="manual-checks").select("li.check")
    assert [c.h3.get_text(strip=True) for c in checks] == ["TrueRecords", "DataDune"]
    assert checks[0].find("a", href=report["sites"][2]["search_url"]) is not None


@pytest.mark.parametrize("state", ["interrupted", "failed", "running"])
def test_incomplete_scan_shows_banner(state):
    report = sample_report()
    report["scan"]["state"] = state
    report["scan"]["finished_at"] = ""
    soup = soup_of(report)
    banner = soup.find(id="incomplete-notice")
    assert banner is not None
    assert "incomplete" in banner.get_text()
    # the banner comes before the summary, so nobody reads the numbers without it
    assert banner.find_next("section", id="summary") is not None
    assert "not finished" in soup.find("section", id="summary").get_text()


def test_complete_scan_has_no_banner_and_sandbox_is_labelled():
    report = sample_report()
    soup = soup_of(report)
    assert soup.find(id="incomplete-notice") is None
    assert soup.find(id="sandbox-notice") is None
    report["scan"]["mode"] = "sandbox"
    assert soup_of(report).find(id="sandbox-notice") is not None


def test_empty_report_renders_calmly():
    report = sample_report()
    report.update(sites=[], findings=[], manual_checks=[], tasks=[])
    report["summary"].update(findings=0, sites_total=0, sites_searched=0, sites_checked=0, sites_listed=0,
                             sites_unchecked=0, sites_skipped=0)
    report["summary"]["by_severity"] = dict.fromkeys(report["summary"]["by_severity"], 0)
    soup = soup_of(report)
    assert len(soup.find_all("h1")) == 1
    assert soup.find("article") is None
    assert "No site could be checked" in soup.find("section", id="findings").get_text()
    assert "None." in soup.find("section", id="manual-checks").get_text()
    assert "nothing to opt out of" in soup.find("section", id="optouts").get_text()
    assert "Nothing is waiting for you" in soup.find("section", id="first").get_text()


def test_unsafe_source_url_is_shown_not_linked():
    report = sample_report()
    report["findings"][0]["source_url"] = "javascript:alert(1)"
    report["manual_checks"][0]["search_url"] = "data:text/html,<script>alert(1)</script>"
    soup = soup_of(report)
    assert_inert(soup, data_urls(report))
    assert soup.find("a", href=re.compile("^(javascript|data):")) is None
    shown = [s.bdi.get_text() for s in soup.select("span.nolink")]
    assert shown == ["data:text/html,<script>alert(1)</script>", "javascript:alert(1)"]  # manual checks come first


# --- schema drift ----------------------------------------------------------------------


def key_paths(obj: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield path + (key,)
            yield from key_paths(value, path + (key,))
    elif isinstance(obj, list) and obj:
        yield from key_paths(obj[0], path + (0,))


OPTIONAL = {("tasks",), ("changes",)}   # older dicts and `unlisted analyze` reports have neither


@pytest.mark.parametrize("path", [p for p in key_paths(sample_report()) if p not in OPTIONAL],
                         ids=lambda p: ".".join(map(str, p)))
def test_missing_key_raises(path):
    report = sample_report()
    target = report
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    with pytest.raises(ReportSchemaError, match=re.escape(str(path[-1]))):
        render_html(report)


@pytest.mark.parametrize("mutate", [
    lambda r: r["findings"][0].update(severity="urgent"),
    lambda r: r["sites"][0].update(status="MAYBE"),
    lambda r: r["scan"].update(state="paused"),
    lambda r: r["summary"]["by_severity"].update(extreme=1),
    lambda r: r["findings"][0].update(value=None),
    lambda r: r["findings"][0].update(confidence=float("nan")),
    lambda r: r["summary"].update(findings=True),
    lambda r: r["findings"][0]["reasons"].append(3),
    lambda r: r["manual_checks"][0].update(status="NO_RESULTS"),
    lambda r: r["tasks"][0].update(kind="chore"),
    lambda r: r["tasks"][0].update(status="done"),
    lambda r: r["tasks"][0].update(severity="urgent"),
    lambda r: r["tasks"][0].update(methods=["telepathy"]),
    lambda r: r["tasks"][0].update(status_date="23/11/2026"),
    lambda r: r["tasks"][0].update(due_date="soon"),
    lambda r: r["tasks"][0].update(impact="high"),
    lambda r: r["tasks"][0].update(finding_ids=["12"]),
    lambda r: r["tasks"][0].update(links=[{"label": "x"}]),
    lambda r: r["tasks"][0].update(letter={"subject": "x"}),
    lambda r: r["tasks"][0]["steps"].append(None),
    lambda r: r["tasks"][1].update(id=r["tasks"][0]["id"]),
    lambda r: r.update(tasks={"0": r["tasks"][0]}),
])
def test_wrong_values_raise(mutate: Callable[[dict], None]):
    report = sample_report()
    mutate(report)
    with pytest.raises(ReportSchemaError):
        render_html(report)


def test_environment_is_strict_and_autoescaping():
    assert ENV.autoescape is True
    assert ENV.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        ENV.from_string("{{ report.missing }}").render(report={})
    # the real templates run under StrictUndefined too: a view without a field fails
    with pytest.raises(jinja2.UndefinedError):
        ENV.get_template(render_mod.MAIN_TEMPLATE).render(report={}, css="", csp="")
    assert str(ENV.from_string("{{ x }}").render(x="<b>")) == "&lt;b&gt;"


def test_templates_never_mark_data_safe():
    folder = Path(render_mod.TEMPLATE_DIR)
    sources = [p.read_text() for p in folder.rglob("*.j2")]
    assert len(sources) >= 6
    for source in sources:
        assert not re.search(r"\|\s*safe\b", source)
        assert not re.search(r"{%-?\s*autoescape", source)
        assert "<script" not in source.lower()
        assert not re.search(r"\son[a-z]+\s*=", source)
    assert "<" not in render_mod.load_css()


# --- JSON --------------------------------------------------------------------------------


def test_render_json_round_trips():
    report = sample_report()
    out = render_json(report)
    assert out.endswith("\n")
    assert json.loads(out) == report
    assert render_json(json.loads(out)) == out  # stable


def test_render_json_rejects_nan():
    report = sample_report()
    report["findings"][0]["confidence"] = float("nan")
    with pytest.raises(ValueError):
        render_json(report)
