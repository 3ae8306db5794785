"""Image GPS: reading (JPEG via exif, PNG/TIFF/WebP via Pillow), severity by distance, stripping, hostile files."""

from __future__ import annotations

import io
import struct
import zlib

import exif
import pytest
from PIL import Image

from scanner.engine.media import ImageRead, MediaError, analyze_image, distance_m, read_gps, read_image, strip_location
from scanner.profile import parse_profile

HOME = (45.48012, -122.60031)
PREV = (45.52637, -122.68401)
PROFILE = parse_profile({
    "schema": 1, "person": {"name": "Avery Quinlan"},
    "addresses": [
        {"kind": "home", "street": "4821 SE Larkspur Ct", "city": "Portland", "state": "OR", "lat": HOME[0], "lon": HOME[1]},
        {"kind": "previous", "street": "1190 NW Glisan St", "city": "Portland", "state": "OR", "lat": PREV[0], "lon": PREV[1]},
    ],
})


def _dms(x: float):
    x = abs(x)
    d = int(x)
    m = int((x - d) * 60)
    return float(d), float(m), round((x - d - m / 60) * 3600, 4)


def jpeg(lat=None, lon=None) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 80, 200)).save(buf, "JPEG")
    if lat is None:
        return buf.getvalue()
    img = exif.Image(buf.getvalue())
    img.gps_latitude, img.gps_latitude_ref = _dms(lat), "N" if lat >= 0 else "S"
    img.gps_longitude, img.gps_longitude_ref = _dms(lon), "E" if lon >= 0 else "W"
    return img.get_file()


def pillow(fmt: str, lat=None, lon=None) -> bytes:
    img = Image.new("RGB", (40, 30), (200, 80, 10))
    ex = img.getexif()
    ex[0x010F] = "DemoCam"
    if lat is not None:
        ex[0x8825] = {1: "N" if lat >= 0 else "S", 2: _dms(lat), 3: "E" if lon >= 0 else "W", 4: _dms(lon)}
    buf = io.BytesIO()
    img.save(buf, fmt, exif=ex.tobytes())
    return buf.getvalue()


def offset(p, north_m, east_m):
    import math
    return p[0] + north_m / 111_320.0, p[1] + east_m / (111_320.0 * math.cos(math.radians(p[0])))


@pytest.mark.parametrize("make", [lambda la, lo: jpeg(la, lo), lambda la, lo: pillow("PNG", la, lo),
                                  lambda la, lo: pillow("WEBP", la, lo), lambda la, lo: pillow("TIFF", la, lo)])
def test_read_gps_each_format(make):
    lat, lon = read_gps(make(45.5, -122.65))
    assert abs(lat - 45.5) < 1e-4 and abs(lon + 122.65) < 1e-4


def test_southern_and_eastern_hemispheres():
    lat, lon = read_gps(jpeg(-33.8688, 151.2093))
    assert lat < 0 < lon


def test_no_gps_is_none():
    assert read_gps(jpeg()) is None
    assert read_gps(pillow("PNG")) is None
    assert analyze_image(jpeg(), "x.jpg", PROFILE) == []


@pytest.mark.parametrize("north,east,ref,severity", [
    (20, 20, HOME, "critical"), (0, 240, HOME, "critical"), (300, 0, HOME, "medium"),
    (50, -50, PREV, "high"), (20_000, 0, HOME, "medium"),
])
def test_severity_by_distance(north, east, ref, severity):
    pos = offset(ref, north, east)
    (f,) = analyze_image(jpeg(*pos), "https://photos.example/p.jpg", PROFILE)
    assert (f.kind, f.subject, f.severity) == ("geolocation", "self", severity)
    assert f.confidence == 1.0
    lat, lon = (float(x) for x in f.value.split(","))
    assert distance_m((lat, lon), pos) < 1
    assert "from your" in f.evidence and (" m " in f.evidence or " km " in f.evidence)


def test_without_profile_coordinates_medium():
    p = parse_profile({"schema": 1, "person": {"name": "A B"}})
    (f,) = analyze_image(jpeg(45.5, -122.6), "x", p)
    assert f.severity == "medium" and "45.5" in f.evidence


def test_distance():
    assert abs(distance_m((45.0, -122.0), (45.001, -122.0)) - 111.2) < 0.5


@pytest.mark.parametrize("make", [lambda: jpeg(*HOME), lambda: pillow("PNG", *HOME), lambda: pillow("WEBP", *HOME), lambda: pillow("TIFF", *HOME)])
def test_strip_location(make):
    data = make()
    assert read_gps(data) is not None
    out = strip_location(data)
    assert read_gps(out) is None
    with Image.open(io.BytesIO(out)) as img:
        img.load()
        assert img.size == (40, 30)
    if data[:2] != b"\xff\xd8":
        with Image.open(io.BytesIO(out)) as img:
            assert img.getexif().get(0x010F) == "DemoCam"  # other metadata kept


def test_strip_keeps_jpeg_pixels_byte_identical():
    data = jpeg(*HOME)
    out = strip_location(data)
    assert data[data.index(b"\xff\xda"):] == out[out.index(b"\xff\xda"):]


# ------------------------------------------------------------------------------ hostile files
def _png_claiming(w: int, h: int) -> bytes:
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b"")


def test_decompression_bomb_is_an_error():
    for data in (_png_claiming(10_000, 10_000), _png_claiming(60_000, 60_000)):
        with pytest.raises(MediaError) as exc:
            read_gps(data)
        assert "\n" not in str(exc.value)
        with pytest.raises(MediaError):
            strip_location(data)


@pytest.mark.parametrize("data", [
    b"", b"not an image", b"GIF89a....", b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*" + bytes(40),
])
def test_corrupt_files_error_or_none(data):
    try:
        assert read_gps(data) is None
    except MediaError as exc:
        assert "\n" not in str(exc)


def test_truncated_jpeg_keeps_header_gps_or_errors_cleanly():
    full = jpeg(*HOME)
    for cut in (3, 20, len(full) // 3, len(full) - 10):
        try:
            read_gps(full[:cut])
        except MediaError:
            pass
        try:
            strip_location(full[:cut])
        except MediaError:
            pass


def test_zero_denominator_rational_does_not_crash():
    data = bytearray(jpeg(45.5, -122.6))
    # Zero every GPS rational denominator (exif then raises ZeroDivisionError inside its reader).
    start = data.index(b"Exif")
    seg = bytes(data[start:start + 400])
    for i in range(len(seg) - 8):
        if seg[i:i + 4] == b"\x00\x00\x00\x01" or seg[i:i + 4] == b"\x00\x00\x27\x10":
            data[start + i:start + i + 4] = b"\x00\x00\x00\x00"
    try:
        result = read_gps(bytes(data))
    except MediaError:
        return
    assert result is None or all(abs(v) <= 180 for v in result)


def test_not_bytes():
    with pytest.raises(MediaError):
        read_gps("a string")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ read fully or not
def _noisy(fmt: str) -> bytes:
    """Real image data (noise does not compress), so a cut file loses pixels; GPS in its EXIF."""
    img = Image.effect_noise((90, 60), 60).convert("RGB")
    ex = img.getexif()
    ex[0x8825] = {1: "N", 2: _dms(HOME[0]), 3: "W", 4: _dms(HOME[1])}
    buf = io.BytesIO()
    img.save(buf, fmt, exif=ex.tobytes())
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF", "WEBP"])
def test_read_image_says_when_the_image_was_not_read_fully(fmt):
    full = _noisy(fmt)
    whole = read_image(full)
    assert whole.problem == "" and whole.position is not None
    assert read_image(pillow(fmt)) == ImageRead(None, "")  # intact, no GPS: clean
    for cut in (len(full) - 12, len(full) * 2 // 3):
        try:
            part = read_image(full[:cut])
        except MediaError as exc:  # the header itself is gone (TIFF keeps its directory at the end)
            assert "\n" not in str(exc)
            continue
        assert part.problem, (fmt, cut)
        assert "\n" not in part.problem


def test_read_image_keeps_the_gps_of_a_cut_jpeg_and_flags_corrupt_exif():
    full = _noisy("JPEG")
    part = read_image(full[: len(full) // 2])
    assert part.position == pytest.approx(HOME, abs=1e-4) and "cut short" in part.problem
    plain = pillow("JPEG")
    bad_exif = plain[:2] + b"\xff\xe1\x00\x16Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff\x00\x00" + plain[2:]
    assert read_gps(bad_exif) is None                      # no position can be read ...
    assert "EXIF" in read_image(bad_exif).problem          # ... and that is not the same as "no location"
