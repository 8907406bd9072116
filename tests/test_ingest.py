"""Reading documents: text, Markdown, HTML, folders, JSONL corpora, gzip, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from capexwatch.ingest import (
    MAX_BYTES,
    ReadProblem,
    article_from_html,
    article_from_text,
    iter_articles,
)
from capexwatch.models import Article, content_hash

GOOD = "ByteDance plans to spend 160 billion yuan on capital expenditure next year.\n"

PAGE = """<!DOCTYPE html>
<html><head>
<title>Alibaba to invest in AI | Example News</title>
<meta property="og:title" content="Alibaba to invest 380 billion yuan in AI">
<meta property="article:published_time" content="2025-02-24T03:52:00Z">
<meta property="og:site_name" content="Example News">
</head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/tech">Tech</a></nav>
<article>
<h1>Alibaba to invest 380 billion yuan in AI</h1>
<p>Alibaba Group said on Monday it plans to invest 380 billion yuan ($52.4 billion) over the next three
years to build cloud computing and artificial intelligence infrastructure.</p>
<p>The spending exceeds what the company invested in AI and cloud over the past decade, it said,
and marks its largest technology investment to date.</p>
</article>
<footer>Copyright 2025 Example News. All rights reserved.</footer>
</body></html>
"""


def read(paths: list[Path | str], **kwargs: object) -> tuple[list[Article], list[ReadProblem]]:
    problems: list[ReadProblem] = []
    articles = list(iter_articles(paths, problems=problems, **kwargs))
    return articles, problems


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# -- text ------------------------------------------------------------------------------
def test_a_text_file_is_one_article_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bytedance.txt"
    path.write_text(GOOD, encoding="utf-8")
    (article,), problems = read([path])
    assert problems == []
    assert article.id == "bytedance.txt"
    assert article.text == GOOD
    assert article.source == str(path)
    assert article.hash == content_hash(GOOD)


def test_a_seed_article_gives_title_date_and_publisher(shared: Path) -> None:
    (article,), problems = read([shared / "seeds" / "004_980b0b88e3cb0654.txt"])
    assert problems == []
    assert article.title == "Alibaba to invest $52.4 bln in cloud & AI infrastructure; shares tumble"
    assert article.date == dt.date(2025, 2, 24)  # "Published 24/02/2025, 03:52", not "Updated"
    assert article.publisher == "Reuters"
    assert "380 billion yuan ($52.4 billion)" in article.text


def test_a_header_block_is_metadata_not_text(shared: Path) -> None:
    path = shared / "dev" / "articles" / "d019.txt"
    (article,), _ = read([path])
    raw = path.read_text(encoding="utf-8")
    assert article.url == "https://www.yicaiglobal.com/news/baidu-falls-after-chinese-tech-giants-second-quarter-revenue-drops-4-amid-ai-shift"
    assert article.title.startswith("Baidu Falls After Second-Quarter Sales Dip 4%")
    assert article.date == dt.date(2025, 8, 21)
    assert not article.text.startswith("URL:")
    assert raw.endswith(article.text)


def test_an_unknown_header_date_falls_back_to_the_url() -> None:
    text = "URL: https://example.com/blog/2023/05/nvidia-capex\nTITLE: unknown\nDATE: unknown\n\nNvidia said capex rose.\n"
    article = article_from_text(text, id="x.txt")
    assert article.url == "https://example.com/blog/2023/05/nvidia-capex"
    assert article.date == dt.date(2023, 5, 1)
    assert article.text == "Nvidia said capex rose.\n"
    assert article.title == "Nvidia said capex rose."


def test_windows_line_ends_and_a_byte_order_mark_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("\ufeffTitle line\r\n\r\nPublished 24/02/2025\r\nBody.\r\n".encode())
    (article,), problems = read([path])
    assert problems == []
    assert article.text == "Title line\n\nPublished 24/02/2025\nBody.\n"
    assert article.title == "Title line"
    assert article.date == dt.date(2025, 2, 24)


def test_mojibake_is_mended_so_names_and_ranges_are_read(tmp_path: Path) -> None:
    # UTF-8 read as Windows-1252 somewhere upstream: "’" became "â€™" and "–" became "â€“"
    text = "Kuaishou’s capex will be 14–16 billion yuan in 2026, the company said on Monday."
    (tmp_path / "m.txt").write_text(text.encode("utf-8").decode("cp1252"), encoding="utf-8")
    page = f"<html><body><article><p>{text.encode('utf-8').decode('cp1252')}</p><p>{'More words here. ' * 20}</p></article></body></html>"
    (tmp_path / "m.html").write_text(page, encoding="utf-8")
    articles, problems = read([tmp_path / "m.txt", tmp_path / "m.html"])
    assert problems == []
    assert all(text in a.text and "â€" not in a.text for a in articles) and len(articles) == 2
    from capexwatch import extract_article
    got = [(f.entity, f.metric, f.value, f.high) for f in extract_article(articles[0])]
    assert got == [("Kuaishou", "capex_plan", 14_000_000_000, 16_000_000_000)]
    # text with accents and CJK but no mojibake is left as it is
    plain = "Café Zürich, naïve 阿里巴巴 €5 — “quoted”."
    assert article_from_text(plain, id="p").text == plain


def test_a_given_date_overrides_the_documents_own(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nPublished 24/02/2025\nBody.\n", encoding="utf-8")
    (article,), _ = read([path], date=dt.date(2024, 1, 2))
    assert article.date == dt.date(2024, 1, 2)
    (article,), _ = read([path], date="2023-03-04")
    assert article.date == dt.date(2023, 3, 4)


def test_markdown_files_are_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Capex notes\n\nMicrosoft spent **$24.2 billion** on capex in the quarter.\n", encoding="utf-8")
    (article,), problems = read([path])
    assert problems == [] and article.id == "note.md"
    assert "$24.2 billion" in article.text


# -- HTML ------------------------------------------------------------------------------
def test_an_html_page_gives_its_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "alibaba.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,), problems = read([path])
    assert problems == []
    assert article.id == "alibaba.html"
    assert article.title == "Alibaba to invest 380 billion yuan in AI"
    assert article.date == dt.date(2025, 2, 24)
    assert "380 billion yuan ($52.4 billion)" in article.text
    assert "<p>" not in article.text and "All rights reserved" not in article.text
    assert "Markets" not in article.text  # navigation is boilerplate


def test_an_html_page_without_date_metadata_is_not_given_an_invented_date() -> None:
    html = ("<html><body><article><p>Baidu capex was 5 billion yuan in 2025, the company said in its annual "
            "report on the spending of its cloud unit.</p></article></body></html>")
    article = article_from_html(html, id="a.html")
    assert article is not None
    assert article.date is None  # not January 1st of a year the text mentions


def test_a_page_without_a_suffix_is_recognised_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_text(PAGE, encoding="utf-8")
    (article,), _ = read([path])
    assert "<" not in article.text and article.title == "Alibaba to invest 380 billion yuan in AI"


def test_malformed_html_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><p>Tencent capex rose to 10 billion yuan in 2025 <b>as it bought "
                    "GPUs for its cloud<p>Another paragraph about <i>data centres</div></span></html>", encoding="utf-8")
    (article,), problems = read([path])
    assert problems == []
    assert "Tencent capex rose to 10 billion yuan in 2025" in article.text
    assert "<" not in article.text


def test_html_without_text_is_a_problem_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title></title></head><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    articles, problems = read([path])
    assert articles == []
    assert [(p.source, p.problem) for p in problems] == [(str(path), "no article text found in this HTML page")]


# -- folders and gzip ------------------------------------------------------------------
def test_folders_are_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("one " + GOOD, encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text("two " + GOOD, encoding="utf-8")
    (tmp_path / "b" / "deep" / "d.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b" / "deep" / "e.jsonl").write_text(json.dumps({"id": "e1", "text": "three " + GOOD}) + "\n")
    (tmp_path / "b" / "deep" / "f.txt.gz").write_bytes(gzip.compress(("four " + GOOD).encode()))
    # Not documents: hidden files and folders, other suffixes.
    (tmp_path / ".hidden" / "x.txt").write_text(GOOD)
    (tmp_path / ".notes.txt").write_text(GOOD)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    articles, problems = read([tmp_path])
    assert problems == []
    assert [a.id for a in articles] == ["a.txt", "c.md", "d.html", "e1", "f.txt.gz"]
    assert articles[-1].text == "four " + GOOD


def test_the_seed_folder_gives_five_articles(shared: Path) -> None:
    articles, problems = read([shared / "seeds"])
    assert problems == []
    assert [a.id for a in articles] == sorted(p.name for p in (shared / "seeds").glob("*.txt"))
    assert len({a.hash for a in articles}) == 5


def test_a_broken_gzip_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 this is not really gzip")
    (tmp_path / "good.txt").write_text(GOOD)
    articles, problems = read([tmp_path])
    assert [a.id for a in articles] == ["good.txt"]
    assert len(problems) == 1 and problems[0].source.endswith("bad.txt.gz")
    assert "gzip" in problems[0].problem


def test_a_truncated_jsonl_gz_keeps_the_lines_before_the_break(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"n{i}", "text": f"Line {i}: " + GOOD}) + "\n" for i in range(200))
    data = gzip.compress(lines.encode())
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    articles, problems = read([path])
    assert 0 < len(articles) < 200
    assert [a.id for a in articles] == [f"n{i}" for i in range(len(articles))]
    assert len(problems) == 1 and problems[0].source == str(path)
    assert "cannot read past line" in problems[0].problem


def test_a_corrupt_jsonl_gz_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"n{i}", "text": f"Line {i}: " + GOOD}) + "\n" for i in range(500))
    data = bytearray(gzip.compress(lines.encode()))
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)  # zeros in the middle of the deflate stream
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(bytes(data))
    (tmp_path / "z.txt").write_text(GOOD)
    articles, problems = read([tmp_path])
    assert articles[-1].id == "z.txt"
    assert problems and all(p.source == str(path) for p in problems)
    assert len(articles) < 501


# -- JSONL -----------------------------------------------------------------------------
def test_a_jsonl_corpus_gives_ids_urls_titles_and_dates(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "corpus.jsonl", [
        {"id": "a1", "text": GOOD, "url": "https://example.com/a1", "title": "ByteDance capex", "date": "2025-12-22"},
        {"id": "a2", "text": "Baidu capex was 5 billion yuan.", "published": "2025-08-21T10:00:00Z"},
        {"text": "No id here, Tencent spent 10 billion yuan.", "date": "21 August 2025"},
        {"id": 7, "html": PAGE},
        {"id": 0, "text": "Zero is an id too."},
    ])
    articles, problems = read([path])
    assert problems == []
    assert [a.id for a in articles] == ["a1", "a2", "corpus.jsonl:3", "7", "0"]
    a1, a2, a3, a4, _ = articles
    assert (a1.url, a1.title, a1.date, a1.text) == ("https://example.com/a1", "ByteDance capex", dt.date(2025, 12, 22), GOOD)
    assert a2.date == dt.date(2025, 8, 21)
    assert a3.date == dt.date(2025, 8, 21)
    assert a4.title == "Alibaba to invest 380 billion yuan in AI" and "380 billion yuan" in a4.text
    assert [a.source for a in articles] == [f"{path}:{n}" for n in range(1, 6)]


def test_a_broken_jsonl_line_names_its_line_and_the_others_are_read(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": GOOD}) + "\n"
        + '{"id": "broken", "text": "unterminated\n'
        + "\n"  # blank lines are skipped, but still counted
        + '["a", "list"]\n'
        + json.dumps({"id": "no-text", "title": "only a title"}) + "\n"
        + json.dumps({"id": "blank", "text": "   "}) + "\n"
        + json.dumps({"id": "ok2", "text": "Second " + GOOD}) + "\n",
        encoding="utf-8",
    )
    articles, problems = read([path])
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert [(p.source, p.line) for p in problems] == [(str(path), 2), (str(path), 4), (str(path), 5), (str(path), 6)]
    assert problems[0].problem.startswith("not valid JSON")
    assert "JSON object" in problems[1].problem
    assert "'text' or 'html'" in problems[2].problem and "'text' or 'html'" in problems[3].problem
    assert str(problems[0]).startswith(f"{path}:2: not valid JSON")
    assert all(p.fatal for p in problems)


def test_invalid_utf8_in_a_jsonl_line_is_a_problem_of_that_line(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b'{"id": "bad", "text": "caf\xe9"}\n' + json.dumps({"id": "ok", "text": GOOD}).encode() + b"\n")
    articles, problems = read([path])
    assert [a.id for a in articles] == ["ok"]
    assert [(p.line, p.problem.startswith("not valid JSON")) for p in problems] == [(1, True)]


def test_an_empty_jsonl_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    articles, problems = read([path])
    assert articles == []
    assert [(p.source, p.problem) for p in problems] == [(str(path), "empty file")]


def test_the_given_date_overrides_jsonl_dates(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": GOOD, "date": "2025-12-22"}])
    (article,), _ = read([path], date=dt.date(2020, 6, 1))
    assert article.date == dt.date(2020, 6, 1)


# -- bad input -------------------------------------------------------------------------
def test_bad_files_are_problems_and_good_files_are_still_read(tmp_path: Path) -> None:
    (tmp_path / "1_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "2_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "3_empty.txt").write_bytes(b"")
    (tmp_path / "4_blank.md").write_text(" \n\t\n")
    (tmp_path / "5_latin1.txt").write_bytes("Alibaba investirá 380 mil millones de yuanes en IA.\n".encode("latin-1"))
    (tmp_path / "6_good.md").write_text("Second " + GOOD, encoding="utf-8")
    articles, problems = read([tmp_path, tmp_path / "missing.txt"])

    assert [a.id for a in articles] == ["1_good.txt", "5_latin1.txt", "6_good.md"]
    by_file = {Path(p.source).name: p for p in problems}
    assert set(by_file) == {"2_binary.txt", "3_empty.txt", "4_blank.md", "missing.txt"} | {"5_latin1.txt"}
    assert "binary" in by_file["2_binary.txt"].problem
    assert by_file["3_empty.txt"].problem == "empty file"
    assert by_file["4_blank.md"].problem == "empty file"
    assert by_file["missing.txt"].problem == "no such file or folder"
    # Invalid UTF-8 is a warning: the document is read with the bad bytes replaced.
    latin = by_file["5_latin1.txt"]
    assert not latin.fatal and "invalid UTF-8 at byte" in latin.problem
    assert "\ufffd" in articles[1].text and "380 mil millones" in articles[1].text
    assert all(p.fatal for p in problems if p is not latin)


def test_a_50_mb_text_file_is_skipped_with_a_problem(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = ("Alibaba plans to invest 380 billion yuan in AI over three years, the company said. " * 12 + "\n").encode()
    big.write_bytes(line * (50 * 1024 * 1024 // len(line) + 1))  # 50 MB of real text
    assert big.stat().st_size > MAX_BYTES
    (tmp_path / "small.txt").write_text(GOOD)
    articles, problems = read([tmp_path])
    assert [a.id for a in articles] == ["small.txt"]
    assert [Path(p.source).name for p in problems] == ["big.txt"]
    assert "too large" in problems[0].problem and "52.4 MB" in problems[0].problem, problems[0].problem
    big.unlink()  # pytest keeps the temporary folders of the last runs


def test_a_large_decompressed_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"capex " * (MAX_BYTES // 6 + 10), compresslevel=1))
    assert path.stat().st_size < MAX_BYTES
    articles, problems = read([path])
    assert articles == []
    assert len(problems) == 1 and "too large" in problems[0].problem


def test_an_unreachable_url_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    articles, problems = read(["http://127.0.0.1:9/article", tmp_path / "a.txt"])  # port 9: nothing listens
    assert [a.id for a in articles] == ["a.txt"]
    assert [p.source for p in problems] == ["http://127.0.0.1:9/article"]
    assert problems[0].fatal


def test_read_problem_text_names_file_and_line() -> None:
    assert str(ReadProblem("c.jsonl", "not valid JSON", line=3)) == "c.jsonl:3: not valid JSON"
    assert str(ReadProblem("a.txt", "empty file")) == "a.txt: empty file"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Alibaba to invest\n\nBody text.", "Alibaba to invest"),
        ("\n\n  Headline with spaces  \nBody.", "Headline with spaces"),
        ("This is a paragraph. It has two sentences and no headline.", None),
        ("x" * 201 + "\nBody.", None),
    ],
    ids=["headline", "leading-blank-lines", "paragraph", "too-long"],
)
def test_article_from_text_titles(text: str, title: str | None) -> None:
    assert article_from_text(text, id="t").title == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Harbour Daily\nHome | Markets | Tech | Opinion\nSkip to main content\n"
         "Tencent trims its spending plan as chip supply tightens\nBy Wei Lin and Ana Ruiz\nNov 13, 2025\n\n"
         "Tencent said on Thursday it would spend less than planned this year.", "Tencent trims its spending plan as chip supply tightens"),
        ("The Ledger\nMarkets Economics Technology Politics Opinion\nBy the numbers: Big Tech's capex keeps climbing\n\nBody.",
         "By the numbers: Big Tech's capex keeps climbing"),
        ("Caixun Express\n阿里季度资本开支再创新高 腾讯云收入加速\n\n正文。", "阿里季度资本开支再创新高 腾讯云收入加速"),
        ("- Revenue grew 34% to $39.8 billion in the quarter\n- Capex rose\n\nBody.", "- Revenue grew 34% to $39.8 billion in the quarter"),
    ],
    ids=["menus-and-byline", "words-menu", "chinese", "bullets-only"],
)
def test_the_headline_of_a_pasted_page_is_found_below_its_menus(text: str, title: str) -> None:
    # a page pasted whole starts with the site's name and menus; the headline is the first line that reads as one
    assert article_from_text(text, id="t").title == title


def test_article_from_text_keeps_a_given_title_and_date() -> None:
    article = article_from_text("Headline\n\nPublished 24/02/2025\nBody.", id="t", title="Given", date="2020-01-31")
    assert (article.title, article.date) == ("Given", dt.date(2020, 1, 31))


def test_binary_without_nul_bytes_and_pdfs_are_not_read_as_text(tmp_path: Path) -> None:
    noise = bytes((i * 7919 + 13) % 255 + 1 for i in range(20000))  # no NUL byte anywhere
    (tmp_path / "noise.txt").write_bytes(noise)
    (tmp_path / "report.pdf.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    # Dense accents in Latin-1 stay a readable document with a warning.
    spanish = ("Información económica según el señor Pérez: Alibaba invertirá 380.000 millones de yuanes "
               "en inteligencia artificial durante los próximos tres años, según informó la compañía.\n")
    (tmp_path / "spanish.txt").write_bytes(spanish.encode("latin-1"))
    articles, problems = read([tmp_path])
    assert [a.id for a in articles] == ["spanish.txt"]
    by_file = {Path(p.source).name: p for p in problems}
    assert "binary" in by_file["noise.txt"].problem and by_file["noise.txt"].fatal
    assert "PDF" in by_file["report.pdf.txt"].problem
    assert not by_file["spanish.txt"].fatal


def test_a_whole_web_page_under_text_in_jsonl_is_read_as_html(tmp_path: Path) -> None:
    # scrapers often store the page they fetched as "text"; its markup and menus are not the article
    path = write_jsonl(tmp_path / "scraped.jsonl", [{"id": "p1", "text": PAGE}, {"id": "p2", "text": "<b>Baidu</b> capex rose."}])
    articles, problems = read([path])
    assert problems == []
    page, snippet = articles
    assert page.title == "Alibaba to invest 380 billion yuan in AI" and "380 billion yuan" in page.text and "<" not in page.text
    assert snippet.text == "<b>Baidu</b> capex rose."  # a fragment is text as given
