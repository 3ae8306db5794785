"""Professional sources: data tables, planners (only the fields each source needs), NPI, directories and
boards parsing, on recorded-style replies and sandbox pages. No crawl, no network."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
import scrapy
from scrapy.http import HtmlResponse, TextResponse

from scanner.config import Config
from scanner.profile import load_profile
from scanner.sources import professional as plans, professional_data as data
from scanner.engine.records import npi_findings
from scanner.sandbox.server import DEMO_PROFILE, SANDBOX_DIR
from scanner.sandbox.routes import RouteContext
from spiders.items import PageItem, RecordItem
from spiders.npi import NpiSpider, read_reply

PROFILE = load_profile(DEMO_PROFILE)
TODAY = dt.date(2026, 11, 23)
SB = "http://127.0.0.1:1"
NPI_DIR = SANDBOX_DIR / "professional" / "npi"


def test_every_data_file_loads_and_every_source_has_a_name_and_a_fix():
    names = data.source_names()
    assert len(data.directories()) >= 12 and len(data.boards().boards) >= 5
    for sid in names:
        text, url = data.fix_for(sid)
        assert text, sid
        assert url == "" or url.startswith("https://"), sid
    assert data.fix_for("npi")[1] == "https://nppes.cms.hhs.gov/" and "PO box" in data.fix_for("npi")[0]
    assert data.fix_for("nosuchsource") == ("", "")
    assert {"OR", "CA", "WA", "NY"} <= {b.state for b in data.boards().boards}


@pytest.mark.parametrize("change, message", [
    (lambda d: d["directory"][0].update(colour="red"), "directory[0].colour: unknown key"),
    (lambda d: d["directory"][0]["search"][0].update(path="/x/{npi}"), 'needs does not declare "npi"'),
    (lambda d: d["directory"][0].update(results=["xpath://a"]), "must start with css:"),
    (lambda d: d["directory"][0].update(kind="blog"), "is not one of"),
    (lambda d: d["directory"][0].pop("fix"), "directory[0].fix: is required"),
    (lambda d: d["directory"][1].update(id=d["directory"][0]["id"]), "is repeated"),
])
def test_directory_table_is_strict(change, message):
    import tomllib

    doc = tomllib.loads((data.DATA_DIR / "directories.toml").read_text())
    change(doc)
    with pytest.raises(data.SourceDataError, match=message.replace("[", r"\[").replace("]", r"\]")):
        data.parse_directories(doc)


def test_board_and_source_tables_are_strict():
    import tomllib

    doc = tomllib.loads((data.DATA_DIR / "boards.toml").read_text())
    doc["board"][0]["professions"] = ["astrology"]
    with pytest.raises(data.SourceDataError, match="is not one of"):
        data.parse_boards(doc)
    with pytest.raises(data.SourceDataError, match="unknown key"):
        data.parse_sources({"npi": {"name": "x", "fix": "y", "fix_url": "", "source": "z", "extra": 1}})


def test_npi_check_digit():
    assert plans.npi_valid("1234567893")
    assert not plans.npi_valid("1234567890") and not plans.npi_valid("12345") and not plans.npi_valid("")


def _plans(profile, sandbox=SB):
    config = Config(home=Path("/nonexistent"), sandbox_url=sandbox)
    return [p for planner in (plans.plan_npi, plans.plan_directories, plans.plan_licence,
                              plans.plan_practice_site, plans.plan_domain) for p in planner(profile, config, TODAY)]


def _urls(plan) -> list[str]:
    kw = plan.job.kwargs if plan.job else {}
    if "targets" in kw:
        return [u for t in kw["targets"] for u in t.searches]
    target = kw.get("target")
    return list(getattr(target, "searches", ())) + [getattr(target, "start_url", ""), getattr(target, "rdap_url", "")]


def test_each_search_sends_only_the_fields_it_needs():
    secrets = ("555", "0147", "Larkspur", "example.com", "1984", "Jordan", "97206", "averyq")
    all_urls = [u for p in _plans(PROFILE) for u in _urls(p) if u]
    assert len(all_urls) >= 10
    for url in all_urls:
        assert not any(s.lower() in url.lower() for s in secrets), url
    for url in all_urls:
        if "/board/" in url:
            assert "C4567" in url and "Quinlan" not in url
        if "/dir/npi_" in url:
            assert "1234567893" in url and "Quinlan" not in url


def test_without_a_practice_section_every_professional_source_is_skipped_with_a_reason():
    bare = dataclasses.replace(PROFILE, practice=None)
    found = _plans(bare)
    assert all(p.job is None for p in found)
    skipped = {sid: why for p in found for sid, why in p.skipped}
    reported = {sid for p in found for sid, _ in p.sources}
    assert reported == set(skipped) and "npi" in skipped and "practice_site" in skipped and "rdap" in skipped
    assert all(why for why in skipped.values())


def test_licence_number_picks_the_board_and_unknown_states_get_a_manual_check():
    assert [b.id for b in plans.boards_for("OR", "C4567")] == ["board_or_lpct"]
    assert {b.id for b in plans.boards_for("OR", "")} == {"board_or_lpct", "board_or_blsw", "board_or_psych"}
    other = dataclasses.replace(PROFILE, practice=dataclasses.replace(PROFILE.practice, license_state="VT"))
    (plan,) = plans.plan_licence(other, Config(home=Path("/x")), TODAY)
    (target,) = plan.job.kwargs["targets"]
    assert target.source == "board_other" and target.manual_reason and not target.searches


def test_real_mode_points_at_the_real_hosts():
    urls = [u for p in _plans(PROFILE, sandbox="") for u in _urls(p) if u]
    assert any(u.startswith("https://npiregistry.cms.hhs.gov/api/?version=2.1&number=1234567893") for u in urls)
    assert "https://quinlancounseling.example/" in urls and "https://rdap.org/domain/quinlancounseling.example" in urls
    assert all(u.startswith("https://") for u in urls)


# ------------------------------------------------------------------------------ NPI
def test_npi_reply_hit_miss_errors_and_blocks():
    hit = (NPI_DIR / "quinlan.json").read_bytes()
    assert read_reply(200, hit)[0].status == "RESULTS" and len(read_reply(200, hit)[1]) == 1
    assert read_reply(200, b'{"result_count": 0, "results": []}')[0].status == "NO_RESULTS"
    errors = read_reply(200, b'{"Errors": [{"description": "No valid search criteria"}]}')[0]
    assert errors.status == "ERROR" and "could not answer" in errors.detail
    assert read_reply(429, b"")[0].status == "BLOCKED"
    assert read_reply(503, b"")[0].status == "ERROR"
    assert read_reply(200, b"<html>maintenance</html>")[0].status == "ERROR"


def test_npi_mailing_address_at_home_is_critical_and_namesakes_and_po_boxes_are_not():
    record = json.loads((NPI_DIR / "quinlan.json").read_text())["results"][0]
    found = npi_findings(record, "https://npiregistry.cms.hhs.gov/provider-view/1234567893", PROFILE)
    assert [(f.kind, f.severity) for f in found] == [("home_address", "critical")]
    assert "Mailing address" in found[0].evidence
    assert npi_findings(json.loads((NPI_DIR / "namesake.json").read_text()), "u", PROFILE) == []
    record["addresses"][1].update(address_1="PO BOX 1187", postal_code="97206")
    assert npi_findings(record, "u", PROFILE) == []


def test_npi_spider_yields_records_and_an_errors_body_is_could_not_check():
    from scanner.sources.targets import NpiTarget

    done = []
    spider = NpiSpider(NpiTarget((f"{SB}/npi/api/?number=1",), f"{SB}/npi"), on_site_done=done.append)
    req = spider.request(f"{SB}/npi/api/?number=1", "npi", spider.parse_api)
    out = list(spider.parse_api(TextResponse(req.url, body=(NPI_DIR / "quinlan.json").read_bytes(), request=req)))
    assert [type(o) for o in out] == [RecordItem] and out[0].url.endswith("/provider-view/1234567893")
    assert done[0].status == "RESULTS"
    done.clear()
    spider = NpiSpider(NpiTarget((f"{SB}/npi/api/?number=1",), f"{SB}/npi"), on_site_done=done.append)
    req = spider.request(f"{SB}/npi/api/?number=1", "npi", spider.parse_api)
    assert list(spider.parse_api(TextResponse(req.url, body=b'{"Errors": [{"description": "x"}]}', request=req))) == []
    assert done[0].status == "ERROR"


# ------------------------------------------------------------------------------ directories and boards (sandbox pages)
def _sandbox_page(route, url: str, settings: dict):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    prefix, _, rest = parts.path.lstrip("/").partition("/")
    reply = route("/" + rest, parts.query, RouteContext(root=SB, today=TODAY, settings=settings))
    return reply.status, reply.body


def _run_pages(target, settings):
    from scanner.sandbox.professional import board, directory
    from spiders.professional import ProfessionalPagesSpider

    route = board if "/board/" in target.base else directory
    done, items = [], []
    spider = ProfessionalPagesSpider(targets=(target,), on_site_done=done.append)
    queue = [spider.request(u, target.source, spider.parse_search) for u in target.searches]
    while queue:
        req = queue.pop()
        status, body = _sandbox_page(route, req.url, settings)
        for out in req.callback(HtmlResponse(req.url, status=status, body=body, encoding="utf-8", request=req)):
            (queue if isinstance(out, scrapy.Request) else items).append(out)
    return done, items


def _target(source_id):
    plan = next(p for p in _plans(PROFILE) if p.job and any(t.source == source_id for t in p.job.kwargs.get("targets", ())))
    return next(t for t in plan.job.kwargs["targets"] if t.source == source_id)


@pytest.mark.parametrize("settings, status, kinds", [
    ({"pages": {"dir_goodtherapy": "personal"}}, "RESULTS", {"phone", "relative"}),
    ({"pages": {"dir_goodtherapy": "practice"}}, "RESULTS", set()),
    ({}, "NO_RESULTS", set()),
    ({"blocked": ["dir_goodtherapy"]}, "BLOCKED", set()),
    ({"error": ["dir_goodtherapy"]}, "ERROR", set()),
])
def test_directory_hit_practice_only_miss_blocked_error(settings, status, kinds):
    from scanner.engine.items import findings_for_item

    done, items = _run_pages(_target("dir_goodtherapy"), settings)
    assert [d.status for d in done] == [status]
    found = {f.kind for i in items for f in findings_for_item(i, PROFILE)}
    assert found == kinds
    if kinds:
        assert any(isinstance(i, PageItem) and i.page_kind == "detail" for i in items)


@pytest.mark.parametrize("mode, status, kinds", [
    ("normal", "RESULTS", {"home_address"}), ("miss", "NO_RESULTS", set()), ("blocked", "BLOCKED", set()),
    ("down", "ERROR", set()),
])
def test_board_lookup_address_of_record(mode, status, kinds):
    from scanner.engine.items import findings_for_item

    done, items = _run_pages(_target("board_or_lpct"), {"mode": mode})
    assert [d.status for d in done] == [status]
    assert {f.kind for i in items for f in findings_for_item(i, PROFILE)} == kinds


def test_manual_sources_end_skipped_with_the_page_to_open_and_no_request():
    import asyncio

    from spiders.professional import ProfessionalPagesSpider

    done: list = []
    spider = ProfessionalPagesSpider(targets=(_target("dir_doximity"),), on_site_done=done.append)

    async def drain():
        return [x async for x in spider.start()]

    items = asyncio.run(drain())
    assert [(d.status, d.search_url) for d in done] == [("SKIPPED", "https://www.doximity.com/")]
    assert "cannot be searched automatically" in done[0].detail and not items
