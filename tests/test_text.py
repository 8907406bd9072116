"""text: content lines without boilerplate, and sentences with their spans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capexwatch.text import (
    ACRONYMS,
    _split_matches,
    content_lines,
    split_sentences,
    unshout,
)

BOILERPLATE = [
    "Risk Disclosure: Trading in financial instruments and/or cryptocurrencies involves high risks.",
    "Fusion Media would like to remind you that the data contained in this website is not real-time.",
    "© 2007-2025 - Fusion Media Limited. All Rights Reserved.",
    "Stay updated with all the latest Business News, including market trends.",
    "For updates and corrections, email newsroom[at]example[dot]com.",
    "Ayushman Ojha and Vahid Karaahmetovic contributed to this report.",
    "Daily stocks & crypto headlines, free to your inbox",
    "We use cookies to improve your experience. Accept all",
    "AI Writing Agent built on a 32-billion-parameter hybrid reasoning core.",
    "($1 = 7.1200 yuan)",
    "Reporting by Jane Doe; Editing by John Roe",
    "Ratings distribution at 30 September 2026: Outperform 61%, Neutral 33%, Underperform 6%.",
    "Analyst certification: each analyst named here certifies that the views are their own.",
]


@pytest.mark.parametrize("line", BOILERPLATE, ids=[b[:30] for b in BOILERPLATE])
def test_boilerplate_lines_are_not_content(line):
    text = f"Capex rose 5% in the quarter.\n{line}\nRevenue rose 3%."
    kept = [text[s:e] for s, e in content_lines(text)]
    assert line not in kept
    assert "Capex rose 5% in the quarter." in kept


@pytest.mark.parametrize("heading", ["Latest comments", "Related:", "Most read", "RELATED COVERAGE", "Further reading", "Sponsored", "Important disclosures",
                                     "Don’t miss these insights from our premium service", "In case you missed it", "Trending now",
                                     "Before you buy stock in Microsoft, consider this: our analysts just picked the 10 best stocks to buy now."])
def test_a_comment_section_or_a_list_of_other_headlines_ends_the_article(heading):
    body = "Capex rose 5% in the quarter, the company said. " * 5
    text = f"{body}\n{heading}\nGreat call, up 9% already!\nBaidu profit jumps 12% on ad rebound\n"
    kept = " ".join(text[s:e] for s, e in content_lines(text))
    assert "9%" not in kept and "12%" not in kept and "Capex rose 5%" in kept


def test_an_advertisement_slot_in_the_middle_of_a_story_is_skipped_and_the_story_goes_on():
    body = "Capex rose 5% in the quarter, the company said. " * 5
    text = f"{body}\nADVERTISEMENT\n\nWho is buying\n\nMeta expects capex of $120 billion next year.\n"
    kept = [text[s:e] for s, e in content_lines(text)]
    assert "ADVERTISEMENT" not in kept and "Meta expects capex of $120 billion next year." in kept


@pytest.mark.parametrize("boxed", [True, False])
def test_a_newsletters_sponsored_block_between_rules_is_skipped_and_the_issue_goes_on(boxed):
    body = "Capex rose 5% in the quarter, the company said. " * 5
    heading = "=====\n📣 PRESENTED BY\n=====" if boxed else "* * *\nSponsored"
    text = (f"{body}\n{heading}\n\nVoltMap tracks grid deals. Readers get 30% off the annual plan.\n\n=====\nBRIEFLY\n=====\n\n"
            "Oracle: shares -2.4% Friday on debt worries.\n\nSee you Monday.\n")
    kept = " ".join(text[s:e] for s, e in content_lines(text))
    assert "30% off" not in kept and "Oracle: shares -2.4% Friday" in kept


def test_a_related_sentence_is_not_a_heading():
    body = "Capex rose 5% in the quarter, the company said. " * 5
    text = f"{body}\nRelated party purchases rose 7%.\n"
    assert "7%" in " ".join(text[s:e] for s, e in content_lines(text))


def test_sentences_keep_their_offsets(shared: Path):
    for path in (shared / "seeds").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for sentence in split_sentences(text):
            assert text[sentence.start:sentence.end] == sentence.text


SPLITS = [
    ("U.S. shares fell 9%. Revenue rose.", ["U.S. shares fell 9%.", "Revenue rose."]),
    ("It rose 7.6% to $4.35 billion[8]. Next one.", ["It rose 7.6% to $4.35 billion[8].", "Next one."]),
    ("shareholder returns.Alibaba's plan", ["shareholder returns.", "Alibaba's plan"]),
    ("- Revenue $56.31B (+33% YoY)", ["Revenue $56.31B (+33% YoY)"]),
    ("Mr. Wu said capex rose. Inc. results follow.", ["Mr. Wu said capex rose.", "Inc. results follow."]),
    ("营收增长7%。净利润下降3%。", ["营收增长7%。", "净利润下降3%。"]),
    # a name written in camel case opens a sentence too
    ("Backers joined the round. xAI did not say more. eBay fell 2%.", ["Backers joined the round.", "xAI did not say more.", "eBay fell 2%."]),
]


@pytest.mark.parametrize("text,expected", SPLITS, ids=[s[0][:25] for s in SPLITS])
def test_sentence_splitting(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


# The splitter as first written: every position tried. The faster patterns find each cut from
# the character before it; both must cut the same text at the same places.
_SPLIT_V1 = re.compile(
    r"""
      (?:(?<=[.!?。！？；])|(?=\s))
    (?:
      (?<=[.!?])(?:\[\d+\])*["”’)]?\s+(?=[\["“‘(A-Z0-9$€£¥]|[a-z][A-Z])
    | (?<=[a-z\]\)%][.!?])(?=[A-Z][a-z])
    | (?<=[。！？；])
    | \s+[-–—•|]\s+(?=[A-Z0-9$])
    )
    """,
    re.VERBOSE,
)


def _cuts_v1(line: str) -> list[tuple[int, int]]:
    out = []
    for match in _SPLIT_V1.finditer(line):
        cut_end = match.end() if match.group(0) else match.start()
        out.append((match.start(), cut_end))
    return out


def _cuts_now(line: str) -> list[tuple[int, int]]:
    return [(m.start() if line[m.start()].isspace() else m.start() + 1, m.end()) for m in _split_matches(line)]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet='abx AIZ.!?。；[3]"”’)(“$ -–•|\t\u3000e', max_size=30))
def test_the_fast_splitter_cuts_where_the_first_one_did(line: str) -> None:
    assert _cuts_now(line) == _cuts_v1(line)


def test_the_fast_splitter_cuts_where_the_first_one_did_on_every_article(shared: Path) -> None:
    lines = [line for path in sorted(shared.glob("**/*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 500
    for line in lines:
        assert _cuts_now(line) == _cuts_v1(line), line


def test_a_table_drawn_with_inner_pipes_keeps_its_rows_whole():
    text = "Company | 2024 capex | 2025E capex\nAmazon  | $83.0bn    | $100bn\nMeta    | $39.2bn    | $60-65bn\n"
    assert [s.text for s in split_sentences(text)] == [
        "Company | 2024 capex | 2025E capex", "Amazon  | $83.0bn    | $100bn", "Meta    | $39.2bn    | $60-65bn"]
    # a lone line with pipes is not a table: its parts are read apart
    assert len(split_sentences("Nvidia (NVDA) | Rating: Overweight | Price target: $250")) == 3


def test_a_shouted_line_is_put_in_ordinary_case_and_nothing_else_moves():
    text = ("*NVIDIA 4Q DATA CENTER REV $51.2B, EST. $49.1B\n"
            "Nvidia said demand for GPUs is strong.\n"
            "CAPEX WATCH\n"
            "*ALIBABA CLOUD REV UP 26% IN THE SEPTEMBER QUARTER\n")
    out = unshout(text, {"nvidia": "Nvidia", "alibaba": "Alibaba", "cloud": "Cloud"}, ACRONYMS)
    assert len(out) == len(text)
    assert out.splitlines() == [
        "*Nvidia 4Q data center rev $51.2B, est. $49.1B",
        "Nvidia said demand for GPUs is strong.",  # not shouted: left as it is
        "CAPEX WATCH",  # too short to be read as a sentence in capitals
        "*Alibaba Cloud rev up 26% in the September quarter"]
    assert unshout("Revenue rose 5% at AWS and GCP.") == "Revenue rose 5% at AWS and GCP."


def test_an_abbreviation_after_a_bracket_does_not_end_a_sentence():
    text = "- Revenue: $51.2 billion, up 26% (vs. $49.4 billion expected)\n- Net income: $2.7 billion"
    assert [s.text for s in split_sentences(text)] == ["Revenue: $51.2 billion, up 26% (vs. $49.4 billion expected)", "Net income: $2.7 billion"]
