"""The report's "What changed" section and trend chart: contract (key `changes`), escaping,
accessibility of the inline SVG, geometry from numbers, strictness."""

from __future__ import annotations

import copy
import re

import pytest
from bs4 import BeautifulSoup

from reports import render_html
from reports.changes import trend_chart
from reports.view import ReportSchemaError

from .report_fixtures import sample_report

CHANGE = {"fingerprint": "ab" * 16, "site": "fastfindr", "site_name": "FastFindr", "kind": "home_address",
          "subject": "self", "value": "4821 SE Larkspur Ct, Portland, OR", "severity": "critical", "reason": ""}
CHANGES = {
    "score": 26,
    "score_rule": "each exposure counts by severity: critical 10, high 5, medium 2, low 1",
    "baseline": {"id": 3, "started_at": "2025-01-30 10:17:00 UTC"},
    "diff": {
        "before": {"id": 3, "started_at": "2025-01-30 10:17:00 UTC", "state": "complete"},
        "after": {"id": 4, "started_at": "2025-03-01 10:17:00 UTC", "state": "complete"},
        "counts": {"new": 1, "reappeared": 1, "removed": 1, "unknown": 1, "still_present": 1},
        "changes": {
            "new": [CHANGE],
            "reappeared": [{**CHANGE, "fingerprint": "cd" * 16, "kind": "phone", "value": "(503) 555-0147",
                            "severity": "high"}],
            "removed": [{**CHANGE, "fingerprint": "ef" * 16, "site_name": "PeopleCove", "kind": "relative",
                         "value": "Jordan Quinlan", "severity": "medium"}],
            "unknown": [{**CHANGE, "fingerprint": "01" * 16, "site_name": "TrueRecords", "reason": "not_checked"}],
            "still_present": [{**CHANGE, "fingerprint": "23" * 16}],
        },
        "site_changes": [{"site": "truerecords", "site_name": "TrueRecords", "before": "RESULTS", "after": "BLOCKED"}],
    },
    "trend": [
        {"scan_id": 1, "date": "2024-12-01", "state": "complete", "score": 40, "findings": 6, "open_tasks": None},
        {"scan_id": 3, "date": "2025-01-30", "state": "complete", "score": 31, "findings": 5, "open_tasks": None},
        {"scan_id": 4, "date": "2025-03-01", "state": "complete", "score": 26, "findings": 4, "open_tasks": None},
    ],
    "problems": [{"run_id": 7, "started_at": "2025-02-28 10:17:00 UTC", "outcome": "interrupted", "detail": ""}],
}


def report_with(changes=CHANGES) -> dict:
    data = sample_report()
    data["changes"] = copy.deepcopy(changes)
    return data


def soup_of(data: dict) -> BeautifulSoup:
    return BeautifulSoup(render_html(data), "html.parser")


def test_summary_says_what_changed_and_details_follow_the_plan():
    soup = soup_of(report_with())
    main = soup.find("main")
    ids = [s.get("id") for s in main.find_all("section", recursive=False)]
    assert ids.index("summary") < ids.index("first") < ids.index("manual-checks") < ids.index("changes")
    assert ids.index("changes") < ids.index("findings")
    since = " ".join(soup.find(id="summary").get_text(" ").split())
    assert "Compared with the scan of 2025-01-30 : 1 new, 1 back again, 1 removed, 1 unknown this month." \
        in since.replace("2025-01-30:", "2025-01-30 :")
    assert soup.find(id="summary").find("a", href="#changes") is not None
    assert "The rescan of 2025-02-28 was stopped before it finished" in since
    section = soup.find(id="changes")
    text = section.get_text(" ", strip=True)
    assert "Compared with the scan of 2025-01-30" in text
    for title in ("New", "Back again", "Removed", "Unknown this month"):
        assert section.find("h3", string=title) is not None, title
    assert section.find("h3", string="Still there") is None  # counted, not listed again
    assert "They are not counted as removed" in text and "(the site could not be checked)" in text
    assert "TrueRecords : listed you → could not check (blocked)" in text.replace("TrueRecords:", "TrueRecords :")


def test_trend_chart_is_accessible_inline_svg_without_script():
    soup = soup_of(report_with())
    svg = soup.find(id="changes").find("svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text() == "Exposure score per scan (lower is better)"
    assert "40 on 2024-12-01, 26 on 2025-03-01" in svg.find("desc").get_text()
    assert set(svg["aria-labelledby"].split()) == {svg.find("title")["id"], svg.find("desc")["id"]}
    points = svg.find("polyline")["points"].split()
    assert len(points) == 3 and all(re.fullmatch(r"\d+(\.\d+)?,\d+(\.\d+)?", p) for p in points)
    assert [c.find("title").get_text() for c in svg.find_all("circle")][-1] == "2025-03-01: exposure score 26"
    assert not soup.find_all("script") and not svg.find_all(attrs={"style": True})
    assert not any(attr.startswith("on") for tag in svg.find_all(True) for attr in tag.attrs)
    assert soup.find("table").find("caption") is not None or soup.find("caption", string=re.compile("score"))


def test_first_scan_says_so_and_old_dicts_still_render():
    first = copy.deepcopy(CHANGES)
    first.update(baseline=None, diff=None, problems=[], trend=first["trend"][-1:])
    text = soup_of(report_with(first)).find(id="changes").get_text(" ", strip=True)
    assert "This is the first scan" in text
    assert soup_of(sample_report()).find(id="changes") is None


def _string_paths(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _string_paths(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _string_paths(v, path + (i,))
    elif isinstance(obj, str):
        yield path


FREE_TEXT = {"site_name", "value", "score_rule", "detail"}


@pytest.mark.parametrize("payload", ['<script>alert(1)</script>', '"><svg onload=alert(1)>', "</title><b>x</b>"])
def test_hostile_text_in_changes_is_text(payload):
    changes = copy.deepcopy(CHANGES)
    changes["problems"][0].update(outcome="complete", detail="x")
    targets = [p for p in _string_paths(changes) if p[-1] in FREE_TEXT]
    assert len(targets) >= 8
    for path in targets:
        node = changes
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = payload
    html = render_html(report_with(changes))
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script") and not soup.find_all("b")
    assert len(soup.find_all("svg")) == 1 and not soup.find_all(attrs={"onload": True})
    assert payload in soup.find(id="changes").get_text()


@pytest.mark.parametrize("mutate, where", [
    (lambda c: c["diff"]["changes"]["new"][0].update(severity="extreme"), "changes.diff.changes.new[0].severity"),
    (lambda c: c["diff"]["changes"]["unknown"][0].update(reason="maybe"), "changes.diff.changes.unknown[0].reason"),
    (lambda c: c["diff"]["counts"].pop("removed"), "changes.diff.counts.removed"),
    (lambda c: c["trend"][0].update(score="40"), "changes.trend[0].score"),
    (lambda c: c["trend"][0].update(open_tasks="3"), "changes.trend[0].open_tasks"),
    (lambda c: c["problems"][0].update(outcome="exploded"), "changes.problems[0].outcome"),
    (lambda c: c["diff"]["site_changes"][0].update(after="MAYBE"), "changes.diff.site_changes[0].after"),
    (lambda c: c.pop("score"), "changes.score"),
])
def test_schema_drift_names_the_path(mutate, where):
    changes = copy.deepcopy(CHANGES)
    mutate(changes)
    with pytest.raises(ReportSchemaError, match=re.escape(where)):
        render_html(report_with(changes))


def test_chart_geometry_from_numbers():
    one = trend_chart([{"date": "2025-01-01", "state": "complete", "score": 7, "findings": 2, "open_tasks": None}])
    [series] = one.series
    assert series.points == "294.0,59.6"  # a single scan sits in the middle; scale 0..10 (14 + 152 * 0.3)
    points = [{"date": f"2025-0{i + 1}-01", "state": "complete", "score": s, "findings": 1, "open_tasks": t}
              for i, (s, t) in enumerate([(120, 3), (60, 2), (0, 0)])]
    chart = trend_chart(points)
    assert [t.label for t in chart.y_ticks] == ["0", "100", "200"]
    score, tasks = chart.series  # open tasks appear once every scan has them (issue #6 hook)
    assert score.points == "44.0,74.8 294.0,120.4 544.0,166.0"  # plot 44..544 x 14..166, scale 0..200
    assert tasks.dashed and tasks.name == "Open tasks"
    assert trend_chart([]) is None
