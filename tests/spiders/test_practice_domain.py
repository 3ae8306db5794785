"""Practice website (pages, raw images, PDF metadata) and domain records (WHOIS texts, RDAP JSON), offline."""

from __future__ import annotations

import json

import pytest
import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse

from scanner.engine.items import findings_for_item
from scanner.engine.domain import Contact, domain_findings, parse_rdap, parse_whois
from scanner.sources.targets import DomainTarget, PracticeTarget
from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE, SANDBOX_DIR
from spiders.domain import DomainSpider, whois_verdict
from spiders.items import MediaItem, PageItem, RecordItem
from spiders.practice import PracticeSiteSpider, pdf_info

PROFILE = load_profile(DEMO_PROFILE)
SITE = SANDBOX_DIR / "professional" / "web" / "quinlancounseling.example"
DOMAIN = SANDBOX_DIR / "professional" / "domain"
ROOT = "http://127.0.0.1:1/web/quinlancounseling.example/"


def _spider(**caps):
    done = []
    spider = PracticeSiteSpider(PracticeTarget(ROOT, (ROOT,), **caps), on_site_done=done.append)
    return spider, done


def _page(spider, url, body, kind="search", status=200, depth_left=2):
    req = spider.request(url, "practice_site", spider.parse_page, kind=kind, depth_left=depth_left)
    return HtmlResponse(url, status=status, body=body, encoding="utf-8", request=req,
                        headers={"Content-Type": "text/html; charset=utf-8"})


def test_front_page_yields_the_page_and_requests_only_its_own_pages_images_and_pdfs():
    spider, done = _spider()
    out = list(spider.parse_page(_page(spider, ROOT, (SITE / "index.html").read_bytes())))
    pages = [o for o in out if isinstance(o, PageItem)]
    reqs = [o for o in out if isinstance(o, scrapy.Request)]
    assert len(pages) == 1 and pages[0].site == "practice_site"
    assert {r.url.rsplit("/", 1)[-1] for r in reqs} == {"office.jpg", "logo.png", "about.html", "contact.html", "forms.html"}
    assert all(r.url.startswith(ROOT) for r in reqs)  # example.com/elsewhere is not followed
    images = [r for r in reqs if r.url.endswith((".jpg", ".png"))]
    assert all(r.meta["download_maxsize"] == 15 * 1024 * 1024 for r in images)
    assert all(r.meta["download_slot"] == "practice_site" for r in reqs)


def test_page_and_depth_caps_hold():
    spider, _ = _spider(max_pages=2, max_images=0)
    out = list(spider.parse_page(_page(spider, ROOT, (SITE / "index.html").read_bytes())))
    assert len([o for o in out if isinstance(o, scrapy.Request)]) == 1
    spider, _ = _spider()
    out = list(spider.parse_page(_page(spider, ROOT + "about.html", (SITE / "about.html").read_bytes(), "page", depth_left=0)))
    assert not [o for o in out if isinstance(o, scrapy.Request) and o.url.endswith(".html")]


def test_gps_photo_near_home_is_critical_and_a_photo_without_gps_is_nothing():
    spider, _ = _spider()
    for name, expected in (("office.jpg", [("geolocation", "critical")]), ("logo.png", [])):
        req = spider.request(ROOT + name, "practice_site", spider.parse_image, kind="media")
        (item,) = spider.parse_image(Response(req.url, body=(SITE / name).read_bytes(), request=req))
        assert isinstance(item, MediaItem) and item.data == (SITE / name).read_bytes()
        assert [(f.kind, f.severity) for f in findings_for_item(item, PROFILE)] == expected


def test_about_page_names_the_spouse_and_contact_page_practice_address_is_not_a_finding():
    about = findings_for_item(PageItem("practice_site", ROOT + "about.html", "self", "detail",
                                       (SITE / "about.html").read_text(), ""), PROFILE)
    assert [(f.kind, f.value) for f in about] == [("relative", "Jordan Quinlan")]
    contact = PageItem("practice_site", ROOT + "contact.html", "self", "detail", (SITE / "contact.html").read_text(), "")
    assert findings_for_item(contact, PROFILE) == []


def test_pdf_metadata_is_read_with_a_bounded_regex_and_a_family_author_is_flagged():
    info = pdf_info((SITE / "intake-form.pdf").read_bytes())
    assert info["author"] == "Jordan Quinlan"
    assert pdf_info(b"%PDF-1.7\n" + b"A" * 5_000_000) == {}
    hexed = pdf_info(b"%PDF-1.4\n<< /Author <FEFF004A006F007200640061006E> >>")
    assert hexed["author"] == "Jordan"
    item = RecordItem("practice_site", ROOT + "intake-form.pdf", "pdf_metadata", info)
    (f,) = findings_for_item(item, PROFILE)
    assert f.kind == "file_metadata" and f.subject == "Jordan Quinlan" and f.site == "practice_site"


@pytest.mark.parametrize("status, expected", [(200, "RESULTS"), (403, "BLOCKED"), (500, "ERROR"), (404, "ERROR")])
def test_practice_site_status(status, expected):
    spider, done = _spider()
    list(spider.parse_page(_page(spider, ROOT, b"<html><body>x</body></html>", status=status)))
    assert [d.status for d in done] == [expected]


# ------------------------------------------------------------------------------ WHOIS and RDAP
def test_whois_exposed_and_redacted_texts_parse_offline():
    exposed = parse_whois("quinlancounseling.example", (DOMAIN / "whois_exposed.txt").read_text())
    assert exposed.street == "4821 SE Larkspur Ct" and exposed.phone == "+1.5035550147"
    assert set(exposed.exposed()) >= {"name", "street", "phone", "email"}
    redacted = parse_whois("quinlancounseling.example", (DOMAIN / "whois_redacted.txt").read_text())
    assert redacted.exposed() == {}
    com = parse_whois("quinlancounseling.com", (DOMAIN / "whois_exposed.txt").read_text().replace(".EXAMPLE", ".COM"))
    assert com.city == "Portland"


def test_whois_findings_and_a_huge_text_is_capped():
    text = (DOMAIN / "whois_exposed.txt").read_text()
    found = domain_findings("whois", {"domain": "quinlancounseling.example", "text": text}, "https://lookup.icann.org/", PROFILE)
    kinds = {(f.kind, f.severity) for f in found}
    assert {("home_address", "critical"), ("phone", "high"), ("registrant_contact", "high")} <= kinds
    assert domain_findings("whois", {"domain": "q.example", "text": (DOMAIN / "whois_redacted.txt").read_text()}, "u", PROFILE) == []
    huge = "Registrant Name: " + "a " * 2_000_000
    assert isinstance(parse_whois("q.example", huge), Contact)


def test_rdap_exposed_vcard_and_redacted_record():
    doc = json.loads((DOMAIN / "rdap_exposed.json").read_text())
    contact = parse_rdap(doc)
    assert contact.name == "Avery Quinlan" and contact.postal_code == "97206"
    found = domain_findings("rdap", doc, "https://lookup.icann.org/", PROFILE)
    assert ("home_address", "critical") in {(f.kind, f.severity) for f in found}
    assert domain_findings("rdap", json.loads((DOMAIN / "rdap_redacted.json").read_text()), "u", PROFILE) == []
    assert parse_rdap({"objectClassName": "domain"}) == Contact()


def test_whois_verdicts():
    assert whois_verdict("").status == "ERROR"
    assert whois_verdict('No match for "X.COM".').status == "NO_RESULTS"
    assert whois_verdict((DOMAIN / "whois_exposed.txt").read_text()).status == "RESULTS"


@pytest.mark.parametrize("status, body, expected", [
    (200, (DOMAIN / "rdap_exposed.json").read_bytes(), "RESULTS"), (404, b"{}", "NO_RESULTS"),
    (429, b"", "BLOCKED"), (502, b"", "ERROR"), (200, b"<html>", "ERROR"),
])
def test_rdap_reply_statuses(status, body, expected):
    done = []
    spider = DomainSpider(DomainTarget("quinlancounseling.example", "http://127.0.0.1:1/rdap/domain/q", "w", "l"),
                          on_site_done=done.append)
    req = spider.request(spider.target.rdap_url, "rdap", spider.parse_rdap)
    out = list(spider.parse_rdap(TextResponse(req.url, status=status, body=body, request=req)))
    assert [d.status for d in done] == [expected]
    assert bool(out) == (expected == "RESULTS")
