"""Score the detection engine on the blind corpus (pages and labels written by someone who had not read it).

    python tests/corpus_blind/score.py [--misses]

Prints precision and recall per kind and overall, and the namesake findings. The keys are this file's own,
not the engine's, so that the engine cannot grade itself:
- addresses: the house number and the first word of the street name ("812 SE Alder St" -> "812 alder");
  phones: the ten digits; emails: the address with its written obfuscations undone; these do not depend on
  whom the page is about (the same exposure either way);
- relatives: whom the record is about, and which of the profile's people is named (by first name: "her
  husband, Tobiah" and "Tobiah Kestrelle" are the same relative);
- ages and birth dates: whom the record is about (one exposure per person and page).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import html as _html
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scanner.engine.matcher import REPORT_THRESHOLD, analyze_html  # noqa: E402
from scanner.profile import Profile, parse_profile  # noqa: E402

HERE = Path(__file__).resolve().parent
TODAY = _dt.date(2026, 11, 15)
KINDS = ("home_address", "previous_address", "phone", "email", "relative", "birth_date")
DIRECTIONS = {"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west",
              "northeast", "northwest", "southeast", "southwest"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _html.unescape(text).casefold().replace(".", ""))


def address_key(value: str) -> str:
    words = _words(value)
    number = next((i for i, w in enumerate(words) if w.isdigit()), None)
    if number is None:
        return " ".join(words)
    street = [w for w in words[number + 1:] if w not in DIRECTIONS]
    return f"{words[number]} {street[0] if street else ''}".strip()


def email_key(value: str) -> str:
    text = _html.unescape(value).casefold()
    text = re.sub(r"\s*[\[\(\{<]\s*at\s*[\]\)\}>]\s*|\s+at\s+", "@", text)
    text = re.sub(r"\s*[\[\(\{<]\s*dot\s*[\]\)\}>]\s*|\s+dot\s+", ".", text)
    return re.sub(r"\s+", "", text)


def name_key(value: str, people: tuple[str, ...] = ()) -> str:
    """The profile person whose first name the written name starts with (else its first and last word)."""
    words = [w for w in re.findall(r"[a-z]+", _html.unescape(value).casefold()) if len(w) > 1]
    if not words:
        return ""
    for person in people:
        mine = person.casefold().split()
        if words[0] == mine[0] and (len(words) == 1 or words[-1] in mine[-1:]):
            return person.casefold()
    return f"{words[0]} {words[-1]}"


def key(kind: str, subject: str, value: str, people: tuple[str, ...] = ()) -> tuple[str, str, str]:
    if kind in ("home_address", "previous_address"):
        return kind, "", address_key(value)
    if kind == "phone":
        return kind, "", re.sub(r"\D", "", value)[-10:]
    if kind == "email":
        return kind, "", email_key(value)
    if kind == "relative":
        return kind, subject.casefold(), name_key(value, people)
    return kind, subject.casefold(), ""


@dataclass
class Page:
    file: str
    profile: str
    style: str
    namesake_only: bool
    expect: set[tuple[str, str, str]]
    ambiguous: set[tuple[str, str, str]]


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    namesake: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    pages: int = 0

    def precision(self, kind: str | None = None) -> float:
        tp, fp = (self.tp[kind], self.fp[kind]) if kind else (sum(self.tp.values()), sum(self.fp.values()))
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = (self.tp[kind], self.fn[kind]) if kind else (sum(self.tp.values()), sum(self.fn.values()))
        return tp / (tp + fn) if tp + fn else 1.0

    def table(self) -> str:
        rows = ["kind               precision  recall   (tp/fp/fn)"]
        for kind in (*KINDS, None):
            counts = (self.tp, self.fp, self.fn)
            n = [sum(c.values()) if kind is None else c[kind] for c in counts]
            rows.append(f"{kind or 'overall':18} {self.precision(kind):9.3f} {self.recall(kind):7.3f}   ({n[0]}/{n[1]}/{n[2]})")
        rows.append(f"pages: {self.pages}; namesake findings: {len(self.namesake)}")
        return "\n".join(rows)


def load_profiles() -> dict[str, Profile]:
    out = {}
    for path in sorted((HERE / "profiles").glob("*.toml")):
        out[path.stem] = parse_profile(tomllib.loads(path.read_text(encoding="utf-8")), source=str(path))
    return out


def people_of(profile: Profile) -> tuple[str, ...]:
    return (profile.person.name, *profile.person.aliases, *(f.name for f in profile.family))


def load_pages(profiles: dict[str, Profile]) -> list[Page]:
    doc = tomllib.loads((HERE / "labels.toml").read_text(encoding="utf-8"))
    pages = []
    for entry in doc["page"]:
        def keys(name: str) -> set[tuple[str, str, str]]:
            people = people_of(profiles[entry["profile"]])
            return {key(e["kind"], e["subject"], e["value"], people) for e in entry.get(name, [])}
        pages.append(Page(entry["file"], entry["profile"], entry["style"], bool(entry.get("namesake_only")),
                          keys("expect"), keys("ambiguous")))
    return pages


def score(pages: list[Page] | None = None, profiles: dict[str, Profile] | None = None) -> Score:
    profiles = load_profiles() if profiles is None else profiles
    pages = load_pages(profiles) if pages is None else pages
    s = Score()
    for page in pages:
        s.pages += 1
        html = (HERE / page.file).read_bytes()
        found = [f for f in analyze_html(html, f"https://blind.example/{page.file}", profiles[page.profile], today=TODAY)
                 if f.confidence >= REPORT_THRESHOLD]
        if page.namesake_only:
            s.namesake += [f"{page.file}: {f.kind} {f.subject}: {f.value} ({f.confidence})" for f in found]
        people = people_of(profiles[page.profile])
        got = {key(f.kind, f.subject, f.value, people) for f in found if f.kind in KINDS}
        got -= page.ambiguous - page.expect  # an ambiguous second form of an expected fact is still that fact
        for k in got & page.expect:
            s.tp[k[0]] += 1
        for k in sorted(got - page.expect):
            s.fp[k[0]] += 1
            s.misses.append(f"FP {page.file}: {k}")
        for k in sorted(page.expect - got):
            s.fn[k[0]] += 1
            s.misses.append(f"FN {page.file}: {k}")
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every missed and every wrong finding")
    args = ap.parse_args()
    s = score()
    print(s.table())
    if args.misses:
        print("\n".join(s.misses + [f"NAMESAKE {n}" for n in s.namesake]))


if __name__ == "__main__":
    main()
