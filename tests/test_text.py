"""text: content lines without boilerplate, and sentences with their spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexwatch.text import content_lines, split_sentences

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
]


@pytest.mark.parametrize("line", BOILERPLATE, ids=[b[:30] for b in BOILERPLATE])
def test_boilerplate_lines_are_not_content(line):
    text = f"Capex rose 5% in the quarter.\n{line}\nRevenue rose 3%."
    kept = [text[s:e] for s, e in content_lines(text)]
    assert line not in kept
    assert "Capex rose 5% in the quarter." in kept


def test_a_comment_section_ends_the_article():
    body = "Capex rose 5% in the quarter, the company said. " * 5
    text = f"{body}\nLatest comments\nGreat call, up 9% already!\n"
    assert all("9%" not in text[s:e] for s, e in content_lines(text))


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
]


@pytest.mark.parametrize("text,expected", SPLITS, ids=[s[0][:25] for s in SPLITS])
def test_sentence_splitting(text, expected):
    assert [s.text for s in split_sentences(text)] == expected
