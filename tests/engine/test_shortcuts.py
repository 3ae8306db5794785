"""The engine's shortcuts (issue #12, speed) give what the long way gives: each is compared with the long way
on the labelled corpus, the blind corpus, the catalog's fixtures and written forms chosen to be awkward."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from lxml import etree

from scanner.engine import extract, names, normalize, textnorm
from scanner.engine.extract import element_text, page_drafts, parse_html
from scanner.engine.markup import visible_page
from scanner.engine.names import find_name, name_key
from scanner.engine.normalize import find_emails

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

import make_corpus as mc  # noqa: E402

CORPUS = [c.data for c in mc.build() if c.kind == "html" and not c.expect_error]
OTHERS = [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus_blind" / "pages").glob("*.html"))]
OTHERS += [p.read_bytes() for p in sorted((ROOT / "spiders" / "catalog" / "fixtures").rglob("*.html"))]
PAGES = CORPUS + OTHERS
EMAIL_FORMS = [
    "avery.q [at] example [dot] com", "avery.q (AT) example (DOT) com", "avery.q at example dot com", "avery.q -at- example -dot- com",
    "avery.q{at}example{dot}com", "avery.q <At> example <dot> com", "avery.q&#64;example.com", "avery.q ＠ example ． com",
    "avery.q @ example . com", "avery.q[@]example[.]com", "Email: Avery.Q@Example.com.",
]
AWKWARD = EMAIL_FORMS + [
    "QUINLAN, AVERY J", "Morgan Quinlan, Avery Smith", "Avery  Quinlan-Marsh", "Avery Quinlan Marsh", "AVERY QUİNLAN",
    "meet me at home at noon", "Relatives: Atwater, Kate", "Kelvin \u212aim", "Kate Atwater-Quinlan", "Kim Atwater Quinlan",
]


def _page_texts(pages) -> list[str]:
    out = []
    for html in pages:
        try:
            out += [d.full_text for d in page_drafts(html, "https://corpus.example/p")]
        except extract.ExtractError:
            continue
    return out


TEXTS = _page_texts(PAGES) + AWKWARD


def test_collapse_splits_on_the_whitespace_of_the_regex_it_replaces():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"\s", every) == [c for c in every if c.isspace()]
    spaces = "".join(c for c in every if c.isspace())
    text = f"{spaces} a\x00b{spaces}c {spaces}\x00"
    assert textnorm.collapse(text) == re.sub(r"\s+", " ", text.replace("\x00", " ")).strip() == "a b c"


def test_two_signals_is_two_of_the_signals():
    seen = {True: 0, False: 0}
    for text in TEXTS:
        for part in [text] + text.split(", "):
            fast = extract._two_signals(part)
            assert fast == (sum(1 for rx in extract._SIGNALS if rx.search(part)) >= 2), part
            seen[fast] += 1
    assert seen[True] > 100 and seen[False] > 100


def _cards(html: bytes) -> list[str]:
    root = parse_html(extract.decode(html))
    visible_page(root, extract.decode(html))
    extract._prepare(root)
    return [element_text(c) for c in extract._heuristic_cards(root, {})]


def test_card_search_looks_only_at_parents_that_can_hold_two_cards(monkeypatch):
    fast = [_cards(html) for html in PAGES]
    monkeypatch.setattr(extract, "_PARENTS", etree.XPath("descendant-or-self::*[count(*) >= 2]"))  # every parent
    assert [_cards(html) for html in PAGES] == fast
    assert sum(1 for cards in fast if cards) > 100


def _people() -> list:
    out = [name_key("Avery J. Quinlan"), name_key("Kim Atwater-Quinlan"), name_key("Kate Atwater"), name_key("Ada Kim")]
    for doc in mc.PROFILES.values():
        out.append(name_key(doc["person"]["name"]))
        out += [name_key(f["name"]) for f in doc.get("family", [])]
    return [k for k in dict.fromkeys(out) if k]


def test_find_name_looks_for_the_last_name_first(monkeypatch):
    people = _people()

    def where(text):
        return [(m.span() if (m := find_name(text, k)) else None) for k in people]

    fast = [where(t) for t in TEXTS]
    monkeypatch.setattr(names, "_last_pattern", lambda mine: re.compile(""))  # every text searched in full
    monkeypatch.setattr(names, "may_contain", lambda text, words: True)
    find_name.cache_clear()
    assert [where(t) for t in TEXTS] == fast
    assert sum(1 for spans in fast for s in spans if s) > 200


def test_find_emails_skips_only_text_without_an_at(monkeypatch):
    fast = [find_emails(t) for t in TEXTS]
    monkeypatch.setattr(normalize, "_AT_WORD", re.compile(""))  # every text searched in full
    monkeypatch.setattr(normalize, "_AT_SPELLED", re.compile(""))
    normalize._find_emails.cache_clear()
    assert [find_emails(t) for t in TEXTS] == fast
    assert sum(1 for hits in fast if hits) > 50
    assert [find_emails(t)[0].email for t in EMAIL_FORMS] == ["avery.q@example.com"] * len(EMAIL_FORMS)


@pytest.mark.parametrize("text", ["Relatives: Kate Atwater", "Lives at: Portland", "Catalina AT&T"])
def test_text_with_the_letters_at_but_no_email_still_has_none(text):
    assert find_emails(text) == []
