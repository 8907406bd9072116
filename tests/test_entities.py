"""entities: the registry of companies, their names, tickers, units and calendars."""

from __future__ import annotations

import json

import pytest

from capexwatch.entities import default_registry, load_registry
from capexwatch.errors import ConfigError

TICKERS = [
    ("BABA", "Alibaba"), ("NYSE:BABA", "Alibaba"), ("HK:9988", "Alibaba"), ("9988.HK", "Alibaba"),
    ("HKG: 9888", "Baidu"), ("NASDAQ: BIDU", "Baidu"), ("GOOGL", "Alphabet"), ("0700.HK", "Tencent"),
    ("MSFT", "Microsoft"), ("NVDA", "Nvidia"), ("9618.HK", "JD.com"),
]


@pytest.mark.parametrize("ticker,name", TICKERS, ids=[t for t, _ in TICKERS])
def test_tickers_in_all_forms(ticker, name):
    found = default_registry().find(f"Shares of {ticker} rose.")
    assert [m.entity for m in found] == [name]


UNITS = [("Alibaba Cloud", "Alibaba", "cloud"), ("Cloud Intelligence Group", "Alibaba", "cloud"), ("AWS", "Amazon", "cloud"),
         ("Azure", "Microsoft", "azure"), ("Google Cloud", "Alphabet", "cloud"), ("Qwen3", "Alibaba", None),
         ("Reality Labs", "Meta", "reality_labs"), ("Kling", "Kuaishou", "kling")]


@pytest.mark.parametrize("unit,name,segment", UNITS, ids=[u for u, _, _ in UNITS])
def test_units_map_to_a_company_and_segment(unit, name, segment):
    [mention] = default_registry().find(f"Revenue at {unit} grew.")
    assert (mention.entity, mention.segment) == (name, segment)


def test_fiscal_calendars_and_regions():
    registry = default_registry()
    assert [registry.fiscal_year_end(n) for n in ("Alibaba", "Microsoft", "Oracle", "Nvidia", "Amazon")] == [3, 6, 5, 1, 12]
    assert registry.region("Alibaba+Baidu+Tencent") == "china"
    assert registry.region("US top cloud providers") == "us"
    assert len([e for e in registry.entities.values() if e.region in ("us", "china")]) >= 15


SUPPLIERS_AND_CARRIERS = [
    ("Micron Technology", "Micron", "us", 8), ("KDDI", "KDDI", "japan", 3), ("Dell Technologies", "Dell", "us", 1),
    ("China Telecom", "China Telecom", "china", 12), ("Tianyi Cloud", "China Telecom", "china", 12),
    ("Hon Hai", "Foxconn", "taiwan", 12), ("Moonshot AI", "Moonshot AI", "china", 12), ("Lenovo", "Lenovo", "china", 3),
    ("Kakao", "Kakao", "korea", 12), ("SK Telecom", "SK Telecom", "korea", 12), ("LINE Yahoo", "LY Corp", "japan", 3),
    ("Sakura Internet", "Sakura Internet", "japan", 3), ("ZTE", "ZTE", "china", 12), ("Inspur", "Inspur", "china", 12),
    ("Iris Energy", "IREN", "us", 6), ("Applied Digital", "Applied Digital", "us", 5), ("Quanta Computer", "Quanta", "taiwan", 12), ("Wiwynn", "Wiwynn", "taiwan", 12),
    ("Verizon", "Verizon", "us", 12), ("OVHcloud", "OVHcloud", "europe", 8), ("Saudi Aramco", "Saudi Aramco", "middle_east", 12),
]


@pytest.mark.parametrize("text,name,region,fye", SUPPLIERS_AND_CARRIERS, ids=[t for t, *_ in SUPPLIERS_AND_CARRIERS])
def test_suppliers_carriers_and_model_makers_are_known(text, name, region, fye):
    registry = default_registry()
    assert [m.entity for m in registry.find(f"Capital spending at {text} rose.")] == [name]
    assert (registry.region(name), registry.fiscal_year_end(name)) == (region, fye)


def test_a_name_inside_a_longer_name_with_an_apostrophe_is_not_the_company():
    assert [m.entity for m in default_registry().find("Dell'Oro Group and Dell’s servers")] == ["Dell"]


def test_lower_case_words_are_not_companies():
    assert default_registry().find("the meta question of an oracle and an apple") == []


def test_a_users_file_extends_the_registry(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"entities": [
        {"name": "StepFun", "region": "china", "aliases": ["StepFun", "Jieyue Xingchen"], "tickers": []},
        {"name": "Alibaba", "aliases": ["Ali Group"]},
        {"name": "Zhipu", "region": "china", "aliases": ["Zhipu AI"]},  # a built-in alias, named the user's way
    ]}))
    registry = load_registry(extra)
    assert [m.entity for m in registry.find("StepFun, Zhipu AI and Ali Group")] == ["StepFun", "Zhipu", "Alibaba"]
    assert registry.fiscal_year_end("Alibaba") == 3  # extended, not replaced


def test_names_starting_with_any_character_are_found():
    # the matcher skips places whose first character begins no name: a user's names must still be found
    registry = load_registry(data=[
        {"name": "Ébène Cloud", "region": "other", "aliases": ["Ébène Cloud"]},
        {"name": "xAI", "region": "us", "aliases": ["xAI"], "tickers": ["XAIX"]},
        {"name": "3Leaf", "region": "us", "aliases": ["3Leaf"]},
        {"name": "阶跃星辰", "region": "china", "aliases": ["阶跃星辰"]},
    ])
    found = registry.find("Ébène Cloud, xAI (XAIX), 3Leaf and 阶跃星辰 all spent more; so did Alibaba.")
    assert [m.entity for m in found] == ["Ébène Cloud", "xAI", "xAI", "3Leaf", "阶跃星辰", "Alibaba"]


def test_the_shipped_registry_names_each_company_once():
    import json
    from collections import Counter
    from pathlib import Path

    from capexwatch.entities import __file__ as entities_py

    data = json.loads((Path(entities_py).parent / "data" / "entities.json").read_text(encoding="utf-8"))
    names = Counter(e["name"] for e in data["entities"])
    assert [n for n, k in names.items() if k > 1] == []


DESCRIBED = [
    # (text, the descriptor, the company it refers to or None)
    ("Apple and Alphabet reported on Thursday. The search giant lifted its spending plan.", "The search giant", "Alphabet"),
    ("Apple and Alphabet reported on Thursday. The iPhone maker kept its outlook.", "The iPhone maker", "Apple"),
    # the subject of the last sentence naming one, not the customers it lists
    ("TSMC raised its budget as Nvidia and AMD booked capacity. The chipmaker also lifted prices.", "The chipmaker", "TSMC"),
    ("Samsung spent heavily. SK Hynix plans more. The memory chipmaker is raising investment.", "The memory chipmaker", "SK Hynix"),
    # a nationality must be the company's region
    ("Alibaba and Amazon both reported. The Chinese e-commerce giant spent more.", "The Chinese e-commerce giant", "Alibaba"),
    # named only later: the one company the text names that fits
    ("The software maker said on Tuesday that its cloud grew. Oracle shares rose.", "The software maker", "Oracle"),
    # German articles and nouns in capitals after them
    ("Amazon legte Zahlen vor. Dann will der Onlinehändler Milliarden investieren.", "der Onlinehändler", "Amazon"),
    # not when the descriptor introduces another company, or when none that fits is named
    ("Nvidia rallied while the chipmaker Cerebras filed for a listing.", "the chipmaker", None),
    ("Nvidia rallied. Cerebras, the chipmaker, filed for a listing.", "the chipmaker", None),
    ("Microsoft and Meta reported. The chipmaker was not mentioned.", "The chipmaker", None),
    ("Microsoft and Oracle reported. The software maker raised capex.", "The software maker", "Microsoft"),
]


@pytest.mark.parametrize("text,phrase,entity", DESCRIBED, ids=[t[:40] for t, *_ in DESCRIBED])
def test_a_descriptor_refers_to_the_company_named_that_fits_it(text, phrase, entity):
    registry = default_registry()
    found = {text[m.start:m.end]: m.entity for m in registry.described(text, registry.find(text))}
    assert found.get(phrase) == entity


def test_a_users_file_can_give_descriptors(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"entities": [{"name": "Qingyun Labs", "region": "china", "descriptors": ["GPU renter"]}]}))
    registry = load_registry(extra)
    text = "Qingyun Labs raised money. The GPU renter will spend it on chips."
    assert [(text[m.start:m.end], m.entity) for m in registry.described(text, registry.find(text))] == [("The GPU renter", "Qingyun Labs")]
    extra.write_text(json.dumps({"entities": [{"name": "Qingyun Labs", "descriptors": "GPU renter"}]}))
    with pytest.raises(ConfigError, match="descriptors"):
        load_registry(extra)


def test_a_german_genitive_before_its_noun_is_the_company():
    reg = load_registry()
    text = "Damit stiegen Nvidias Umsätze, während Amazons Cloud-Sparte zulegte. Apples To Apples."
    assert [(m.entity, text[m.start:m.end]) for m in reg.find(text)] == [("Nvidia", "Nvidias"), ("Amazon", "Amazons")]
