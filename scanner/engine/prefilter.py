"""Can a listing concern anyone in the profile? Asked before the slow part of reading it.

``match_listing`` gives a finding only for an address, phone or email of the profile found on the
listing, or for a listing that names someone in the profile (relatives, age or birth date, a possible
match: all need a name). :func:`may_concern` is False only when none of these can happen, so that
skipping the listing changes nothing. It never guesses: each test below is implied by a hit.

- Names: the very tests of ``identity._name_points`` (a name of the listing matches, or the text
  mentions the person), on the listing's names and text (the draft gives the same ones).
- Emails: the very tests of ``identity.read_facts``, on the same emails and text.
- Phones: the phones the markup gives (tel: links, structured data) are compared exactly. A phone
  read from the text is a substring of it, and phonenumbers makes its national number out of that
  substring's digits, in order, after any country code and before any extension: either its decimal
  digits (ASCII here, else the test is not made) or, for a number written with 3 or more letters,
  its letters turned into keypad digits (ASCII digits kept, all else dropped). So the national number
  of a +1 profile phone is a run of the text's digits written one of these two ways. Profile phones
  of other countries (whose national prefixes may rewrite digits) are not tested: always "may".
- Addresses: a hit needs a street number equal to a profile number. usaddress cuts text into tokens
  that hold every letter and digit (a token starts at each word boundary and runs to a space or
  ``,;#&()``), the number is consecutive tokens trimmed of punctuation, so its decimal digits are a
  run of the text's decimal digits (unless "&#38;"/"&amp;", which usaddress rewrites, is there).
"""

from __future__ import annotations

import re

from scanner.engine.identity import ProfileIndex
from scanner.engine.listing import Draft
from scanner.engine.names import find_name, name_key, names_match
from scanner.engine.normalize import email_key, find_emails, phone_e164

_NOT_DECIMAL = re.compile(r"\D+")
# phonenumbers' keypad (E.161) for letters, looked up by the upper case of each character.
_KEYPAD = {**{c: d for d, letters in zip("23456789", ("ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ")) for c in letters},
           **{str(i): str(i) for i in range(10)}}
_NOT_KEYPAD = re.compile(r"[^0-9A-Za-z\u0131\u017f]+")  # dotless i and long s: their upper case is I and S
_TO_KEYPAD = str.maketrans({c: _KEYPAD[c.upper()] for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u0131\u017f"})


def may_concern(draft: Draft, index: ProfileIndex) -> bool:
    """False when ``match_listing`` would give nothing for ``draft.listing()`` (see the module docstring)."""
    text = draft.text
    for subject in index.subjects:
        for mine in subject.names:
            if find_name(text, mine) or any((k := name_key(n)) and names_match(k, mine) for n in draft.names):
                return True
    if index.emails and (any(h.email in index.emails for h in (draft.scan_emails if text == draft.scan else find_emails(text)))
                         or any(email_key(e) in index.emails for e in draft.emails)):
        return True
    digits = _NOT_DECIMAL.sub("", draft.scan) if index.phones or index.addresses else ""  # the text's digits, for both
    if index.phones and _phone_possible(draft, index.phones, digits):
        return True
    return bool(index.addresses) and _number_possible(draft, {k.number for _, k in index.addresses}, digits)


def _phone_possible(draft: Draft, phones: frozenset[str], digits: str) -> bool:
    if any(phone_e164(p) in phones for p in draft.given_phones):
        return True
    if any(not e.startswith("+1") for e in phones):
        return True
    if not digits.isascii():
        return True
    if any(e[2:] in digits for e in phones):
        return True
    keypad = _NOT_KEYPAD.sub("", draft.scan).translate(_TO_KEYPAD)
    return any(e[2:] in keypad for e in phones)


def _number_possible(draft: Draft, numbers: set[str], scan_digits: str) -> bool:
    texts = [draft.scan, *map(str, draft.merged.addresses)]
    if any("&#38;" in t or "&amp;" in t for t in texts):
        return True
    digits = [scan_digits, *(_NOT_DECIMAL.sub("", t) for t in texts[1:])]
    return any(_NOT_DECIMAL.sub("", n) in d for n in numbers for d in digits)
