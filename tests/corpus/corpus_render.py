"""HTML renderers of the corpus: the same records in many markup styles (see make_corpus.py)."""

from __future__ import annotations

import html
import json
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from make_corpus import Rec


def addr_line(a: tuple[str, str, str, str]) -> str:
    street, city, state, zipc = a
    return f"{street}, {city}, {state} {zipc}".strip()


E = html.escape


def _email_html(em: str) -> str:
    return em if "&#64;" in em else E(em)


def _jsonld_person(r: Rec, rng: random.Random) -> dict:
    p: dict = {"@type": "Person", "name": r.name}
    if r.akas:
        p["alternateName"] = r.akas
    if r.addresses:
        addrs = []
        for a in r.addresses:
            if rng.random() < 0.7:
                addrs.append({"@type": "PostalAddress", "streetAddress": a[0], "addressLocality": a[1], "addressRegion": a[2], "postalCode": a[3]})
            else:
                addrs.append(addr_line(a))
        p["address"] = addrs if len(addrs) > 1 or rng.random() < 0.5 else addrs[0]
    elif r.location:
        city, state = r.location.split(", ")
        p["homeLocation"] = {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": city, "addressRegion": state}}
    if r.phones:
        p["telephone"] = r.phones if len(r.phones) > 1 else r.phones[0]
    if r.emails:
        p["email"] = [html.unescape(e) for e in r.emails]
    if r.birth:
        p["birthDate"] = r.birth
    if r.age:
        p["description"] = f"{r.name}, age {r.age}, lives in {r.location}."
    if r.relatives:
        p["relatedTo"] = [{"@type": "Person", "name": n} for n in r.relatives]
    return p


def render_jsonld(recs: list[Rec], rng: random.Random, title: str) -> str:
    persons = [_jsonld_person(r, rng) for r in recs]
    shape = rng.randrange(4)
    if shape == 0:
        blocks = [dict(p, **{"@context": "https://schema.org"}) for p in persons]
    elif shape == 1:
        blocks = [[dict(p, **{"@context": "https://schema.org"}) for p in persons]]
    elif shape == 2:
        blocks = [{"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": title}, *persons]}]
    else:
        blocks = [{"@context": "https://schema.org", "@type": "ItemList",
                   "itemListElement": [{"@type": "ListItem", "position": i + 1, "item": p} for i, p in enumerate(persons)]}]
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(b)}</script>' for b in blocks)
    if rng.random() < 0.4:
        scripts = '<script type="application/ld+json">{"@type": "Person", "name": "Broken, ' + "</script>" + scripts
    visible = "".join(f"<li><a href='/p/{i}'>{E(r.name)}</a></li>" for i, r in enumerate(recs))
    return _page(title, f"{scripts}<ul class='names'>{visible}</ul>")


def render_microdata(recs: list[Rec], rng: random.Random, title: str) -> str:
    out = []
    for r in recs:
        parts = [f'<h2 itemprop="name">{E(r.name)}</h2>']
        parts += [f'<span itemprop="alternateName">{E(a)}</span>' for a in r.akas]
        if r.age:
            parts.append(f"<p>Age {r.age}</p>")
        if r.birth:
            parts.append(f'<p>Born <time itemprop="birthDate">{E(r.birth)}</time></p>')
        for a in r.addresses:
            parts.append(
                '<div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
                f'<span itemprop="streetAddress">{E(a[0])}</span><br><span itemprop="addressLocality">{E(a[1])}</span>, '
                f'<span itemprop="addressRegion">{E(a[2])}</span> <span itemprop="postalCode">{E(a[3])}</span></div>')
        if not r.addresses and r.location:
            parts.append(f"<p>Lives in {E(r.location)}</p>")
        parts += [f'<p>Phone: <span itemprop="telephone">{E(p)}</span></p>' for p in r.phones]
        parts += [f'<p>Email: <span itemprop="email">{_email_html(e)}</span></p>' for e in r.emails]
        parts += [f'<div itemprop="relatedTo" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{E(n)}</span></div>' for n in r.relatives]
        out.append(f'<div class="person" itemscope itemtype="http://schema.org/Person">{"".join(parts)}</div>')
    return _page(title, "".join(out))


def _card_body(r: Rec, rng: random.Random) -> str:
    parts = [f'<h3 class="name">{E(r.name)}</h3>']
    if r.akas:
        parts.append(f"<div>Also known as: {E(', '.join(r.akas))}</div>")
    if r.age:
        parts.append(rng.choice([f"<div>Age {r.age}</div>", f"<span class='age'>Age: {r.age}</span>", f"<div>{r.age} years old</div>"]))
    if r.birth:
        parts.append(f"<div>Born: {E(r.birth)}</div>" if not r.birth.lower().startswith("born") else f"<div>{E(r.birth)}</div>")
    if r.location:
        parts.append(f"<div>Lives in {E(r.location)}</div>")
    for a in r.addresses:
        if rng.random() < 0.6:  # split across elements
            parts.append(f"<div class='street'>{E(a[0])}</div><div class='locality'>{E(a[1])}, {E(a[2])} {E(a[3])}</div>")
        else:
            parts.append(f"<div>{E(addr_line(a))}</div>")
    for p in r.phones:
        digits = "".join(ch for ch in p if ch.isdigit() or ch == "+")
        parts.append(rng.choice([f"<div>Phone: {E(p)}</div>", f"<div><a href='tel:{digits}'>{E(p)}</a></div>"]))
    for e in r.emails:
        parts.append(f"<div>Email: {_email_html(e)}</div>")
    if r.relatives:
        if rng.random() < 0.5:
            parts.append(f"<div>Relatives: {E(', '.join(r.relatives))}</div>")
        else:
            items = "".join(f"<li><a href='/n/{i}'>{E(n)}</a></li>" for i, n in enumerate(r.relatives))
            parts.append(f"<div class='rel'><b>Possible relatives:</b><ul>{items}</ul></div>")
    return "".join(parts)


def render_cards(recs: list[Rec], rng: random.Random, title: str, cls: str = "card") -> str:
    cards = "".join(f'<div class="{cls}">{_card_body(r, rng)}<a href="/d">View details</a></div>' for r in recs)
    return _page(title, f"<div class='results'>{cards}</div>")


def render_table(recs: list[Rec], rng: random.Random, title: str) -> str:
    rows = ["<tr><th>Name</th><th>Age</th><th>Address</th><th>Phone</th><th>Relatives</th></tr>"]
    for r in recs:
        addr = "<br>".join(E(addr_line(a)) for a in r.addresses) or E(r.location)
        age = f"Age {r.age}" if r.age else f"Born {E(r.birth.removeprefix('Born '))}" if r.birth else ""
        extra = "".join(f"<div>{_email_html(e)}</div>" for e in r.emails)
        rows.append(f"<tr><td>{E(r.name)}</td><td>{age}</td><td>{addr}</td><td>{E(', '.join(r.phones))}{extra}</td>"
                    f"<td>Relatives: {E('; '.join(r.relatives))}</td></tr>")
    return _page(title, f"<table class='people'>{''.join(rows)}</table>")


def render_detail(main: Rec, others: list[Rec], rng: random.Random, title: str) -> str:
    r = main
    sec = [f"<h1>{E(r.name)}</h1>"]
    if r.age:
        sec.append(f"<p class='age'>Age {r.age}</p>")
    if r.birth:
        sec.append(f"<p>Date of birth: {E(r.birth)}</p>")
    if r.akas:
        sec.append(f"<section><h2>Also known as</h2><p>AKA: {E(', '.join(r.akas))}</p></section>")
    if r.addresses:
        items = "".join(f"<li><span>{E(a[0])}</span> <span>{E(a[1])}, {E(a[2])} {E(a[3])}</span></li>" for a in r.addresses)
        sec.append(f"<section><h2>Addresses</h2><ul>{items}</ul></section>")
    else:
        sec.append(f"<p>Lives in {E(r.location)}</p>")
    if r.phones:
        sec.append("<section><h2>Phone numbers</h2><ul>" + "".join(f"<li>{E(p)}</li>" for p in r.phones) + "</ul></section>")
    if r.emails:
        sec.append("<section><h2>Email addresses</h2>" + "".join(f"<p>{_email_html(e)}</p>" for e in r.emails) + "</section>")
    if r.relatives:
        sec.append("<section><h2>Relatives</h2><p>Relatives: " + E(", ".join(r.relatives)) + "</p></section>")
    if others:
        cards = "".join(f'<div class="other">{_card_body(o, rng)}</div>' for o in others)
        sec.append(f"<section><h2>Other people named {E(r.name)}</h2>{cards}</section>")
    return _page(title, f"<article>{''.join(sec)}</article>")


def render_prose(r: Rec, rng: random.Random, title: str) -> str:
    s = [f"<p>Our records show that {E(r.name)}"]
    if r.age:
        s.append(f", {r.age} years old,")
    s.append(f" is associated with {E(r.location)}.")
    for a in r.addresses:
        s.append(f" A recorded address is {E(addr_line(a))}.")
    for p in r.phones:
        s.append(f" You can reach them at {E(p)}.")
    for e in r.emails:
        s.append(f" Write to {_email_html(e)} .")
    if r.birth:
        s.append(f" Born {E(r.birth.removeprefix('Born ').removeprefix('born in '))}.")
    if r.relatives:
        s.append(f" Relatives: {E(', '.join(r.relatives))}.")
    return _page(title, "".join(s) + "</p>")


def _page(title: str, body: str) -> str:
    nav = "".join(f"<li><a href='/state/{s}'>{s}</a></li>" for s in ("Alabama", "Alaska", "Arizona", "Ohio", "Texas"))
    footer = "<footer><p>PeopleLookup Demo Inc., 100 Example Plaza, Wilmington, DE 19801. Support (302) 555-0100.</p></footer>"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{E(title)}</title><style>.card{{margin:1em}}</style>"
            f"<script>window.tracker = '4821 SE Larkspur Ct (503) 555-0147';</script></head>"
            f"<body><nav><ul>{nav}</ul></nav><main>{body}</main>{footer}</body></html>")


