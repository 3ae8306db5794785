"""Photo hygiene on the user's own machine: which photos and videos carry a GPS position, and clean copies.

Every file whose content or name says photo or video is answered for: its position, nothing found (only
when it was read in full), or "could not read" with why. Videos are read, not cleaned (see VIDEO_ADVICE)."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from scanner.engine.media import (
    MAX_BYTES,
    MediaError,
    distance_m,
    image_format,
    plain_distance,
    read_gps,
    read_image,
    strip_location,
)
from scanner.engine.mediatypes import FORMAT_NAMES, HEAD, VIDEO_SUFFIXES, claims_media, video_format
from scanner.profile import Profile

NEAR_METERS = 250.0
VIDEO_ADVICE = ("To share a video without its location: on an iPhone, tap Options in the share sheet and turn "
                "Location off; on Android, turn off the camera's location tag before filming; or export or "
                "re-encode it in a video editor.")


@dataclass(frozen=True)
class PhotoCheck:
    path: Path
    position: tuple[float, float] | None = None
    nearest: str = ""            # "about 90 m from your home address (Portland)"
    near_home: bool = False
    error: str = ""
    video: bool = False


@dataclass(frozen=True)
class StripResult:
    source: Path
    target: Path | None
    error: str = ""
    video: bool = False


def _kind(path: Path) -> str:
    """"photo" or "video" from the file's first bytes; "" when its content is neither (or it cannot be opened)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD)
    except OSError:
        return ""
    return "photo" if image_format(head) else "video" if video_format(head) else ""


def iter_media(folder: Path) -> Iterator[Path]:
    """Photos and videos below a folder, by their first bytes, and files named like one (so that one which
    cannot be read is listed, not passed over), in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                continue
            if claims_media(name) or _kind(path):
                yield path


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_BYTES:
        raise MediaError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    return path.read_bytes()


def _not_media(path: Path) -> str:
    what = "video" if path.suffix.lower() in VIDEO_SUFFIXES else "photo"
    try:
        if path.stat().st_size == 0:
            return "the file is empty"
    except OSError as exc:
        return f"cannot open the file ({exc.strerror or type(exc).__name__})"
    if what == "video":
        return "its content is not a MOV or MP4 video (damaged, or another format)"
    return f"its content is not a {FORMAT_NAMES} photo (damaged, or another format)"


def check_photo(path: Path, profile: Profile | None) -> PhotoCheck:
    from scanner.engine.video import read_video_file

    kind = _kind(path)
    video = kind == "video" or (not kind and path.suffix.lower() in VIDEO_SUFFIXES)
    try:
        if not kind:
            raise MediaError(_not_media(path))
        read = read_video_file(path) if video else read_image(_read(path))
    except (MediaError, OSError) as exc:
        return PhotoCheck(path, error=str(exc) or type(exc).__name__, video=video)
    position = read.position
    if position is None:  # clean only when the whole file could be read
        return PhotoCheck(path, error=f"could not be read fully: {read.problem}" if read.problem else "", video=video)
    places = [a for a in (profile.addresses if profile else ()) if a.lat is not None and a.lon is not None]
    if not places:
        return PhotoCheck(path, position, video=video)
    distance, place = min(((distance_m(position, (a.lat, a.lon)), a) for a in places), key=lambda t: t[0])
    nearest = f"about {plain_distance(distance)} from your {place.kind} address ({place.city})"
    return PhotoCheck(path, position, nearest, near_home=place.kind == "home" and distance <= NEAR_METERS, video=video)


def check_folder(folder: Path, profile: Profile | None) -> list[PhotoCheck]:
    return [check_photo(path, profile) for path in iter_media(folder)]


def strip_all_metadata(data: bytes) -> bytes:
    """A copy without any metadata (EXIF, XMP, text chunks), pixels re-encoded as losslessly as the format allows."""
    from PIL import Image

    from scanner.engine.heif import reencode

    fmt = image_format(data[:HEAD])
    if fmt is None:
        raise MediaError(f"not a {FORMAT_NAMES} image")
    clean = strip_location(data)  # refuses bombs and corrupt files before any decoding
    if fmt in ("HEIF", "AVIF"):
        return _verified(reencode(clean, fmt, None), fmt)
    try:
        with Image.open(io.BytesIO(clean), formats=[fmt]) as img:
            out = io.BytesIO()
            options: dict = {"icc_profile": img.info.get("icc_profile")} if img.info.get("icc_profile") else {}
            if fmt == "JPEG":
                options.update(quality="keep", subsampling="keep")
            elif fmt == "WEBP":
                options.update(lossless=bool(img.info.get("lossless")), quality=95)
            img.save(out, format=fmt, **options)
    except MediaError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types on odd files
        raise MediaError(f"cannot re-save this {fmt} image ({type(exc).__name__})") from None
    return _verified(out.getvalue(), fmt)


def _verified(result: bytes, fmt: str) -> bytes:
    if read_gps(result) is not None:
        raise MediaError(f"could not remove the metadata from this {fmt} image")
    return result


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def strip_folder(folder: Path, out: Path | None, everything: bool = False) -> list[StripResult]:
    """Clean copies under `out` (same relative paths), or in place when out is None. Never overwrites a copy."""
    results = []
    for path in iter_media(folder):
        target = path if out is None else out / path.relative_to(folder)
        kind = _kind(path)
        if kind == "video" or (not kind and path.suffix.lower() in VIDEO_SUFFIXES):
            results.append(_video_result(path))
            continue
        try:
            if not kind:
                raise MediaError(_not_media(path))
            data = _read(path)
            cleaned = strip_all_metadata(data) if everything else strip_location(data)
            if out is not None:
                if target.exists():
                    raise MediaError(f"{target} already exists; not overwriting it")
                target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(target, cleaned, path.stat().st_mode & 0o777)
            results.append(StripResult(path, target))
        except (MediaError, OSError) as exc:
            results.append(StripResult(path, None, str(exc) or type(exc).__name__))
    return results


def _video_result(path: Path) -> StripResult:
    """Videos are never changed: say whether this one carries a location (VIDEO_ADVICE says what to do)."""
    from scanner.engine.video import read_video_file

    try:
        read = read_video_file(path) if _kind(path) else None
        if read is None:
            raise MediaError(_not_media(path))
    except MediaError as exc:
        return StripResult(path, None, f"a video this tool cannot read ({exc}); videos are not cleaned", video=True)
    if read.position:
        return StripResult(path, None, "this video carries a location; videos are not cleaned", video=True)
    return StripResult(path, None, "videos are not cleaned (no location found in this one)", video=True)
