"""Letters: per state law, only what the broker needs, mailto: links that round-trip."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from scanner.plan.letters import MAILTO_MAX, applicable_law, home_state, letter_for, safe_listing_url
from scanner.profile import parse_profile
from scanner.plan.model import Task

TODAY = dt.date(2026, 11, 23)


def profile(state: str | None = "OR"):
    doc = {"schema": 1,
           "person": {"name": "Avery J. Quinlan", "birth_date": "1984-03-17", "phones": ["(503) 555-0147"],
                      "emails": ["avery.q@example.com"]}}
    if state:
        doc["addresses"] = [{"kind": "home", "street": "4821 SE Larkspur Ct", "unit": "Apt 5", "city": "Portland",
                             "state": state, "postal_code": "97206"}]
    return parse_profile(doc)


def task(email: str = "privacy@broker.example", urls: tuple[str, ...] = ("https://www.broker.example/p/123",),
         names: tuple[str, ...] = ("Broker", "Broker Mirror")) -> Task:
    return Task(key="optout:broker", kind="optout", title="Remove your listings from Broker", why="", fingerprints=(),
                sites=("broker",), site_names=names, severity="high", impact=1.0, links=(), methods=("email",),
                steps=("x",), company="Broker Inc", email_to=email, listing_urls=urls)


def mailto_parts(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    return unquote(parts.path), query["subject"][0], query["body"][0]


def test_california_letter_cites_the_ccpa_and_mentions_drop():
    letter = letter_for(task(), profile("CA"), TODAY)
    assert letter.law.startswith("California Consumer Privacy Act") and letter.state == "CA"
    assert "CCPA" in letter.subject
    assert "§ 1798.105" in letter.body and "§ 1798.120" in letter.body
    assert "California resident" in letter.body and "45 days" in letter.body
    drop = [n for n in letter.notes if "DROP" in n]
    assert drop and "https://consumer.drop.privacy.ca.gov" in drop[0] and "every 45 days" in drop[0]
    early = letter_for(task(), profile("CA"), dt.date(2026, 3, 1))
    assert any("August 1, 2026" in n for n in early.notes)
    assert "https://consumer.drop.privacy.ca.gov" not in letter.body    # DROP is advice for the user, not the broker


@pytest.mark.parametrize("state, law, days", [("OR", "Oregon Consumer Privacy Act", 45),
                                              ("VA", "Virginia Consumer Data Protection Act", 45),
                                              ("IA", "Iowa Consumer Data Protection Act", 90)])
def test_law_state_letter_cites_that_law_and_deadline(state, law, days):
    letter = letter_for(task(), profile(state), TODAY)
    assert letter.law == law and law in letter.body
    assert f"{days} days" in letter.body
    assert "opt out of the sale" in letter.body
    assert not any("DROP" in n for n in letter.notes)


def test_no_law_state_gets_a_plain_request():
    letter = letter_for(task(), profile("WY"), TODAY)
    assert letter.law == "" and "Act" not in letter.body
    assert "delete the personal information you hold about me" in letter.body
    assert any("no consumer privacy law" in n for n in letter.notes)


def test_a_law_not_yet_in_force_is_not_cited():
    assert applicable_law("IN", dt.date(2025, 6, 1)) is None
    letter = letter_for(task(), profile("IN"), dt.date(2025, 6, 1))
    assert letter.law == "" and any("takes effect on January 1, 2026" in n for n in letter.notes)
    assert letter_for(task(), profile("IN"), TODAY).law == "Indiana Consumer Data Protection Act"


def test_no_address_means_no_state_and_no_place():
    letter = letter_for(task(), profile(None), TODAY)
    assert home_state(profile(None)) == "" and letter.law == "" and "City and state" not in letter.body


@pytest.mark.parametrize("state", ["CA", "OR", "WY"])
def test_letters_contain_only_what_the_broker_needs(state):
    letter = letter_for(task(), profile(state), TODAY)
    text = letter.subject + "\n" + letter.body + "\n" + (letter.mailto_url or "")
    assert "Avery J. Quinlan" in letter.body and f"Portland, {state}" in letter.body
    assert "https://www.broker.example/p/123" in letter.body
    assert "Broker and Broker Mirror" in letter.body
    for secret in ("1984", "03-17", "03/17", "March 17", "555", "0147", "avery.q", "example.com", "Larkspur",
                   "4821", "97206", "Apt 5"):
        assert secret not in unquote(text), secret
    assert not re.search(r"\d{3}\D{0,3}\d{4}", letter.body)   # no phone-like number at all
    assert "Social Security number" in letter.body               # ... said only as a refusal


def test_mailto_round_trips_subject_and_body():
    letter = letter_for(task(), profile("OR"), TODAY)
    assert letter.mailto_url and len(letter.mailto_url) <= MAILTO_MAX
    to, subject, body = mailto_parts(letter.mailto_url)
    assert (to, subject, body) == ("privacy@broker.example", letter.subject, letter.body)
    assert "\n" in body and " " not in letter.mailto_url and "\n" not in letter.mailto_url


def test_long_letters_get_a_compact_mailto_or_none():
    urls = tuple(f"https://www.broker.example/people/avery-quinlan/portland-or/{'x' * 60}{i}" for i in range(5))
    letter = letter_for(task(urls=urls), profile("OR"), TODAY)
    assert letter.body.count("- Listing:") == 5
    assert letter.mailto_url and len(letter.mailto_url) <= MAILTO_MAX
    _, _, body = mailto_parts(letter.mailto_url)
    assert body.count("- Listing:") == 1 and "Avery J. Quinlan" in body
    urls = tuple(f"https://www.broker.example/{'%41' * 150}{i}" for i in range(5))   # % doubles when quoted
    huge = letter_for(task(urls=urls), profile("OR"), TODAY)
    assert huge.mailto_url is None and any("too long" in n for n in huge.notes)
    assert huge.body.count("- Listing:") == 5                    # the text to paste still has everything


def test_no_email_address_means_no_mailto():
    letter = letter_for(task(email=""), profile("OR"), TODAY)
    assert letter.to_email is None and letter.mailto_url is None and letter.body


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "data:text/html,<script>", "ftp://www.broker.example/x", "https://",
    'https://www.broker.example/"><script>alert(1)</script>', "https://www.broker.example/a b",
    "https://user:pw@www.broker.example/", "https://www.broker.example:99999/", "https://www.broker.example/é",
    "https://www.broker.example/\\x", "=HYPERLINK(\"https://x\")", "https://www.broker.example/" + "a" * 600,
])
def test_unsafe_listing_urls_are_refused(url):
    assert safe_listing_url(url) == ""
    letter = letter_for(task(urls=(url,)), profile("OR"), TODAY)
    assert url not in letter.body and "Listing:" not in letter.body


def test_listing_urls_must_be_on_the_site_when_a_domain_is_given():
    assert safe_listing_url("https://www.broker.example/p", "broker.example") == "https://www.broker.example/p"
    assert safe_listing_url("https://broker.example/p", "www.broker.example") == "https://broker.example/p"
    assert safe_listing_url("https://broker.example.evil.example/p", "broker.example") == ""
    assert safe_listing_url("https://evilbroker.example/p", "broker.example") == ""
    assert safe_listing_url("http://127.0.0.1:8765/s/broker/p", "broker.example")   # the demo's simulated web


def test_letter_is_deterministic_and_dated_from_the_parameter():
    a = letter_for(task(), profile("OR"), TODAY)
    assert a == letter_for(task(), profile("OR"), TODAY)
    assert a.body.endswith("November 23, 2026")
