"""Image metadata: GPS position from EXIF, its distance to the profile's addresses, and stripping it.

JPEG is read with ``exif`` (falling back to Pillow), PNG/TIFF/WebP/AVIF with Pillow, HEIC/HEIF with
pillow-heif through Pillow (:mod:`scanner.engine.heif`). :func:`read_gps` decodes
no pixels; :func:`read_image` also decodes them once (a JPEG at 1/8 scale) to learn whether the file was
read fully: a cut or corrupt photo without GPS is "could not be read fully", never "no location".
Every parser call is guarded and the pixel count is capped before any decoding, so a decompression
bomb is a MediaError.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
import zlib
from dataclasses import dataclass

from scanner.engine.imageopen import GPS_IFD, MAX_PIXELS, MediaError  # noqa: F401 - callers import them from here
from scanner.engine.imageopen import exif_without_gps as _exif_without_gps
from scanner.engine.imageopen import open_image as _open
from scanner.engine.matcher import Finding
from scanner.engine.mediatypes import FORMAT_NAMES, HEAD, image_format  # noqa: F401 - image_format: callers' import
from scanner.profile import Address, Profile

MAX_BYTES = 15 * 1024 * 1024
NEAR_METERS = 250.0


def _check(data: bytes) -> str:
    if not isinstance(data, (bytes, bytearray)):
        raise MediaError(f"expected image bytes, not {type(data).__name__}")
    if len(data) > MAX_BYTES:
        raise MediaError(f"image is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    fmt = image_format(bytes(data[:HEAD]))
    if fmt is None:
        raise MediaError(f"not a {FORMAT_NAMES} image")
    return fmt


def _to_degrees(value, ref) -> float | None:
    try:
        d, m, s = (float(x) for x in value)
        deg = d + m / 60.0 + s / 3600.0
    except Exception:  # noqa: BLE001 - ZeroDivisionError in rationals, wrong shapes, NaN
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if str(ref).strip().upper()[:1] in ("S", "W"):
        deg = -deg
    return deg if math.isfinite(deg) else None


def _valid(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    if lat == 0.0 and lon == 0.0:
        return None  # "null island": a camera that had no fix
    return round(lat, 6), round(lon, 6)


def _gps_exiflib(data: bytes) -> tuple[float, float] | None:
    import exif

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "skipping bad IFD": read_image reports a corrupt EXIF
            img = exif.Image(data)
        if not img.has_exif:
            return None
    except Exception:  # noqa: BLE001
        return None

    def tag(name):
        try:
            return img.get(name)
        except Exception:  # noqa: BLE001 - KeyError, ValueError, ZeroDivisionError, struct.error ...
            return None

    lat, lon = tag("gps_latitude"), tag("gps_longitude")
    if lat is None or lon is None:
        return None
    return _valid(_to_degrees(lat, tag("gps_latitude_ref") or "N"), _to_degrees(lon, tag("gps_longitude_ref") or "E"))


def _gps_pillow(data: bytes, fmt: str) -> tuple[float, float] | None:
    img = _open(data, fmt)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Corrupt EXIF data" warnings: we just find no GPS
            gps = img.getexif().get_ifd(GPS_IFD)
    except Exception:  # noqa: BLE001
        return None
    finally:
        img.close()
    if not gps or 2 not in gps or 4 not in gps:
        return None
    return _valid(_to_degrees(gps.get(2), gps.get(1, "N")), _to_degrees(gps.get(4), gps.get(3, "E")))


def read_gps(data: bytes) -> tuple[float, float] | None:
    """(lat, lon) in decimal degrees from the image's EXIF, None when it has none. MediaError if unreadable."""
    fmt = _check(data)
    data = bytes(data)
    if fmt == "JPEG":
        found = _gps_exiflib(data)
        if found is not None:
            return found
    return _gps_pillow(data, fmt)


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(h)))


def plain_distance(meters: float) -> str:
    if meters < 1000:
        return f"{max(10, round(meters / 10) * 10):.0f} m"
    return f"{meters / 1000:.1f} km"


@dataclass(frozen=True)
class ImageRead:
    """What :func:`read_image` learnt: the GPS position (or None) and, when the file could not be read
    fully (cut short, corrupt pixels, corrupt EXIF), why in a few words; "" when it was read fully."""
    position: tuple[float, float] | None
    problem: str = ""


_PROBLEM_WORDS = ("corrupt", "truncat", "bad ifd", "premature")


def _pixel_problem(data: bytes, fmt: str) -> str:
    """Decode the whole image once (pixel cap first): "" when every byte of it could be read."""
    try:
        if fmt == "PNG":
            with _open(data, fmt) as img:
                img.verify()  # every chunk to IEND, CRCs included; decoding needs a fresh open
        with _open(data, fmt) as img:
            if fmt == "JPEG":
                img.draft("RGB", (max(1, img.size[0] // 8), max(1, img.size[1] // 8)))  # decodes it all, smaller
            img.load()
    except MediaError:
        raise
    except Exception:  # noqa: BLE001 - OSError "image file is truncated", SyntaxError, ValueError ...
        return f"the {fmt} image data is cut short or damaged"
    return ""


def _exif_problem(data: bytes, fmt: str) -> str:
    """"" when the metadata (EXIF, its GPS part) reads cleanly or is absent; else what is wrong."""
    from PIL import Image

    img = _open(data, fmt)
    try:
        raw = img.info.get("exif")  # parsed afresh: Pillow's own parse at open time warns only once, unseen
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            exif = img.getexif() if not raw else Image.Exif()
            if raw:
                exif.load(raw)
            gps = exif.get_ifd(GPS_IFD) if GPS_IFD in exif else {}
    except Exception as exc:  # noqa: BLE001
        return f"its metadata (EXIF) is corrupt ({type(exc).__name__})"
    finally:
        img.close()
    if any(word in str(w.message).lower() for w in caught for word in _PROBLEM_WORDS):
        return "its metadata (EXIF) is corrupt"
    for lat_lon, ref in ((2, 1), (4, 3)):
        if lat_lon in gps and _to_degrees(gps.get(lat_lon), gps.get(ref, "N")) is None:
            return "its location data (GPS) is corrupt"
    return ""


def read_image(data: bytes) -> ImageRead:
    """GPS from the raw bytes, and whether the image was read fully. MediaError if it cannot be read at all.

    Clean (no position, no problem) only when the metadata and every pixel could be read."""
    fmt = _check(data)
    data = bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nothing on the terminal: what matters comes back as the problem
        position = read_gps(data)
        try:
            problem = _exif_problem(data, fmt) or _pixel_problem(data, fmt)
        except MediaError as exc:
            if position is None:
                raise
            problem = str(exc)  # the GPS was read from the raw bytes; the rest could not be
    return ImageRead(position, problem)


def location_findings(pos: tuple[float, float] | None, url: str, profile: Profile, what: str = "photo") -> list[Finding]:
    """A geolocation finding for a GPS position; severity by distance to the profile's addresses."""
    if pos is None:
        return []
    value = f"{pos[0]:.6f},{pos[1]:.6f}"
    near: list[tuple[float, Address]] = sorted(
        ((distance_m(pos, (a.lat, a.lon)), a) for a in profile.addresses if a.lat is not None and a.lon is not None),
        key=lambda t: t[0],
    )
    reasons = [f"the {what} file carries the GPS position where it was taken"]
    severity, evidence = "medium", f"The {what} records its location ({pos[0]:.5f}, {pos[1]:.5f})."
    if near:
        d, addr = near[0]
        home = [t for t in near if t[1].kind == "home"]
        if home and home[0][0] <= NEAR_METERS:
            d, addr = home[0]
            severity = "critical"
        elif d <= NEAR_METERS:
            severity = "high"
        where = f"your {addr.kind} address ({addr.city})"
        evidence = f"The {what} was taken about {plain_distance(d)} from {where}."
        reasons.append(f"taken about {plain_distance(d)} from {where}")
    return [Finding("geolocation", "self", value, 1.0, severity, evidence, url, tuple(reasons))]


def analyze_image(data: bytes, url: str, profile: Profile) -> list[Finding]:
    """A geolocation finding when the image carries GPS (metadata only; see :func:`read_image`)."""
    return location_findings(read_gps(data), url, profile)


# ------------------------------------------------------------------------------ stripping
def _strip_jpeg(data: bytes) -> bytes:
    new_exif = _exif_without_gps(data, "JPEG")
    out, i = [data[:2]], 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise MediaError("corrupt JPEG (bad segment marker)")
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            out.append(data[i:])
            return b"".join(out)
        if 0xD0 <= marker <= 0xD9 or marker == 0x01:
            out.append(data[i:i + 2])
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2:i + 4])
        seg = data[i:i + 2 + length]
        if length < 2 or len(seg) < 2 + length:
            raise MediaError("corrupt JPEG (truncated segment)")
        payload = seg[4:]
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            if new_exif:
                body = new_exif if new_exif.startswith(b"Exif\x00\x00") else b"Exif\x00\x00" + new_exif
                if len(body) + 2 <= 0xFFFF:
                    seg = b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body
                    new_exif = None
                else:
                    seg = b""
            else:
                seg = b""
        elif marker == 0xE1 and b"GPS" in payload:
            seg = b""  # XMP packet with GPS fields
        out.append(seg)
        i += 2 + length
    raise MediaError("corrupt JPEG (no image data)")


def _strip_png(data: bytes) -> bytes:
    out, i = [data[:8]], 8
    while i + 12 <= len(data):
        (length,) = struct.unpack(">I", data[i:i + 4])
        ctype = data[i + 4:i + 8]
        chunk = data[i:i + 12 + length]
        if len(chunk) < 12 + length:
            raise MediaError("corrupt PNG (truncated chunk)")
        body = chunk[8:8 + length]
        if ctype == b"eXIf":
            chunk = b""
        elif ctype in (b"tEXt", b"zTXt", b"iTXt") and (b"exif" in body[:40].lower() or b"xmp" in body[:40].lower()):
            chunk = b""
        out.append(chunk)
        i += 12 + length
        if ctype == b"IEND":
            break
    result = b"".join(out)
    new_exif = _exif_without_gps(data, "PNG")
    if new_exif:
        raw = new_exif.removeprefix(b"Exif\x00\x00")
        chunk = struct.pack(">I", len(raw)) + b"eXIf" + raw + struct.pack(">I", zlib.crc32(b"eXIf" + raw) & 0xFFFFFFFF)
        ihdr_end = 8 + 12 + struct.unpack(">I", result[8:12])[0]
        result = result[:ihdr_end] + chunk + result[ihdr_end:]
    return result


def _strip_webp(data: bytes) -> bytes:
    new_exif = _exif_without_gps(data, "WEBP")
    out, i = [], 12
    while i + 8 <= len(data):
        ctype = data[i:i + 4]
        (length,) = struct.unpack("<I", data[i + 4:i + 8])
        size = 8 + length + (length & 1)
        chunk = data[i:i + size]
        if len(chunk) < 8 + length:
            raise MediaError("corrupt WebP (truncated chunk)")
        if ctype == b"EXIF":
            if new_exif:
                raw = new_exif.removeprefix(b"Exif\x00\x00")
                chunk = b"EXIF" + struct.pack("<I", len(raw)) + raw + (b"\x00" if len(raw) & 1 else b"")
            else:
                chunk = b""
        elif ctype == b"XMP " and b"GPS" in chunk:
            chunk = b""
        out.append(chunk)
        i += size
    body = b"".join(out)
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def _strip_tiff(data: bytes) -> bytes:
    img = _open(data, "TIFF")
    try:
        exif = img.getexif()
        exif.pop(GPS_IFD, None)
        buf = io.BytesIO()
        img.save(buf, format="TIFF", exif=exif)
        return buf.getvalue()
    except MediaError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise MediaError(f"cannot rewrite the TIFF image ({type(exc).__name__})") from None
    finally:
        img.close()


def strip_location(data: bytes) -> bytes:
    """A copy of the image without GPS metadata (pixels untouched except for TIFF, which is re-saved, and
    HEIF/AVIF when their EXIF block cannot be rewritten in place: see :mod:`scanner.engine.heif`)."""
    from scanner.engine.heif import strip_heif

    fmt = _check(data)
    data = bytes(data)
    try:
        strip = {"JPEG": _strip_jpeg, "PNG": _strip_png, "WEBP": _strip_webp, "TIFF": _strip_tiff}.get(fmt)
        stripped = strip(data) if strip else strip_heif(data, fmt)
    except MediaError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise MediaError(f"cannot strip the location from this {fmt} image ({type(exc).__name__})") from None
    if read_gps(stripped) is not None:
        raise MediaError(f"could not remove the location from this {fmt} image")
    return stripped
