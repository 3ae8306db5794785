"""Remediation rules as data: the TOML files beside this module, strictly validated.

``load_rules()`` reads every file (package data only: no network, no clock, no home folder) and
returns one frozen ``Rules``. An unknown key, a wrong type, an unknown placeholder or a reference to
a platform or measure that does not exist raises ``RulesError`` naming the file and the field.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scanner.plan.rank import Rank, Tier, read_ranking
from scanner.plan.ruleschema import Reader, RulesError

RULES_DIR = Path(__file__).parent / "rules"
FILES = ("optout_steps.toml", "platforms.toml", "hardening.toml", "state_laws.toml", "rules.toml")
OPTOUT_METHODS = ("web_form", "email", "mail", "phone", "fax", "account")
SEVERITIES = ("critical", "high", "medium", "low", "info")
STEP_PLACEHOLDERS = frozenset({"company", "site_names", "optout_url", "email_to", "processing_days", "recheck_days"})
TIMELINE = ("before_open", "before_brokers", "since_brokers")     # a measure's dated step ([drop]'s dates)
TIMELINE_PLACEHOLDERS = frozenset({"open_from", "brokers_from", "cycle_days"})
KIND_PLACEHOLDERS = frozenset({"whose"})
STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP".split()
)

__all__ = ["RulesError", "Rules", "Tier", "Rank", "load_rules", "default_rules", "RULES_DIR", "FILES"]


@dataclass(frozen=True)
class MethodSteps:
    method: str
    label: str
    steps: tuple[str, ...]
    asks_for: tuple[str, ...]


@dataclass(frozen=True)
class Requirement:
    match: str
    advice: str

    def applies(self, requirement: str) -> bool:
        return re.search(rf"\b{re.escape(self.match)}\b", requirement, re.I) is not None


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    where: str
    find: str
    steps: tuple[str, ...]
    sources: tuple[str, ...]
    url: str = ""
    title: str = ""
    owner: str = "any"            # "self": always the user's own account


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    summary: str
    steps: tuple[str, ...]
    impact: float
    urls: tuple[str, ...] = ()
    asks_for: tuple[str, ...] = ()
    dont_give: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    processing_days: int = 0
    recheck_days: int = 0
    covers: str = ""                            # what it reaches ({cycle_days} allowed)
    not_covered: tuple[str, ...] = ()           # what it does not
    timeline: tuple[str, ...] = ()              # one text per TIMELINE phase, or none


@dataclass(frozen=True)
class Program:
    """A state's address-confidentiality programme."""

    state: str
    name: str
    agency: str
    certainty: str
    url: str = ""
    also: str = ""


@dataclass(frozen=True)
class StateLaw:
    state: str
    law: str
    short: str
    citation: str
    effective: _dt.date
    deletion_scope: str          # "all" or "provided"
    response_days: int
    extension_days: int
    appeal: bool
    certainty: str
    notes: str = ""


@dataclass(frozen=True)
class Drop:
    url: str
    info_url: str
    open_from: _dt.date
    brokers_from: _dt.date
    cycle_days: int


@dataclass(frozen=True)
class Rule:
    id: str
    kinds: tuple[str, ...]
    families: tuple[str, ...]
    tasks: tuple[str, ...]
    sites: tuple[str, ...] = ()
    subjects: str = "any"
    min_severity: str = "info"
    fallback: str = "setting"


@dataclass(frozen=True)
class Rules:
    methods: dict[str, MethodSteps]
    requirements: tuple[Requirement, ...]
    dont_give: tuple[str, ...]
    closing: tuple[str, ...]
    platforms: dict[str, Platform]
    measures: dict[str, Measure]
    programs: dict[str, Program]
    laws: dict[str, StateLaw]
    drop: Drop
    rules: tuple[Rule, ...]
    kinds: dict[str, str]
    families: dict[str, str]
    source_families: dict[str, str]
    impact: dict[str, float]
    tiers: tuple[Tier, ...] = ()
    ranks: tuple[Rank, ...] = ()
    this_month_max: int = 20

    def family_for_source(self, source_id: str) -> str:
        """The family of a source id from [source_families] ("" when no entry fits)."""
        if source_id in self.source_families:
            return self.source_families[source_id]
        prefixes = [p for p in self.source_families if p.endswith(("-", "_")) and source_id.startswith(p)]
        return self.source_families[max(prefixes, key=len)] if prefixes else ""

    def platform_for_source(self, source_id: str) -> Platform | None:
        for platform in self.platforms.values():
            if source_id == platform.id or source_id in platform.sources:
                return platform
        return None


def _optout_steps(doc: dict, r: Reader):
    r.table(doc, "", {"schema", "dont_give", "closing", "methods", "requirement"}, {"schema", "dont_give", "closing", "methods"})
    r.schema(doc)
    methods = {}
    raw_methods = r.table(doc["methods"], "methods", set(OPTOUT_METHODS), set(OPTOUT_METHODS))
    for method, raw in raw_methods.items():
        path = f"methods.{method}"
        t = r.table(raw, path, {"label", "steps", "asks_for"}, {"label", "steps"})
        methods[method] = MethodSteps(
            method=method, label=r.text(t, "label", path, max_len=40),
            steps=r.texts(t, "steps", path, required=True, placeholders=STEP_PLACEHOLDERS),
            asks_for=r.texts(t, "asks_for", path),
        )
    requirements = []
    for path, raw in r.tables(doc, "requirement"):
        t = r.table(raw, path, {"match", "advice"}, {"match", "advice"})
        requirements.append(Requirement(match=r.text(t, "match", path, max_len=40), advice=r.text(t, "advice", path)))
    closing = r.texts(doc, "closing", "", required=True, placeholders=STEP_PLACEHOLDERS)
    return methods, tuple(requirements), r.texts(doc, "dont_give", "", required=True), closing


def _platforms(doc: dict, r: Reader) -> dict[str, Platform]:
    r.table(doc, "", {"schema", "platform"}, {"schema", "platform"})
    r.schema(doc)
    platforms: dict[str, Platform] = {}
    claimed: dict[str, str] = {}
    for path, raw in r.tables(doc, "platform"):
        t = r.table(raw, path, {"id", "name", "title", "owner", "url", "where", "find", "steps", "sources"}, {"id", "name", "where", "find", "steps"})
        pid = r.slug(t, "id", path)
        if pid in platforms:
            raise r.fail(f"{path}.id", f'"{pid}" is used twice')
        sources = r.texts(t, "sources", path)
        for source in sources:
            if source in claimed:
                raise r.fail(f"{path}.sources", f'"{source}" already belongs to platform "{claimed[source]}"')
            claimed[source] = pid
        platforms[pid] = Platform(
            id=pid, name=r.text(t, "name", path, max_len=60), url=r.url(t, "url", path, required=False),
            where=r.text(t, "where", path), find=r.text(t, "find", path, max_len=40),
            steps=r.texts(t, "steps", path, required=True), sources=sources,
            title=r.text(t, "title", path, default="", max_len=100),
            owner=r.choice(t, "owner", path, ("self", "any"), "any"),
        )
    return platforms


def _hardening(doc: dict, r: Reader) -> tuple[dict[str, Measure], dict[str, Program]]:
    r.table(doc, "", {"schema", "measure", "program"}, {"schema", "measure"})
    r.schema(doc)
    measures: dict[str, Measure] = {}
    allowed = {"id", "title", "summary", "urls", "steps", "asks_for", "dont_give", "impact", "states",
               "processing_days", "recheck_days", "covers", "not_covered", "timeline"}
    for path, raw in r.tables(doc, "measure"):
        t = r.table(raw, path, allowed, {"id", "title", "summary", "steps", "impact"})
        mid = r.slug(t, "id", path)
        if mid in measures:
            raise r.fail(f"{path}.id", f'"{mid}" is used twice')
        states = r.texts(t, "states", path)
        for i, state in enumerate(states):
            if state not in STATES:
                raise r.fail(f"{path}.states[{i}]", f'"{state}" is not a two-letter US state code')
        measures[mid] = Measure(
            id=mid, title=r.text(t, "title", path, max_len=100), summary=r.text(t, "summary", path),
            steps=r.texts(t, "steps", path, required=True), impact=float(r.number(t, "impact", path, 0, 1)),
            urls=r.urls(t, "urls", path), asks_for=r.texts(t, "asks_for", path), dont_give=r.texts(t, "dont_give", path),
            states=states, processing_days=int(r.number(t, "processing_days", path, 0, 365, 0, integer=True)),
            recheck_days=int(r.number(t, "recheck_days", path, 0, 365, 0, integer=True)),
            covers=r.text(t, "covers", path, default="", placeholders=frozenset({"cycle_days"})),
            not_covered=r.texts(t, "not_covered", path), timeline=_timeline(t, path, r),
        )
    programs: dict[str, Program] = {}
    for path, raw in r.tables(doc, "program"):
        t = r.table(raw, path, {"state", "name", "agency", "url", "certainty", "also"}, {"state", "name", "agency", "certainty"})
        state = r.choice(t, "state", path, tuple(sorted(STATES)))
        if state in programs:
            raise r.fail(f"{path}.state", f'"{state}" is listed twice')
        programs[state] = Program(
            state=state, name=r.text(t, "name", path, max_len=80), agency=r.text(t, "agency", path, max_len=80),
            certainty=r.choice(t, "certainty", path, ("high", "check")), url=r.url(t, "url", path, required=False),
            also=r.text(t, "also", path, default=""),
        )
    return measures, programs


def _timeline(t: dict, path: str, r: Reader) -> tuple[str, ...]:
    if "timeline" not in t:
        return ()
    where = f"{path}.timeline"
    tl = r.table(t["timeline"], where, set(TIMELINE), set(TIMELINE))
    return tuple(r.text(tl, phase, where, placeholders=TIMELINE_PLACEHOLDERS) for phase in TIMELINE)


def _state_laws(doc: dict, r: Reader) -> tuple[dict[str, StateLaw], Drop]:
    r.table(doc, "", {"schema", "drop", "law"}, {"schema", "drop", "law"})
    r.schema(doc)
    d = r.table(doc["drop"], "drop", {"url", "info_url", "open_from", "brokers_from", "cycle_days"},
                {"url", "info_url", "open_from", "brokers_from", "cycle_days"})
    drop = Drop(url=r.url(d, "url", "drop"), info_url=r.url(d, "info_url", "drop"),
                open_from=r.date(d, "open_from", "drop"), brokers_from=r.date(d, "brokers_from", "drop"),
                cycle_days=int(r.number(d, "cycle_days", "drop", 1, 365, integer=True)))
    laws: dict[str, StateLaw] = {}
    keys = {"state", "law", "short", "citation", "effective", "deletion_scope", "response_days", "extension_days",
            "appeal", "certainty", "notes"}
    for path, raw in r.tables(doc, "law"):
        t = r.table(raw, path, keys, keys - {"notes"})
        state = r.choice(t, "state", path, tuple(sorted(STATES)))
        if state in laws:
            raise r.fail(f"{path}.state", f'"{state}" is listed twice')
        laws[state] = StateLaw(
            state=state, law=r.text(t, "law", path, max_len=120), short=r.text(t, "short", path, max_len=20),
            citation=r.text(t, "citation", path, max_len=60), effective=r.date(t, "effective", path),
            deletion_scope=r.choice(t, "deletion_scope", path, ("all", "provided")),
            response_days=int(r.number(t, "response_days", path, 1, 365, integer=True)),
            extension_days=int(r.number(t, "extension_days", path, 0, 365, integer=True)),
            appeal=r.flag(t, "appeal", path), certainty=r.choice(t, "certainty", path, ("high", "check")),
            notes=r.text(t, "notes", path, default=""),
        )
    return laws, drop


def _rules(doc: dict, r: Reader, platforms: dict[str, Platform], measures: dict[str, Measure]):
    r.table(doc, "", {"schema", "impact", "kinds", "families", "source_families", "rule", "plan", "tier", "rank"},
            {"schema", "impact", "kinds", "families", "rule"})
    r.schema(doc)
    impact_keys = set(SEVERITIES) | {"manual_crucial", "manual_high", "manual_normal", "hardening_cap"}
    it = r.table(doc["impact"], "impact", impact_keys, impact_keys)
    impact = {k: float(r.number(it, k, "impact", 0, 100)) for k in sorted(impact_keys)}
    kinds = r.words(doc["kinds"], "kinds", KIND_PLACEHOLDERS)
    families = r.words(doc["families"], "families")
    source_families = r.words(doc.get("source_families", {}), "source_families")
    for key, family in source_families.items():
        if family not in families:
            raise r.fail(f"source_families.{key}", f'"{family}" is not one of [families]')
    rules: list[Rule] = []
    for path, raw in r.tables(doc, "rule"):
        t = r.table(raw, path, {"id", "kinds", "families", "sites", "subjects", "min_severity", "tasks", "fallback"},
                    {"id", "kinds", "families", "tasks"})
        rule = Rule(
            id=r.slug(t, "id", path), kinds=r.texts(t, "kinds", path, required=True),
            families=r.texts(t, "families", path, required=True), tasks=r.texts(t, "tasks", path, required=True),
            sites=r.texts(t, "sites", path), subjects=r.choice(t, "subjects", path, ("self", "family", "any"), "any"),
            min_severity=r.choice(t, "min_severity", path, SEVERITIES, "info"),
            fallback=r.choice(t, "fallback", path, ("setting", "contact"), "setting"),
        )
        for field, known in (("kinds", kinds), ("families", families)):
            for i, value in enumerate(getattr(rule, field)):
                if value != "*" and value not in known:
                    raise r.fail(f"{path}.{field}[{i}]", f'"{value}" is not one of [{field}] (or "*")')
        for i, ref in enumerate(rule.tasks):
            problem = _check_ref(ref, platforms, measures)
            if problem:
                raise r.fail(f"{path}.tasks[{i}]", problem)
        rules.append(rule)
    return tuple(rules), kinds, families, source_families, impact


def _check_ref(ref: str, platforms: dict[str, Platform], measures: dict[str, Measure]) -> str:
    head, _, name = ref.partition(":")
    if ref in ("optout", "setting:@source"):
        return ""
    if head == "setting":
        return "" if name in platforms else f'"{name}" is not a platform of platforms.toml'
    if head == "hardening":
        return "" if name in measures else f'"{name}" is not a measure of hardening.toml'
    return f'"{ref}" is not "optout", "setting:@source", "setting:ID" or "hardening:ID"'


def _read(directory: Path, name: str) -> tuple[dict, Reader]:
    reader = Reader(name)
    try:
        return tomllib.loads((directory / name).read_text("utf-8")), reader
    except FileNotFoundError:
        raise reader.fail("", "file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise reader.fail("", f"not valid TOML ({exc})") from None


def load_rules(directory: Path = RULES_DIR) -> Rules:
    """Every remediation data file of ``directory``, validated. Raises RulesError."""
    methods, requirements, dont_give, closing = _optout_steps(*_read(directory, "optout_steps.toml"))
    platforms = _platforms(*_read(directory, "platforms.toml"))
    measures, programs = _hardening(*_read(directory, "hardening.toml"))
    laws, drop = _state_laws(*_read(directory, "state_laws.toml"))
    doc, reader = _read(directory, "rules.toml")
    rules, kinds, families, source_families, impact = _rules(doc, reader, platforms, measures)
    tiers, ranks, this_month_max = read_ranking(doc, reader, kinds, families, measures)
    return Rules(methods=methods, requirements=requirements, dont_give=dont_give, closing=closing, platforms=platforms,
                 measures=measures, programs=programs, laws=laws, drop=drop, rules=rules, kinds=kinds,
                 families=families, source_families=source_families, impact=impact, tiers=tiers, ranks=ranks,
                 this_month_max=this_month_max)


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    return load_rules(RULES_DIR)
