"""Reading URLs and feeds against a real HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from capexwatch import extract_article
from capexwatch.cli import cli
from capexwatch.fetch import (
    TIMEOUT_ENV,
    USER_AGENT_ENV,
    default_user_agent,
    iter_url_articles,
    make_client,
    parse_feed,
    parse_feed_date,
)
from capexwatch.ingest import MAX_BYTES, ReadProblem, iter_articles
from capexwatch.models import Article
from capexwatch.store import Store

# Articles written for these tests; the figures are invented.
ARTICLE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Tencent lifts its 2025 capex guidance | Test Wire</title>
<meta property="og:title" content="Tencent lifts its 2025 capex guidance to 90 billion yuan">
<meta property="article:published_time" content="2025-11-13T09:15:00+08:00">
<meta property="og:site_name" content="Test Wire">
</head><body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a> <a href="/markets">Markets</a></nav>
<article>
<h1>Tencent lifts its 2025 capex guidance to 90 billion yuan</h1>
<p>Tencent Holdings raised its 2025 capital expenditure guidance to 90 billion yuan on Thursday, saying
demand for AI computing from its cloud customers and its own Hunyuan models kept growing.</p>
<p>The Shenzhen-based company told analysts that GPU supply, rather than money, remained the main limit
on how fast it could add data-centre capacity this year.</p>
</article>
<footer>Copyright 2025 Test Wire.</footer>
</body></html>
"""

BAIDU = ("<p>Baidu plans to spend 30 billion yuan on capital expenditure in 2026, its finance chief said on "
         "Wednesday, as the search group builds more data centres for its Ernie models.</p>"
         "<p>Analysts said the budget was modest next to the plans of its larger rivals.</p>")

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Test Wire: AI infrastructure</title>
<link>/</link>
<description>AI capex news</description>
<item>
  <title>Baidu budgets 30 billion yuan for 2026 capex</title>
  <link>/baidu.html</link>
  <pubDate>Wed, 12 Nov 2025 08:30:00 +0800</pubDate>
  <description>Baidu's 2026 spending plan.</description>
  <content:encoded><![CDATA[{BAIDU}]]></content:encoded>
</item>
<item>
  <title>Tencent lifts its 2025 capex guidance</title>
  <link>/article.html</link>
  <pubDate>Thu, 13 Nov 2025 09:15:00 +0800</pubDate>
  <description>Only a summary; the article is on the page.</description>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Test Wire (Atom)</title>
<id>urn:test:feed</id>
<updated>2025-11-14T10:00:00Z</updated>
<entry>
  <title type="html">Kuaishou &lt;b&gt;doubles&lt;/b&gt; its AI budget</title>
  <link rel="alternate" type="text/html" href="/kuaishou.html"/>
  <id>urn:test:kuaishou</id>
  <published>2025-11-14T08:00:00+08:00</published>
  <updated>2025-11-14T10:00:00Z</updated>
  <content type="html">&lt;p&gt;Kuaishou plans to spend 12 billion yuan on capital expenditure in 2026, it said on
  Friday, twice what it spent on servers this year.&lt;/p&gt;</content>
</entry>
<entry>
  <title>Tencent lifts its 2025 capex guidance</title>
  <link href="/article.html"/>
  <id>urn:test:tencent</id>
  <updated>2025-11-13T01:15:00Z</updated>
  <summary>Only a summary.</summary>
</entry>
</feed>
"""

BAD_ENTRY_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Mixed</title>
<item><title>Gone</title><link>/missing</link><pubDate>Tue, 11 Nov 2025 10:00:00 GMT</pubDate></item>
<item><title>Tencent</title><link>/article.html</link><pubDate>Thu, 13 Nov 2025 01:15:00 GMT</pubDate></item>
</channel></rss>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><title>&b;</title><item><title>&b;</title><link>/article.html</link></item></channel></rss>
"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

NOTES = "Tencent capex notes\n\nTencent Holdings raised its 2025 capital expenditure guidance to 90 billion yuan.\n"

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/article.html": (200, "text/html; charset=utf-8", ARTICLE.encode()),
    "/feed.xml": (200, "application/rss+xml; charset=utf-8", RSS.encode()),
    "/feed-as-text-xml": (200, "text/xml", RSS.encode()),
    "/feed-no-type": (200, "application/octet-stream", RSS.encode()),
    "/atom.xml": (200, "application/atom+xml", ATOM.encode()),
    "/mixed.xml": (200, "application/rss+xml", BAD_ENTRY_RSS.encode()),
    "/laughs.xml": (200, "application/rss+xml", LAUGHS.encode()),
    "/empty.xml": (200, "application/rss+xml", b'<rss version="2.0"><channel><title>E</title></channel></rss>'),
    "/broken.xml": (200, "application/rss+xml", b"<rss><channel><item>"),
    "/sitemap.xml": (200, "application/xml", b'<urlset><url><loc>/a</loc></url></urlset>'),
    "/logo.png": (200, "image/png", PNG),
    "/notes.txt": (200, "text/plain; charset=utf-8", NOTES.encode()),
    "/app.html": (200, "text/html", b"<html><head><script>var page = 1;</script></head><body><div id='app'></div></body></html>"),
    "/blank": (200, "text/html", b""),
}


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()

    def handle_error(self, request, client_address) -> None:  # the client hung up: expected here
        pass

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.requests]


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
            self.answer()

    def send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", headers.pop("length", str(len(body))))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def answer(self) -> None:
        path = self.path.partition("?")[0]  # the query only tells requests apart
        if path in ROUTES:
            return self.send(*ROUTES[path])
        if path == "/missing":
            return self.send(404, "text/html", b"<html><body><h1>Not here</h1></body></html>")
        if path == "/error":
            return self.send(500, "text/html", b"<html><body><h1>Oops</h1></body></html>")
        if path == "/slow":
            time.sleep(1.5)
            return self.send(200, "text/html", ARTICLE.encode())
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if path == "/huge-declared":
            return self.send(200, "text/html", b"<html>", length=str(MAX_BYTES * 2))
        if path == "/huge-streamed":  # no Content-Length: the body runs until the connection closes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"capex " * 170_000 + b"</p>\n"
            for _ in range(MAX_BYTES // len(chunk) + 2):
                self.wfile.write(chunk)
            return None
        return self.send(404, "text/html", b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Default settings, and no proxy between the client and 127.0.0.1."""
    for name in (TIMEOUT_ENV, USER_AGENT_ENV, "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                 "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def fetch(url: str, **kwargs: object) -> tuple[list[Article], list[ReadProblem]]:
    problems: list[ReadProblem] = []
    articles = list(iter_url_articles(url, problems=problems, **kwargs))
    return articles, problems


def capex_plans(article: Article) -> set[tuple[str, Decimal, str, str]]:
    return {(f.entity, f.value, f.unit, f.period) for f in extract_article(article) if f.metric == "capex_plan"}


# -- pages -----------------------------------------------------------------------------
def test_an_html_page_is_one_article_with_title_date_and_url(server: Server) -> None:
    url = server.url("/article.html")
    (article,), problems = fetch(url)
    assert problems == []
    assert article.id == url
    assert article.url == url
    assert article.title == "Tencent lifts its 2025 capex guidance to 90 billion yuan"
    assert article.date == dt.date(2025, 11, 13)
    assert "GPU supply, rather than money" in article.text
    assert "Copyright" not in article.text


def test_facts_are_extracted_from_a_fetched_page(server: Server) -> None:
    (article,), _ = fetch(server.url("/article.html"))
    assert ("Tencent", Decimal("90e9"), "CNY", "2025") in capex_plans(article)


def test_the_date_argument_overrides_the_pages_date(server: Server) -> None:
    (article,), _ = fetch(server.url("/article.html"), date="2025-12-01")
    assert article.date == dt.date(2025, 12, 1)


def test_a_redirect_is_followed(server: Server) -> None:
    url = server.url("/moved")
    (article,), problems = fetch(url)
    assert problems == []
    assert article.id == url
    assert article.title == "Tencent lifts its 2025 capex guidance to 90 billion yuan"


def test_a_plain_text_page_is_read_as_text(server: Server) -> None:
    (article,), problems = fetch(server.url("/notes.txt"))
    assert problems == []
    assert article.title == "Tencent capex notes"
    assert ("Tencent", Decimal("90e9"), "CNY", "2025") in capex_plans(article)


# -- feeds -----------------------------------------------------------------------------
def test_an_rss_feed_gives_one_article_per_item(server: Server) -> None:
    feed = server.url("/feed.xml")
    articles, problems = fetch(feed)
    assert problems == []
    assert [a.id for a in articles] == [server.url("/baidu.html"), server.url("/article.html")]
    assert [a.url for a in articles] == [server.url("/baidu.html"), server.url("/article.html")]
    assert [a.date for a in articles] == [dt.date(2025, 11, 12), dt.date(2025, 11, 13)]
    assert articles[0].title == "Baidu budgets 30 billion yuan for 2026 capex"
    assert articles[1].title == "Tencent lifts its 2025 capex guidance to 90 billion yuan"  # the page's own
    assert all(a.source == feed for a in articles)


def test_an_rss_item_with_full_content_is_read_without_fetching_its_link(server: Server) -> None:
    (baidu, tencent), _ = fetch(server.url("/feed.xml"))
    assert "Ernie models" in baidu.text
    assert "/baidu.html" not in server.paths()  # the page does not exist: content:encoded was used
    assert "GPU supply, rather than money" in tencent.text  # read from the linked page
    assert "Only a summary" not in tencent.text


def test_facts_are_extracted_from_every_feed_item(server: Server) -> None:
    baidu, tencent = fetch(server.url("/feed.xml"))[0]
    assert ("Baidu", Decimal("30e9"), "CNY", "2026") in capex_plans(baidu)
    assert ("Tencent", Decimal("90e9"), "CNY", "2025") in capex_plans(tencent)


@pytest.mark.parametrize("path", ["/feed-as-text-xml", "/feed-no-type"], ids=["text-xml", "octet-stream"])
def test_a_feed_is_recognised_by_its_root_element(server: Server, path: str) -> None:
    articles, problems = fetch(server.url(path))
    assert problems == []
    assert len(articles) == 2


def test_an_atom_feed_gives_one_article_per_entry(server: Server) -> None:
    (kuaishou, tencent), problems = fetch(server.url("/atom.xml"))
    assert problems == []
    assert kuaishou.id == server.url("/kuaishou.html")
    assert kuaishou.title == "Kuaishou doubles its AI budget"  # type="html" title, markup dropped
    assert kuaishou.date == dt.date(2025, 11, 14)  # <published>, in the publisher's time zone
    assert ("Kuaishou", Decimal("12e9"), "CNY", "2026") in capex_plans(kuaishou)
    assert tencent.id == server.url("/article.html")
    assert tencent.date == dt.date(2025, 11, 13)  # <updated>, as there is no <published>
    assert "GPU supply" in tencent.text


def test_a_feed_with_one_bad_entry_still_gives_the_others(server: Server) -> None:
    articles, problems = fetch(server.url("/mixed.xml"))
    assert [a.id for a in articles] == [server.url("/article.html")]
    (problem,) = problems
    assert problem.source == server.url("/missing")
    assert "HTTP 404" in problem.problem
    assert server.url("/mixed.xml") in problem.problem  # which feed it came from


def test_a_feed_with_a_doctype_is_refused_not_expanded(server: Server) -> None:
    articles, problems = fetch(server.url("/laughs.xml"))
    assert articles == []
    (problem,) = problems
    assert problem.source == server.url("/laughs.xml")
    assert "DOCTYPE" in problem.problem
    assert "/article.html" not in server.paths()[-1]


@pytest.mark.parametrize(("path", "message"), [
    ("/empty.xml", "feed has no entries"),
    ("/broken.xml", "not well-formed XML"),
    ("/sitemap.xml", "not an article page or feed (Content-Type application/xml)"),
], ids=["no-entries", "broken-xml", "other-xml"])
def test_feeds_that_cannot_be_read_are_problems(server: Server, path: str, message: str) -> None:
    articles, problems = fetch(server.url(path))
    assert articles == []
    assert [p.source for p in problems] == [server.url(path)]
    assert message in problems[0].problem


# -- failures --------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "status"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/error", "HTTP 500 Internal Server Error"),
], ids=["404", "500"])
def test_an_http_error_is_a_problem_naming_url_and_status(server: Server, path: str, status: str) -> None:
    articles, problems = fetch(server.url(path))
    assert articles == []
    assert problems == [ReadProblem(server.url(path), status)]


def test_a_slow_server_times_out_with_a_short_client_timeout(server: Server) -> None:
    with make_client(timeout=0.2) as client:
        articles, problems = fetch(server.url("/slow"), client=client)
    assert articles == []
    (problem,) = problems
    assert problem.source == server.url("/slow")
    assert "timed out after 0.2 s" in problem.problem
    assert TIMEOUT_ENV in problem.problem


def test_the_timeout_comes_from_the_environment(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "0.2")
    problems: list[ReadProblem] = []
    assert list(iter_articles([server.url("/slow")], problems=problems)) == []
    assert [p.source for p in problems] == [server.url("/slow")]
    assert "timed out after 0.2 s" in problems[0].problem


def test_a_bad_timeout_setting_is_a_problem_not_a_crash(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "soon")
    articles, problems = fetch(server.url("/article.html"))
    assert articles == []
    assert f"{TIMEOUT_ENV}='soon' is not a number of seconds" in problems[0].problem


def test_a_closed_port_is_a_connection_problem() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago, with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article.html"
    articles, problems = fetch(url)
    assert articles == []
    assert [p.source for p in problems] == [url]
    assert problems[0].problem.startswith("cannot connect:")


def test_a_binary_file_is_not_an_article(server: Server) -> None:
    articles, problems = fetch(server.url("/logo.png"))
    assert articles == []
    assert [p.source for p in problems] == [server.url("/logo.png")]
    assert "not an article page or feed (Content-Type image/png)" in problems[0].problem


@pytest.mark.parametrize(("path", "message"), [
    ("/app.html", "no article text found in this HTML page"),
    ("/blank", "empty response"),
], ids=["no-text", "empty"])
def test_a_page_without_text_is_a_problem(server: Server, path: str, message: str) -> None:
    articles, problems = fetch(server.url(path))
    assert articles == []
    assert problems == [ReadProblem(server.url(path), message)]


@pytest.mark.parametrize("path", ["/huge-declared", "/huge-streamed"], ids=["content-length", "streamed"])
def test_an_oversize_answer_is_not_read_to_the_end(server: Server, path: str) -> None:
    articles, problems = fetch(server.url(path))
    assert articles == []
    assert [p.source for p in problems] == [server.url(path)]
    assert "too large for an article" in problems[0].problem


def test_one_bad_url_does_not_stop_the_others(server: Server) -> None:
    problems: list[ReadProblem] = []
    urls = [server.url("/missing"), server.url("/article.html"), server.url("/logo.png")]
    articles = list(iter_articles(urls, problems=problems))
    assert [a.id for a in articles] == [server.url("/article.html")]
    assert [p.source for p in problems] == [server.url("/missing"), server.url("/logo.png")]


# -- the User-Agent --------------------------------------------------------------------
def test_requests_carry_a_descriptive_user_agent(server: Server) -> None:
    fetch(server.url("/article.html?ua=default"))
    headers = next(h for path, h in server.requests if path == "/article.html?ua=default")
    assert headers["user-agent"] == default_user_agent()
    assert headers["user-agent"].startswith("capexwatch/")
    assert "(+https://github.com/" in headers["user-agent"]


def test_the_user_agent_can_be_set_in_the_environment(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(USER_AGENT_ENV, "Jane Doe research jane@example.com")
    fetch(server.url("/article.html?ua=env"))
    headers = next(h for path, h in server.requests if path == "/article.html?ua=env")
    assert headers["user-agent"] == "Jane Doe research jane@example.com"


# -- front ends ------------------------------------------------------------------------
def test_the_cli_extracts_facts_from_a_feed(server: Server) -> None:
    result = CliRunner().invoke(cli, ["extract", server.url("/feed.xml"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    plans = {(f["doc"], f["entity"], f["period"]) for f in facts if f["metric"] == "capex_plan"}
    assert (server.url("/baidu.html"), "Baidu", "2026") in plans
    assert (server.url("/article.html"), "Tencent", "2025") in plans


def test_the_cli_reports_a_bad_url_on_stderr(server: Server) -> None:
    result = CliRunner().invoke(cli, ["extract", server.url("/missing"), "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"error: {server.url('/missing')}: HTTP 404 Not Found" in result.stderr


def test_a_store_ingests_a_feed_once(server: Server) -> None:
    with Store(memory=True) as store:
        first = store.ingest([server.url("/feed.xml")])
        again = store.ingest([server.url("/feed.xml")])
        documents = store.documents()
        facts = store.facts(metric="capex_plan")
    assert (first.read, first.added, first.problems) == (2, 2, [])
    assert (again.read, again.added, again.skipped) == (2, 0, 2)
    assert sorted(documents["url"]) == sorted([server.url("/baidu.html"), server.url("/article.html")])
    assert {"Baidu", "Tencent"} <= set(facts["entity"])


# -- parsing feeds (no server) ---------------------------------------------------------
def test_an_rss_1_feed_is_read() -> None:
    body = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://example.com/"><title>Old style</title></channel>
      <item rdf:about="https://example.com/a"><title>A</title><link>https://example.com/a</link>
        <dc:date>2025-11-10T06:00:00+08:00</dc:date></item>
    </rdf:RDF>"""
    feed = parse_feed(body, base_url="https://example.com/rss")
    assert feed is not None
    assert (feed.kind, feed.title) == ("rdf", "Old style")
    (entry,) = feed.entries
    assert (entry.link, entry.title, entry.date, entry.content) == ("https://example.com/a", "A",
                                                                     dt.date(2025, 11, 10), None)


def test_an_rss_guid_that_is_a_permalink_stands_in_for_a_missing_link() -> None:
    body = b"""<rss version="2.0"><channel><title>T</title>
      <item><guid>https://example.com/p/1</guid></item>
      <item><guid isPermaLink="false">https://example.com/p/2</guid></item></channel></rss>"""
    feed = parse_feed(body)
    assert feed is not None
    assert [e.link for e in feed.entries] == ["https://example.com/p/1", None]


def test_atom_xhtml_content_is_kept_as_html() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>X</title><link href="https://example.com/x"/><updated>2025-11-01T00:00:00Z</updated>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Capex <b>rose</b>.</p></div></content>
      </entry></feed>"""
    feed = parse_feed(body)
    assert feed is not None
    (entry,) = feed.entries
    assert entry.content == "<div><p>Capex <b>rose</b>.</p></div>"
    assert entry.content_is_html


def test_atom_text_content_is_plain_text() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>X</title>
      <content>Capex &lt;rose&gt; 10%.</content></entry></feed>"""
    feed = parse_feed(body)
    assert feed is not None
    (entry,) = feed.entries
    assert (entry.link, entry.content, entry.content_is_html) == (None, "Capex <rose> 10%.", False)


@pytest.mark.parametrize(("text", "expected"), [
    ("Thu, 13 Nov 2025 09:15:00 +0800", dt.date(2025, 11, 13)),
    ("Thu, 13 Nov 2025 09:15:00 GMT", dt.date(2025, 11, 13)),
    ("2025-11-13T01:15:00Z", dt.date(2025, 11, 13)),
    ("2025-11-13", dt.date(2025, 11, 13)),
    ("", None),
    (None, None),
], ids=["rfc822-offset", "rfc822-gmt", "iso-z", "iso-date", "empty", "none"])
def test_feed_dates(text: str | None, expected: dt.date | None) -> None:
    assert parse_feed_date(text) == expected
