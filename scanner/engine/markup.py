"""What a visitor sees: drop hidden elements, decode Cloudflare-protected emails in place.

Both run on the parsed tree before any text is read, so every extraction path (catalog card
selector, structured data, heuristic cards, whole page) sees the same visible page.

Hidden: the ``hidden`` attribute, ``aria-hidden="true"``, an inline style with ``display: none`` or
``visibility: hidden``, and hiding classes (``hidden``, ``d-none``, ``invisible``...) judged at a
desktop width (1280 px, as the browser path), so that a responsive twin such as
``d-none d-lg-block`` counts as shown and its ``d-lg-none`` mobile copy as hidden. Screen-reader
text (``sr-only``, ``visually-hidden``) is read. An element that holds most of the page's text is
never dropped: pages hide themselves until a script shows them.

Cloudflare email protection writes ``[email protected]`` and keeps the address in ``data-cfemail``
(or in ``href="/cdn-cgi/l/email-protection#HEX"``): hex bytes, the first is a key, each following
byte XOR the key is one byte of the UTF-8 address. A value that does not decode to a plain email is
left alone.
"""

from __future__ import annotations

import re

from lxml import etree

_HIDE_CLASSES = frozenset(("hidden", "d-none", "hide", "is-hidden", "invisible", "u-hidden", "hidden-lg"))
# Responsive display classes at a 1280 px viewport: Bootstrap d-{bp}-{value}, Tailwind {bp}:{value}.
_BREAKPOINTS = {"": 0, "sm": 1, "md": 2, "lg": 3, "xl": 4}
_RESPONSIVE = re.compile(r"^(?:d-(sm|md|lg|xl)-([a-z-]+)|(sm|md|lg|xl):(hidden|block|flex|grid|inline|inline-block|inline-flex|table|table-row|table-cell|contents|flow-root|list-item))$")
_STYLE_HIDDEN = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\b", re.IGNORECASE)
_CANDIDATES = etree.XPath(
    "//*[@hidden or @aria-hidden or @style or contains(@class,'hid') or contains(@class,'none') "
    "or contains(@class,'hide') or contains(@class,'invisible')]"
)
_CF_NODES = etree.XPath("//*[@data-cfemail] | //a[contains(@href,'email-protection#')]")
_NEVER = frozenset(("html", "body", "head"))
_NOT_TEXT = frozenset(("script", "style", "noscript", "template", "svg", "head"))
_EMAIL = re.compile(r"[^\s@<>\"'(),;:\\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-.]{0,250})\.[A-Za-z]{2,24}")


def _class_hidden(classes: str) -> bool:
    hidden, level = False, -1
    for token in classes.lower().split():
        if token in _HIDE_CLASSES:
            if level <= 0:
                hidden, level = True, 0
            continue
        m = _RESPONSIVE.match(token)
        if m:
            bp, value = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            rank = _BREAKPOINTS[bp]
            if rank >= level:
                hidden, level = value in ("none", "hidden"), rank
    return hidden


def is_hidden(el: etree._Element) -> bool:
    """True when a visitor does not see ``el`` (see the module docstring)."""
    if el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = el.get("style")
    if style and _STYLE_HIDDEN.search(style):
        return True
    classes = el.get("class")
    return bool(classes) and _class_hidden(classes)


def _text_size(el: etree._Element) -> int:
    """Characters of text a visitor could read inside ``el`` (not scripts or styles)."""
    n = 0
    for node in el.iter():
        if node is not el and node.tail:
            n += len(node.tail.strip())
        if node.text and not (isinstance(node.tag, str) and node.tag.lower() in _NOT_TEXT):
            n += len(node.text.strip())
    return n


def drop_hidden(root: etree._Element) -> int:
    """Remove hidden elements (and everything inside them) from the tree; returns how many."""
    found = [el for el in _CANDIDATES(root) if isinstance(el.tag, str) and el.tag.lower() not in _NEVER and is_hidden(el)]
    if not found:
        return 0
    inside: dict[etree._Element, bool] = dict.fromkeys(found, True)  # hidden, or inside a hidden element
    outermost = []
    for el in found:
        path, parent = [], el.getparent()
        while parent is not None and parent not in inside:
            path.append(parent)
            parent = parent.getparent()
        hidden_above = parent is not None and inside[parent]
        inside.update(dict.fromkeys(path, hidden_above))  # memo: each ancestor is walked once
        if not hidden_above:
            outermost.append(el)
    total = _text_size(root)
    removed = 0
    for el in outermost:
        parent = el.getparent()
        if parent is None or _text_size(el) * 2 > total:
            continue  # most of the page: hidden until a script (or a closed dialog) shows it
        remove(el)
        removed += 1
    return removed


def remove(el: etree._Element) -> None:
    """Take ``el`` (and what is inside it) out of the tree; the text that followed it stays."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def cf_decode(value: str) -> str | None:
    """Decode one Cloudflare-protected email; None when the value is not one."""
    value = (value or "").strip()
    if not 6 <= len(value) <= 512 or len(value) % 2:
        return None
    try:
        data = bytes.fromhex(value)
    except ValueError:
        return None
    key = data[0]
    try:
        email = bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return email if _EMAIL.fullmatch(email) else None


def decode_cf_emails(root: etree._Element) -> int:
    """Write each protected email into the text where its element stood; returns how many."""
    done = 0
    for el in _CF_NODES(root):
        encoded = el.get("data-cfemail")
        if encoded is not None:
            email = cf_decode(encoded)
            if email:
                for child in list(el):
                    el.remove(child)  # the children's tails are inside the element: gone with them
                el.text = email
                del el.attrib["data-cfemail"]
                done += 1
        href = el.get("href") or ""
        if el.tag == "a" and "email-protection#" in href:
            email = cf_decode(href.split("email-protection#", 1)[1].split("?")[0])
            if email:
                el.set("href", f"mailto:{email}")
                if len(el) == 0 and "protected]" in (el.text or ""):
                    el.text = email
                done += 1
    return done


def visible_page(root: etree._Element, source: str) -> None:
    """Both steps on a page parsed from ``source``; each is skipped when the source cannot need it."""
    low = source.lower()
    if "hid" in low or "none" in low or "invisible" in low or "collapse" in low:
        drop_hidden(root)
    if "cfemail" in low or "email-protection" in low:
        decode_cf_emails(root)


# Elements whose markup says they hold a relative's name (data-link-to-more="relative", itemprop="relatedTo",
# class="relative-name"...), whatever the text around them says. A bare class "relative" is CSS positioning.
_MARKED = etree.XPath(
    "descendant-or-self::*[@*[local-name() != 'style' and local-name() != 'href' and local-name() != 'src'"
    " and (contains(translate(., 'RELATIV', 'relativ'), 'relativ') or contains(translate(., 'RELATEDTO', 'relatedto'), 'relatedto'))]]")
_RELATIVE_WORD = re.compile(r"relatives?\b|relatedto|related[-_]to", re.IGNORECASE)


def _marks_relative(el: etree._Element) -> bool:
    for name, value in el.attrib.items():
        if name in ("style", "href", "src"):
            continue
        tokens = value.split() if name == "class" else [value]
        if any(_RELATIVE_WORD.search(t) and not (name == "class" and t.lower() == "relative") for t in tokens):
            return True
    return False


def marked_relatives(el: etree._Element, limit: int = 30) -> list[str]:
    """Names in elements the markup marks as a relative's (or in the links inside such a list)."""
    from scanner.engine.names import name_key

    out: list[str] = []
    for node in _MARKED(el):
        if not _marks_relative(node):
            continue
        for holder in (node, *node.iter("a")):
            text = " ".join("".join(holder.itertext()).split())
            if 2 <= len(text.split()) <= 5 and len(text) <= 60 and name_key(text):
                out.append(text)
                break
        if len(out) >= limit:
            break
    return list(dict.fromkeys(out))
