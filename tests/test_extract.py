"""extract: what the reader understands, sentence by sentence (invented sentences, not the gold)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from capexwatch import extract_facts
from capexwatch.entities import load_registry
from capexwatch.ingest import iter_articles

B = Decimal("1e9")
M = Decimal("1e6")


def facts(text: str, date: str | None = "2025-09-01", **kw):
    return [(f.entity, f.metric, f.value, f.unit, f.period) for f in extract_facts(text, date=date, **kw)]


def test_one_change_and_one_level_in_a_sentence():
    got = facts("Tencent said revenue rose 15% to 192.9 billion yuan in the June quarter.")
    assert got == [("Tencent", "revenue_change", 15, "%", "2025Q2"), ("Tencent", "revenue", Decimal("192.9") * B, "CNY", "2025Q2")]


def test_respectively_pairs_companies_with_figures():
    got = facts("So far this year, TCEHY and JD have gained 41% and 12%, respectively.", date="2025-10-15")
    assert got == [("Tencent", "stock_change", 41, "%", "YTD2025-10-15"), ("JD.com", "stock_change", 12, "%", "YTD2025-10-15")]


def test_respectively_pairs_metrics_with_figures():
    got = facts("Analysts expect Baidu's revenue and net income to grow 5% and 9%, respectively, next year.")
    assert [(e, m, v) for e, m, v, _u, _p in got] == [("Baidu", "revenue_change", 5), ("Baidu", "net_income_change", 9)]


def test_a_list_of_companies_with_their_figures():
    text = "Guidance for 2026 capex: Amazon $200B, Alphabet $175 to $185B, Meta $115–135B."
    got = [(f.entity, f.metric, f.value, f.high) for f in extract_facts(text, date="2026-02-10")]
    assert got == [("Amazon", "capex_plan", 200 * B, None), ("Alphabet", "capex_plan", 175 * B, 185 * B),
                   ("Meta", "capex_plan", 115 * B, 135 * B)]


def test_a_subject_named_only_in_the_headline():
    text = "Kuaishou lifts spending on AI video\n\nThe company will invest 14 billion yuan in capex next year."
    assert facts(text, date="2025-11-20") == [("Kuaishou", "capex_plan", 14 * B, "CNY", "2026")]


def test_a_figure_in_two_currencies_is_one_fact():
    [fact] = extract_facts("Baidu plans to invest 50 billion yuan ($7 billion) in AI over the next three years.",
                           date="2025-03-03")
    assert (fact.value, fact.unit, fact.period) == (50 * B, "CNY", "2025..2027")
    assert [(a.value, a.unit) for a in fact.also] == [(7 * B, "USD")]


def test_a_mislabelled_unit_keeps_the_currency_code():
    [fact] = extract_facts("Tencent's capex reached $19.1 billion RMB in the second quarter.", date="2025-08-20")
    assert (fact.metric, fact.unit, fact.period, fact.figure) == ("capex", "CNY", "2025Q2", "$19.1 billion RMB")


def test_declines_are_negative():
    assert facts("Baidu's revenue fell 4% in the second quarter.", date="2025-08-21")[0][2] == -4
    assert facts("Xiaomi posted a net loss of 2.1 billion yuan in the first quarter.", date="2025-05-30")[0][2] == Decimal("-2.1") * B


def test_fiscal_labels_where_the_text_says_fiscal():
    got = facts("Microsoft spent $34.9 billion on capital expenditures in its fiscal first quarter.", date="2025-10-30")
    assert got == [("Microsoft", "capex", Decimal("34.9") * B, "USD", "FY2026Q1")]


def test_suppliers_and_carriers_have_their_own_names_and_calendars():
    # companies beyond the hyperscalers: a Japanese carrier's year ends in March, a market wrap names chip makers
    assert facts("KDDI expects capital spending of 520 billion yen in the fiscal year ending March 2027, it said.",
                 date="2026-05-12") == [("KDDI", "capex_plan", 520 * B, "JPY", "FY2027")]
    got = facts("Shares of Nvidia rose 2.1%, while Micron slipped 1.4% and Dell added 0.8%.", date="2026-05-12")
    assert [(e, v) for e, _m, v, _u, _p in got] == [("Nvidia", Decimal("2.1")), ("Micron", Decimal("-1.4")), ("Dell", Decimal("0.8"))]


def test_groups_of_companies():
    got = facts("The four leading Chinese cloud firms spent about $45 billion in the past 12 months, "
                "compared with $291 billion by the top US players.")
    assert got == [("China top cloud providers", "capex", 45 * B, "USD", "TTM2025Q2"),
                   ("US top cloud providers", "capex", 291 * B, "USD", "TTM2025Q2")]
    combined = facts("Combined capex at Alibaba, Tencent and Baidu rose 30% in the June quarter.")
    assert combined == [("Alibaba+Baidu+Tencent", "capex_change", 30, "%", "2025Q2")]
    # "combined" further on in the clause the list begins; not where each has its own figure
    later = facts("Kuaishou, JD.com and Meituan are set to spend a combined 90 billion yuan on capex next year.")
    assert later == [("JD.com+Kuaishou+Meituan", "capex_plan", 90 * B, "CNY", "2026")]
    # "the three Chinese companies'": those of that region named before; "the four largest US hyperscalers" is a kind
    text = ("Kuaishou, JD.com and Meituan reported this week, as did Amazon.\n\n"
            "The three Chinese companies' combined capex rose 25% in the June quarter.")
    assert facts(text)[-1] == ("JD.com+Kuaishou+Meituan", "capex_change", 25, "%", "2025Q2")
    kind = facts("Microsoft, Meta, Oracle and CoreWeave all reported.\n\nThe four largest US hyperscalers spent $100 billion in the June quarter.")
    assert kind[-1][0] != "CoreWeave+Meta+Microsoft+Oracle"
    # a list of companies by their full legal names
    legal = facts("Oracle Corp., Meta Platforms Inc. and Amazon.com Inc. together spent $60 billion on capex in the June quarter.")
    assert legal == [("Amazon+Meta+Oracle", "capex", 60 * B, "USD", "2025Q2")]
    each = facts("Kuaishou and Meituan spent 9 billion yuan and 11 billion yuan on capex in 2024, respectively.")
    assert [e for e, *_x in each] == ["Kuaishou", "Meituan"]


def test_a_table_row_takes_metric_and_period_from_its_header():
    text = ("Company     Capex Q3 2025     YoY\n"
            "Meta        $19.4bn           +111%\n"
            "Baidu       RMB3.4bn          +107%\n")
    got = facts(text, date="2025-12-01")
    assert ("Meta", "capex", Decimal("19.4") * B, "USD", "2025Q3") in got
    assert ("Baidu", "capex_change", 107, "%", "2025Q3") in got


def test_a_broker_table_of_actuals_estimates_and_a_ratio_column():
    # "2024A" is a year reported, "2026E" one estimated; the last column is a ratio, the caption names the money
    text = ("Hyperscaler capex, actual and forecast (US$bn)\n\n"
            "| Company | 2024A | 2025A | 2026E | 2026E capex/sales |\n|---|---|---|---|---|\n"
            "| Meta | 39.2 | 72.0 | 118.0 | 47% |\n| Oracle | 6.9 | 21.2 | 50.0 | 75% |\n")
    got = facts(text, date="2026-02-20")
    assert got[:4] == [("Meta", "capex", Decimal("39.2") * B, "USD", "2024"), ("Meta", "capex", 72 * B, "USD", "2025"),
                       ("Meta", "capex_plan", 118 * B, "USD", "2026"), ("Meta", "capex_to_revenue", 47, "%", "2026")]
    assert len(got) == 8
    assert facts("Capex (US$bn)\n\n| Company | CY24A | CY25E |\n|---|---|---|\n| Meta | 39.2 | 72.0 |\n", date="2025-11-02") == [
        ("Meta", "capex", Decimal("39.2") * B, "USD", "2024"), ("Meta", "capex_plan", 72 * B, "USD", "2025")]


def test_a_ratio_column_without_per_cent_signs_a_footnote_mark_and_a_row_in_its_own_currency():
    text = ("Capex and capex intensity (US$bn unless stated)\n\n"
            "| Company | FY2024A capex | FY2025E capex | FY2024A capex/rev | FY2025E capex/rev |\n|---|---|---|---|---|\n"
            "| Meta (Dec) | 39.2 | 70.0* | 23.8 | 37.0* |\n| Tencent (Dec; RMB bn) | 76.8 | 95.0 | 11.5 | 12.9 |\n")
    got = facts(text, date="2025-03-02")
    assert got == [
        ("Meta", "capex", Decimal("39.2") * B, "USD", "FY2024"), ("Meta", "capex_plan", 70 * B, "USD", "FY2025"),
        ("Meta", "capex_to_revenue", Decimal("23.8"), "%", "FY2024"), ("Meta", "capex_to_revenue", Decimal("37.0"), "%", "FY2025"),
        ("Tencent", "capex", Decimal("76.8") * B, "CNY", "FY2024"), ("Tencent", "capex_plan", 95 * B, "CNY", "FY2025"),
        ("Tencent", "capex_to_revenue", Decimal("11.5"), "%", "FY2024"), ("Tencent", "capex_to_revenue", Decimal("12.9"), "%", "FY2025")]


def test_a_table_whose_units_are_in_the_source_line_under_it_with_a_bold_total():
    text = ("## The spending table\n\n| Company | 2024 | 2025E |\n|---|---:|---:|\n| Meta | 39.2 | 70.0 |\n| Alphabet | 52.5 | 91.0 |\n"
            "| **Total** | **91.7** | **161.0** |\n\nSource: company filings. Capital expenditure, US$bn.\n")
    got = facts(text, date="2025-06-01")
    assert got[-2:] == [("Alphabet+Meta", "capex", Decimal("91.7") * B, "USD", "2024"),
                        ("Alphabet+Meta", "capex_plan", 161 * B, "USD", "2025")]
    assert len(got) == 6


def test_a_table_row_marked_as_a_fiscal_year_company_has_fiscal_years():
    text = ("Capex (US$bn)\n\n| Company | 2024 | 2025 | 2026E | 2027E |\n|---|---|---|---|---|\n"
            "| Meta | 39.2 | 72.2 | 130.0 | 150.0 |\n| Oracle* | 6.9 | 21.2 | 48.0 | 70.0 |\n\n"
            "* Oracle's fiscal year ends in May.\n")
    got = [f for f in facts(text, date="2026-10-01") if f[0] == "Oracle"]
    assert got == [("Oracle", "capex", Decimal("6.9") * B, "USD", "FY2024"), ("Oracle", "capex", Decimal("21.2") * B, "USD", "FY2025"),
                   ("Oracle", "capex", 48 * B, "USD", "FY2026"), ("Oracle", "capex_plan", 70 * B, "USD", "FY2027")]
    assert [p for e, _m, _v, _u, p in facts(text, date="2026-10-01") if e == "Meta"] == ["2024", "2025", "2026", "2027"]


@pytest.mark.parametrize("text", [
    "Risk Disclosure: Trading in financial instruments involves high risks, and 74% of accounts lose money.",
    "© 2007-2025 Fusion Media Limited. All Rights Reserved.",
    "Analysts had expected revenue of $30.1 billion, according to LSEG data.",
    "Operating margin widened to 31.2% from 28.5%.",
    "The stock trades at $141.20 a share.",
], ids=["risk disclosure", "copyright", "consensus", "margin", "share price"])
def test_no_facts_from_boilerplate_benchmarks_and_unrecorded_figures(text):
    assert facts("Alibaba results\n\n" + text) == []


def test_every_quote_is_the_sentence_at_its_span():
    text = "Alibaba results\n\nAlibaba said capex hit 38.6 billion yuan. Shares rose 3% on Friday."
    for fact in extract_facts(text, date="2025-08-29"):
        assert text[fact.start:fact.end] == fact.quote
        assert fact.figure in fact.quote


def test_relative_periods_need_the_date():
    text = "ByteDance plans to spend 160 billion yuan on capex next year."
    assert facts(text, date="2025-12-23")[0][4] == "2026"
    assert facts(text, date="2024-12-23")[0][4] == "2025"


def test_a_users_registry_adds_companies():
    registry = load_registry(data=[{"name": "Zhipu", "region": "china", "aliases": ["Zhipu AI"], "tickers": []}])
    got = extract_facts("Zhipu AI will invest 5 billion yuan in computing next year.", date="2025-06-01", registry=registry)
    assert [(f.entity, f.metric) for f in got] == [("Zhipu", "capex_plan")]


def test_dates_as_datetime_and_string_agree():
    text = "Oracle expects capex of $50 billion in fiscal 2026."
    assert extract_facts(text, date=dt.date(2025, 12, 11)) == extract_facts(text, date="2025-12-11")


def test_a_unit_named_in_the_next_clause_does_not_own_the_figure():
    text = ("Alibaba results\n\nTotal revenue rose 2% to RMB247.65 billion in the June quarter, "
            "while Cloud Intelligence Group revenue grew 26% to RMB33.4 billion.")
    got = [(f.metric, f.value, f.segment) for f in extract_facts(text, date="2025-08-29")]
    assert got == [("revenue_change", 2, None), ("revenue", Decimal("247.65") * B, None),
                   ("revenue_change", 26, "cloud"), ("revenue", Decimal("33.4") * B, "cloud")]


def test_an_undated_article_gives_a_bare_quarter_the_year_it_names_that_quarter_with():
    # whoever the sentence is about (here a second company), "Q3" is the Q3 the article dated
    text = ("Amazon's cloud revenue rose 20% to $33 billion in Q3 2025. Google Cloud posted roughly $15 billion "
            "in Q3 revenue, and Microsoft's Azure grew 40% in the first quarter of 2026.")
    got = {(f.entity, f.metric): f.period for f in extract_facts(text)}
    assert got[("Alphabet", "revenue")] == "2025Q3"
    assert got[("Amazon", "revenue")] == "2025Q3"


def test_an_undated_article_in_fiscal_quarters_reads_a_bare_quarter_as_fiscal():
    # a stray historical year ("in 2000") is not the year the article speaks from
    text = ("Oracle Q2 FY26: capex now $50B. Capex for the quarter was about $12B vs about $8.5B in Q1. "
            "The telecom companies said the same in 2000.")
    got = [(f.value, f.period, f.metric) for f in extract_facts(text, title="Oracle results")]
    assert (Decimal("8.5") * B, "FY2026Q1", "capex") in got


def test_an_undated_article_reads_its_own_year_as_not_over():
    """Without a date, the year the article speaks from is still running: a sum for it that the
    text does not say was spent is a plan, however far the plan word stands from the figure."""
    text = ("Meta outlined its 2026 budget at its results. The group will put an additional $8 billion into "
            "capital expenditure for data centres in 2026, which brings its tab for the year to $123 billion.")
    got = facts(text, date=None)
    assert ("Meta", "capex_plan", 123 * B, "USD", "2026") in got
    spent = facts("Meta spent $72 billion on capital expenditure in 2026, its filing for the year shows.", date=None)
    assert spent == [("Meta", "capex", 72 * B, "USD", "2026")]


def test_a_photo_caption_date_does_not_date_the_story(tmp_path):
    """A caption's "on June 10, 2024" is when the photo was taken: the June quarter the story
    reports is that year's, not the one before."""
    path = tmp_path / "apple.txt"
    path.write_text("Apple opens its developer conference in Cupertino, California, on June 10, 2024.\n"
                    "Photo: Apple\n"
                    "Apple reported $2.2 billion of capital expenditure in the June quarter, up 8% from a year earlier.\n",
                    encoding="utf-8")
    (article,) = list(iter_articles([path]))
    assert article.date is None
    got = [(f.metric, f.period) for f in extract_facts(article.text, date=article.date)]
    assert ("capex", "2024Q2") in got


def test_an_undated_article_naming_two_years_with_quarters_takes_the_one_it_names_most():
    """One quarter of each year named ("Q3 2025", a fiscal "Q1 2026"): the year the article
    mentions most decides what a bare quarter means."""
    text = ("Amazon's cloud sales rose 20% to $33 billion in Q3 2025, while Microsoft booked $49 billion "
            "for its Q1 2026. Amazon's capex for 2025 is on track to reach $125 billion, above 2024.\n"
            "AWS revenue growth of 17.5% in Q2 had worried investors.")
    got = facts(text, date=None)
    assert ("Amazon", "revenue_change", Decimal("17.5"), "%", "2025Q2") in got


@pytest.mark.parametrize(("text", "expected"), [
    ("JD.com [HKG: 9618] closed 1.8 percent lower at HKD120 a share in Hong Kong on Friday.", [("JD.com", "stock_change", Decimal("-1.8"))]),
    ("Kuaishou ended 4% higher on Friday.", [("Kuaishou", "stock_change", Decimal(4))]),
    ("Xiaomi finished the session down 2.5% on Friday.", [("Xiaomi", "stock_change", Decimal("-2.5"))]),
    ("The tender closed 5% above the reserve price on Friday.", []),
    ("Alibaba's operating margin ended 2% higher on Friday.", []),
])
def test_a_company_that_closes_higher_or_lower_is_its_share_price(text, expected):
    got = [(f.entity, f.metric, f.value) for f in extract_facts(text, date="2025-08-22")]
    assert got == expected


def test_a_figure_a_year_earlier_is_of_the_period_a_year_before():
    text = ("Meituan reported third-quarter results on Tuesday. Net income rose to $2.5 billion from "
            "$2.4 billion a year earlier. Over the past 12 months free cash flow fell to $7 billion from $8 billion "
            "a year ago.\nIts share of China's food delivery market rose to 68% in the quarter, from 67.5% in the "
            "year-ago quarter. PDD held 5%.")
    got = facts(text, date="2025-10-21")
    assert ("Meituan", "net_income", Decimal("2.5") * B, "USD", "2025Q3") in got
    assert ("Meituan", "net_income", Decimal("2.4") * B, "USD", "2024Q3") in got
    assert ("Meituan", "free_cash_flow", 7 * B, "USD", "TTM2025Q3") in got
    assert ("Meituan", "free_cash_flow", 8 * B, "USD", "TTM2024Q3") in got
    assert ("Meituan", "market_share", Decimal("67.5"), "%", "2024Q3") in got
    # the next sentence goes on from this quarter's share, not from the year-ago one
    assert ("PDD", "market_share", 5, "%", "2025Q3") in got
    # the per-share figure in between, and a later clause's own period, do not part a figure from its "a year earlier"
    text = ("Meituan reported third-quarter results on Tuesday. Revenue rose 12% from $12.1 billion a year earlier, the slowest "
            "growth since the second quarter of 2023. Net income fell to $1.1 billion, or 18 cents a share, from $2.4 billion, "
            "or 39 cents a share, a year earlier.")
    got = facts(text, date="2025-10-21")
    assert ("Meituan", "revenue", Decimal("12.1") * B, "USD", "2024Q3") in got
    assert ("Meituan", "net_income", Decimal("2.4") * B, "USD", "2024Q3") in got


def test_a_year_written_as_a_possessive_before_a_figure_is_its_period():
    got = facts("OpenAI's revenue reached $20 billion for 2025, a 233% increase from 2024's approximate $6 billion.",
                date="2025-11-02")
    assert ("OpenAI", "revenue", 6 * B, "USD", "2024") in got
    assert ("OpenAI", "revenue", 20 * B, "USD", "2025") in got


def test_a_quarterly_figure_is_of_the_reported_quarter_not_the_year_named_beside_it():
    text = ("Meta reported results for the September quarter on Wednesday. The company recorded about $19 billion "
            "in quarterly capital expenditure and said annual spending will climb further next year.")
    got = facts(text, date="2025-10-30")
    assert ("Meta", "capex", 19 * B, "USD", "2025Q3") in got


def test_a_margin_in_the_next_clause_does_not_claim_a_change_before_it():
    got = facts("For the second quarter, SMIC expects a revenue decline of 4% to 6% and a gross margin between 18% "
                "and 20%.", date="2025-05-09")
    assert [(e, m, v, p) for e, m, v, _u, p in got] == [("SMIC", "revenue_change", -6, "2025Q2")]

@pytest.mark.parametrize("text", [
    "Alibaba Cloud revenue grew 26% and posted a 9% operating margin.",
    "Alibaba Cloud revenue grew 26%, with 9% in operating margin.",
])
def test_a_margin_right_after_a_figure_in_a_list_is_not_the_lists_metric(text):
    assert [(f.metric, f.value) for f in extract_facts(text, date="2025-05-09")] == [("revenue_change", 26)]


def test_a_plan_without_a_period_is_the_plan_just_spoken_of():
    text = ("Alphabet said it will spend an extra $10 billion on capital expenditure this year, taking its total to $85bn. "
            "The $10bn bump to its previously announced $75 billion spending plan came with its quarterly results.")
    got = facts(text, date="2025-07-24")
    assert ("Alphabet", "capex_plan", 75 * B, "USD", "2025") in got


@pytest.mark.parametrize("sentence", [
    "The Information said the budget includes up to $7 billion to buy Nvidia chips outside China.",
    "Around $9 billion of it will go on Huawei's Ascend AI processors, people familiar said.",
])
def test_a_supplier_named_by_its_product_is_not_the_spender(sentence):
    text = "ByteDance plans to raise its AI capex next year, according to reports. " + sentence
    assert {e for e, *_ in facts(text)} == {"ByteDance"}


def test_a_unit_growing_before_a_capex_clause_is_the_units_revenue():
    got = facts("Microsoft results: Azure re-accelerates to 39%, capex hits $30 billion", date="2025-07-31")
    assert [(m, v) for _e, m, v, _u, _p in got][0] == ("revenue_change", 39)
    assert "capex_change" not in {m for _e, m, *_ in got}
    capex = [f for f in extract_facts("Microsoft results: Azure re-accelerates to 39%, capex hits $30 billion", date="2025-07-31")
             if f.metric.startswith("capex")]
    assert [f.segment for f in capex] == [None]  # the company's capex, not Azure's


def test_a_base_of_an_earlier_year_than_the_plan_is_what_was_spent():
    # undated, about the fourth quarter of 2025: 2025 is not over by the article's reckoning
    text = ("Meta reported results for the fourth quarter of 2025 on Wednesday. Revenue rose 20% in the fourth quarter "
            "of 2025. It said it would spend $125 billion in 2026 capital expenditure, up from $72 billion in 2025.")
    got = facts(text, date=None)[1:]
    assert got == [("Meta", "capex_plan", 125 * B, "USD", "2026"), ("Meta", "capex", 72 * B, "USD", "2025")]


def test_the_revenue_a_share_is_of_does_not_name_the_figure_before_it():
    text = "Xiaomi said research and development spending — reaching 24 billion yuan, or about 7% of revenue — would rise."
    assert [m for _e, m, *_ in facts(text)] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Oracle Cloud revenue grew 28% to $4.1 billion, with operating income climbing from $0.9 billion to $1.6 billion.",
     [("revenue_change", 28), ("revenue", Decimal("4.1") * B)]),
    ("Amazon said free cash flow fell to $3 billion in the quarter, as operating cash flow, which rose 12% to $21 billion, lagged.",
     [("free_cash_flow", 3 * B)]),
])
def test_an_unrecorded_figure_and_its_base_do_not_take_the_metric_before_them(text, expected):
    assert [(m, v) for _e, m, v, _u, _p in facts(text)] == expected


@pytest.mark.parametrize("text", [
    "Baidu raised its capex to 20 billion yuan while holding the hit to its margins to 1-2 percentage points.",
    "Tencent's revenue grew 12%, and its cloud market share rose 3 percentage points.",
])
def test_a_change_in_percentage_points_is_not_recorded(text):
    assert not any("point" in f.figure for f in extract_facts(text, date="2025-09-01"))


@pytest.mark.parametrize("text", [
    "Alphabet's revenue of $102.3 billion beat the consensus of $99.9 billion by about 2.4%.",
    "Alphabet's revenue of $102.3 billion topped Wall Street estimates by $2.4 billion.",
    "Alphabet revenue: $102.3B vs. $99.9B est. (+2.4% beat)",
    "Alphabet's revenue came in at $102.3 billion, ahead of the $99.9 billion average analyst estimate.",
    "Alphabet's revenue of $102.3 billion topped the $99.9 billion mean estimate compiled by LSEG.",
    "Alphabet's revenue of $102.3 billion was ahead of the $99.9 billion average of 21 analyst estimates.",
])
def test_the_size_of_a_beat_is_not_a_change(text):
    assert [(m, v) for _e, m, v, _u, _p in facts(text)] == [("revenue", Decimal("102.3") * B)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Here is how Oracle did against the LSEG consensus.\nRevenue: $16.1 billion vs. $16.4 billion expected\n"
     "Capital expenditure: $8.5 billion vs. $7.9 billion (est.)\n", [("revenue", 16.1), ("capex", 8.5)]),
    ("Oracle's capex was $8.5 billion versus $7.9 billion estimated by analysts polled by FactSet.", [("capex", 8.5)]),
    # what is expected to be spent is not what was expected of the figure before it
    ("Oracle spent $8.5 billion in the quarter versus $35 billion expected to be spent over the year.",
     [("capex", 8.5), ("capex", 35)]),
])
def test_the_expected_half_of_a_versus_line_is_not_a_fact(text, expected):
    got = [(m.removesuffix("_plan"), float(v / B)) for _e, m, v, _u, _p in facts(text)]
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a quarter named for the results is not the period of the share move
    ("Meta reported third-quarter results on Wednesday, and its shares fell 9% in extended trading.",
     [(-9, "2025-10-29")]),
    # the year to date belongs to the later figure; the first is the day's move
    ("Baidu's shares closed 2.1% higher before the results and have gained about 40% so far this year.",
     [(Decimal("2.1"), "2025-10-30"), (40, "YTD2025-10-30")]),
    ("Nvidia shares have risen 35% this year.", [(35, "YTD2025-10-30")]),
    ("Nvidia shares slipped on Tuesday but are still up 35% since January.", [(35, "YTD2025-10-30")]),
])
def test_a_share_move_is_of_a_day_or_the_year_to_date(text, expected):
    got = [(f.value, f.period) for f in extract_facts(text, date="2025-10-30") if f.metric == "stock_change"]
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Shares of Oracle have risen 30% so far this year, ahead of the 14% gain of the S&P 500.", [30]),
    ("Tencent shares fell 2.4% on Tuesday, while the Hang Seng Index fell 1.1%.", [Decimal("-2.4")]),
    ("Baidu's Nasdaq shares fell 3% on Tuesday.", [-3]),
    ("The index fell 2.2%, and chip names were hit harder: Nvidia slid 4.1%.", [Decimal("-4.1")]),
])
def test_a_market_index_move_is_not_the_companys(text, expected):
    got = extract_facts(text, date="2025-10-30")
    assert [f.value for f in got if f.metric == "stock_change"] == expected
    assert all(f.metric == "stock_change" for f in got)


def test_a_sentence_that_opens_with_a_company_makes_it_the_subject_of_the_next():
    text = ("Tencent's capex fell 24% to 13 billion yuan in the third quarter. "
            "Alibaba remains China's biggest spender. Its $53 billion three-year pledge is likely to be exceeded.")
    assert [e for e, m, *_ in facts(text) if m == "capex_plan"] == ["Alibaba"]


def test_the_company_of_the_last_sentence_goes_on_in_the_next():
    text = ("CoreWeave's revenue rose 134% to $1.36 billion in the third quarter. CoreWeave shares fell 16%. "
            "CoreWeave's backlog grew. Elon Musk's xAI lost $1.46 billion in the September quarter. "
            "Revenue in the quarter was $107 million, nearly double the previous quarter's.")
    got = facts(text, date="2026-01-09")
    assert got[-1] == ("xAI", "revenue", Decimal("107e6"), "USD", "2025Q3")


def test_a_company_far_after_the_figure_in_another_clause_is_not_its_owner():
    text = ("Microsoft reported its results on Wednesday. "
            "Total revenue rose 17% to $81.3 billion, while net income increased 60% to $38.5 billion, "
            "boosted by a $7.6 billion gain from the recapitalisation of OpenAI. "
            "Capital expenditure would decline slightly in the current quarter, the company said.")
    assert {e for e, *_ in facts(text, date="2026-01-28")} == {"Microsoft"}


def test_a_possessive_list_takes_the_metric_named_after_it_and_the_n_companies_are_a_group():
    text = ("Microsoft reported revenue of $77.7 billion, up 18%. "
            "Oracle's $35 billion now compares with CoreWeave's roughly $14 billion and Meta's $70–72 billion; "
            "together the three plan to spend about $120 billion next year.")
    got = [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-10-30")][2:]
    assert got == [("Oracle", "capex_plan", 35 * B), ("CoreWeave", "capex_plan", 14 * B), ("Meta", "capex_plan", 70 * B),
                   ("CoreWeave+Meta+Oracle", "capex_plan", 120 * B)]


def test_a_range_of_capex_not_in_the_past_is_guidance():
    text = "Meta reported results on Wednesday. Meta now puts capital expenditure this year at $70 billion to $72 billion."
    assert facts(text, date="2025-10-30")[-1] == ("Meta", "capex_plan", 70 * B, "USD", "2025")


def test_a_quarter_named_with_its_year_only_as_a_base_does_not_date_the_bare_quarter():
    text = ("Meta's capital expenditures were $19.37 billion in Q3, up 111% from $9.2 billion in Q3 2024. "
            "Free cash flow fell to $10.6 billion in Q3.")
    got = facts(text, date="2025-11-10")
    assert [(m, p) for _e, m, _v, _u, p in got] == [("capex", "2025Q3"), ("capex_change", "2025Q3"), ("capex", "2024Q3"),
                                                   ("free_cash_flow", "2025Q3")]


def test_each_company_keeps_its_own_calendar_in_a_story_about_several():
    text = ("Meta said fourth-quarter revenue rose 24% to $59.89 billion. "
            "Microsoft said capital expenditures in its fiscal second quarter, which ended in December, came to $37.5 billion. "
            "Google Cloud revenue rose 48% to $17.7 billion in the fourth quarter.")
    got = [(e, m, p) for e, m, _v, _u, p in facts(text, date="2026-02-06")]
    assert got == [("Meta", "revenue_change", "2025Q4"), ("Meta", "revenue", "2025Q4"), ("Microsoft", "capex", "FY2026Q2"),
                   ("Alphabet", "revenue_change", "2025Q4"), ("Alphabet", "revenue", "2025Q4")]


def test_the_quarter_a_fiscal_story_reports_is_a_calendar_quarter_for_a_december_company():
    text = ("Microsoft reported results for the first quarter of fiscal 2026 on Wednesday. "
            "Revenue rose 18% to $77.7 billion. Meta Platforms also reported. Net income fell 83% to $2.71 billion, Meta said.")
    got = [(e, m, p) for e, m, _v, _u, p in facts(text, date="2025-10-30")]
    assert got[:2] == [("Microsoft", "revenue_change", "FY2026Q1"), ("Microsoft", "revenue", "FY2026Q1")]
    assert got[2:] == [("Meta", "net_income_change", "2025Q3"), ("Meta", "net_income", "2025Q3")]


def test_money_put_into_another_companys_stock_is_not_capex_nor_makes_it_the_subject():
    text = ("Nvidia reported results for the third quarter of fiscal 2026. "
            "It agreed to invest up to $5 billion in Intel common stock. "
            "Third-quarter Gaming revenue was $4.3 billion, up 30% from a year ago.")
    got = [(e, m, p) for e, m, _v, _u, p in facts(text, date="2025-11-19")]
    assert got == [("Nvidia", "revenue", "FY2026Q3"), ("Nvidia", "revenue_change", "FY2026Q3")]


@pytest.mark.parametrize("text", [
    "Amazon, which has invested $8 billion in the startup, supplies its chips.",
    "SoftBank sold its entire holding in TSMC for $4.2 billion to fund a further $20 billion investment in the chatbot maker.",
])
def test_money_put_into_a_company_named_by_what_it_does_is_not_capex(text):
    assert [m for _e, m, *_x in facts(text, date="2025-11-19") if m.startswith("capex")] == []


def test_a_table_of_plain_numbers_takes_metric_scale_and_currency_from_its_caption():
    text = ("Hyperscaler spending keeps climbing.\n\n"
            "Quarterly capital expenditures, in billions of US dollars:\n\n"
            "| Company | Q1 2025 | Q2 2025 | Q2 y/y |\n|---|---|---|---|\n"
            "| Oracle | 5.9 | 8.5 | +190% |\n| Meta | 13.7 | 17.0 | +101% |\n")
    got = facts(text, date="2025-09-01")
    assert got == [("Oracle", "capex", Decimal("5.9") * B, "USD", "2025Q1"), ("Oracle", "capex", Decimal("8.5") * B, "USD", "2025Q2"),
                   ("Oracle", "capex_change", 190, "%", "2025Q2"),
                   ("Meta", "capex", Decimal("13.7") * B, "USD", "2025Q1"), ("Meta", "capex", 17 * B, "USD", "2025Q2"),
                   ("Meta", "capex_change", 101, "%", "2025Q2")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Oracle's remaining performance obligation, a measure of contracted revenue not yet recognized, rose 359% to $455 billion.", []),
    ("Nvidia's inventory rose 32% to $19.8 billion ahead of the Rubin ramp.", []),
    ("Alphabet said about 60% of last year's investment went to servers and 40% to data centers.", []),
    ("Alphabet's revenue passed the $400 billion mark for the first time.", []),
    ("At $186.52 Nvidia shares trade at about 28x forward earnings.", [("pe_ratio", 28)]),
    ("Oracle changes hands at 28 times estimated earnings.", [("pe_ratio", 28)]),
    ("At $540 Microsoft trades on 31x our FY27 EPS estimate of $17.40.", [("pe_ratio", 31)]),
])
def test_figures_that_only_look_like_revenue_changes_or_money(text, expected):
    assert [(m, v) for _e, m, v, _u, _p in facts(text)] == expected


def test_a_multiple_of_earnings_is_a_valuation_for_every_company_it_names():
    got = facts("Oracle trades at 28 times expected earnings, against 22 times for IBM.", date="2026-03-01")
    assert got == [("Oracle", "pe_ratio", 28, "x", "unknown"), ("IBM", "pe_ratio", 22, "x", "unknown")]


def test_capex_to_sales_takes_the_period_of_the_spending_it_is_worked_out_from():
    text = "Amazon spent $125 billion on capex in 2025. Quite a number. That puts capex-to-sales at 18%."
    assert facts(text, date="2026-02-10")[-1] == ("Amazon", "capex_to_revenue", 18, "%", "2025")


def test_in_the_first_quarter_the_full_year_just_reported_is_last_year():
    text = "Alphabet reported on Wednesday. For the full year, revenue rose 15% to $402.8 billion."
    assert {p for *_x, p in facts(text, date="2026-02-05")} == {"2025"}
    assert {p for *_x, p in facts("Alphabet expects full-year revenue to grow 12%.", date="2026-02-05")} == {"2026"}


def test_for_the_quarter_and_for_the_year_and_the_day_of_each_share_move():
    text = "Alphabet reported fourth-quarter results. Free cash flow was $24.55 billion for the quarter and $73.27 billion for the year."
    assert [p for *_x, p in facts(text, date="2026-02-05")] == ["2025Q4", "2025"]
    text = "Alibaba's US-listed shares rose 2.3% on Tuesday, but the Hong Kong stock edged down 0.6% in Wednesday trading."
    assert [(v, p) for _e, _m, v, _u, p in facts(text, date="2025-11-26")] == [(Decimal("2.3"), "2025-11-25"), (Decimal("-0.6"), "2025-11-26")]
    text = "Meta shares fell 8% after the company warned that capital spending would rise sharply next year."
    assert [p for *_x, p in facts(text, date="2025-10-30")] == ["2025-10-30"]


def test_only_changes_have_a_basis():
    got = [(f.metric, f.basis) for f in extract_facts("Nvidia's data center revenue reached $51.2bn (+66% Y/Y, +25% Q/Q).", date="2025-11-20")]
    assert got == [("revenue", None), ("revenue_change", "yoy"), ("revenue_change", "qoq")]
    got = [(f.metric, f.period, f.basis) for f in extract_facts("Tencent has bought back HK$62 billion of its shares so far this year.", date="2025-11-13")]
    assert got == [("share_buyback", "YTD2025-11-13", None)]


@pytest.mark.parametrize(("text", "period"), [
    ("Guide: 4Q FY26 revenue of $65.0bn at Nvidia.", "FY2026Q4"),
    ("In the first nine months of 2025, Tencent's capital expenditure totalled RMB 59.6 billion.", "YTD2025"),
    ("Tencent's capex over the first three quarters of the year came to RMB 59.6 billion.", "YTD2025"),
])
def test_periods_written_the_analysts_way(text, period):
    assert [p for *_x, p in facts(text, date="2025-11-20")] == [period]


@pytest.mark.parametrize(("text", "expected"), [
    ("Alibaba Cloud, Huawei Cloud, Tencent Cloud and Baidu AI Cloud held 36%, 18%, 9% and 8% of China's cloud market in the third quarter.",
     [("Alibaba", "market_share", 36), ("Huawei", "market_share", 18), ("Tencent", "market_share", 9), ("Baidu", "market_share", 8)]),
    ("Alibaba and Tencent spent 38.6 billion yuan and 19.1 billion yuan on capex in the June quarter.",
     [("Alibaba", "capex", Decimal("38.6") * B), ("Tencent", "capex", Decimal("19.1") * B)]),
    # not a list of companies: one company, two figures
    ("Alibaba said cloud revenue and net income rose 26% and 9% in the June quarter.",
     [("Alibaba", "revenue_change", 26), ("Alibaba", "net_income_change", 9)]),
])
def test_a_list_of_companies_and_a_list_of_figures_pair_up_without_respectively(text, expected):
    assert [(e, m, v) for e, m, v, _u, _p in facts(text)] == expected


@pytest.mark.parametrize("text", [
    "In China's AI cloud market, Alibaba held a 35.8% share in the first half of the year.",
    "Alibaba Cloud held 35.8% of China's cloud infrastructure services market in the first half of the year.",
])
def test_market_share_without_the_words_market_share(text):
    assert facts(text) == [("Alibaba", "market_share", Decimal("35.8"), "%", "2025H1")]


@pytest.mark.parametrize("text", [
    "Microsoft, Alphabet and Meta reported on Wednesday. Together, the three companies spent roughly $78 billion on capex in the September quarter.",
    "Alibaba spent 38.6 billion yuan and Microsoft $34.9 billion.\n\nMeta and Alphabet followed.\n\nTogether, the four spent about $90 billion in the quarter.",
])
def test_the_three_companies_are_the_ones_named_before(text):
    got = [e for e, m, *_x in facts(text) if m == "capex"][-1]
    assert got == ("Alphabet+Meta+Microsoft" if "three" in text else "Alibaba+Alphabet+Meta+Microsoft")


def test_a_move_after_the_bell_is_of_the_day_the_results_came_out():
    lead = "Meta said on Wednesday that its capital expenditure would rise sharply next year. "
    assert [p for *_x, p in facts(lead + "Shares jumped 10% in extended trading.", date="2026-01-29")][-1] == "2026-01-28"
    # a move in regular trading, or one the text dates, keeps its own day
    assert [p for *_x, p in facts(lead + "Shares jumped 10%.", date="2026-01-29")][-1] == "2026-01-29"
    assert [p for *_x, p in facts(lead + "Shares jumped 10% after hours on Thursday.", date="2026-01-29")][-1] == "2026-01-29"


@pytest.mark.parametrize(("text", "expected"), [
    ("Microsoft reported results for its fiscal first quarter. Azure revenue grew 40%, compared with 39% in the previous quarter.",
     [(40, "FY2026Q1"), (39, "FY2025Q4")]),
    ("Alphabet reported third-quarter results. Cloud revenue grew 34%, faster than the 32% it posted in the prior quarter.",
     [(34, "2025Q3"), (32, "2025Q2")]),
    # a change against the previous quarter is of this one
    ("Samsung reported third-quarter results. Memory revenue rose 19% more than in the prior quarter.", [(19, "2025Q3")]),
])
def test_a_figure_in_the_previous_quarter_is_of_the_quarter_before_the_one_reported(text, expected):
    assert [(v, p) for _e, _m, v, _u, p in facts(text, date="2025-10-30")] == expected


@pytest.mark.parametrize("text", [
    "Meta expects 2026 capex of $115 billion to $135 billion. It spent $72.2 billion in 2025, so the midpoint implies growth of about 73%.",
    "Amazon plans to invest about $200 billion in 2026. That is about 53% more than the $131 billion it spent in 2025.",
])
def test_a_growth_a_plan_implies_is_of_the_plans_year(text):
    assert [(m, p) for _e, m, _v, _u, p in facts(text, date="2026-02-06") if m == "capex_change"] == [("capex_change", "2026")]


def test_a_growth_in_a_past_year_stays_there():
    text = "Meta expects 2026 capex of $115 billion to $135 billion. Its capex rose 84% in 2025."
    assert [(m, p) for _e, m, _v, _u, p in facts(text, date="2026-02-06") if m == "capex_change"] == [("capex_change", "2025")]


def test_a_company_goes_on_through_sentences_that_name_no_one():
    text = ("Tencent's revenue rose 15% to RMB 192.9 billion in the September quarter, and Tencent's capex fell 24%.\n\n"
            "Alibaba said revenue for the September quarter rose 5% to RMB 247.1 billion. "
            "The group spent RMB 31.5 billion on capital expenditure in the quarter. "
            "Its chief executive said the RMB 380 billion three-year budget may prove too small. "
            "Net income fell 52% to RMB 20.99 billion.")
    got = [(e, m) for e, m, *_x in facts(text, date="2025-11-26")]
    assert got[-4:] == [("Alibaba", "capex"), ("Alibaba", "capex_plan"), ("Alibaba", "net_income_change"), ("Alibaba", "net_income")]


def test_respectively_with_the_companies_after_the_figures():
    text = "Capital spending equalled about 45% and 38% of revenue at Oracle and Meta, respectively, in the September quarter."
    assert [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-11-20")] == [
        ("Oracle", "capex_to_revenue", 45), ("Meta", "capex_to_revenue", 38)]


def test_a_bare_quarter_in_a_table_header_is_the_quarter_the_header_names():
    text = ("Microsoft's fiscal first quarter ended in September. Quarterly capital expenditures, in billions of US dollars:\n\n"
            "| Company | Q2 2025 | Q3 2025 | Q3 y/y |\n|---|---|---|---|\n| Microsoft | 24.2 | 34.9 | +74% |\n")
    got = [(m, v, p) for _e, m, v, _u, p in facts(text, date="2025-11-10") if m == "capex_change"]
    assert got == [("capex_change", 74, "2025Q3")]


def test_a_list_that_starts_with_a_plan_goes_on_with_plans():
    text = "Alphabet now sees 2025 capex of $91bn-$93bn, Meta $70bn-$72bn and Amazon roughly $125bn."
    assert [(e, m) for e, m, *_x in facts(text, date="2025-11-25")] == [
        ("Alphabet", "capex_plan"), ("Meta", "capex_plan"), ("Amazon", "capex_plan")]


def test_a_total_row_is_the_group_of_the_rows_above_it():
    text = ("Quarterly capital expenditures, in billions of US dollars:\n\n"
            "| Company | Q2 2025 | Q3 2025 |\n|---|---|---|\n| Microsoft | 24.2 | 34.9 |\n| Meta | 17.0 | 19.4 |\n| Total | 41.2 | 54.3 |\n")
    got = [(e, v, p) for e, m, v, _u, p in facts(text, date="2025-11-10") if "+" in e]
    assert got == [("Meta+Microsoft", Decimal("41.2") * B, "2025Q2"), ("Meta+Microsoft", Decimal("54.3") * B, "2025Q3")]
    assert repr(got[0][1]) == "Decimal('41200000000')"


def test_a_table_of_spent_and_estimated_capex():
    text = ("Capital expenditure by company\n\n"
            "Company      | 2024 capex | 2025E capex | change\n"
            "Amazon       | $83.0bn    | $100bn      | +20%\n"
            "Alibaba      | RMB76.7bn  | RMB125bn    | +63%\n")
    assert facts(text, date="2025-03-10") == [
        ("Amazon", "capex", Decimal("83.0") * B, "USD", "2024"), ("Amazon", "capex_plan", 100 * B, "USD", "2025"),
        ("Amazon", "capex_change", 20, "%", "2025"),
        ("Alibaba", "capex", Decimal("76.7") * B, "CNY", "2024"), ("Alibaba", "capex_plan", 125 * B, "CNY", "2025"),
        ("Alibaba", "capex_change", 63, "%", "2025")]


def test_a_share_move_on_a_named_day():
    got = [p for *_x, p in facts("Microsoft's shares fell 10% on Jan. 29, their steepest drop since 2020.", date="2026-02-12")]
    assert got == ["2026-01-29"]


@pytest.mark.parametrize(("text", "date"), [
    ("Alibaba, which in February pledged to spend 380 billion yuan over three years, may go further.", "2025-12-23"),
    ("Alibaba's 380bn yuan three-year investment programme, announced on Feb. 24, is China's largest.", "2025-03-10"),
    ("Wu said Alibaba would exceed the 380 billion yuan it pledged in February last year to spend over three years.", "2026-03-04"),
])
def test_a_multi_year_pledge_runs_from_the_year_it_was_made(text, date):
    assert facts(text, date=date) == [("Alibaba", "capex_plan", 380 * B, "CNY", "2025..2027")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The index fell 2.2%, and AI names were hit harder: Oracle slid 6.6% and CoreWeave lost 8%.",
     [("Oracle", Decimal("-6.6"), "2025-09-01"), ("CoreWeave", -8, "2025-09-01")]),
    ("Meituan fell 3.4 per cent to HK$96.10, extending its decline this year to 36 per cent amid the cost of the price war.",
     [("Meituan", Decimal("-3.4"), "2025-09-01"), ("Meituan", -36, "YTD2025-09-01")]),
    ("Xiaomi, up 41 per cent so far this year, added 1.2 per cent, while Kuaishou jumped 5.6 per cent and has almost doubled since January.",
     [("Xiaomi", 41, "YTD2025-09-01"), ("Xiaomi", Decimal("1.2"), "2025-09-01"), ("Kuaishou", Decimal("5.6"), "2025-09-01")]),
])
def test_a_company_that_rises_or_falls_is_its_share_price(text, expected):
    assert [(e, v, p) for e, m, v, _u, p in facts(text) if m == "stock_change"] == expected
    assert {m for _e, m, *_r in facts(text)} == {"stock_change"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tokyo's Nikkei 225 dropped 1.1%, with SoftBank down 4.2% before its earnings next week, NTT off 0.7% and KDDI climbing 0.4%.",
     [("SoftBank", Decimal("-4.2"), "2025-09-01"), ("NTT", Decimal("-0.7"), "2025-09-01"), ("KDDI", Decimal("0.4"), "2025-09-01")]),
    ("Nvidia is still up 31% year to date, and Broadcom 18%.",
     [("Nvidia", 31, "YTD2025-09-01"), ("Broadcom", 18, "YTD2025-09-01")]),
])
def test_a_company_down_or_off_in_a_market_wrap_is_its_share_price(text, expected):
    assert [(e, v, p) for e, m, v, _u, p in facts(text) if m == "stock_change"] == expected


@pytest.mark.parametrize("text", [
    "The Kospi closed 0.8% higher, while Samsung Electronics rose 2%.",
    "The Nasdaq 100 ended the session up 1.2% and Samsung Electronics rose 2%.",
    "The Hang Seng index slipped 0.5%; Samsung Electronics rose 2%.",
])
def test_an_index_that_closes_or_slips_is_not_a_company_move(text):
    assert facts(text) == [("Samsung", "stock_change", 2, "%", "2025-09-01")]


def test_a_fall_from_the_peak_is_not_a_day_move():
    assert facts("CoreWeave is down 55% from its highs, and few in the forum talk about it.") == []


def test_a_move_on_a_named_day_after_a_year_to_date_one_is_that_day_s():
    text = "Meta shares are up 20% so far this year. Alphabet's shares edged up 0.6% on Tuesday after the ruling."
    assert [(e, p) for e, _m, _v, _u, p in facts(text, date="2025-09-03")] == [("Meta", "YTD2025-09-03"), ("Alphabet", "2025-09-02")]


def test_peers_moving_on_the_market_do_not_become_the_subject_of_the_next_sentence():
    text = ("Kuaishou's results beat forecasts.\n\nKuaishou shares gained 5% in Hong Kong. Meituan's stock fell 1.2%, "
            "while JD.com added 0.4%.\n\nRevenue for the July-September quarter rose 14% to 35.5 billion yuan.")
    got = [(e, m) for e, m, *_r in facts(text, date="2025-11-20", title="Kuaishou beats forecasts")]
    assert ("Kuaishou", "revenue_change") in got and ("Kuaishou", "revenue") in got
    assert not any(m.startswith("revenue") and e != "Kuaishou" for e, m in got)


def test_a_broker_s_estimate_year_before_a_figure_is_that_figure_s_and_a_plan():
    got = facts("We forecast 2027E capex at Meta of US$161bn, up 24% on our 2026E of US$130bn.", date="2026-02-10")
    assert got == [("Meta", "capex_plan", 161 * B, "USD", "2027"), ("Meta", "capex_change", 24, "%", "2027"),
                   ("Meta", "capex_plan", 130 * B, "USD", "2026")]


def test_a_period_followed_by_its_own_figure_is_not_the_earlier_figure_s():
    got = facts("Over the first half of 2025, Baidu's capex came to RMB 11.2 billion, of which the second quarter was RMB 6.4 billion.")
    assert [(v, p) for _e, _m, v, _u, p in got] == [(Decimal("11.2") * B, "2025H1"), (Decimal("6.4") * B, "2025Q2")]


@pytest.mark.parametrize("text", [
    "Back then the $80 billion of capex Microsoft promised for fiscal 2025 looked enormous.",
    "Microsoft spent $88 billion in fiscal 2025, well above the $80 billion it had budgeted.",
])
def test_what_was_promised_for_a_past_year_is_a_plan(text):
    got = [(m, v, p) for e, m, v, _u, p in facts(text, date="2025-10-01") if v == 80 * B]
    assert got == [("capex_plan", 80 * B, "FY2025")]


def test_the_big_four_are_the_four_us_spenders_named_before():
    text = ("Microsoft, Amazon, Alphabet and Meta reported last week, and Alibaba and Tencent follow this week.\n\n"
            "Between them, the big four spent $101.2bn in the June quarter, up 68% on a year earlier.")
    got = facts(text, date="2025-08-04")
    assert got == [("Alphabet+Amazon+Meta+Microsoft", "capex", Decimal("101.2") * B, "USD", "2025Q2"),
                   ("Alphabet+Amazon+Meta+Microsoft", "capex_change", 68, "%", "2025Q2")]


def test_the_big_four_unnamed_are_the_us_hyperscalers():
    got = facts("Bernstein now reckons the Big Four's capital spending will reach $590 billion in 2026 and $700 billion in 2027.",
                date="2026-03-01")
    assert got == [("US hyperscalers", "capex_plan", 590 * B, "USD", "2026"), ("US hyperscalers", "capex_plan", 700 * B, "USD", "2027")]


def test_a_group_word_does_not_reach_across_against():
    text = ("Amazon, Microsoft, Alphabet and Meta lead the table. We see capex at those four reaching 27% of their revenue "
            "in 2026E, against 12% for Alibaba and Tencent combined.")
    got = [(e, v) for e, m, v, _u, _p in facts(text, date="2025-12-01") if m == "capex_to_revenue"]
    assert got == [("Alphabet+Amazon+Meta+Microsoft", 27), ("Alibaba+Tencent", 12)]


@pytest.mark.parametrize("text", [
    "Broadcom expects fourth-quarter revenue of $19.1 billion, plus or minus 2%.",
    "Broadcom expects fourth-quarter revenue of $19.1 billion ± 2%.",
])
def test_the_width_of_a_forecast_is_not_a_change(text):
    assert [m for _e, m, *_r in facts(text)] == ["revenue"]


@pytest.mark.parametrize("text", [
    "Broadcom's revenue came to $18.2 billion. Analysts had been looking for $17.9 billion.",
    "Broadcom's revenue came to $18.2 billion. Wall Street had forecast third-quarter sales of $17.9 billion.",
])
def test_what_analysts_were_looking_for_is_not_a_fact(text):
    assert [v for _e, _m, v, *_r in facts(text)] == [Decimal("18.2") * B]


def test_a_sum_above_the_old_range_is_a_change_against_the_plan_of_the_plan_s_year():
    text = ("Alphabet now sees 2026 capital spending of $180 billion to $190 billion. "
            "The midpoint of the new range is $7.5 billion above the previous guidance.")
    assert facts(text, date="2026-07-24")[-1] == ("Alphabet", "capex_change", Decimal("7.5") * B, "USD", "2026")
    assert extract_facts(text, date="2026-07-24")[-1].basis == "vs_plan"


@pytest.mark.parametrize("text", [
    "For a 12% return on $500 billion of servers, Microsoft would need to earn $60 billion of extra operating profit a year.",
    "Meta's capex now eats about 80% of its combined operating cash flow.",
    "At Meta, capex now eats about 80% of the group's operating cash flow.",
])
def test_hypothetical_returns_and_shares_of_cash_flow_are_not_facts(text):
    assert facts(text) == []


@pytest.mark.parametrize(("text", "kept"), [
    ("Alphabet (GOOGL, mkt cap ~$3.9T) said capex was $24 billion in the quarter.", [24 * B]),
    ("Nebius, which raised its capex budget this year, signed a four-year agreement worth $12.1 billion to supply Meta "
     "with GPU capacity.", []),
    ("Capex at CoreWeave is set at $20 billion this year, while its contracts with OpenAI now total about $19 billion.", [20 * B]),
    ("Microsoft's capex will rise again, and OpenAI agreed to buy about $250 billion of computing power from Microsoft "
     "over six years.", []),
])
def test_contract_values_and_market_caps_are_not_capex(text, kept):
    assert [v for _e, _m, v, *_r in facts(text)] == kept


def test_a_contract_chipmaker_is_not_a_contract():
    assert facts("The largest contract chipmaker, TSMC, reported a 36% jump in third-quarter net profit.", date="2025-10-20") == [
        ("TSMC", "net_income_change", 36, "%", "2025Q3")]


@pytest.mark.parametrize(("text", "entity"), [
    ("SAP said cloud revenue rose 25% to €5.1bn in the quarter.", "SAP"),
    ("Deutsche Telekom expects cash capex of about €16bn this year.", "Deutsche Telekom"),
    ("Telekom's shares gained 1.3% on the day.", "Deutsche Telekom"),
])
def test_european_software_and_telecom_companies_are_known(text, entity):
    assert {e for e, *_r in facts(text)} == {entity}


def test_a_business_unit_that_jumps_is_its_revenue_not_a_share_price():
    assert facts("In the third quarter, AWS jumped 20% and Azure rose 39%.", date="2025-11-01") == [
        ("Amazon", "revenue_change", 20, "%", "2025Q3"), ("Microsoft", "revenue_change", 39, "%", "2025Q3")]


def test_a_list_after_a_past_verb_is_all_spent_and_a_plan_after_it_is_a_plan():
    text = "Tencent spent 19.1 billion yuan, Alibaba 38.6 billion yuan and Baidu 3.2 billion yuan on capital expenditure, filings show."
    assert {m for _e, m, *_r in facts(text)} == {"capex"}
    text = "Alphabet spent $52.5 billion last year, and Meta plans $66 billion to $72 billion this year."
    assert [m for _e, m, *_r in facts(text)] == ["capex", "capex_plan"]


def test_capex_set_against_revenue_told_in_several_ways():
    text = ("In the June quarter, the US hyperscalers as a group spent about 24.5% of revenue on capex; "
            "for Alibaba, Tencent and Baidu combined, the figure was closer to 13%.")
    assert facts(text) == [("US hyperscalers", "capex_to_revenue", Decimal("24.5"), "%", "2025Q2"),
                           ("Alibaba+Baidu+Tencent", "capex_to_revenue", 13, "%", "2025Q2")]
    text = "At Meta, capex swallowed 36% of revenue in the June quarter; at Microsoft, 32%; at Tencent, barely 10%."
    assert [(e, m, v) for e, m, v, _u, _p in facts(text)] == [
        ("Meta", "capex_to_revenue", 36), ("Microsoft", "capex_to_revenue", 32), ("Tencent", "capex_to_revenue", 10)]
    text = "The US group's capex came to about 17% of revenue in 2024, against roughly 9% for the Chinese providers."
    assert [(e, m, v) for e, m, v, _u, _p in facts(text)][1] == ("China top cloud providers", "capex_to_revenue", 9)


def test_a_share_held_of_a_market_is_market_share():
    text = "In the same quarter, AWS held about 30% of cloud infrastructure spending, against 20% for Microsoft Azure and 13% for Google Cloud."
    assert [(e, m, v) for e, m, v, _u, _p in facts(text)] == [
        ("Amazon", "market_share", 30), ("Microsoft", "market_share", 20), ("Alphabet", "market_share", 13)]


def test_a_peer_group_named_with_a_curly_apostrophe():
    assert facts("China’s top cloud providers spent roughly $46 billion in the June quarter.")[0][0] == "China top cloud providers"


def test_a_day_move_after_a_year_to_date_one_stays_a_day_move():
    text = "Meituan shares have fallen 36% so far this year. Xiaomi, up 41 per cent so far this year, added 1.2 per cent."
    assert [(e, v, p) for e, _m, v, _u, p in facts(text)][-1] == ("Xiaomi", Decimal("1.2"), "2025-09-01")


def test_this_quarter_on_a_results_call_is_the_quarter_reported():
    text = ("Welcome to Alphabet's third quarter 2025 earnings call.\n\n"
            "This was a strong quarter. Net income increased 33% to $35 billion.\n\n"
            "Cloud operating margin reached 23.7% this quarter.")
    assert {p for *_x, p in facts(text, date="2025-10-29")} == {"2025Q3"}


def test_a_results_table_of_business_lines_is_the_articles_company():
    text = ("Oracle reported its fiscal first-quarter results on Tuesday.\n\n"
            "Q1 FISCAL 2026 REVENUES ($ in billions, unaudited)\n\n"
            "| | Q1 FY26 | % Change (USD) |\n|---|---|---|\n| Software | 5.7 | (1%) |\n| Hardware | 0.7 | 2% |\n")
    assert facts(text, date="2025-09-09") == [
        ("Oracle", "revenue", Decimal("5.7") * B, "USD", "FY2026Q1"), ("Oracle", "revenue_change", -1, "%", "FY2026Q1"),
        ("Oracle", "revenue", Decimal("0.7") * B, "USD", "FY2026Q1"), ("Oracle", "revenue_change", 2, "%", "FY2026Q1")]


def test_a_table_of_companies_does_not_give_an_unknown_row_to_the_articles_company():
    text = ("Alibaba leads the pack.\n\nCapex in 2025 ($ in billions)\n\n"
            "| Company | 2025 |\n|---|---|\n| Alibaba | 17.0 |\n| Qingyun Labs | 0.4 |\n")
    assert [(e, v) for e, _m, v, _u, _p in facts(text, date="2026-03-01")] == [("Alibaba", 17 * B)]


def test_a_forecast_told_year_by_year_after_a_first_year():
    text = ("Oracle expects cloud infrastructure revenue of $18 billion this fiscal year, and then $32 billion, "
            "$73 billion and $114 billion over the following three years.")
    assert [p for *_x, p in facts(text, date="2025-09-10")] == ["FY2026", "FY2027", "FY2028", "FY2029"]


def test_the_quarter_reported_is_the_latest_that_has_ended_each_in_its_companys_calendar():
    # a preview in Microsoft's fiscal terms that also names Apple's fiscal quarter (which ends in September)
    text = ("Microsoft reports on Wednesday. For its fiscal first quarter of 2026, which ended Sept. 30, analysts "
            "expect revenue of $75.5 billion, up from the $65.6 billion Microsoft reported a year earlier.\n\n"
            "Analysts estimate Alphabet spent $23.6 billion in the quarter.\n\n"
            "Apple's fiscal fourth quarter ended Sept. 27. Analysts expect Apple to post revenue of $102.2 billion for the quarter.")
    assert [(e, v, p) for e, _m, v, _u, p in facts(text, date="2025-10-27")] == [
        ("Microsoft", Decimal("75.5") * B, "FY2026Q1"), ("Microsoft", Decimal("65.6") * B, "FY2025Q1"),
        ("Alphabet", Decimal("23.6") * B, "2025Q3"), ("Apple", Decimal("102.2") * B, "FY2025Q4")]


def test_two_fiscal_calendars_in_one_story_keep_their_own_quarters():
    text = ("Nvidia's Q3 FY26 revenue was $57.0 billion. Data-center sales made up $51.2 billion of that.\n\n"
            "Oracle's fiscal second quarter of 2026 ended on Nov. 30. Capital expenditures in the quarter were about $12.0 billion.")
    assert [(e, p) for e, _m, _v, _u, p in facts(text, date="2025-12-16")] == [
        ("Nvidia", "FY2026Q3"), ("Nvidia", "FY2026Q3"), ("Oracle", "FY2026Q2")]


def test_a_quarter_named_by_its_months_and_a_yardstick_quarter_after_it():
    text = ("Baidu's capital spending came to 3.4 billion yuan in the July-September period, well short of the "
            "4.1 billion yuan it spent in the second quarter. Capex equalled 11% of revenue in the quarter.")
    assert [(m, p) for _e, m, _v, _u, p in facts(text, date="2025-11-20")] == [
        ("capex", "2025Q3"), ("capex", "2025Q2"), ("capex_to_revenue", "2025Q3")]


def test_a_period_after_up_from_and_another_figure_is_that_figures():
    text = ("Kuaishou reported third-quarter results on Wednesday. Its Kling video model brought in more than 310 million yuan "
            "of revenue in the quarter, up from about 240 million yuan in the April-June period.")
    assert [(v, p) for _e, _m, v, _u, p in facts(text, date="2025-11-20")] == [(310 * M, "2025Q3"), (240 * M, "2025Q2")]


def test_an_outflow_and_the_same_quarter_of_a_named_year():
    text = ("Baidu reported fourth-quarter results on Thursday. Free cash flow was an outflow of RMB1,250 million, "
            "compared with an inflow of RMB4,800 million in the same quarter of 2024.")
    assert [(v, p) for _e, _m, v, _u, p in facts(text, date="2026-02-26")] == [(-1250 * M, "2025Q4"), (4800 * M, "2024Q4")]


def test_a_list_of_key_figures_after_a_heading_that_names_another_company():
    text = ("Live: Microsoft and Meta report\n\n"
            "Microsoft reported revenue of $81.3 billion for its fiscal second quarter.\n\n"
            "5:40 p.m. ET — Meta's fourth-quarter numbers are out\n"
            "Here are the key figures for the three months to Dec. 31, 2025:\n"
            "• Revenue: $59.9 billion, up 24% year over year\n"
            "• Capital expenditures: $22.1 billion\n")
    assert [(e, m, p) for e, m, _v, _u, p in facts(text, date="2026-01-28")][1:] == [
        ("Meta", "revenue", "2025Q4"), ("Meta", "revenue_change", "2025Q4"), ("Meta", "capex", "2025Q4")]


def test_plans_in_a_list_under_a_year_and_a_past_guidance_range():
    text = ("What we heard at the forum.\n\n"
            "• Microsoft, Alphabet, Amazon and Meta plan to spend a combined $640 billion on capex in 2026.\n"
            "• Amazon leads with guidance of about $190 billion. Alphabet has guided to $170-180 billion.\n"
            "• A year ago, Meta guided capex to between $65 billion and $71 billion for 2025. It ended up spending $71.5 billion.\n"
            "• Oracle is targeting about $48 billion of capex in fiscal 2026.\n")
    assert [(e, m, p) for e, m, _v, _u, p in facts(text, date="2026-03-12")] == [
        ("Alphabet+Amazon+Meta+Microsoft", "capex_plan", "2026"), ("Amazon", "capex_plan", "2026"), ("Alphabet", "capex_plan", "2026"),
        ("Meta", "capex_plan", "2025"), ("Meta", "capex", "2025"), ("Oracle", "capex_plan", "FY2026")]


def test_the_parts_of_a_plan_listed_after_it_are_plans_too():
    text = ("SK hynix said it would invest 30 trillion won in plants this year, including 25 trillion won for memory "
            "and 3 trillion won for packaging, well up on the 18 trillion won it spent last year.")
    got = [(m, v, p) for _e, m, v, _u, p in facts(text, date="2025-11-20")]
    assert got == [("capex_plan", 30 * 10**12, "2025"), ("capex_plan", 25 * 10**12, "2025"), ("capex_plan", 3 * 10**12, "2025"),
                   ("capex", 18 * 10**12, "2024")]


def test_the_year_of_a_figure_with_its_own_clause_is_not_the_year_of_its_neighbours():
    text = ("Oracle's budget of $45bn-$50bn is almost double the $25bn it spent last year, and "
            "CoreWeave's plan of $20bn-$23bn would have looked reckless not long ago.")
    got = [(e, m, p) for e, m, _v, _u, p in facts(text, date="2026-03-09")]
    assert ("Oracle", "capex", "2025") in got
    # a plan set against what was spent in a year, with no year of its own, is for the year after
    assert ("Oracle", "capex_plan", "2026") in got


def test_a_machine_translation_from_chinese():
    text = ("(This text is machine translated, for reference only)\n\n"
            "Baidu the second quarter realizes the income 312.5 亿元, same period last year increases 4%; the net profit "
            "attributable to the parent company is 61.2 100 million yuan.\n\n"
            "This quarter Baidu capital expenditure is 31.0 亿元, same period last year increases 88%, accounts for the income "
            "proportion approximately 9.9%.")
    assert [(m, v, p) for _e, m, v, _u, p in facts(text, date="2025-08-29")] == [
        ("revenue", Decimal("31.25") * B, "2025Q2"), ("revenue_change", 4, "2025Q2"), ("net_income", Decimal("6.12") * B, "2025Q2"),
        ("capex", Decimal("3.1") * B, "2025Q2"), ("capex_change", 88, "2025Q2"), ("capex_to_revenue", Decimal("9.9"), "2025Q2")]


def test_net_sales_then_operating_income_in_one_outlook():
    text = "For the fourth quarter Amazon expects net sales up 10% to 13% on the prior-year quarter, and operating income of $21.0 billion to $26.0 billion."
    assert [(m, v) for _e, m, v, _u, _p in facts(text, date="2025-10-31")] == [("revenue_change", 10)]


def test_a_table_with_a_unit_column_and_estimate_years():
    text = ("Exhibit 2: Capital expenditure by company\n\n"
            "| Company | Unit | 2024 | 2025E |\n|---|---|---|---|\n| Meta | US$bn | 39.2 | 70.0 |\n| Tencent | RMB bn | 76.8 | 85.0 |\n")
    assert facts(text, date="2025-11-24") == [
        ("Meta", "capex", Decimal("39.2") * B, "USD", "2024"), ("Meta", "capex_plan", 70 * B, "USD", "2025"),
        ("Tencent", "capex", Decimal("76.8") * B, "CNY", "2024"), ("Tencent", "capex_plan", 85 * B, "CNY", "2025")]


def test_a_share_that_loses_per_cent_moved_on_the_market_and_a_company_that_lost_money_made_a_loss():
    text = ("Telekom booked revenue of €29bn in the quarter. Its shares have nevertheless lost 12% since January, "
            "and fell 1.9% in Frankfurt on Friday.")
    assert [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2025-10-27")][1:] == [
        ("Deutsche Telekom", "stock_change", -12, "YTD2025-10-27"), ("Deutsche Telekom", "stock_change", Decimal("-1.9"), "2025-10-24")]
    assert [(m, v) for _e, m, v, _u, _p in facts("Nebius lost $120 million in the quarter.", date="2025-10-27")] == [
        ("net_income", -120 * M)]


def test_moves_told_in_a_relative_clause_or_after_a_description_of_the_company():
    text = ("Nebius, which lost 7.2% on Monday after a broker downgrade, is now down 18% this year. "
            "CoreWeave was the day's worst performer, sliding 6.1% on Thursday after it trimmed its 2026 spending plan.")
    assert [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2026-03-13")] == [
        ("Nebius", "stock_change", Decimal("-7.2"), "2026-03-09"), ("Nebius", "stock_change", -18, "YTD2026-03-13"),
        ("CoreWeave", "stock_change", Decimal("-6.1"), "2026-03-12")]


def test_an_index_named_in_capitals_and_bond_yields_are_not_a_company():
    text = ("AMD rose 3.2%. The NYSE Arca Tech 100 index dropped 1.7%, and the KBW Nasdaq Bank Index slid 0.8%. "
            "Thirty-year Treasury yields climbed back above 5%, which hurt growth stocks.")
    assert [(e, m, v) for e, m, v, _u, _p in facts(text, date="2026-03-13")] == [("AMD", "stock_change", Decimal("3.2"))]


def test_a_day_named_by_its_date_is_not_the_year_to_date_move_before_it():
    text = "Meta's shares are up 15% so far this year. Amazon, which slumped 9% on Feb. 6, has since recovered."
    assert [(e, p) for e, _m, _v, _u, p in facts(text, date="2026-03-13")] == [("Meta", "YTD2026-03-13"), ("Amazon", "2026-02-06")]


def test_the_quarter_after_the_amount_is_the_quarter_reported_not_next_year_before_it():
    text = ("Baidu reported third-quarter revenue of RMB 31 billion. Management expects capital expenditure to rise next year, "
            "after spending RMB 610 million in the quarter, up 44% from a year earlier.")
    assert [(m, p) for _e, m, _v, _u, p in facts(text, date="2025-11-14")] == [
        ("revenue", "2025Q3"), ("capex", "2025Q3"), ("capex_change", "2025Q3")]



def test_a_move_after_another_in_the_same_sentence_does_not_take_the_year_to_date_of_the_sentence_before():
    text = ("Intel, which fell 3.1% on Tuesday, is now down 9% this year. "
            "AMD dipped 1.4% on Thursday, while Nvidia and Broadcom gained 2.5% and 1.1%, respectively, the same day.")
    assert [(e, p) for e, _m, _v, _u, p in facts(text, date="2026-11-20")][2:] == [
        ("AMD", "2026-11-19"), ("Nvidia", "2026-11-19"), ("Broadcom", "2026-11-19")]


def test_a_results_story_in_chinese():
    text = ("騰訊控股公佈季績。集團上季收入1,842.5億元，按年增長15%；淨利潤478.2億元，下降8%。"
            "騰訊昨收報512港元，跌1.3%，較美股折讓0.4%。而過去4個季度，騰訊的資本開支約880億元。")
    assert facts(text, date="2025-11-14") == [
        ("Tencent", "revenue", Decimal("184.25") * B, "CNY", "2025Q3"), ("Tencent", "revenue_change", 15, "%", "2025Q3"),
        ("Tencent", "net_income", Decimal("47.82") * B, "CNY", "2025Q3"), ("Tencent", "net_income_change", -8, "%", "2025Q3"),
        ("Tencent", "stock_change", Decimal("-1.3"), "%", "2025-11-13"), ("Tencent", "capex", 88 * B, "CNY", "TTM2025Q3")]


def test_chinese_periods_and_a_change_told_after_its_level():
    text = "百度2025年第二季度營收327億元，增3%；上半年資本開支約120億元，明年將繼續投入。"
    assert facts(text, date="2025-09-01") == [
        ("Baidu", "revenue", Decimal("32.7") * B, "CNY", "2025Q2"), ("Baidu", "revenue_change", 3, "%", "2025Q2"),
        ("Baidu", "capex", 12 * B, "CNY", "2025H1")]


def test_capex_in_portuguese_and_german():
    pt = ("As despesas de capital da Baidu subiram de US$1,2 bilhão em 2023 para US$2,5 bilhões no ano passado. "
          "No terceiro trimestre, a empresa gastou 9 bilhões de iuanes (US$1,3 bilhão) com infraestrutura.")
    assert facts(pt, date="2025-11-20") == [
        ("Baidu", "capex", Decimal("1.2") * B, "USD", "2023"), ("Baidu", "capex", Decimal("2.5") * B, "USD", "2024"),
        ("Baidu", "capex", 9 * B, "CNY", "2025Q3")]
    de = "Insgesamt planen Alphabet, Meta und Microsoft, in diesem Jahr rund 250 Milliarden US-Dollar (etwa 221,5 Milliarden Euro) zu investieren."
    found = extract_facts(de, date=dt.date(2025, 6, 1))
    assert [(f.entity, f.metric, f.value, f.unit, f.period) for f in found] == [
        ("Alphabet+Meta+Microsoft", "capex_plan", 250 * B, "USD", "2025")]
    assert [(a.value, a.unit) for a in found[0].also] == [(Decimal("221.5") * B, "EUR")]


def test_a_company_named_inside_an_aside_about_the_subject_is_not_the_owner():
    text = ("Naver, which rents Nvidia's chips to local start-ups, posted revenue of 3.1 trillion won in the third quarter. "
            "Stargate, the venture of OpenAI, Oracle and SoftBank, was launched in January with a pledge to invest $500 billion over four years.")
    assert [(e, m, p) for e, m, _v, _u, p in facts(text, date="2025-10-30")] == [
        ("Naver", "revenue", "2025Q3"), ("Stargate", "capex_plan", "2025..2028")]
    # the subject by its legal name ("Naver Corp.")
    text = "Oracle Corp., which has grown fast on the back of its deals to host OpenAI, expects to spend $25 billion in fiscal 2026."
    assert [e for e, *_x in facts(text, date="2025-10-30")] == ["Oracle"]


def test_a_conversion_in_running_text_is_the_same_fact_in_another_currency():
    text = ("Amazon alone has guided to capex of about $180 billion, roughly RMB 1.3 trillion. "
            "Tencent spent RMB 70 billion in 2024, call it $9.7 billion. "
            "ByteDance plans RMB 150 billion of capex in 2026, which I make about $21 billion.")
    found = extract_facts(text, date=dt.date(2026, 1, 12))
    assert [(f.entity, f.value, f.unit, [(a.value, a.unit) for a in f.also]) for f in found] == [
        ("Amazon", 180 * B, "USD", [(Decimal("1.3e12"), "CNY")]), ("Tencent", 70 * B, "CNY", [(Decimal("9.7") * B, "USD")]),
        ("ByteDance", 150 * B, "CNY", [(21 * B, "USD")])]


def test_the_year_before_a_fiscal_year_is_the_fiscal_year_before_it():
    text = ("Oracle now expects capex of about $45bn in its fiscal year ending May 2026, up from $20bn in the previous year. "
            "Oracle expects $45bn this fiscal year, up from $20bn the year before.")
    assert [(m, v, p) for _e, m, v, _u, p in facts(text, date="2025-12-01")] == [
        ("capex_plan", 45 * B, "FY2026"), ("capex", 20 * B, "FY2025"), ("capex_plan", 45 * B, "FY2026"), ("capex", 20 * B, "FY2025")]


def test_the_base_of_a_capex_to_revenue_ratio_is_a_ratio_too():
    text = ("Baidu reported third-quarter revenue of RMB 31 billion. Capital spending swallowed 30% of quarterly revenue, "
            "compared with 12% a year earlier. Baidu spent RMB 11 billion in 2024. That was equivalent to 8.5% of revenue, "
            "up from 4.1% the year before.")
    assert [(m, v, p) for _e, m, v, _u, p in facts(text, date="2025-11-20")][1:] == [
        ("capex_to_revenue", 30, "2025Q3"), ("capex_to_revenue", 12, "2024Q3"), ("capex", 11 * B, "2024"),
        ("capex_to_revenue", Decimal("8.5"), "2024"), ("capex_to_revenue", Decimal("4.1"), "2023")]


def test_wire_flash_lines_in_capitals_are_read_and_quoted_as_written():
    text = ("FLASH\n"
            "*BAIDU 3Q REV RMB31.2 BLN VS RMB33.6 BLN YEAR AGO, EST. RMB30.9 BLN\n"
            "*ORACLE NOW SEES FY26 CAPEX OF ABOUT $35 BLN, UP FROM ABOUT $25 BLN\n"
            "*TENCENT 3Q CAPEX INCL. FINANCE LEASES RMB13B\n")
    found = extract_facts(text, date=dt.date(2025, 11, 20))
    assert [(f.entity, f.metric, f.value, f.period) for f in found] == [
        ("Baidu", "revenue", Decimal("31.2") * B, "2025Q3"), ("Baidu", "revenue", Decimal("33.6") * B, "2024Q3"),
        ("Oracle", "capex_plan", 35 * B, "FY2026"), ("Oracle", "capex_plan", 25 * B, "FY2026"),
        ("Tencent", "capex", 13 * B, "2025Q3")]
    assert found[0].quote == "*BAIDU 3Q REV RMB31.2 BLN VS RMB33.6 BLN YEAR AGO, EST. RMB30.9 BLN"
    assert [f.figure for f in found[:2]] == ["RMB31.2 BLN", "RMB33.6 BLN"]
    assert all(text[f.start:f.end] == f.quote for f in found)


def test_an_unrecorded_word_in_the_next_clause_does_not_claim_the_figure():
    text = "Azure grew 39% to $25bn in the quarter, and its operating margin improved; the backlog doubled."
    assert [(e, m, v) for e, m, v, _u, _p in facts(text, date="2026-01-30")] == [
        ("Microsoft", "revenue_change", 39), ("Microsoft", "revenue", 25 * B)]


def test_the_year_to_a_month_other_than_december_is_a_fiscal_year():
    text = ("Alibaba's capex in the year to March 2025 came to RMB 86 billion. "
            "SoftBank booked net income of 1.2 trillion yen in the financial year ended 31 March 2026.")
    assert [(e, m, p) for e, m, _v, _u, p in facts(text, date="2026-05-20")] == [
        ("Alibaba", "capex", "FY2025"), ("SoftBank", "net_income", "FY2026")]


def test_a_figure_some_years_ago_is_of_that_many_years_before():
    text = ("Meta's capex came to 38% of its revenue in the fourth quarter, against 19% two years earlier. "
            "Meta spent $72 billion in 2025, compared with $28 billion three years ago.")
    assert [(m, v, p) for _e, m, v, _u, p in facts(text, date="2026-02-02")] == [
        ("capex_to_revenue", 38, "2025Q4"), ("capex_to_revenue", 19, "2023Q4"), ("capex", 72 * B, "2025"), ("capex", 28 * B, "2022")]


def test_a_transcript_that_says_its_figures_in_words():
    text = ("Microsoft fiscal second-quarter earnings call. CFO: In the quarter we spent $37.5 billion on capital "
            "expenditure. Azure did twenty-two point one billion in the quarter, up thirty-nine percent. "
            "Last quarter we put about thirty-four point nine billion dollars to work.")
    assert [(m, v, p) for _e, m, v, _u, p in facts(text, date="2026-01-28")] == [
        ("capex", Decimal("37.5") * B, "FY2026Q2"), ("revenue", Decimal("22.1") * B, "FY2026Q2"),
        ("revenue_change", 39, "FY2026Q2"), ("capex", Decimal("34.9") * B, "FY2026Q1")]


def test_shares_of_a_market_listed_in_one_sentence_go_to_their_companies():
    text = ("In the third quarter, AWS, Azure and Google Cloud had roughly 30, 21 and 12 percent "
            "of worldwide cloud infrastructure spending, respectively.")
    assert [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-11-10")] == [
        ("Amazon", "market_share", 30), ("Microsoft", "market_share", 21), ("Alphabet", "market_share", 12)]


def test_amounts_in_spanish_with_dots_between_thousands():
    text = ("Telefónica invirtió 5.210 millones de euros (unos 6.100 millones de dólares) en 2024. "
            "Oracle elevó a unos 48.500 millones de dólares su previsión de inversiones de capital para el año fiscal 2026.")
    found = extract_facts(text, date=dt.date(2025, 12, 12))
    assert [(f.entity, f.metric, f.value, f.unit, f.period) for f in found] == [
        ("Telefónica", "capex", Decimal("5.21") * B, "EUR", "2024"), ("Oracle", "capex_plan", Decimal("48.5") * B, "USD", "FY2026")]
    assert [(a.value, a.unit) for a in found[0].also] == [(Decimal("6.1") * B, "USD")]


def test_a_results_statement_table_whose_rows_are_metrics_and_columns_years():
    text = ("Alphabet Announces Fourth Quarter 2025 Results\n\n"
            "Three months ended December 31 (in millions, except percentages; unaudited)\n\n"
            "| | 2025 | 2024 | Year-over-Year % Change |\n|---|---|---|---|\n"
            "| Revenues | $ 113,828 | $ 96,469 | 18 % |\n"
            "| Purchases of property and equipment | $ 27,851 | $ 14,276 | 95 % |\n"
            "| Google Cloud revenues | $ 17,664 | $ 11,955 | 48 % |\n"
            "| Other Bets revenues | $ 370 | $ 400 | (8) % |\n"
            "| Operating income | $ 35,934 | $ 30,972 | 16 % |\n")
    assert [(m, v, p, s, b) for m, v, p, s, b in ((f.metric, f.value, f.period, f.segment, f.basis)
                                                  for f in extract_facts(text, date=dt.date(2026, 2, 4)))] == [
        ("revenue", Decimal("113828e6"), "2025Q4", None, None), ("revenue", Decimal("96469e6"), "2024Q4", None, None),
        ("revenue_change", 18, "2025Q4", None, "yoy"),
        ("capex", Decimal("27851e6"), "2025Q4", None, None), ("capex", Decimal("14276e6"), "2024Q4", None, None),
        ("capex_change", 95, "2025Q4", None, "yoy"),
        ("revenue", Decimal("17664e6"), "2025Q4", "cloud", None), ("revenue", Decimal("11955e6"), "2024Q4", "cloud", None),
        ("revenue_change", 48, "2025Q4", "cloud", "yoy"),
        ("revenue", Decimal("370e6"), "2025Q4", None, None), ("revenue", Decimal("400e6"), "2024Q4", None, None),
        ("revenue_change", -8, "2025Q4", None, "yoy")]


def test_a_scorecard_whose_cells_carry_their_own_year():
    text = ("Money columns are in US$ billions.\n"
            "| Company | Capex, last FY | Capex guide, this FY | Capex / revenue, last FY |\n|---|---|---|---|\n"
            "| Meta | 39.2 (2024) | 64–72 (2025) | 24% |\n"
            "| Oracle | 6.9 (FY24) | ~25 (FY25) | 13% |\n")
    assert [(e, m, v, h, p) for e, m, v, h, p in ((f.entity, f.metric, f.value, f.high, f.period)
                                                  for f in extract_facts(text, date=dt.date(2025, 3, 2)))
            if m != "capex_to_revenue"] == [
        ("Meta", "capex", Decimal("39.2") * B, None, "2024"), ("Meta", "capex_plan", 64 * B, 72 * B, "2025"),
        ("Oracle", "capex", Decimal("6.9") * B, None, "FY2024"), ("Oracle", "capex_plan", 25 * B, None, "FY2025")]
    assert [(f.entity, f.value, f.period) for f in extract_facts(text, date=dt.date(2025, 3, 2)) if f.metric == "capex_to_revenue"] == [
        ("Meta", 24, "2024"), ("Oracle", 13, "FY2024")]  # the year of the cell under the header for the same time


def test_a_scorecard_cell_names_its_own_quarter_after_what_it_is_of():
    text = ("Money columns are in US$ billions.\n"
            "| Company | Capex, last FY | Cloud growth |\n|---|---|---|\n"
            "| Microsoft | 64.6 (FY24) | +33% (Azure, FQ1 FY26) |\n"
            "| Amazon | 83.0 (2024) | +20% (AWS, Q3 2025) |\n")
    got = [(f.entity, f.value, f.period) for f in extract_facts(text, date=dt.date(2025, 11, 20)) if f.unit == "%"]
    assert got == [("Microsoft", 33, "FY2026Q1"), ("Amazon", 20, "2025Q3")]


def test_an_analysts_fiscal_quarter_shorthand_is_in_the_companys_calendar():
    got = facts("$NVDA: FQ3 (Oct qtr) data center rev $48.1bn, +61% y/y. "
                "$MSFT: FQ1 (Sep qtr) capex $33.2bn incl. finance leases.", "2025-12-02")
    assert [(e, m, p) for e, m, _v, _u, p in got] == [
        ("Nvidia", "revenue", "FY2026Q3"), ("Nvidia", "revenue_change", "FY2026Q3"), ("Microsoft", "capex", "FY2026Q1")]


def test_a_quarter_ending_in_january_is_mostly_the_december_quarter():
    # Nvidia's November-to-January quarter ends last, but the story reports the December quarter
    text = ("Meta said capex was $22.1 billion in the fourth quarter. Nvidia's fiscal fourth quarter, "
            "which ended in January, brought data center revenue of $39.1 billion. "
            "Alphabet's capex rose 30% in the quarter.")
    got = {(e, m): p for e, m, _v, _u, p in facts(text, "2026-02-27")}
    assert got[("Alphabet", "capex_change")] == "2025Q4"
    assert got[("Nvidia", "revenue")] == "FY2026Q4"


def test_the_same_half_a_year_earlier_is_the_year_before():
    got = facts("SoftBank said net income for the first half of the fiscal year to March 2027 was ¥410 billion, "
                "against ¥305 billion in the same half a year earlier.", "2026-11-10")
    assert [(v, p) for _e, _m, v, _u, p in got] == [(410 * 10**9, "FY2027H1"), (305 * 10**9, "FY2026H1")]


def test_an_indian_story_in_crore_with_its_fiscal_years():
    got = facts("Bharti Airtel's data-centre arm Nxtra plans capex of ₹4,000 crore over FY27 and FY28. "
                "Infosys said revenue rose 3.1% to ₹44,490 crore in the July-September quarter (Q2 FY27).", "2026-11-20")
    assert got == [("Bharti Airtel", "capex_plan", Decimal("40e9"), "INR", "FY2027..FY2028"),
                   ("Infosys", "revenue_change", Decimal("3.1"), "%", "FY2027Q2"),
                   ("Infosys", "revenue", Decimal("444.9e9"), "INR", "FY2027Q2")]


def test_a_newsletter_scoreboard_with_cashtags_and_shortened_weekdays():
    text = ("Weekly wrap\n\n$MSFT FQ1'26 capex: 34.9B incl. finance leases (+74% Y/Y)\n"
            "CY26 capex guide: ~$120B, and CY27 goes up from there\nStock: -2.9% Thu\n")
    got = facts(text, "2025-11-02")
    assert ("Microsoft", "capex", Decimal("34.9e9"), "USD", "FY2026Q1") in got
    assert ("Microsoft", "capex_plan", Decimal("120e9"), "USD", "2026") in got
    assert ("Microsoft", "stock_change", Decimal("-2.9"), "%", "2025-10-30") in got


def test_a_text_forecast_table_whose_rows_are_metrics_and_columns_years():
    # text pulled from a broker's PDF: the header is indented past the row labels, the units are in each label
    text = ("Meta Platforms: raising estimates\n\nOur forecasts for Meta are below.\n\n"
            "                        2024A      2025E      2026E\n"
            "Revenue ($bn)           164.5      196.0      228.4\n"
            "Revenue growth (%)       21.9       19.2       16.5\n"
            "Capex ($bn)              39.2       71.0      110.0\n"
            "Capex/Sales (%)          23.8       36.2       48.2\n\n"
            "Source: company data, our estimates\n")
    got = [(f.entity, f.metric, f.value, f.unit, f.period) for f in extract_facts(text, date="2025-11-05")]
    assert got == [
        ("Meta", "revenue", Decimal("164.5") * B, "USD", "2024"), ("Meta", "revenue", 196 * B, "USD", "2025"),
        ("Meta", "revenue", Decimal("228.4") * B, "USD", "2026"),
        ("Meta", "revenue_change", Decimal("21.9"), "%", "2024"), ("Meta", "revenue_change", Decimal("19.2"), "%", "2025"),
        ("Meta", "revenue_change", Decimal("16.5"), "%", "2026"),
        ("Meta", "capex", Decimal("39.2") * B, "USD", "2024"), ("Meta", "capex_plan", 71 * B, "USD", "2025"),
        ("Meta", "capex_plan", 110 * B, "USD", "2026"),
        ("Meta", "capex_to_revenue", Decimal("23.8"), "%", "2024"), ("Meta", "capex_to_revenue", Decimal("36.2"), "%", "2025"),
        ("Meta", "capex_to_revenue", Decimal("48.2"), "%", "2026")]


def test_a_forecast_table_of_a_fiscal_year_company_keeps_its_fiscal_columns():
    text = ("Oracle: the capex bill grows\n\n"
            "| | FY25A | FY26E | FY27E |\n|---|---|---|---|\n"
            "| Capex ($bn) | 21.2 | 35.0 | 50.0 |\n| FCF ($bn) | -0.4 | -10.0 | 5.0 |\n")
    got = [(f.metric, f.value, f.period) for f in extract_facts(text, date="2025-12-12")]
    assert got[:3] == [("capex", Decimal("21.2") * B, "FY2025"), ("capex_plan", 35 * B, "FY2026"), ("capex_plan", 50 * B, "FY2027")]
    assert [m for m, _v, _p in got[3:]] == ["free_cash_flow"] * 3


@pytest.mark.parametrize(("sentence", "value"), [
    ("Oracle's after-hours loss widened to 4.2% while the call went on.", Decimal("-4.2")),
    ("Amazon's premarket gain has narrowed to 1.5% after the open.", Decimal("1.5")),
    ("Alphabet ended the regular session down 0.7% ahead of its report.", Decimal("-0.7")),
])
def test_a_move_in_a_trading_session_is_a_stock_move_of_the_day(sentence, value):
    assert facts(sentence, date="2025-10-29") == [(sentence.split("'")[0].split()[0], "stock_change", value, "%", "2025-10-29")]


def test_a_sentence_opening_a_year_back_gives_the_year_earlier_period():
    text = ("Amazon's capital spending reached $34.2 billion in the September quarter. "
            "A year earlier the same line was $22.6 billion. In the year-ago quarter AWS revenue was $27.5 billion.")
    assert [p for _e, _m, _v, _u, p in facts(text, date="2025-10-31")] == ["2025Q3", "2024Q3", "2024Q3"]


def test_an_interim_announcement_reads_its_defined_reporting_period():
    text = ("GDS Holdings announces interim results\n\n"
            "The board presents the results of the Group for the six months ended 30 June 2025 (the \"Reporting Period\").\n\n"
            "Revenues for the Reporting Period were RMB5,621.0 million, an increase of 12.4% over the same period of 2024.\n"
            "Loss for the Reporting Period was RMB310.2 million, as compared with RMB455.9 million for the corresponding period of 2024.\n"
            "Capital expenditure was RMB3,105.7 million.\n"
            "For the three months ended 30 June 2025, revenues were RMB2,870.3 million.\n")
    got = facts(text, date="2025-08-26")
    assert got == [
        ("GDS Holdings", "revenue", Decimal("5621.0") * M, "CNY", "2025H1"), ("GDS Holdings", "revenue_change", Decimal("12.4"), "%", "2025H1"),
        ("GDS Holdings", "net_income", Decimal("-310.2") * M, "CNY", "2025H1"), ("GDS Holdings", "net_income", Decimal("-455.9") * M, "CNY", "2024H1"),
        ("GDS Holdings", "capex", Decimal("3105.7") * M, "CNY", "2025H1"), ("GDS Holdings", "revenue", Decimal("2870.3") * M, "CNY", "2025Q2")]


@pytest.mark.parametrize(("words", "label"), [
    ("the six months ended June 30, 2025", "2025H1"),
    ("the nine months ended 30 September 2025", "YTD2025-09-30"),
    ("the three months ended 30 September 2025", "2025Q3"),
])
def test_months_ended_periods_in_filing_language(words, label):
    assert [p for *_r, p in facts(f"Alphabet's capital expenditures were $10 billion for {words}.", date="2025-11-01")] == [label]


QUARTERLY_REPORT = """Meta Platforms, Inc.

Management's discussion and analysis

The table below summarizes our results (in millions, except percentages; unaudited):

                                     Three Months Ended        Nine Months Ended
                                        September 30,             September 30,
                                      2024        2025         2024         2025
Revenue                            $ 40,589    $  51,242    $ 116,117    $ 140,718
Change in revenue
  year over year                        19 %        26 %         22 %         21 %
Operating income                   $ 17,350    $  20,535    $  48,390    $  58,800
Net income                         $ 15,688    $   2,709    $  43,001    $  38,300

Revenue by segment (in millions):

                                     Three Months Ended        Nine Months Ended
                                        September 30,             September 30,
                                      2024        2025         2024         2025
Family of Apps                     $ 40,318    $  50,772    $ 115,064    $ 139,510
Reality Labs                            270          470        1,053        1,208

Purchases of property and equipment were $18,829 million and $49,900 million for the three and nine months ended September 30, 2025, respectively, compared to $9,201 million and $27,600 million for the same periods of 2024.

As of September 30, 2025, we had $44.5 billion in cash, cash equivalents, and marketable securities, and $25.0 billion remained available under our share repurchase authorization.

The following table presents our cash flows (in millions):
                                                 Nine Months Ended September 30,
                                                     2024              2025
Net cash provided by operating activities        $ 70,500          $ 79,600
Net cash used in investing activities             (35,100)          (52,400)
Free cash flow                                      37,800            29,700
"""


def test_a_quarterly_report_reads_its_tables_of_stacked_headers_and_its_lists_of_periods():
    got = [(f.metric, f.value, f.period, f.segment) for f in extract_facts(QUARTERLY_REPORT, date="2025-10-30")]
    assert got[:4] == [("revenue", 40589 * M, "2024Q3", None), ("revenue", 51242 * M, "2025Q3", None),
                       ("revenue", 116117 * M, "YTD2024-09-30", None), ("revenue", 140718 * M, "YTD2025-09-30", None)]
    assert ("net_income", 2709 * M, "2025Q3", None) in got and ("net_income", 38300 * M, "YTD2025-09-30", None) in got
    assert ("revenue", 470 * M, "2025Q3", "reality_labs") in got and ("revenue", 139510 * M, "YTD2025-09-30", "family_of_apps") in got
    assert [(v, p) for m, v, p, _s in got if m == "capex"] == [
        (18829 * M, "2025Q3"), (49900 * M, "YTD2025-09-30"), (9201 * M, "2024Q3"), (27600 * M, "YTD2024-09-30")]
    assert [(v, p) for m, v, p, _s in got if m == "free_cash_flow"] == [(37800 * M, "YTD2024-09-30"), (29700 * M, "YTD2025-09-30")]
    # operating income, cash flows of operating and investing activities, the cash balance and the unused
    # buyback authorization are not facts of the schema
    assert {m for m, *_r in got} == {"revenue", "net_income", "capex", "free_cash_flow"}


def test_a_results_table_with_a_column_per_currency_and_a_change_column():
    text = ("Baidu announces third-quarter results\n\nKey figures (In millions of RMB, except percentages)\n\n"
            "| Item | Q3 2024 RMB | Q3 2025 RMB | Q3 2025 US$ | YoY |\n|---|---|---|---|---|\n"
            "| Total revenues | 33,557 | 31,174 | 4,380 | -7% |\n| Capital expenditures | 2,910 | 3,204 | 450 | 10% |\n")
    got = [(f.metric, f.value, f.unit, f.period, [(a.value, a.unit) for a in f.also]) for f in extract_facts(text, date="2025-11-20")]
    assert got == [
        ("revenue", 33557 * M, "CNY", "2024Q3", []), ("revenue", 31174 * M, "CNY", "2025Q3", [(4380 * M, "USD")]),
        ("revenue_change", -7, "%", "2025Q3", []),
        ("capex", 2910 * M, "CNY", "2024Q3", []), ("capex", 3204 * M, "CNY", "2025Q3", [(450 * M, "USD")]),
        ("capex_change", 10, "%", "2025Q3", [])]


def test_a_base_figure_compared_with_a_prior_view_keeps_the_year_of_the_figure_before_it():
    text = ("Amazon expects capital expenditures for 2025 of about $125 billion, compared to its prior expectation "
            "of approximately $118 billion, and a further increase in 2026.")
    assert [(m, v, p) for _e, m, v, _u, p in facts(text, date="2025-10-31")] == [
        ("capex_plan", 125 * B, "2025"), ("capex_plan", 118 * B, "2025")]


@pytest.mark.parametrize(("headline", "expected"), [
    ("Baidu stock sinks 5% as 2026 spending plan grows to 40 billion yuan",
     [("Baidu", "stock_change", -5, "%", "2026-03-19"), ("Baidu", "capex_plan", 40 * B, "CNY", "2026")]),
    ("Oracle tumbles 8% as cloud capex forecast soars", [("Oracle", "stock_change", -8, "%", "2026-03-19")]),
    ("JD.com's fourth-quarter revenue climbs 14% as AI investment doubles", [("JD.com", "revenue_change", 14, "%", "2025Q4")]),
])
def test_a_headline_in_the_present_tense_keeps_a_share_move_apart_from_the_clause_after_as(headline, expected):
    assert facts(headline, date="2026-03-19") == expected


def test_a_ticker_with_a_signed_move_beside_it_is_that_days_share_move():
    text = "**Oracle** (ORCL −4.6% Wednesday): FQ2 capex $12.0B; cloud infrastructure revenue +68% y/y."
    got = facts(text, date="2025-12-11")
    assert got[0] == ("Oracle", "stock_change", Decimal("-4.6"), "%", "2025-12-10")
    assert ("Oracle", "revenue_change", 68, "%", "FY2026Q2") in got  # "+68%" is a rise, whatever words are near
    assert all(m != "capex_change" for _e, m, *_r in got)


def test_a_headline_share_move_without_a_day_takes_the_day_its_story_gives_it():
    text = ("Baidu slides 5% as it doubles its AI spending plan\n\n"
            "Baidu shares fell 5% in New York on Tuesday after the search company said it would double spending on chips.")
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2026-03-18")]
    assert got == [("Baidu", "stock_change", -5, "2026-03-17"), ("Baidu", "stock_change", -5, "2026-03-17")]


def test_a_year_whose_clause_ends_at_a_semicolon_with_its_own_figure_does_not_date_the_next_clause():
    text = ("**Amazon** (AMZN +2.2% Friday): Q3 capex $34.2B; 2026 capex plan lifted to $150B; AWS revenue $33.0B, +20% y/y. "
            "Meta raised its capex forecast for this year to $70B-$72B; at the midpoint, that is 84% more than 2024.")
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2025-10-31")]
    assert ("Amazon", "revenue", 33 * B, "2025Q3") in got and ("Amazon", "revenue_change", 20, "2025Q3") in got
    assert ("Amazon", "capex_plan", 150 * B, "2026") in got
    assert ("Meta", "capex_plan", 70 * B, "2025") in got  # "at the midpoint" is the next clause's, not a raise by $70B
    assert ("Meta", "capex_change", 84, "2025") in got  # "that" points back at the clause before: its year stands


def test_a_sum_too_small_to_be_a_companys_result_is_not_a_fact():
    text = ("Nebius says more than 2,000 customers now spend over $250,000 a year with it, and converting at "
            "RMB 7.1 per dollar the plan is worth $14 billion. It reported no buybacks, or $0, in the quarter.")
    got = [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-11-12")]
    assert all(v == 0 or v >= M for _e, _m, v in got)


def test_money_returned_to_shareholders_and_an_index_gain_told_with_a_possessive_are_not_facts():
    text = ("Operating cash flow rose 20% to $40.1 billion in the quarter, and Alphabet returned $15.0 billion to shareholders. "
            "Alphabet shares are up 31% so far this year, well ahead of the Sensex's 4% gain and the TOPIX's 9% rise. "
            "Net income attributable to shareholders rose 12% to $28.2 billion.")
    got = [(m, v) for _e, m, v, _u, _p in facts(text, date="2025-11-12")]
    assert got == [("stock_change", 31), ("net_income_change", 12), ("net_income", Decimal("28.2") * B)]


def test_what_was_spent_in_the_quarter_and_the_plan_in_the_next_clause_keep_their_own_periods():
    text = ("Meta reported its third-quarter results on Wednesday. "
            "Meta spent $19.4 billion on servers and buildings in the quarter and expects to spend about $71 billion this year. "
            "Samsung said it would invest 300 trillion won over the four years through 2029.")
    assert [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2025-10-30")] == [
        ("Meta", "capex", Decimal("19.4") * B, "2025Q3"), ("Meta", "capex_plan", 71 * B, "2025"),
        ("Samsung", "capex_plan", 300_000 * B, "2026..2029")]


def test_another_companys_fiscal_quarter_in_a_story_told_in_the_main_companys_fiscal_years():
    text = ("Nvidia reported results for its fiscal first quarter of 2027 on Wednesday. "
            "Data center revenue rose 70% in fiscal 2027's first quarter. "
            "Adjusted earnings climbed 62% to $1.31 a share. "
            "Microsoft said its capital spending totaled $37.1 billion in its fiscal third quarter.")
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2026-05-21")]
    assert ("Nvidia", "eps_change", 62, "FY2027Q1") in got  # "to $1.31 a share": a change of earnings per share
    assert ("Microsoft", "capex", Decimal("37.1") * B, "FY2026Q3") in got  # Microsoft's own calendar: January to March 2026


def test_a_group_named_by_its_members_in_apposition_is_those_members():
    text = ("The three largest Chinese cloud and internet companies, Alibaba, Tencent and Baidu, spent 48 billion yuan "
            "in the third quarter, up 51%. The five largest U.S. cloud and internet companies spent about $140 billion.")
    assert [(e, m) for e, m, *_r in facts(text, date="2025-11-30")] == [
        ("Alibaba+Baidu+Tencent", "capex"), ("Alibaba+Baidu+Tencent", "capex_change"), ("US top cloud providers", "capex")]


def test_the_company_after_a_group_is_one_company_and_the_three_months_are_not_three_companies():
    text = ("Tencent, Alibaba and Baidu together spent 120 billion yuan on capital expenditure in the first three quarters of this year. "
            "The company's capex came to RMB 19.6 billion in the third quarter, the three months through September, a 40% increase from a year earlier. "
            "Revenue rose 15% to 192.9 billion yuan in the same quarter.")
    got = [(e, m, p) for e, m, _v, _u, p in facts(text, date="2025-11-20", title="Tencent steps up AI spending")]
    assert got == [("Alibaba+Baidu+Tencent", "capex", "YTD2025"), ("Tencent", "capex", "2025Q3"), ("Tencent", "capex_change", "2025Q3"),
                   ("Tencent", "revenue_change", "2025Q3"), ("Tencent", "revenue", "2025Q3")]


def test_public_money_in_a_clause_whose_subject_is_a_government_is_not_the_companys():
    text = ("Kakao said it would spend 600 billion won from 2026 through 2028 on GPUs for its models. "
            "The government has earmarked 9.4 trillion won for AI in next year's budget, and plans to steer part of a "
            "100 trillion won policy fund into chip plants. "
            "Naver expects to invest 1 trillion won this year; Seoul's science ministry will add 2 trillion won in grants.")
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2025-11-20")]
    assert got == [("Kakao", "capex_plan", 600 * B, "2026..2028"), ("Naver", "capex_plan", 1000 * B, "2025")]


def test_what_a_company_said_it_would_spend_is_a_plan_over_the_years_it_named():
    text = ("Oracle said in April 2025 it would invest $14bn in Ohio through 2031, across three campuses. "
            "As early as February 2025, the company had said it would spend about $25bn on data centres in fiscal 2025.")
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2026-09-30", title="Oracle's campuses")]
    assert got == [("Oracle", "capex_plan", 14 * B, "2025..2031"), ("Oracle", "capex_plan", 25 * B, "FY2025")]


def test_cutting_the_share_count_is_a_fall():
    text = "Last fiscal year Alibaba bought back $11.9 billion of stock, cutting its share count by 4.4%."
    got = [(m, v, p) for _e, m, v, _u, p in facts(text, date="2025-02-25")]
    assert got == [("share_buyback", Decimal("11.9") * B, "FY2024"), ("shares_outstanding_change", Decimal("-4.4"), "FY2024")]


def test_a_market_size_forecast_and_the_worlds_spending_are_not_a_companys_and_dell_oro_is_not_dell():
    text = ("Tencent raised its capex by 30% in the quarter. "
            "The country's cloud market is expected to reach 600 billion yuan by 2028, according to a research firm. "
            "Analysts at Dell'Oro estimate global data-centre spending will top $900 billion by 2028.")
    assert [(e, m) for e, m, *_r in facts(text, date="2025-11-14")] == [("Tencent", "capex_change")]


def test_sums_worked_out_under_a_supposition_are_not_facts_but_a_plan_with_a_condition_is():
    text = ("If ad revenue were to grow at 15% a year, it would reach about $90 billion by 2028. "
            "If we assume capex rises another 30%, you would be at roughly $150 billion next year. "
            "If regulators allow it, Meta will spend $12 billion on chips in 2026. "
            "If ad growth slips back under 15%, expect the spending debate to return.")
    assert [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-09-10", title="Meta")] == [("Meta", "capex_plan", 12 * B)]


def test_a_columnists_what_if_sum_is_not_a_fact_but_a_figure_that_is_only_compared_is():
    text = ("If the three keep raising budgets at half this year's pace, their combined 2027 outlay would top $700 billion. "
            "At a spending-to-sales ratio of 25%, Oracle on its own would be spending over $40 billion a year. "
            "At $95 billion, Amazon's budget would be the industry's largest. "
            "At a growth rate of 30%, Oracle's cloud revenue reached $4 billion in the quarter.")
    got = [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-11-03", title="Big Tech")]
    assert got == [("Amazon", "capex_plan", 95 * B), ("Oracle", "revenue_change", 30), ("Oracle", "revenue", 4 * B)]


def test_a_fiscal_year_a_company_expects_to_spend_in_is_a_plan_and_one_sites_cost_is_not_a_fact():
    text = ("KDDI and SoftBank Corp. expect capital expenditures of 800 billion yen and 500 billion yen for fiscal 2025, respectively. "
            "SoftBank Corp. will spend about 70 billion yen to build an AI data center in Sapporo. "
            "SoftBank Corp. shares rose 2.1% on Thursday.")
    got = [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-11-14", title="Japan's carriers")]
    assert got == [("KDDI", "capex_plan", 800 * B), ("SoftBank Corp", "capex_plan", 500 * B), ("SoftBank Corp", "stock_change", Decimal("2.1"))]


def test_a_business_unit_that_grew_is_its_revenue_not_the_stock_nor_the_capex_before_it():
    text = ("Amazon's AWS grew 19% in the quarter, yet the stock slid 1.4% the next day. "
            "• Microsoft: capex $30.1B in FQ4, Azure +35%, a touch above the 34% whisper. "
            "Azure held 22% of the cloud market, Google Cloud 11% and Alibaba Cloud 4%.")
    got = [(f.entity, f.metric, f.value, f.segment) for f in extract_facts(text, date="2025-07-31")]
    assert got == [("Amazon", "revenue_change", 19, "cloud"), ("Amazon", "stock_change", Decimal("-1.4"), None),
                   ("Microsoft", "capex", Decimal("30.1") * B, None), ("Microsoft", "revenue_change", 35, "azure"),
                   ("Microsoft", "market_share", 22, "cloud"), ("Alphabet", "market_share", 11, "cloud"), ("Alibaba", "market_share", 4, "cloud")]


def test_the_cloud_unit_after_a_sentence_on_rivals_is_the_storys_company():
    text = ("Baidu will lift AI spending sharply this year. "
            "Still, that is small next to Microsoft, which spent $88 billion last fiscal year. "
            "Revenue at the cloud unit grew 21% to 6.2 billion yuan in the December quarter.")
    got = [(e, m) for e, m, *_r in facts(text, date="2025-02-20", title="Baidu bets on AI")]
    assert got[-2:] == [("Baidu", "revenue_change"), ("Baidu", "revenue")]


def test_a_correction_notes_wrong_figure_is_not_a_fact_and_the_right_one_takes_its_place():
    text = ("Kuaishou spent more on servers in the quarter. "
            "Correction, March 3, 2026: A previous version of this story said Kuaishou's capital expenditure in 2025 was $12 billion. "
            "The correct figure is 12 billion yuan. "
            "Kuaishou shares rose 2% on Tuesday.")
    got = facts(text, date="2026-03-03", title="Kuaishou lifts AI spending")
    assert ("Kuaishou", "capex", 12 * B, "USD", "2025") not in got
    assert ("Kuaishou", "capex", 12 * B, "CNY", "2025") in got
    assert [m for _e, m, *_r in got].count("capex") == 1


def test_a_year_to_date_move_counted_to_a_named_day_ends_on_that_day():
    text = ("So far this year, Baidu and JD.com are up 31% and 12%, respectively, as of Thursday's close. "
            "Kuaishou shares are up 8% this year.")
    got = facts(text, date="2025-11-10")  # a Monday
    assert got == [("Baidu", "stock_change", 31, "%", "YTD2025-11-06"), ("JD.com", "stock_change", 12, "%", "YTD2025-11-06"),
                   ("Kuaishou", "stock_change", 8, "%", "YTD2025-11-10")]


def test_a_sentence_that_opens_with_a_company_but_gives_no_fact_still_makes_it_the_subject():
    text = ("Rakuten and LY Corp. both lifted their budgets this year. "
            "LY Corp. is turning an old warehouse in Chiba into a data center, at a cost of about 40 billion yen. "
            "The company's revenue for the April-September half of fiscal 2025 rose 6.1% to 980 billion yen.")
    got = facts(text, date="2025-11-20", title="Japan's internet groups spend on AI")
    assert got == [("LY Corp", "revenue_change", Decimal("6.1"), "%", "FY2025H1"), ("LY Corp", "revenue", 980 * B, "JPY", "FY2025H1")]


def test_money_said_to_have_been_spent_over_years_to_this_one_is_spending_not_a_plan():
    text = "Of the total, $4.1 billion was spent from 2022 through the end of this year, and the remaining $5 billion will be invested between 2026 and 2028."
    got = facts(text, date="2025-10-01", title="Oracle in Japan")
    assert got == [("Oracle", "capex", Decimal("4.1") * B, "USD", "2022..2025"), ("Oracle", "capex_plan", 5 * B, "USD", "2026..2028")]


def test_a_results_brief_in_title_case_and_capitals_with_its_year_ago_figures():
    text = ("BRIEF-Kuaishou Q3 Revenue RMB 35.5 Bln Vs RMB 31.1 Bln Year Ago\n"
            "* Q3 REVENUE RMB 35.55 BILLION VERSUS RMB 31.13 BILLION\n"
            "* Q3 NET INCOME RMB 4.95 BILLION VERSUS RMB 3.98 BILLION\n")
    got = facts(text, date="2025-11-19")
    assert got == [("Kuaishou", "revenue", Decimal("35.5") * B, "CNY", "2025Q3"), ("Kuaishou", "revenue", Decimal("31.1") * B, "CNY", "2024Q3"),
                   ("Kuaishou", "revenue", Decimal("35.55") * B, "CNY", "2025Q3"), ("Kuaishou", "revenue", Decimal("31.13") * B, "CNY", "2024Q3"),
                   ("Kuaishou", "net_income", Decimal("4.95") * B, "CNY", "2025Q3"), ("Kuaishou", "net_income", Decimal("3.98") * B, "CNY", "2024Q3")]


def test_a_day_named_with_a_capital_on_a_pledge_of_at_least_and_a_question_of_billions():
    text = ("Meta's $70 Billion Question\n\n"
            "On Oct. 30, 2024, Meta shares fell 4%. "
            "Tencent, which has pledged at least 100 billion yuan for AI, said on Oct. 31 its shares rose 1%.")
    got = facts(text, date="2025-08-08")
    assert got == [("Meta", "stock_change", -4, "%", "2024-10-30"), ("Tencent", "capex_plan", 100 * B, "CNY", "unknown"),
                   ("Tencent", "stock_change", 1, "%", "2024-10-31")]


def test_a_cash_flow_line_is_capex_as_an_amount_and_a_surprise_or_a_rankings_return_is_not_a_fact():
    text = ("Purchases of property and equipment, net of proceeds from sales and incentives: -$21.7 billion in the quarter. "
            "Revenue of $48.2 billion topped the consensus estimate, delivering a surprise of 2.9%. "
            "Stocks with the top rank have generated an average annual return of +21.5%. "
            "The company raised its growth forecast to the mid-30 percent range.")
    got = facts(text, date="2025-08-01", title="Oracle results")
    assert got == [("Oracle", "capex", Decimal("21.7") * B, "USD", "unknown"), ("Oracle", "revenue", Decimal("48.2") * B, "USD", "unknown")]


def test_a_company_with_its_chinese_name_before_an_aside_keeps_its_figures():
    text = ("Wiwynn Corp (緯穎), which builds servers for US cloud companies, reported revenue of NT$85.3 billion, "
            "up 121 percent from a year earlier. Cumulative revenue in the first 10 months rose 60 percent.")
    got = facts(text, date="2025-11-11")
    assert got == [("Wiwynn", "revenue", Decimal("85.3") * B, "TWD", "unknown"), ("Wiwynn", "revenue_change", 121, "%", "unknown"),
                   ("Wiwynn", "revenue_change", 60, "%", "YTD2025-10-31")]


def test_a_page_of_dated_briefs_reads_each_against_its_own_date():
    # An archive page with no date of its own: each brief's "Q3" is the quarter before its own date line,
    # and a trailing-twelve-months figure "versus" another is the year before.
    text = ("Briefs archive | Cloud\n\n"
            "BRIEF-Kingsoft Cloud Q2 results\n"
            "August 20, 2025 9:02 AM GMT\n"
            "* Q2 REVENUE RMB 2.35 BILLION, UP 24%\n\n"
            "BRIEF-Amazon.com Q3 Net Sales $180.2 Bln\n"
            "October 30, 2025 8:03 PM GMT\n"
            "* Q3 NET SALES INCREASED 13% TO $180.2 BILLION\n"
            "* TRAILING TWELVE MONTHS FREE CASH FLOW $14.8 BILLION VERSUS $47.7 BILLION\n")
    got = facts(text, date="2025-08-20")
    assert got == [("Kingsoft Cloud", "revenue", Decimal("2.35") * B, "CNY", "2025Q2"),
                   ("Kingsoft Cloud", "revenue_change", 24, "%", "2025Q2"),
                   ("Amazon", "revenue", Decimal("180.2") * B, "USD", "2025Q3"),
                   ("Amazon", "revenue_change", 13, "%", "2025Q3"),
                   ("Amazon", "revenue", Decimal("180.2") * B, "USD", "2025Q3"),
                   ("Amazon", "free_cash_flow", Decimal("14.8") * B, "USD", "TTM2025Q3"),
                   ("Amazon", "free_cash_flow", Decimal("47.7") * B, "USD", "TTM2024Q3")]
    spans = [f.quote == text[f.start:f.end] for f in extract_facts(text, date="2025-08-20")]
    assert spans and all(spans)


def test_what_a_company_buys_is_not_the_sellers_and_a_list_of_cash_burn_is_all_outflow():
    text = ("Anthropic has committed to purchase $30 billion of Azure compute capacity. "
            "All of it will be paid with cash Anthropic does not have. "
            "The company expects cash burn of about $3 billion this year and $5 billion in 2026, before the figure falls to $1 billion in 2027.")
    got = facts(text, date="2025-11-20")
    assert got == [("Anthropic", "capex_plan", 30 * B, "USD", "unknown"),
                   ("Anthropic", "free_cash_flow", -3 * B, "USD", "2025"), ("Anthropic", "free_cash_flow", -5 * B, "USD", "2026"),
                   ("Anthropic", "free_cash_flow", -1 * B, "USD", "2027")]
    # an inflow after an outflow keeps its sign
    assert facts("Alibaba's free cash flow was an outflow of RMB 2.9 billion, compared with an inflow of RMB 39.1 billion.",
                 date="2025-02-20") == [("Alibaba", "free_cash_flow", Decimal("-2.9") * B, "CNY", "unknown"),
                                        ("Alibaba", "free_cash_flow", Decimal("39.1") * B, "CNY", "unknown")]


def test_that_was_up_after_a_capex_level_is_capex_and_its_share_of_the_revenue_named_by_amount_is_the_ratio():
    text = ("Oracle spent $12 billion on capital expenditures in the quarter. "
            "That was up 210% from a year earlier and equal to roughly 75% of the $16 billion in revenue it booked.")
    got = facts(text, date="2025-12-12")
    assert [(e, m, v, u) for e, m, v, u, _p in got] == [
        ("Oracle", "capex", 12 * B, "USD"), ("Oracle", "capex_change", 210, "%"), ("Oracle", "capex_to_revenue", 75, "%"),
        ("Oracle", "revenue", 16 * B, "USD")]


def test_german_figures_with_mrd_and_prozent_their_verbs_and_fiscal_quarters():
    # "Mrd." does not end a sentence; German verbs of change, "freier Cashflow", compounds of "Umsatz",
    # "das laufende Jahr", "Geschäftsjahr 2025/26" and the twelve months just past
    text = ("Microsoft hat im zweiten Quartal seines Geschäftsjahres 2025/26 rund 37,5 Mrd. Dollar investiert. "
            "Der Konzernumsatz stieg um 17 Prozent auf 81,3 Mrd. Dollar. "
            "Der freie Cashflow sank in den vergangenen zwölf Monaten auf 5,9 Mrd. Dollar. "
            "Die Aktie verlor am Donnerstag 10 Prozent und damit rund 357 Mrd. Dollar an Börsenwert. "
            "Amazon will für das laufende Jahr rund 200 Mrd. Dollar ausgeben.")
    assert facts(text, date="2026-02-06") == [
        ("Microsoft", "capex", Decimal("37.5") * B, "USD", "FY2026Q2"),
        ("Microsoft", "revenue_change", 17, "%", "FY2026Q2"), ("Microsoft", "revenue", Decimal("81.3") * B, "USD", "FY2026Q2"),
        ("Microsoft", "free_cash_flow", Decimal("5.9") * B, "USD", "TTM2025Q4"),
        ("Microsoft", "stock_change", -10, "%", "2026-02-05"),
        ("Amazon", "capex_plan", 200 * B, "USD", "2026")]


def test_spanish_and_french_verbs_profit_ratios_fiscal_quarters_and_yesterday():
    text = ("El beneficio neto de Baidu se desplomó un 40%, hasta 3.000 millones de yuanes. "
            "Las acciones de Baidu cedieron ayer un 3,5% en Hong Kong. "
            "Microsoft destinó 34.900 millones de dólares a inversiones de capital en su primer trimestre fiscal. "
            "Rapportées aux ventes, les dépenses d'investissement de Microsoft représentent 45 % du chiffre d'affaires.")
    assert facts(text, date="2025-11-26") == [
        ("Baidu", "net_income_change", -40, "%", "2025Q3"), ("Baidu", "net_income", 3 * B, "CNY", "2025Q3"),
        ("Baidu", "stock_change", Decimal("-3.5"), "%", "2025-11-25"),
        ("Microsoft", "capex", Decimal("34.9") * B, "USD", "FY2026Q1"),
        ("Microsoft", "capex_to_revenue", 45, "%", "FY2026Q1")]


def test_a_fall_from_the_peak_is_not_a_move_and_the_shares_of_an_unknown_company_are_not_the_subjects():
    text = ("Las acciones de Oracle cayeron un 9% el martes y acumulan una caída del 35% desde el máximo de septiembre, "
            "aunque todavía suben un 21% en lo que va de año. "
            "Shares of Acmecorp, a rival, rose 2.4% yesterday.")
    assert facts(text, date="2025-12-17") == [("Oracle", "stock_change", -9, "%", "2025-12-16"),
                                              ("Oracle", "stock_change", 21, "%", "YTD2025-12-17")]


def test_an_income_statements_expense_and_pre_tax_lines_are_not_revenue_or_profit():
    text = ("Nebius Group reported results.\n\n"
            "(in thousands; unaudited)\n"
            "| | Three Months Ended September 30, 2025 | Three Months Ended September 30, 2024 |\n"
            "| Revenue | 146,100 | 43,300 |\n"
            "| Sales and marketing | 41,200 | 15,800 |\n"
            "| Loss before income taxes | (120,500) | (95,400) |\n"
            "| Loss on fair value adjustments | (10,300) | 4,100 |\n"
            "| Net loss | (119,600) | (92,100) |\n")
    got = facts(text, date="2025-11-11")
    assert [m for _e, m, _v, _u, _p in got] == ["revenue", "revenue", "net_income", "net_income"]


def test_a_list_of_legal_names_with_combined_after_them_and_a_quarter_named_from_month_to_month():
    text = ("Oracle Corp., Alphabet Inc. and Meta Platforms Inc. are expected to report combined capital expenditures of "
            "about $60 billion for the July-to-September period, up 70% from a year earlier.")
    assert facts(text, date="2025-10-20") == [("Alphabet+Meta+Oracle", "capex", 60 * B, "USD", "2025Q3"),
                                              ("Alphabet+Meta+Oracle", "capex_change", 70, "%", "2025Q3")]


def test_a_move_the_next_day_is_dated_the_trading_day_after_the_day_named_before():
    text = ("Tencent reported its results on Thursday, Nov. 13. Its Hong Kong shares fell 2% the next day. "
            "Baidu published its numbers on Friday and its stock slid 4% in the following session. "
            "JD.com's US shares rose 3% on November 18, the day after its report, while its Hong Kong shares gained 1% the following session.")
    got = [(e, v, p) for e, _m, v, _u, p in facts(text, date="2025-11-26", title="China tech")]
    assert got == [("Tencent", -2, "2025-11-14"), ("Baidu", -4, "2025-11-24"),
                   ("JD.com", 3, "2025-11-18"), ("JD.com", 1, "2025-11-19")]


def test_a_press_release_reads_its_own_listed_company_that_the_registry_does_not_know():
    text = ("Pune, January 29, 2026: Sahyadri Cloudworks Limited (NSE: SAHYCLD | BSE: 543987) today announced its results "
            "for the quarter ended December 31, 2025. Revenue from operations rose 31.5% to ₹842.7 crore in Q3 FY26. "
            "PAT was ₹118.4 crore, up 22.0%. Its tenants include Microsoft and two other hyperscalers. "
            "The company spent ₹610 crore on new capacity during the quarter.")
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2026-01-29")]
    assert got[:4] == [("Sahyadri Cloudworks", "revenue_change", Decimal("31.5"), "FY2026Q3"),
                       ("Sahyadri Cloudworks", "revenue", Decimal("8.427e9"), "FY2026Q3"),
                       ("Sahyadri Cloudworks", "net_income", Decimal("1.184e9"), "FY2026Q3"),
                       ("Sahyadri Cloudworks", "net_income_change", Decimal("22.0"), "FY2026Q3")]
    assert all(e == "Sahyadri Cloudworks" for e, *_r in got)  # not the tenant named along the way


def test_italian_and_french_results_words():
    text = ("Nel terzo trimestre i ricavi di Samsung sono saliti del 9% a 79.100 miliardi di won, "
            "mentre l'utile netto è sceso del 4% a 9.800 miliardi di won. "
            "Au troisième trimestre, le chiffre d'affaires d'Alphabet a progressé de 14 % à 96,4 milliards de dollars.")
    got = [(e, m, v, u, p) for e, m, v, u, p in facts(text, date="2025-10-31")]
    assert got == [("Samsung", "revenue_change", 9, "%", "2025Q3"), ("Samsung", "revenue", Decimal("79.1e12"), "KRW", "2025Q3"),
                   ("Samsung", "net_income_change", -4, "%", "2025Q3"), ("Samsung", "net_income", Decimal("9.8e12"), "KRW", "2025Q3"),
                   ("Alphabet", "revenue_change", 14, "%", "2025Q3"), ("Alphabet", "revenue", Decimal("96.4") * B, "USD", "2025Q3")]


@pytest.mark.parametrize("verb", ["incurred", "booked", "logged"])
def test_capex_a_company_says_it_incurred_or_booked_is_spent_not_planned(verb):
    # an undated figure is a plan only when nothing says it is already spent
    got = facts(f"Tencent {verb} capital expenditure of RMB 19.9 billion, it said in a filing.", date="2025-11-14")
    assert [(e, m, v) for e, m, v, _u, _p in got] == [("Tencent", "capex", Decimal("19.9") * B)]


def test_a_company_named_in_an_aside_about_an_unnamed_subject_is_not_the_spender():
    text = ("Equinix raises its budget for AI-ready sites\n\n"
            "Equinix reported results on Wednesday. The data-centre operator, which counts Microsoft among its "
            "largest tenants, spent $1.2 billion on capital expenditures in the third quarter.")
    got = facts(text, date="2025-11-10")
    assert [(e, m, v, p) for e, m, v, _u, p in got] == [("Equinix", "capex", Decimal("1.2") * B, "2025Q3")]


@pytest.mark.parametrize("text, expected", [
    ("Le titre Oracle progresse de 14 % depuis le 1er janvier.", [("Oracle", 14, "YTD2025-11-10")]),
    ("Il titolo Oracle guadagna il 14% da inizio anno e cede il 2% nella seduta di oggi.",
     [("Oracle", 14, "YTD2025-11-10"), ("Oracle", -2, "2025-11-10")]),
    ("Il titolo Oracle ha perso il 3% venerdì.", [("Oracle", -3, "2025-11-07")]),
    ("L'action Oracle a cédé 4 % jeudi, ramenant sa hausse depuis le début de l'année à près de 20 %.",
     [("Oracle", -4, "2025-11-06"), ("Oracle", 20, "YTD2025-11-10")]),
    ("Oracle stock added 1.5% on Thursday, taking its rise since January to almost 30%.",
     [("Oracle", Decimal("1.5"), "2025-11-06"), ("Oracle", 30, "YTD2025-11-10")]),
])
def test_share_moves_of_the_day_and_the_year_in_french_italian_and_english(text, expected):
    got = [(e, v, p) for e, m, v, _u, p in facts(text, date="2025-11-10") if m == "stock_change"]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    ("Naver shares rose 2.3% in Seoul on Monday.", ["kr"]),
    ("SoftBank slumped 7.2% in Tokyo, and TSMC slipped 1.4% in Taipei.", ["jp", "tw"]),
    ("In Seoul, Naver fell 3.8% and Samsung Electronics lost 2.1%.", ["kr", "kr"]),
    ("Alibaba's US-listed shares rose 2.3%, but the Hong Kong stock edged down 0.6%.", ["us", "hk"]),
    ("Samsung Electronics shares rose 3% on Monday.", [None]),
])
def test_a_share_move_names_the_market_the_text_places_it_in(text, expected):
    got = [f.segment for f in extract_facts(text, date="2025-11-10") if f.metric == "stock_change"]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    ("By our count, Oracle, Alphabet and Meta spent roughly $250 billion in 2025, up 60% from $156 billion in 2024.",
     [("Alphabet+Meta+Oracle", "capex", 250 * B, "2025"), ("Alphabet+Meta+Oracle", "capex_change", 60, "2025"),
      ("Alphabet+Meta+Oracle", "capex", 156 * B, "2024")]),
    ("Alibaba and Tencent will invest $50 billion over the next three years.",
     [("Alibaba+Tencent", "capex_plan", 50 * B, "2025..2027")]),
    # two sums, or "each", are each company's own
    ("Oracle and Meta spent $12 billion and $19 billion in the third quarter.",
     [("Oracle", "capex", 12 * B, "2025Q3"), ("Meta", "capex", 19 * B, "2025Q3")]),
])
def test_a_list_of_companies_that_spends_one_sum_spends_it_together(text, expected):
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2025-11-10")]
    assert got == expected


def test_a_list_under_a_head_takes_its_metric_and_year_and_a_bracketed_base_keeps_its_own():
    text = ("Notes from the week.\n\n"
            "📌 Capex guidance for 2026:\n"
            "▪️ Oracle: ~$60B (vs. ~$35B in 2025)\n"
            "▪️ Meta: $120B–$140B (2025 actual: $72B)\n\n"
            "Revenue at Oracle was $16 billion in the quarter.")
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2026-02-06")]
    assert got[:4] == [("Oracle", "capex_plan", 60 * B, "2026"), ("Oracle", "capex", 35 * B, "2025"),
                       ("Meta", "capex_plan", 120 * B, "2026"), ("Meta", "capex", 72 * B, "2025")]
    assert got[4][:3] == ("Oracle", "revenue", 16 * B)  # the list has ended


@pytest.mark.parametrize("text", [
    "Oracle, Meta, Amazon and Alphabet keep building. Together the four big spenders put $98 billion into capex between "
    "July and September, up 70% on the year. Amazon and Alphabet led, with $31.5 and $23.9 billion, respectively.",
    "Oracle, Meta, Amazon y Alphabet siguen construyendo. Las cuatro grandes tecnológicas invirtieron conjuntamente 98.000 "
    "millones de dólares entre julio y septiembre, un 70% más que un año antes. Amazon y Alphabet encabezaron la lista, "
    "con 31.500 y 23.900 millones de dólares, respectivamente.",
])
def test_the_n_named_companies_their_change_and_the_parts_of_their_total_in_english_and_spanish(text):
    got = [(e, m, v, p) for e, m, v, _u, p in facts(text, date="2025-11-03")]
    group = "Alphabet+Amazon+Meta+Oracle"
    assert got == [(group, "capex", 98 * B, "2025Q3"), (group, "capex_change", 70, "2025Q3"),
                   ("Amazon", "capex", Decimal("31.5") * B, "2025Q3"), ("Alphabet", "capex", Decimal("23.9") * B, "2025Q3")]


def test_a_unit_in_the_next_clause_is_not_the_segment_of_the_figure_before_it():
    text = "Alphabet reported on Tuesday. Sales came to $96.1 billion, up 14%, and Google Cloud took in $13.6 billion, up 31%."
    got = [(f.metric, f.value, f.segment) for f in extract_facts(text, date="2025-07-25")]
    assert got == [("revenue", Decimal("96.1") * B, None), ("revenue_change", 14, None),
                   ("revenue", Decimal("13.6") * B, "cloud"), ("revenue_change", 31, "cloud")]


@pytest.mark.parametrize("text, expected", [
    ("Meta invirtió 19.400 millones de dólares en el trimestre y calcula que su desembolso para "
     "el conjunto del año rondará los 71.000 millones.",
     [("capex", Decimal("19.4") * B, "2025Q3"), ("capex_plan", 71 * B, "2025")]),
    ("Le groupe a investi 19,4 milliards de dollars sur le trimestre et table sur environ "
     "71 milliards de dollars de capex sur l'année.",
     [("capex", Decimal("19.4") * B, "2025Q3"), ("capex_plan", 71 * B, "2025")]),
])
def test_spent_in_the_quarter_and_planned_for_the_year_in_spanish_and_french(text, expected):
    got = [(m, v, p) for e, m, v, _u, p in facts("Meta reported third-quarter results on Wednesday.\n\n" + text, date="2025-11-03")]
    assert got == expected


def test_sales_a_buyback_and_a_fall_of_profit_in_spanish():
    text = ("Meta presentó sus resultados del tercer trimestre. La facturación alcanzó los 51.200 millones de dólares, un 26% más. "
            "El beneficio neto se hundió un 83%. La compañía recompró acciones propias por valor de 3.200 millones de dólares.")
    got = [(m, v) for e, m, v, _u, p in facts(text, date="2025-11-03")]
    assert got == [("revenue", Decimal("51.2") * B), ("revenue_change", 26), ("net_income_change", -83),
                   ("share_buyback", Decimal("3.2") * B)]


def test_an_encyclopedia_table_in_us_billions_with_approximate_and_range_cells_and_a_fiscal_note_mark():
    text = ("Spending by company\n\n"
            "Capital spending of selected US companies (US$ billions)[3]\n"
            "Company\t2023\t2024\t2025\t2026 (guidance)\n"
            "Meta Platforms\t28.1\t39.2\t72.2\t115–135\n"
            "Amazon\t52.7\t83.0\t131.8\t~200\n"
            "Oracle[a]\t8.7\t6.9\t21.2\t~50\n"
            "Notes\n"
            "a. Fiscal years end on 31 May.\n")
    got = [(f.entity, f.metric, f.value, f.high, f.period) for f in extract_facts(text, date="2026-03-20")]
    assert got[3] == ("Meta", "capex_plan", 115 * B, 135 * B, "2026")
    assert got[7] == ("Amazon", "capex_plan", 200 * B, None, "2026")
    assert got[8:] == [("Oracle", "capex", Decimal("8.7") * B, None, "FY2023"), ("Oracle", "capex", Decimal("6.9") * B, None, "FY2024"),
                       ("Oracle", "capex", Decimal("21.2") * B, None, "FY2025"), ("Oracle", "capex_plan", 50 * B, None, "FY2026")]


@pytest.mark.parametrize("text, expected", [
    ("Fujitsu Ltd. climbed as much as 9% in Tokyo before closing up 4.1%.", [("jp", 9), ("jp", Decimal("4.1"))]),
    ("Baidu Inc. fell 2.4% after its earnings, and Tencent Holdings Ltd. rose 0.6%.", [(None, Decimal("-2.4")), (None, Decimal("0.6"))]),
])
def test_a_company_with_its_legal_suffix_moves_on_the_market(text, expected):
    got = [(f.segment, f.value) for f in extract_facts(text, date="2025-11-20") if f.metric == "stock_change"]
    assert got == expected


def test_an_index_move_is_not_the_last_companys_and_hyperscalers_at_a_sentence_start_are_the_group():
    text = ('TSMC shares rose 1.5% in Taipei. Japan\'s Nikkei 225 Stock Average gained 2.2% to 48,100. '
            '"Hyperscalers will spend well over $380 billion this year," one strategist said.')
    got = [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-11-20")]
    assert got == [("TSMC", "stock_change", Decimal("1.5")), ("US hyperscalers", "capex_plan", 380 * B)]


def test_a_hong_kong_results_table_in_rmb_million_with_a_long_label_and_gross_profit_left_out():
    text = ("Tencent Holdings Limited announces interim results.\n\n"
            "FINANCIAL HIGHLIGHTS\n\n"
            "                                        Three months ended 30 June\n"
            "                                         2025          2024      Year-on-\n"
            "                                   RMB'Million   RMB'Million   year change\n"
            "Revenues                               180,000       160,000          13%\n"
            "Gross profit                           100,000        85,000          18%\n"
            "Profit attributable to equity holders of the Company     50,000        45,000          11%\n"
            "Operating profit                        65,000        55,000          18%\n")
    got = [(m, v, p) for e, m, v, _u, p in facts(text, date="2025-08-13") if e == "Tencent"]
    assert got == [("revenue", 180 * B, "2025Q2"), ("revenue", 160 * B, "2024Q2"), ("revenue_change", 13, "2025Q2"),
                   ("net_income", 50 * B, "2025Q2"), ("net_income", 45 * B, "2024Q2"), ("net_income_change", 11, "2025Q2")]


def test_a_brokers_estimates_table_is_the_notes_company_after_a_sentence_comparing_it_with_a_peer():
    text = ("Alibaba: cloud pays for the capex\n\n"
            "Alibaba's cloud revenue grew 30% and Alibaba beat on margins. On our numbers the stock trades at 18x FY27E P/E, against Tencent on 16x CY26E.\n\n"
            "Exhibit 2: Estimates (RMB bn; fiscal year ends March)\n\n"
            "                              FY2025A    FY2026E\n"
            "Capex                            85.5      125.0\n"
            "Revenue                         996.3    1,030.0\n")
    got = {(e, m, p) for e, m, v, _u, p in facts(text, date="2025-11-26") if m in ("capex", "capex_plan", "revenue")}
    assert got == {("Alibaba", "capex", "FY2025"), ("Alibaba", "capex_plan", "FY2026"), ("Alibaba", "revenue", "FY2025"),
                   ("Alibaba", "revenue", "FY2026")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Meta's quarterly profit shrank 83% to $2.71 billion after it booked a one-time tax charge of $15.9 billion.",
     [("net_income_change", -83), ("net_income", Decimal("2.71") * B)]),
    ("Baidu took an impairment charge of 16.2 billion yuan on older servers.", []),
    ("Alibaba wrote down RMB9.5 billion of investments, and net income rose 5% to RMB43 billion.",
     [("net_income_change", 5), ("net_income", 43 * B)]),
    ("Tencent said profit attributable to non-controlling interests was RMB1.2 billion.", []),
    ("El beneficio neto de Meta cayó un 83%, hasta 2.710 millones de dólares, lastrado por un cargo fiscal único de 15.900 millones.",
     [("net_income_change", -83), ("net_income", Decimal("2.71") * B)]),
])
def test_a_charge_a_write_down_and_minority_interests_are_not_profit_or_revenue(text, expected):
    assert [(m, v) for _e, m, v, _u, _p in facts(text)] == expected


@pytest.mark.parametrize("text", [
    "Baidu registró unas pérdidas netas de 11.200 millones de yuanes en el tercer trimestre.",
    "Baidu a enregistré une perte nette de 11,2 milliards de yuans au troisième trimestre.",
    "Baidu wies im dritten Quartal einen Nettoverlust von 11,2 Milliarden Yuan aus.",
])
def test_a_net_loss_in_other_languages_is_negative_net_income(text):
    assert facts(text, date="2025-11-20") == [("Baidu", "net_income", Decimal("-11.2") * B, "CNY", "2025Q3")]


def test_a_possessive_aside_after_the_subject_does_not_own_the_figure():
    text = "Oracle, Meta's partner on the Texas campus, expects capital spending of about $35 billion in the fiscal year ending May 2026."
    assert facts(text, date="2025-11-13") == [("Oracle", "capex_plan", 35 * B, "USD", "FY2026")]


def test_a_company_that_moves_after_a_relative_clause_about_it_is_its_share_price():
    text = "Kioxia, which makes the flash memory that AI servers store their data on, has climbed 140% this year."
    assert facts(text, date="2025-11-13") == [("Kioxia", "stock_change", 140, "%", "YTD2025-11-13")]


def test_a_base_a_year_ago_in_brackets_is_not_of_the_period_named_after_the_brackets():
    text = ("Tencent results\n\nTencent reported its third-quarter results on Thursday. Capex of RMB13bn in the quarter "
            "(vs. RMB17.1bn a year ago) brings the trailing four-quarter total to about RMB78bn.")
    got = [(v, p) for _e, m, v, _u, p in facts(text, date="2025-11-14") if m == "capex"]
    assert got == [(13 * B, "2025Q3"), (Decimal("17.1") * B, "2024Q3"), (78 * B, "TTM2025Q3")]


def test_a_sentence_opening_with_the_subjects_product_keeps_the_subject():
    text = ("Big Tech earnings, in brief\n\nAmazon: capex $34.2B in Q3, AWS +20%.\n\n"
            "Apple: capex $3.2B in the quarter. Revenue $102.5B, up 8%. iPhone sales came in light. Shares -0.4% after hours.")
    assert [(e, v) for e, m, v, _u, _p in facts(text, date="2025-10-31") if m == "stock_change"] == [("Apple", Decimal("-0.4"))]


def test_a_camel_case_name_after_a_full_stop_opens_the_next_sentence():
    text = ("xAI raises $20 billion\n\nElon Musk's xAI closed a $20 billion round. Nvidia and Cisco joined as backers. "
            "xAI did not disclose its valuation. The company's net loss widened to $1.46 billion in the September quarter.")
    assert [(e, m) for e, m, _v, _u, _p in facts(text, date="2026-01-07") if m == "net_income"] == [("xAI", "net_income")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Microsoft's revenue increased $12.1 billion or 18% driven by its cloud.",
     [("revenue_change", Decimal("12.1") * B, "USD"), ("revenue_change", 18, "%")]),
    ("Alphabet's revenue rose $5 billion to $102 billion.", [("revenue_change", 5 * B, "USD"), ("revenue", 102 * B, "USD")]),
    ("Meta's net income fell by $2 billion to $18.6 billion.",
     [("net_income_change", -2 * B, "USD"), ("net_income", Decimal("18.6") * B, "USD")]),
    ("Microsoft's cash used in investing increased $8.8 billion to $23.0 billion.", []),
])
def test_the_money_a_level_moved_by_is_a_change_in_money(text, expected):
    assert [(m, v, u) for _e, m, v, u, _p in facts(text)] == expected


def test_a_funding_round_and_a_pre_tax_gain_are_not_recorded():
    text = "Amazon said net income was $21.2 billion, helped by a pre-tax gain of $9.5 billion on its Anthropic investment."
    assert facts(text, date="2025-10-31") == [("Amazon", "net_income", Decimal("21.2") * B, "USD", "unknown")]
    assert facts("Elon Musk's xAI has closed a $20 billion Series E, the company said Tuesday.", date="2026-01-07") == []
    assert facts("Anthropic's last priced round valued it at $183 billion.", date="2026-01-07") == []


def test_a_company_named_with_its_legal_form_gets_its_figures_not_the_last_registered_one():
    text = ("Johor's data-centre builders\n\nOracle plans to spend more than US$6.5bil on a cloud region in Malaysia. "
            "Among local players, Kinta Grid Holdings Bhd (KGH) is building a 300MW campus near Kulai with Nvidia chips. "
            "For its financial year ended June 30, 2025, the group reported a net profit of RM1.12bil, down 6.3% from RM1.20bil. "
            "KGH shares rose 2.2% yesterday.")
    got = facts(text, date="2026-01-14")
    assert [f for f in got if f[0] == "Oracle"] == [("Oracle", "capex_plan", Decimal("6.5") * B, "USD", "unknown")]
    assert [f for f in got if f[0] != "Oracle"] == [
        ("Kinta Grid", "net_income", Decimal("1.12") * B, "MYR", "FY2025"),
        ("Kinta Grid", "net_income_change", Decimal("-6.3"), "%", "FY2025"),
        ("Kinta Grid", "net_income", Decimal("1.20") * B, "MYR", "FY2024"),  # the base it fell from: the year before
        ("Kinta Grid", "stock_change", Decimal("2.2"), "%", "2026-01-13"),
    ]


def test_a_company_introduced_by_what_it_is_gets_its_figures():
    text = ("Gulf AI\n\nG42 is adding capacity across the UAE. Investors have also piled into Lumen Peak AI, the G42-backed "
            "analytics company listed in Abu Dhabi. Lumen Peak said third-quarter revenue rose 38% to Dh640 million.")
    got = facts(text, date="2025-11-12")
    assert [(e, m, u) for e, m, _v, u, _p in got] == [("Lumen Peak", "revenue_change", "%"), ("Lumen Peak", "revenue", "AED")]
    # a sentence that opens on a connector introduces no one
    text = "Xiaomi results\n\nXiaomi reported on Tuesday. However, the company grew adjusted net profit 13% to RMB 3.2 billion."
    assert {e for e, *_ in facts(text, date="2025-05-28")} == {"Xiaomi"}


def test_a_descriptor_of_a_company_named_before_gets_its_figures():
    text = ("Big Tech results\n\nApple and Alphabet reported on Thursday. The iPhone maker said revenue rose 7% to $98.4 billion. "
            "The search giant said it would spend $88 billion on capital projects this year.")
    assert facts(text, date="2025-10-31") == [
        ("Apple", "revenue_change", Decimal("7"), "%", "unknown"),
        ("Apple", "revenue", Decimal("98.4") * B, "USD", "unknown"),  # the company, not its iPhone segment
        ("Alphabet", "capex_plan", Decimal("88") * B, "USD", "2025"),
    ]
    german = ("Quartalszahlen\n\nAmazon und Microsoft legten am Donnerstag Zahlen vor. "
              "Der Onlinehändler will 2026 rund 150 Milliarden Dollar investieren.")
    assert [(e, m) for e, m, *_ in facts(german, date="2026-02-06")] == [("Amazon", "capex_plan")]


def test_a_months_revenue_and_its_changes_on_year_and_on_month():
    text = ("Taiwan suppliers\n\nQuanta posted November consolidated revenue of NT$181.2 billion, up 44.1% on year "
            "and down 3.6% on month. Its revenue for January-November reached NT$1.81 trillion.")
    got = [(f.metric, f.value, f.period, f.basis) for f in extract_facts(text, date="2025-12-10")]
    assert got == [
        ("revenue", Decimal("181.2") * B, "2025-11", None),
        ("revenue_change", Decimal("44.1"), "2025-11", "yoy"),
        ("revenue_change", Decimal("-3.6"), "2025-11", "mom"),
        ("revenue", Decimal("1.81") * 1000 * B, "YTD2025-11-30", None),
    ]


@pytest.mark.parametrize(("text", "bases"), [
    # a translation's order: the comparison leads into its figure; "month-on-month" for a quarter is the quarter before
    ("Baidu's capital expenditure in the quarter was RMB 3.4 billion, year-on-year increase of 41%, month-on-month "
     "decrease of 12%.", ["yoy", "qoq"]),
    ("Wistron's October revenue rose 12% from September and was 90% higher than in the same month of 2024.", ["mom", "yoy"]),
])
def test_the_basis_of_each_change(text, bases):
    got = [f.basis for f in extract_facts(text, date="2025-11-14") if f.unit == "%"]
    assert got == bases


def test_a_share_return_since_a_past_year_runs_to_now():
    text = "AMD's shares have returned about 400% since it won its first big cloud order in mid-2022."
    assert [(f.metric, f.value, f.period, f.basis) for f in extract_facts(text, date="2025-09-14")] == [
        ("stock_change", Decimal("400"), "2022..2025", "multi_year")]


@pytest.mark.parametrize(("text", "base_period"), [
    ("Meta said full-year revenue for 2025 rose 22% to $201 billion from $165 billion.", "2024"),
    ("Meta raised its 2025 capex forecast to $72 billion from $68 billion.", "2025"),  # the old figure of the same plan
    ("Meta's third-quarter revenue rose 2% to $51 billion from $50 billion in the June quarter.", "2025Q2"),
])
def test_the_base_a_reported_level_moved_from_is_of_the_year_before(text, base_period):
    got = facts(text, date="2025-11-12")
    assert got[-1][4] == base_period


def test_what_ai_adds_to_an_economy_is_not_spending():
    assert facts("Alibaba expects its cloud investments to add 500 billion yuan to China's GDP by 2030.", date="2025-11-12") == []


def test_a_press_release_s_own_company_keeps_the_short_name_it_gives_itself():
    text = ('Orrin Cloud N.V. ("Orrin" or the "Company") (NASDAQ: ORRN) today announced results. Meta is a customer. '
            "Orrin expects 2026 revenue of $3 billion to $3.5 billion.")
    assert [(e, m) for e, m, *_ in facts(text, date="2026-02-18")] == [("Orrin Cloud", "revenue")]


def test_reliance_by_its_short_name_is_reliance_industries():
    text = "Meta and Jio formed a venture. For the September quarter, Reliance reported net profit of Rs 18,000 crore."
    assert [(e, m) for e, m, *_ in facts(text, date="2025-11-14")] == [("Reliance Industries", "net_income")]


def test_a_table_with_a_column_per_company_gives_each_cell_to_its_column():
    text = ("Hyperscaler capex by quarter\n\nCapital spending, in billions of US dollars, calendar quarters.\n\n"
            "| Quarter | Meta | Alphabet | Total |\n|---|---|---|---|\n| Q2 2025 | 17.0 | 22.4 | 39.4 |\n"
            "| Q3 2025 | 19.4 | 24.0 | 43.4 |\n| YoY, Q3 | +111% | +83% | +94% |\n\nMore below.")
    got = facts(text, date="2025-11-10")
    assert ("Meta", "capex", Decimal("17.0") * B, "USD", "2025Q2") in got
    assert ("Alphabet", "capex", 24 * B, "USD", "2025Q3") in got
    assert ("Alphabet+Meta", "capex", Decimal("43.4") * B, "USD", "2025Q3") in got
    assert ("Alphabet", "capex_change", 83, "%", "2025Q3") in got
    assert len(got) == 9


def test_a_forecast_raised_by_a_sum_gives_the_sum_and_the_new_level():
    text = "Oracle raised its fiscal 2026 capital spending forecast by $15 billion to $50 billion on Wednesday."
    got = facts(text, date="2025-12-11")
    assert [(m, v, p) for _e, m, v, _u, p in got] == [("capex_change", 15 * B, "FY2026"), ("capex_plan", 50 * B, "FY2026")]


def test_a_section_heading_with_a_company_and_a_sum_does_not_take_the_metric_of_the_section_before():
    text = ("How much the giants will spend on AI this year\n\n"
            "Alphabet: $91 billion\n\nIt lifted its 2025 capex guidance again in October.\n\n"
            "What it gets: Google Cloud revenue climbed 34% to $15.2 billion in the quarter.\n\n"
            "Meta: as much as $72 billion\n\nMeta now guides to 2025 capex of $70 billion to $72 billion.")
    got = facts(text, date="2025-11-03")
    assert ("Meta", "capex_plan", 72 * B, "USD", "2025") in got
    assert not [f for f in got if f[0] == "Meta" and f[1] == "revenue"]


@pytest.mark.parametrize("text", [
    "Broadcom reported results on Thursday. The company forecast revenue of $19 billion for the current quarter.",
    "Broadcom reported results on Thursday. It forecast revenue of $19 billion for the current quarter.",
])
def test_a_company_s_own_forecast_is_a_fact_and_an_analysts_forecast_is_not(text):
    assert [(m, v) for _e, m, v, _u, _p in facts(text, date="2025-12-12")] == [("revenue", 19 * B)]
    assert facts("Broadcom reported results on Thursday. Analysts forecast revenue of $18.5 billion.", date="2025-12-12") == []


def test_a_german_results_story_in_a_company_s_fiscal_quarters():
    text = ("Im dritten Quartal des Geschäftsjahres 2025/26, das Ende März endete, stiegen Microsofts Investitionen auf "
            "40,1 Milliarden Dollar. Der Umsatz des Softwarekonzerns kletterte um 16 Prozent auf 84,2 Milliarden Dollar.")
    got = facts(text, date="2026-04-30")
    assert ("Microsoft", "capex", Decimal("40.1") * B, "USD", "FY2026Q3") in got
    assert ("Microsoft", "revenue", Decimal("84.2") * B, "USD", "FY2026Q3") in got


def test_a_by_the_numbers_line_belongs_to_the_company_named_after_its_colon():
    text = ("The AI bill keeps growing.\n\nBy the numbers:\n"
            "- $72 billion: Meta's capex guidance for 2025, the top of its range.\n"
            "- 39%: Microsoft's Azure revenue growth in the September quarter.\n"
            "- $118 billion: Combined capex of Amazon and Alphabet in the quarter.\n")
    got = facts(text, date="2025-11-03")
    assert [e for e, *_ in got] == ["Meta", "Microsoft", "Alphabet+Amazon"]


def test_a_live_quote_beside_a_ticker_is_not_a_reported_move():
    text = "Nvidia (NVDA 1.02%) leads the AI trade. Shares of Oracle (NYSE: ORCL -2.31%) are volatile. Oracle fell 3% on Friday."
    assert [(e, m, v) for e, m, v, _u, _p in facts(text, date="2025-11-22")] == [("Oracle", "stock_change", -3)]


def test_the_figure_a_correction_sets_aside_is_not_a_fact():
    text = ("(Corrects paragraph 4 to show that Meta's capital spending in the quarter was $19.4 billion, not $18.4 billion, "
            "and that revenue rose 26%, not 24%)")
    assert [(m, v) for _e, m, v, _u, _p in facts(text, date="2025-10-30")] == [("capex", Decimal("19.4") * B), ("revenue_change", 26)]
