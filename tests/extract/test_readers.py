"""Reading articles: text with metadata headers, HTML, JSON Lines, and bad files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fixtures.paths import SEEDS

from newsgraph.extract.readers import ReadFailure, read_article_file, read_file, read_paths
from newsgraph.extract.records import Article


def one(path: Path) -> Article | ReadFailure:
    items = list(read_file(path))
    assert len(items) == 1
    return items[0]


def test_front_matter_gives_title_publisher_date_and_url(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "---\ntitle: Headline here\npublisher: The Daily\npublished: 2022-03-10\n"
        "url: https://example.com/a\n---\nBody text.\n",
        encoding="utf-8",
    )
    article = one(path)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.publisher, article.url) == (
        "a.txt",
        "Headline here",
        "The Daily",
        "https://example.com/a",
    )
    assert article.published == dt.date(2022, 3, 10)
    assert article.text == "Body text.\n"


def test_a_leading_date_token_is_the_publication_date_and_not_text() -> None:
    article = read_article_file(SEEDS / "000_809dbdc737c32f88.txt")
    assert article.published == dt.date(2022, 3, 10)
    assert article.text.startswith("Nearly two weeks after the war")


def test_a_dateline_alone_on_an_early_line_is_the_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("Headline\n\nSDA\n\n23.8.2024 - 15:34\n\nBody.", encoding="utf-8")
    assert one(path).published == dt.date(2024, 8, 23)  # type: ignore[union-attr]


def test_every_seed_has_its_date_and_the_named_publishers() -> None:
    articles = [a for a in read_paths([SEEDS]) if isinstance(a, Article)]
    assert len(articles) == 5
    dates = {a.id[:3]: a.published for a in articles}
    assert dates == {
        "000": dt.date(2022, 3, 10),
        "001": dt.date(2022, 3, 10),
        "002": dt.date(2022, 3, 10),
        "003": dt.date(2022, 3, 10),
        "004": dt.date(2024, 8, 23),
    }
    publishers = {a.id[:3]: a.publisher for a in articles}
    assert publishers["002"] == "The Moscow Times" and publishers["000"] is None


def test_html_main_text_and_metadata_come_from_trafilatura(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Minister speaks</title>"
        '<meta property="og:site_name" content="The Daily">'
        '<meta name="date" content="2022-03-10"></head><body><nav>Home | News</nav>'
        "<article><h1>Minister speaks</h1><p>&quot;We are here,&quot; the minister said on "
        "Wednesday, speaking to reporters in the capital for the first time.</p>"
        "<p>The ministry added that more details would follow in the coming days.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = one(path)
    assert isinstance(article, Article)
    assert article.title == "Minister speaks" and article.publisher == "The Daily"
    assert article.published == dt.date(2022, 3, 10)
    assert '"We are here," the minister said' in article.text
    assert "Home | News" not in article.text


def test_json_lines_in_both_field_conventions_and_a_bad_line_among_good_ones(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crawl.jsonl"
    lines = [
        json.dumps({"id": "n1", "text": "One.", "published": "2022-03-10", "publisher": "P"}),
        "{not json",
        json.dumps(
            {
                "url": "https://x.org/2",
                "maintext": "Two.",
                "date_publish": "2022-03-09 10:00:00",
                "source_domain": "x.org",
                "title": "T2",
            }
        ),
        json.dumps({"text": "No id."}),
        json.dumps({"id": "n4", "text": "Bad date.", "published": "March"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_file(path))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [str(i) for i in items if isinstance(i, ReadFailure)]
    assert [a.id for a in articles] == ["n1", "https://x.org/2"]
    assert articles[1].published == dt.date(2022, 3, 9) and articles[1].publisher == "x.org"
    assert failures[0].startswith(f"{path}:2: not valid JSON")
    assert failures[1] == f"{path}:4: record has no 'id' or 'url' field to identify it"
    assert failures[2].startswith(f"{path}:5: published date 'March'")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"---\ntitle: [unclosed\n---\nBody", "front matter is not valid YAML"),
    ],
)
def test_bad_files_get_a_message_naming_the_file(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    failure = one(path)
    assert isinstance(failure, ReadFailure)
    assert failure.origin == str(path) and reason in failure.reason


def test_latin1_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café crème, a dit le ministre.".encode("latin-1"))
    article = one(path)
    assert isinstance(article, Article) and "café crème" in article.text


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Kyiv said “no”.".encode("utf-16"))
    article = one(path)
    assert isinstance(article, Article) and article.text == "Kyiv said “no”."


def test_a_missing_path_is_a_failure_and_the_rest_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not an article.", encoding="utf-8")
    items = list(read_paths([tmp_path / "missing", tmp_path]))
    assert str(items[0]) == f"{tmp_path / 'missing'}: no such file or folder"
    assert [i.id for i in items[1:]] == ["ok.txt"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\n\nDate: 2016-03-12\n\nBody.", dt.date(2016, 3, 12)),
        ("Headline\nDate: March 12, 2016\n\nBody.", dt.date(2016, 3, 12)),
        ("Headline\nDate: 12 March 2016\n\nBody.", dt.date(2016, 3, 12)),
        ("Date: Sat, 12 Mar 2016 09:00:00 +0000\n\nBody.", dt.date(2016, 3, 12)),
        ("Headline\n\nLONDON, March 3, 2016 (Reuters) - Shares fell.", dt.date(2016, 3, 3)),
        ("WASHINGTON, D.C., Jan. 5, 2016 (AP) — The Senate voted.", dt.date(2016, 1, 5)),
        # A dateline without its year gives nothing: the year cannot be guessed.
        ("LONDON, March 3 (Reuters) - Shares fell.", None),
        # Dates in the story are not publication dates.
        ("Headline\n\nThe vote on March 3, 2016 was close.", None),
    ],
)
def test_the_publication_date_from_a_date_line_or_a_dateline(
    tmp_path: Path, text: str, expected: dt.date | None
) -> None:
    path = tmp_path / "c.txt"
    path.write_text(text, encoding="utf-8")
    assert one(path).published == expected  # type: ignore[union-attr]


def test_a_dateline_takes_its_year_from_a_header_giving_only_the_year(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        "---\npublished: 2016\n---\nLONDON, March 3 (Reuters) - Shares fell.", encoding="utf-8"
    )
    assert one(path).published == dt.date(2016, 3, 3)  # type: ignore[union-attr]


def test_a_json_record_without_published_uses_its_dateline() -> None:
    from newsgraph.extract.readers import parse_record

    record = {"id": "r1", "text": "PARIS, May 2, 2024 (AFP) - Talks resumed."}
    assert parse_record(record, origin="f.jsonl:1").published == dt.date(2024, 5, 2)  # type: ignore[union-attr]
    record = {"id": "r2", "published": "2024-05-03", "text": "PARIS, May 2, 2024 (AFP) - Hi."}
    assert parse_record(record, origin="f.jsonl:2").published == dt.date(2024, 5, 3)  # type: ignore[union-attr]
