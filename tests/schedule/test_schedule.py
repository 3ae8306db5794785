"""The schedulers' entries (crontab in a temporary tab file, LaunchAgent plist, Task Scheduler XML)
and the settings file they go with. Nothing here touches the real crontab or runs launchctl/schtasks."""

import plistlib
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scanner.schedule.triggers import (CRON_COMMENT, CronScheduler, LaunchAgentScheduler, TaskScheduler, cron_command,
                              launch_agent_plist, scheduler_for, task_xml, trigger_argv)
from scanner.schedule.settings import (EmailSettings, Settings, SettingsError, load_settings, parse_cadence, parse_settings,
                              render_settings, with_schedule)

ARGV = trigger_argv(["/opt/my apps/unlisted"], Path("/home/ann/100% private/unlisted"))


def test_trigger_runs_this_installation_for_this_data_folder():
    assert ARGV == ("/opt/my apps/unlisted", "--home", "/home/ann/100% private/unlisted", "rescan", "--if-due")


def test_cron_line_is_quoted_and_escapes_percent():
    line = cron_command(ARGV)
    assert line == r"'/opt/my apps/unlisted' --home '/home/ann/100\% private/unlisted' rescan --if-due >/dev/null 2>&1"


def test_cron_install_status_remove_in_a_temporary_tab_file(tmp_path):
    tab = tmp_path / "tab"
    tab.write_text("MAILTO=\"\"\n5 4 * * * /usr/bin/backup # someone else's job\n")
    cron = CronScheduler(tab)
    assert not cron.status().installed
    assert "Would add this line" in cron.preview(ARGV) and tab.read_text().count("\n") == 2  # preview writes nothing
    cron.install(ARGV)
    cron.install(ARGV)  # idempotent: still one entry
    text = tab.read_text()
    assert text.count(CRON_COMMENT) == 1
    assert "/usr/bin/backup # someone else's job" in text and 'MAILTO=""' in text
    ours = [line for line in text.splitlines() if CRON_COMMENT in line][0]
    assert ours.startswith("17 * * * * '/opt/my apps/unlisted' --home ")
    assert ours.endswith("rescan --if-due >/dev/null 2>&1 # unlisted-rescan")
    status = cron.status()
    assert status.installed and "rescan --if-due" in status.entry
    assert cron.remove() is True
    assert CRON_COMMENT not in tab.read_text() and "/usr/bin/backup" in tab.read_text()
    assert cron.remove() is False


def test_cron_creates_a_missing_tab_file_privately(tmp_path):
    tab = tmp_path / "new.tab"
    CronScheduler(tab).install(ARGV)
    assert CRON_COMMENT in tab.read_text()


def test_launch_agent_plist_and_commands(tmp_path):
    calls = []

    def run(argv):
        calls.append(list(argv))
        return subprocess.CompletedProcess(argv, 3 if argv[1] == "bootout" else 0)  # bootout of nothing fails: fine

    agent = LaunchAgentScheduler(tmp_path / "LaunchAgents", 501, run)
    preview = agent.preview(ARGV)
    assert "launchctl bootstrap gui/501" in preview and not agent.path.exists()
    agent.install(ARGV)
    plist = plistlib.loads(agent.path.read_bytes())
    assert plist["Label"] == "org.unlisted.rescan"
    assert plist["ProgramArguments"] == list(ARGV)
    assert plist["StartCalendarInterval"] == {"Hour": 10, "Minute": 17}
    assert plist["RunAtLoad"] is True
    assert calls == [["launchctl", "bootout", "gui/501", str(agent.path)],
                     ["launchctl", "bootstrap", "gui/501", str(agent.path)]]
    assert agent.status().installed and "org.unlisted.rescan" in agent.status().entry
    assert agent.remove() and not agent.path.exists() and not agent.status().installed


def test_launch_agent_install_fails_loudly_when_bootstrap_fails(tmp_path):
    from scanner.schedule.triggers import ScheduleError

    agent = LaunchAgentScheduler(tmp_path, 501, lambda argv: subprocess.CompletedProcess(argv, 5))
    with pytest.raises(ScheduleError, match="launchctl bootstrap failed"):
        agent.install(ARGV)


def test_plist_escapes_paths():
    text = launch_agent_plist(["/a/<b>&c/unlisted", "--home", "/x"])
    assert "<string>/a/&lt;b&gt;&amp;c/unlisted</string>" in text


def test_task_scheduler_xml_and_argv(tmp_path):
    argv = trigger_argv([r"C:\Users\Ann Lee\venv\Scripts\unlisted.exe"], Path(r"C:\Users\Ann Lee\AppData\unlisted"))
    xml = task_xml(argv)
    root = ET.fromstring(xml.replace('encoding="UTF-16"', ""))
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    assert root.find("t:Settings/t:StartWhenAvailable", ns).text == "true"
    assert root.find("t:Settings/t:MultipleInstancesPolicy", ns).text == "IgnoreNew"
    assert root.find("t:Triggers/t:CalendarTrigger/t:ScheduleByDay/t:DaysInterval", ns).text == "1"
    assert root.find("t:Actions/t:Exec/t:Command", ns).text == r"C:\Users\Ann Lee\venv\Scripts\unlisted.exe"
    assert root.find("t:Actions/t:Exec/t:Arguments", ns).text == \
        r'--home "C:\Users\Ann Lee\AppData\unlisted" rescan --if-due'
    calls = []
    task = TaskScheduler(tmp_path, lambda a: calls.append(list(a)) or subprocess.CompletedProcess(a, 0, b"", b""))
    assert "schtasks /Create /TN" in task.preview(argv) and not task.path.exists()
    task.install(argv)
    assert task.path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")  # UTF-16 with a BOM, as schtasks wants
    assert calls == [["schtasks", "/Create", "/TN", "unlisted monthly rescan", "/XML", str(task.path), "/F"]]
    assert task.remove() and calls[-1] == ["schtasks", "/Delete", "/TN", "unlisted monthly rescan", "/F"]


def test_task_scheduler_without_a_runner_only_writes_the_file(tmp_path):
    task = TaskScheduler(tmp_path)
    task.install(ARGV)
    assert task.status().installed and "rescan --if-due" in task.status().entry
    assert task.remove() and not task.path.exists()


def test_scheduler_for_each_platform(tmp_path):
    common = dict(home=tmp_path / "home", user_home=tmp_path, uid=501)
    assert isinstance(scheduler_for("linux", tabfile=tmp_path / "t", **common), CronScheduler)
    mac = scheduler_for("darwin", **common)
    assert isinstance(mac, LaunchAgentScheduler) and mac.path.parent == tmp_path / "Library" / "LaunchAgents"
    assert isinstance(scheduler_for("win32", **common), TaskScheduler)


# --- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, days", [("30d", 30), ("4w", 28), (" 7d ", 7), ("365d", 365)])
def test_cadence(text, days):
    assert parse_cadence(text) == days


@pytest.mark.parametrize("text", ["30", "0d", "366d", "1m", "d", "-3d"])
def test_bad_cadence(text):
    with pytest.raises(ValueError):
        parse_cadence(text)


def test_settings_round_trip_and_privacy(tmp_path):
    s = Settings(profile="/p/profile.toml", cadence_days=14, desktop=True,
                 email=EmailSettings(host="smtp.example.org", to=("me@example.org",), sender="me@example.org",
                                     username="me", password_file="/p/pw"))
    path = tmp_path / "settings.toml"
    from scanner.config import write_private

    write_private(path, render_settings(s))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_settings(path) == s
    assert "password =" not in path.read_text()
    default = render_settings(Settings())
    assert load_settings(Path("/nonexistent/settings.toml")) == Settings()
    assert parse_settings(__import__("tomllib").loads(default)) == Settings()
    assert with_schedule(s, None, 30, None).cadence_days == 30 and with_schedule(s, None, 30, None).email == s.email


@pytest.mark.parametrize("doc, problem", [
    ({"schema": 1, "cadense_days": 3}, "settings.toml: cadense_days: unknown field"),
    ({"schema": 2}, "settings.toml: schema: is not supported"),
    ({"schema": 1, "cadence_days": 0}, "settings.toml: cadence_days: must be a whole number from 1 to 365"),
    ({"schema": 1, "notify": {"desktop": "yes"}}, "settings.toml: notify.desktop: must be true or false"),
    ({"schema": 1, "email": {"host": "smtp.example.org", "from": "a@example.org", "to": ["a@example.org"],
                             "security": "none"}}, "settings.toml: email.security: \"none\" sends your password"),
    ({"schema": 1, "email": {"host": "smtp.example.org", "from": "a@example.org", "to": ["nope"]}},
     "settings.toml: email.to[0]: is not an email address"),
    ({"schema": 1, "email": {"host": "smtp.example.org", "from": "a@example.org", "to": "a@example.org",
                             "password": "hunter2"}}, "settings.toml: email.password: unknown field"),
    ({"schema": 1, "email": {"host": "smtp.example.org", "from": "a@example.org", "to": "a@example.org",
                             "password_env": "hunter2 secret"}}, "settings.toml: email.password_env: must be the name"),
    ({"schema": 1, "email": {"host": "smtp.example.org", "from": "a@example.org", "to": "a@example.org",
                             "password_file": "/x"}}, "settings.toml: email.username: is required"),
    ({"schema": 1, "email": {"from": "a@example.org", "to": "a@example.org"}}, "settings.toml: email.host: is required"),
    ({"schema": 1, "browser": 3}, "settings.toml: browser: must be text in quotes, not 3"),
    ({"schema": 1, "browser": ["/usr/bin/chromium"]}, "settings.toml: browser: must be text in quotes, not a list"),
    ({"schema": 1, "browser": "/x" * 251}, "settings.toml: browser: is too long (502 characters, at most 500)"),
    ({"schema": 1, "browser": "/usr/bin/chromium\n--no-sandbox"}, "settings.toml: browser: contains a control"),
    ({"schema": 1, "browzer": "/usr/bin/chromium"}, "settings.toml: browzer: unknown field"),
    ({"schema": 1, "optout": {"email": "Jordan <optouts@example.org>"}},
     'settings.toml: optout.email: "Jordan <optouts@example.org>" is not an email address'),
    ({"schema": 1, "optout": {"email": "a@example.org, b@example.org"}}, "settings.toml: optout.email: "),
    ({"schema": 1, "optout": {"email": ["a@example.org"]}}, "settings.toml: optout.email: must be text in quotes"),
    ({"schema": 1, "optout": {"mail": "a@example.org"}}, "settings.toml: optout.mail: unknown field"),
    ({"schema": 1, "optout": "a@example.org"}, "settings.toml: optout: must be a table"),
    ({"schema": 1, "email": {"host": "smtp.example.org", "from": "a@example.org", "to": "a@example.org",
                             "username": "a", "password_file": "/x", "password_keyring": True}},
     "settings.toml: email.password_keyring: give only one of password_file, password_env and password_keyring "
     "(here: password_file and password_keyring)"),
    ({"schema": 1, "email": {"host": "smtp.example.org", "from": "a@example.org", "to": "a@example.org",
                             "password_keyring": True}}, "settings.toml: email.username: is required"),
    ({"schema": 1, "email": {"host": "smtp.example.org", "from": "a@example.org", "to": "a@example.org",
                             "username": "a", "password_keyring": "yes"}},
     "settings.toml: email.password_keyring: must be true or false"),
])
def test_settings_problems_name_file_and_field(doc, problem):
    with pytest.raises(SettingsError) as info:
        parse_settings(doc)
    assert any(p.startswith(problem) for p in info.value.problems), info.value.problems
    assert all("\n" not in p for p in info.value.problems)


def test_optout_address_and_keyring_round_trip_and_the_advice_is_written(tmp_path):
    from scanner.config import write_private

    s = Settings(optout_email="requests.4417@example.org",
                 email=EmailSettings(host="smtp.example.org", to=("me@example.org",), sender="me@example.org",
                                     username="me@example.org", password_keyring=True))
    path = tmp_path / "settings.toml"
    write_private(path, render_settings(s))
    assert load_settings(path) == s
    assert "password_keyring = true" in path.read_text() and 'email = "requests.4417@example.org"' in path.read_text()
    default = render_settings(Settings())
    assert "without your name or your practice's name" in default and '# email = "' in default
    assert "password_keyring = true" in default          # the third password option is shown in the example
    path.write_text('schema = 1\n[optout]\nemail = "not an address"\n')
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    assert info.value.problems == ['settings.toml: optout.email: "not an address" is not an email address '
                                   "(like requests.4417@example.com)"]


def test_plain_smtp_allowed_for_loopback_only():
    ok = parse_settings({"schema": 1, "email": {"host": "127.0.0.1", "port": 2525, "security": "none",
                                                "from": "a@example.org", "to": "a@example.org"}})
    assert ok.email.security == "none" and ok.email.port == 2525 and ok.email.to == ("a@example.org",)


def test_bad_toml_is_one_line(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("schema = \n")
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    assert len(info.value.problems) == 1 and info.value.problems[0].startswith("settings.toml: not valid TOML")


def test_settings_browser_is_optional_kept_as_written_and_survives_schedule_install(tmp_path):
    from scanner.config import write_private

    assert parse_settings({"schema": 1}).browser == ""
    mac = "/Applications/Google Chrome.app/Contents/MacOS/Google  Chrome"
    assert parse_settings({"schema": 1, "browser": f" {mac} "}).browser == mac     # trimmed, inner spaces kept
    assert parse_settings({"schema": 1, "browser": "/b" * 250}).browser == "/b" * 250
    path = tmp_path / "settings.toml"
    windows = Settings(browser=r"C:\Program Files\Google\Chrome\Application\chrome.exe")
    write_private(path, render_settings(windows))
    assert load_settings(path) == windows and load_settings(path).browser.endswith(r"Application\chrome.exe")
    write_private(path, render_settings(with_schedule(load_settings(path), "/p/profile.toml", 7, True)))
    assert load_settings(path).browser == windows.browser                # `schedule install` rewrites, keeps it
    default = render_settings(Settings())
    assert "\nbrowser" not in default and "# browser = " in default     # unset: only an example comment
