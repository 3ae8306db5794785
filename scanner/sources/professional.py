"""Planners of the professional sources: profile -> SourcePlans, each search sending only what it needs.

Nothing here touches the network. A profile without a [practice] section gets no professional search
at all (each source is SKIPPED with the reason): a therapist's name is sent to professional registries
only when the profile says it belongs to a practitioner.
"""

from __future__ import annotations

import datetime as _dt
import re
from urllib.parse import quote

from scanner.config import Config
from scanner.profile import Profile
from scanner.sources import professional_data as data
from scanner.sources.plan import SourcePlan, SpiderJob
from scanner.sources.targets import DomainTarget, NpiTarget, PageTarget, PracticeTarget

NPI_API = "https://npiregistry.cms.hhs.gov"
RDAP_BOOTSTRAP = "https://rdap.org"
ICANN_LOOKUP = "https://lookup.icann.org/en/lookup?name="
NO_PRACTICE = "your profile has no [practice] section, so professional listings were not searched"
MANUAL = "this site cannot be searched automatically: open the link and look for your listing"


def npi_valid(npi: str) -> bool:
    """10 digits with a Luhn check digit over the prefix 80840 (NPPES rule)."""
    if not re.fullmatch(r"\d{10}", npi or ""):
        return False
    digits = [int(c) for c in "80840" + npi[:9]]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return (10 - total % 10) % 10 == int(npi[9])


def _name_parts(profile: Profile) -> dict[str, str]:
    parts = [p.strip(".,") for p in profile.person.name.split() if p.strip(".,")]
    return {"first": parts[0], "last": parts[-1]} if len(parts) >= 2 else {}


def _state(profile: Profile) -> str:
    practice = profile.practice
    if practice and practice.license_state:
        return practice.license_state
    for kind in ("practice", "home", "mailing", "previous"):
        for a in profile.addresses:
            if a.kind == kind and a.state:
                return a.state
    return ""


def _fields(profile: Profile) -> dict[str, str]:
    """Every value a professional search may use; each template picks only the ones it declares."""
    practice = profile.practice
    fields = {**_name_parts(profile), "state": _state(profile)}
    if practice and npi_valid(practice.npi):
        fields["npi"] = practice.npi
    if practice and practice.license_number:
        fields["license"] = practice.license_number
    return fields


def _only(fields: dict[str, str], needs: tuple[str, ...]) -> dict[str, str]:
    return {k: v for k, v in fields.items() if data.PLACEHOLDERS.get(k) in needs}


def _base(config: Config, prefix: str, real: str) -> str:
    return f"{config.sandbox_url.rstrip('/')}/{prefix}" if config.sandbox_url else real


# ------------------------------------------------------------------------------ NPI Registry
def plan_npi(profile: Profile, config: Config, today: _dt.date) -> list:

    names = ((("npi", data.sources()["npi"].name),))
    if profile.practice is None:
        return [SourcePlan("registry", names, None, (("npi", NO_PRACTICE),))]
    base = _base(config, "npi", NPI_API)
    fields = _fields(profile)
    searches = []
    if "npi" in fields:
        searches.append(f"{base}/api/?version=2.1&number={fields['npi']}")
    if fields.get("first") and fields.get("state"):
        searches.append(f"{base}/api/?version=2.1&enumeration_type=NPI-1&first_name={quote(fields['first'].upper())}"
                        f"&last_name={quote(fields['last'].upper())}&state={fields['state']}&limit=50")
    if not searches:
        return [SourcePlan("registry", names, None, (("npi", "needs your NPI number or a state to search by name"),))]
    job = SpiderJob("spiders.npi.NpiSpider", {"target": NpiTarget(tuple(searches), base)})
    return [SourcePlan("registry", names, job)]


# ------------------------------------------------------------------------------ directories and NPI copies
def directory_target(entry: data.Directory, fields: dict[str, str], base: str) -> PageTarget | None:
    """The target for one directory; None when the profile lacks what its search needs."""
    manual = data.fill(entry.manual_url, fields, encode=True) or entry.base_url
    if not entry.searches or entry.detection is None:
        return PageTarget(entry.id, base, manual_url=manual, manual_reason=MANUAL)
    urls = []
    for search in entry.searches:
        path = data.fill(search.path, _only(fields, search.needs))
        if path is not None:
            urls.append(base + path)
    if not urls:
        return None
    local = {k: v for k, v in fields.items() if k in ("last", "npi")}  # filled into selectors, never sent
    det = entry.detection
    detection = data.Detection(
        results=tuple(data.fill(s, local, encode=False) or s for s in det.results),
        no_results=det.no_results, blocked=det.blocked)
    link = data.fill(entry.profile_link, local, encode=False) if entry.profile_link else ""
    return PageTarget(entry.id, base, tuple(urls), detection, entry.card, link or "", entry.max_profiles, manual)


def plan_directories(profile: Profile, config: Config, today: _dt.date) -> list:

    entries = data.directories()
    names = tuple((d.id, d.name) for d in entries)
    if profile.practice is None:
        return [SourcePlan("directory", names, None, tuple((d.id, NO_PRACTICE) for d in entries))]
    fields = _fields(profile)
    targets, skipped = [], []
    for entry in entries:
        base = _base(config, f"dir/{entry.id}", entry.base_url)
        target = directory_target(entry, fields, base)
        if target is None:
            why = "needs a valid NPI number in your profile" if entry.kind == "npi_mirror" \
                else "needs your name and a state in your profile"
            skipped.append((entry.id, why))
        else:
            targets.append(target)
    job = SpiderJob("spiders.professional.ProfessionalPagesSpider", {"targets": tuple(targets)}) if targets else None
    return [SourcePlan("directory", names, job, tuple(skipped))]


# ------------------------------------------------------------------------------ licensing boards
def boards_for(state: str, number: str, profession: str = "") -> tuple[data.Board, ...]:
    """The boards of a state (of the profession, when the profile says it); when the licence number's
    pattern picks some of them, only those."""
    in_state = tuple(b for b in data.boards().boards if b.state == state)
    if profession and any(profession in b.professions for b in in_state):
        in_state = tuple(b for b in in_state if profession in b.professions)
    picked = tuple(b for b in in_state if number and b.number_pattern and re.match(b.number_pattern, number, re.I))
    return picked or in_state


def plan_licence(profile: Profile, config: Config, today: _dt.date) -> list:

    table = data.boards()
    generic = ("board_other", data.sources()["board_other"].name)
    practice = profile.practice
    if practice is None or not practice.license_state:
        why = NO_PRACTICE if practice is None else "your profile has no licence state (practice.license_state)"
        return [SourcePlan("licence", (generic,), None, ((generic[0], why),))]
    state, number = practice.license_state, practice.license_number
    chosen = boards_for(state, number, practice.profession)
    if not chosen:
        reason = f"no board table for {state} yet: find your board's licence lookup. {table.advice}"
        target = PageTarget(generic[0], "", manual_reason=reason)
        return [SourcePlan("licence", (generic,), SpiderJob("spiders.professional.ProfessionalPagesSpider",
                                                            {"targets": (target,)}))]
    targets = []
    for board in chosen:
        if board.query and number:
            base = _base(config, f"board/{board.id}", board.query.base_url)
            path = data.fill(board.query.search.path, {"license": number})
            targets.append(PageTarget(board.id, base, (base + path,), board.query.detection, board.query.card,
                                      manual_url=board.lookup_url))
        else:
            why = "this board's lookup works only in a browser: look up your licence and check the address shown. "
            targets.append(PageTarget(board.id, "", manual_url=board.lookup_url, manual_reason=why + table.advice))
    job = SpiderJob("spiders.professional.ProfessionalPagesSpider", {"targets": tuple(targets)})
    return [SourcePlan("licence", tuple((b.id, b.name) for b in chosen), job)]


# ------------------------------------------------------------------------------ practice website and domain records
def plan_practice_site(profile: Profile, config: Config, today: _dt.date) -> list:

    names = (("practice_site", data.sources()["practice_site"].name),)
    domain = profile.practice.domain if profile.practice else ""
    if not domain:
        return [SourcePlan("practice_site", names, None, (("practice_site", "your profile has no practice website (practice.domain)"),))]
    if config.sandbox_url:
        root = f"{config.sandbox_url.rstrip('/')}/web/{domain}/"
        target = PracticeTarget(root, (root,))
    else:
        target = PracticeTarget(f"https://{domain}/", (f"https://{domain}/", f"https://www.{domain}/",
                                                        f"http://{domain}/", f"http://www.{domain}/"))
    return [SourcePlan("practice_site", names, SpiderJob("spiders.practice.PracticeSiteSpider", {"target": target}))]


def plan_domain(profile: Profile, config: Config, today: _dt.date) -> list:

    names = tuple((sid, data.sources()[sid].name) for sid in ("whois", "rdap"))
    domain = profile.practice.domain if profile.practice else ""
    if not domain:
        why = "your profile has no practice website (practice.domain)"
        return [SourcePlan("domain", names, None, (("whois", why), ("rdap", why)))]
    lookup = ICANN_LOOKUP + domain
    if config.sandbox_url:
        sb = config.sandbox_url.rstrip("/")
        target = DomainTarget(domain, f"{sb}/rdap/domain/{domain}", f"{sb}/whois/{domain}", lookup)
    else:
        target = DomainTarget(domain, f"{RDAP_BOOTSTRAP}/domain/{domain}", "", lookup)
    return [SourcePlan("domain", names, SpiderJob("spiders.domain.DomainSpider", {"target": target}))]


def professional_names() -> dict[str, str]:
    return data.source_names()
