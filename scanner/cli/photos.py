"""`unlisted photos ...`: location data in the user's own photos."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scanner.exitcodes import Exit
from scanner.words import plural


@click.group()
def photos() -> None:
    """Find and remove the GPS location hidden in your own photos (and find it in videos)."""


def _folder(path: str) -> Path:
    folder = Path(path)
    if not folder.is_dir():
        click.echo(f"unlisted: {path}: not a folder", err=True)
        sys.exit(int(Exit.USAGE))
    return folder


@photos.command("check")
@click.argument("folder")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False),
              help="Your profile: adds how far each photo was taken from your addresses.")
def photos_check(folder, profile_path) -> None:
    """List the photos and videos in FOLDER that carry a GPS position, and how far from home they were taken."""
    from scanner.cli.common import load_profile_or_fail
    from scanner.photos import VIDEO_ADVICE, check_folder

    profile = load_profile_or_fail(profile_path) if profile_path else None
    checks = check_folder(_folder(folder), profile)
    located = [c for c in checks if c.position]
    for c in checks:
        if c.error:
            click.echo(f"could not read  {c.path}: {c.error}")
        elif c.position:
            where = f" - {c.nearest}" if c.nearest else ""
            flag = "NEAR HOME" if c.near_home else "location"
            click.echo(f"{flag:<15} {c.path}: {c.position[0]:.5f}, {c.position[1]:.5f}{where}")
    near = sum(1 for c in located if c.near_home)
    unread = sum(1 for c in checks if c.error)
    videos = sum(1 for c in checks if c.video and not c.error)
    read = plural(len(checks) - unread - videos, "photo") + (f" and {plural(videos, 'video')}" if videos else "")
    click.echo(f"{read} read: {len(located)} {'carries' if len(located) == 1 else 'carry'} "
               f"a location, {near} of them near your home.")
    if unread:
        bad_videos = sum(1 for c in checks if c.video and c.error)
        noun = "photo" if not bad_videos else "video" if bad_videos == unread else "file"
        click.echo(f"{plural(unread, noun)} could not be read fully (listed above): we cannot say whether "
                   f"{'it carries' if unread == 1 else 'they carry'} a location. Open {'it' if unread == 1 else 'them'} "
                   "in a photo app and export a copy, or leave them unshared.")
    if any(not c.video for c in located):
        click.echo(f"To make clean copies: unlisted photos strip {folder} --out CLEAN_FOLDER")
    if any(c.video for c in located):
        click.echo(f"Videos cannot be cleaned here. {VIDEO_ADVICE}")
    sys.exit(int(Exit.PARTIAL if unread else Exit.OK))


@photos.command("strip")
@click.argument("folder")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Folder for the clean copies (originals untouched).")
@click.option("--all", "everything", is_flag=True, help="Remove all metadata (camera, dates, text), not only the location.")
@click.option("--in-place", is_flag=True, help="Change the originals instead of making copies.")
def photos_strip(folder, out_dir, everything, in_place) -> None:
    """Copy the photos in FOLDER without their location (or without any metadata, with --all). Videos are not changed."""
    from scanner.photos import VIDEO_ADVICE, strip_folder

    source = _folder(folder)
    if in_place == bool(out_dir):
        click.echo("unlisted: give either --out FOLDER (clean copies) or --in-place (change the originals)", err=True)
        sys.exit(int(Exit.USAGE))
    out = Path(out_dir) if out_dir else None
    if out is not None and (out.resolve() == source.resolve() or source.resolve() in out.resolve().parents):
        click.echo("unlisted: --out must be a folder outside the photos folder", err=True)
        sys.exit(int(Exit.USAGE))
    results = strip_folder(source, out, everything)
    failed = [r for r in results if r.error]
    for r in failed:
        click.echo(f"not cleaned: {r.source}: {r.error}", err=True)
    what = "all metadata" if everything else "the location"
    where = "in place" if in_place else f"into {out}"
    photo_results = [r for r in results if not r.video]
    cleaned = sum(1 for r in photo_results if not r.error)
    click.echo(f"Removed {what} from {cleaned} of {plural(len(photo_results), 'photo')} ({where}).")
    videos = len(results) - len(photo_results)
    if videos:
        click.echo(f"{plural(videos, 'video')} not cleaned (listed above): unlisted cannot clean videos. {VIDEO_ADVICE}")
    sys.exit(int(Exit.PARTIAL if failed else Exit.OK))
