"""Publication dates as articles write them (parse.dates): tables of examples from the wild, then edge cases."""

from __future__ import annotations

import datetime as dt

import pytest

from capexwatch.parse.dates import (
    MONTHS,
    find_date,
    latest_year,
    parse_date,
    reference_year,
    url_date,
)

D = dt.date

# -- parse_date: from the wild -----------------------------------------------------------
WILD = [
    pytest.param("Published 24/02/2025, 03:52", D(2025, 2, 24), id="investing-published"),
    pytest.param("Updated 24/02/2025, 18:20", D(2025, 2, 24), id="investing-updated"),
    pytest.param("viernes, 29 de agosto de 2025, 7:41 am ET", D(2025, 8, 29), id="spanish-weekday"),
    pytest.param("15 de octubre de 2025", D(2025, 10, 15), id="spanish"),
    pytest.param("19 de março de 2025", D(2025, 3, 19), id="portuguese-marco"),
    pytest.param("30 de setembro de 2025", D(2025, 9, 30), id="portuguese-setembro"),
    pytest.param("19/03/2025 10h28", D(2025, 3, 19), id="uol-time"),
    pytest.param("Freitag, 29. August 2025", D(2025, 8, 29), id="german-weekday"),
    pytest.param("12. Mär. 2025", D(2025, 3, 12), id="german-abbrev"),
    pytest.param("12 März 2025", D(2025, 3, 12), id="german-marz"),
    pytest.param("24.02.2025", D(2025, 2, 24), id="german-numeric"),
    pytest.param("le 29 août 2025", D(2025, 8, 29), id="french-aout"),
    pytest.param("mardi 2 décembre 2025", D(2025, 12, 2), id="french-weekday"),
    pytest.param("1er septembre 2025", D(2025, 9, 1), id="french-premier"),
    pytest.param("Dec.06 2025", D(2025, 12, 6), id="dec-dot-no-space"),
    pytest.param("December 6, 2025", D(2025, 12, 6), id="us-long"),
    pytest.param("Sept. 4, 2025", D(2025, 9, 4), id="ap-sept"),
    pytest.param("Sep 4, 2025 at 7:00 AM EDT", D(2025, 9, 4), id="us-with-time"),
    pytest.param("Thu, Aug 21, 2025, 10:00 AM", D(2025, 8, 21), id="weekday-short"),
    pytest.param("Feb 24th 2025", D(2025, 2, 24), id="ordinal"),
    pytest.param("February 24th, 2025", D(2025, 2, 24), id="ordinal-comma"),
    pytest.param("14 Nov. 2025", D(2025, 11, 14), id="uk-abbrev"),
    pytest.param("posted on may 7 2025", D(2025, 5, 7), id="lowercase"),
    pytest.param("2025-08-21", D(2025, 8, 21), id="iso"),
    pytest.param("2025-08-21T10:00:00Z", D(2025, 8, 21), id="iso-datetime"),
    pytest.param("2025年8月29日", D(2025, 8, 29), id="chinese"),
    pytest.param("2025年 8月 29日 星期五", D(2025, 8, 29), id="chinese-spaced-weekday"),
    pytest.param("2025/08/29 10:21", D(2025, 8, 29), id="year-first-slashes"),
    pytest.param("2025.08.29", D(2025, 8, 29), id="year-first-dots"),
]


@pytest.mark.parametrize(("text", "expected"), WILD)
def test_parse_date_from_the_wild(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


DATELINES = [
    pytest.param("Jan 23 (Reuters) - Microsoft said", 2025, D(2025, 1, 23), id="reuters"),
    pytest.param("SHANGHAI, Nov 14 (Reuters) - ByteDance", 2025, D(2025, 11, 14), id="reuters-city"),
    pytest.param("BEIJING, March 3 (Xinhua) -- Alibaba", 2024, D(2024, 3, 3), id="xinhua"),
    pytest.param("Aug 21 (Bloomberg) -- Baidu", 2023, D(2023, 8, 21), id="bloomberg"),
]


@pytest.mark.parametrize(("text", "year", "expected"), DATELINES)
def test_a_wire_dateline_needs_a_year_hint(text: str, year: int, expected: dt.date) -> None:
    assert parse_date(text) is None
    assert parse_date(text, year_hint=year) == expected


# -- parse_date: edge cases --------------------------------------------------------------
EDGES = [
    pytest.param("31/02/2025", None, id="no-31-february"),
    pytest.param("2025-13-01", None, id="no-month-13"),
    pytest.param("Q3 2025", None, id="quarter-is-no-date"),
    pytest.param("May 2025", None, id="month-without-day"),
    pytest.param("$2025 million", None, id="amount-is-no-date"),
    pytest.param("20250829", None, id="compact-digits"),
    pytest.param("July 4", None, id="no-year-no-hint"),
    pytest.param("", None, id="empty"),
    pytest.param("9/1/2025", D(2025, 1, 9), id="day-first-when-ambiguous"),
    pytest.param("02/24/2025 4:05 PM ET", D(2025, 2, 24), id="month-first-when-day-over-12"),
    pytest.param("13/13/2025", None, id="no-month-13-either-way"),
    pytest.param("2025/13/02", None, id="year-first-is-never-swapped"),
    pytest.param("29 February 2024", D(2024, 2, 29), id="leap-day"),
    pytest.param("29 February 2025", None, id="no-leap-day"),
    pytest.param("31/02/2025 or 01/03/2025", D(2025, 3, 1), id="skips-invalid-first"),
    pytest.param("Revenue to 2025-06-30, published 2025-08-21", D(2025, 6, 30), id="first-date-wins"),
    pytest.param("On 6 December 2025 and 2025-01-02", D(2025, 12, 6), id="earliest-position-across-forms"),
    pytest.param("JANUARY 5, 2026", D(2026, 1, 5), id="uppercase"),
]


@pytest.mark.parametrize(("text", "expected"), EDGES)
def test_parse_date_edge_cases(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_every_month_name_parses() -> None:
    for name, month in MONTHS.items():
        assert parse_date(f"3 {name} 2025") == D(2025, month, 3), name


# -- url_date ---------------------------------------------------------------------------
URLS = [
    pytest.param("https://convergedigest.blogspot.com/2023/05/nvidias-data-center-revenue-rises-14.html",
                 D(2023, 5, 1), id="blogspot-year-month"),
    pytest.param("https://apextraderfunding.com/news/2024/08/15/jd-com-announces-second-quarter",
                 D(2024, 8, 15), id="year-month-day"),
    pytest.param("https://www.uol.com.br/tilt/noticias/reuters/2025/03/19/tencent-acelera-investimentos",
                 D(2025, 3, 19), id="uol"),
    pytest.param("https://www.benzinga.com/markets/equities/25/08/46990730/softbank-stock-surges",
                 D(2025, 8, 1), id="benzinga-short-year"),
    pytest.param("https://theplanettools.ai/blog/tencent-q1-2026-revenue-miss-may-2026", D(2026, 5, 1), id="slug-month"),
    pytest.param("https://www.reuters.com/technology/alibaba-invest-ai-2025-02-24/", D(2025, 2, 24), id="reuters-slug"),
    pytest.param("https://www.example.cn/a/20250829/12345.html", D(2025, 8, 29), id="compact"),
    pytest.param("https://x.com/2024-08-15/a", D(2024, 8, 15), id="iso-segment"),
    pytest.param("https://www.pymnts.com/google/2025/pichai-ai-overviews", None, id="year-only"),
    pytest.param("https://theedgemalaysia.com/node/742240", None, id="node-id"),
    pytest.param("https://example.com/2030-vision/capex", None, id="year-in-a-name"),
    pytest.param("https://x.com/2023/13/x", None, id="month-13"),
    pytest.param("https://x.com/2025/02/30/x", None, id="february-30"),
    pytest.param("https://x.com/a/2025022900/x", None, id="long-number"),
    pytest.param("https://2025.example.com/05/x", None, id="year-in-host"),
    pytest.param("", None, id="empty"),
    pytest.param(None, None, id="none"),
]


@pytest.mark.parametrize(("url", "expected"), URLS)
def test_url_date(url: str | None, expected: dt.date | None) -> None:
    assert url_date(url) == expected


# -- find_date: the publication date of a whole article ------------------------------------
ARTICLES = [
    pytest.param("Alibaba to invest $52.4 bln\n\nPublished 24/02/2025, 03:52\nUpdated 25/02/2025, 18:20\n"
                 "© Reuters\n\nAlibaba said on 2024-12-31 that ...", None, D(2025, 2, 24), id="published-wins"),
    pytest.param("Q2 results 2025-06-30\n\nDate: 2025-08-21\nBody.", None, D(2025, 8, 21), id="date-marker-wins"),
    pytest.param("Tencent acelera\n\n19/03/2025 10h28\n\nA Tencent ...", None, D(2025, 3, 19), id="date-in-head"),
    pytest.param("SHANGHAI, Jan 23 (Reuters) - ByteDance plans capex of 160 billion yuan in 2025, up from 2024, "
                 "and more by 2027.", None, D(2025, 1, 23), id="dateline-with-latest-past-year"),
    pytest.param("Nvidia said revenue rose.", "https://convergedigest.blogspot.com/2023/05/nvidia.html",
                 D(2023, 5, 1), id="url-when-text-has-none"),
    pytest.param("Headline\n\n" + "Body text without any date. " * 40 + "\nDec.06 2025", None, D(2025, 12, 6),
                 id="byline-at-the-end"),
    pytest.param("Nothing here but a year 2025 and figures.", None, None, id="year-only-is-no-date"),
    # A date something happened on is no publication date: the story can be from any day after.
    pytest.param("Headline\n\nThe chief executive speaks at a conference in Paris, France, on June 10, 2024.\n"
                 "Photo: Agency\nThe company reported its June quarter on Thursday.", None, None, id="photo-caption"),
    pytest.param("Tencent reported first-quarter revenue on Wednesday, May 13, 2026, below estimates.", None, None,
                 id="event-day"),
    pytest.param("Published on 14/05/2026\nTencent reported revenue on May 13, 2026.", None, D(2026, 5, 14),
                 id="published-on-is-a-publication-date"),
    pytest.param("Headline\n\nShares rose on Monday. May 14, 2026\nBody.", None, D(2026, 5, 14),
                 id="a-date-after-an-event-day"),
    # A reporting period's last day is not the day a filing is published; its signature line is.
    pytest.param("INTERIM RESULTS FOR THE SIX MONTHS ENDED 30 JUNE 2025\n\n" + "The Group grew. " * 50
                 + "\nAs at 30 June 2025, cash was ample.\n\nBeijing, 27 August 2025\n", None, D(2025, 8, 27),
                 id="a-filing-signed-with-place-and-date"),
    pytest.param("Data centre spending (encyclopedia)\n\nIn 2024 spending rose.\nReferences\n1. Lee, A. (3 May 2024). "
                 "\"Chips\". Retrieved 4 May 2024.\nThis page was last edited on 2 March 2026, at 10:00.", None,
                 D(2026, 3, 2), id="last-edited-in-the-footer"),
    pytest.param("AUTO BRIEF | QUICK TAKE\nQ3 (quarter ended Sep 30, 2025)\nGenerated: Nov 5, 2025 08:00 ET\n", None,
                 D(2025, 11, 5), id="generated-marker"),
]


@pytest.mark.parametrize(("text", "url", "expected"), ARTICLES)
def test_find_date(text: str, url: str | None, expected: dt.date | None) -> None:
    assert find_date(text, url=url) == expected


def test_find_date_prefers_the_text_to_the_url() -> None:
    text = "Title\n\nPublished 24/02/2025\nBody."
    assert find_date(text, url="https://x.com/2023/05/a") == D(2025, 2, 24)


def test_latest_and_reference_years_leave_out_targets() -> None:
    text = "Capex was 150 billion yuan in 2024 and 2024 again; 2023 too; the target is 500 billion by 2030."
    assert latest_year(text) == 2024
    assert reference_year(text) == 2024
    assert latest_year("No years here, only $2025 million.") is None
    assert reference_year("through 2027 and until 2028") is None


def test_an_italian_date_in_a_byline():
    assert parse_date("giovedì 30 ottobre 2025, ore 18:40") == dt.date(2025, 10, 30)
