"""`unlisted optout confirm TASK LINK` and a changed opt-out page, through the real CLI on the simulated web:
a link is opened only when it is on the site's own address and passes the address guard; a task not filed
(or not filed through a form) is refused; a form whose page changed is not marked filed."""

from __future__ import annotations

import json

from scanner.exitcodes import Exit
from scanner.sandbox.server import DEMO_PROFILE
from tests.browser.chromium import chromium_path


def _verecor_task(run_cli) -> dict:
    scan = run_cli("scan", "--sandbox", "--profile", str(DEMO_PROFILE), "--site", "verecor")
    assert scan.returncode == 0, scan.stderr
    tasks = json.loads(run_cli("tasks", "--format", "json").stdout)["tasks"]
    return next(t for t in tasks if t["kind"] == "optout" and "verecor" in t["sites"])


def test_a_confirmation_link_must_be_the_sites_own(run_cli):
    task = _verecor_task(run_cli)
    ref = str(task["id"])
    early = run_cli("optout", "confirm", ref, "https://verecor.com/confirm/abc", "--sandbox")
    assert early.returncode == Exit.USAGE and "is not filed yet" in early.stderr
    assert run_cli("tasks", "filed", ref).returncode == 0
    for link, why in (("http://localhost:8/o/verecor/confirm/abc", "is not on Verecor's own site"),
                      ("https://verecor.example.net/confirm/abc", "links outside the sandbox are not allowed"),
                      ("file:///etc/passwd", "only http and https links are allowed"),
                      ("javascript:alert(1)", "only http and https links are allowed"),
                      ("http://10.0.0.8/confirm", "the link is refused: ")):
        result = run_cli("optout", "confirm", ref, link, "--sandbox")
        assert result.returncode == Exit.USAGE, (link, result.stderr)
        assert why in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    usage = run_cli("optout", "confirm", ref)
    assert usage.returncode == Exit.USAGE and "optout confirm TASK LINK" in usage.stderr


def test_a_changed_opt_out_page_is_not_marked_filed(run_cli, tmp_path):
    chromium_path()
    task = _verecor_task(run_cli)
    scenario = tmp_path / "changed.toml"
    scenario.write_text('[o]\nchanged = ["verecor"]\n')
    result = run_cli("optout", str(task["id"]), "--sandbox", "--auto", env={"UNLISTED_SANDBOX_SCENARIO": str(scenario)})
    assert result.returncode == Exit.PARTIAL, result.stderr
    assert ("Not filed: Verecor: step 2 (fill): the field #user_name is not on the page. The site may have changed: "
            f"the steps are in `unlisted tasks show {task['id']}`.") in result.stdout
    after = next(t for t in json.loads(run_cli("tasks", "--format", "json").stdout)["tasks"] if t["id"] == task["id"])
    assert after["status"] == "todo" and after["filed_via"] == "" and after["evidence"] == ""
