"""HEIC/HEIF (the iPhone's default) and AVIF photos: taking their location out.

HEIF is read by pillow-heif, AVIF by Pillow itself (11.3 and later); both are made known to Pillow in
:mod:`scanner.engine.imageopen`. Stripping keeps the pixels: the EXIF block is rewritten without its GPS
part at the same place in the file (padded to its old length, so no box offset moves). Only when that
cannot be done safely (the block is split or repeated, or an XMP packet carries a position too) is the
photo re-encoded at high quality, without the location.
"""

from __future__ import annotations

import io

from scanner.engine.imageopen import GPS_IFD, MediaError, exif_without_gps, open_image


def save_options(fmt: str, info: dict, exif: bytes | None) -> dict:
    """Options for re-encoding a HEIF/AVIF photo: high quality, the given EXIF (None: none), no XMP."""
    options = {"quality": 90, "exif": exif or None, "xmp": None}
    if info.get("icc_profile"):
        options["icc_profile"] = info["icc_profile"]
    return options


def strip_heif(data: bytes, fmt: str) -> bytes:
    """A copy of a HEIF/AVIF photo without its GPS position (MediaError when it cannot be made)."""
    img = open_image(data, fmt)
    try:
        raw = img.info.get("exif") or b""
        xmp = img.info.get("xmp") or b""
        has_gps = bool(raw) and GPS_IFD in img.getexif()
    except Exception as exc:  # noqa: BLE001 - a corrupt EXIF block
        raise MediaError(f"cannot read the {fmt} photo's metadata ({type(exc).__name__})") from None
    finally:
        img.close()
    xmp_gps = b"GPS" in (xmp if isinstance(xmp, bytes) else str(xmp).encode())
    if not has_gps and not xmp_gps:
        return data
    new = (exif_without_gps(data, fmt) or b"") if raw else b""
    old_tiff, new_tiff = raw.removeprefix(b"Exif\x00\x00"), new.removeprefix(b"Exif\x00\x00")
    if not xmp_gps and len(old_tiff) >= 8 and data.count(old_tiff) == 1 and len(new_tiff) <= len(old_tiff):
        at = data.index(old_tiff)
        return data[:at] + new_tiff + b"\x00" * (len(old_tiff) - len(new_tiff)) + data[at + len(old_tiff):]
    return reencode(data, fmt, new or None)


def reencode(data: bytes, fmt: str, exif: bytes | None) -> bytes:
    """The photo encoded afresh (quality 90) with only the given EXIF block (None: no metadata at all)."""
    img = open_image(data, fmt)
    try:
        out = io.BytesIO()
        img.save(out, format=fmt, **save_options(fmt, img.info, exif))
    except MediaError:
        raise
    except Exception as exc:  # noqa: BLE001 - the encoder raises several types
        raise MediaError(f"cannot re-save this {fmt} photo ({type(exc).__name__})") from None
    finally:
        img.close()
    return out.getvalue()
