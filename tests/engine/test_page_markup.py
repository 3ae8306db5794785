"""Pages the way sites write them: JSON-LD next to visible cards, Cloudflare-protected emails, hidden duplicate cards."""

from __future__ import annotations

import json

import pytest

from scanner.engine.extract import extract_listings
from scanner.engine.markup import cf_decode

URL = "https://people.example/search"


def _ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def cf_encode(email: str, key: int = 0x5A) -> str:
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in email.encode())


def _cf(email: str) -> str:
    return f'<a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="{cf_encode(email)}">[email&#160;protected]</a>'


def _by_name(listings):
    return {l.names[0]: l for l in listings if l.names}


# ------------------------------------------------------------------------------ 1. JSON-LD adds to the visible page
PERSONS = [  # keys written as some sites write them: other cases than schema.org's
    {"@type": "person", "Name": "Avery Quinlan", "Telephone": "(503) 555-0147",
     "HomeLocation": {"@type": "Place", "Address": {"@type": "PostalAddress", "StreetAddress": "4821 SE Larkspur Ct",
                                                    "AddressLocality": "Portland", "AddressRegion": "OR", "PostalCode": "97206"}},
     "RelatedTo": [{"@type": "Person", "Name": "Jordan Quinlan"}]},
    {"@type": "Person", "name": "Casey Voss", "address": {"streetAddress": "12 Main St", "addressLocality": "Salem",
                                                          "addressRegion": "OR"}},
    {"@type": "Person", "name": "Rowan Thistle", "telephone": "(541) 555-0110"},  # no card shows this person
]
CARD = ('<div class="card"><h2 class="name">{n}</h2><div>Age {a}</div><div>Email: {e}</div>'
        '<div>Associates: {r}</div><div>Lives in {c}</div></div>')
CARDS = (CARD.format(n="Avery Quinlan", a=41, e=_cf("avery.q@example.com"), r="Mia Quinlan, Pat Quinlan", c="Portland, OR")
         + CARD.format(n="Casey Voss", a=30, e="casey.v@example.org", r="Dana Voss", c="Salem, OR"))


@pytest.mark.parametrize("selector", [None, "div.card"])
def test_jsonld_persons_are_merged_into_the_cards_that_show_them(selector):
    page = f"<html><head>{_ld({'@graph': PERSONS})}</head><body><div class='results'>{CARDS}</div></body></html>"
    listings = extract_listings(page, URL, card_selector=selector)
    people = _by_name(listings)
    assert sorted(people) == ["Avery Quinlan", "Casey Voss", "Rowan Thistle"] and len(listings) == 3
    avery, casey, rowan = people["Avery Quinlan"], people["Casey Voss"], people["Rowan Thistle"]
    assert avery.age == 41 and casey.age == 30                             # only the visible card shows ages
    assert avery.emails == ("avery.q@example.com",) and casey.emails == ("casey.v@example.org",)
    assert avery.addresses == ("4821 SE Larkspur Ct, Portland, OR 97206",)  # only JSON-LD has it (as HomeLocation)
    assert avery.phones == ("(503) 555-0147",)
    assert {"Jordan Quinlan", "Mia Quinlan", "Pat Quinlan"} <= set(avery.relatives)
    assert casey.addresses == ("12 Main St, Salem, OR",) and "Dana Voss" in casey.relatives
    assert rowan.phones == ("(541) 555-0110",) and rowan.age is None
    assert "Casey" not in avery.text and "Avery" not in casey.text


def test_namesake_cards_get_the_jsonld_person_whose_details_they_show():
    card = '<div class="r"><h3>Avery Quinlan</h3><div>Age {a}</div><div>Phone: {p}</div><div>Lives in {c}</div></div>'
    page = (_ld([{"@type": "Person", "name": "Avery Quinlan", "telephone": "614-555-0199", "birthDate": "1958"},
                 {"@type": "Person", "name": "Avery Quinlan", "telephone": "503-555-0147", "birthDate": "1983"}])
            + card.format(a=41, p="(503) 555-0147", c="Portland, OR") + card.format(a=67, p="(614) 555-0199", c="Columbus, OH"))
    young, old = extract_listings(page, URL)
    assert (young.age, young.birth_dates) == (41, ("1983",))
    assert (old.age, old.birth_dates) == (67, ("1958",))


def test_real_radaris_page_each_jsonld_person_goes_to_its_own_card():
    """Real markup (re-skinned): card 1's heading is not its name; a namesake card 3; JSON-LD outside the cards."""
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "spiders/catalog/fixtures/radaris/real/results-1.html").read_bytes()
    first, second, third = extract_listings(page, "https://radaris.com/ng/search?ff=Avery&fl=Quinlan", "div.card.teaser-card")
    assert (first.names[0], first.age, first.addresses) == ("Avery Quinlan", 47, ("Portland, OR",))
    assert "Jordan Quinlan" in first.relatives and "Norbert Rowley" not in first.text
    assert (second.names[0], second.age, second.addresses) == ("Avery F Quinlan", 33, ("Beaverton, OR",))
    assert "Norbert Rowley" in second.relatives and "Jordan Quinlan" not in second.text
    assert (third.names, third.relatives) == (("Avery Quinlan",), ())


def test_schema_keys_and_types_are_matched_without_regard_to_case():
    page = _ld({"@context": "https://schema.org", "@type": "PERSON", "NAME": "Avery Quinlan", "Email": "avery.q@example.com",
                "Address": [{"StreetAddress": "4821 SE Larkspur Ct", "AddressLocality": "Portland", "AddressRegion": "OR"}],
                "BirthDate": "1983-06-02", "Spouse": {"NAME": "Jordan Quinlan"}})
    (l,) = extract_listings(f"<html><body>{page}<p>nothing else</p></body></html>", URL)
    assert l.names[0] == "Avery Quinlan" and l.emails == ("avery.q@example.com",)
    assert l.addresses == ("4821 SE Larkspur Ct, Portland, OR",)
    assert l.birth_dates == ("1983-06-02",) and l.relatives == ("Jordan Quinlan",)
    prefixed = _ld({"@type": ["Thing", "schema:Person"], "name": "Casey Voss"}) + _ld({"@type": "http://schema.org/PERSON", "name": "Dana Lark"})
    assert [x.names[0] for x in extract_listings(prefixed, URL)] == ["Casey Voss", "Dana Lark"]
    micro = """<div itemscope itemtype="http://SCHEMA.ORG/Person"><span itemprop="Name">Avery Quinlan</span>
      <div itemprop="HomeLocation" itemscope itemtype="https://schema.org/Place"><span itemprop="StreetAddress">4821 SE Larkspur Ct</span>
      <span itemprop="AddressLocality">Portland</span></div><meta itemprop="Telephone" content="(503) 555-0147"></div>"""
    (m,) = extract_listings(micro, URL)
    assert m.names == ("Avery Quinlan",) and m.phones == ("(503) 555-0147",)
    assert m.addresses[0].startswith("4821 SE Larkspur Ct, Portland")


# ------------------------------------------------------------------------------ 2. Cloudflare email protection
def test_cf_decode_and_malformed_values():
    assert cf_decode(cf_encode("avery.q@example.com", 0x00)) == "avery.q@example.com"
    assert cf_decode(cf_encode("avery.q@example.com", 0xFF).upper()) == "avery.q@example.com"
    for bad in ("", "5a", "5", "zz11", "5a1", "5a" + "00" * 5, cf_encode("no at sign"), "5a" + "a5" * 400, cf_encode("a\nb@example.com")):
        assert cf_decode(bad) is None, bad


@pytest.mark.parametrize("selector", [None, "div.card"])
def test_protected_emails_are_read_in_cards_where_they_stood(selector):
    page = f"<div class='results'>{CARDS}</div>"
    people = _by_name(extract_listings(page, URL, card_selector=selector))
    assert people["Avery Quinlan"].emails == ("avery.q@example.com",)
    assert "avery.q@example.com" in people["Avery Quinlan"].text and "protected" not in people["Avery Quinlan"].text
    assert people["Casey Voss"].emails == ("casey.v@example.org",)


def test_protected_emails_in_links_and_on_whole_pages_and_detail_pages():
    href = f'<a href="/cdn-cgi/l/email-protection#{cf_encode("avery.q@example.com")}">Send an email</a>'
    span = f'<a href="/cdn-cgi/l/email-protection#{cf_encode("aq@example.org")}"><span class="__cf_email__" data-cfemail="{cf_encode("aq@example.org")}">[email&#160;protected]</span></a>'
    page = f"<html><head><title>Avery Quinlan</title></head><body><h1>Avery Quinlan</h1><p>{href}</p><p>{span}</p></body></html>"
    (l,) = extract_listings(page, URL)
    assert set(l.emails) == {"avery.q@example.com", "aq@example.org"}
    detail = page.replace("<head>", "<head>" + _ld({"@type": "Person", "name": "Avery Quinlan"}))
    (d,) = extract_listings(detail, URL)
    assert set(d.emails) == {"avery.q@example.com", "aq@example.org"}


def test_malformed_protected_emails_are_ignored():
    bad = "".join(f'<span data-cfemail="{v}">[email&#160;protected]</span> <a href="/cdn-cgi/l/email-protection#{v}">x</a>'
                  for v in ("", "zz", "5a1", "5a00", "ff" * 3000, cf_encode("<b>@example.com")))
    (l,) = extract_listings(f"<h1>Avery Quinlan</h1><p>Age 41</p>{bad}", URL)
    assert l.emails == () and l.age == 41


# ------------------------------------------------------------------------------ 7b. hidden duplicate cards
HIDDEN = [
    'class="card d-none"', 'class="card hidden"', 'class="card" style="color:red; DISPLAY : none !important"',
    'class="card" style="visibility:hidden"', 'class="card" hidden', 'class="card" aria-hidden="true"',
]


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("selector", [None, "div.card"])
def test_hidden_cards_are_not_listings(hidden, selector):
    card = '<div {attrs}><h3>{n}</h3><div>Age {a}</div><div>Phone: {p}</div><div>{s}, Portland, OR 97206</div></div>'
    page = "<div class='results'>" + "".join([
        card.format(attrs='class="card"', n="Avery Quinlan", a=41, p="(503) 555-0147", s="4821 SE Larkspur Ct"),
        card.format(attrs=hidden, n="Avery Quinlan", a=52, p="(503) 555-0188", s="77 Alder Way"),
        card.format(attrs='class="card"', n="Casey Voss", a=30, p="(503) 555-0123", s="12 Main St"),
        f'<div class="card"><div {hidden.replace("card", "x")}><h3>Jordan Quinlan</h3><p>Age 60</p>'
        '<p>Phone: (503) 555-0177</p><p>9 Elm St, Salem, OR</p></div></div>',
    ]) + "</div>"
    listings = extract_listings(page, URL, card_selector=selector)
    assert [l.names[0] if l.names else "" for l in listings] == ["Avery Quinlan", "Casey Voss"]
    text = " ".join(" ".join((*l.names, *l.phones, *l.addresses, l.text)) for l in listings)
    for leak in ("555-0188", "Alder", "555-0177", "Jordan", "52"):
        assert leak not in text


def test_responsive_twins_count_once_and_a_self_hiding_page_is_still_read():
    card = '<div class="card {c}"><h3>Avery Quinlan</h3><div>Age 41</div><div>Phone: (503) 555-0147</div><div>Portland, OR</div></div>'
    other = ('<div class="card"><h3>Casey Voss</h3><div>Age 30</div><div>Phone: <i class="icon" aria-hidden="true">☎</i>'
             '(503) 555-0123</div><div>Salem, OR</div></div>')
    for desktop, mobile in (("d-none d-lg-block", "d-lg-none"), ("hidden md:block", "md:hidden")):
        page = f"<div>{card.format(c=desktop)}{card.format(c=mobile)}{other}</div>"
        listings = extract_listings(page, URL, "div.card")
        assert [l.names[0] for l in listings] == ["Avery Quinlan", "Casey Voss"]
        assert listings[1].phones == ("(503) 555-0123",) and "☎" not in listings[1].text  # the text after a hidden icon stays
    # A page that hides itself until a script shows it: its content is what a visitor sees.
    page = f"<body style='display:none'><div id='app' class='hidden'><h1>Avery Quinlan</h1><p>Age 41</p></div></body>"
    (l,) = extract_listings(page, URL)
    assert l.names == ("Avery Quinlan",) and l.age == 41
    assert [l.names[0] for l in extract_listings(f"<div class='overflow-hidden sr-only'>{other}{other.replace('Casey Voss', 'Dana Lark')}</div>", URL)] == ["Casey Voss", "Dana Lark"]


def test_findings_on_a_page_written_like_a_real_results_page():
    """The whole path: the email only in a protected card, the home address only in JSON-LD, a hidden copy ignored."""
    import datetime as dt

    from scanner.engine.matcher import analyze_html
    from scanner.profile import parse_profile

    profile = parse_profile({
        "schema": 1, "person": {"name": "Avery J. Quinlan", "birth_date": "1983-06-02", "emails": ["avery.q@example.com"]},
        "addresses": [{"kind": "home", "street": "4821 SE Larkspur Ct", "city": "Portland", "state": "OR", "postal_code": "97206"}],
        "family": [{"name": "Mia Quinlan", "relation": "child"}],
    })
    hidden = CARD.format(n="Avery Quinlan", a=41, e="old.copy@example.net", r="Nobody Here", c="Portland, OR")
    hidden = hidden.replace('class="card"', 'class="card d-none"')
    page = f"<html><head>{_ld({'@graph': PERSONS})}</head><body><div class='results'>{CARDS}{hidden}</div></body></html>"
    for selector in (None, "div.card"):
        found = analyze_html(page, URL, profile, selector, today=dt.date(2025, 5, 1))
        by_kind = {(f.kind, f.value) for f in found}
        assert ("email", "avery.q@example.com") in by_kind
        assert any(k == "home_address" for k, _ in by_kind)
        assert any(k == "relative" and "Mia" in v for k, v in by_kind)
        assert not any("old.copy" in v for _, v in by_kind)


def test_names_the_markup_marks_as_relatives_are_relatives_without_a_label():
    """TruePeopleSearch lists relatives as links marked data-link-to-more="relative", under no "Relatives:"
    text; a Tailwind class "relative" (CSS positioning) marks nothing."""
    page = ('<html><body><h1>Avery J Quinlan</h1><div class="relative"><h2>Avery J Quinlan</h2></div>'
            "<p>4821 SE Larkspur Ln, Portland, OR 97206</p>"
            '<a href="/find/person/p1" data-link-to-more="relative"><span>Jordan Quinlan</span></a>'
            '<ul class="relatives-list"><li><a href="/p2">Morgan Quinlan</a></li></ul>'
            '<div itemprop="relatedTo"><span>Sabine Quinlan</span></div></body></html>')
    (listing,) = extract_listings(page, URL)
    assert set(listing.relatives) == {"Jordan Quinlan", "Morgan Quinlan", "Sabine Quinlan"}
