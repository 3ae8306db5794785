"""Small phone-style files for the tests: HEIC/HEIF/AVIF photos made with the real encoders, and MOV/MP4
videos built box by box, each with the location where a phone writes it. The places are fictional points
near the demo profile's addresses."""

from __future__ import annotations

import io
import struct

from PIL import Image

from scanner.engine.imageopen import ensure_opener

NEAR_HOME = (45.4874, -122.6009)      # about 40 m from the demo profile's home
COAST = (45.9000, -123.9600)


def _dms(v: float):
    v = abs(v)
    d, m = int(v), int((v - int(v)) * 60)
    return float(d), float(m), round(((v - d) * 60 - m) * 60, 4)


def photo(fmt: str, where: tuple[float, float] | None, size=(32, 24), xmp: bytes | None = None) -> bytes:
    """A photo in ``fmt`` (HEIF, AVIF, JPEG ...) with the camera maker and, when given, an EXIF GPS position."""
    assert ensure_opener(fmt) == ""
    exif = Image.Exif()
    exif[0x010F] = "PhoneCo"  # camera maker: kept by a location-only strip, removed by --all
    if where is not None:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = ("N" if where[0] >= 0 else "S"), _dms(where[0])
        gps[3], gps[4] = ("E" if where[1] >= 0 else "W"), _dms(where[1])
    buf = io.BytesIO()
    options = {"xmp": xmp} if xmp else {}
    Image.new("RGB", size, (200, 120, 40)).save(buf, format=fmt, exif=exif, **options)
    return buf.getvalue()


def box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind: bytes, payload: bytes) -> bytes:
    return box(kind, b"\x00\x00\x00\x00" + payload)


def iso6709(where: tuple[float, float]) -> bytes:
    return f"{where[0]:+08.4f}{where[1]:+09.4f}+012.345/".encode()


def xyz(where: tuple[float, float]) -> bytes:
    text = iso6709(where)
    return box(b"\xa9xyz", struct.pack(">HH", len(text), 0x15C7) + text)


def apple_meta(where: tuple[float, float], iso_form: bool = False) -> bytes:
    """``meta`` with ``keys`` + ``ilst`` as an iPhone writes it (QuickTime form; the ISO form has version/flags)."""
    keys = [b"com.apple.quicktime.make", b"com.apple.quicktime.location.ISO6709"]
    entries = b"".join(struct.pack(">I", 8 + len(k)) + b"mdta" + k for k in keys)
    values = [b"PhoneCo", iso6709(where)]
    items = b"".join(box(struct.pack(">I", i), box(b"data", struct.pack(">II", 1, 0) + v))
                     for i, v in enumerate(values, 1))
    body = full_box(b"hdlr", b"\x00" * 4 + b"mdta" + b"\x00" * 13) + \
        full_box(b"keys", struct.pack(">I", len(keys)) + entries) + box(b"ilst", items)
    return full_box(b"meta", body) if iso_form else box(b"meta", body)


def video(brand: bytes, moov_children: bytes, moov_last: bool = True) -> bytes:
    """ftyp + mdat (stand-in picture data) + moov, in the order phones write them (moov last) or the other."""
    ftyp = box(b"ftyp", brand + b"\x00\x00\x00\x00" + brand + b"isom")
    moov = box(b"moov", box(b"mvhd", b"\x00" * 100) + box(b"trak", box(b"tkhd", b"\x00" * 84)) + moov_children)
    mdat = box(b"mdat", bytes(range(256)) * 8)
    return ftyp + (mdat + moov if moov_last else moov + mdat)


def mov_with_xyz(where: tuple[float, float]) -> bytes:
    return video(b"qt  ", box(b"udta", xyz(where)))


def mp4_with_apple_keys(where: tuple[float, float]) -> bytes:
    return video(b"mp42", apple_meta(where))
