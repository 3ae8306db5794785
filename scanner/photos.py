"""Photo hygiene on the user's own machine: which photos carry a GPS position, and clean copies."""

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
from scanner.profile import Profile

NEAR_METERS = 250.0


@dataclass(frozen=True)
class PhotoCheck:
    path: Path
    position: tuple[float, float] | None = None
    nearest: str = ""            # "about 90 m from your home address (Portland)"
    near_home: bool = False
    error: str = ""


@dataclass(frozen=True)
class StripResult:
    source: Path
    target: Path | None
    error: str = ""


def iter_images(folder: Path) -> Iterator[Path]:
    """Image files below a folder (by their first bytes, not their names), in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                continue
            try:
                with path.open("rb") as fh:
                    head = fh.read(16)
            except OSError:
                continue
            if image_format(head):
                yield path


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_BYTES:
        raise MediaError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    return path.read_bytes()


def check_photo(path: Path, profile: Profile | None) -> PhotoCheck:
    try:
        read = read_image(_read(path))
    except (MediaError, OSError) as exc:
        return PhotoCheck(path, error=str(exc) or type(exc).__name__)
    position = read.position
    if position is None:  # clean only when the whole photo could be read
        return PhotoCheck(path, error=f"could not be read fully: {read.problem}" if read.problem else "")
    places = [a for a in (profile.addresses if profile else ()) if a.lat is not None and a.lon is not None]
    if not places:
        return PhotoCheck(path, position)
    distance, place = min(((distance_m(position, (a.lat, a.lon)), a) for a in places), key=lambda t: t[0])
    nearest = f"about {plain_distance(distance)} from your {place.kind} address ({place.city})"
    return PhotoCheck(path, position, nearest, near_home=place.kind == "home" and distance <= NEAR_METERS)


def check_folder(folder: Path, profile: Profile | None) -> list[PhotoCheck]:
    return [check_photo(path, profile) for path in iter_images(folder)]


def strip_all_metadata(data: bytes) -> bytes:
    """A copy without any metadata (EXIF, XMP, text chunks), pixels re-encoded as losslessly as the format allows."""
    from PIL import Image

    fmt = image_format(data[:16])
    if fmt is None:
        raise MediaError("not a JPEG, PNG, TIFF or WebP image")
    clean = strip_location(data)  # refuses bombs and corrupt files before any decoding
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
    result = out.getvalue()
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
    for path in iter_images(folder):
        target = path if out is None else out / path.relative_to(folder)
        try:
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
