"""may_concern: a listing it lets analyze_html skip would have given no finding (issue #12, speed)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import phonenumbers.phonenumberutil as pnu
import pytest

from scanner.engine import matcher, prefilter
from scanner.engine.extract import page_drafts
from scanner.engine.identity import index_profile
from scanner.engine.matcher import analyze_html, match_listing, searched_for
from scanner.profile import parse_profile

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import analyze_bench  # noqa: E402
import make_corpus as mc  # noqa: E402


def _profiles():
    out = {pid: parse_profile(doc, source=pid) for pid, doc in mc.PROFILES.items()}
    for pid, doc in mc.PROFILES.items():  # a name and a town only: the possible-match path
        home = doc["addresses"][0]
        out[f"{pid}-name-and-town"] = parse_profile({"schema": 1, "person": {"name": doc["person"]["name"]},
                                                      "addresses": [{"kind": "home", "city": home["city"], "state": home["state"]}]})
    return out


PROFILES = _profiles()
PAGES = [(c.name, c.data, c.card_selector) for c in mc.build() if c.kind == "html" and not c.expect_error]
PAGES += [(f"bench-{i}", analyze_bench.make_page(i, 30), None) for i in (0, 1, 5)]


def _every_listing_read(monkeypatch):
    monkeypatch.setattr(matcher, "may_concern", lambda draft, index: True)


def test_a_skipped_listing_never_has_a_finding():
    skipped = 0
    for pid, profile in PROFILES.items():
        index = index_profile(profile)
        for name, html, selector in PAGES:
            url = f"https://corpus.example/{name}"
            for draft in page_drafts(html, url, selector):
                if not prefilter.may_concern(draft, index):
                    skipped += 1
                    assert match_listing(draft.listing(), profile, mc.TODAY, searched_for(url)) == [], (pid, name)
    assert skipped > 500  # the test is not empty: most strangers' cards are skipped


def test_analyze_html_finds_the_same_as_reading_every_listing(monkeypatch):
    def run():
        return {(pid, name): [f.to_dict() for f in analyze_html(html, f"https://corpus.example/{name}", profile, selector, today=mc.TODAY)]
                for pid, profile in PROFILES.items() for name, html, selector in PAGES}
    fast = run()
    _every_listing_read(monkeypatch)
    assert run() == fast
    assert sum(map(len, fast.values())) > 300


CARD = ("<html><body><div class='results'>{}</div></body></html>")
TRICKY = [  # a stranger's card whose only link to the user is written in an unusual way
    "<div class='r'><h3>Casey Voss</h3><div>Age 50</div><div>Phone: （５０３）５５５-０１４７</div></div>",   # full-width digits
    "<div class='r'><h3>Casey Voss</h3><div>Age 50</div><a href='tel:+1-503-555-0147'>Call</a><div>x</div></div>",    # only in a link
    "<div class='r'><h3>Casey Voss</h3><div>Age 50</div><div>+1 503.555.0147 x12</div></div>",           # extension
    "<div class='r'><h3>Casey Voss</h3><div>Age 50</div><div>4821 SE Larkspur Ct, Portland, OR 97206</div></div>",
    "<div class='r'><h3>Casey Voss</h3><div>Age 50</div><div>4821 Southeast Larkspur Court 97206</div></div>",
    "<div class='r'><h3>Casey Voss</h3><div>Age 50</div><div>AVERY.Q [at] EXAMPLE [dot] COM</div></div>",
    "<div class='r'><h3>Casey Voss</h3><div>Age 50</div><div>Relatives: Avery Quinlan</div></div>",
    "<div class='r'><h3>QUINLAN, AVERY J</h3><div>Age 41</div><div>Portland, OR</div></div>",
    "<div class='r'><h3>Avery Marsh</h3><div>Age 41</div><div>Lives in Portland, OR</div></div>",
]


@pytest.mark.parametrize("card", TRICKY, ids=[f"card{i}" for i in range(len(TRICKY))])
def test_an_unusual_way_of_writing_is_never_skipped(card, monkeypatch):
    other = "<div class='r'><h3>Tatum Ingleby</h3><div>Age 33</div><div>Phone: (614) 555-0112</div><div>Salem, OR 97301</div></div>"
    html = CARD.format(card.replace("</div></div>", "</div><div>Salem, OR 97301</div></div>") + other + other.replace("Tatum", "Blair"))
    profile = PROFILES["avery"]
    index = index_profile(profile)
    drafts = page_drafts(html, "https://people.example/s")
    assert [prefilter.may_concern(d, index) for d in drafts] == [True, False, False]
    fast = analyze_html(html, "https://people.example/s", profile, today=mc.TODAY)
    _every_listing_read(monkeypatch)
    assert analyze_html(html, "https://people.example/s", profile, today=mc.TODAY) == fast


def test_the_keypad_is_phonenumbers_own():
    letters = {k: v for k, v in pnu._ALPHA_PHONE_MAPPINGS.items() if k.isalpha()}
    assert {k: v for k, v in prefilter._KEYPAD.items() if k.isalpha()} == letters
    # phonenumbers looks letters up by their upper case: the only other characters that reach its keypad
    others = {c for c in map(chr, range(128, sys.maxunicode + 1)) if unicodedata.category(c)[0] == "L" and c.upper() in letters}
    assert others == {"\u0131", "\u017f"}
    assert "\u0131x".translate(prefilter._TO_KEYPAD) == "49"
