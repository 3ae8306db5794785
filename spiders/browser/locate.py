"""Finding the user's web browser (Chrome, Chromium, Edge or Brave): the one given with --browser or
in settings.toml, else the first installed in the usual places. Nothing is ever downloaded.

No Playwright or Scrapy import: the CLI imports this and `unlisted --help` stays fast. Pure: every
look at the disk goes through the functions passed in, so each OS's places are tested on any OS.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from scanner.sources.coverage import NEEDS_BROWSER   # noqa: F401 - the words a site's status uses; said here too
HOW_TO_FIX = ("install Google Chrome or Chromium, or tell unlisted where your browser is: "
              "--browser PATH, or browser = \"PATH\" in settings.toml")
NO_SCREEN = ("--assist opens a browser window, but this computer has no screen (no DISPLAY): "
             "run the scan without --assist")


@dataclass(frozen=True)
class FoundBrowser:
    path: str          # absolute path of the executable
    name: str          # "Google Chrome", "Chromium", "Microsoft Edge", "Brave" ("your browser": another one named)


class BrowserNotUsable(ValueError):
    """A browser the user named cannot be used; the message is one line naming the path and the problem."""


# name -> Linux PATH names, Linux fixed places, macOS app bundle (its binary has the bundle's name),
# Windows path under Program Files / Local AppData. In order of preference.
_BROWSERS = (
    ("Google Chrome", ("google-chrome", "google-chrome-stable"),
     ("/opt/google/chrome/chrome", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"),
     "Google Chrome", r"Google\Chrome\Application\chrome.exe"),
    ("Chromium", ("chromium", "chromium-browser"),
     ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"),
     "Chromium", r"Chromium\Application\chrome.exe"),
    ("Microsoft Edge", ("microsoft-edge", "microsoft-edge-stable"),
     ("/opt/microsoft/msedge/msedge", "/usr/bin/microsoft-edge", "/usr/bin/microsoft-edge-stable"),
     "Microsoft Edge", r"Microsoft\Edge\Application\msedge.exe"),
    ("Brave", ("brave-browser", "brave"),
     ("/opt/brave.com/brave/brave", "/usr/bin/brave-browser"),
     "Brave Browser", r"BraveSoftware\Brave-Browser\Application\brave.exe"),
)
_WINDOWS_ROOTS = ("PROGRAMFILES", "PROGRAMW6432", "PROGRAMFILES(X86)", "LOCALAPPDATA")


def _windows(platform: str) -> bool:
    return platform.startswith(("win32", "cygwin"))


def _candidates(platform: str, env: Mapping[str, str], which):
    """(name, path) in the order to try; PATH names are resolved with `which` on the way."""
    if _windows(platform):
        upper = {k.upper(): v for k, v in env.items()}
        roots = list(dict.fromkeys(upper[k] for k in _WINDOWS_ROOTS if upper.get(k)))
        for name, _, _, _, rel in _BROWSERS:
            for root in roots:
                yield name, ntpath.join(root, rel)
    elif platform == "darwin":
        folders = ["/Applications"] + ([posixpath.join(env["HOME"], "Applications")] if env.get("HOME") else [])
        for name, _, _, app, _ in _BROWSERS:
            for folder in folders:
                yield name, posixpath.join(folder, f"{app}.app", "Contents", "MacOS", app)
    else:
        for name, commands, fixed, _, _ in _BROWSERS:
            for command in commands:
                hit = which(command, path=env.get("PATH") or os.defpath)
                if hit:
                    yield name, posixpath.abspath(hit)
            yield from ((name, path) for path in fixed)


def _runnable(path: str, platform: str, is_file, access) -> bool:
    if not is_file(path):
        return False
    return path.lower().endswith(".exe") if _windows(platform) else access(path, os.X_OK)


def find_browser(explicit: str = "", *, platform: str = sys.platform, env: Mapping[str, str] = os.environ,
                 is_file=os.path.isfile, which=shutil.which, access=os.access, is_dir=os.path.isdir,
                 origin: str = "--browser") -> FoundBrowser | None:
    """The browser to use: `explicit` (from --browser or settings.toml; `origin` names where it came from
    in the error) must be a program that can be run, or a macOS .app folder; else BrowserNotUsable.
    Without it: the first of Chrome, Chromium, Edge and Brave found in the usual places, or None."""
    explicit = explicit.strip()
    if explicit:
        return _explicit(explicit, platform, env, is_file, which, access, is_dir, origin)
    for name, path in _candidates(platform, env, which):
        if _runnable(path, platform, is_file, access):
            return FoundBrowser(path=path, name=name)
    return None


def _explicit(given, platform, env, is_file, which, access, is_dir, origin) -> FoundBrowser:
    paths = ntpath if _windows(platform) else posixpath
    path = given
    home = env.get("USERPROFILE" if _windows(platform) else "HOME", "")
    if home and (path == "~" or path.startswith(("~/", "~" + paths.sep))):
        path = home + path[1:]
    if not paths.isabs(path) and paths.sep not in path and not is_file(path):
        path = which(path, path=env.get("PATH") or os.defpath) or path     # a bare program name: `chromium`
    if paths is posixpath:
        path = posixpath.abspath(path)
    bundle = path.rstrip("/\\")
    if bundle.lower().endswith(".app") and is_dir(bundle):
        stem = paths.basename(bundle)[:-4]
        inside = [paths.join(bundle, "Contents", "MacOS", binary)
                  for binary in dict.fromkeys((stem,) + tuple(b[3] for b in _BROWSERS))]
        path = next((p for p in inside if is_file(p)), "")
        if not path:
            raise BrowserNotUsable(f"{origin} {given}: no browser program inside this app (Contents/MacOS)")
    elif is_dir(path):
        raise BrowserNotUsable(f"{origin} {given}: is a folder, not a program that can be run")
    elif not is_file(path):
        raise BrowserNotUsable(f"{origin} {given}: no such file")
    if not _runnable(path, platform, is_file, access):
        raise BrowserNotUsable(f"{origin} {given}: is not a program that can be run")
    return FoundBrowser(path=path, name=_name_of(path))


def _name_of(path: str) -> str:
    low = path.lower()
    for name, key in (("Microsoft Edge", "edge"), ("Brave", "brave"), ("Chromium", "chromium"),
                      ("Google Chrome", "chrome")):
        if key in low:
            return name
    return "your browser"


def assist_problem(platform: str = sys.platform, env: Mapping[str, str] = os.environ) -> str:
    """Why --assist cannot open a window here ("" when it can): Linux and the BSDs need a display."""
    if _windows(platform) or platform == "darwin":
        return ""
    return "" if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") else NO_SCREEN
