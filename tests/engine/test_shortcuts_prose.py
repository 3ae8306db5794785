"""The engine's shortcuts for prose-heavy pages (issue #12, speed, round 3) give what the long way gives: cheap
guards before the place, role, name, email, birth-date and relatives searches, the header XPath, the element
text and the per-text caches, each compared with the long way on the corpora, the fixtures and awkward text."""

from __future__ import annotations

import re
import sys
import tomllib

from lxml import etree

from scanner.engine import identity, locality, names, normalize, prose, textfields
from scanner.engine.extract import _element_text, decode, parse_html
from scanner.engine.names import find_name, lowered, may_contain
from scanner.engine.textnorm import collapse
from scanner.profile import parse_profile
from tests.engine.forms_people import PROFILE as PARK
from tests.engine.test_shortcuts import PAGES, ROOT, TEXTS, _people

ODD = ["Kelvin \u212aim, his \u017fon, married to Roſe", "\u0130ris Park, her HUSBAND, Rowan", "Park, Marisol \u0131 Rowan",
       "born in Eugene, Oregon, in 1984", "b. 1984", "D.O.B.: 3/17/1984", "Household members: Theo Park, Lena Vance",
       "Knoxville, Tenn., Asheville, N.C., Charleston, W. Va.", "Portland, oregon", "Salem OR-5", "mom at ann.lee@example.com",
       "ann [at] example (dot) com", "ann -at- example -dot- com", "ann at example dot com", "fiancée Rowan", "FIANCÉ: Rowan"]
LABELS = ["Relatives", "Possible relative", "Relatives include", "Related to", "Family", "Family members", "Household",
          "Household members", "Associated persons", "Associated people", "Known associates", "Spouse", "Partner", "Wife",
          "Husband", "Children", "Parents", "Siblings", "Sibling"]
ODD += [f"{label}: Rowan Park, Theo Park" for label in LABELS] + [f"her {role}, Rowan" for role in prose._ROLE_OF]
ODD += [f"{label} 3/17/1984" for label in ("Born:", "born on", "Birth date:", "Birthday", "Date of birth", "Year of birth",
                                           "DOB", "d.o.b.", "D.O.B", "yob", "Y.O.B.")]
ALL = TEXTS + ODD
CACHED = (names.find_name, normalize._find_emails, normalize._find_phones, textfields._ages, textfields._places, prose._has_role,
          names.lowered)


def _subjects() -> list:
    blind = [parse_profile(tomllib.loads(p.read_text()), source=str(p))
             for p in sorted((ROOT / "tests" / "corpus_blind" / "profiles").glob("*.toml"))]
    return [identity.index_profile(p).subjects for p in [PARK, *blind]]


def _read(texts) -> list:
    people, subjects = _people(), _subjects()
    out = []
    for t in texts:
        relations = [prose.relation_in_text(t, (), s, o) for subs in subjects for s in subs[:2] for o in subs if o is not s]
        out.append((textfields.places(t), normalize.find_emails(t), textfields.birth_dates(t), textfields.relatives(t),
                    textfields.ages(t), [m.span() if (m := find_name(t, k)) else None for k in people], relations))
    return out


def _long_way(monkeypatch) -> None:
    """Every guard passes, every cache is empty: each text is searched in full."""
    for module in (names, prose, textfields):
        monkeypatch.setattr(module, "may_contain", lambda text, words: True)
    for module, name in ((textfields, "_HAS_CODE"), (textfields, "_HAS_STATE_NAME"), (textfields, "_HAS_AP"),
                         (normalize, "_AT_SPELLED")):
        monkeypatch.setattr(module, name, re.compile(""))
    for f in CACHED:
        f.cache_clear()


def test_guards_and_caches_change_no_reading(monkeypatch):
    fast = _read(ALL)
    _long_way(monkeypatch)
    assert _read(ALL) == fast
    for i, least in enumerate((500, 100, 20, 200, 150, 300, 8)):  # each reading finds something often: the test can fail
        assert sum(1 for r in fast if any(r[i])) >= least, i


def test_lowered_text_holds_every_ascii_word_an_ignorecase_search_finds():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for ch in re.findall("[a-z]", every, re.IGNORECASE):  # the letters an IGNORECASE search takes for a to z
        assert len(lowered(ch)) == 1 and re.fullmatch(lowered(ch), ch, re.IGNORECASE), hex(ord(ch))
    words = [*prose._ROLE_WORDS, *textfields._RELATIVES_WORDS, *textfields._BIRTH_WORDS, "rowan", "park", "atwater"]
    for text in ALL:
        for word in words:
            if re.search(re.escape(word), text, re.IGNORECASE):
                assert may_contain(text, [word]), (word, text[:80])
    assert may_contain("anything", []) and may_contain("anything", ["née"]) and not may_contain("Kelvin", ["rowan"])


def test_each_guard_is_implied_by_the_search_it_guards():
    pairs = [(textfields._CITY_STATE, textfields._HAS_CODE), (textfields._CITY_STATE_NAME, textfields._HAS_STATE_NAME),
             (textfields._CITY_STATE_AP, textfields._HAS_AP), (textfields._BIRTH, None), (textfields._RELATIVES, None),
             (prose._ANY_ROLE, None)]
    words = {textfields._BIRTH: textfields._BIRTH_WORDS, textfields._RELATIVES: textfields._RELATIVES_WORDS,
             prose._ANY_ROLE: prose._ROLE_WORDS}
    for rx, guard in pairs:
        hits = [t for t in ALL if rx.search(t)]
        assert len(hits) >= 5, rx.pattern[:40]
        assert all((guard.search(t) if guard else may_contain(t, words[rx])) for t in hits), rx.pattern[:40]
    spelled = [t for t in ALL if "@" not in t and "&#64;" not in t and normalize._EMAIL_RE.search(t)]
    assert len(spelled) >= 4 and all(normalize._AT_SPELLED.search(t) for t in spelled)
    born = [t for t in ALL if textfields._BIRTH_PROSE.search(t)]
    assert len(born) >= 2 and all("b." in t or may_contain(t, ("born",)) for t in born)


_OLD_HEADERS = etree.XPath(
    "//header | //*[contains(translate(concat(@class,' ',@id),'MASTHEADBNRPOFILCTNYG','mastheadbnrpofilctnyg'),'masthead')"
    " or contains(translate(concat(@class,' ',@id),'MASTHEADBNRPOFILCTNYG','mastheadbnrpofilctnyg'),'banner')"
    " or contains(translate(concat(@class,' ',@id),'MASTHEADBNRPOFILCTNYG','mastheadbnrpofilctnyg'),'profile-head')"
    " or contains(translate(concat(@class,' ',@id),'MASTHEADBNRPOFILCTNYG','mastheadbnrpofilctnyg'),'dateline')]"
)


def _roots() -> list:
    out = []
    for html in PAGES:
        try:
            out.append(parse_html(decode(html)))
        except Exception:  # noqa: BLE001 - the corpus's unreadable pages
            continue
    return out


def test_header_xpath_translates_only_elements_with_a_class_or_id():
    found = [(_OLD_HEADERS(r), locality._HEADERS(r)) for r in _roots()]
    assert all(old == new for old, new in found)
    assert sum(1 for old, _ in found if old) >= 10


def _element_text_long_way(el, cap: int) -> tuple[str, bool]:
    pieces, size = [], 0
    for piece in el.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > cap * 2:
            break
    out: list[str] = []
    for line in " ".join(pieces).split("\n"):
        line = collapse(line)
        if not line:
            continue
        if out and not out[-1].endswith((":", ",", ";", ".", "!", "?", "-", "(")):
            out[-1] += ","
        out.append(line)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", " ".join(out))
    return text[:cap], size <= cap * 2 and len(text) <= cap


def test_element_text_is_the_line_by_line_reading():
    root = etree.fromstring("<div>\n<p>a\x00b\n</p>\n<p>Age: \n</p><p>x (</p>\n\n<p> y  </p>last</div>", etree.HTMLParser())
    elements = [root, *(el for r in _roots() for el in r.iter() if isinstance(el.tag, str))]
    for el in elements:
        for cap in (300, 6000):
            assert _element_text(el, cap) == _element_text_long_way(el, cap)
    assert len(elements) > 1000


def test_cached_readings_are_fresh_lists():
    text = "Call (503) 555-0133 or mail marisol.park@example.com, Portland, OR, age 41"
    for f in (normalize.find_emails, normalize.find_phones, textfields.ages, textfields.places):
        first = f(text)
        assert first
        first.clear()
        assert f(text), f.__name__
