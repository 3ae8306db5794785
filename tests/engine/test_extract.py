"""extract_listings: structured data, cards, visible text only, hostile input."""

from __future__ import annotations

import json
import resource
import time

import pytest

from scanner.engine.extract import ExtractError, Listing, extract_listings

URL = "https://people.example/search"


def _ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_jsonld_blocks_are_parsed_one_by_one():
    page = (
        "<html><head>" + '<script type="application/ld+json">{"@type": "Person", "name": "Broken,</script>'
        + _ld({"@context": "https://schema.org", "@type": "Person", "name": "Avery Quinlan", "telephone": ["503-555-0147"],
               "address": {"@type": "PostalAddress", "streetAddress": "4821 SE Larkspur Ct", "addressLocality": "Portland",
                           "addressRegion": "OR", "postalCode": "97206"},
               "relatedTo": [{"@type": "Person", "name": "Jordan Quinlan"}], "birthDate": "1983-06"})
        + _ld({"@graph": [{"@type": "WebPage"}, {"@type": ["Person"], "name": "Casey Voss", "email": "mailto:casey@example.org"}]})
        + "</head><body><p>ignored when structured data exists</p></body></html>"
    )
    listings = extract_listings(page, URL)
    assert [l.names[0] for l in listings] == ["Avery Quinlan", "Casey Voss"]
    avery = listings[0]
    assert avery.addresses == ("4821 SE Larkspur Ct, Portland, OR 97206",)
    assert avery.phones == ("503-555-0147",)
    assert avery.relatives == ("Jordan Quinlan",)
    assert avery.birth_dates == ("1983-06",)
    assert listings[1].emails == ("casey@example.org",)
    assert all(isinstance(l, Listing) and l.url == URL for l in listings)


def test_jsonld_itemlist_and_lists():
    page = _ld([{"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "item": {"@type": "Person", "name": "A One", "alternateName": ["A. Uno", "Ann One"]}},
        {"@type": "ListItem", "item": {"@type": "Person", "givenName": "Bea", "familyName": "Two"}}]}])
    listings = extract_listings(f"<html><body>{page}</body></html>", URL)
    assert [l.names for l in listings] == [("A One", "A. Uno", "Ann One"), ("Bea Two",)]


def test_microdata_person_with_nested_address_and_relative():
    page = """<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Avery Quinlan</span>
      <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
        <span itemprop="streetAddress">4821 SE Larkspur Ct</span> <span itemprop="addressLocality">Portland</span>,
        <span itemprop="addressRegion">OR</span></div>
      <meta itemprop="telephone" content="(503) 555-0147"><p>Age 41</p>
      <div itemprop="relatedTo" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jordan Quinlan</span></div>
    </div>"""
    (l,) = extract_listings(page, URL)
    assert l.names == ("Avery Quinlan",)
    assert l.addresses == ("4821 SE Larkspur Ct, Portland, OR",)
    assert l.phones == ("(503) 555-0147",)
    assert l.relatives == ("Jordan Quinlan",)
    assert l.age == 41


def test_heuristic_cards_split_and_split_address_elements():
    card = ('<div class="card"><h3>{n}</h3><div>Age {a}</div><div>{s}</div><div>{c}</div>'
            '<a href="tel:+1{p}">call</a><div>Relatives: {r}</div></div>')
    page = "<nav><ul><li><a>Home</a></li><li><a>About</a></li></ul></nav><div class='results'>" + "".join([
        card.format(n="Avery J Quinlan", a=41, s="4821 SE Larkspur Ct", c="Portland, OR 97206", p="5035550147", r="Jordan Quinlan, Mia Quinlan"),
        card.format(n="Avery Quinlan", a=67, s="88 Elm St", c="Columbus, OH 43004", p="6145550199", r="Pat Quinlan"),
    ]) + "</div>"
    listings = extract_listings(page, URL)
    assert [l.names[0] for l in listings] == ["Avery J Quinlan", "Avery Quinlan"]
    assert listings[0].addresses == ("4821 SE Larkspur Ct, Portland, OR 97206",)
    assert listings[0].phones == ("+15035550147",)
    assert listings[0].relatives == ("Jordan Quinlan", "Mia Quinlan")
    assert listings[1].age == 67 and "Columbus" in listings[1].text and "Portland" not in listings[1].text


def test_card_selector_and_table_rows():
    page = """<table><tr><th>Name</th><th>Age</th><th>Address</th></tr>
      <tr class="r"><td>Avery Quinlan</td><td>Age 41</td><td>4821 SE Larkspur Ct, Portland, OR 97206</td></tr>
      <tr class="r"><td>Casey Voss</td><td>Age 30</td><td>12 Main St, Salem, OR 97301</td></tr></table>"""
    by_selector = extract_listings(page, URL, card_selector="tr.r")
    heuristic = extract_listings(page, URL)
    for listings in (by_selector, heuristic):
        assert [l.names[0] for l in listings] == ["Avery Quinlan", "Casey Voss"]
        assert listings[1].addresses == ("12 Main St, Salem, OR 97301",)
    with pytest.raises(ExtractError):
        extract_listings(page, URL, card_selector="tr[[[")


def test_visible_text_only_and_obfuscated_email_and_mailto():
    page = """<html><head><title>Avery Quinlan - Portland</title><style>.a{content:'555-0199'}</style>
      <script>var phone='(503) 555-0199';</script></head><body><h1>Avery Quinlan</h1>
      <noscript>(503) 555-0198</noscript><template><p>(503) 555-0197</p></template>
      <p>Write: avery.q [at] example [dot] com or <a href="mailto:other@example.org">here</a></p></body></html>"""
    (l,) = extract_listings(page, URL)
    assert l.names == ("Avery Quinlan",)
    assert l.phones == ()
    assert set(l.emails) == {"avery.q@example.com", "other@example.org"}
    assert "555-0199" not in l.text and "var phone" not in l.text


def test_detail_page_with_other_people_cards_keeps_the_main_person():
    other = '<div class="o"><h3>Avery Quinlan</h3><div>Age {a}</div><div>Lives in {c}</div></div>'
    page = ("<article><h1>Avery J Quinlan</h1><p>Age 41</p><p>4821 SE Larkspur Ct</p><p>Portland, OR 97206</p>"
            "<section><h2>Other people named Avery Quinlan</h2>" + other.format(a=70, c="Tulsa, OK")
            + other.format(a=25, c="Bangor, ME") + "</section></article>")
    listings = extract_listings(page, URL)
    main = [l for l in listings if l.names and l.names[0] == "Avery J Quinlan"]
    assert len(main) == 1 and main[0].addresses == ("4821 SE Larkspur Ct, Portland, OR 97206",)
    assert "Tulsa" not in main[0].text


# ------------------------------------------------------------------------------ hostile input
@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03" * 5000,
    bytes(range(256)) * 40,
    b"\xff\xd8\xff\xe0 not html",
    b"%PDF-1.7 binary",
])
def test_binary_junk_is_an_extract_error(data):
    with pytest.raises(ExtractError) as exc:
        extract_listings(data, URL)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("data", [b"", b"   ", "<<<>>>", "<html><body><div><p>unclosed <b>tags <i>Avery Quinlan", "<![CDATA[x]]><?php ?>"])
def test_malformed_or_empty_input_never_raises_anything_else(data):
    try:
        result = extract_listings(data, URL)
    except ExtractError:
        return
    assert isinstance(result, list)


def test_mixed_and_wrong_encodings():
    latin = "<html><head><meta charset='iso-8859-1'></head><body><h1>José Quiñones</h1><p>Age 40</p></body></html>".encode("latin-1")
    (l,) = extract_listings(latin, URL)
    assert l.names == ("José Quiñones",) and l.age == 40
    mixed = "<p>Avery Quinlan – Portland, OR</p>".encode("utf-8") + "<p>Café</p>".encode("cp1252") + b"\xff\xfe\xfa"
    (l,) = extract_listings(mixed, URL)
    assert "Portland" in l.text
    utf16 = "<html><body><h1>Avery Quinlan</h1></body></html>".encode("utf-16")
    assert extract_listings(utf16, URL)[0].names == ("Avery Quinlan",)
    assert extract_listings(b"<meta charset='no-such-codec'><p>Avery Quinlan, Age 41</p>", URL)[0].age == 41


def test_huge_page_is_bounded():
    row = "<div class='x'><p>filler text about nothing in particular 12345</p></div>"
    page = ("<html><body><h1>Avery Quinlan</h1>" + row * (20 * 1024 * 1024 // len(row)) + "</body></html>").encode()
    assert len(page) > 20 * 1024 * 1024
    t0 = time.process_time()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        result = extract_listings(page, URL)
        assert len(result) <= 300
        assert all(len(l.text) <= 20000 for l in result)
    except ExtractError:
        pass
    assert time.process_time() - t0 < 30
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0 < 1_500_000  # KiB: well under 1.5 GB


def test_deeply_nested_markup_and_json():
    deep = "<div>" * 5000 + "Avery Quinlan, Age 41" + "</div>" * 5000
    assert isinstance(extract_listings(deep, URL), list)
    nested = '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script><p>x y</p>"
    assert isinstance(extract_listings(nested, URL), list)


def test_not_text_or_bytes():
    with pytest.raises(ExtractError):
        extract_listings(12345, URL)  # type: ignore[arg-type]
