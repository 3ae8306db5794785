"""Generate spiders/catalog/*.toml and their sandbox fixtures from the reference data (dev time only).

    .venv/bin/python tools/make_catalog.py [--reference ../shared/reference]

Reads people_search_sites.csv (facts; our wording) and ddg_broker_summary.csv (selectors,
mirrors, re-check hours). The project never reads the reference at run time or in tests: the
output files are committed. Hand-made entries (catalog_sites.HANDMADE) keep their fixtures.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalog_sites import (  # noqa: E402
    BROWSER, CATEGORY, DISABLED, EXTRA_SEARCHES, FORMS, HANDMADE, HANDMADE_BLOCKED, HANDMADE_EXTRACTION,
    OPTOUT_EMAIL_OVERRIDE, PEOPLEWHIZ, PRIVATEREPORTS, REASON_FORM, SELECTORS, STYLE,
)
from catalog_styles import BLOCK_PAGES, BLOCK_SIGNATURES, form_page, site_pages  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "spiders" / "catalog"
STYLE_ROTATION = ("jsonld", "facts", "microdata", "table", "teaser", "full", "jsonld", "household")
BLOCK_ROTATION = tuple(BLOCK_PAGES)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SKIP_ROWS = {"peopleconnect.us"}   # the PeopleConnect suppression centre is an opt-out hub, not a site to search
PARENTS = {  # reference spelling -> the family name shown to users
    "Neighbor.Report (per DDG)": "Neighbor.Report",
    "Neighbor.Report (DDG) / BeenVerified (BRDB) - conflicting": "Neighbor.Report",
    "InfoPay (per BRDB names)": "InfoPay",
    "PrivateReports (per DDG)": "PrivateReports",
}
FAMILY_HEAD = {"PeopleFinders": "peoplefinders.com", "PeopleConnect": "intelius.com", "BeenVerified": "beenverified.com",
               "Spokeo": "spokeo.com", "Whitepages": "whitepages.com", "Verecor": "verecor.com",
               "PeopleWhiz": "peoplewhiz.com", "PrivateReports": "privatereports.com", "Neighbor.Report": "neighbor.report"}
PLACEHOLDER_INPUT = {"phone10": "phone", "phone_dashed": "phone", "email": "email", "street": "address"}
NEEDS = {"first": "name", "middle": "name", "last": "name", "city": "city", "state": "state", "state_full": "state",
         "zip": "zip", "age": "birth_year", "age_range": "birth_year", "phone10": "phone", "phone_dashed": "phone",
         "email": "email", "street": "street"}


def q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def qlist(values) -> str:
    return "[" + ", ".join(q(v) for v in values) + "]"


def site_id(domain: str) -> str:
    domain = domain.lower().removeprefix("www.")
    stem = domain[:-4] if domain.endswith(".com") else domain
    return re.sub(r"[^a-z0-9]+", "_", stem).strip("_")


def split_template(url: str) -> tuple[str, str] | None:
    """'https://host/path{...}' -> (base_url, path); None for prose or a non-templated page."""
    url = url.strip()
    m = re.match(r"^(https://[a-z0-9.-]+)(/\S*)$", url)
    if not m or "{" not in url:
        return None
    path = m.group(2).replace("{middle}", "{middle|default:}").replace("{state_full?}", "{state_full}")
    return m.group(1), path


def search_input(path: str) -> tuple[str, list[str]]:
    names = [p.split("|")[0] for p in re.findall(r"\{([^}]+)\}", path)]
    needs = list(dict.fromkeys(NEEDS[n] for n in names))
    for n in names:
        if n in PLACEHOLDER_INPUT:
            return PLACEHOLDER_INPUT[n], needs
    if "city" in needs:
        return "name_location", needs
    return ("name_state" if "state" in needs else "name"), needs


def methods_of(text: str) -> list[str]:
    found = [m for m in ("web_form", "email", "mail", "phone", "fax", "account") if re.search(rf"\b{m}\b", text)]
    return found or ["web_form"]


def requirements(text: str) -> list[str]:
    """The reference's requirement prose -> a short list in our own words."""
    t = text.lower()
    out = []
    if re.search(r"search|find|select record|look up|tick|pick record", t):
        out.append("find your own record on the site first")
    if re.search(r"url|profile link|listing", t):
        out.append("the link to your listing")
    if re.search(r"confirm|verif|emailed|click", t) and "email" in t:
        out.append("an email address, to click a confirmation link")
    elif "email" in t:
        out.append("an email address")
    if "captcha" in t:
        out.append("solving a captcha")
    if re.search(r"\bid\b|photo id|driver", t):
        out.append("a copy of an ID (blur everything but your name and photo)")
    if re.search(r"automated call|4-digit|phone or sms|sms verification|phone/sms", t):
        out.append("a phone that can receive a verification call or text")
    if re.search(r"login|account|membership|free account", t):
        out.append("an account on the site")
    if re.search(r"birthdate|date of birth", t):
        out.append("your date of birth")
    return out


def first_url(text: str) -> str:
    m = re.search(r"https://[^\s)'\"]+", text)
    return m.group(0).rstrip(";,.") if m else ""


def ddg_rows(reference: Path) -> dict[str, dict]:
    rows = {}
    for r in csv.DictReader((reference / "ddg_broker_summary.csv").open(encoding="utf-8")):
        rows[r["domain"].lower().removeprefix("www.")] = r
    return rows


def derived_rows(ddg: dict[str, dict], have: set[str]) -> list[dict]:
    """Storefronts the CSV names only as 'covered' but DDG defines: PeopleWhiz mirrors, PrivateReports children."""
    out = []
    for domain in [*PEOPLEWHIZ, *PRIVATEREPORTS]:
        if domain in have or domain not in ddg:
            continue
        r = ddg[domain]
        whiz = domain in PEOPLEWHIZ
        out.append({
            "name": r["name"] if r["name"] and r["name"] != domain else domain, "domain": domain,
            "search_url_pattern": (f"https://www.{domain}/flow/results/{{first}}/{{middle|default:~}}/{{last}}/{{city}}/{{state}}/{{age}}"
                                   if whiz else f"https://www.{domain}/ (form-driven name search)"),
            "opt_out_url": r["opt_out_url"], "opt_out_method": "web_form",
            "opt_out_requirements": "select your record, email, captcha, email confirmation" if whiz
            else "search, pick record, email + full name; email confirmation",
            "parent_company": "PeopleWhiz" if whiz else "PrivateReports", "covers_sites": "", "notes": "",
            "source": "DDG@2025-02" if whiz else "DDG-unreleased@2025-02",
        })
    return out


def _base_for(domain: str, row: dict) -> str:
    """https://host of a site without a search template: its search page's host, else www.domain."""
    for text in (row["search_url_pattern"], row["opt_out_url"]):
        m = re.match(r"https://([a-z0-9.-]+)", first_url(text))
        if m and m.group(1) in (domain, "www." + domain):
            return "https://" + m.group(1)
    return f"https://www.{domain}"


def priority(row: dict) -> str:
    notes, source = row["notes"], row["source"]
    if "BADBOOL@2026-07" not in source:
        return "normal"
    if re.match(r"^(Crucial|Listed by BADBOOL as crucial)", notes):
        return "crucial"
    if re.match(r"^High priority", notes) or "BADBOOL high priority." in notes:
        return "high"
    return "normal"


def entry(row: dict, ddg: dict[str, dict], index: int) -> tuple[str, str, dict]:
    """(site id, TOML text, generation facts) for one reference row."""
    domain = row["domain"].lower().removeprefix("www.")
    sid = site_id(domain)
    template = split_template(row["search_url_pattern"])
    base_url = template[0] if template else _base_for(domain, row)
    searches = []
    if template:
        searches.append(template[1])
    searches += [p for _, p in EXTRA_SEARCHES.get(domain, [])]
    reason = DISABLED.get(domain) or ("" if template or domain in FORMS else REASON_FORM)
    enabled = not reason
    manual = first_url(row["search_url_pattern"]) or base_url + "/"
    if template:
        manual = base_url + "/"
    parent = PARENTS.get(row["parent_company"], row["parent_company"])
    optout_text = row["opt_out_url"]
    optout_url = first_url(optout_text) or base_url + "/"
    methods_text = row["opt_out_method"]
    methods = methods_of(methods_text)
    email = OPTOUT_EMAIL_OVERRIDE.get(domain)
    if email is None:
        m = EMAIL.search(row["opt_out_requirements"] + " " + row["notes"])
        email = m.group(0) if m else ""
    if "email" in methods and not email:
        methods.remove("email")
    methods = methods or ["web_form"]
    if "email" not in methods:
        email = ""
    alt = [u.rstrip(".,;") for u in re.findall(r"https://[^\s)'\"]+", row["notes"] + " " + row["opt_out_requirements"])
           if "optout" in u.lower().replace("-", "").replace("_", "") or "control" in u or "removal" in u or "suppression" in u]
    alt = [u for u in dict.fromkeys(alt) if u != optout_url and "{" not in u]
    covers = [c.strip() for c in row["covers_sites"].split(";") if c.strip()] if FAMILY_HEAD.get(parent) == domain else []
    ddg_row = ddg.get(domain, {})
    confirm_hours = int(ddg_row.get("confirm_optout_scan_hours") or 0)
    processing = max(1, round(confirm_hours / 24)) if confirm_hours else {"web_form": 7, "email": 14, "mail": 30}.get(methods[0], 10)
    card, no_results = SELECTORS.get(domain, (None, None))
    style = STYLE.get(domain) or STYLE_ROTATION[index % len(STYLE_ROTATION)]
    if card and card.split()[-1].split(".")[0].split("[")[0].split("#")[0] == "tr":
        style = "table"
    elif style == "table":
        style = "facts"
    generic = card is None
    if generic:
        card = {"table": "table.results tbody tr"}.get(style, f"div.{sid.replace('_', '-')}-result")
        no_results = ("text:No records found for this name", "css:div.no-results-found", "regex:(?i)no results? found")[index % 3]
    link_class = "detail-link"
    detail_id = "person-profile"
    block = BLOCK_ROTATION[index % len(BLOCK_ROTATION)]
    notes = []
    if "not working" in row["opt_out_requirements"] or "broken" in row["notes"]:
        notes.append("Its opt-out form has been reported broken at times; if it fails, use the email fallback or try again later.")
    if not first_url(optout_text):
        notes.append("The opt-out link is at the bottom of each record page.")
    if "dishonorable" in row["notes"]:
        notes.append("Reported by privacy services to re-list people after opt-outs: re-check it.")
    source = row["source"] + ("; selectors: generic (not from the site)" if generic else "")
    if domain in FORMS:
        how = FORMS[domain][5]
        source += f"; search form: {how}" if how else "; search form: generic (not from the site)"
    lines = [f"id = {q(sid)}", f"name = {q(row['name'])}", f"domain = {q(domain)}", f"base_url = {q(base_url)}",
             f"category = {q(CATEGORY.get(domain, 'people_search'))}", f"priority = {q(priority(row))}"]
    if not enabled:
        lines += ["enabled = false", f"disabled_reason = {q(reason)}"]
    lines += [f"manual_url = {q(manual)}", f"source = {q(source)}", ""]
    if enabled:
        for path in searches:
            kind, needs = search_input(path)
            lines += ["[[search]]", f"input = {q(kind)}", f"path = {q(path)}", f"needs = {qlist(needs)}", ""]
        if domain in FORMS:
            lines += form_search(*FORMS[domain][:4])
        if sid in BROWSER:
            lines += ["[fetch]", 'mode = "browser"   # a bot wall or script-built results: a plain HTTP client sees no listing', ""]
    lines += ["[detection]", f"results = {qlist(['css:' + card])}", f"no_results = {qlist([no_results])}",
              f"blocked = {qlist([BLOCK_SIGNATURES[block]])}", "", "[extraction]", f"card = {q(card)}"]
    detail = style not in ("full",)
    if detail:
        lines += [f"detail_link = {q(card + ' a.' + link_class + '::attr(href)')}", f"detail_card = {q('#' + detail_id)}",
                  "max_detail_pages = 3"]
    lines += ["", "[optout]", f"url = {q(optout_url)}"]
    if alt:
        lines.append(f"urls = {qlist(alt)}")
    lines.append(f"methods = {qlist(methods)}")
    if email:
        lines.append(f"email = {q(email)}")
    req = requirements(row["opt_out_requirements"])
    if req:
        lines.append(f"requires = {qlist(req)}")
    if parent:
        lines.append(f"parent = {q(parent)}")
    if covers:
        lines.append(f"covers = {qlist(covers)}")
    lines += [f"processing_days = {processing}", "recheck_days = 30"]
    if notes:
        lines.append(f"notes = {q(' '.join(notes))}")
    facts = {"style": style, "card": card, "link_class": link_class, "detail_id": detail_id, "no_results": no_results,
             "block": block, "name": row["name"], "form": FORMS.get(domain), "index": index}
    return sid, "\n".join(lines) + "\n", facts


def form_search(kind: str, path: str, fields: dict[str, str], submit: str) -> list[str]:
    """A [[search]] made by filling in the site's form; its needs are those its fields type."""
    needs = list(dict.fromkeys(NEEDS[n] for text in fields.values() for n in re.findall(r"\{([a-z_0-9]+)", text)))
    lines = ["[[search]]", f"input = {q(kind)}", f"path = {q(path)}", f"needs = {qlist(needs)}", "", "[search.form]",
             f"submit = {q(submit)}", "", "[search.form.fields]"]
    return lines + [f"{q(selector)} = {q(text)}" for selector, text in fields.items()] + [""]


def write_fixtures(sid: str, facts: dict) -> None:
    pages = site_pages(facts["style"], facts["card"], facts["link_class"], facts["detail_id"], facts["no_results"],
                       facts["block"], facts["name"])
    folder = CATALOG / "fixtures" / sid
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):
        old.unlink()
    for name, text in pages.files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if facts["form"]:
        _, path, fields, submit, method, _ = facts["form"]
        (folder / "form.html").write_text(form_page(facts["name"], path, fields, submit, method), encoding="utf-8")
    write_expected(folder, pages.expected, f"style {facts['style']}")


def write_expected(folder: Path, expected: dict[str, set[str]], how: str) -> None:
    lines = [f"# Findings the sandbox pages of this site expose by construction ({how}); the tests hold the",
             "# matcher and the demo scan to exactly these. Subject -> kinds.", "[findings]"]
    lines += [f"{q(subject)} = {qlist(sorted(kinds))}" for subject, kinds in sorted(expected.items())]
    (folder / "expected.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    args = parser.parse_args()
    rows = [r for r in csv.DictReader((args.reference / "people_search_sites.csv").open(encoding="utf-8"))
            if r["domain"] not in SKIP_ROWS]
    ddg = ddg_rows(args.reference)
    rows += derived_rows(ddg, {r["domain"] for r in rows})
    seen = set()
    for i, row in enumerate(rows):
        sid, text, facts = entry(row, ddg, i)
        if sid in seen:
            raise SystemExit(f"duplicate site id {sid}")
        seen.add(sid)
        if sid in HANDMADE:
            text = handmade(sid, text)
        (CATALOG / f"{sid}.toml").write_text(text, encoding="utf-8")
        if sid not in HANDMADE:
            write_fixtures(sid, facts)
    print(f"{len(seen)} entries written to {CATALOG}")


def handmade(sid: str, text: str) -> str:
    """Keep the hand-made entries' selectors (their fixtures are written by hand)."""
    card, no_results, link, detail = HANDMADE_EXTRACTION[sid]
    text = text.replace("; selectors: generic (not from the site)", "")
    text = re.sub(r"results = \[.*\]", f"results = {qlist(['css:' + card])}", text)
    text = re.sub(r"no_results = \[.*\]", lambda _: f"no_results = {qlist([no_results])}", text)
    text = re.sub(r"blocked = \[.*\]", f"blocked = {qlist([BLOCK_SIGNATURES[HANDMADE_BLOCKED[sid]]])}", text)
    text = re.sub(r'card = ".*"\n', f"card = {q(card)}\n", text, count=1)
    text = re.sub(r"detail_link = .*", f"detail_link = {q(link)}", text)
    text = re.sub(r"detail_card = .*", f"detail_card = {q(detail)}", text)
    if "detail_link" not in text:
        text = text.replace(f"card = {q(card)}\n", f"card = {q(card)}\ndetail_link = {q(link)}\ndetail_card = {q(detail)}\n"
                            "max_detail_pages = 3\n")
    return text


if __name__ == "__main__":
    main()
