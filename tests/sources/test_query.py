import datetime as dt

from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE
from spiders.catalog import default_catalog, parse_site
from scanner.sources.queries import MAX_QUERIES_PER_SITE, plan_site, split_name

PROFILE = load_profile(DEMO_PROFILE)
TODAY = dt.date(2026, 11, 23)


def site(path: str, needs: list[str], input_: str = "name_location"):
    return parse_site({
        "id": "probe", "name": "Probe", "domain": "probe.example", "base_url": "https://probe.example",
        "category": "people_search",
        "search": [{"input": input_, "path": path, "needs": needs}],
        "detection": {"results": ["css:.r"], "no_results": ["css:.n"]},
        "extraction": {}, "optout": {"url": "https://probe.example/optout", "methods": ["web_form"]},
    }, "probe.toml", "probe")


def test_split_name():
    assert split_name("Avery J. Quinlan") == {"first": "Avery", "middle": "J", "last": "Quinlan"}


def test_transforms_and_encoding():
    s = site("/p/{first|lower}-{last|upper}/{state_full|hyphen}/{city|title|plus}", ["name", "city", "state"])
    urls = [q.url for q in plan_site(s, PROFILE, "http://127.0.0.1:9/s/probe", TODAY)]
    assert urls[0] == "http://127.0.0.1:9/s/probe/p/avery-QUINLAN/Oregon/Portland"


def test_each_search_gets_only_the_fields_it_declares():
    s = site("/p?n={first}+{last}&st={state}", ["name", "state"], "name_state")
    urls = [q.url for q in plan_site(s, PROFILE, "https://probe.example", TODAY)]
    assert urls  # self and family
    for url in urls:
        for secret in ("555", "0147", "Larkspur", "example.com", "97206", "Portland", "1984"):
            assert secret not in url


def test_family_members_are_searched_with_subject():
    s = site("/p/{first}-{last}/{city}-{state}", ["name", "city", "state"])
    queries = plan_site(s, PROFILE, "https://probe.example", TODAY)
    assert {q.subject for q in queries} == {"self", "Jordan Quinlan"}
    assert any("/p/Jordan-Quinlan/Portland-OR" in q.url for q in queries)


def test_phone_email_address_and_age_inputs():
    phone = plan_site(site("/ph/{phone_dashed}", ["phone"], "phone"), PROFILE, "https://p.example", TODAY)
    assert [q.url for q in phone] == ["https://p.example/ph/503-555-0147"]
    email = plan_site(site("/e/{email}", ["email"], "email"), PROFILE, "https://p.example", TODAY)
    assert [q.url for q in email] == ["https://p.example/e/avery.q@example.com"]
    addr = plan_site(site("/a/{street|hyphen}-{zip}", ["street", "zip"], "address"), PROFILE, "https://p.example", TODAY)
    assert [q.url for q in addr] == ["https://p.example/a/4821-SE-Larkspur-Ct-97206"]
    age = plan_site(site("/n/{first}-{last}?age={age_range}", ["name", "birth_year"]), PROFILE, "https://p.example", TODAY)
    assert age[0].url.endswith("?age=41-50")


def test_query_cap_and_catalog_plans():
    for entry in default_catalog():
        queries = plan_site(entry, PROFILE, entry.base_url, TODAY)
        if not entry.enabled:  # a disabled site is never searched: it ends SKIPPED, with a manual check
            assert queries == []
            continue
        assert 0 < len(queries) <= MAX_QUERIES_PER_SITE
        assert all(q.url.startswith(entry.base_url) for q in queries)
