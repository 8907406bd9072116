"""parse.figures: money, percentages and multiples as financial news writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capexwatch.parse.figures import find_figures, parse_money

B = Decimal("1e9")


def one(text: str):
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


FROM_THE_WILD = [
    ("plans to spend 160 billion yuan ($22.7 billion) on capital expenditure", 160 * B, "CNY", [(Decimal("22.7") * B, "USD")]),
    ("a strategic investment of $53 billion (RMB 380 billion)", 53 * B, "USD", [(380 * B, "CNY")]),
    ("Alibaba to invest $52.4 bln in cloud", Decimal("52.4") * B, "USD", []),
    # headlines in title case
    ("Alibaba Pledges $53 Billion for AI", 53 * B, "USD", []),
    ("BRIEF-Baidu Q2 Revenue RMB 32.7 Bln", Decimal("32.7") * B, "CNY", []),
    ("ByteDance Plans Capex Of 160 Billion Yuan", 160 * B, "CNY", []),
    ("Samsung Sets Aside 47 Trillion Won", 47000 * B, "KRW", []),
    ("revenue increase to RMB247,652 million", Decimal("247652") * Decimal("1e6"), "CNY", []),
    ("a quarterly investment of $38.6 billion RMB", Decimal("38.6") * B, "CNY", []),
    ("total assets of RMB 1.8 trillion", Decimal("1.8e12"), "CNY", []),
    ("the net profit is 553.3 100 million yuan, same period last year", Decimal("55.33") * B, "CNY", []),  # machine-translated 亿
    ("Net revenues were RMB291.4 billion (US$140.1 billion)", Decimal("291.4") * B, "CNY", [(Decimal("140.1") * B, "USD")]),
    ("Net profit tumbled 28% to C¥62.6-billion yuan", None, None, None),
    ("2,477.95億元", Decimal("247795000000"), "CNY", []),
    ("KRW 86.1 trillion in consolidated revenue", Decimal("86.1e12"), "KRW", []),
    ("9.9 trillion won specifically for chips", Decimal("9.9e12"), "KRW", []),
    ("JPY 421.8 billion", Decimal("421.8") * B, "JPY", []),
    ("HK$1.8 trillion", Decimal("1.8e12"), "HKD", []),
    ("CNY7.7 billion", Decimal("7.7") * B, "CNY", []),
    ("€171 billion", 171 * B, "EUR", []),
    ("rund 3,5 Milliarden Euro", Decimal("3.5") * B, "EUR", []),  # a decimal comma before a European scale word
    ("US$3,4 bilhões em 2023", Decimal("3.4") * B, "USD", []),
    ("1,234 million euros", Decimal("1234e6"), "EUR", []),  # three digits after the comma: thousands
    ("$75bn of capex", 75 * B, "USD", []),
    ("$120B+ in 2026", 120 * B, "USD", []),
    ("RL revenue $402M", Decimal("402e6"), "USD", []),
    # dots between thousands before a scale word of Spanish, Portuguese, German or French
    ("elevó a unos 48.500 millones de dólares (unos 41.300 millones de euros)", Decimal("48.5") * B, "USD", [(Decimal("41.3") * B, "EUR")]),
    ("anunció 9.800 millones de reales (unos 1.800 millones de dólares)", Decimal("9.8") * B, "BRL", [(Decimal("1.8") * B, "USD")]),
    ("Investitionen von 7.250 Millionen Euro", Decimal("7.25") * B, "EUR", []),
    # India's crore (ten million) and lakh crore (a trillion), and its grouping of digits in twos
    ("capex of ₹48,500 crore in the half", Decimal("485e9"), "INR", []),
    ("Rs 2.1 lakh crore over five years", Decimal("2.1e12"), "INR", []),
    ("an outlay of ₹1,20,000 crore", Decimal("1.2e12"), "INR", []),
    ("a Rs 650 cr. data centre", Decimal("6.5e9"), "INR", []),
    ("$6 billion (about ₹53,000 crore)", 6 * B, "USD", [(Decimal("530e9"), "INR")]),
    # French and German shorthand for milliards, with the currency sign after it
    ("a investi 31 Md$ sur le trimestre", 31 * B, "USD", []),
    ("une enveloppe de 2,5 Md€", Decimal("2.5") * B, "EUR", []),
    ("Investitionen von 3,2 Mrd. € bis 2029", Decimal("3.2") * B, "EUR", []),
    # Italian: "miliardi", "mld", dots between thousands; French spaces between thousands
    ("ricavi per 31.200 miliardi di won (circa 21,9 mld di dollari)", Decimal("31.2e12"), "KRW", [(Decimal("21.9") * B, "USD")]),
    ("investimenti per 2,5 miliardi di euro", Decimal("2.5") * B, "EUR", []),
    ("oltre 420 mld di dollari nel 2026", 420 * B, "USD", []),
    ("près de 5 200 milliards de dollars d'ici 2030", Decimal("5.2e12"), "USD", []),
    ("un budget de 12 500 millions d'euros", Decimal("12.5") * B, "EUR", []),
    ("capital expenditure 487 100 million yuan", Decimal("48.7") * B, "CNY", []),  # a machine translation of 亿, not French
    # Malaysian dailies glue "bil"/"mil" to the digits; Spanish "mil" apart from them is a thousand
    ("posted a net profit of RM1.84bil for the year", Decimal("1.84") * B, "MYR", []),
    ("sales climbed to RM412mil", Decimal("412e6"), "MYR", []),
    ("spent US$64.5bil on capex", Decimal("64.5") * B, "USD", []),
    # the Brazilian real and the Gulf currencies, before or after the amount
    ("faturamento de R$ 7,3 bilhões", Decimal("7.3") * B, "BRL", []),
    ("will spend $8 billion (Dh29.4 billion) on the campus", 8 * B, "USD", [(Decimal("29.4") * B, "AED")]),
    ("a SR27 billion budget", 27 * B, "SAR", []),
    ("some 11 billion riyals", 11 * B, "SAR", []),
    ("AED 3.3bn of spending", Decimal("3.3") * B, "AED", []),
    # said aloud, as transcripts write it
    ("they will spend about two hundred billion dollars", 200 * B, "USD", []),
    ("a hundred and twelve million yuan", Decimal("112e6"), "CNY", []),
]


@pytest.mark.parametrize("text,value,unit,also", [c for c in FROM_THE_WILD if c[1] is not None],
                         ids=[c[0][:40] for c in FROM_THE_WILD if c[1] is not None])
def test_money_from_the_wild(text, value, unit, also):
    figure = next(f for f in find_figures(text) if f.kind == "money")
    assert (figure.value, figure.unit) == (value, unit)
    assert [(a.value, a.unit) for a in figure.also] == also


RANGES = [
    ("between $64 billion and $72 billion", 64 * B, 72 * B),
    ("FY26 capex of $60–65 billion", 60 * B, 65 * B),
    ("Alphabet $175 to $185B", 175 * B, 185 * B),
    ("to $125-145B from $115–135B prior", 125 * B, 145 * B),
    ("a revenue decline of 4% to 6%", Decimal(4), Decimal(6)),
]


@pytest.mark.parametrize("text,low,high", RANGES, ids=[r[0] for r in RANGES])
def test_ranges_are_one_figure_with_a_high_end(text, low, high):
    figure = find_figures(text)[0]
    assert (figure.value, figure.high) == (low, high)


def test_a_move_and_the_price_it_ended_at_are_not_a_range():
    figures = find_figures("Oracle shares slid 4.2% to 212.35 in late trading, after a 15% to 20 gain")
    assert [(f.value, f.high, f.unit) for f in figures] == [(Decimal("4.2"), None, "%"), (Decimal(15), Decimal(20), "%")]


def test_spanish_mil_with_a_space_is_no_scale():
    assert [(f.value, f.unit) for f in find_figures("más de 30 mil empleados")] == []


def test_from_to_is_two_figures_not_a_range():
    figures = find_figures("revenue leapt from $2 billion in 2023 to $13 billion by August 2025")
    assert [(f.value, f.high) for f in figures] == [(2 * B, None), (13 * B, None)]
    figures = find_figures("sales climbed from $40 billion to $52 billion")
    assert [(f.value, f.high) for f in figures] == [(40 * B, None), (52 * B, None)]


@pytest.mark.parametrize("text,ranges", [
    # a revision from one range to another: the old plan is a range too
    ("it trimmed the budget to $18 billion to $20 billion, from $21 billion to $24 billion before",
     [(18 * B, 20 * B), (21 * B, 24 * B)]),
    ("guidance now stands at $9 billion to $9.5 billion, up from $8 billion to $9 billion",
     [(9 * B, Decimal("9.5") * B), (8 * B, 9 * B)]),
    ("raised to between $30 billion and $34 billion from $27 billion to $31 billion",
     [(30 * B, 34 * B), (27 * B, 31 * B)]),
    # "ranging from" opens a range
    ("with forecasts ranging from $60 billion to $75 billion", [(60 * B, 75 * B)]),
])
def test_from_to_is_a_range_after_a_revised_range_or_after_ranging(text, ranges):
    assert [(f.value, f.high) for f in find_figures(text)] == ranges


PERCENTS_AND_MULTIPLES = [
    ("a 7.6% year-over-year increase", Decimal("7.6"), "%"),
    ("grew 13 percent", Decimal(13), "%"),
    ("down seven per cent on-year", Decimal(7), "%"),
    ("closed -2% lower", Decimal(-2), "%"),
    ("+33% YoY", Decimal(33), "%"),
    ("a forward P/E of 15x", Decimal(15), "x"),
    ("net debt-to-equity ratio of 0.25x", Decimal("0.25"), "x"),
    ("revenue jump by more than 4.5 times", Decimal("4.5"), "x"),
    ("up twenty-four percent", Decimal(24), "%"),
    ("a hundred percent", Decimal(100), "%"),
]


@pytest.mark.parametrize("text,value,unit", PERCENTS_AND_MULTIPLES, ids=[p[0] for p in PERCENTS_AND_MULTIPLES])
def test_percentages_and_multiples(text, value, unit):
    figure = one(text)
    assert (figure.value, figure.unit) == (value, unit)


def test_counts_and_parameters():
    assert [(f.kind, f.value) for f in find_figures("open-sourcing of over 200 models")] == [("count", 200)]
    assert [(f.kind, f.value) for f in find_figures("a model with 235 billion parameters")] == [("params", 235 * B)]


NOT_FIGURES = ["In 2025, on April 29", "its 5G unit", "Q4 sales", "the H100 and GPT-4o", "a 3-year high", "Q2 2026",
               "two of the three", "one and a half", "revenue of 16.100 million"]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_years_codes_and_bare_numbers_are_not_figures(text):
    assert find_figures(text) == []


def test_yen_by_context():
    assert one("profit reached ¥2.92 trillion").unit == "CNY"
    assert find_figures("profit reached ¥2.92 trillion", yen=True)[0].unit == "JPY"
    assert one("SoftBank's yen profit of ¥2.92 trillion").unit == "JPY"


def test_figure_text_and_span_point_into_the_text():
    text = "Capex reached $38.6 billion RMB last quarter."
    figure = one(text)
    assert text[figure.start:figure.end] == figure.text == "$38.6 billion RMB"


def test_parse_money_returns_none_without_money():
    assert parse_money("up 7%") is None
    assert parse_money("RMB 380 billion").unit == "CNY"


SCALES = {"billion": Decimal("1e9"), "bn": Decimal("1e9"), "million": Decimal("1e6"), "trillion": Decimal("1e12")}
PREFIXES = {"$": "USD", "US$": "USD", "RMB": "CNY", "HK$": "HKD", "€": "EUR"}


@given(
    whole=st.integers(min_value=1, max_value=999),
    cents=st.integers(min_value=0, max_value=99),
    scale=st.sampled_from(sorted(SCALES)),
    prefix=st.sampled_from(sorted(PREFIXES)),
)
def test_formatted_amounts_parse_back(whole, cents, scale, prefix):
    amount = Decimal(f"{whole}.{cents:02d}")
    text = f"capex of {prefix}{amount} {scale} this year"
    figure = one(text)
    assert figure.value == amount * SCALES[scale]
    assert figure.unit == PREFIXES[prefix]


@given(st.integers(min_value=1, max_value=10**12))
def test_thousands_separators_parse_back(n):
    figure = one(f"revenue of ${n:,} in the quarter")
    assert figure.value == n


def test_an_amount_in_words_without_a_currency_takes_the_one_given_unless_a_noun_follows():
    text = "thirty-one point four billion in the quarter, and one point two billion users"
    assert [(f.value, f.unit) for f in find_figures(text, currency="USD")] == [(Decimal("31.4") * B, "USD")]
    assert find_figures(text) == []


def test_a_newsletters_bare_letter_amounts_take_the_documents_currency_after_a_word_of_money():
    got = [(f.value, f.high, f.unit) for f in find_figures(
        "GOOG capex: 23.8B (+79% Y/Y), backlog 160B 👀, guide raised to 91–95B (was 88B)", currency="USD")]
    assert got == [(Decimal("23.8") * B, None, "USD"), (79, None, "%"), (160 * B, None, "USD"), (91 * B, 95 * B, "USD"), (88 * B, None, "USD")]
    # a model's size, a count, and an amount with no currency in the document are not money
    for text in ("Qwen 72B beat it.", "DeepSeek V3 (671B) is open.", "revenue from 1.4B users", "a 7B-parameter model"):
        assert [f for f in find_figures(text, currency="USD") if f.kind == "money"] == [], text
    assert find_figures("capex: 23.8B, up") == []
    # a currency code after it, or before the first amount of a range, is its currency
    assert [(f.value, f.high, f.unit) for f in find_figures("after 41.2B RMB in the June quarter")] == [(Decimal("41.2") * B, None, "CNY")]
    assert [(f.value, f.high, f.unit) for f in find_figures("cut to RMB 100B–105B", currency="USD")] == [(100 * B, 105 * B, "CNY")]


def test_a_list_of_numbers_takes_the_unit_written_after_its_last_item():
    for text in ("roughly 31, 24 and 11 percent of the market", "roughly thirty-one, twenty-four and eleven percent of the market"):
        assert [(f.value, f.unit) for f in find_figures(text)] == [(31, "%"), (24, "%"), (11, "%")]
    assert [(f.value, f.unit) for f in find_figures("in 2024 and 25 percent")] == [(25, "%")]  # a year is not an item


def test_a_list_of_amounts_takes_the_scale_and_currency_written_after_its_last_item():
    assert [(f.value, f.unit) for f in find_figures("$21.4, $18.0 and $16.2 billion")] == [
        (Decimal("21.4") * B, "USD"), (18 * B, "USD"), (Decimal("16.2") * B, "USD")]
    assert [(f.value, f.unit) for f in find_figures("con 21.400 y 18.000 millones de dólares")] == [(Decimal("21.4") * B, "USD"), (18 * B, "USD")]
    assert [(f.value, f.unit) for f in find_figures("in 2024 and $3 billion")] == [(3 * B, "USD")]  # a year is not an item
    assert [(f.value, f.unit) for f in find_figures("priced at $450 and $500")] == [(450, "USD"), (500, "USD")]


@pytest.mark.parametrize("text", ["entre 61.000 y 64.000 millones de dólares", "entre 61 et 64 milliards de dollars",
                                  "tra 61 e 64 miliardi di dollari", "zwischen 61 und 64 Milliarden Dollar"])
def test_a_range_between_two_amounts_in_other_languages(text):
    assert [(f.value, f.high, f.unit) for f in find_figures(text)] == [(61 * B, 64 * B, "USD")]


def test_an_amount_without_a_currency_takes_the_one_of_the_amount_before_it_in_the_sentence():
    got = find_figures("gastó 21.400 millones de dólares y prevé unos 90.000 millones para el año.")
    assert [(f.value, f.unit) for f in got] == [(Decimal("21.4") * B, "USD"), (90 * B, "USD")]
    assert [(f.value, f.unit) for f in find_figures("revenue of $5 billion and 150 million users")] == [(5 * B, "USD")]


@pytest.mark.parametrize("text,low,high", [
    ("Erlöse von 41,5 bis 43,5 Milliarden Dollar", Decimal("41.5") * B, Decimal("43.5") * B),
    ("zwischen 2,5 und 3,5 Mrd. Euro", Decimal("2.5") * B, Decimal("3.5") * B),
    ("entre 1,3 et 1,6 milliard d'euros", Decimal("1.3") * B, Decimal("1.6") * B),
])
def test_a_range_of_two_decimal_comma_amounts_is_one_figure(text, low, high):
    assert [(f.value, f.high) for f in find_figures(text)] == [(low, high)]
