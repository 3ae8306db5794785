"""Re-skin a saved people-search page with fictional people, then prove no real value is left.

    python tools/reskin.py SAVED.html MAP.toml -o OUT.html

A development-time tool (stdlib only) for the real-markup fixtures: every occurrence of each real
value in MAP.toml is replaced by its fictional counterpart, in every form a page writes it, and
everything else stays byte for byte. Then the output is checked: if any real value is still there
(in any of those forms, in any letter case), nothing is written and the tool exits 1 with one line
naming the value. It also replaces what identifies the visit: IP addresses (-> 203.0.113.x /
2001:db8::x) and Cloudflare Ray IDs.

MAP.toml (every table is an array; `also` gives extra [real, fake] spellings of the same value):

    [[name]]    real = "Bill J. Gates"     fake = "Avery J Quinlan"   # also first/last alone
    [[street]]  real = "9002 Timber St."   fake = "4821 SE Larkspur Ln"
                also = [["9002 Timber Street", "4821 SE Larkspur Lane"]]
    [[phone]]   real = "843-568-2811"      fake = "503-555-0147"      # any written form
    [[email]]   real = "bill@gmail.com"    fake = "averyq@example.com" # also in data-cfemail
    [[text]]    real = "Charleston, SC"    fake = "Portland, OR"      # literal; word, nocase, check
    [check]     allow = ["Bill of Rights"] # literal strings masked before the absence check

Names replace as written, lower/UPPER/Title case, joined by space, -, _, +, %20 or . (URL slugs,
JSON-LD, attributes), with or without the middle names; first and last name alone replace as
written or UPPER (`parts = false` turns that off). The check looks for each name part case-blind.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ALNUM = "A-Za-z0-9"
JOINERS = (" ", "-", "_", "+", "%20", ".")
LOOSE_JOIN = r"(?:[\s\-_+.,]|%20|&nbsp;)*"
LEFT = r"(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))"  # a word starts here (also just after %20, %2C...)
RIGHT = r"(?![A-Za-z0-9])"
NO_DIGIT_BEFORE = r"(?:(?<!\d)|(?<=%[0-9A-Fa-f]{2}))"
DIRECTIONS = {"N", "S", "E", "W", "NE", "NW", "SE", "SW"}
CFEMAIL = re.compile(r'(data-cfemail="|/cdn-cgi/l/email-protection#)([0-9a-fA-F]{4,})')
IPV4 = re.compile(r"(?<![\w.-])((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?![\w]|\.\d)")
IPV6 = re.compile(r"(?<![\w:.])((?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4})(?![\w:.])")
RAY = re.compile(
    r"(?:Ray ID:?\s*(?:<[^>]*>\s*)*|cRay\W{1,4}|data-ray=\W?|[?&]ray=|\"ray\"\s*:\s*\")([0-9a-f]{16})(?![0-9a-f])",
    re.IGNORECASE,
)
SAFE_IP = ("203.0.113.", "198.51.100.", "192.0.2.", "127.", "0.0.0.0", "255.255.255.")
VERSION_BEFORE = re.compile(r"\b(?:ver|version|v)[=\s]?$", re.IGNORECASE)


def _real_ip(m: re.Match[str]) -> bool:
    """An IPv4 address that may identify someone (not a documentation one, not a version number)."""
    before = m.string[max(0, m.start() - 8) : m.start()]
    return not m[1].startswith(SAFE_IP) and not VERSION_BEFORE.search(before)


def _real_ip6(text: str) -> bool:
    """An IPv6 address (not a clock time like 12:30:45, not a documentation address)."""
    groups = [g for g in text.split(":") if g]
    if text.count("::") > 1 or not ("::" in text or len(groups) >= 5) or not any(len(g) >= 3 for g in groups):
        return False
    return not text.lower().startswith("2001:db8:")


class ReskinError(Exception):
    """One line for the user; exit code 1 for a value left behind, 2 for unusable input."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Plan:
    literals: dict[str, tuple[str, bool]] = field(default_factory=dict)  # form -> (fake, word-bounded)
    phones: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    checks: list[tuple[re.Pattern[str], str]] = field(default_factory=list)  # (pattern, real value)
    emails: dict[str, str] = field(default_factory=dict)

    def add(self, real: str, fake: str, word: bool = True) -> None:
        if real and real != fake:
            self.literals.setdefault(real, (fake, word))

    def check(self, pattern: str, real: str, flags: int = re.IGNORECASE) -> None:
        self.checks.append((re.compile(pattern, flags), real))


def _cases(text: str) -> list[str]:
    return list(dict.fromkeys([text, text.lower(), text.upper(), text.title()]))


def _case_like(sample: str, fake: str) -> str:
    if sample == sample.lower():
        return fake.lower()
    if sample == sample.upper():
        return fake.upper()
    if sample == sample.title():
        return fake.title()
    return fake


def _token_forms(real: list[str], fake: list[str], plan: Plan) -> None:
    """All joined spellings of a token sequence, in each letter case, mapped to the fake one."""
    variants = [(real, fake)]
    if any(t.endswith(".") for t in real):
        variants.append(([t.rstrip(".") for t in real], [t.rstrip(".") for t in fake]))
    if any("'" in t for t in real):
        for ent in ("&#39;", "&#x27;", "&apos;", "\\u0027"):
            variants.append(([t.replace("'", ent) for t in real], [t.replace("'", ent) for t in fake]))
    for rtoks, ftoks in variants:
        for joiner in JOINERS:
            rtext, ftext = joiner.join(rtoks), joiner.join(ftoks)
            for form in _cases(rtext):
                plan.add(form, ftext if form == rtext else _case_like(form, ftext))


def _loose(tokens: list[str]) -> str:
    return LEFT + LOOSE_JOIN.join(re.escape(t.rstrip(".")) for t in tokens) + RIGHT


def _pair_lists(entry: dict, kind: str) -> list[tuple[str, str]]:
    try:
        pairs = [(entry["real"], entry["fake"])] + [tuple(p) for p in entry.get("also", [])]
    except KeyError as missing:
        raise ReskinError(f"every [[{kind}]] needs real and fake (missing {missing})") from None
    for pair in pairs:
        if len(pair) != 2 or not all(isinstance(v, str) and v.strip() for v in pair):
            raise ReskinError(f"[[{kind}]] {pair!r}: real and fake must be non-empty strings")
    return pairs


def _add_name(entry: dict, plan: Plan) -> None:
    for real, fake in _pair_lists(entry, "name"):
        rt, ft = real.split(), fake.split()
        _token_forms(rt, ft, plan)
        if len(rt) > 2:  # without the middle names
            _token_forms([rt[0], rt[-1]], [ft[0], ft[-1]], plan)
        if len(rt) >= 2:
            _token_forms([rt[-1] + ",", rt[0]], [ft[-1] + ",", ft[0]], plan)
        plan.check(_loose([rt[0], rt[-1]]), real)
        if entry.get("parts", True):
            for rpart, fpart in ((rt[0], ft[0]), (rt[-1], ft[-1])):
                for form in (rpart, rpart.upper()):
                    plan.add(form, fpart if form == rpart else fpart.upper())
                if len(rpart.rstrip(".")) >= 3:
                    plan.check(_loose([rpart]), rpart)


def _add_street(entry: dict, plan: Plan) -> None:
    for real, fake in _pair_lists(entry, "street"):
        rt, ft = real.split(), fake.split()
        _token_forms(rt, ft, plan)
        core = [rt[0]] + [t for t in rt[1:] if t.upper().rstrip(".") not in DIRECTIONS][:1]
        plan.check(_loose(core), real)


def _phone_digits(value: str, kind: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise ReskinError(f"[[{kind}]] {value!r}: a US phone needs 10 digits")
    return digits


def _add_phone(entry: dict, plan: Plan) -> None:
    for real, fake in _pair_lists(entry, "phone"):
        r, f = _phone_digits(real, "phone"), _phone_digits(fake, "phone")
        sep = r"(?:[\s.\-]|%20|&nbsp;){0,2}"
        pattern = re.compile(
            rf"{NO_DIGIT_BEFORE}((?:\+?1{sep})?\(?){r[:3]}(\)?{sep}){r[3:6]}({sep}){r[6:]}(?!\d)"
        )
        plan.phones.append((pattern, f))
        plan.check(rf"{NO_DIGIT_BEFORE}{r[:3]}\D{{0,6}}{r[3:6]}\D{{0,6}}{r[6:]}(?!\d)", real, 0)


def _add_email(entry: dict, plan: Plan) -> None:
    for real, fake in _pair_lists(entry, "email"):
        if real.count("@") != 1 or fake.count("@") != 1:
            raise ReskinError(f"[[email]] {real!r} -> {fake!r}: not an email address")
        plan.emails[real.lower()] = fake
        for form in (real, real.lower(), real.upper()):
            plan.add(form, fake.upper() if form == real.upper() != real else fake)
            plan.add(form.replace("@", "%40"), fake.replace("@", "%40"))
        local, flocal = real.split("@")[0], fake.split("@")[0]
        plan.check(re.escape(real).replace("@", "(?:@|%40|&#64;)"), real)
        if len(local) >= 4:
            plan.add(local, flocal)
            plan.check(rf"(?<![\w.%+-]){re.escape(local)}(?![\w])", real)


def _add_text(entry: dict, plan: Plan) -> None:
    for real, fake in _pair_lists(entry, "text"):
        word = bool(entry.get("word", False))
        forms = _cases(real) if entry.get("nocase") else [real]
        for form in forms:
            plan.add(form, fake if form == real else _case_like(form, fake), word)
        if entry.get("check", True):
            bound = (LEFT, RIGHT) if word else ("", "")
            flags = re.IGNORECASE if entry.get("nocase") else 0
            plan.check(bound[0] + re.escape(real) + bound[1], real, flags)


ADDERS = {"name": _add_name, "street": _add_street, "phone": _add_phone, "email": _add_email, "text": _add_text}


def load_plan(doc: dict) -> tuple[Plan, list[str]]:
    unknown = set(doc) - set(ADDERS) - {"check"}
    if unknown:
        raise ReskinError(f"unknown table(s) in the map: {', '.join(sorted(unknown))}")
    plan = Plan()
    for kind in ("email", "name", "street", "phone", "text"):  # emails first: they hold names
        for entry in doc.get(kind, []):
            ADDERS[kind](entry, plan)
    allow = list(doc.get("check", {}).get("allow", []))
    return plan, allow


def _literal_regex(plan: Plan) -> re.Pattern[str] | None:
    if not plan.literals:
        return None
    parts = []
    for form in sorted(plan.literals, key=len, reverse=True):
        lit = re.escape(form)
        if plan.literals[form][1]:
            edge_l = LEFT if form[0].isalnum() else ""
            edge_r = RIGHT if form[-1].isalnum() else ""
            lit = edge_l + lit + edge_r
        parts.append(lit)
    return re.compile("|".join(parts))


def replace_values(text: str, plan: Plan) -> str:
    for pattern, fake in plan.phones:
        text = pattern.sub(lambda m, f=fake: f"{m[1]}{f[:3]}{m[2]}{f[3:6]}{m[3]}{f[6:]}", text)
    regex = _literal_regex(plan)
    return regex.sub(lambda m: plan.literals[m[0]][0], text) if regex else text


def cf_decode(hexstr: str) -> str:
    data = bytes.fromhex(hexstr)
    return bytes(b ^ data[0] for b in data[1:]).decode("utf-8", "replace")


def cf_encode(email: str, key: int) -> str:
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in email.encode("utf-8"))


def reskin(text: str, plan: Plan) -> str:
    """Every real value -> its fake, Cloudflare-encoded emails re-encoded, visit identifiers out."""
    encoded: list[str] = []

    def stash(m: re.Match[str]) -> str:
        hexstr = m[2] if len(m[2]) % 2 == 0 else m[2][:-1]
        new = cf_encode(replace_values(cf_decode(hexstr), plan), int(hexstr[:2], 16))
        encoded.append(new + m[2][len(hexstr):])
        return f"{m[1]}\x00CF{len(encoded) - 1}\x00"

    text = CFEMAIL.sub(stash, text)
    text = replace_values(text, plan)
    text = re.sub(r"\x00CF(\d+)\x00", lambda m: encoded[int(m[1])], text)
    return strip_visit(text)


def strip_visit(text: str) -> str:
    ips: dict[str, str] = {}

    def ip4(m: re.Match[str]) -> str:
        if not _real_ip(m):
            return m[0]
        return ips.setdefault(m[1], f"203.0.113.{10 + len(ips)}")

    def ip6(m: re.Match[str]) -> str:
        if not _real_ip6(m[1]):
            return m[0]
        return ips.setdefault(m[1], f"2001:db8::{10 + len(ips):x}")

    text = IPV6.sub(ip6, IPV4.sub(ip4, text))
    rays = dict.fromkeys(m[1] for m in RAY.finditer(text) if not m[1].startswith("00000000"))
    for n, ray in enumerate(rays, start=1):
        text = re.sub(re.escape(ray), f"{n:016x}", text, flags=re.IGNORECASE)
    return text


def leftover(text: str, plan: Plan, allow: list[str]) -> str | None:
    """The first real value still on the page (also inside Cloudflare-encoded emails), or None."""
    decoded = [cf_decode(m[2][: len(m[2]) // 2 * 2]) for m in CFEMAIL.finditer(text)]
    for phrase in allow:
        text = text.replace(phrase, " ")
    haystacks = [text, *decoded]
    for pattern, real in plan.checks:
        if any(pattern.search(h) for h in haystacks):
            return real
    for m in IPV4.finditer(text):
        if _real_ip(m):
            return f"IP address {m[1]}"
    for m in IPV6.finditer(text):
        if _real_ip6(m[1]):
            return f"IP address {m[1]}"
    for m in RAY.finditer(text):
        if not m[1].startswith("00000000"):
            return f"Cloudflare Ray ID {m[1]}"
    return None


def run(saved: Path, map_file: Path, out: Path) -> None:
    try:
        raw = saved.read_bytes()
        doc = tomllib.loads(map_file.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ReskinError(f"cannot read input: {err}") from None
    plan, allow = load_plan(doc)
    text = reskin(raw.decode("utf-8", "surrogateescape"), plan)
    left = leftover(text, plan, allow)
    if left is not None:
        raise ReskinError(f"still on the page after reskinning: {left!r}; add it to the map", 1)
    out.write_bytes(text.encode("utf-8", "surrogateescape"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Re-skin a saved page with fictional people.")
    parser.add_argument("saved", type=Path, help="the saved page (HTML)")
    parser.add_argument("map", type=Path, help="MAP.toml: real -> fictional values")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the page")
    args = parser.parse_args(argv)
    try:
        run(args.saved, args.map, args.output)
    except ReskinError as err:
        print(f"reskin: {err}", file=sys.stderr)
        return err.code
    return 0


if __name__ == "__main__":
    sys.exit(main())
