"""Block and no-results detection judge what a visitor sees (issue #18, classes 4-6).

Each case is a page shape real sites serve: ad scripts that inject invisible captcha frames into a
results page, Cloudflare's page scripts on an ordinary page, a challenge page in another language,
a "Found 0 results" page with a sponsored card, a hidden "no results" template on a results page.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scanner.sandbox.server import render_fixture
from spiders.catalog import default_catalog
from spiders.detection import BLOCKED, NO_RESULTS, RESULTS, Page, classify, find_wall

SITES = {s.id: s for s in default_catalog()}
FPS = SITES["fastpeoplesearch"]


def fixture(site_id: str, name: str) -> str:
    return render_fixture(SITES[site_id].fixture(name).read_text("utf-8"), "http://127.0.0.1:1/s/x", dt.date(2026, 12, 7))


def inject(page: str, extra: str) -> str:
    return page.replace("</body>", extra + "</body>")


INVISIBLE_WIDGETS = [
    '<iframe src="https://www.google.com/recaptcha/api2/anchor?k=6Lc&amp;size=invisible" width="0" height="0"></iframe>',
    '<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid=x" style="display: none"></iframe>',
    '<div class="g-recaptcha" data-size="invisible" style="visibility:hidden"></div>',
    '<div hidden><div class="h-captcha"></div></div>',
    '<iframe title="reCAPTCHA" src="https://www.google.com/recaptcha/api2/bframe" style="width: 0px; height: 0px"></iframe>',
]


@pytest.mark.parametrize("widget", INVISIBLE_WIDGETS)
def test_an_invisible_captcha_an_ad_script_injected_does_not_make_a_results_page_a_wall(widget):
    assert classify(200, inject(fixture("fastpeoplesearch", "results.html"), widget), FPS.detection).status == RESULTS


@pytest.mark.parametrize("script", [
    '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>',     # Cloudflare's page script
    '<script src="https://js.datadome.co/tags.js" async></script>',                 # DataDome's page tag
    '<script src="//client.perimeterx.net/PXa1b2c3/main.min.js"></script>',         # PerimeterX's sensor
    '<a href="/name/avery-quinlan?__cf_chl_tk=abc123">next page</a>',              # a token left in a link
])
def test_a_protection_vendors_ordinary_page_script_is_not_a_wall(script):
    assert classify(200, inject(fixture("fastpeoplesearch", "results.html"), script), FPS.detection).status == RESULTS


@pytest.mark.parametrize("widget", [w.replace(' width="0" height="0"', "").replace("display: none", "")
                                    .replace("visibility:hidden", "").replace("<div hidden>", "<div>")
                                    .replace("width: 0px; height: 0px", "") for w in INVISIBLE_WIDGETS])
def test_the_same_captcha_made_visible_is_a_wall_even_beside_results(widget):
    verdict = classify(200, inject(fixture("fastpeoplesearch", "results.html"), widget), FPS.detection)
    assert verdict.status == BLOCKED and verdict.challenge


CHALLENGE_RU = """<!DOCTYPE html><html lang="ru-RU"><head><title>Один момент…</title>
<meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper" role="main">
<div class="main-content"><h1 class="zone-name-title h1">www.example.com</h1>
<h2 class="h2" id="challenge-running">Проверка, что вы человек. Это может занять несколько секунд.</h2>
<div id="challenge-body-text" class="core-msg spacer">Сначала www.example.com необходимо проверить
безопасность вашего подключения.</div></div></div>
<script>(function(){var cpo = document.createElement('script');
cpo.src = '/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8a1b2c3d4e5f6a7b';
document.getElementsByTagName('head')[0].appendChild(cpo);}());</script></body></html>"""


@pytest.mark.parametrize("status", [403, 200])
def test_a_cloudflare_challenge_in_another_language_is_a_challenge(status):
    verdict = classify(status, CHALLENGE_RU, FPS.detection)
    assert verdict.status == BLOCKED and verdict.challenge and "Cloudflare" in verdict.detail
    assert find_wall(Page(status, CHALLENGE_RU)).why == verdict.detail


def test_a_challenge_page_that_shows_a_results_marker_is_still_a_wall():
    page = fixture("fastpeoplesearch", "blocked.html").replace("</body>", '<div class="people-list"><div class="card"></div></div></body>')
    assert classify(200, page, FPS.detection).status == BLOCKED


def test_found_zero_results_with_a_sponsored_card_is_no_results():
    page = fixture("fastpeoplesearch", "no_results.html").replace(
        "</body>", '<h2>We found 0 results for averyq@example.com</h2><div class="people-list"><div class="card sponsored">'
        "<h3>Sponsored</h3><p>Search public records for averyq@example.com</p></div></div></body>")
    assert classify(200, page, FPS.detection).status == NO_RESULTS
    facet = inject(fixture("fastpeoplesearch", "results.html"), "<aside>Alaska (0 results)</aside>")
    assert classify(200, facet, FPS.detection).status == RESULTS


def test_a_hidden_no_results_template_on_a_results_page_says_nothing():
    template = '<div id="notfound_container" style="display:none"><p>No records found.</p></div>'
    assert classify(200, inject(fixture("fastpeoplesearch", "results.html"), template), FPS.detection).status == RESULTS
    shown = template.replace(' style="display:none"', "")
    assert classify(200, fixture("fastpeoplesearch", "no_results.html") + shown, FPS.detection).status == NO_RESULTS
