"""The HTML/JSON report: self-contained, escaped by construction, honest about gaps."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterator

import jinja2
import pytest
from bs4 import BeautifulSoup

from reports import ReportSchemaError, render_html, render_json
from reports import render as render_mod
from reports.render import ENV, safe_url
from reports.labels import kind_label

try:
    from .report_fixtures import ENUM_KEYS, URL_KEYS, sample_report
except ImportError:  # tests/unit is not a package
    from report_fixtures import ENUM_KEYS, URL_KEYS, sample_report

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "{{7*7}} {% raw %} {# c #}",
    "\u202egpj.exe \u2066x\u2069",
    "</style></title><!-- & &amp; ]]>",
    "A" * 100_000,
]
HOSTILE_IDS = ["script", "img-onerror", "attr-quote", "js-url", "data-url", "jinja",
               "rtl", "close-tags", "100kb"]


# --- helpers -------------------------------------------------------------------------


def soup_of(report: dict) -> BeautifulSoup:
    return BeautifulSoup(render_html(report), "lxml")


def text_of(soup: BeautifulSoup) -> str:
    return soup.get_text()


def string_leaves(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, value) for every string in the report; path items are keys or indexes."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from string_leaves(value, path + (key,))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from string_leaves(value, path + (i,))
    elif isinstance(obj, str):
        yield path, obj


def set_path(obj: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        obj = obj[key]
    obj[path[-1]] = value


def is_enum(path: tuple) -> bool:
    return (path[0], path[-1]) in ENUM_KEYS or (len(path) > 2 and (path[0], path[-2]) in ENUM_KEYS)


def is_url(path: tuple) -> bool:
    return path[-1] in URL_KEYS


def poisoned(payload: str, include_urls: bool) -> dict:
    """Sample report with ``payload`` prefixed to every free-text string.

    Prefixing (not replacing) keeps every value unique and keeps references between
    sites and findings intact, so the document structure must stay the same.
    """
    report = sample_report()
    for path, value in list(string_leaves(report)):
        if is_enum(path) or (is_url(path) and not include_urls) or value == "":
            continue  # an empty optional field stays empty: filling it would change what is shown
        set_path(report, path, payload + value)
    return report


def structure(soup: BeautifulSoup) -> list[tuple[str, tuple[str, ...]]]:
    return [(el.name, tuple(sorted(el.attrs))) for el in soup.find_all(True)]


def data_urls(report: dict) -> set[str]:
    return {value for path, value in string_leaves(report) if is_url(path)}


def assert_inert(soup: BeautifulSoup, allowed_urls: set[str]) -> None:
    """No scripts, no external loads, only allow-listed links."""
    assert soup.find("script") is None
    assert soup.find_all(["iframe", "object", "embed", "img", "base", "form", "link",
                          "frame", "svg", "math", "video", "audio", "source"]) == []
    assert len(soup.find_all("style")) == 1
    ids = {el["id"] for el in soup.find_all(id=True)}
    for el in soup.find_all(True):
        for attr in el.attrs:
            assert not attr.lower().startswith("on"), (el.name, attr)
            assert attr not in ("style", "src", "srcset", "action", "formaction", "background")
    for a in soup.find_all("a"):
        href = a["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
            continue
        assert re.match(r"https?://", href), href
        assert href in allowed_urls, href
        assert a.get("rel") == ["noopener", "noreferrer", "nofollow"]
        assert a.get("target") == "_blank"


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
    assert "4 of 7 sites checked" in text
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
    assert set(by_name) == {"TrueRecords", "DataDune"}
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
    report.update(sites=[], findings=[], manual_checks=[])
    report["summary"].update(findings=0, sites_total=0, sites_checked=0, sites_listed=0,
                             sites_unchecked=0)
    report["summary"]["by_severity"] = dict.fromkeys(report["summary"]["by_severity"], 0)
    soup = soup_of(report)
    assert len(soup.find_all("h1")) == 1
    assert soup.find("article") is None
    assert "No site could be checked" in soup.find("section", id="findings").get_text()
    assert "None." in soup.find("section", id="manual-checks").get_text()


# --- hostile data --------------------------------------------------------------------


@pytest.mark.parametrize("payload", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_text_adds_no_markup_and_is_shown_as_text(payload):
    clean = soup_of(sample_report())
    report = poisoned(payload, include_urls=False)
    soup = soup_of(report)
    assert structure(soup) == structure(clean)
    assert_inert(soup, data_urls(report))
    text = text_of(soup)
    hidden = {"fingerprint", "id", "site", "head"}  # keys, not shown
    for path, value in string_leaves(report):
        if is_enum(path) or is_url(path) or path[-1] in hidden:
            continue
        if path[-1] == "site_name" and path[0] == "findings":
            continue  # the group heading uses the site's own name
        expected = kind_label(value) if path[-1] == "kind" else value
        assert expected in text, path
    assert payload in soup.select_one("p.prepared bdi").get_text()


@pytest.mark.parametrize("payload", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_urls_become_text_not_links(payload):
    clean = soup_of(sample_report())
    report = poisoned(payload, include_urls=True)
    soup = soup_of(report)
    assert_inert(soup, data_urls(report))
    extra = Counter(el.name for el in soup.find_all(True))
    extra.subtract(Counter(el.name for el in clean.find_all(True)))
    assert {name for name, n in extra.items() if n > 0} <= {"span", "bdi"}
    assert soup.find_all("a", href=re.compile("^http")) == []
    shown = [s.bdi.get_text() for s in soup.select("span.nolink")]
    for f in report["findings"]:
        assert f["source_url"] in shown
    for check in report["manual_checks"]:
        assert check["search_url"] in shown and check["optout_url"] in shown


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "\tjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
    "//evil.example/x", "https://", "http:///path", "https:evil.example", "ftp://a.example/",
    "https://peoplecove.example@evil.example/", "https://a.example/\u202egpj.exe",
    "https://a.example/ x", "https:\\\\evil.example", "http://[::1", "", "https://a.example/" + "a" * 5000,
])
def test_safe_url_rejects(url):
    assert safe_url(url) is None


@pytest.mark.parametrize("url", [
    "https://peoplecove.example/search?name=Avery+Quinlan&state=OR",
    "http://a.example", "HTTPS://A.EXAMPLE/x#frag", "https://a.example:8443/p?q=%3Cb%3E",
    "https://bücher.example/",
])
def test_safe_url_accepts(url):
    assert safe_url(url) == url


def test_unsafe_source_url_is_shown_not_linked():
    report = sample_report()
    report["findings"][0]["source_url"] = "javascript:alert(1)"
    report["manual_checks"][0]["search_url"] = "data:text/html,<script>alert(1)</script>"
    soup = soup_of(report)
    assert_inert(soup, data_urls(report))
    assert soup.find("a", href=re.compile("^(javascript|data):")) is None
    shown = [s.bdi.get_text() for s in soup.select("span.nolink")]
    assert shown == ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>"]


# --- schema drift ----------------------------------------------------------------------


def key_paths(obj: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield path + (key,)
            yield from key_paths(value, path + (key,))
    elif isinstance(obj, list) and obj:
        yield from key_paths(obj[0], path + (0,))


@pytest.mark.parametrize("path", list(key_paths(sample_report())), ids=lambda p: ".".join(map(str, p)))
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


@pytest.mark.parametrize("payload", ["", *HOSTILE], ids=["clean", *HOSTILE_IDS])
def test_render_json_round_trips(payload):
    report = poisoned(payload, include_urls=True)
    out = render_json(report)
    assert out.endswith("\n")
    assert json.loads(out) == report
    assert render_json(json.loads(out)) == out  # stable


def test_render_json_rejects_nan():
    report = sample_report()
    report["findings"][0]["confidence"] = float("nan")
    with pytest.raises(ValueError):
        render_json(report)


# --- opt-outs by parent company ------------------------------------------------------


def test_optouts_grouped_by_parent_company_one_request_each():
    soup = soup_of(sample_report())
    section = soup.find("section", id="optouts")
    families = section.select("li.family")
    assert [f.h3.get_text(strip=True) for f in families] == ["Lookup Holdings LLC", "PeopleCove"]
    family = families[0]
    assert "One request at LookupHoldings covers the 1 site that listed you: FastFindr" in family.get_text(" ", strip=True)
    assert family.find("a", href="https://lookupholdings.example/optout").get_text() == "Opt-out page"
    assert "an online form or an email" in family.get_text()
    assert "privacy@lookupholdings.example" in family.get_text()
    assert "the link to your listing" in [li.get_text() for li in family.select("ul.requires li")]
    assert "Usually done within 3 days" in family.get_text() and "Check again after 30 days" in family.get_text()
    assert family.find("a", href="https://fastfindr.example/remove-my-info") is not None  # the storefront's own page
    alone = families[1]
    assert "stands alone" in alone.get_text() and "Usually done within" not in alone.get_text()


def test_optout_family_with_unknown_method_is_rejected():
    report = sample_report()
    report["optout_families"][0]["methods"] = ["telepathy"]
    with pytest.raises(ReportSchemaError, match=r"optout_families\[0\]\.methods"):
        render_html(report)


def test_skipped_site_in_manual_checks_says_not_searched():
    report = sample_report()
    report["manual_checks"].append({"site": "phonebookly", "site_name": "Phonebookly", "status": "SKIPPED",
                                    "reason": "not searched automatically: its search is a form",
                                    "search_url": "https://phonebookly.example/reverse",
                                    "optout_url": "https://phonebookly.example/remove"})
    checks = soup_of(report).find("section", id="manual-checks").select("li.check")
    skipped = next(c for c in checks if "Phonebookly" in c.h3.get_text())
    assert "Not searched:" in skipped.get_text() and "Could not check" not in skipped.get_text()
    assert skipped.find("a", href="https://phonebookly.example/reverse") is not None


def test_reportdata_families_use_the_parents_page_and_keep_lone_sites_apart():
    from scanner.reportdata import optout_families
    from spiders.catalog import default_catalog

    catalog = {s.id: s for s in default_catalog()}
    families = optout_families(catalog, ["truepeoplesearch", "fastpeoplesearch", "usphonebook", "radaris", "intelius"])
    by_parent = {f["parent"]: f for f in families}
    pf = by_parent["PeopleFinders"]
    assert pf["head"] == "peoplefinders" and pf["optout_url"] == catalog["peoplefinders"].optout.url
    assert [s["id"] for s in pf["sites"]] == ["truepeoplesearch", "fastpeoplesearch", "usphonebook"]
    assert "truepeoplesearch.com" in pf["covers"]
    assert by_parent["PeopleConnect"]["optout_url"].startswith("https://suppression.peopleconnect.us")
    assert families[0]["parent"] == "PeopleFinders"  # the family with most listings first
    assert [f["sites"][0]["id"] for f in families if f["parent"] == "Radaris"] == ["radaris"]


def test_finding_fix_is_optional_shown_escaped_and_linked_safely():
    report = sample_report()
    assert "fix" not in report["findings"][0]  # optional: older reports still render
    report["findings"][0]["fix"] = "Change the NPPES mailing address <b>now</b>"
    report["findings"][0]["fix_url"] = "https://nppes.cms.hhs.gov/"
    report["findings"][1]["fix"] = "Edit the profile"
    report["findings"][1]["fix_url"] = "javascript:alert(1)"
    soup = soup_of(report)
    fixes = soup.select("dd.fix")
    assert len(fixes) == 2
    assert "<b>now</b>" in fixes[0].get_text() and fixes[0].find("b") is None
    assert fixes[0].find("a", href="https://nppes.cms.hhs.gov/") is not None
    assert not soup.find("a", href="javascript:alert(1)")


def test_finding_fix_of_the_wrong_type_is_a_schema_error():
    report = sample_report()
    report["findings"][0]["fix"] = ["not", "text"]
    with pytest.raises(ReportSchemaError, match=r"findings\[0\]\.fix"):
        render_html(report)
