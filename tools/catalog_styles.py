"""Fixture pages for the sandbox: a handful of markup styles, filled with the fictional world.

Used only by tools/make_catalog.py at development time. Every person here is invented: the
therapist Avery J. Quinlan (Portland OR), her spouse Jordan Quinlan, and two namesakes (Tulsa OK,
Boise ID) who must never be reported. Phones are 555-01xx, emails example.com.

Each style returns the pages and the findings the therapist's pages expose *by construction*
(what the generator put on her results card and detail page), which tests compare with the matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from scanner.profile import US_STATES

ME_AGE, SPOUSE_AGE = "__AGE_1984_03_17__", "__AGE_1982_07_09__"
TULSA_AGE, BOISE_AGE = "__AGE_1959_06_02__", "__AGE_1997_01_20__"
HOME, PREV = ("4821 SE Larkspur Ct", "Portland, OR 97206"), ("1190 Birchfield Ave Apt 3", "Eugene, OR 97401")
TULSA, BOISE = ("3307 E Tamarind Dr", "Tulsa, OK 74105"), ("88 W Cobblestone Ln", "Boise, ID 83702")
ME_PHONE, TULSA_PHONE, BOISE_PHONE = "(503) 555-0147", "(918) 555-0183", "(208) 555-0112"
ME_EMAIL = "avery.q@example.com"


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()

    def open(self, extra: str = "") -> str:
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs)
        return f"<{self.tag}{attrs}{extra}>"

    def close(self) -> str:
        return f"</{self.tag}>"


_COMPOUND = re.compile(r"^(?P<tag>[a-z][a-z0-9]*)?(?P<rest>(?:[#.][\w-]+|\[[^\]]+\])*)$")
_ATTR = re.compile(r"""\[\s*([\w-]+)\s*(\^?=)\s*['"]?([^'"\]]+)['"]?\s*\]""")


def parse_selector(selector: str) -> list[Element]:
    """A simple CSS selector (compounds joined by spaces or '>') -> the elements that satisfy it."""
    out = []
    for part in selector.replace(">", " ").split():
        m = _COMPOUND.match(part)
        if not m:
            raise ValueError(f"selector too complex for the fixture generator: {selector!r}")
        attrs: dict[str, str] = {}
        classes = re.findall(r"\.([\w-]+)", re.sub(r"\[[^\]]*\]", "", m.group("rest")))
        if classes:
            attrs["class"] = " ".join(classes)
        ident = re.findall(r"#([\w-]+)", re.sub(r"\[[^\]]*\]", "", m.group("rest")))
        if ident:
            attrs["id"] = ident[0]
        for name, op, value in _ATTR.findall(m.group("rest")):
            value = value + "-k3x9" if op == "^=" else value
            attrs[name] = (attrs[name] + " " + value) if name == "class" and name in attrs else value
        out.append(Element(m.group("tag") or "div", tuple(attrs.items())))
    return out


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    age: str
    home: tuple[str, str]
    phone: str = ""
    email: str = ""
    previous: tuple[str, str] | None = None
    relatives: tuple[str, ...] = ()
    aka: str = ""


ME = Person("", "Avery J Quinlan", ME_AGE, HOME, ME_PHONE, ME_EMAIL, PREV, ("Jordan Quinlan",), "Avery Jo Quinlan")
SPOUSE = Person("jordan-quinlan-portland", "Jordan Quinlan", SPOUSE_AGE, HOME, relatives=("Avery J Quinlan",))
NAMESAKE_TULSA = Person("avery-quinlan-tulsa", "Avery Quinlan", TULSA_AGE, TULSA, TULSA_PHONE,
                        relatives=("Dolores Quinlan", "Martin Quinlan"))
NAMESAKE_BOISE = Person("avery-m-quinlan-boise", "Avery M Quinlan", BOISE_AGE, BOISE, BOISE_PHONE,
                        relatives=("Renata Quinlan",))


@dataclass
class Pages:
    files: dict[str, str] = field(default_factory=dict)
    expected: dict[str, set[str]] = field(default_factory=dict)   # subject -> kinds, by construction

    def expect(self, subject: str, *kinds: str) -> None:
        self.expected.setdefault(subject, set()).update(kinds)


def doc(title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}</head>\n'
            f"<body>\n{body}\n</body></html>\n")


def wrap(elements: list[Element], inner: str) -> str:
    out = inner
    for el in reversed(elements):
        out = f"{el.open()}\n{out}\n{el.close()}"
    return out


# ------------------------------------------------------------------------------ card bodies
def card_full(p: Person, link_class: str, *, address=True, phone=True, email=False, relatives=True) -> str:
    """Every line visible on the results card (ThatsThem / FastPeopleSearch-like)."""
    rows = [f'<h3 class="person-name">{p.name}</h3>', f'<p class="age">Age {p.age}</p>']
    if address:
        rows.append(f'<p class="addr">Current address: {p.home[0]}, {p.home[1]}</p>')
    else:
        rows.append(f'<p class="loc">Lives in {p.home[1].rsplit(" ", 1)[0]}</p>')
    if phone and p.phone:
        rows.append(f'<p class="phone">Phone: {p.phone}</p>')
    if email and p.email:
        rows.append(f'<p class="email">Email: {p.email}</p>')
    if relatives and p.relatives:
        rows.append(f'<p class="rel">Relatives: {", ".join(p.relatives)}</p>')
    if link_class:
        rows.append(f'<a class="{link_class}" href="__BASE__/__detail/{p.slug}">View full report</a>')
    return "\n".join(rows)


def card_microdata(p: Person, link_class: str) -> str:
    """schema.org microdata, city only on the card (TruePeopleSearch / Radaris-like)."""
    city, state = p.home[1].rsplit(" ", 1)[0].split(", ")
    rels = "".join(f'<span itemprop="relatedTo" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{r}</span></span> '
                   for r in p.relatives)
    link = f'<a class="{link_class}" href="__BASE__/__detail/{p.slug}">View details</a>' if link_class else ""
    return (f'<div itemscope itemtype="https://schema.org/Person"><h3 itemprop="name">{p.name}</h3>\n'
            f'<div>Age <span class="age">{p.age}</span></div>\n'
            f'<div itemprop="homeLocation" itemscope itemtype="https://schema.org/Place">Lives in '
            f'<span itemprop="addressLocality">{city}</span>, <span itemprop="addressRegion">{state}</span></div>\n'
            f'<div>Related to {rels}</div></div>\n{link}')


def card_teaser(p: Person, link_class: str) -> str:
    """Name, age, city and relatives; phone hidden behind a paywall (the 'control/privacy' template)."""
    city = p.home[1].rsplit(" ", 1)[0]
    rels = ", ".join(p.relatives)
    link = f'<a class="{link_class}" href="__BASE__/__detail/{p.slug}">Open profile</a>' if link_class else ""
    return (f'<h3 class="name">{p.name}, {p.age}</h3>\n<p class="res-in">Resides in {city}</p>\n'
            f'<p class="relatives">Known relatives: {rels}</p>\n<p class="locked">Phone: ({p.phone[1:4]}) XXX-XXXX</p>\n{link}')


def row_table(p: Person, link_class: str) -> str:
    city = p.home[1].rsplit(" ", 1)[0]
    link = f'<a class="{link_class}" href="__BASE__/__detail/{p.slug}">{p.name}</a>' if link_class else p.name
    return (f'<td class="name">{link}</td><td class="age">{p.age}</td><td class="city">{city}</td>'
            f'<td class="street">{p.home[0]}</td><td class="phone">{p.phone}</td>')


# ------------------------------------------------------------------------------ detail pages
def detail_jsonld(p: Person, detail_id: str, site_name: str) -> str:
    import json

    ld = {"@context": "https://schema.org", "@type": "Person", "name": p.name,
          "homeLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "streetAddress": p.home[0],
                           "addressLocality": p.home[1].split(",")[0], "addressRegion": p.home[1].split(", ")[1][:2],
                           "postalCode": p.home[1][-5:]}}}
    if p.phone:
        ld["telephone"] = [p.phone]
    if p.relatives:
        ld["relatedTo"] = [{"@type": "Person", "name": r} for r in p.relatives]
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = [f'<div id="{detail_id}">', f"<h1>{p.name} in {p.home[1].rsplit(' ', 1)[0]}</h1>", f"<h2>Age {p.age}</h2>",
            f'<section><h3>Current address</h3><p>{p.home[0]}<br>{p.home[1]}</p></section>']
    if p.previous:
        body.append(f"<section><h3>Previous addresses</h3><p>{p.previous[0]}, {p.previous[1]}</p></section>")
    if p.phone:
        body.append(f'<section><h3>Phone numbers</h3><a href="tel:{re.sub(r"[^0-9]", "", p.phone)}">{p.phone}</a></section>')
    if p.email:
        body.append(f"<section><h3>Email addresses</h3><p>{p.email}</p></section>")
    if p.relatives:
        body.append(f"<section><h3>Relatives</h3><p>{', '.join(p.relatives)}</p></section>")
    body.append("</div>")
    return doc(f"{p.name} | {site_name}", "\n".join(body), head)


def detail_facts(p: Person, detail_id: str, site_name: str) -> str:
    """A table of facts, upper-case addresses (ThatsThem-like)."""
    rows = [("Age", p.age), ("Address", f"{p.home[0]}, {p.home[1]}".upper())]
    if p.previous:
        rows.append(("Previous address", f"{p.previous[0]}, {p.previous[1]}".upper()))
    if p.phone:
        rows.append(("Phone", p.phone.replace("(", "").replace(") ", ".").replace("-", ".")))
    if p.email:
        rows.append(("Email", p.email))
    if p.relatives:
        rows.append(("Household", ", ".join(p.relatives)))
    table = "\n".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return doc(f"{p.name} - {site_name}", f'<main><div id="{detail_id}"><h1>{p.name}</h1>\n<table class="facts">\n{table}\n</table></div></main>')


def detail_microdata(p: Person, detail_id: str, site_name: str) -> str:
    def addr(a: tuple[str, str]) -> str:
        city, rest = a[1].split(", ")
        return (f'<div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
                f'<span itemprop="streetAddress">{a[0]}</span>, <span itemprop="addressLocality">{city}</span>, '
                f'<span itemprop="addressRegion">{rest[:2]}</span> <span itemprop="postalCode">{rest[3:]}</span></div>')

    parts = [f'<div id="{detail_id}" itemscope itemtype="https://schema.org/Person">', f'<h1 itemprop="name">{p.name}</h1>',
             f"<p>Age {p.age}</p>", "<h2>Current address</h2>", addr(p.home)]
    if p.previous:
        parts += ["<h2>Previous addresses</h2>", addr(p.previous)]
    if p.phone:
        parts += ["<h2>Phone</h2>", f'<span itemprop="telephone">{p.phone}</span>']
    if p.relatives:
        parts += ["<h2>Possible relatives</h2>"] + [
            f'<span itemprop="relatedTo" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{r}</span></span>'
            for r in p.relatives]
    parts.append("</div>")
    return doc(f"{p.name} | {site_name}", "\n".join(parts))


# ------------------------------------------------------------------------------ blocked / no results
BLOCK_PAGES = {
    "cloudflare": ("Just a moment...", '<div id="challenge-stage"><p>Checking your browser before accessing the site.</p></div>'
                   '<form id="challenge-form" action="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1" method="POST"></form>'),
    "datadome": ("Please wait", '<p>Please enable JS and disable any ad blocker.</p>'
                 '<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid=x" title="DataDome CAPTCHA"></iframe>'),
    "perimeterx": ("Access to this page has been denied", '<div id="px-captcha"></div><p>Press and hold to confirm you are a human.</p>'),
    "recaptcha": ("Security check", '<form method="post"><div class="g-recaptcha" data-sitekey="x"></div>'
                  '<p>Please complete the security check to continue.</p></form>'),
    "limit": ("Search limit reached", '<div class="limit-wall"><h1>Daily search limit reached</h1>'
              '<p>You have reached the maximum number of free searches for today. Come back tomorrow.</p></div>'),
    "blocker": ("Verification", '<div id="blocker"><h1>Your access to this site has been limited</h1>'
                '<p>Our system detected unusual activity from your network.</p></div>'),
}
# A site-specific signature for each wall (the common ones in spiders/detection.py catch most too).
BLOCK_SIGNATURES = {
    "cloudflare": "css:form#challenge-form", "datadome": "regex:captcha-delivery\\.com", "perimeterx": "css:#px-captcha",
    "recaptcha": "css:.g-recaptcha", "limit": "regex:(?i)daily search limit", "blocker": "css:#blocker",
}


def blocked_page(kind: str) -> str:
    title, body = BLOCK_PAGES[kind]
    return doc(title, f'<div class="wall">{body}</div>')


def no_results_page(signature: str, site_name: str) -> str:
    """A page that satisfies the entry's no-results signature and nothing else."""
    kind, _, arg = signature.partition(":")
    if kind == "css":
        inner = wrap(parse_selector(arg), "<p>We did not find anyone matching that search.</p>")
    elif kind == "text":
        inner = f'<div class="message"><p>{escape(arg, quote=False)}. Check the spelling or try another city.</p></div>'
    else:
        inner = f'<div class="message"><p>{escape(NO_RESULTS_TEXT_FOR_REGEX[arg])}</p></div>'
    return doc(f"Search | {site_name}", f'<main><h1>Search results</h1>\n{inner}\n</main>')


NO_RESULTS_TEXT_FOR_REGEX = {
    "(?i)no (results|records) (were )?found": "No records were found for this search.",
    "(?i)\\b0 results\\b": "0 results for this name",
    "(?i)no results? found": "No results found.",
}

DETAIL_PAGES = {"jsonld": detail_jsonld, "facts": detail_facts, "microdata": detail_microdata}
# style -> (card body, detail page, therapist kinds by construction: results card | detail page)
STYLES = {
    "full": (lambda p, link: card_full(p, "", email=True), None,
             {"home_address", "phone", "email", "relative", "birth_date"}),
    "jsonld": (lambda p, link: card_full(p, link), "jsonld",
               {"home_address", "previous_address", "phone", "email", "relative", "birth_date"}),
    "facts": (lambda p, link: card_full(p, link, address=False, phone=False, relatives=False), "facts",
              {"home_address", "previous_address", "phone", "email", "relative", "birth_date"}),
    "microdata": (card_microdata, "microdata", {"home_address", "previous_address", "phone", "relative", "birth_date"}),
    "teaser": (card_teaser, "microdata", {"home_address", "previous_address", "phone", "relative", "birth_date"}),
    "table": (row_table, "facts", {"home_address", "previous_address", "phone", "email", "relative", "birth_date"}),
    "household": (lambda p, link: card_full(p, link), "jsonld",
                  {"home_address", "previous_address", "phone", "email", "relative", "birth_date"}),
}
SPOUSE_KINDS = {"home_address", "relative", "birth_date"}


def site_pages(style: str, card: str, link_class: str, detail_id: str, no_results: str, block: str,
               site_name: str, heading: str = "People named Avery Quinlan") -> Pages:
    """Every fixture page of one site, and the findings they expose by construction."""
    body, detail, kinds = STYLES[style]
    chain = parse_selector(card)
    people = [ME, NAMESAKE_TULSA, NAMESAKE_BOISE]
    if style == "household":
        people.insert(1, SPOUSE)
    link = link_class if detail else ""
    cards = "\n".join(f"{chain[-1].open()}\n{body(person, link)}\n{chain[-1].close()}" for person in people)
    outer = chain[:-1]
    if chain[-1].tag == "tr" and not any(e.tag in ("table", "tbody") for e in outer):
        outer = [Element("table", (("class", "results"),)), Element("tbody")]
    elif chain[-1].tag == "li" and not any(e.tag in ("ul", "ol") for e in outer):
        outer = [*outer, Element("ul", (("class", "results"),))]
    pages = Pages()
    pages.files["results.html"] = doc(f"Avery Quinlan | {site_name}", f"<main><h1>{heading}</h1>\n{wrap(outer, cards)}\n</main>")
    pages.files["no_results.html"] = no_results_page(no_results, site_name)
    pages.files["blocked.html"] = blocked_page(block)
    if detail:
        render = DETAIL_PAGES[detail]
        pages.files["detail.html"] = render(ME, detail_id, site_name)
        pages.files[f"detail-{NAMESAKE_TULSA.slug}.html"] = render(NAMESAKE_TULSA, detail_id, site_name)
    else:  # no detail pages on this site: the sandbox still needs one to self-test the entry's detail selector
        pages.files["detail.html"] = DETAIL_PAGES["facts"](ME, detail_id, site_name)
    pages.expect("self", *kinds)
    if style == "household":
        pages.expect(SPOUSE.name, *SPOUSE_KINDS)
    return pages


# ------------------------------------------------------------------------------ search forms


def form_page(site_name: str, path: str, fields: dict[str, str], submit: str, method: str) -> str:
    """The page with a site's search form, built to satisfy its entry's field and button selectors.
    It also asks for an ad network's pixel and script (__THIRD_PARTY__): a scan must never load them."""
    form_attrs: tuple[tuple[str, str], ...] = ()
    rows = []
    for selector, text in fields.items():
        chain = parse_selector(selector)
        if len(chain) > 2:
            raise ValueError(f"form field selector too deep for the fixture generator: {selector!r}")
        if len(chain) == 2:
            form_attrs = tuple((k, v) for k, v in chain[0].attrs)
        field = chain[-1]
        tag = field.tag if field.tag != "div" else ("select" if text.startswith("{state") else "input")
        attrs = dict(field.attrs)
        label = re.sub(r"[{}|:]|default", " ", text).strip().title() or "Field"
        if tag == "select":
            options = '<option value="">State</option>' + "".join(
                f'<option value="{code}">{escape(name)}</option>' for code, name in sorted(US_STATES.items()))
            rows.append(f'<label>{label} {Element("select", tuple(attrs.items())).open()}{options}</select></label>')
        else:
            attrs.setdefault("type", "text")
            attrs.setdefault("name", attrs.get("id", label.lower()))
            rows.append(f'<label>{label} {Element("input", tuple(attrs.items())).open()}</label>')
    button = parse_selector(submit)[-1]
    attrs = dict(button.attrs)
    if button.tag in ("div", "button"):
        attrs.setdefault("type", "submit")
    form = Element("form", (*form_attrs, ("method", method), ("action", f"__BASE__{path}")))
    body = (f'<main><h1>Find anyone: {escape(site_name)}</h1>\n{form.open()}\n' + "\n".join(rows)
            + f'\n{Element("button", tuple(attrs.items())).open()}Search{"</button>"}\n</form>\n'
            '<img src="__THIRD_PARTY__/pixel.gif" alt="" width="1" height="1">\n</main>')
    return doc(f"People search | {site_name}", body, head='<script src="__THIRD_PARTY__/tag.js"></script>')
