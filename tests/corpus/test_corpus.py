"""Score the detection engine on the labelled corpus: precision and recall per kind >= 0.95, overall precision
>= 0.98 and recall >= 0.97, no namesake findings."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus as mc  # noqa: E402

from scanner.engine.addresses import parse_address  # noqa: E402
from scanner.engine.extract import ExtractError, extract_listings  # noqa: E402
from scanner.engine.matcher import analyze_html, match_listing  # noqa: E402
from scanner.engine.media import MediaError, analyze_image  # noqa: E402
from scanner.profile import parse_profile  # noqa: E402

KINDS = ("home_address", "previous_address", "phone", "email", "relative", "birth_date", "geolocation")


@pytest.fixture(scope="module")
def cases():
    return mc.build()


@pytest.fixture(scope="module")
def profiles():
    return {pid: parse_profile(doc, source=pid) for pid, doc in mc.PROFILES.items()}


def _key(f) -> tuple[str, str, str]:
    if f.kind in ("home_address", "previous_address"):
        k = parse_address(f.value)
        return f.kind, f.subject, f"{k.number} {k.street}" if k else f.value
    if f.kind == "phone":
        return f.kind, f.subject, mc.phone_id(f.value)
    if f.kind == "email":
        return f.kind, f.subject, mc.email_id(f.value)
    if f.kind == "relative":
        return f.kind, f.subject, mc.name_id(f.value)
    if f.kind == "geolocation":
        return f.kind, f.subject, f.severity
    return f.kind, f.subject, ""


def _predict(case, profile):
    if case.kind == "image":
        try:
            return [_key(f) for f in analyze_image(case.data, case.name, profile)], None
        except MediaError as exc:
            return [], str(exc)
    try:
        found = analyze_html(case.data, f"https://corpus.example/{case.name}", profile, case.card_selector, today=mc.TODAY)
    except ExtractError as exc:
        return [], str(exc)
    return sorted({_key(f) for f in found}), None


def test_corpus_size(cases):
    assert sum(c.kind == "html" for c in cases) >= 100
    assert sum(c.kind == "image" for c in cases) >= 20
    assert sum(c.namesake_only for c in cases) >= 15
    styles = Counter(c.name.split("-")[1] for c in cases if c.kind == "html")
    assert all(styles[s] >= 15 for s in mc.STYLES)


def test_precision_recall_per_kind(cases, profiles):
    tp, fp, fn = Counter(), Counter(), Counter()
    misses = []
    for case in cases:
        predicted, error = _predict(case, profiles[case.profile])
        if case.expect_error:
            assert error, f"{case.name}: expected an error"
        expected = set(map(tuple, case.expect))
        got = set(predicted)
        for k in got & expected:
            tp[k[0]] += 1
        for k in got - expected:
            fp[k[0]] += 1
            misses.append(f"FP {case.name}: {k}")
        for k in expected - got:
            fn[k[0]] += 1
            misses.append(f"FN {case.name}: {k}")
    print("\nkind               precision  recall   (tp/fp/fn)")
    failing = []
    for kind in KINDS:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        print(f"{kind:18} {p:9.3f} {r:7.3f}   ({tp[kind]}/{fp[kind]}/{fn[kind]})")
        assert tp[kind] + fn[kind] >= 10, f"too few labelled {kind} exposures to score"
        if p < 0.95 or r < 0.95:
            failing.append(kind)
    tp_all, fp_all, fn_all = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision, recall = tp_all / (tp_all + fp_all), tp_all / (tp_all + fn_all)
    print(f"{'overall':18} {precision:9.3f} {recall:7.3f}   ({tp_all}/{fp_all}/{fn_all})")
    if misses:
        print("\n".join(misses[:60]))
    assert not failing, f"below 0.95: {failing}"
    assert precision >= 0.98 and recall >= 0.97, f"overall precision {precision:.3f} (< 0.98?) recall {recall:.3f} (< 0.97?)"


def test_no_namesake_findings(cases, profiles):
    bad = []
    pages = 0
    for case in cases:
        if case.kind != "html":
            continue
        profile = profiles[case.profile]
        if case.namesake_only:
            pages += 1
            found = analyze_html(case.data, "https://corpus.example/n", profile, case.card_selector, today=mc.TODAY)
            bad += [f"{case.name}: {f.kind} {f.value} {f.confidence}" for f in found]
            continue
        for listing in extract_listings(case.data, "https://corpus.example/m", case.card_selector):
            if any(m and m in listing.text for m in case.namesake_markers) and len(listing.names) <= 3:
                found = match_listing(listing, profile, today=mc.TODAY)
                bad += [f"{case.name} (listing {listing.names[:1]}): {f.kind} {f.value} {f.confidence}" for f in found]
    print(f"\nnamesake/near-miss-only pages: {pages}; namesake findings: {len(bad)}")
    assert not bad, "\n".join(bad)
