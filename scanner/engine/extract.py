"""A page -> listings (records about one person each).

Order of evidence: a catalog card selector when given; else JSON-LD Person objects and schema.org
microdata Person itemscopes; else repeated "cards" found heuristically; else the whole page is one
listing. Text is the visible text only (no script/style/noscript/template), with block elements
separated so that one card's lines do not run into each other.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from itertools import islice

from lxml import etree
from lxml import html as lxml_html
from w3lib.encoding import html_to_unicode

from scanner.engine.addresses import STREET_RE
from scanner.engine.assign import assign_records, dedupe
from scanner.engine.locality import header_place
from scanner.engine.listing import SCAN_CAP as _SCAN_CAP
from scanner.engine.listing import Draft, Listing  # noqa: F401 - Listing: imported from here by callers
from scanner.engine.markup import marked_relatives, remove, visible_page
from scanner.engine.names import name_key
from scanner.engine.normalize import collapse
from scanner.engine.structured import (
    PersonRecord,
    jsonld_persons,
    microdata_scopes,
    record_from_microdata,
)
from scanner.engine.tables import label_columns

MAX_INPUT = 10 * 1024 * 1024    # bytes/characters parsed at most
TEXT_CAP = 4000                 # Listing.text of one card/record
PAGE_TEXT_CAP = 20000           # Listing.text when the whole page is the listing
_MAX_CARDS = 300
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "caption", "option", "button", "label",
}
_DROP = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "head")
_BINARY_MAGIC = {
    b"\xff\xd8\xff": "a JPEG image", b"\x89PNG": "a PNG image", b"GIF8": "a GIF image", b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive", b"\x1f\x8b": "gzip data", b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image",
}


_TEXT_BYTES = bytes(range(9, 14)) + bytes(range(32, 256))  # what is left after deleting these: control bytes


class ExtractError(ValueError):
    """A page that cannot be read as HTML; the message is one line."""


# ------------------------------------------------------------------------------ decoding
def decode(data: str | bytes) -> str:
    """Bytes -> text (BOM, HTTP-equiv/meta charset, else UTF-8 with cp1252 fallback)."""
    if isinstance(data, str):
        return data[:MAX_INPUT].replace("\x00", "")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ExtractError(f"expected HTML text or bytes, not {type(data).__name__}")
    data = bytes(data[:MAX_INPUT])
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ExtractError(f"not an HTML page: the file is {what}")
    head = data[:8192]
    if head and len(head.translate(None, _TEXT_BYTES)) > len(head) * 0.05 and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractError("not an HTML page: the file contains binary data")
    try:
        _, text = html_to_unicode(None, data)
    except Exception:  # noqa: BLE001 - unknown codec names and the like
        text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(20, len(text) // 100):
        text = data.decode("cp1252", errors="replace")
    return text.replace("\x00", "")


# lxml.html's elements (text_content, cssselect) chosen in C: its own lookup is Python code run for every element touched.
_HTML_CLASSES = etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
                                                pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity)


def parse_html(text: str) -> etree._Element:
    if not text.strip():
        raise ExtractError("empty page")
    parser = etree.HTMLParser(
        recover=True, remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, encoding="utf-8"
    )  # the text is already decoded: a <meta charset> in it must not re-decode it
    parser.set_element_class_lookup(_HTML_CLASSES)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractError(f"cannot parse the page as HTML ({str(exc).splitlines()[0][:80] or 'empty document'})") from None
    if root is None:
        raise ExtractError("cannot parse the page as HTML")
    return root


# ------------------------------------------------------------------------------ text
def _prepare(root: etree._Element) -> tuple[list[str], dict[str, str]]:
    """Pull out JSON-LD and meta tags, drop invisible elements, mark block boundaries."""
    scripts = []
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower().startswith("application/ld+json") and el.text:
            scripts.append(el.text)
    meta: dict[str, str] = {}
    for el in root.iter("meta", "title"):
        if el.tag == "title":
            meta.setdefault("title", collapse(el.text_content())[:300])
            continue
        key = (el.get("property") or el.get("name") or "").lower()
        if key in ("og:title", "description", "og:description", "twitter:title") and el.get("content"):
            meta.setdefault(key, collapse(el.get("content") or "")[:500])
    etree.strip_elements(root, *_DROP, with_tail=False)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return scripts, meta


def element_text(el: etree._Element, cap: int = _SCAN_CAP) -> str:
    """Visible text of an element; block boundaries become ", " (or nothing after punctuation)."""
    return _element_text(el, cap)[0]


def _element_text(el: etree._Element, cap: int) -> tuple[str, bool]:
    """element_text and whether it is whole (the same for any larger cap)."""
    pieces: list[str] = []
    size = 0
    for piece in el.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > cap * 2:
            break
    lines = " ".join(pieces).replace("\x00", " ").split("\n")
    out = [line for line in (" ".join(raw.split()) for raw in lines) if line]  # collapse(), line by line
    out = [line if line.endswith((":", ",", ";", ".", "!", "?", "-", "(")) else line + "," for line in out[:-1]] + out[-1:]
    text = _SPACE_PUNCT.sub(r"\1", " ".join(out))
    return text[:cap], size <= cap * 2 and len(text) <= cap


_SPACE_PUNCT = re.compile(r"\s+([,.;:!?)])")


# ------------------------------------------------------------------------------ listings
def _links(el: etree._Element) -> tuple[list[str], list[str], list[str]]:
    """Phones and emails in tel:/mailto: links, and names the markup marks as relatives."""
    phones, emails = [], []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        low = href.lower()
        if low.startswith("tel:"):
            phones.append(href[4:].split("?")[0])
        elif low.startswith("mailto:"):
            emails.append(href[7:].split("?")[0])
    return phones, emails, marked_relatives(el)


_NAME_CUT = re.compile(r"\s*(?:[,|(:]|\s[-–—]\s|\bage\b|\bin\b)", re.IGNORECASE)
# Words of a report's section headings ("Current Address", "Phone Numbers", "Possible Relatives"), never of a
# name: a detail report's sections are not person cards.
_HEADING_WORDS = frozenset(
    "address addresses phone phones numbers email emails relatives associates aliases current past previous "
    "possible known history records report summary overview results contact information details neighbors "
    "education employment criminal property social profiles".split())


def as_name(text: str, max_words: int = 5) -> str:
    """``text`` if it reads as a person's name (whole, or its part before a comma/dash/"age"), else ""."""
    text = collapse(text)[:200]
    for cand in (_NAME_CUT.split(text)[0].strip(), text):  # "Lorraine Fenwright - FamilyTrace": the name
        words = cand.replace(",", " ").split()
        if (2 <= len(words) <= max_words and not any(ch.isdigit() for ch in cand)
                and not _HEADING_WORDS.intersection(w.lower() for w in words) and name_key(cand)):
            return cand
    return ""


_TITLES = etree.XPath(
    ".//*[self::h1 or self::h2 or self::h3 or self::h4 or @itemprop='name' or contains(translate(@class,'NAME','name'),'name')]")


def _display_name(el: etree._Element, memo: dict | None = None) -> str:
    if memo is not None and el in memo:
        return memo[el][1]
    candidates = _TITLES(el)
    for tag in [*candidates[:6], *el.iter("strong", "b", "a", "th", "td")]:
        if name := as_name(tag.text_content()):
            return name
    return as_name(element_text(el, 300).split(",")[0])


def _page_name(root: etree._Element, meta: dict[str, str], h1_only: bool = False) -> str:
    for h1 in root.iter("h1"):
        if name := as_name(h1.text_content()):
            return name
    if h1_only:
        return ""
    for key in ("og:title", "title", "twitter:title"):
        if name := as_name(meta.get(key, ""), max_words=4):
            return name
    return ""


def _listing(url: str, text: str, records: list[PersonRecord], name: str = "", link_phones=(), link_emails=(),
             marked=(), cap: int = TEXT_CAP, place: str = "") -> Draft:
    return Draft(url, text, records, name, link_phones, link_emails, marked, cap, place)  # read when asked (listing.py)


def _card_listing(url: str, card: etree._Element, scripts_in_card: list[str], extra: PersonRecord | None = None,
                  memo: dict | None = None) -> Draft | None:
    """One card; ``extra`` is the page's structured record about the person the card shows (merged in).
    ``memo``: {card: (its whole text or None, its display name)} as the card search read them."""
    records = (jsonld_persons(scripts_in_card) + [_microdata_record(s) for s in microdata_scopes(card)])[:1]
    known = memo.get(card, (None, ""))[0] if memo else None
    text = known if known is not None else element_text(card)
    if extra is not None:
        records.insert(0, extra)
        text = collapse(f"{text} {', '.join(extra.text)}")
    if not text and not records:
        return None  # nothing visible in it (its content was hidden)
    name = "" if any(r.names for r in records) else _display_name(card, memo)
    return _listing(url, text, records, name, *_links(card))


def _cards_and_records(url: str, cards: list, card_scripts: list[list[str]], records: list[PersonRecord],
                       memo: dict | None = None) -> list[Draft]:
    """Card listings with the page's structured persons merged in; persons no card shows come last."""
    assigned, rest = assign_records(  # a card's titles: its heading and its first line
        records, len(cards), lambda i: [_display_name(cards[i], memo), as_name(element_text(cards[i], 300).split(",")[0])],
        lambda i: element_text(cards[i], 6000))
    listings = [_card_listing(url, c, s, assigned.get(i), memo) for i, (c, s) in enumerate(zip(cards, card_scripts))]
    return [l for l in listings if l] + [_listing(url, "", [r]) for r in rest]


_SIGNALS = (  # the cheapest first: _two_signals stops at the second
    re.compile(r"\bage[ds]?\s*:?\s*\d{1,3}\b|\b\d{1,3}\s+(?:years|yrs)\s+old", re.IGNORECASE),
    re.compile(r"\b[A-Z][A-Za-z.'\-]+,\s+[A-Z]{2}\b|\b\d{5}(?:-\d{4})?\b"),
    re.compile(r"\(\d{3}\)\s*\d{3}[-.\s]\d{4}|\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b"),
    re.compile(r"\b(?:relatives?|related to|associated with|aka|also known as)\b|@|\[at\]", re.IGNORECASE),
    STREET_RE,
)


def _two_signals(text: str) -> bool:
    """Two of the signals are in ``text`` (the searches after the second hit are not made)."""
    found = 0
    for rx in _SIGNALS:
        if rx.search(text):
            found += 1
            if found == 2:
                return True
    return False


# Elements with two children that have two elements inside (a card needs them, and a group two cards): the others
# cannot give a group, and the footer's paragraphs and the menu's items are most of a page's elements.
_PARENTS = etree.XPath("descendant-or-self::*[*[descendant::*[2]][2]]")


def _heuristic_cards(root: etree._Element, memo: dict) -> list[etree._Element]:
    """The largest group of same-tag, same-class siblings that each look like a person card; fills ``memo``
    with what it read of each card ({card: (its whole text or None, its display name)})."""
    best: list[etree._Element] = []
    best_score = (0, 0)
    for parent in _PARENTS(root):  # in document order, as root.iter(): the parser keeps no comments or PIs
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag.lower() not in ("br", "hr", "span", "a", "b", "strong", "option"):
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for members in groups.values():
            if len(members) < 2:
                continue
            cards = []
            total = 0
            for m in members[:_MAX_CARDS]:
                if next(islice(m.iterdescendants(), 1, None), None) is None:
                    continue  # a card has structure: at least two elements inside
                text, whole = _element_text(m, 6000)
                lines = text.count(",") + 1
                if 20 <= len(text) <= 6000 and lines >= 2 and _two_signals(text) and (name := _display_name(m)):
                    memo[m] = (text if whole else None, name)
                    cards.append(m)
                    total += len(text)
            score = (len(cards), total)
            if len(cards) >= 2 and len(cards) * 2 >= len(members) and score > best_score:
                best, best_score = cards, score
    return best


def _is_jsonld(script: etree._Element) -> bool:
    return (script.get("type") or "").strip().lower().startswith("application/ld+json")


def _scripts(el: etree._Element) -> list[str]:
    return [s.text for s in el.iter("script") if s.text and _is_jsonld(s)]


def extract_listings(html: str | bytes, url: str, card_selector: str | None = None) -> list[Listing]:
    """Split a page into listings (see the module docstring). Raises ExtractError with a one-line reason."""
    with _one_line_errors():
        return [d.listing() for d in _extract(html, url, card_selector)]


def page_drafts(html: str | bytes, url: str, card_selector: str | None = None) -> list[Draft]:
    """The listings of extract_listings, each read only when `read_listing` asks for it; the same errors."""
    with _one_line_errors():
        return _extract(html, url, card_selector)


def read_listing(draft: Draft) -> Listing:
    with _one_line_errors():
        return draft.listing()


@contextmanager
def _one_line_errors():
    try:
        yield
    except ExtractError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise ExtractError(f"the page is too complex to read ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - hostile input must never escape as a traceback
        raise ExtractError(f"cannot read the page ({type(exc).__name__}: {str(exc)[:80]})".replace("\n", " ")) from None


def _extract(html: str | bytes, url: str, card_selector: str | None) -> list[Draft]:
    source = decode(html)
    root = parse_html(source)
    visible_page(root, source)  # hidden elements dropped, protected emails decoded: what a visitor sees
    label_columns(root)  # a bare "41" in a table's Age column reads "Age: 41"
    if card_selector:
        try:
            cards = root.cssselect(card_selector)[:_MAX_CARDS]
        except Exception as exc:  # noqa: BLE001 - cssselect raises its own SelectorError types
            raise ExtractError(f"invalid card selector {card_selector!r} ({type(exc).__name__})") from None
        card_scripts = [_scripts(c) for c in cards]
        in_cards = {s for c in cards for s in c.iter("script")}
        page_scripts = [s.text for s in root.iter("script") if s not in in_cards and s.text and _is_jsonld(s)]
        _prepare(root)
        return _cards_and_records(url, cards, card_scripts, dedupe(jsonld_persons(page_scripts)))
    scripts, meta = _prepare(root)
    scopes = microdata_scopes(root)
    records = dedupe(jsonld_persons(scripts) + [_microdata_record(s) for s in scopes])
    page_name = _page_name(root, meta)
    if len(records) == 1 and page_name and _same_name(records[0].names, page_name):
        text = collapse(element_text(root) + " " + ", ".join(records[0].text))  # a detail page: its text is about them too
        return [_listing(url, text, records, "", *_links(root), cap=PAGE_TEXT_CAP, place=header_place(root, meta, text, element_text))]
    memo: dict = {}
    cards = _heuristic_cards(root, memo)[:_MAX_CARDS]
    if cards:
        if records:  # microdata inside a card is read with the card; the rest is merged by name
            in_cards = {el for c in cards for el in c.iter()}
            records = dedupe(jsonld_persons(scripts) + [_microdata_record(s) for s in scopes if s not in in_cards])
        listings = _cards_and_records(url, cards, [[] for _ in cards], records, memo)
        rest = _remainder(root, cards, url, _page_name(root, meta, h1_only=True), meta)
        return listings + ([rest] if rest else [])
    if records:
        return [_listing(url, "", [r]) for r in records]
    text = element_text(root)
    extra = " ".join(v for k, v in meta.items() if k in ("description", "og:description"))
    if extra and extra not in text:
        text = collapse(f"{text} {extra}")
    if not text:
        return []
    return [_listing(url, text, [], page_name, *_links(root), cap=PAGE_TEXT_CAP, place=header_place(root, meta, text, element_text))]


def _microdata_record(scope: etree._Element) -> PersonRecord:
    rec = record_from_microdata(scope)
    rec.text = [element_text(scope, TEXT_CAP)]
    return rec


def _remainder(root: etree._Element, cards: list[etree._Element], url: str, page_name: str, meta: dict[str, str]) -> Draft | None:
    """A detail page with a few cards (relatives, "other people named ..."): the rest is about the h1 person."""
    if not page_name:
        return None
    for card in cards:
        remove(card)
    text = element_text(root)
    rest = _listing(url, text, [], page_name, *_links(root), cap=PAGE_TEXT_CAP, place=header_place(root, meta, text, element_text))
    read = rest.listing()
    return rest if (read.addresses or read.phones or read.emails or read.age) else None


def _same_name(names: list[str], other: str) -> bool:
    a, b = name_key(other), next((name_key(n) for n in names if name_key(n)), None)
    return bool(a and b and a.first == b.first and a.last == b.last)
