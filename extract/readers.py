"""Reading articles from files: plain text, HTML and JSON Lines.

Every reader yields :class:`~newsgraph.extract.records.Article` records or
:class:`ReadFailure` records, never raises for a bad file: one bad file (or one bad
line of a JSON Lines file) is reported with its name and what was wrong, and the
rest of the batch goes on.

Plain text may start with a metadata header, either a front-matter block::

    ---
    title: Russia admits conscripts fought in Ukraine
    publisher: The Moscow Times
    published: 2022-03-10
    url: https://example.com/news/1
    ---

or a leading ``date YYYY-MM-DD`` token. When no header gives the publication date, one of
the first lines may: a ``Date: 2016-03-12`` (or ``Date: March 12, 2016``, or an e-mail style
``Date: Sat, 12 Mar 2016 09:00:00 +0000``) line, a numeric dateline alone on its line
(``23.8.2024 - 15:34``), or a news dateline (``LONDON, March 3, 2016 (Reuters) -``; without
its year, ``LONDON, March 3 (Reuters) -`` takes the year from a header that gives only
one, ``published: 2016``, and gives nothing otherwise).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsgraph.extract.boilerplate import is_boilerplate
from newsgraph.extract.lexicon import MONTHS
from newsgraph.extract.records import Article

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DOCUMENTATION_STEMS = {"readme", "license", "licence", "copying", "changelog", "notice"}
"""Names (without suffix, any case) of a corpus's own documentation, skipped when a folder
is walked (the BBC dataset's ``README.TXT``); a file named on the command line is read."""
MAX_FILE_BYTES = 50_000_000
"""Files larger than this are refused (a JSON Lines file is read line by line and may be larger)."""

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_DATE_TOKEN = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_DATELINE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*[-–,]\s*\d{1,2}:\d{2})?\s*$")
_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_HEADER = re.compile(r"^\s*(?:date|published|publication date)\s*:\s*(\S.*?)\s*$", re.I)
_WRITTEN_DATE = re.compile(
    rf"^(?:(?P<day1>\d{{1,2}})\s+(?P<month1>{_MONTH_NAME})\.?,?\s+(?P<year1>\d{{4}})"
    rf"|(?P<month2>{_MONTH_NAME})\.?\s+(?P<day2>\d{{1,2}}),?\s+(?P<year2>\d{{4}}))\b",
    re.I,
)
_NEWS_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Za-z.'’ -]*(?:,\s*[A-Z][A-Za-z.' -]*)?,\s+(?P<month>(?i:{_MONTH_NAME}))\.?\s+"
    r"(?P<day>\d{1,2})(?:,\s*(?P<year>\d{4}))?\s*(?:\([^)]{1,40}\)\s*)?[-–—]",
)
"""``LONDON, March 3 (Reuters) -``, ``WASHINGTON, D.C., Jan. 5, 2016 (AP) —``: a place in
capitals, a month and a day, maybe a year and an agency, and a dash."""
DATELINE_LINES = 8
"""How many lines from the top may hold a ``Date:`` line or a dateline."""


@dataclass(frozen=True)
class ReadFailure:
    """A file or record that could not be read as an article."""

    origin: str
    """The file, or ``file:line`` for a JSON Lines record."""
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True)
class ArticleFile:
    """A file to read, and the article id a single-article file in it gets."""

    path: Path
    name: str
    """The file's path relative to the folder named on the command line
    (``business/001.txt`` when ``bbc/`` was named), or its file name when it was named
    itself: two files of a tree never share an id, whatever their names."""


def iter_files(paths: Iterable[Path]) -> Iterator[ArticleFile | ReadFailure]:
    """The article files under ``paths`` (files as given, folders walked in name order),
    each file once: a file named again (itself, or inside another folder named) is skipped,
    since reading it twice would only replace its graph with the same one. In a folder,
    the corpus's documentation (:data:`DOCUMENTATION_STEMS`) is not an article."""
    listed: set[Path] = set()

    def once(file: Path, name: str) -> Iterator[ArticleFile]:
        key = file.resolve()
        if key not in listed:
            listed.add(key)
            yield ArticleFile(file, name)

    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.suffix.lower() in SUFFIXES
                    and child.stem.lower() not in DOCUMENTATION_STEMS
                    and child.is_file()
                ):
                    yield from once(child, child.relative_to(path).as_posix())
        elif path.is_file():
            yield from once(path, path.name)
        else:
            yield ReadFailure(str(path), "no such file or folder")


def read_paths(paths: Iterable[Path]) -> Iterator[Article | ReadFailure]:
    """Read every article under ``paths``."""
    for item in iter_files(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_file(item.path, article_id=item.name)


def read_file(path: Path, *, article_id: str | None = None) -> Iterator[Article | ReadFailure]:
    """Read one file by its suffix: JSON Lines, HTML, or plain text (anything else).

    A text or HTML file is one article, whose id is ``article_id`` (default: the file's
    name) unless its front matter gives an ``id``; JSON Lines records carry their own.
    """
    article_id = article_id or path.name
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield ReadFailure(str(path), f"file is {size} bytes, over the {MAX_FILE_BYTES} limit")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    text = decode(raw, str(path))
    if isinstance(text, ReadFailure):
        yield text
    elif suffix in HTML_SUFFIXES:
        yield parse_html(text, article_id=article_id, origin=str(path))
    else:
        yield parse_text(text, article_id=article_id, origin=str(path))


def read_article_file(path: Path) -> Article:
    """Read a single-article file, raising ValueError naming the file if it cannot be read."""
    results = list(read_file(path))
    if len(results) != 1 or isinstance(results[0], ReadFailure):
        reasons = "; ".join(str(r) for r in results if isinstance(r, ReadFailure))
        raise ValueError(reasons or f"{path}: holds {len(results)} articles, expected one")
    return results[0]


def decode(raw: bytes, origin: str) -> str | ReadFailure:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 /
    Latin-1 (the usual 8-bit encoding of Western news); binary data is a failure.

    >>> decode("café".encode("latin-1"), "f.txt"), decode(b"\\x89PNG\\x00\\x01", "f.png").reason
    ('café', 'binary file (contains NUL bytes), not text')
    """
    if not raw.strip():
        return ReadFailure(origin, "empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            return ReadFailure(origin, f"not valid UTF-16 despite its byte order mark: {exc}")
    if b"\x00" in raw:
        return ReadFailure(origin, "binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    controls = sum(1 for byte in raw if byte < 0x20 and byte not in b"\t\n\r\f")
    if controls > len(raw) // 100:
        return ReadFailure(origin, "binary file (control bytes), not text")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined: Latin-1 has them all
        return raw.decode("latin-1")


def parse_text(text: str, *, article_id: str, origin: str) -> Article | ReadFailure:
    """A plain-text article with an optional metadata header."""
    meta: dict[str, object] = {}
    body = text
    if match := _FRONT_MATTER.match(text):
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            return ReadFailure(origin, f"front matter is not valid YAML: {exc}")
        if not isinstance(loaded, dict):
            return ReadFailure(origin, "front matter must be 'key: value' lines")
        meta = {str(k).lower(): v for k, v in loaded.items()}
        body = text[match.end() :]
    elif match := _DATE_TOKEN.match(text):
        meta["published"] = match.group(1)
        body = text[match.end() :]
    if not body.strip():
        return ReadFailure(origin, "no article text after the metadata header")
    raw_date = meta.get("published", meta.get("date"))
    year = _year_only(raw_date)
    published = None if year else _parse_date(raw_date, origin)
    if isinstance(published, ReadFailure):
        return published
    return Article(
        id=str(meta.get("id") or article_id),
        text=body,
        title=_str(meta.get("title")) or _title_line(body),
        publisher=_str(meta.get("publisher")),
        published=published or _dateline(body, year),
        url=_str(meta.get("url")),
        origin=origin,
    )


def parse_html(
    html: str, *, article_id: str, origin: str, url: str | None = None
) -> Article | ReadFailure:
    """An HTML page: main text and metadata taken by trafilatura."""
    import trafilatura  # slow to import (lxml and its models): only HTML input needs it

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return ReadFailure(origin, f"cannot parse HTML: {exc}")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not re.search(r"[^\W\d_]{2}", text):  # no word: markup debris at most
        return ReadFailure(origin, "no article text found in the HTML")
    published = _parse_date(getattr(doc, "date", None), origin)
    return Article(
        id=article_id,
        text=text,
        title=getattr(doc, "title", None) or None,
        publisher=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        published=None if isinstance(published, ReadFailure) else published,
        url=getattr(doc, "url", None) or url,
        origin=origin,
    )


def _read_jsonl(path: Path) -> Iterator[Article | ReadFailure]:
    with path.open("rb") as handle:
        for number, raw_line in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if not raw_line.strip():
                continue
            line = decode(raw_line, origin)
            if isinstance(line, ReadFailure):
                yield line
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadFailure(origin, f"not valid JSON: {exc.msg} at column {exc.colno}")
                continue
            yield parse_record(record, origin=origin)


def parse_record(record: object, *, origin: str) -> Article | ReadFailure:
    """One JSON Lines record, in newsgraph's field names or news-please's.

    >>> a = parse_record({"url": "https://x.org/a", "maintext": "Hi.", "date_publish":
    ...     "2022-03-10 08:00:00", "source_domain": "x.org"}, origin="f.jsonl:1")
    >>> a.id, a.published.isoformat(), a.publisher
    ('https://x.org/a', '2022-03-10', 'x.org')
    """
    if not isinstance(record, dict):
        return ReadFailure(origin, "record is not a JSON object")
    text = record.get("text") or record.get("maintext")
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(origin, "record has no 'text' (or 'maintext') field with text")
    article_id = record.get("id") or record.get("url")
    if not isinstance(article_id, str | int) or not str(article_id).strip():
        return ReadFailure(origin, "record has no 'id' or 'url' field to identify it")
    raw_date = record.get("published") or record.get("date_publish")
    year = _year_only(raw_date)
    published = None if year else _parse_date(raw_date, origin)
    if isinstance(published, ReadFailure):
        return published
    return Article(
        id=str(article_id),
        text=text,
        title=_str(record.get("title")),
        publisher=_str(record.get("publisher") or record.get("source_domain")),
        published=published or _dateline(text, year),
        url=_str(record.get("url")),
        origin=origin,
    )


def _parse_date(value: object, origin: str) -> dt.date | None | ReadFailure:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return ReadFailure(origin, f"published date {text!r} is not a date as YYYY-MM-DD")


def _year_only(value: object) -> int | None:
    """A header date that gives only a year (``published: 2016``)."""
    text = str(value).strip() if value is not None else ""
    return int(text) if re.fullmatch(r"(?:19|20)\d\d", text) else None


def _dateline(body: str, year: int | None = None) -> dt.date | None:
    """The publication date given on one of the first lines of the text.

    A ``Date:`` line, a numeric date alone on its line (``23.8.2024 - 15:34``, day
    first), or a news dateline (``LONDON, March 3, 2016 (Reuters) -``). A news dateline
    without its year takes ``year`` (from a header that gives only a year); without one it
    gives nothing, because the year cannot be guessed.

    >>> _dateline("LONDON, March 3 (Reuters) - Shares fell.", 2016)
    datetime.date(2016, 3, 3)
    >>> _dateline("LONDON, March 3 (Reuters) - Shares fell.") is None
    True
    """
    for line in body.split("\n")[:DATELINE_LINES]:
        if match := _DATE_HEADER.match(line):
            return _written_date(match.group(1))
        if match := _DATELINE.match(line):
            day, month, numeric_year = (int(g) for g in match.groups())
            return _safe_date(numeric_year, month, day)
        if match := _NEWS_DATELINE.match(line):
            found_year = int(match["year"]) if match["year"] else year
            if found_year is None:
                return None
            return _safe_date(found_year, MONTHS[match["month"].lower()], int(match["day"]))
    return None


def _written_date(text: str) -> dt.date | None:
    """A date as a ``Date:`` line writes it: ISO, e-mail style, or with the month's name."""
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if match := _WRITTEN_DATE.match(text):
        day = match["day1"] or match["day2"]
        month = match["month1"] or match["month2"]
        year = match["year1"] or match["year2"]
        return _safe_date(int(year), MONTHS[month.lower()], int(day))
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _title_line(body: str) -> str | None:
    """The first line, when it reads as a headline: short, followed by a blank line."""
    lines = body.split("\n")
    for index, line in enumerate(lines[:6]):
        stripped = line.strip()
        if not stripped or is_boilerplate(stripped):
            continue
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if len(stripped) <= 150 and next_blank and not stripped.endswith((".", ":", ",")):
            return stripped
        return None
    return None


def _str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
