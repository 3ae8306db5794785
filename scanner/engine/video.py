"""The location a phone writes into a video (MOV, MP4, M4V, 3GP): read from the box headers, never the frames.

Three places are read, all under ``moov``: the QuickTime/Android ``udta/©xyz`` text, Apple's ``meta`` keys
(``com.apple.quicktime.location.ISO6709``) and the 3GPP ``udta/loci`` box. Positions are ISO 6709 strings
("+45.4801-122.6003+012.345/"). The reader seeks from box header to box header (the picture data is
skipped, not read), reads at most :data:`MAX_META` bytes of metadata, caps the number of boxes, and
checks every size against its parent: a truncated, looping or absurd file is a MediaError, one line.
"""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path
from typing import BinaryIO, Iterator

from scanner.engine.media import ImageRead, MediaError, _valid

MAX_BOXES = 10_000              # boxes walked in one file, all levels together
MAX_META = 1024 * 1024          # a udta/meta box larger than this is not read
APPLE_KEY = b"com.apple.quicktime.location.ISO6709"
_ISO6709 = re.compile(r"\s*([+-]\d+(?:\.\d*)?)([+-]\d+(?:\.\d*)?)")


class _Walk:
    def __init__(self) -> None:
        self.boxes = 0

    def boxes_in(self, fh: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
        """(type, payload start, payload end) of each box between start and end, sizes checked."""
        pos = start
        while end - pos >= 8:
            self.boxes += 1
            if self.boxes > MAX_BOXES:
                raise MediaError(f"the video has more than {MAX_BOXES} metadata boxes (damaged?)")
            fh.seek(pos)
            head = fh.read(16)
            if len(head) < 8:
                raise MediaError("the video file is cut short")
            size, kind, header = int.from_bytes(head[:4], "big"), head[4:8], 8
            if size == 1:
                if len(head) < 16:
                    raise MediaError("the video file is cut short")
                size, header = int.from_bytes(head[8:16], "big"), 16
            elif size == 0:
                size = end - pos   # "to the end"
            if size < header:
                raise MediaError("the video file is damaged (a box of impossible size)")
            if pos + size > end:
                raise MediaError("the video file is cut short (a box runs past its end)")
            yield kind, pos + header, pos + size
            pos += size


def iso6709(text: str) -> tuple[float, float] | None:
    """(lat, lon) from an ISO 6709 string: degrees, degrees+minutes or degrees+minutes+seconds."""
    found = _ISO6709.match(text)
    if not found:
        return None
    return _valid(_degrees(found.group(1), 2), _degrees(found.group(2), 3))


def _degrees(part: str, width: int) -> float | None:
    sign = -1.0 if part[0] == "-" else 1.0
    whole, _, frac = part[1:].partition(".")
    digits = len(whole)
    try:
        if digits <= width:                       # +DD.DDDD
            return sign * float(part[1:])
        if digits == width + 2:                   # +DDMM.MMMM
            return sign * (float(whole[:width]) + float(whole[width:] + "." + (frac or "0")) / 60)
        if digits == width + 4:                   # +DDMMSS.SS
            return sign * (float(whole[:width]) + float(whole[width:width + 2]) / 60
                           + float(whole[width + 2:] + "." + (frac or "0")) / 3600)
    except ValueError:
        return None
    return None


def _xyz(payload: bytes) -> tuple[float, float] | None:
    """QuickTime user-data text: 16-bit length, 16-bit language, then the string (or just the string)."""
    if len(payload) >= 4 and int.from_bytes(payload[:2], "big") <= len(payload) - 4:
        text = payload[4:4 + int.from_bytes(payload[:2], "big")]
    else:
        text = payload
    return iso6709(text.decode("utf-8", "replace"))


def _loci(payload: bytes) -> tuple[float, float] | None:
    """3GPP ``loci``: version/flags, language, a NUL-ended name, role, then fixed-point 16.16 lon, lat."""
    end = payload.find(b"\x00", 6)
    if end < 0 or payload[6:8] in (b"\xfe\xff", b"\xff\xfe") or len(payload) < end + 10:
        return None
    lon, lat = struct.unpack(">ii", payload[end + 2:end + 10])
    return _valid(lat / 65536, lon / 65536)


def _apple_meta(walk: _Walk, payload: bytes) -> tuple[float, float] | None:
    """Apple's ``meta`` (keys + ilst): the value stored for the ISO 6709 location key."""
    fh, start = io.BytesIO(payload), 0
    if payload[4:8] not in (b"hdlr", b"keys", b"ilst") and payload[8:12] in (b"hdlr", b"keys", b"ilst"):
        start = 4   # the ISO form of meta has version and flags first
    index, values = None, {}
    for kind, a, b in walk.boxes_in(fh, start, len(payload)):
        if kind == b"keys" and b - a >= 8:
            count, pos = int.from_bytes(payload[a + 4:a + 8], "big"), a + 8
            for number in range(1, min(count, MAX_BOXES) + 1):
                size = int.from_bytes(payload[pos:pos + 4], "big")
                if size < 8 or pos + size > b:
                    break
                if payload[pos + 8:pos + size] == APPLE_KEY:
                    index = number
                pos += size
        elif kind == b"ilst":
            for item, c, d in walk.boxes_in(fh, a, b):
                for data_kind, e, f in walk.boxes_in(fh, c, d):
                    if data_kind == b"data" and f - e > 8:
                        values[int.from_bytes(item, "big")] = payload[e + 8:f]
    if index is None or index not in values:
        return None
    return iso6709(values[index].decode("utf-8", "replace"))


def _read_box(fh: BinaryIO, a: int, b: int) -> bytes:
    if b - a > MAX_META:
        raise MediaError(f"the video's metadata block is larger than {MAX_META // 1024} KiB (damaged?)")
    fh.seek(a)
    data = fh.read(b - a)
    if len(data) < b - a:
        raise MediaError("the video file is cut short")
    return data


def _moov_location(walk: _Walk, fh: BinaryIO, a: int, b: int) -> tuple[float, float] | None:
    found = None
    for child, c, d in walk.boxes_in(fh, a, b):
        if child == b"meta":
            found = found or _apple_meta(walk, _read_box(fh, c, d))
        elif child == b"udta":
            udta = _read_box(fh, c, d)
            for item, e, f in walk.boxes_in(io.BytesIO(udta), 0, len(udta)):
                reader = {b"\xa9xyz": _xyz, b"loci": _loci}.get(item)
                if reader:
                    found = found or reader(udta[e:f])
                elif item == b"meta":
                    found = found or _apple_meta(walk, udta[e:f])
    return found


def read_video(fh: BinaryIO, size: int) -> ImageRead:
    """The video's recorded location (or None), from a seekable binary file of ``size`` bytes. MediaError
    (one line) when it cannot be read; a position found in a file damaged elsewhere comes with the problem."""
    walk, found, movie = _Walk(), None, False
    try:
        for kind, a, b in walk.boxes_in(fh, 0, size):
            if kind == b"moov":
                found, movie = found or _moov_location(walk, fh, a, b), True
    except MediaError as exc:
        if found is None:
            raise
        return ImageRead(found, str(exc))
    except Exception as exc:  # noqa: BLE001 - a hostile file must give one line, never a traceback
        raise MediaError(f"the video's metadata is damaged ({type(exc).__name__})") from None
    if not movie:
        raise MediaError("no movie header found: the video is cut short or damaged")
    return ImageRead(found)


def read_video_file(path: Path) -> ImageRead:
    """:func:`read_video` on a file (only its box headers and metadata are read)."""
    try:
        with path.open("rb") as fh:
            return read_video(fh, path.stat().st_size)
    except OSError as exc:
        raise MediaError(f"cannot read the file ({exc.strerror or type(exc).__name__})") from None


def read_video_bytes(data: bytes) -> ImageRead:
    return read_video(io.BytesIO(data), len(data))
