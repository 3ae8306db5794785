"""What a file is, from its first bytes: a photo format, a video, or neither; and which names say "photo or video".

Content decides what a file is read as; the name only decides that a file which claims to be a photo or
video, but is not one this tool can read, is listed as "could not read" instead of being passed over.
"""

from __future__ import annotations

HEAD = 64   # bytes to read for :func:`image_format` / :func:`video_format` (an ftyp box lists its brands)
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif", ".hif",
                            ".avif", ".dng"})
VIDEO_SUFFIXES = frozenset({".mov", ".qt", ".mp4", ".m4v", ".3gp", ".3g2"})
FORMAT_NAMES = "JPEG, PNG, TIFF, WebP, HEIC/HEIF or AVIF"

_MAGIC = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG", b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}
_HEVC = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"}
_HEIF = _HEVC | {b"mif1", b"msf1", b"mif2"}
_AVIF = {b"avif", b"avis"}
_VIDEO = {b"qt  ", b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"mp71", b"avc1",
          b"M4V ", b"M4VH", b"M4VP", b"3gp4", b"3gp5", b"3gp6", b"3gp7", b"3gs7", b"3g2a", b"3g2b", b"3g2c",
          b"f4v ", b"dash", b"MSNV", b"XAVC"}
_QUICKTIME_FIRST = {b"moov", b"mdat", b"wide", b"pnot"}   # QuickTime files older than the ftyp box


def _brands(head: bytes) -> list[bytes]:
    """The major brand then the compatible brands of an ISO BMFF ``ftyp`` box at the start, else []."""
    if len(head) < 12 or head[4:8] != b"ftyp":
        return []
    end = min(int.from_bytes(head[:4], "big"), len(head))
    return [head[8:12]] + [head[i:i + 4] for i in range(16, end - 3, 4)]


def image_format(data: bytes) -> str | None:
    """``"JPEG"``, ``"PNG"``, ``"TIFF"``, ``"WEBP"``, ``"HEIF"`` (HEIC too) or ``"AVIF"`` from the first
    :data:`HEAD` bytes, else None."""
    head = bytes(data[:HEAD])
    for magic, fmt in _MAGIC.items():
        if head.startswith(magic):
            return fmt
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    brands = _brands(head)
    if not brands or brands[0] in _VIDEO:
        return None
    if set(brands) & _AVIF and not set(brands) & _HEVC:
        return "AVIF"
    return "HEIF" if set(brands) & _HEIF else None


def video_format(data: bytes) -> str | None:
    """``"MOV"`` or ``"MP4"`` (MP4, M4V, 3GP: the same box structure) from the first bytes, else None."""
    head = bytes(data[:HEAD])
    brands = _brands(head)
    if brands:
        if brands[0] == b"qt  ":
            return "MOV"
        return "MP4" if brands[0] in _VIDEO else None
    size = int.from_bytes(head[:4], "big")
    return "MOV" if head[4:8] in _QUICKTIME_FIRST and size not in range(2, 8) else None


def claims_media(name: str) -> bool:
    """True when a file's name says it is a photo or a video."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return suffix in PHOTO_SUFFIXES or suffix in VIDEO_SUFFIXES
