"""US street addresses: cut candidates out of text, parse them with usaddress, compare keys.

usaddress labels every token it is given and raises on some inputs, so we never hand it a
paragraph: candidates are cut at a house number followed by a street-like phrase, parsed, and
trimmed to the tokens that form one address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import usaddress

from scanner.engine.textnorm import city_key, state_code
from scanner.profile import Address

# USPS Publication 28 street suffixes (common forms) -> standard abbreviation.
_SUFFIX_GROUPS = {
    "ALY": "alley allee ally aly", "ANX": "annex anex annx anx", "ARC": "arcade arc",
    "AVE": "avenue av ave aven avenu avn avnue", "BCH": "beach bch", "BND": "bend bnd",
    "BLF": "bluff bluf blf", "BLVD": "boulevard blvd boul boulv", "BR": "branch br brnch",
    "BRG": "bridge brdge brg", "BRK": "brook brk", "BYP": "bypass byp bypa bypas byps",
    "CMP": "camp cp cmp", "CYN": "canyon canyn cyn cnyn", "CPE": "cape cpe", "CSWY": "causeway causwa cswy",
    "CTR": "center cen cent centr centre cnter cntr ctr", "CIR": "circle circ circl crcl crcle cir",
    "CLF": "cliff clf", "CLFS": "cliffs clfs", "CLB": "club clb", "CMN": "common cmn",
    "COR": "corner cor", "CRSE": "course crse", "CT": "court ct crt", "CTS": "courts cts",
    "CV": "cove cv", "CRK": "creek crk", "CRES": "crescent cres crsent crsnt", "CRST": "crest crst",
    "XING": "crossing crssng xing", "DL": "dale dl", "DM": "dam dm", "DR": "drive driv drv dr",
    "EST": "estate est", "ESTS": "estates ests", "EXPY": "expressway exp expr express expw expy",
    "EXT": "extension ext extn extnsn", "FLS": "falls fls", "FRY": "ferry frry fry",
    "FLD": "field fld", "FLDS": "fields flds", "FLT": "flat flt", "FRD": "ford frd",
    "FRST": "forest forests frst", "FRG": "forge forg frg", "FRK": "fork frk", "FT": "fort frt ft",
    "FWY": "freeway freewy frway frwy fwy", "GDN": "garden gardn grden grdn gdn", "GDNS": "gardens gdns grdns",
    "GTWY": "gateway gatewy gatway gtway gtwy", "GLN": "glen gln", "GRN": "green grn", "GRV": "grove grov grv",
    "HBR": "harbor harb harbr hrbor hbr", "HVN": "haven hvn", "HTS": "heights ht hts",
    "HWY": "highway highwy hiway hiwy hway hwy", "HL": "hill hl", "HLS": "hills hls",
    "HOLW": "hollow hllw hollows holw holws", "IS": "island islnd is", "ISLE": "isle isles",
    "JCT": "junction jction jctn junctn juncton jct", "KY": "key ky", "KNL": "knoll knol knl",
    "LK": "lake lk", "LKS": "lakes lks", "LNDG": "landing lndng lndg", "LN": "lane ln",
    "LGT": "light lgt", "LOOP": "loop loops", "MNR": "manor mnr", "MDW": "meadow mdw",
    "MDWS": "meadows medows mdws", "ML": "mill ml", "MLS": "mills mls", "MSN": "mission missn mssn msn",
    "MT": "mount mnt mt", "MTN": "mountain mntain mntn mountin mtin mtn", "NCK": "neck nck",
    "ORCH": "orchard orchrd orch", "OVAL": "oval ovl", "OPAS": "overpass opas", "PARK": "park prk parks",
    "PKWY": "parkway parkwy pkway pky pkwy parkways pkwys", "PASS": "pass", "PATH": "path paths",
    "PIKE": "pike pikes", "PNE": "pine pne", "PNES": "pines pnes", "PL": "place pl",
    "PLN": "plain pln", "PLNS": "plains plns", "PLZ": "plaza plza plz", "PT": "point pt", "PTS": "points pts",
    "PRT": "port prt", "PR": "prairie prr pr", "RADL": "radial rad radiel radl", "RNCH": "ranch ranches rnch rnchs",
    "RPD": "rapid rpd", "RPDS": "rapids rpds", "RST": "rest rst", "RDG": "ridge rdge rdg", "RDGS": "ridges rdgs",
    "RIV": "river rvr rivr riv", "RD": "road rd", "RDS": "roads rds", "RTE": "route rte", "ROW": "row",
    "RUE": "rue", "RUN": "run", "SHR": "shore shoar shr", "SHRS": "shores shoars shrs", "SKWY": "skyway skwy",
    "SPG": "spring spng sprng spg", "SPGS": "springs spngs sprngs spgs", "SQ": "square sqr sqre squ sq",
    "STA": "station statn stn sta", "STRA": "stravenue strav straven stravn strvn strvnue stra",
    "STRM": "stream streme strm", "ST": "street strt str st", "STS": "streets sts", "SMT": "summit sumit sumitt smt",
    "TER": "terrace terr ter", "TRCE": "trace traces trce", "TRAK": "track tracks trk trks trak",
    "TRL": "trail trails trls trl", "TUNL": "tunnel tunel tunls tunnels tunnl tunl",
    "TPKE": "turnpike trnpk turnpk tpke", "UPAS": "underpass upas", "UN": "union un",
    "VLY": "valley vally vlly vly", "VIA": "viaduct vdct viadct via", "VW": "view vw", "VWS": "views vws",
    "VLG": "village vill villag villg villiage vlg", "VL": "ville vl", "VIS": "vista vist vst vsta vis",
    "WALK": "walk walks", "WALL": "wall", "WAY": "way wy", "WAYS": "ways", "WL": "well wl", "WLS": "wells wls",
}
SUFFIXES = {variant: std for std, variants in _SUFFIX_GROUPS.items() for variant in variants.split()}
DIRECTIONS = {
    "n": "N", "north": "N", "s": "S", "south": "S", "e": "E", "east": "E", "w": "W", "west": "W",
    "ne": "NE", "northeast": "NE", "nw": "NW", "northwest": "NW",
    "se": "SE", "southeast": "SE", "sw": "SW", "southwest": "SW",
}
_ORDINALS = {
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th", "sixth": "6th",
    "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th", "eleventh": "11th", "twelfth": "12th",
}
_RANK = {  # usaddress labels in the order they may follow each other in one address
    "AddressNumber": 0, "AddressNumberSuffix": 1, "StreetNamePreModifier": 2, "StreetNamePreDirectional": 3,
    "StreetNamePreType": 4, "StreetName": 5, "StreetNamePostType": 6, "StreetNamePostDirectional": 7,
    "StreetNamePostModifier": 8, "OccupancyType": 9, "OccupancyIdentifier": 9, "SubaddressType": 9,
    "SubaddressIdentifier": 9, "PlaceName": 10, "StateName": 11, "ZipCode": 12,
}
_LABEL_WORDS = (
    r"phone|phones|tel|telephone|age|aged|email|e-mail|relatives?|related|born|birth|dob|also|aka|"
    r"lived|lives|current|previous|past|prior|associated|view|possible|associates|neighbors|"
    r"résumé|more|details|see|show|report|moved"
)
_CUT = re.compile(rf"[|•·;\n\t]|\s{{3,}}|\b(?:{_LABEL_WORDS})\b[:\s]", re.IGNORECASE)
_DIR_RE = r"(?:[NSEW]\.?\s?[EW]?\.?|north(?:east|west)?|south(?:east|west)?|east|west)"
_SUFFIX_ALT = "|".join(sorted(SUFFIXES, key=len, reverse=True))
STREET_RE = re.compile(
    rf"(?<![\w.\-/])\d{{1,6}}[A-Za-z]?(?:-\d{{1,4}})?\s+(?:{_DIR_RE}\s+)?"
    rf"(?:[A-Za-z0-9'.\-]+\s+){{0,4}}?(?:{_SUFFIX_ALT})\b\.?",
    re.IGNORECASE,
)
_ZIP_TAIL = re.compile(r"\b\d{5}(?:-\d{4})?\b")


@dataclass(frozen=True)
class AddressKey:
    """Comparison key of one US address; ``raw`` is the text it was read from (not compared)."""

    number: str
    street: str
    directional: str = ""
    suffix: str = ""
    unit: str = ""
    city: str = ""
    state: str = ""
    zip5: str = ""
    raw: str = field(default="", compare=False)

    def street_id(self) -> str:
        return " ".join(p for p in (self.number, self.directional, self.street, self.suffix) if p)

    def fingerprint_key(self) -> str:
        return "|".join((self.street_id(), self.unit, self.city or self.zip5, self.state))


def _clean(token: str) -> str:
    return token.strip(" ,;:()").rstrip(".")


def _norm_unit(tokens: list[str]) -> str:
    words = [_clean(t).lower().lstrip("#") for t in tokens]
    words = [w for w in words if w and w not in {"apt", "apartment", "unit", "ste", "suite", "no", "number", "#", "rm", "room"}]
    return "".join(words).lstrip("0") or ("".join(words) and "0")


def _build(parts: dict[str, list[str]], raw: str) -> AddressKey | None:
    number = "".join(_clean(t) for t in parts.get("AddressNumber", []) + parts.get("AddressNumberSuffix", [])).lower()
    name_tokens = [_clean(t).lower() for t in parts.get("StreetNamePreModifier", []) + parts.get("StreetNamePreType", []) + parts.get("StreetName", [])]
    name_tokens = [t for t in name_tokens if t]
    directional = "".join(_clean(t).lower().replace(".", "") for t in parts.get("StreetNamePreDirectional", []))
    post_dir = "".join(_clean(t).lower().replace(".", "") for t in parts.get("StreetNamePostDirectional", []))
    suffix_tokens = [_clean(t).lower() for t in parts.get("StreetNamePostType", [])]
    # usaddress sometimes leaves the directional or suffix inside StreetName.
    if not directional and len(name_tokens) > 1 and name_tokens[0].replace(".", "") in DIRECTIONS:
        directional = name_tokens.pop(0).replace(".", "")
    if not suffix_tokens and len(name_tokens) > 1 and name_tokens[-1] in SUFFIXES:
        suffix_tokens = [name_tokens.pop()]
    if not number or not number[0].isdigit() or not name_tokens:
        return None
    direction = DIRECTIONS.get(directional, directional.upper()) + DIRECTIONS.get(post_dir, post_dir.upper())
    name = " ".join(_ORDINALS.get(t, t) for t in name_tokens)
    name = re.sub(r"^(st|ste|mt|ft)\b(?= )", lambda m: {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}[m.group(1)], name)
    name = re.sub(r"[^a-z0-9 ]", "", name)
    suffix = " ".join(SUFFIXES[t] for t in suffix_tokens if t in SUFFIXES)  # "2417 Tamarack at 6": "at" is no street type
    zip_tokens = parts.get("ZipCode", [])
    zip5 = _clean(zip_tokens[0])[:5] if zip_tokens else ""
    state = state_code(" ".join(parts.get("StateName", [])))
    return AddressKey(
        number=number,
        street=name,
        directional=direction,
        suffix=suffix,
        unit=_norm_unit(parts.get("OccupancyIdentifier", []) + parts.get("SubaddressIdentifier", [])),
        city=city_key(" ".join(parts.get("PlaceName", []))),
        state=state,
        zip5=zip5 if zip5.isdigit() and len(zip5) == 5 else "",
        raw=raw,
    )


def parse_address(text: str) -> AddressKey | None:
    """Parse one address (possibly followed by other text) into a key; None if it is not one."""
    return _parse_address(text[:300])


@lru_cache(maxsize=4096)
def _parse_address(text: str) -> AddressKey | None:  # pure; usaddress is the slow part of reading a listing
    try:
        tokens = usaddress.parse(text)
    except Exception:  # noqa: BLE001 - usaddress raises several types on odd input
        return None
    if not tokens or tokens[0][1] != "AddressNumber":
        return None
    parts: dict[str, list[str]] = {}
    last, rank, kept = "", 0, 0
    for token, label in tokens:
        if label not in _RANK or _RANK[label] < rank or (label != last and label in parts):
            break
        if label == "OccupancyIdentifier" and parts.get(label) and any(
            any(ch.isdigit() for ch in t) or len(_clean(t)) == 1 for t in parts[label] if t != "#"
        ):
            if _clean(token).isalpha() and len(_clean(token)) > 1 and "PlaceName" not in parts:
                label = "PlaceName"  # "Apt 5 Portland": the city, not part of the unit
            else:
                break
        parts.setdefault(label, []).append(token)
        last, rank = label, _RANK[label]
        kept += 1
        if label == "ZipCode":
            break
    pos = 0
    for token, _ in tokens[:kept]:
        found = text.find(token, pos)
        pos = found + len(token) if found >= 0 else pos
    return _build(parts, text[:pos].strip(" ,;"))


def address_key(address: Address) -> AddressKey | None:
    """Key of a profile address (None when it has no street)."""
    if not address.street:
        return None
    parsed = parse_address(f"{address.street} {address.unit}".strip() + f", {address.city}, {address.state} {address.postal_code}".rstrip())
    if parsed is None:
        return None
    return AddressKey(
        number=parsed.number, street=parsed.street, directional=parsed.directional, suffix=parsed.suffix,
        unit=parsed.unit, city=city_key(address.city), state=address.state.upper(),
        zip5=address.postal_code[:5], raw=address.one_line(),
    )


@dataclass(frozen=True)
class AddressMatch:
    level: str               # "full" (street + city or ZIP agree) or "street" (page shows no locality)
    reasons: tuple[str, ...]


def same_address(page: AddressKey, mine: AddressKey) -> AddressMatch | None:
    """Compare a key read from a page with a profile key; None when they are different places."""
    if page.number != mine.number or page.street != mine.street:
        return None
    if page.suffix and mine.suffix and page.suffix != mine.suffix:
        return None
    if page.directional and mine.directional and page.directional != mine.directional:
        return None
    if page.unit and mine.unit and page.unit != mine.unit:
        return None
    if page.state and mine.state and page.state != mine.state:
        return None
    city_cmp, zip_cmp = bool(page.city and mine.city), bool(page.zip5 and mine.zip5)
    city_ok = city_cmp and (
        page.city == mine.city or page.city.startswith(mine.city + " ") or page.city.endswith(" " + mine.city)
    )
    zip_ok = zip_cmp and page.zip5 == mine.zip5
    if (city_cmp or zip_cmp) and not (city_ok or zip_ok):
        return None
    incomplete = (mine.suffix and not page.suffix) or (mine.directional and not page.directional)
    if incomplete and not (zip_ok or (city_ok and page.state)):
        return None  # "4821 Larkspur Ct" could be NE Larkspur: the ZIP, or the city and state, must vouch for it
    reasons = ["street number and name match"]
    if page.unit and mine.unit:
        reasons.append("unit matches")
    if city_ok:
        reasons.append("city matches")
    if zip_ok:
        reasons.append("ZIP code matches")
    return AddressMatch("full" if (city_ok or zip_ok) else "street", tuple(reasons))


_SUFFIX_NEXT = re.compile(rf"\s*(?:{_SUFFIX_ALT})\b\.?(?!\s*:)", re.IGNORECASE)
# Words that do not occur in street names but do in sentences ("in 2019 Park rangers closed the trail").
_PROSE_WORDS = frozenset(
    "to and has have had was were is are am we i you he she they it its our their his her my your this that these "
    "those years year yrs ago since been be will would can could not at in on for with from by who which when where "
    "after before during about into walked went drove kept".split()
)
_PARTICLES = frozenset("de la del las los le du des van von der den di da of the y el st mt ft".split())


def _window(text: str, start: int) -> str:
    window = text[start:start + 160]
    for cut in _CUT.finditer(window, 4):
        if cut.group(0)[-1].isspace() and _SUFFIX_NEXT.match(window, cut.end()):
            continue  # "Timber View Dr", "Lake View Ct": a street-name word, not a label
        return window[:cut.start()]
    return window


def _reads_as_street(key: AddressKey) -> bool:
    """False for prose that usaddress labelled as a street ("2019 Park rangers closed the trail")."""
    name = key.street.split()
    if any(w in _PROSE_WORDS for w in name):
        return False
    wanted = {w for w in name if w not in _PARTICLES}
    written = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", key.raw) if w.lower() in wanted][:6]
    lower = [w for w in written if w.islower()]
    return not lower or len(lower) == len(written)  # "Park rangers": mixed case reads as a sentence


def find_addresses(text: str, limit: int = 50) -> list[AddressKey]:
    """Street addresses written in free text, each with the text it was read from."""
    out: list[AddressKey] = []
    for m in STREET_RE.finditer(text):
        key = parse_address(_window(text, m.start()))
        if key is not None and key.suffix and _reads_as_street(key):
            out.append(key)
            if len(out) >= limit:
                break
    return out


def addresses_at_number(text: str, number: str, limit: int = 20) -> list[AddressKey]:
    """Addresses that start at each occurrence of one house number (profile-directed search)."""
    out: list[AddressKey] = []
    for m in re.finditer(rf"(?<![\w.\-/$]){re.escape(number)}(?![\w\-/])", text, re.IGNORECASE):
        key = parse_address(_window(text, m.start()))
        if key is not None:
            out.append(key)
            if len(out) >= limit:
                break
    return out


