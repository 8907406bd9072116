"""parse.periods: periods as written, resolved against the article's date and fiscal calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from capexwatch.parse.periods import Reference, find_periods

D = dt.date

FROM_THE_WILD = [
    # Chinese
    ("集團上季收入", Reference(D(2025, 11, 14)), "2025Q3"),
    ("2025年第三季度營收", Reference(), "2025Q3"),
    ("過去4個季度的資本開支", Reference(D(2025, 11, 14)), "TTM2025Q3"),
    ("上半年資本開支", Reference(D(2025, 9, 1)), "2025H1"),
    ("今年以來股價", Reference(D(2025, 9, 1)), "YTD2025-09-01"),
    ("明年資本開支", Reference(D(2025, 9, 1)), "2026"),
    ("2026財年", Reference(), "FY2026"),
    ("阿里2024年資本開支", Reference(), "2024"),
    # German, Portuguese, Spanish, French
    ("in diesem Jahr", Reference(D(2025, 5, 2)), "2025"),
    ("im Vorjahr", Reference(D(2025, 5, 2)), "2024"),
    ("in den nächsten vier Jahren", Reference(D(2025, 5, 2)), "2025..2028"),
    ("no ano passado", Reference(D(2025, 3, 19)), "2024"),
    ("No quarto trimestre", Reference(D(2025, 3, 19)), "2024Q4"),
    ("el próximo año", Reference(D(2025, 3, 19)), "2026"),
    ("l'an dernier", Reference(D(2025, 3, 19)), "2024"),
    ("In the June quarter", Reference(D(2025, 9, 1)), "2025Q2"),
    ("in the past 12 months", Reference(D(2025, 9, 1)), "TTM2025Q2"),
    ("capex in the year to March 2025", Reference(D(2025, 9, 1)), "FY2025"),
    ("the financial year ended 31 March 2026", Reference(D(2026, 6, 1)), "FY2026"),
    # British "financial year", and a fiscal year named by its last month only
    ("by the 2029 financial year", Reference(D(2025, 10, 2)), "FY2029"),
    ("spending rose in the financial year to June", Reference(D(2025, 10, 2)), "FY2025"),
    ("it plans $40 billion of capex in its fiscal year to May", Reference(D(2025, 10, 2)), "FY2026"),
    ("it expects capex of $50 billion in the year to the end of May", Reference(D(2025, 12, 12)), "FY2026"),
    ("the year to December, the year to date", Reference(D(2025, 12, 12)), "YTD2025-12-12"),
    # a half named by its months, in the company's year or the calendar's; years up to the article's
    ("sales in the October-March half of fiscal 2024", Reference(D(2025, 5, 20), fiscal_year_end=3), "FY2024H2"),
    ("sales in the April-September half of fiscal 2025", Reference(D(2025, 11, 20), fiscal_year_end=3), "FY2025H1"),
    ("the July-December half of 2025", Reference(D(2026, 3, 1)), "2025H2"),
    ("spent from 2022 through the end of this year", Reference(D(2025, 10, 1)), "2022..2025"),
    ("capex of $125 billion for full year 2025", Reference(year=2024), "2025"),
    ("in the first 10 months of the year", Reference(D(2025, 11, 11)), "YTD2025-10-31"),
    ("invested between 2021 and last year", Reference(D(2025, 10, 1)), "2021..2024"),
    # the years that end with a named one; a quarter of a fiscal year written year first
    ("to invest 300 trillion won over the four years through 2029", Reference(D(2025, 11, 3)), "2026..2029"),
    ("a $20 billion programme in the three years to 2027", Reference(D(2025, 3, 3)), "2025..2027"),
    ("capex in the third quarter of its 2026 fiscal year", Reference(D(2026, 2, 20), fiscal_year_end=3), "FY2026Q3"),
    ("it spent $88bn in its fiscal year that ended in June and will spend more", Reference(D(2025, 10, 14), fiscal_year_end=6), "FY2025"),
    ("for this financial year", Reference(D(2025, 10, 2), fiscal_year_end=3), "FY2026"),
    # filings: periods ended, and a span of two years running
    ("for the six months ended 30 June 2025", Reference(D(2025, 8, 28)), "2025H1"),
    ("for the nine months ended September 30, 2025", Reference(D(2025, 10, 30)), "YTD2025-09-30"),
    ("in the three months ended 31 March 2026", Reference(D(2026, 5, 2)), "2026Q1"),
    ("it will invest across 2026 and 2027, officials said", Reference(D(2025, 10, 2)), "2026..2027"),
    ("*TENCENT 3Q CAPEX", Reference(D(2025, 11, 14)), "2025Q3"),
    ("over the twelve months to June", Reference(D(2025, 11, 3)), "TTM2025Q2"),
    ("for the December quarter", Reference(D(2025, 2, 24)), "2024Q4"),
    ("an 11% increase last quarter", Reference(D(2025, 2, 24)), "2024Q4"),
    ("over the past quarter", Reference(D(2025, 8, 29)), "2025Q2"),
    ("next year", Reference(D(2025, 12, 23)), "2026"),
    ("so far this year", Reference(D(2025, 12, 22)), "YTD2025-12-22"),
    ("up 78% since January", Reference(D(2025, 11, 12)), "YTD2025-11-12"),
    ("since the start of the year", Reference(D(2025, 11, 12)), "YTD2025-11-12"),
    ("year-to-date", Reference(year=2025), "YTD2025"),
    ("over the next three years", Reference(D(2025, 2, 24)), "2025..2027"),
    ("Q4 2025", Reference(), "2025Q4"),
    ("4Q25", Reference(), "2025Q4"),
    ("fiscal 2026", Reference(), "FY2026"),
    ("FY26", Reference(), "FY2026"),
    ("Q2 Fiscal 2026", Reference(), "FY2026Q2"),
    ("fiscal third-quarter 2026", Reference(), "FY2026Q3"),
    ("the third quarter of fiscal year 2026", Reference(), "FY2026Q3"),
    ("the first half of 2025", Reference(), "2025H1"),
    ("the first six months of 2025", Reference(), "2025H1"),
    ("4Q FY26", Reference(), "FY2026Q4"),
    # an analyst's fiscal shorthand, and a Japanese company's year named by the month it ends
    ("FQ1 (Sep qtr) capex", Reference(D(2025, 11, 1), fiscal_year_end=6), "FY2026Q1"),
    ("guides FQ3-26 capex lower", Reference(), "FY2026Q3"),
    ("+39% (Azure, FQ2 FY26)", Reference(), "FY2026Q2"),
    ("the FQ4'25 print", Reference(), "FY2025Q4"),
    ("capex for FY3/27 of ¥1.5 trillion", Reference(), "FY2027"),
    ("its fiscal '28 outlook", Reference(), "FY2028"),
    ("in the first half of the fiscal year through March 2027", Reference(), "FY2027H1"),
    # a first half with no year: a March company's own (April–September) when reported, the calendar's in a plan
    ("first-half operating profit doubled", Reference(D(2026, 11, 12), fiscal_year_end=3), "FY2027H1"),
    ("it plans to spend half of it in the first half", Reference(D(2026, 3, 1), fiscal_year_end=3), "2026H1"),
    ("its share in the first half of the year", Reference(D(2026, 11, 12), fiscal_year_end=3), "2026H1"),
    ("first-half revenue rose 9%", Reference(D(2026, 8, 20)), "2026H1"),
    ("operating profit rose 12% over the half", Reference(D(2026, 11, 12), fiscal_year_end=3), "FY2027H1"),
    ("brought in 20 billion yuan in the six months, up 9%", Reference(D(2026, 8, 20)), "2026H1"),
    ("for the half, sales fell", Reference(D(2026, 2, 20)), "2025H2"),
    # fiscal-year spans, India's one-year "FY2025-26", and two years named with "and"
    ("a plan of ₹6,000 crore over FY27 and FY28", Reference(), "FY2027..FY2028"),
    ("capacity to be built between FY26 and FY29", Reference(), "FY2026..FY2029"),
    ("capex guidance for FY27-FY29", Reference(), "FY2027..FY2029"),
    ("FY2025-26 capex", Reference(), "FY2026"),
    ("would invest $2 billion for 2026 and 2027", Reference(), "2026..2027"),
    ("invertirá entre 2025 y 2028", Reference(), "2025..2028"),
    ("investira 3 milliards en 2026 et 2027", Reference(), "2026..2027"),
    # a quarter named twice, the second time in brackets: the fiscal label stands
    ("sales in the July-September quarter (Q2 FY27) rose", Reference(D(2026, 11, 1), fiscal_year_end=3), "FY2027Q2"),
    ("3QFY2026", Reference(), "FY2026Q3"),
    ("in the first nine months of 2025", Reference(), "YTD2025"),
    ("over the first three quarters of the year", Reference(D(2025, 11, 20)), "YTD2025"),
    ("H1 2025", Reference(), "2025H1"),
    ("for 2025 to 2027", Reference(), "2025..2027"),
    ("the three-year AI and cloud budget announced in February", Reference(D(2025, 11, 26)), "2025..2027"),
    ("the three-year investment plan announced in February last year", Reference(D(2026, 2, 24)), "2025..2027"),
    ("the three-year plan unveiled in March", Reference(D(2026, 1, 26)), "2025..2027"),
    ("its three-year programme, announced on Feb. 24, is", Reference(D(2025, 3, 10)), "2025..2027"),
    ("its three-year budget to 480 billion from the 380 billion it pledged in February 2025", Reference(D(2026, 2, 6)), "2025..2027"),
    ("the 380 billion it pledged in February last year to spend on AI over three years", Reference(D(2026, 3, 4)), "2025..2027"),
    ("which in February pledged to spend 380 billion yuan over three years", Reference(D(2025, 12, 23)), "2025..2027"),
    ("the sum it committed in March to invest over the next five years", Reference(D(2026, 1, 10)), "2025..2029"),
    ("the July-September quarter", Reference(D(2025, 11, 18)), "2025Q3"),
    ("Alibaba 2026 fiscal year first quarter realizes the income", Reference(D(2025, 8, 29), fiscal_year_end=3), "FY2026Q1"),
    ("RMB 31.8 billion in the December quarter of 2024", Reference(D(2026, 2, 19)), "2024Q4"),
    ("in the July-September period", Reference(D(2025, 11, 14)), "2025Q3"),
    ("the April–June three-month period", Reference(D(2025, 8, 29)), "2025Q2"),
    ("the fourth quarter of last year", Reference(D(2025, 7, 24)), "2024Q4"),
    ("the quarter ended September 30, 2025", Reference(), "2025Q3"),
    ("the quarter ended Dec. 31, 2025", Reference(), "2025Q4"),
    ("the first quarter of Microsoft's fiscal 2026", Reference(), "FY2026Q1"),
    ("its fiscal year ending June", Reference(D(2025, 1, 29), fiscal_year_end=6), "FY2025"),
    ("the September quarter", Reference(D(2025, 11, 25), fiscal_year_end=3, fiscal_label_year=2026), "2025Q3"),
    ("the three months ended Sept. 30", Reference(D(2025, 10, 30), fiscal_year_end=6, fiscal_label_year=2026), "FY2026Q1"),
    ("the first half of the fiscal year ending March 2026", Reference(), "FY2026H1"),
    ("annual revenue is expected to reach", Reference(D(2025, 12, 11)), "2025"),
    # in an article that speaks in fiscal quarters, the full year is the fiscal year
    ("annual revenue is expected to reach", Reference(year=2026, fiscal_year_end=5, fiscal_label_year=2026), "FY2026"),
    ("capex for the full year", Reference(D(2025, 10, 30), fiscal_year_end=6, fiscal_label_year=2026), "FY2026"),
    # an undated article of 2026 can report 2026's third quarter, but only 2025's fourth
    ("Q3 revenue", Reference(year=2026), "2026Q3"),
    ("Q4 revenue", Reference(year=2026), "2025Q4"),
    ("the fourth quarter", Reference(year=2026), "2025Q4"),
    ("the December quarter", Reference(year=2026), "2025Q4"),
    # a forecast names the quarter under way or the next one; a report, the last one ended
    ("capex in the September quarter will top", Reference(D(2025, 8, 1)), "2025Q3"),
    ("expects December-quarter sales to grow", Reference(D(2025, 10, 30)), "2025Q4"),
    ("capex in the September quarter was", Reference(D(2025, 8, 1)), "2024Q3"),
    ("the June quarter will be remembered", Reference(D(2025, 8, 1)), "2025Q2"),
    # a broker's columns: actual and estimated years, fiscal or calendar
    ("2024A", Reference(D(2026, 2, 9)), "2024"),
    ("FY26E capex", Reference(D(2026, 2, 9)), "FY2026"),
    ("CY25E", Reference(D(2026, 2, 9)), "2025"),
]


@pytest.mark.parametrize("text,ref,label", FROM_THE_WILD, ids=[c[0] for c in FROM_THE_WILD])
def test_periods_from_the_wild(text, ref, label):
    assert [p.label for p in find_periods(text, ref)] == [label]


def test_fiscal_quarters_without_a_year_take_the_companys_calendar():
    ref = Reference(D(2025, 10, 30), fiscal_year_end=6)
    assert [p.label for p in find_periods("in its fiscal first quarter", ref)] == ["FY2026Q1"]


def test_a_quarter_said_in_months_follows_a_fiscal_article():
    ref = Reference(D(2025, 10, 30), fiscal_year_end=6, fiscal_label_year=2026)
    assert [p.label for p in find_periods("in the three months to September", ref)] == ["FY2026Q1"]


def test_a_calendar_label_in_the_future_is_a_fiscal_one():
    ref = Reference(D(2025, 8, 7), fiscal_year_end=3)  # SoftBank reports "the first quarter of 2026"
    assert [p.label for p in find_periods("the first quarter of 2026", ref)] == ["FY2026Q1"]


def test_a_bare_quarter_takes_the_year_the_article_gives_it():
    ref = Reference(year=2026, quarter_years=((4, 2025),))
    assert [p.label for p in find_periods("$35.6 billion Q4 revenue", ref)] == ["2025Q4"]


def test_a_later_years_quarter_in_an_undated_article_is_fiscal_for_a_non_calendar_company():
    # Microsoft's "Q1 2026" in an article that otherwise speaks of 2025: it has already been reported
    microsoft = Reference(year=2025, fiscal_year_end=6)
    assert [p.label for p in find_periods("for its Q1 2026", microsoft)] == ["FY2026Q1"]
    assert [p.label for p in find_periods("for its Q1 2026", Reference(year=2025))] == ["2026Q1"]


def test_a_bare_quarter_reads_its_year_as_the_article_named_it():
    # "the first quarter of 2026" was SoftBank's fiscal quarter; "for the first quarter" later is too
    ref = Reference(D(2025, 8, 7), fiscal_year_end=3, quarter_years=((1, 2026),))
    assert [p.label for p in find_periods("net income for the first quarter", ref)] == ["FY2026Q1"]
    calendar = Reference(D(2025, 8, 7), quarter_years=((1, 2025),))
    assert [p.label for p in find_periods("net income for the first quarter", calendar)] == ["2025Q1"]


def test_comparison_bases_are_marked():
    [period] = find_periods("up 22% from 2023", Reference())
    assert period.base and period.label == "2023"


def test_over_the_past_twelve_months_is_a_duration_not_a_comparison_base():
    ref = Reference(D(2025, 10, 21))
    [period] = find_periods("Over the past 12 months free cash flow fell", ref)
    assert (period.label, period.base) == ("TTM2025Q3", False)
    [period] = find_periods("up 20% over 2024", ref)
    assert (period.label, period.base) == ("2024", True)


def test_a_span_of_years_opened_with_from_is_a_duration_but_two_years_compared_are_a_base():
    ref = Reference(D(2025, 11, 17))
    [period] = find_periods("plans to spend 500 billion won from 2026 through 2028 on servers", ref)
    assert (period.label, period.base) == ("2026..2028", False)
    [period] = find_periods("capex rose 10% from 2024 to 2025", ref)
    assert period.base


def test_a_plan_through_a_year_runs_from_the_year_it_was_made():
    ref = Reference(D(2026, 10, 14))
    assert [p.label for p in find_periods("will put $12bn into Ohio through 2030", ref)] == ["2026..2030"]
    # the year it was said opens the range and is not a period of its own
    assert [p.label for p in find_periods("said in March 2025 it would put $12bn into Ohio through 2030", ref)] == ["2025..2030"]


@pytest.mark.parametrize(("text", "label"), [
    ("plans to put $80 billion into data centres over five years", "2026..2030"),
    ("a pledge spread over three years", "2026..2028"),
    ("said in May 2025 it would spend $3 billion on cloud capacity over two years", "2025..2026"),
    ("up to $500 billion over four years from 2025", "2025..2028"),
    ("RMB380 billion over three years starting in 2025", "2025..2027"),
    ("RMB380 billion over three years (2025-2027)", "2025..2027"),
    ("an investment of $15 billion over five years from 2026 to 2030", "2026..2030"),
])
def test_a_plan_over_n_years_runs_from_the_year_it_was_made_or_starts(text, label):
    assert [p.label for p in find_periods(text, Reference(D(2026, 3, 2)))] == [label]


def test_a_plan_over_n_years_in_a_sentence_that_opens_on_its_year():
    text = "In March 2025, the two groups set up a venture that would invest $40 billion over four years"
    assert [p.label for p in find_periods(text, Reference(D(2026, 3, 2)))] == ["2025", "2025..2028"]


@pytest.mark.parametrize("text", ["the steepest fall in over two years", "the highest level for over three years",
                                  "a stake bought over two years ago", "over four years of construction"])
def test_over_n_years_that_is_no_plan(text):
    assert find_periods(text, Reference(D(2026, 3, 2))) == []


@pytest.mark.parametrize("text", ["capex over the trailing four quarters", "brings the trailing four-quarter total to RMB120bn",
                                  "spending over the last 4 quarters"])
def test_four_quarters_are_twelve_months(text):
    assert [p.label for p in find_periods(text, Reference(D(2025, 11, 26)))] == ["TTM2025Q3"]


@pytest.mark.parametrize("text", ["since its 2014 listing"[:0] + "a 3-year high", "2,000 engineers", "$2025 million"])
def test_not_periods(text):
    assert find_periods(text, Reference(D(2025, 1, 1))) == []


def test_the_year_of_a_full_date_is_a_day_not_a_year():
    ref = Reference(D(2026, 2, 19), fiscal_year_end=3)
    labels = [p.label for p in find_periods("capex for fiscal year 2026, which ends on March 31, 2026, to exceed RMB150 billion", ref)]
    assert labels == ["FY2026"]
    assert find_periods("As of December 31, 2025, we had 18,402 million shares outstanding", ref) == []
    assert [p.label for p in find_periods("to spend $5bn by December 31, 2026", ref)] == ["2026"]  # a deadline's year


def test_relative_periods_need_a_date():
    assert find_periods("over the next three years", Reference()) == []
    assert find_periods("next year", Reference()) == []


def test_an_annual_run_rate_is_not_a_year():
    assert find_periods("a $37 billion annual revenue run rate", Reference(D(2026, 4, 30))) == []


@pytest.mark.parametrize(("text", "date", "label"), [
    ("For Q2, SMIC expects revenue to decline 4% to 6%", D(2025, 5, 9), "2025Q2"),
    ("For the fourth quarter the company expects net sales of $206 billion", D(2025, 10, 31), "2025Q4"),
    ("Guidance for the first quarter calls for revenue of $60 billion", D(2025, 12, 20), "2026Q1"),
    # a quarter already reported stays the last one, whatever the sentence goes on to expect
    ("First-quarter revenue rose 5% and the company expects growth to continue", D(2025, 5, 9), "2025Q1"),
    ("Second-quarter revenue rose 5%", D(2025, 5, 9), "2024Q2"),
])
def test_guidance_for_a_bare_quarter_is_for_the_quarter_under_way_or_the_next(text, date, label):
    assert [p.label for p in find_periods(text, Reference(date))] == [label]


def test_a_multi_year_plan_without_a_start_has_no_period():
    assert find_periods("its $53 billion three-year pledge", Reference(D(2025, 11, 26))) == []


def test_two_years_in_a_list_stay_two_years():
    ref = Reference(D(2026, 3, 1))
    assert [p.label for p in find_periods("$10bn and $12bn in 2025 and 2026, respectively", ref)] == ["2025", "2026"]
    assert [p.label for p in find_periods("FY25 and FY26 capex of 10 and 12", ref)] == ["FY2025", "FY2026"]
    assert [p.label for p in find_periods("in 2023 and 2025 it cut prices", ref)] == ["2023", "2025"]  # not running years


@pytest.mark.parametrize(("text", "fye", "label"), [
    ("bought back stock last fiscal year", 3, "FY2024"),  # 2025-02-25: Alibaba's year to March 2025 is under way
    ("growth should reach 40% in the next fiscal year", 3, "FY2026"),
    ("capex rises next fiscal year", 12, "2026"),  # a calendar-year company's fiscal year is the calendar's
    ("over the three years through fiscal 2027", 3, "FY2025..FY2027"),
    ("trailing-twelve-month free cash flow", 12, "TTM2024Q4"),
    ("trailing 12-month revenue", 12, "TTM2024Q4"),
])
def test_relative_fiscal_years_spans_through_a_fiscal_year_and_hyphenated_trailing_twelve_months(text, fye, label):
    assert [p.label for p in find_periods(text, Reference(D(2025, 2, 25), fiscal_year_end=fye))] == [label]


@pytest.mark.parametrize(("text", "label"), [
    ("capex between July and September rose", "2025Q3"),
    ("spending from October to December 2024", "2024Q4"),
    ("entre julio y septiembre, el gasto", "2025Q3"),
    ("sur le trimestre juillet-septembre", "2025Q3"),
    ("tra luglio e settembre gli investimenti", "2025Q3"),
    ("von Juli bis September stiegen", "2025Q3"),
    ("between January and June the company", "2025H1"),
])
def test_a_quarter_or_half_named_by_its_first_and_last_months(text, label):
    assert [p.label for p in find_periods(text, Reference(D(2025, 11, 3)))] == [label]


def test_months_that_are_no_quarter_are_no_period():
    assert find_periods("between May and July the company", Reference(D(2025, 11, 3))) == []


@pytest.mark.parametrize("text", [
    "el primer trimestre de su ejercicio fiscal",
    "il primo trimestre dell'esercizio fiscale",
])
def test_a_fiscal_quarter_said_in_spanish_or_italian(text):
    assert [p.label for p in find_periods(text, Reference(D(2025, 11, 3), fiscal_year_end=6))] == ["FY2026Q1"]


@pytest.mark.parametrize("text", ["anticipe 70 milliards sur l'année", "rondará los 125.000 millones para el conjunto del año",
                                  "erwartet im Gesamtjahr 70 Milliarden"])
def test_the_full_year_said_in_french_spanish_or_german(text):
    assert [p.label for p in find_periods(text, Reference(D(2025, 11, 3)))] == ["2025"]


def test_a_quarter_compared_with_in_italian_is_a_base():
    found = find_periods("in crescita del 19% rispetto al trimestre aprile-giugno", Reference(D(2025, 10, 30)))
    assert [(p.label, p.base) for p in found] == [("2025Q2", True)]


def test_a_quarter_ended_on_a_day_written_before_the_month_keeps_its_year():
    found = find_periods("Three months ended 30 June 2024", Reference(D(2025, 8, 13)))
    assert [p.label for p in found] == ["2024Q2"]


@pytest.mark.parametrize(("text", "fye", "label"), [
    ("revenue of $57 billion for its October quarter", 1, "FY2026Q3"),   # Nvidia's year ends in January
    ("and is guiding to $65 billion for the January quarter", 1, "FY2026Q4"),
    ("cloud revenue rose 55% in the August quarter", 5, "FY2026Q1"),     # Oracle's ends in May
])
def test_a_quarter_named_by_a_month_off_the_calendars_is_the_companys_fiscal_quarter(text, fye, label):
    assert [p.label for p in find_periods(text, Reference(D(2025, 12, 13), fiscal_year_end=fye))] == [label]


def test_a_december_company_has_no_october_quarter():
    assert find_periods("revenue for the October quarter", Reference(D(2025, 12, 13))) == []


@pytest.mark.parametrize(("text", "labels"), [
    # a month's own figure, the last such month by the article's date (January 2026)
    ("Hon Hai's November sales climbed to a record", [("2025-11", False)]),
    ("revenue for August 2025 was the highest on record", [("2025-08", False)]),
    ("In November alone, turnover fell 4% from October", [("2025-11", False), ("2025-10", True)]),
    ("Wistron said its revenue last month more than doubled", [("2025-12", False)]),
    ("Dec rev +21% Y/Y", [("2025-12", False)]),
    ("the supplier's monthly consolidated revenue slipped 3%", [("2025-12", False)]),
    ("sales for January-November rose 31%", [("YTD2025-11-30", False)]),
    # not a month's figure: the date something was said, a quarter, a fiscal year named by its last month
    ("In November, Quanta said it would build a plant in Texas", []),
    ("sales in the December quarter", [("2025Q4", False)]),
    ("capex of $35 billion in its fiscal year ending in May", [("FY2026", False)]),
    ("spent $22bn in the three months to the end of September alone", [("2025Q3", False)]),
])
def test_a_months_own_figure_is_of_that_month(text, labels):
    found = find_periods(text, Reference(D(2026, 1, 9), fiscal_year_end=5 if "May" in text else 12))
    assert [(p.label, p.base) for p in found] == labels


@pytest.mark.parametrize(("text", "labels"), [
    ("the shares have returned about 900% since the company listed in early 2021", [("2021..2025", False)]),
    ("it has put €250 million into data centres in Ireland since 2022", [("2022..2025", False)]),
    ("Since the start of 2025, the stock is down 9%", [("YTD2025-09-14", False)]),
    # a record it is compared with is a base, not the figure's period
    ("the fastest growth since 2022", [("2022", True)]),
    ("its steepest one-day drop since March 2020", [("2020", True)]),
])
def test_since_a_year_runs_to_the_articles_year_unless_it_dates_a_record(text, labels):
    assert [(p.label, p.base) for p in find_periods(text, Reference(D(2025, 9, 14)))] == labels


@pytest.mark.parametrize(("text", "day", "label"), [
    ("für das vierte Quartal des Geschäftsjahres 2026", D(2026, 1, 30), "FY2026Q4"),  # the nominative ordinal too
    ("Its annual facility investment reached 48 trillion won", D(2025, 11, 30), "2025"),
])
def test_a_german_fiscal_quarter_and_an_annual_spending_noun(text, day, label):
    assert [p.label for p in find_periods(text, Reference(day))] == [label]


def test_twelve_months_to_an_abbreviated_month():
    found = find_periods("free cash flow for the 12 months to Dec. 2025 was $11.2B", Reference(D(2026, 2, 10)))
    assert [p.label for p in found] == ["TTM2025Q4"]


@pytest.mark.parametrize(("text", "labels"), [
    ("reported nine-month revenue of Dh 1.96 billion", ["YTD2025"]),
    ("the stock touched a nine-month high", []),
])
def test_a_nine_month_figure_is_the_year_to_date(text, labels):
    assert [p.label for p in find_periods(text, Reference(D(2025, 11, 24)))] == labels


@pytest.mark.parametrize("text,day,fye,label", [
    # a company with its own fiscal year guides for the quarter under way in its fiscal terms
    ("For the current quarter, the chipmaker guided to revenue of about $40 billion", (2026, 5, 28), 1, "FY2027Q2"),
    ("it expects capex of $35 billion next quarter", (2025, 7, 31), 6, "FY2026Q2"),
    ("spending this quarter will top $20 billion", (2025, 12, 11), 5, "FY2026Q3"),
    # a December company keeps the calendar
    ("For the current quarter, revenue of about $60 billion", (2026, 1, 29), 12, "2026Q1"),
])
def test_the_quarter_under_way_of_a_company_with_its_own_fiscal_year_is_its_fiscal_quarter(text, day, fye, label):
    assert [p.label for p in find_periods(text, Reference(dt.date(*day), fiscal_year_end=fye))] == [label]


@pytest.mark.parametrize("text,label", [
    ("Im Schlussquartal wuchs der Umsatz um 12 Prozent", "2025Q4"),
    # a forecast for "das erste Quartal" in January is of the quarter under way, not last year's
    ("Für das erste Quartal stellt der Konzern Erlöse von 40 bis 42 Milliarden Dollar in Aussicht", "2026Q1"),
])
def test_german_final_quarter_and_a_first_quarter_forecast(text, label):
    assert [p.label for p in find_periods(text, Reference(dt.date(2026, 1, 29)))] == [label]
