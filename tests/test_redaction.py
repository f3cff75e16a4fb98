"""Masking personal details in open answers: generated variants of every kind of identifier,
typed into ordinary text, never survive; ordinary text with numbers does."""

from __future__ import annotations

import re

import ingest_helpers as h
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest.redaction import passes_elfproef, redact, respondent_names
from pipeline.ingest.responses import ingest_file

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from(["Het", "overleg", "gaat", "goed", "bel", "mij", "gerust", "op", "of", "mail", "naar",
                         "adres", "nummer", "graag", "dank", ":", ",", "(zie boven)", "—", "tel."])
FILLER = st.lists(WORDS, max_size=6).map(" ".join)
SEPARATORS = st.sampled_from(["", " ", "-", ".", "  "])


def groups(digits: str, cuts: list[int], separator: str) -> str:
    points = sorted({c % len(digits) for c in cuts} - {0})
    parts = [digits[a:b] for a, b in zip([0, *points], [*points, len(digits)])]
    return separator.join(parts)


@st.composite
def phones(draw) -> str:
    """Dutch numbers (mobile 06 and landlines) as people write them, nationally and internationally."""
    area = draw(st.sampled_from(["6", "20", "10", "30", "70", "40", "50", "13", "38", "118", "592"]))
    rest = draw(st.text("0123456789", min_size=9 - len(area), max_size=9 - len(area)))
    grouped = groups(rest, draw(st.lists(st.integers(1, 8), max_size=4)), draw(SEPARATORS))
    separator = draw(st.sampled_from(["", " ", "-", "."]))
    form = draw(st.sampled_from(["0{a}{s}{r}", "(0{a}) {r}", "(0{a})-{r}", "+31 {a}{s}{r}", "+31{a}{r}",
                                 "+31 (0){a}{s}{r}", "+31(0){a} {r}", "0031 {a}{s}{r}", "0031{a}{r}",
                                 "+31 (0) {a} {r}"]))
    return form.format(a=area, s=separator, r=grouped)


def _weighted(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, range(9, 1, -1)))


@st.composite
def bsns(draw) -> str:
    """Nine digits that pass the 11-proef: the ninth is the weighted sum of the first eight, mod 11."""
    digits = draw(st.text("0123456789", min_size=8, max_size=8)
                  .filter(lambda d: _weighted(d) % 11 != 10 and d.strip("0")))
    number = digits + str(_weighted(digits) % 11)
    return groups(number, draw(st.sampled_from([[3, 6], [4, 6], []])), draw(st.sampled_from(["", " ", ".", "-"])))


@st.composite
def ibans(draw) -> str:
    bank = draw(st.sampled_from(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB"]))
    account = draw(st.text("0123456789", min_size=10, max_size=10))
    numeric = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    iban = f"NL{98 - int(numeric) % 97:02d}{bank}{account}"
    text = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if draw(st.booleans()) else iban
    return text.lower() if draw(st.booleans()) else text


@st.composite
def addresses(draw) -> str:
    digits = draw(st.integers(1000, 9999))
    letters = draw(st.sampled_from(["AB", "KL", "XZ", "RT", "GH"]))
    postcode = draw(st.sampled_from([f"{digits} {letters}", f"{digits}{letters}", f"{digits}{letters.lower()}"]))
    number = f"{draw(st.integers(1, 999))}{draw(st.sampled_from(['', 'a', ' b', '-2']))}"
    form = draw(st.sampled_from(["{p} {n}", "{p}, {n}", "Dorpsstraat {n}, {p}", "Dorpsstraat {n} {p} Lindeveld"]))
    return form.format(p=postcode, n=number)


@SETTINGS
@given(before=FILLER, after=FILLER, secret=st.one_of(phones(), bsns(), ibans(), addresses()))
def test_identifiers_in_text_are_masked(before, after, secret):
    masked = redact(f"{before} {secret} {after}")
    assert not re.search(r"\d", masked), (secret, masked)   # the filler has no digits: any left is a leak


@SETTINGS
@given(first=st.sampled_from(["Anna", "Pieter", "Fatima", "Joost", "Sanne", "Mohamed"]),
       last=st.sampled_from(["Jansen", "de Vries", "van den Berg", "El Amrani", "Bakker"]),
       before=FILLER, after=FILLER)
def test_names_from_the_name_columns_are_masked(first, last, before, after):
    names = respondent_names([[f"{first} {last}", "R1"]], [0])
    for typed in (f"{first} {last}", f"{first} {last}".upper(), first):
        masked = redact(f"{before} {typed} {after}", names)
        assert first.lower() not in masked.lower(), masked


@pytest.mark.parametrize("text", [
    "In 2026 en 2027 willen we 15 projecten starten.",
    "Van 12-03-2026 tot 1.000.000 euro, versie 3.2, 2024/2025.",
    "Bereikt: 250 cliënten in 12 wijken; score 4,5 van de 5.",
])
def test_ordinary_numbers_stay(text):
    assert redact(text) == text


@pytest.mark.parametrize("number, valid", [("111222333", True), ("123456782", True), ("123456789", False),
                                           ("000000000", False)])
def test_elfproef(number, valid):
    assert passes_elfproef(number) is valid


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(secret=st.one_of(phones(), bsns(), ibans(), addresses()))
def test_identifiers_never_leave_ingest(tmp_path, secret):
    """Typed into an open answer and into an answer cell that cannot be read (and is quoted)."""
    columns, rows = h.answers()
    body = h.table(columns, rows)
    body[0][columns.index("open_goed")] = f"bel {secret} graag"
    body[1][columns.index("ACT1")] = f"zie {secret}"
    coalition = h.coalition_csv(tmp_path, columns, body)
    responses = ingest_file(coalition.waves[h.WAVE], coalition, h.WAVE)
    assert secret not in h.all_text(responses)
    assert not re.search(r"\d", responses.frame.loc[2, "open_goed"])
    quoted = re.search(r"'zie (.*?)' \(row 3\)", next(f.message for f in responses.findings if f.column == "ACT1"))
    assert quoted and not re.search(r"\d", quoted.group(1))
