"""Benchmark of the detection engine: 500 synthetic people-search pages of ~100 KB each.

Run:  python benchmarks/analyze_bench.py [--pages 500] [--size 100]
Prints, from one run: CPU milliseconds per page of analyze_html (target <= 5 ms), pages per second,
the parse-only floor beside it (lxml.html.fromstring of the same pages) and peak memory. Each page is
analysed once: the CPU figure is never helped by a page seen before.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import html as lxml_html  # noqa: E402

from scanner.engine.matcher import analyze_html  # noqa: E402
from scanner.profile import parse_profile  # noqa: E402

FIRST = ["Avery", "Jordan", "Morgan", "Casey", "Riley", "Harper", "Rowan", "Emerson", "Sage", "Quinn", "Tatum", "Blair"]
LAST = ["Quinlan", "Ashgrove", "Bellweather", "Corrigan", "Delacroix", "Fenwick", "Galloway", "Hartigan", "Ingleby"]
STREETS = ["Larkspur Ct", "Juniper Ave", "Wren St", "Alder Way", "Tamarack Ln", "Heron Rd", "Birchwood Dr"]
CITIES = [("Portland", "OR", "97206"), ("Salem", "OR", "97301"), ("Columbus", "OH", "43004"), ("Tacoma", "WA", "98402")]
PROFILE = parse_profile({
    "schema": 1,
    "person": {"name": "Avery J. Quinlan", "birth_date": "1983-06-02", "phones": ["(503) 555-0147"], "emails": ["avery.q@example.com"]},
    "addresses": [
        {"kind": "home", "street": "4821 SE Larkspur Ct", "city": "Portland", "state": "OR", "postal_code": "97206", "lat": 45.48, "lon": -122.6},
        {"kind": "previous", "street": "1190 NW Glisan St", "unit": "Apt 5", "city": "Portland", "state": "OR", "postal_code": "97209"},
    ],
    "family": [{"name": "Jordan Quinlan", "relation": "spouse", "birth_year": 1982, "city": "Portland"}],
})
TODAY = _dt.date(2025, 5, 1)
TARGET_MS = 5.0


def _card(rng: random.Random, i: int) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city, state, zipc = rng.choice(CITIES)
    rels = ", ".join(f"{rng.choice(FIRST)} {last}" for _ in range(3))
    return (
        f'<div class="result-card"><h3 class="name">{first} {rng.choice("ABCDEFG")}. {last}</h3>'
        f"<div>Age {rng.randint(22, 90)}</div><div>Lives in {city}, {state}</div>"
        f"<div>{rng.randint(100, 9999)} SE {rng.choice(STREETS)}</div><div>{city}, {state} {zipc}</div>"
        f"<div>Phone: ({rng.randint(201, 989)}) 555-01{rng.randint(0, 99):02d}</div>"
        f"<div>Relatives: {rels}</div><a href='/p/{i}'>View details</a></div>"
    )


def make_page(seed: int, size_kb: int = 100) -> str:
    rng = random.Random(seed)
    cards = [_card(rng, i) for i in range(rng.randint(8, 20))]
    if seed % 5 == 0:
        cards.insert(rng.randint(0, len(cards)), (
            '<div class="result-card"><h3 class="name">Avery J Quinlan</h3><div>Age 41</div><div>Lives in Portland, OR</div>'
            "<div>4821 SE Larkspur Ct</div><div>Portland, OR 97206</div><div>Phone: (503) 555-0147</div>"
            "<div>Relatives: Jordan Quinlan, Mia Quinlan</div></div>"
        ))
    filler_words = "privacy search records public background people directory results opt out browse".split()
    nav = "".join(f"<li><a href='/s/{i}'>{rng.choice(filler_words).title()} {i}</a></li>" for i in range(60))
    body = f"<header><nav><ul>{nav}</ul></nav></header><main><div class='results'>{''.join(cards)}</div></main>"
    page = f"<html><head><title>Search results</title><style>.x{{color:red}}</style><script>var a=1;</script></head><body>{body}"
    para = []
    while len(page) + sum(map(len, para)) < size_kb * 1024:
        para.append("<p>" + " ".join(rng.choice(filler_words) for _ in range(80)) + "</p>")
    return page + "<footer>" + "".join(para) + "</footer></body></html>"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--size", type=int, default=100, help="page size in KB")
    args = ap.parse_args()
    pages = [make_page(i, args.size) for i in range(args.pages)]
    avg_kb = sum(map(len, pages)) / len(pages) / 1024
    analyze_html(make_page(-1, args.size), "https://bench.example/warm-up", PROFILE, today=TODAY)  # imports; not a measured page
    cpu0, wall0 = time.process_time(), time.perf_counter()
    findings = 0
    for i, page in enumerate(pages):
        findings += len(analyze_html(page, f"https://bench.example/{i}", PROFILE, today=TODAY))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    cpu1 = time.process_time()
    for page in pages:
        lxml_html.fromstring(page)
    parse_cpu = time.process_time() - cpu1
    # Memory: as many other pages (none seen before) under tracemalloc, which is slow: its CPU time is not reported.
    tracemalloc.start()
    for i in range(len(pages), 2 * len(pages)):
        analyze_html(make_page(i, args.size), f"https://bench.example/{i}", PROFILE, today=TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ms = cpu / len(pages) * 1000
    print(f"pages: {len(pages)} of {avg_kb:.0f} KB on average, findings: {findings}")
    print(f"CPU ms per page: {ms:.1f} (target <= {TARGET_MS:g}: {'met' if ms <= TARGET_MS else 'NOT met'})")
    print(f"pages/second: {len(pages) / cpu:.1f} per CPU second, {len(pages) / wall:.1f} by the wall clock")
    print(f"parse-only floor (lxml.html.fromstring of the same pages): {parse_cpu / len(pages) * 1000:.2f} CPU ms per page")
    print(f"peak traced memory during the run: {peak / 1024 / 1024:.1f} MiB; max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    blind_pages()


def blind_pages() -> None:
    """The blind corpus's pages (obituaries, newsletters, directories, reports): prose is read more closely."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus_blind"))
    import score  # noqa: PLC0415 - the corpus's own loader
    profiles = score.load_profiles()
    data = [((score.HERE / p.file).read_bytes(), profiles[p.profile]) for p in score.load_pages(profiles)]
    rounds = 5
    cpu0 = time.process_time()
    for r in range(rounds):
        for i, (page, profile) in enumerate(data):
            analyze_html(page, f"https://blind.example/{r}/{i}", profile, today=score.TODAY)
    ms = (time.process_time() - cpu0) / (rounds * len(data)) * 1000
    kb = sum(len(page) for page, _ in data) / len(data) / 1024
    print(f"blind corpus: {len(data)} pages of {kb:.0f} KB on average, {rounds} rounds: {ms:.1f} CPU ms per page")


if __name__ == "__main__":
    main()
