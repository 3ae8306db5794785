"""Finding the user's browser on each OS, with the disk replaced by the functions the tests pass in."""

from __future__ import annotations

import os
import shutil

import pytest

from spiders.browser.locate import (
    HOW_TO_FIX,
    NEEDS_BROWSER,
    NO_SCREEN,
    BrowserNotUsable,
    FoundBrowser,
    assist_problem,
    find_browser,
)


def disk(files=(), folders=(), runnable=None, on_path=None):
    """Fake probes: `files` exist, `folders` are folders, `runnable` (default: every file) can run,
    `on_path` maps a command name to what `which` finds."""
    files, folders = set(files), set(folders)
    runnable = files if runnable is None else set(runnable)
    on_path = on_path or {}
    asked = []

    def which(cmd, path=None):
        asked.append((cmd, path))
        return on_path.get(cmd)

    probes = dict(is_file=files.__contains__, is_dir=folders.__contains__, which=which,
                  access=lambda p, mode: p in runnable)
    return probes, asked


LINUX_ENV = {"PATH": "/usr/local/bin:/usr/bin", "HOME": "/home/tess"}


def test_linux_a_browser_on_the_path_is_found_through_the_given_path():
    probes, asked = disk(files=["/usr/local/bin/chromium"], on_path={"chromium": "/usr/local/bin/chromium"})
    assert find_browser(platform="linux", env=LINUX_ENV, **probes) == FoundBrowser("/usr/local/bin/chromium", "Chromium")
    assert asked[0] == ("google-chrome", "/usr/local/bin:/usr/bin")      # Chrome first, with env's PATH


def test_linux_a_fixed_place_is_found_when_path_has_nothing():
    probes, _ = disk(files=["/opt/microsoft/msedge/msedge"])
    assert find_browser(platform="linux", env={}, **probes) == FoundBrowser("/opt/microsoft/msedge/msedge",
                                                                           "Microsoft Edge")
    probes, _ = disk(files=["/snap/bin/chromium", "/opt/brave.com/brave/brave"])
    assert find_browser(platform="linux", env={}, **probes).path == "/snap/bin/chromium"   # Chromium before Brave


def test_linux_chrome_comes_first_and_a_file_that_cannot_run_is_passed_over():
    files = ["/opt/google/chrome/chrome", "/usr/bin/chromium"]
    probes, _ = disk(files=files)
    assert find_browser(platform="linux", env={}, **probes).name == "Google Chrome"
    probes, _ = disk(files=files, runnable=["/usr/bin/chromium"])
    assert find_browser(platform="linux", env={}, **probes) == FoundBrowser("/usr/bin/chromium", "Chromium")


def test_macos_app_bundles_in_applications_then_the_users_own_applications():
    chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    own_brave = "/Users/tess/Applications/Brave Browser.app/Contents/MacOS/Brave Browser"
    probes, asked = disk(files=[own_brave])
    env = {"HOME": "/Users/tess"}
    assert find_browser(platform="darwin", env=env, **probes) == FoundBrowser(own_brave, "Brave")
    assert asked == []                                                  # no PATH search on macOS
    probes, _ = disk(files=[own_brave, chrome])
    assert find_browser(platform="darwin", env=env, **probes) == FoundBrowser(chrome, "Google Chrome")
    probes, _ = disk(files=["/Users/tess/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"])
    assert find_browser(platform="darwin", env=env, **probes).name == "Microsoft Edge"
    assert find_browser(platform="darwin", env={}, **probes) is None    # without HOME: only /Applications


def test_windows_local_appdata_chrome_and_program_files_x86_edge():
    env = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)",
           "LOCALAPPDATA": r"C:\Users\tess\AppData\Local"}
    chrome = r"C:\Users\tess\AppData\Local\Google\Chrome\Application\chrome.exe"
    edge = r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"
    probes, _ = disk(files=[chrome, edge], runnable=[])                 # access() means nothing on Windows
    assert find_browser(platform="win32", env=env, **probes) == FoundBrowser(chrome, "Google Chrome")
    probes, _ = disk(files=[edge])
    assert find_browser(platform="win32", env=env, **probes) == FoundBrowser(edge, "Microsoft Edge")
    probes, _ = disk(files=[r"C:\Program Files\Chromium\Application\chrome.exe"])
    assert find_browser(platform="win32", env=env, **probes).name == "Chromium"


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_nothing_found_is_none(platform):
    probes, _ = disk(files=["/usr/bin/firefox"], on_path={"firefox": "/usr/bin/firefox"})
    assert find_browser(platform=platform, env={"HOME": "/h", "LOCALAPPDATA": r"C:\x"}, **probes) is None


def test_an_explicit_browser_that_is_missing_names_the_path():
    probes, _ = disk(files=["/usr/bin/chromium"])
    with pytest.raises(BrowserNotUsable) as info:
        find_browser("/nonexistent", platform="linux", env=LINUX_ENV, **probes)    # never falls back
    assert str(info.value) == "--browser /nonexistent: no such file"
    with pytest.raises(BrowserNotUsable, match=r"^settings.toml browser ~/chrome: no such file$"):
        find_browser("~/chrome", platform="linux", env=LINUX_ENV, origin="settings.toml browser", **probes)
    assert isinstance(info.value, ValueError)


def test_an_explicit_browser_that_cannot_run_or_is_a_folder():
    probes, _ = disk(files=["/home/tess/notes.txt"], runnable=[], folders=["/opt/google/chrome"])
    with pytest.raises(BrowserNotUsable, match=r"^--browser ~/notes.txt: is not a program that can be run$"):
        find_browser("~/notes.txt", platform="linux", env=LINUX_ENV, **probes)
    with pytest.raises(BrowserNotUsable, match="is a folder, not a program"):
        find_browser("/opt/google/chrome", platform="linux", env=LINUX_ENV, **probes)
    probes, _ = disk(files=[r"C:\tools\chrome.bat"])
    with pytest.raises(BrowserNotUsable, match="not a program that can be run"):
        find_browser(r"C:\tools\chrome.bat", platform="win32", env={}, **probes)


def test_an_explicit_browser_home_expanded_bare_name_or_windows_path():
    probes, _ = disk(files=["/home/tess/bin/chrome", "/usr/bin/chromium"], on_path={"chromium": "/usr/bin/chromium"})
    assert find_browser(" ~/bin/chrome ", platform="linux", env=LINUX_ENV, **probes) == FoundBrowser(
        "/home/tess/bin/chrome", "Google Chrome")
    assert find_browser("chromium", platform="linux", env=LINUX_ENV, **probes).path == "/usr/bin/chromium"
    exe = r"D:\Portable\Brave\brave.exe"
    probes, _ = disk(files=[exe])
    assert find_browser(exe, platform="win32", env={}, **probes) == FoundBrowser(exe, "Brave")


def test_an_explicit_macos_app_folder_means_the_program_inside():
    app = "/Applications/Google Chrome.app"
    binary = f"{app}/Contents/MacOS/Google Chrome"
    probes, _ = disk(files=[binary], folders=[app])
    assert find_browser(app + "/", platform="darwin", env={}, **probes) == FoundBrowser(binary, "Google Chrome")
    renamed = "/Users/tess/Apps/Work Chrome.app"                       # renamed bundle: the known binary names
    probes, _ = disk(files=[f"{renamed}/Contents/MacOS/Google Chrome"], folders=[renamed])
    assert find_browser(renamed, platform="darwin", env={}, **probes).path.endswith("MacOS/Google Chrome")
    probes, _ = disk(folders=["/Applications/Empty.app"])
    with pytest.raises(BrowserNotUsable, match=r"^--browser /Applications/Empty.app: no browser program inside"):
        find_browser("/Applications/Empty.app", platform="darwin", env={}, **probes)


def test_assist_needs_a_screen_on_linux_only():
    assert assist_problem("linux", {}) == NO_SCREEN
    assert assist_problem("linux", {"DISPLAY": ""}) == NO_SCREEN
    assert assist_problem("linux", {"DISPLAY": ":0"}) == ""
    assert assist_problem("linux", {"WAYLAND_DISPLAY": "wayland-0"}) == ""
    assert assist_problem("darwin", {}) == "" and assist_problem("win32", {}) == ""
    assert "\n" not in NO_SCREEN and NO_SCREEN.startswith("--assist")


def test_the_words_for_site_statuses_and_the_fix():
    assert f"could not check ({NEEDS_BROWSER})" == "could not check (needs Chrome or Chromium)"
    assert "--browser PATH" in HOW_TO_FIX and "settings.toml" in HOW_TO_FIX


@pytest.mark.skipif(not os.path.isfile("/usr/bin/chromium"), reason="no /usr/bin/chromium on this machine")
def test_on_this_machine_debian_chromium_is_found():
    if any(shutil.which(c) for c in ("google-chrome", "google-chrome-stable")) or os.path.isfile(
            "/opt/google/chrome/chrome"):
        pytest.skip("Google Chrome is installed here and comes first")
    found = find_browser()
    assert found is not None and found.name == "Chromium"
    assert os.path.realpath(found.path) == os.path.realpath("/usr/bin/chromium")


def test_locate_imports_neither_playwright_nor_scrapy():
    import subprocess
    import sys
    code = "import sys, spiders.browser.locate; print(sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'playwright', 'twisted')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
