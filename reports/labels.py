"""Plain words for the report: labels, notices and hints, in one place.

The report's readers are therapists, not programmers: every label here is plain,
calm English. Enum-like values from the service (severity, scan state, site status)
are listed here too; the view-model rejects any value not listed.
"""

from __future__ import annotations

SEVERITIES = ("critical", "high", "medium", "low", "info")
SEVERITY_LABELS = {
    "critical": "Critical",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
    "info": "Information",
}
KIND_LABELS = {
    "home_address": "Home address",
    "previous_address": "Previous address",
    "phone": "Phone number",
    "email": "Email address",
    "relative": "Family member named",
    "birth_date": "Birth date / age",
    "geolocation": "Photo location",
    "name": "Name",
    "username": "Account",
    "possible_match": "Possible match (not confirmed)",
}
SCAN_STATES = ("complete", "interrupted", "running", "failed")
INCOMPLETE_NOTICES = {
    "interrupted": (
        "This scan was interrupted before it finished, so these results are incomplete. "
        "A site missing from the findings is not proof that you are not listed there. "
        "Run the scan again to complete it."
    ),
    "running": (
        "This report was made while the scan was still running, so these results are "
        "incomplete. Make a new report when the scan has finished."
    ),
    "failed": (
        "This scan stopped because of an error, so these results are incomplete. "
        "A site missing from the findings is not proof that you are not listed there. "
        "Run the scan again."
    ),
}
SCAN_MODES = ("sandbox", "live")
SITE_STATUSES = ("RESULTS", "NO_RESULTS", "BLOCKED", "ERROR", "SKIPPED")
UNCHECKED_STATUSES = ("BLOCKED", "ERROR")
MANUAL_STATUSES = UNCHECKED_STATUSES + ("SKIPPED",)
MANUAL_CHECK_HINTS = {
    "BLOCKED": "The site turns away automated checks, but it should open normally in your browser.",
    "ERROR": "This is often temporary. The next scan will try again; until then, please look yourself.",
    "SKIPPED": "We do not search this site for you (the reason is above). Open it and look for your name.",
}
MANUAL_STATUS_LABELS = {"BLOCKED": "Could not check:", "ERROR": "Could not check:", "SKIPPED": "Not searched:"}
METHOD_LABELS = {
    "web_form": "an online form", "email": "an email", "mail": "a letter", "phone": "a phone call",
    "fax": "a fax", "account": "an account on the site",
}

# The exposure score (scanner/history/changes.py SCORE_WEIGHTS; a test keeps the two equal).
SCORE_WEIGHTS = {"critical": 10, "high": 5, "medium": 2, "low": 1, "info": 0}
SCORE_RULE = "each exposure counts by severity: critical 10, high 5, medium 2, low 1"

# Tasks (scanner/history/tasks.py report_tasks()).
TASK_KINDS = ("optout", "setting", "hardening", "manual_check")
TASK_STATUSES = ("todo", "filed", "awaiting", "removed", "reappeared", "not_me", "wont_do")
OPEN_STATUSES = ("todo", "reappeared")          # waiting for the user
WAITING_STATUSES = ("filed", "awaiting")        # waiting for the site, or for the next check
# The words for each task status: scanner.history.tasks (STATUS_LABELS, task_status_text), shared
# with the CLI.


def kind_label(kind: str) -> str:
    """Plain-word label for a finding kind; unknown kinds are humanised."""
    if kind in KIND_LABELS:
        return KIND_LABELS[kind]
    words = kind.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Other detail"


def subject_label(subject: str) -> str:
    return "You" if subject == "self" else subject


def confidence_label(confidence: float) -> str:
    if confidence >= 0.9:
        return "Very likely"
    if confidence >= 0.7:
        return "Likely"
    if confidence >= 0.5:
        return "Possibly"
    return "Unsure"


def site_status(status: str, findings: int) -> tuple[str, str]:
    """(css key, plain label) for the all-sites table."""
    if findings > 0:
        return "listed", "Listed"
    if status == "RESULTS":
        return "clear", "Results, none about you"
    if status == "NO_RESULTS":
        return "clear", "Not listed"
    if status in UNCHECKED_STATUSES:
        return "unchecked", "Could not check"
    return "skipped", "Skipped"
