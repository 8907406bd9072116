"""The regex shortcuts of capexwatch.parse.prefilter give exactly the matches of the patterns they wrap."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import capexwatch.cues as C
import capexwatch.extract as X
import capexwatch.parse.periods as P
from capexwatch.ingest import iter_articles
from capexwatch.parse.prefilter import (
    _ICASE_EXTRA,
    WORD_END,
    WORD_START,
    FirstCharDispatch,
    Guarded,
    WordAlternation,
    fold,
    hinted,
    required_literals,
    rx,
)
from capexwatch.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """Every sentence (and every whole text) of every article the project has."""
    folders = [SHARED / "seeds", SHARED / "dev" / "articles", SHARED / "dev" / "multilingual",
               ROOT / "tests" / "data" / "own", ROOT / "examples"]
    texts = [a.text for a in iter_articles([f for f in folders if f.exists()])]
    assert len(texts) >= 30
    return [s.text for t in texts for s in split_sentences(t)] + texts


def all_guarded() -> list[tuple[str, Guarded]]:
    """The guarded patterns the reader uses, by name."""
    found = [(f"periods.{kind}", g) for kind, g in P._GUARDED]
    reader = [importlib.import_module(f"{X.__name__}.{m.name}") for m in pkgutil.iter_modules(X.__path__)]
    assert len(reader) >= 5  # the reader's own modules: owners, figures, lists, tables, ...
    for module in (C, X, *reader):
        found += [(f"{module.__name__}.{name}", value) for name, value in vars(module).items() if isinstance(value, Guarded)]
    return found


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"capital\s(?:expenditure|spending)|capex", re.I, {"capex", "capital"}),
    (r"revenues?", re.I, {"revenue", "revenues"}),
    (r"\bQ[1-4]\b", 0, {"Q1", "Q2", "Q3", "Q4"}),
    (r"(?<!net\s)income", re.I, {"income"}),
    (r"(?:share\s|stock\s)?price\s(?:of|at)", re.I, {"price of", "price at"}),
    (r"\d+(?:\.\d+)?%", 0, {"%"}),
    (r"(?i:capex)|spend", 0, None),  # an inline case flag: no promise
    (r"x*", 0, None),
    (r"\w+ing", 0, {"ing"}),
    (r"(?:a|b)?c", 0, {"c", "ac", "bc"}),
])
def test_required_literals_table(pattern: str, flags: int, expected: set[str] | None) -> None:
    got = required_literals(re.compile(pattern, flags))
    if expected is None:
        assert got is None
    else:
        assert got is not None and set(got) <= expected | {e[:n] for e in expected for n in range(1, len(e))}
        # every literal it gives is one a match must contain: check with the pattern itself
        for literal in got:
            assert any(literal in fold(e) if flags & re.I else literal in e for e in expected)


def test_a_pattern_of_too_many_spellings_still_requires_what_they_share() -> None:
    # "上季", "本一個季", "下一个季"...: more spellings than are worth checking, all holding "季"
    g = Guarded(re.compile(r"(?P<w>上|本|今|當|当|下)一?(?:個|个)?季(?:度)?"))
    assert g.literals == frozenset(["季"])
    assert not g.possible("资本开支同比增长") and g.search("本季度资本开支") is not None


def test_every_match_contains_a_required_literal(sentences: list[str]) -> None:
    guarded = all_guarded()
    assert len(guarded) > 30
    checked = 0
    for name, g in guarded:
        if g.literals is None:
            continue
        for text in sentences:
            for match in g.pattern.finditer(text):
                hay = fold(match.group(0)) if g.pattern.flags & re.I else match.group(0)
                assert any(lit in hay for lit in g.literals), (name, match.group(0), sorted(g.literals))
                checked += 1
            assert g.possible(text) or not g.pattern.search(text), (name, text)
    assert checked > 1000


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="QqHh1234 -yearYEAR20fiscalFYſı", max_size=40))
def test_guarded_never_misses_a_match_on_random_text(text: str) -> None:
    for _name, g in all_guarded():
        assert bool(g.search(text)) == bool(g.pattern.search(text))


def test_fold_covers_every_character_an_ascii_letter_matches_ignoring_case() -> None:
    letters = re.compile("[a-z]", re.I)
    exotic = [chr(cp) for cp in range(0x80, 0x110000) if letters.fullmatch(chr(cp))]
    assert exotic  # the Kelvin sign, a long s, a dotless i...
    for ch in exotic:
        assert any(re.fullmatch(a, ch, re.I) for a in fold(ch)), (hex(ord(ch)), fold(ch))


def test_first_char_dispatch_equals_the_alternation(sentences: list[str]) -> None:
    rows = [pattern for pattern, _f, _s in C._CUE_TABLE]
    full = re.compile(WORD_START + "(?:" + "|".join(f"(?P<c{i}>{p})" for i, p in enumerate(rows)) + ")" + WORD_END, re.I)
    dispatch = FirstCharDispatch(rows, re.I)
    matches = 0
    for text in sentences + ["Ｃapex and ſales; \u212aelvin KPIs", "pre-capex, capex-to-revenue", "", "集團淨利潤下降，經調整EBITA錄36億元"]:
        expected = [(m.start(), m.end(), int(m.lastgroup[1:])) for m in full.finditer(text)]
        assert list(dispatch.finditer(text)) == expected, text
        matches += len(expected)
    assert matches > 1000


def test_first_char_dispatch_refuses_what_it_cannot_do_exactly() -> None:
    with pytest.raises(ValueError, match="first character"):
        FirstCharDispatch([r"\$\d+"])  # "$" is not where a word starts
    with pytest.raises(ValueError, match="first character"):
        FirstCharDispatch([r"\w+ing"])  # any first letter: nothing to dispatch on


def test_rx_is_made_once_and_answers_like_re() -> None:
    assert rx(r"\bstake\b", re.I) is rx(r"\bstake\b", re.I)
    assert rx(r"\bstake\b", re.I).search("a STAKE in") is not None
    assert rx(r"\bstake\b", re.I).search("a steak") is None


def test_word_alternations_find_what_their_patterns_find(sentences: list[str]) -> None:
    found = [(name, value) for name, value in vars(C).items() if isinstance(value, WordAlternation)]
    assert {"PLAN", "PAST", "DOWN"} <= {name for name, _ in found}
    for name, words in found:
        for text in sentences + ["down-beat, lowered; sell-off", "ſpent ı"]:
            assert [m.span() for m in words.finditer(text)] == [m.span() for m in words.pattern.finditer(text)], (name, text)
            assert bool(words.search(text)) == bool(words.pattern.search(text))


def test_hint_extras_are_every_character_an_ascii_letter_matches_ignoring_case() -> None:
    letters = re.compile("[a-z]", re.I)
    found: dict[str, str] = {}
    for cp in range(0x80, 0x110000):
        ch = chr(cp)
        if letters.fullmatch(ch):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                if re.fullmatch(letter, ch, re.I):
                    found[letter] = found.get(letter, "") + ch
    assert {k: set(v) for k, v in found.items()} == {k: set(v) for k, v in _ICASE_EXTRA.items()}


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    (r"\bkelvin\b", re.I, "a \u212aelvin scale, KELVIN"),
    (r"(?<![\w-])(?:spend|ſale)s?", re.I, "ſpends and SALES, \u017fales"),
    (r"\b(?:in|İn)\b", re.I, "İN ın In in"),
    (r"(?:from|than)\s(?:the\s)?$", re.I, "up 5% from the "),
    (r"(?=[A-Z\d])(?:NYSE|\d{4}\.HK)", 0, "NYSE and 9988.HK"),
    (r"\s?(?:-|to)\s?", 0, "5 to 6, 7-8"),
])
def test_hinted_patterns_find_what_re_finds(pattern: str, flags: int, text: str) -> None:
    plain = re.compile(pattern, flags)
    hint = hinted(plain)
    assert [m.span() for m in hint.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert hint.pattern == plain.pattern and hint.groupindex == plain.groupindex


def test_hinted_leaves_alone_what_it_cannot_hint() -> None:
    for pattern, flags in ((r".*capex", 0), (r"x*", 0), (r"[^a]b", 0), (r"\b(?i:capex)", 0),
                           (r"\bétat", re.I), (r"capex", 0)):  # (re's own prefix for the last)
        compiled = re.compile(pattern, flags)
        assert hinted(compiled) is compiled, pattern
    compiled = re.compile(r"\bcapex", re.I)
    assert hinted(compiled) is not compiled  # the case the hint is for


def _reader_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern the reader holds, hinted or not."""
    import capexwatch.entities as E
    import capexwatch.parse.figures as F
    import capexwatch.tables as TB
    import capexwatch.text as T
    found = [(f"periods.{kind}", g.pattern) for kind, g in P._GUARDED]
    for module in (C, X, F, P, T, TB, E):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{module.__name__}.{name}", value))
            elif isinstance(value, Guarded):
                found.append((f"{module.__name__}.{name}", value.pattern))
    found.append(("entities.default_registry", E.default_registry()._compile()))
    return found


def test_every_reader_pattern_matches_like_re_compile_of_its_source(sentences: list[str]) -> None:
    patterns = _reader_patterns()
    hinted_ones = 0
    for name, pattern in patterns:
        plain = re.compile(pattern.pattern, pattern.flags)
        hinted_ones += pattern is not plain and pattern != plain
        for text in sentences:
            got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], (name, text)
    assert hinted_ones >= 20


def test_a_word_in_chinese_text_starts_and_ends_at_any_han_character() -> None:
    pattern = re.compile(WORD_START + "(?:淨利|EBITA|capex)" + WORD_END, re.I)
    assert [m.group(0) for m in pattern.finditer("集團淨利潤下降，經調整EBITA錄36億元")] == ["淨利", "EBITA"]
    assert pattern.search("precapex, capexes, pre-capex") is None  # letters and a hyphen still join a word
