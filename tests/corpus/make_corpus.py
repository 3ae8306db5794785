"""Deterministic labelled corpus of fictional people-search pages and photos.

Everything is invented: names, 555-01xx phones, example.com/.org/.net emails, addresses.
``build()`` returns the cases in memory (the scoring test uses it); run the script to write the
pages, images and ``labels.json`` to a folder for inspection:

    python tests/corpus/make_corpus.py /tmp/corpus
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import json
import random
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_people import PROFILES, VARIANTS  # noqa: E402
from corpus_render import (  # noqa: E402
    E, _card_body, _page, addr_line, render_cards, render_detail, render_jsonld, render_microdata, render_prose, render_table,
)

TODAY = _dt.date(2025, 5, 1)
SEED = 20250501

STRANGER_FIRST = ["Casey", "Rowan", "Emerson", "Sage", "Tatum", "Blair", "Harlow", "Indigo", "Marlowe", "Oakley"]
STRANGER_LAST = ["Ingleby", "Hartigan", "Delacroix", "Bellweather", "Galloway", "Ashgrove", "Pemberton", "Voss"]
OTHER_RELATIVES = ["Pat", "Lou", "Robin", "Terry", "Jamie", "Kendall"]
STYLES = ("jsonld", "microdata", "cards", "table", "detail", "prose")


@dataclass
class Rec:
    name: str
    role: str                                  # self | family | namesake | stranger
    age: int | None = None
    birth: str = ""
    akas: list[str] = field(default_factory=list)
    addresses: list[tuple[str, str, str, str]] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    relatives: list[str] = field(default_factory=list)
    location: str = ""
    expect: list[tuple[str, str, str]] = field(default_factory=list)   # (kind, subject, key)
    marker: str = ""                           # unique text of a namesake/stranger record


def street_key(street: str) -> str:
    """'4821 SE Larkspur Ct' -> '4821 larkspur' (number + first street word): the scoring key."""
    from scanner.engine.addresses import parse_address

    k = parse_address(street)
    return f"{k.number} {k.street}" if k else street.lower()


def name_id(text: str) -> str:
    from scanner.engine.names import name_key

    k = name_key(text)
    return f"{k.first} {k.last}" if k else text.lower()


def email_id(text: str) -> str:
    from scanner.engine.normalize import email_key

    return email_key(html.unescape(text))


def phone_id(text: str) -> str:
    from scanner.engine.normalize import phone_e164

    return phone_e164(text)


# ------------------------------------------------------------------------------ records
def self_rec(pid: str, rng: random.Random) -> Rec:
    v, prof = VARIANTS[pid], PROFILES[pid]
    r = Rec(name=rng.choice(v["names"]), role="self", location=", ".join(v["location"]))
    if rng.random() < 0.85:
        if rng.random() < 0.7:
            r.age = rng.choice(v["ages"])
        else:
            r.birth = rng.choice(v["births"])
        r.expect.append(("birth_date", "self", ""))
    if rng.random() < 0.85:
        r.addresses.append(rng.choice(v["home"]))
        r.expect.append(("home_address", "self", street_key(prof["addresses"][0]["street"])))
    if rng.random() < 0.5:
        r.addresses.append(rng.choice(v["previous"]))
        r.expect.append(("previous_address", "self", street_key(prof["addresses"][1]["street"])))
    if rng.random() < 0.2:
        r.addresses.append(v["practice"])  # practice address: public on purpose, no finding
    if rng.random() < 0.7:
        ph = rng.choice(v["phones"])
        r.phones.append(ph)
        r.expect.append(("phone", "self", phone_id(ph)))
    if rng.random() < 0.3:
        r.phones.append(f"({rng.randint(201, 989)}) 555-01{rng.randint(60, 99)}")  # someone else's old number
    if rng.random() < 0.45:
        em = rng.choice(v["emails"])
        r.emails.append(em)
        r.expect.append(("email", "self", email_id(em)))
    for member, forms in v["family"].items():
        if rng.random() < 0.6:
            written = rng.choice(forms)
            r.relatives.append(written)
            r.expect.append(("relative", "self", name_id(written)))
    if rng.random() < 0.5:
        r.relatives.append(f"{rng.choice(OTHER_RELATIVES)} {v['user_last']}")
    if r.name == "Avery Marsh":
        r.akas.append("Avery J Quinlan")
    return r


def family_rec(pid: str, rng: random.Random) -> Rec:
    v, prof = VARIANTS[pid], PROFILES[pid]
    member = rng.choice(list(v["family"]))
    r = Rec(name=rng.choice(v["family"][member]), role="family", location=", ".join(v["location"]))
    if rng.random() < 0.6:
        r.age = v["family_ages"][member]
        r.expect.append(("birth_date", member, ""))
    r.addresses.append(rng.choice(v["home"]))
    r.expect.append(("home_address", member, street_key(prof["addresses"][0]["street"])))
    user = rng.choice(v["names"][:3])
    r.relatives.append(user if "," not in user else v["names"][1])
    r.expect.append(("relative", member, name_id(r.relatives[-1])))
    if rng.random() < 0.4:
        ph = rng.choice(v["phones"])
        r.phones.append(ph)
        r.expect.append(("phone", member, phone_id(ph)))
    return r


def namesake_rec(pid: str, rng: random.Random, n: int) -> Rec:
    v = VARIANTS[pid]
    city, state, zipc = v["namesake_places"][n % len(v["namesake_places"])]
    same_state = rng.random() < 0.25
    if same_state:  # same state, other city, clearly other age
        city, state, zipc = ("Eugene", "OR", "97401") if pid == "avery" else ("El Paso", "TX", "79901") if pid == "ted" else ("Grand Junction", "CO", "81501")
    age = rng.choice([v["ages"][0] + rng.randint(12, 30), max(19, v["ages"][0] - rng.randint(10, 15))])
    street = f"{rng.randint(10, 9999)} {rng.choice(['Maple', 'Cedar', 'Harbor', 'Quarry', 'Orchard'])} {rng.choice(['St', 'Ave', 'Rd', 'Ln'])}"
    phone = f"({rng.choice([614, 918, 207, 509, 478, 701])}) 555-01{rng.randint(10, 99)}"
    r = Rec(name=rng.choice(v["names"][:3]), role="namesake", age=age if (same_state or rng.random() < 0.7) else None,
            location=f"{city}, {state}", addresses=[(street, city, state, zipc)], phones=[phone],
            relatives=[f"{rng.choice(OTHER_RELATIVES)} {v['user_last']}"], marker=phone)
    if rng.random() < 0.35:  # a coincidence that must not be enough: a relative named like the user's family member
        r.relatives.append(rng.choice(list(v["family"])))
    return r


def stranger_rec(pid: str, rng: random.Random, near: str) -> Rec:
    v = VARIANTS[pid]
    name = f"{rng.choice(STRANGER_FIRST)} {rng.choice(STRANGER_LAST)}"
    r = Rec(name=name, role="stranger", age=rng.randint(25, 80), location=", ".join(v["location"]))
    if near in ("neighbour", "other_city", "unit"):
        r.addresses.append(v["near"][near])
        r.marker = addr_line(v["near"][near])
        if near == "other_city":
            r.location = f"{v['near'][near][1]}, {v['near'][near][2]}"
    else:
        r.phones.append(v["near"][near])
        r.marker = v["near"][near]
    r.relatives.append(f"{rng.choice(OTHER_RELATIVES)} {name.split()[1]}")
    return r


# ------------------------------------------------------------------------------ cases
@dataclass
class Case:
    name: str
    profile: str
    kind: str                                   # "html" | "image"
    data: bytes
    expect: list[tuple[str, str, str]]
    namesake_markers: list[str] = field(default_factory=list)
    card_selector: str | None = None
    namesake_only: bool = False
    expect_error: bool = False


def _render(style: str, recs: list[Rec], rng: random.Random, title: str) -> tuple[str, str | None]:
    if style == "jsonld":
        return render_jsonld(recs, rng, title), None
    if style == "microdata":
        return render_microdata(recs, rng, title), None
    if style == "cards":
        if rng.random() < 0.3:
            return render_cards(recs, rng, title, cls="srp-row"), "div.srp-row"
        return render_cards(recs, rng, title), None
    if style == "table":
        return render_table(recs, rng, title), None
    if style == "detail":
        return render_detail(recs[0], recs[1:], rng, title), None
    return render_prose(recs[0], rng, title), None


def html_cases() -> list[Case]:
    rng = random.Random(SEED)
    cases: list[Case] = []
    for pid in PROFILES:
        for style in STYLES:
            for variant in range(6):
                # 0,1: the user (+ namesakes/strangers); 2: a family member; 3: namesakes only; 4: near misses only; 5: user again
                if variant in (0, 1, 5):
                    main = [self_rec(pid, rng)]
                elif variant == 2:
                    main = [family_rec(pid, rng)]
                elif variant == 3:
                    main = [namesake_rec(pid, rng, i) for i in range(rng.randint(1, 3))]
                else:
                    main = [stranger_rec(pid, rng, near) for near in rng.sample(["neighbour", "other_city", "unit", "phone", "phone2"], 3)]
                others: list[Rec] = []
                if style != "prose" and variant in (0, 1, 2, 5):
                    others = [namesake_rec(pid, rng, i) for i in range(rng.randint(0 if style != "detail" else 2, 2))]
                    others += [stranger_rec(pid, rng, rng.choice(["neighbour", "other_city", "phone"])) for _ in range(rng.randint(0, 1))]
                if style == "prose":
                    main = main[:1]
                    recs = main
                elif style == "detail":
                    recs = main[:1] + others + main[1:]
                else:
                    recs = main + others
                    rng.shuffle(recs)
                title = f"{recs[0].name} - people search results"
                page, selector = _render(style, recs, rng, title)
                if style == "detail" and len(main) > 1:
                    page = page.replace("</article>", "".join(f"<div>{_card_body(m, rng)}</div>" for m in main[1:]) + "</article>")
                expect = [e for r in recs for e in r.expect]
                markers = [r.marker for r in recs if r.role in ("namesake", "stranger") and r.marker]
                cases.append(Case(f"{pid}-{style}-{variant}", pid, "html", page.encode("utf-8"), sorted(set(expect)), markers,
                                  selector, namesake_only=all(r.role in ("namesake", "stranger") for r in recs)))
    cases += extra_cases(rng)
    return cases


def extra_cases(rng: random.Random) -> list[Case]:
    out = []
    v = VARIANTS["avery"]
    # The therapist's own practice page: practice address and office phone are public on purpose.
    practice = _page("Quinlan Counseling", "<h1>Avery J. Quinlan, LCSW</h1><p>Individual and couples therapy.</p>"
                     f"<p>Office: {E(addr_line(v['practice']))}</p><p>Call the office: (503) 555-0190</p>")
    out.append(Case("avery-practice-page", "avery", "html", practice.encode(), []))
    # Windows-1252 page with the user's details (encoding declared in a meta tag).
    cp = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head><body>"
          "<h1>Avery Quinlan</h1><p>Caf\xe9 owner \u2013 Portland, OR</p><p>4821 SE Larkspur Ct, Portland, OR 97206</p></body></html>")
    out.append(Case("avery-cp1252", "avery", "html", cp.encode("cp1252"), [("home_address", "self", "4821 larkspur")]))
    # A blog post that mentions the spouse and the address without a listing structure.
    blog = _page("Neighbourhood news", "<p>Congratulations to Jordan Quinlan of Portland, OR, whose garden at "
                 "4821 SE Larkspur Ct won the block prize. Jordan M Quinlan, 43, thanked Avery Quinlan for the roses.</p>")
    out.append(Case("avery-blog", "avery", "html", blog.encode(), sorted({("home_address", "Jordan Quinlan", "4821 larkspur"),
               ("birth_date", "Jordan Quinlan", ""), ("relative", "Jordan Quinlan", "avery quinlan")})))
    # Name only with a conflicting age: must stay below the threshold.
    out.append(Case("avery-name-wrong-age", "avery", "html", _page("x", "<h1>Avery Quinlan</h1><p>Age 71</p><p>Relatives: Pat Quinlan</p>").encode(), [],
                    namesake_only=True))
    # A page with no people at all.
    out.append(Case("empty-article", "ted", "html", _page("Recipes", "<p>Slow-cooked beans with garlic.</p>").encode(), []))
    return out


# ------------------------------------------------------------------------------ images
def _jpeg_with_gps(lat: float, lon: float, color=(90, 120, 160)) -> bytes:
    import exif
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (48, 32), color).save(buf, "JPEG", quality=80)
    img = exif.Image(buf.getvalue())
    img.make = "DemoCam"

    def dms(x: float) -> tuple[float, float, float]:
        x = abs(x)
        d = int(x)
        m = int((x - d) * 60)
        return float(d), float(m), round((x - d - m / 60) * 3600, 4)

    img.gps_latitude, img.gps_latitude_ref = dms(lat), "N" if lat >= 0 else "S"
    img.gps_longitude, img.gps_longitude_ref = dms(lon), "E" if lon >= 0 else "W"
    return img.get_file()


def _pillow_with_gps(fmt: str, lat: float | None, lon: float | None) -> bytes:
    from PIL import Image

    img = Image.new("RGB", (40, 30), (30, 160, 90))
    ex = img.getexif()
    if lat is not None:
        def dms(x):
            x = abs(x)
            d = int(x)
            m = int((x - d) * 60)
            return (float(d), float(m), round((x - d - m / 60) * 3600, 4))
        ex[0x8825] = {1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W", 4: dms(lon)}
    buf = io.BytesIO()
    img.save(buf, fmt, exif=ex.tobytes())
    return buf.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def _offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    import math

    return lat + north_m / 111_320.0, lon + east_m / (111_320.0 * math.cos(math.radians(lat)))


def image_cases() -> list[Case]:
    from PIL import Image

    out: list[Case] = []
    for pid, doc in PROFILES.items():
        home = doc["addresses"][0]
        prev = doc["addresses"][1]
        hl = (home["lat"], home["lon"])
        g = ("geolocation", "self")
        out.append(Case(f"{pid}-img-home-30m", pid, "image", _jpeg_with_gps(*_offset(*hl, 20, 22)), [(*g, "critical")]))
        out.append(Case(f"{pid}-img-home-200m", pid, "image", _jpeg_with_gps(*_offset(*hl, 0, 200)), [(*g, "critical")]))
        out.append(Case(f"{pid}-img-home-400m", pid, "image", _jpeg_with_gps(*_offset(*hl, 400, 0)), [(*g, "medium")]))
        out.append(Case(f"{pid}-img-far", pid, "image", _jpeg_with_gps(*_offset(*hl, 25_000, -8_000)), [(*g, "medium")]))
        out.append(Case(f"{pid}-img-png-home", pid, "image", _pillow_with_gps("PNG", *_offset(*hl, 5, 5)), [(*g, "critical")]))
        out.append(Case(f"{pid}-img-webp-far", pid, "image", _pillow_with_gps("WEBP", *_offset(*hl, 3000, 3000)), [(*g, "medium")]))
        if "lat" in prev:
            out.append(Case(f"{pid}-img-prev", pid, "image", _jpeg_with_gps(*_offset(prev["lat"], prev["lon"], 60, -40)), [(*g, "high")]))
            out.append(Case(f"{pid}-img-tiff-prev", pid, "image", _pillow_with_gps("TIFF", *_offset(prev["lat"], prev["lon"], 10, 10)), [(*g, "high")]))
        buf = io.BytesIO()
        Image.new("RGB", (20, 20), (1, 2, 3)).save(buf, "JPEG")
        out.append(Case(f"{pid}-img-no-gps", pid, "image", buf.getvalue(), []))
        out.append(Case(f"{pid}-img-png-no-gps", pid, "image", _pillow_with_gps("PNG", None, None), []))
    full = _jpeg_with_gps(45.48, -122.6)
    # The EXIF header survives truncation: the position is still exposed.
    out.append(Case("img-truncated", "avery", "image", full[: len(full) // 3], [("geolocation", "self", "critical")]))
    out.append(Case("img-corrupt", "avery", "image", b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*" + bytes(40), [], expect_error=False))
    out.append(Case("img-bomb", "avery", "image", _png_claiming(10_000, 10_000), [], expect_error=True))
    return out


def build() -> list[Case]:
    return html_cases() + image_cases()


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    labels = {}
    for c in build():
        ext = {"html": "html"}.get(c.kind) or {b"\xff\xd8": "jpg", b"\x89P": "png", b"RI": "webp", b"II": "tif", b"MM": "tif"}.get(c.data[:2], "bin")
        (folder / f"{c.name}.{ext}").write_bytes(c.data)
        labels[f"{c.name}.{ext}"] = {"profile": c.profile, "expect": c.expect, "namesake_markers": c.namesake_markers,
                                     "card_selector": c.card_selector, "namesake_only": c.namesake_only}
    (folder / "labels.json").write_text(json.dumps(labels, indent=1, sort_keys=True))
    (folder / "profiles.json").write_text(json.dumps(PROFILES, indent=1))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out"))
