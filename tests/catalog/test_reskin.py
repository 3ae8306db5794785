"""tools/reskin.py: a saved page re-skinned with fictional people, and proven free of the real ones.

The "real" people here are themselves invented (a stand-in for a saved page); the tool runs as the
contributor runs it, in a subprocess, on files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "reskin.py"
sys.path.insert(0, str(ROOT / "tools"))
import reskin  # noqa: E402  (a development tool, not a package)


def cf(email: str, key: int = 0x5A) -> str:
    return reskin.cf_encode(email, key)


PAGE = f"""<!DOCTYPE html><html><head><title>Marlowe T. Ferrand, Age 61 | PeopleSite</title>
<script type="application/ld+json">{{"@type":"Person","name":"Marlowe T. Ferrand","telephone":"(412) 736-9051",
"address":{{"streetAddress":"1187 Wexbury Ave"}},"email":"mferrand61@mailhost.net"}}</script></head>
<body><div class="card" data-name="marlowe-ferrand">
<h2><a href="/find/person/marlowe-ferrand_px7a3">Marlowe T Ferrand</a></h2>
<p>MARLOWE FERRAND lives at 1187 Wexbury Ave, Dalton, GA. Marlowe was born in 1964.</p>
<a href="/name/Marlowe-T.-Ferrand">Ferrand, Marlowe</a> <a href="/search?q=Marlowe%20Ferrand">again</a>
<img src="/px?title=Call%20412-736-9051%20%7C%20Marlowe%20Ferrand%20today">
<a href="/address/1187-Wexbury-Avenue-Dalton-GA">map</a>
<span>4127369051</span> <span>412-736-9051</span> <a href="tel:+14127369051">call</a>
<a href="/cdn-cgi/l/email-protection#{cf("mferrand61@mailhost.net")}">[email&#160;protected]</a>
<span class="__cf_email__" data-cfemail="{cf("mferrand61@mailhost.net", 0x33)}">[email&#160;protected]</span>
<p>Relative: Odile Ferrand. Seen from 66.249.70.12. Pay your bill online.</p>
<script>var Global={{ip:'2604:a880:400:d1::eb33:f001',at:'12:30:45'}}</script>
<footer>Ray ID: <code>8f1e2d3c4b5a6978</code> &middot; Version 10.2.3.4 (ver=1.2.3.4)</footer>
</div></body></html>
"""

MAP = """
[[name]]
real = "Marlowe T. Ferrand"
fake = "Avery J Quinlan"

[[name]]
real = "Odile Ferrand"
fake = "Morgan Quinlan"

[[street]]
real = "1187 Wexbury Ave"
fake = "4821 SE Larkspur Ln"
also = [["1187-Wexbury-Avenue", "4821-SE-Larkspur-Lane"]]

[[phone]]
real = "(412) 736-9051"
fake = "(503) 555-0147"

[[email]]
real = "mferrand61@mailhost.net"
fake = "averyq@example.com"

[[text]]
real = "Dalton, GA"
fake = "Portland, OR"

[[text]]
real = "Dalton-GA"
fake = "Portland-OR"
"""


def run(tmp_path: Path, page: str, mapping: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    saved, map_file, out = tmp_path / "saved.html", tmp_path / "map.toml", tmp_path / "out.html"
    saved.write_text(page, "utf-8", newline="")
    map_file.write_text(mapping, "utf-8")
    proc = subprocess.run(
        [sys.executable, str(TOOL), str(saved), str(map_file), "-o", str(out)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    return proc, out


def test_every_form_of_every_real_value_is_replaced_and_the_rest_kept(tmp_path):
    proc, out = run(tmp_path, PAGE, MAP)
    assert proc.returncode == 0, proc.stderr
    page = out.read_text("utf-8")
    for real in ("Marlowe", "MARLOWE", "marlowe", "Ferrand", "ferrand", "Wexbury", "736", "mferrand61", "Odile", "Dalton"):
        assert real not in page, real
    assert '"name":"Avery J Quinlan"' in page  # JSON-LD
    assert '"telephone":"(503) 555-0147"' in page
    assert 'data-name="avery-quinlan"' in page and "/find/person/avery-quinlan_px7a3" in page  # slug keeps its id
    assert "/name/Avery-J-Quinlan" in page and "Quinlan, Avery" in page and "q=Avery%20Quinlan" in page
    assert "AVERY QUINLAN lives at 4821 SE Larkspur Ln, Portland, OR. Avery was born" in page
    assert "/address/4821-SE-Larkspur-Lane-Portland-OR" in page
    assert "<span>5035550147</span> <span>503-555-0147</span>" in page and "tel:+15035550147" in page
    assert "title=Call%20503-555-0147%20%7C%20Avery%20Quinlan%20today" in page  # URL-encoded text
    assert "Relative: Morgan Quinlan." in page
    assert "Pay your bill online." in page and "Version 10.2.3.4 (ver=1.2.3.4)" in page  # not people data
    assert "66.249.70.12" not in page and "203.0.113.10" in page
    assert "2604:a880" not in page and "ip:'2001:db8::b'" in page and "at:'12:30:45'" in page
    assert "8f1e2d3c4b5a6978" not in page and "Ray ID: <code>0000000000000001</code>" in page


def test_cloudflare_encoded_emails_are_re_encoded_with_their_own_key(tmp_path):
    proc, out = run(tmp_path, PAGE, MAP)
    assert proc.returncode == 0, proc.stderr
    page = out.read_text("utf-8")
    link = re.search(r"email-protection#([0-9a-f]+)", page)[1]
    attr = re.search(r'data-cfemail="([0-9a-f]+)"', page)[1]
    assert reskin.cf_decode(link) == reskin.cf_decode(attr) == "averyq@example.com"
    assert link[:2] == "5a" and attr[:2] == "33"
    assert cf("mferrand61@mailhost.net") not in page


def test_everything_without_a_real_value_stays_byte_for_byte(tmp_path):
    page = "<p>Plain\r\npage \u00e9 \xa0 with no one on it.</p>\n"
    proc, out = run(tmp_path, page, MAP)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == page.encode("utf-8")


def test_a_map_that_misses_a_value_fails_and_names_it(tmp_path):
    mapping = MAP.replace('also = [["1187-Wexbury-Avenue", "4821-SE-Larkspur-Lane"]]\n', "")
    assert mapping != MAP
    proc, out = run(tmp_path, PAGE, mapping)  # the slug spells the street "Avenue": not in the map
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]  # one line, no traceback
    assert "'1187 Wexbury Ave'" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()  # nothing half-cleaned is written


@pytest.mark.parametrize(
    "leak, named",
    [
        ("<i>412.736.9051</i>", "(412) 736-9051"),  # a phone spelled in another way is still found
        ("<i>ferrand, m.</i>", "Ferrand"),  # a name part in another case
        ("<a href='?q=x%7C%20MARLOWE%20ferrand'>", "Marlowe T. Ferrand"),  # inside a URL-encoded string
        (f'<b data-cfemail="{cf("mferrand61@mailhost.net".upper())}"></b>', "mferrand61@mailhost.net"),
    ],
)
def test_the_check_finds_values_the_replacement_would_miss(leak, named):
    plan, allow = reskin.load_plan(__import__("tomllib").loads(MAP))
    assert reskin.leftover("<p>clean</p>" + leak, plan, allow) == named


def test_an_unusable_map_is_one_clear_line(tmp_path):
    proc, out = run(tmp_path, PAGE, '[[phone]]\nreal = "12"\nfake = "(503) 555-0147"\n')
    assert proc.returncode == 2 and "10 digits" in proc.stderr and "Traceback" not in proc.stderr
    proc, _ = run(tmp_path, PAGE, '[[person]]\nreal = "x"\nfake = "y"\n')
    assert proc.returncode == 2 and "unknown table" in proc.stderr
    assert json.dumps(proc.stderr)  # plain text
