#!/usr/bin/env python3
"""Self-check for the blind corpus (standard library only).

Checks: profiles parse; labels.toml parses; every page is labelled and every label's file
exists; sizes 3-60 KB; kinds/styles/subjects are valid; namesake-only pages expect nothing;
every expected (and ambiguous) value occurs in the page's visible text (case-insensitive,
HTML entities decoded, whitespace collapsed). Also warns where a profile phone, e-mail or
street number+name appears on a page without being labelled (for a human to look at).
"""
import html.parser
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"home_address", "previous_address", "phone", "email", "relative", "birth_date"}
STYLES = {"table", "detail", "header", "newsletter", "prose", "bio", "social", "email", "nodir", "namesake"}


class Visible(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(raw):
    v = Visible()
    v.feed(raw)
    v.close()
    return re.sub(r"\s+", " ", "".join(v.parts)).strip().casefold()


def norm(s):
    return re.sub(r"\s+", " ", s).strip().casefold()


def main():
    errors, warnings = [], []
    profiles = {}
    for fn in sorted(os.listdir(os.path.join(HERE, "profiles"))):
        with open(os.path.join(HERE, "profiles", fn), "rb") as f:
            profiles[fn[:-5]] = tomllib.load(f)
    with open(os.path.join(HERE, "labels.toml"), "rb") as f:
        labels = tomllib.load(f)["page"]
    files = {"pages/" + f for f in os.listdir(os.path.join(HERE, "pages")) if f.endswith(".html")}
    labelled = [p["file"] for p in labels]
    for f in sorted(files - set(labelled)):
        errors.append(f"unlabelled page {f}")
    for f in labelled:
        if labelled.count(f) > 1:
            errors.append(f"labelled twice {f}")
    for p in labels:
        path = os.path.join(HERE, p["file"])
        if not os.path.exists(path):
            errors.append(f"label for missing file {p['file']}")
            continue
        if not re.fullmatch(r"pages/\d{3}-[a-z0-9-]+\.html", p["file"]):
            errors.append(f"bad file name {p['file']}")
        size = os.path.getsize(path)
        if not 3 * 1024 <= size <= 60 * 1024:
            errors.append(f"{p['file']}: size {size} outside 3-60 KB")
        prof = profiles.get(p["profile"])
        if prof is None:
            errors.append(f"{p['file']}: unknown profile {p['profile']}")
            continue
        if p["style"] not in STYLES:
            errors.append(f"{p['file']}: bad style {p['style']}")
        raw = open(path, encoding="utf-8").read()
        text = visible_text(raw)
        subjects = {"self"} | {m["name"] for m in prof["family"]}
        exp = p.get("expect", [])
        if p["namesake_only"] and exp:
            errors.append(f"{p['file']}: namesake_only but has expectations")
        seen = set()
        for group in ("expect", "ambiguous"):
            for e in p.get(group, []):
                if e["kind"] not in KINDS:
                    errors.append(f"{p['file']}: bad kind {e['kind']}")
                if e["subject"] not in subjects:
                    errors.append(f"{p['file']}: bad subject {e['subject']}")
                if norm(e["value"]) not in text:
                    errors.append(f"{p['file']}: {group} value not in visible text: {e['value']!r}")
                if "*" in e["value"] and group == "expect":
                    errors.append(f"{p['file']}: masked value expected: {e['value']!r}")
                k = (e["kind"], e["subject"], e["value"])
                if group == "expect":
                    if k in seen:
                        errors.append(f"{p['file']}: duplicate label {k}")
                    seen.add(k)
        # heuristic warnings: profile facts present but unlabelled
        covered = " | ".join(norm(e["value"]) for e in exp + p.get("ambiguous", []))
        person = prof["person"]
        probes = list(person.get("phones", [])) + list(person.get("emails", []))
        probes += [" ".join(a["street"].split()[:1] + a["street"].split()[-2:-1]) for a in prof["addresses"] if a["kind"] != "practice"]
        for probe in probes:
            digits = re.sub(r"\D", "", probe)
            if "@" in probe:
                hit = norm(probe) in text
            elif len(digits) == 10:
                hit = digits in re.sub(r"\D", "", text)
            else:
                num, name = probe.split()[0], probe.split()[-1]
                hit = re.search(rf"\b{num}\b[^,;|]{{0,12}}{name.casefold()}", text) is not None
            if hit and not any(norm(probe)[:8] in c or re.sub(r"\D", "", probe)[-4:] in c for c in covered.split(" | ")):
                warnings.append(f"{p['file']}: profile fact {probe!r} appears but is not labelled")
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    counts = {}
    for p in labels:
        counts[p["style"]] = counts.get(p["style"], 0) + 1
    kinds = {}
    for p in labels:
        for e in p.get("expect", []):
            kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    print("pages:", len(labels), "styles:", counts)
    print("expected labels:", sum(kinds.values()), kinds)
    print("namesake_only pages:", sum(p["namesake_only"] for p in labels),
          "ambiguous entries:", sum(len(p.get("ambiguous", [])) for p in labels))
    print("OK" if not errors else f"{len(errors)} ERRORS")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
