"""Currency data: symbols and words as written in financial news → ISO 4217 codes. Data only."""

from __future__ import annotations

# Written before the amount: "$53 billion", "RMB247,652 million", "HK$10", "C¥7.7 billion".
PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "US $": "USD", "$": "USD", "＄": "USD",
    "RMB": "CNY", "Rmb": "CNY", "CNY": "CNY", "CN¥": "CNY", "C¥": "CNY", "¥": "CNY", "￥": "CNY", "人民币": "CNY", "人民幣": "CNY",
    "HK$": "HKD", "HKD": "HKD",
    "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP",
    "₩": "KRW", "KRW": "KRW", "W": "KRW",
    "JPY": "JPY", "JP¥": "JPY", "円": "JPY",
    "RM": "MYR", "MYR": "MYR",
    "S$": "SGD", "SGD": "SGD",
    "NT$": "TWD", "TWD": "TWD",
    "A$": "AUD", "AUD": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD",
    "INR": "INR", "Rs": "INR", "₹": "INR",
    "CHF": "CHF",
    "R$": "BRL", "BRL": "BRL",
    "Dh": "AED", "AED": "AED", "SR": "SAR", "SAR": "SAR",  # Gulf dailies: "Dh55.8 billion", "SR41 billion"
}

# Written after the amount: "380 billion yuan", "9.9 trillion won", "$38.6 billion RMB".
SUFFIXES: dict[str, str] = {
    "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY", "CNY": "CNY", "元": "CNY", "元人民币": "CNY", "人民币": "CNY",
    "dollars": "USD", "dollar": "USD", "USD": "USD", "US dollars": "USD", "U.S. dollars": "USD", "US-Dollar": "USD",
    "Dollar": "USD", "美元": "USD",
    "Hong Kong dollars": "HKD", "HK dollars": "HKD", "HKD": "HKD", "港元": "HKD", "港幣": "HKD",
    "won": "KRW", "KRW": "KRW", "韩元": "KRW",
    "yen": "JPY", "JPY": "JPY", "日元": "JPY",
    "euros": "EUR", "euro": "EUR", "Euro": "EUR", "EUR": "EUR",
    "pounds": "GBP", "GBP": "GBP",
    "ringgit": "MYR", "MYR": "MYR",
    "rupees": "INR", "rupee": "INR",
    "$": "USD", "€": "EUR",  # only straight after a scale: "24 Md$", "5 Mrd. €"
    "dirhams": "AED", "dirham": "AED", "riyals": "SAR", "riyal": "SAR",
    "reais": "BRL", "reales": "BRL", "de reales": "BRL",
    "de iuanes": "CNY", "iuanes": "CNY", "de yuanes": "CNY", "yuanes": "CNY", "de yuans": "CNY", "yuans": "CNY",
    "de dólares": "USD", "dólares": "USD", "de euros": "EUR", "d'euros": "EUR", "d’euros": "EUR", "de dollars": "USD",
    "di dollari": "USD", "di euro": "EUR", "di won": "KRW", "di yen": "JPY", "di yuan": "CNY",
    "de won": "KRW", "de wons": "KRW", "de yen": "JPY", "de yens": "JPY",
}

# Currency codes that, written after an amount, win over a "$" before it ("$38.6 billion RMB").
CODE_WINS = {"CNY", "HKD", "KRW", "JPY", "EUR", "GBP", "MYR"}

# "¥" is yuan in Chinese context and yen in Japanese context.
YEN_CONTEXT = ("yen", "japan", "japanese", "softbank", "tokyo", "nikkei", "toyota", "sony")
