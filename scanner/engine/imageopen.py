"""Opening an image with Pillow safely (pixel cap, decompression bombs as errors), the one place where
Pillow learns the formats it does not read by itself (HEIC/HEIF through pillow-heif), and the EXIF block
without its GPS part."""

from __future__ import annotations

import functools
import io
import warnings

MAX_PIXELS = 50_000_000          # 50 megapixels
GPS_IFD = 0x8825


class MediaError(ValueError):
    """An image that cannot be read safely; the message is one line."""


@functools.cache
def _register(fmt: str) -> str:
    """"" once the opener for ``fmt`` is registered with Pillow, else why it cannot be."""
    if fmt == "HEIF":
        try:
            import pillow_heif
        except ImportError:
            return "HEIC/HEIF photos need the pillow-heif package (reinstall unlisted)"
        pillow_heif.register_heif_opener()
        return ""
    from PIL import features

    if fmt == "AVIF" and not features.check("avif"):
        return "AVIF photos need Pillow 11.3 or later with AVIF support (reinstall unlisted)"
    return ""


def ensure_opener(fmt: str) -> str:
    """Make Pillow able to open ``fmt`` (a no-op for formats it reads itself); "" or why it cannot."""
    return _register(fmt) if fmt in ("HEIF", "AVIF") else ""


def open_image(data: bytes, fmt: str):
    """Pillow image (header only), with the pixel cap and bomb warnings turned into MediaError."""
    from PIL import Image

    missing = ensure_opener(fmt)
    if missing:
        raise MediaError(missing)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data": treated as no GPS
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=[fmt])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError("image is too large to open safely (possible decompression bomb)") from None
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types on corrupt files
        name = "HEIC/HEIF" if fmt == "HEIF" else fmt
        raise MediaError(f"corrupt or unreadable {name} image ({type(exc).__name__})") from None
    w, h = img.size
    if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
        raise MediaError(f"image claims {w} x {h} pixels, more than the {MAX_PIXELS // 1_000_000} megapixel limit")
    return img


def exif_without_gps(data: bytes, fmt: str) -> bytes | None:
    """TIFF-structured EXIF bytes (``Exif\\0\\0`` prefix for JPEG) without the GPS IFD, or None if no EXIF."""
    img = open_image(data, fmt)
    try:
        exif = img.getexif()
        if not exif:
            return None
        exif.pop(GPS_IFD, None)
        return exif.tobytes()
    except Exception as exc:  # noqa: BLE001
        raise MediaError(f"cannot rewrite the image metadata ({type(exc).__name__})") from None
    finally:
        img.close()
