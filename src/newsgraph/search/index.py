"""Full-text search: an SQLite FTS5 index of statement texts, figure phrases and source
names, kept beside the store and in step with it.

Each indexed row is an :class:`Entry`: one statement, figure or source of one article,
with what the search filters on (speaker or source, its ``ng:sourceType``, the article,
its publication date and publisher). Rows are derived from an article's quads
(:func:`entries_from_triples`), the same way whether they come from the ingest batch
that writes the article or from the store when the index is rebuilt
(:func:`newsgraph.search.sync.rebuild`), so the two cannot disagree. An article's rows
are replaced whole, like its graph; :mod:`newsgraph.search.sync` keeps the index in step
with the store.

The index is an SQLite file (Python's standard library, FTS5): the text columns are
ranked with bm25; the filters are words of a hidden ``facets`` column, so that FTS5
intersects them with the user's words before ranking (a filtered query ranks only what
passes its filters), and the date range is checked on the rows found.

>>> index = SearchIndex(None)
>>> index.replace_articles({"https://x.example/a/1": [Entry(
...     item="https://x.example/st/1", kind="statement", text="Tariffs will rise soon",
...     name="Jane Roe", source="https://x.example/p/jane-roe", source_type="named-person",
...     article="https://x.example/a/1", article_id="1", title="", published="2024-05-01",
...     publisher="")]})
>>> [hit.item for hit in index.search(SearchQuery("tariffs")).hits]
['https://x.example/st/1']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph import ontology as ng
from newsgraph.errors import BadRequest, StoreError

SCHEMA_VERSION = "2"
"""Changed whenever the index's tables or what goes into them change: an index of another
version is rebuilt."""
KINDS = ("statement", "figure", "source")
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_PAGE = 1000
"""Pages beyond this are refused: ranking is recomputed per page, so deep pages cost more."""
MAX_QUERY_CHARS = 500
RANK_WINDOW = 10_000
"""Matches ranked at most per query: the most recently indexed ones (bm25 of every match
of a word found in a million rows takes over a second; of 10,000, about 30 ms)."""
INDEX_NAME = "search.sqlite"
"""The index file's name in an embedded store's folder."""
OPEN_MARK, CLOSE_MARK = "\x02", "\x03"
"""What snippet() puts around matched words: control characters that never occur in
indexed text (they are removed from it), replaced by ``<mark>`` only after escaping."""
_WEIGHTS = (1.0, 0.5, 0.0)
"""bm25 weights of the columns text, name, facets (facets never count)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WORD = re.compile(r"\w", re.UNICODE)
_TABLES = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    item TEXT NOT NULL, kind TEXT NOT NULL,
    source TEXT NOT NULL, name TEXT NOT NULL, source_type TEXT NOT NULL,
    article TEXT NOT NULL, article_id TEXT NOT NULL, title TEXT NOT NULL,
    published TEXT NOT NULL, publisher TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entries_article ON entries(article);
CREATE INDEX IF NOT EXISTS entries_source ON entries(source);
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(
    text, name, facets, tokenize = 'unicode61 remove_diacritics 2');
INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
"""


@dataclass(frozen=True)
class Entry:
    """One indexed row: a statement, a figure or a source of one article."""

    item: str
    """The IRI of the statement, figure or source."""
    kind: str
    """``statement``, ``figure`` or ``source``."""
    text: str
    """What is searched: the statement's words, the figure's phrase and what it counts, or
    the source's name with its other names, roles and description."""
    name: str
    """The speaker's (or figure's source's) name; a source's own name; "" when unsourced."""
    source: str
    """The IRI of that speaker or source ("" when unsourced)."""
    source_type: str
    """Its ``ng:sourceType`` (:data:`newsgraph.ontology.SOURCE_TYPES`), or ""."""
    article: str
    article_id: str
    title: str
    published: str
    """The article's publication date, ``YYYY-MM-DD``, or ""."""
    publisher: str
    """The publisher's name, or ""."""


@dataclass(frozen=True)
class SearchQuery:
    """What to search for, and which rows to keep.

    ``text`` is a list of words (each matched as a word, every one required) unless
    ``advanced``, when it is FTS5's own query syntax (``AND``, ``OR``, ``NOT``, ``"…"``,
    ``NEAR(…)``, ``prefix*``). Filters compare names without regard to case.
    """

    text: str
    advanced: bool = False
    speaker: str = ""
    """A speaker's or source's name, or its IRI."""
    source_type: str = ""
    kind: str = ""
    publisher: str = ""
    """A publisher's name."""
    date_from: str = ""
    date_to: str = ""
    page: int = 1
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class Hit:
    """One search result: an :class:`Entry` with its snippet and rank."""

    entry: Entry
    snippet: str
    """The matched text around the words found, with :data:`OPEN_MARK` and
    :data:`CLOSE_MARK` around each (see :func:`snippet_parts`)."""
    score: float
    """bm25 (lower is better, as SQLite gives it)."""

    @property
    def item(self) -> str:
        return self.entry.item


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit] = field(default_factory=list)
    has_next: bool = False
    ranked_among: int | None = None
    """When the query matched more rows than :data:`RANK_WINDOW`: how many of the most
    recently indexed were ranked (None: every match was ranked)."""


# --- Rows from an article's triples ------------------------------------------------------


READ_PREDICATES = (
    ng.RDF_TYPE,
    ng.IDENTIFIER,
    ng.TITLE,
    ng.PUBLISHED,
    ng.PUBLISHER,
    ng.RDFS_LABEL,
    ng.SKOS_ALT_LABEL,
    ng.ROLE_PROP,
    ng.DESCRIPTION,
    ng.SOURCE_TYPE,
    ng.SAID_BY,
    ng.REPORTED_BY,
    ng.TEXT,
    ng.COUNTS,
)
"""The properties :func:`entries_from_triples` reads: a rebuild reads only these (an
article's graph holds four times as many triples, its sentences the longest)."""


def entries_from_triples(graph: str, triples: Iterable[tuple[Any, Any, Any]]) -> list[Entry]:
    """The index rows of one article's graph, from its triples (pyoxigraph terms, or
    anything with a ``value``): one per statement, per figure and per source.

    >>> from pyoxigraph import Literal, NamedNode as N
    >>> t = [(N("http://x/a"), N(ng.RDF_TYPE), N(ng.ARTICLE)),
    ...      (N("http://x/s"), N(ng.RDF_TYPE), N(ng.STATEMENT)),
    ...      (N("http://x/s"), N(ng.TEXT), Literal("Prices fell"))]
    >>> [(e.kind, e.text, e.name) for e in entries_from_triples("http://x/a", t)]
    [('statement', 'Prices fell', '')]
    """
    facts: dict[str, dict[str, list[str]]] = {}
    for s, p, o in triples:
        facts.setdefault(s.value, {}).setdefault(p.value, []).append(o.value)
    article = facts.get(graph, {})
    publisher = _first(article, ng.PUBLISHER)
    common = {
        "article": graph,
        "article_id": _first(article, ng.IDENTIFIER),
        "title": _first(article, ng.TITLE),
        "published": _first(article, ng.PUBLISHED)[:10],
        "publisher": _first(facts.get(publisher, {}), ng.RDFS_LABEL) if publisher else "",
    }

    def about(node: str) -> dict[str, str]:
        props = facts.get(node, {})
        return {
            "source": node,
            "name": _first(props, ng.RDFS_LABEL),
            "source_type": _first(props, ng.SOURCE_TYPE),
        }

    entries = []
    for node in sorted(facts):
        props = facts[node]
        types = props.get(ng.RDF_TYPE, [])
        if ng.STATEMENT in types:
            speaker = _first(props, ng.SAID_BY)
            who = about(speaker) if speaker else _UNSOURCED
            text = _first(props, ng.TEXT)
            entries.append(Entry(item=node, kind="statement", text=text, **who, **common))
        elif ng.FIGURE in types:
            source = _first(props, ng.REPORTED_BY)
            who = about(source) if source else _UNSOURCED
            text = " · ".join(v for v in (_first(props, ng.TEXT), _first(props, ng.COUNTS)) if v)
            entries.append(Entry(item=node, kind="figure", text=text, **who, **common))
        elif ng.SOURCE in types:
            names = dict.fromkeys(  # sorted: the same whatever order the triples come in
                sorted(props.get(ng.RDFS_LABEL, []))
                + sorted(props.get(ng.SKOS_ALT_LABEL, []))
                + sorted(props.get(ng.ROLE_PROP, []))
                + sorted(props.get(ng.DESCRIPTION, []))
            )
            who = about(node)
            entries.append(Entry(item=node, kind="source", text=" · ".join(names), **who, **common))
    return entries


_UNSOURCED = {"source": "", "name": "", "source_type": ""}


def _first(props: Mapping[str, list[str]], prop: str) -> str:
    values = props.get(prop)
    return min(values) if values else ""


# --- Query syntax ------------------------------------------------------------------------


def quote_words(text: str) -> str:
    """The FTS5 query matching every word of ``text`` as typed: each whitespace-separated
    word becomes an FTS5 string (``"…"``, inner quotes doubled), so nothing the user types
    is taken as syntax. Words without a letter or digit are dropped.

    >>> print(quote_words("tariff* NEAR -x 'a' -"))
    "tariff*" "NEAR" "-x" "'a'"
    """
    words = [w for w in text.split() if _WORD.search(w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def facet(prefix: str, value: str) -> str:
    """The hidden word that stands for one filter value: ``prefix`` and a hash of the value
    without regard to case (letters and digits only, so FTS5 keeps it whole).

    >>> facet("sp", "Jane Roe") == facet("sp", "  jane   ROE ")
    True
    """
    key = " ".join(value.split()).casefold()
    return "x" + prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def facets_of(entry: Entry) -> str:
    """The hidden filter words of one row."""
    words = [facet("k", entry.kind)]
    if entry.source:
        words += [facet("sp", entry.name), facet("sp", entry.source)]
    if entry.source_type:
        words.append(facet("st", entry.source_type))
    if entry.publisher:
        words.append(facet("pb", entry.publisher))
    if len(entry.published) >= 7:
        words += [facet("y", entry.published[:4]), facet("m", entry.published[:7])]
    return " ".join(words)


EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
"""Where an open date range ends, and the widest range searched: its hidden words are a
year's or a month's, so a range is a few hundred words at most (articles published
outside these years are not found by a date range)."""


def date_words(first: dt.date, last: dt.date) -> list[str]:
    """The hidden words of the months from ``first`` to ``last``: a year's word for each
    whole year, a month's word for the others (a range of any length is a few hundred
    words at most).

    >>> len(date_words(dt.date(2016, 11, 5), dt.date(2018, 2, 1)))  # 2 months, 1 year, 2 months
    5
    """
    words = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        if month == 1 and (year < last.year or last.month == 12):
            words.append(facet("y", f"{year:04d}"))
            year += 1
            continue
        words.append(facet("m", f"{year:04d}-{month:02d}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return words


def needs_day_check(query: SearchQuery) -> bool:
    """Whether the date range ends inside a month, so that rows must be checked by day."""
    first = dt.date.fromisoformat(query.date_from) if query.date_from else EARLIEST
    last = dt.date.fromisoformat(query.date_to) if query.date_to else LATEST
    return first.day != 1 or (last + dt.timedelta(days=1)).day != 1


def words_expression(query: SearchQuery) -> str:
    """The user's words (quoted unless advanced), in the text and name columns only.

    Raises:
        BadRequest: nothing to search for.
    """
    text = query.text.strip()
    if not text:
        raise BadRequest("parameter 'q' is empty: give words to search for")
    if len(text) > MAX_QUERY_CHARS:
        raise BadRequest(f"parameter 'q' is over {MAX_QUERY_CHARS} characters")
    words = text if query.advanced else quote_words(text)
    if not words:
        raise BadRequest(f"parameter 'q' has no words to search for (letters or digits): {text!r}")
    return f"{{text name}} : ({words})"


def match_expression(query: SearchQuery) -> str:
    """The FTS5 MATCH expression of a query: the user's words (quoted unless advanced),
    limited to the text and name columns, AND the filters' hidden words.

    Raises:
        BadRequest: nothing to search for.
    """
    parts = [words_expression(query)]
    filters = [
        ("k", query.kind),
        ("sp", query.speaker),
        ("st", query.source_type),
        ("pb", query.publisher),
    ]
    parts += [f"facets : {facet(prefix, value)}" for prefix, value in filters if value]
    if query.date_from or query.date_to:
        first = dt.date.fromisoformat(query.date_from) if query.date_from else EARLIEST
        last = dt.date.fromisoformat(query.date_to) if query.date_to else LATEST
        first, last = max(first, EARLIEST), min(last, LATEST)  # a few hundred words at most
        words = date_words(first, last) if first <= last else []
        parts.append(f"facets : ({' OR '.join(words) or facet('m', 'none')})")
    return " AND ".join(parts)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) pieces, for a page to escape and mark up.

    >>> snippet_parts(f"the {OPEN_MARK}tariffs{CLOSE_MARK} rose")
    [('the ', False), ('tariffs', True), (' rose', False)]
    """
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{OPEN_MARK}{CLOSE_MARK}]", snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts


def plain(snippet: str) -> str:
    """A snippet without its marks."""
    return snippet.replace(OPEN_MARK, "").replace(CLOSE_MARK, "")


# --- The index ---------------------------------------------------------------------------


class SearchIndex:
    """The FTS5 index in one SQLite file (in memory when ``path`` is None).

    Writers replace articles' rows in transactions; readers (the server) open it
    read-only and see each committed transaction: SQLite's write-ahead log lets them read
    while one writer writes (an ingest's batches, or a whole rebuild in one transaction).
    """

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            elif read_only:
                if not self.path.is_file():
                    raise StoreError(
                        f"no search index at {self.path}: run 'newsgraph search-index' to build it"
                    )
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(
                    str(self.path), check_same_thread=False, timeout=60, isolation_level=None
                )
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
            if not read_only:
                with _transaction(db):
                    for statement in _TABLES.split(";"):
                        if statement.strip():
                            db.execute(statement)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the search index at {self.path}: {exc}") from exc
        self.db = db

    def close(self) -> None:
        self.db.close()

    # meta: what the index reflects

    def meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def set_meta(self, **values: str) -> None:
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction (nested calls join the outer one)."""
        return _transaction(self.db)

    def clear(self) -> None:
        """Remove every row (inside the caller's transaction, for a rebuild)."""
        with self.transaction() as db:
            db.execute("DROP TABLE texts")
            db.execute("DROP TABLE entries")
            for statement in _TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)

    # writing

    def replace_articles(self, entries: Mapping[str, Sequence[Entry]]) -> None:
        """Replace the rows of each article (its IRI → its rows) in one transaction."""
        with self.transaction() as db:
            _delete_articles(db, list(entries))
            rows = [e for article_entries in entries.values() for e in article_entries]
            start = (db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]) + 1
            db.executemany(
                "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (start + i, e.item, e.kind, e.source, e.name, e.source_type, e.article,
                     e.article_id, e.title, e.published, e.publisher)
                    for i, e in enumerate(rows)
                ],
            )  # fmt: skip
            db.executemany(
                "INSERT INTO texts(rowid, text, name, facets) VALUES (?,?,?,?)",
                [
                    (start + i, _clean(e.text), _clean(e.name), facets_of(e))
                    for i, e in enumerate(rows)
                ],
            )

    def remove_articles(self, articles: Sequence[str]) -> None:
        with self.transaction() as db:
            _delete_articles(db, articles)

    def articles(self) -> int:
        return int(self.db.execute("SELECT COUNT(DISTINCT article) FROM entries").fetchone()[0])

    def _entry(self, rowid: int) -> Entry:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (rowid,)).fetchone()
        return _entry_of(row)

    # reading

    def search(self, query: SearchQuery) -> SearchPage:
        """One page of results, best first: bm25 over the text and name columns, ties
        newest indexed first. A query matching more than :data:`RANK_WINDOW` rows ranks
        the :data:`RANK_WINDOW` most recently indexed of them (``ranked_among`` says so).

        bm25 counts, once per query, the rows holding each phrase of the expression it
        ranks: with a broad filter (kind, source type, publisher, dates: hidden words
        found in a large share of the rows) that count costs more than the ranking, so such a query
        first takes the newest matches of the whole expression, then ranks them by the
        user's words alone (:meth:`_ranked_by_words`).

        Raises:
            BadRequest: an empty query, or (advanced mode) one FTS5 cannot parse.
        """
        expression = match_expression(query)
        words = words_expression(query)
        try:
            broad = (query.kind, query.source_type, query.publisher, query.date_from, query.date_to)
            if any(broad):
                ranked, among = self._ranked_by_words(query, expression)
            else:
                ranked, among = self._ranked(query, expression)
            hits = [
                Hit(self._entry(rowid), self._snippet(words, rowid), float(score))
                for rowid, score in ranked[: query.limit]
            ]
        except sqlite3.OperationalError as exc:
            if query.advanced and _syntax_error(exc):
                raise BadRequest(
                    f"parameter 'q' is not a valid search in mode=advanced (FTS5 query "
                    f"syntax): {exc}; leave out mode=advanced to search for the words as typed"
                ) from None
            raise StoreError(f"the search index cannot answer: {exc}") from exc
        return SearchPage(hits, has_next=len(ranked) > query.limit, ranked_among=among)

    def _ranked(self, query: SearchQuery, expression: str) -> tuple[list[Any], int | None]:
        """The page's (rowid, score) rows and one more, ranking the newest matches."""
        floor = self.db.execute(
            "SELECT rowid FROM texts WHERE texts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (expression, RANK_WINDOW - 1),
        ).fetchone()
        ranked = self.db.execute(
            f"SELECT rowid, {_BM25} AS score FROM texts WHERE texts MATCH ? AND rowid >= ? "
            "ORDER BY score, rowid DESC LIMIT ? OFFSET ?",
            (expression, floor[0] if floor else 0, query.limit + 1, _offset(query)),
        ).fetchall()
        return ranked, RANK_WINDOW if floor else None

    def _ranked_by_words(self, query: SearchQuery, expression: str) -> tuple[list[Any], int | None]:
        """Like :meth:`_ranked`, bm25 counting only the user's words (and a speaker)."""
        join, dates, args = "", "", []
        if (query.date_from or query.date_to) and needs_day_check(query):
            join = "JOIN entries AS e ON e.id = texts.rowid"
            if query.date_from:
                dates += " AND e.published >= ?"
                args.append(query.date_from)
            if query.date_to:
                dates += " AND e.published != '' AND e.published <= ?"
                args.append(query.date_to)
        newest = [
            row[0]
            for row in self.db.execute(
                f"SELECT texts.rowid FROM texts {join} WHERE texts MATCH ?{dates} "
                "ORDER BY texts.rowid DESC LIMIT ?",
                (expression, *args, RANK_WINDOW),
            )
        ]
        if not newest:
            return [], None
        ranking = words_expression(query)
        if query.speaker:  # a short list: narrows the rows walked for little counting
            ranking += f" AND facets : {facet('sp', query.speaker)}"
        ranked = self.db.execute(
            f"SELECT rowid, {_BM25} AS score FROM texts WHERE texts MATCH ? "
            "AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?)) "
            "ORDER BY score, rowid DESC LIMIT ? OFFSET ?",
            (
                ranking,
                newest[-1],
                newest[0],
                json.dumps(newest),
                query.limit + 1,
                _offset(query),
            ),
        ).fetchall()
        return ranked, RANK_WINDOW if len(newest) == RANK_WINDOW else None

    def _snippet(self, expression: str, rowid: int) -> str:
        row = self.db.execute(
            "SELECT snippet(texts, -1, ?, ?, '…', 16) FROM texts WHERE texts MATCH ? AND rowid = ?",
            (OPEN_MARK, CLOSE_MARK, expression, rowid),
        ).fetchone()
        return row[0] if row and row[0] else ""


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    if db.in_transaction:
        yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


_STORAGE_ERRORS = ("malformed", "locked", "busy", "unable to open", "disk", "no such table")


_BM25 = f"bm25(texts, {', '.join(map(str, _WEIGHTS))})"


def _offset(query: SearchQuery) -> int:
    return (query.page - 1) * query.limit


def _syntax_error(exc: sqlite3.OperationalError) -> bool:
    """Whether SQLite refused the MATCH expression (FTS5 says "fts5: syntax error near",
    "unterminated string", "no such column: x", ...) rather than the file."""
    message = str(exc).lower()
    return not any(word in message for word in _STORAGE_ERRORS)


_COLUMNS = (
    "item, kind, (SELECT text FROM texts WHERE rowid = id), name, source, source_type, "
    "article, article_id, title, published, publisher"
)


def _entry_of(row: Sequence[Any]) -> Entry:
    item, kind, text, name, source, source_type, article, article_id, title, day, pub = row
    return Entry(
        item=item,
        kind=kind,
        text=text or "",
        name=name,
        source=source,
        source_type=source_type,
        article=article,
        article_id=article_id,
        title=title,
        published=day,
        publisher=pub,
    )


def _delete_articles(db: sqlite3.Connection, articles: Sequence[str]) -> None:
    for article in articles:
        ids = [r[0] for r in db.execute("SELECT id FROM entries WHERE article = ?", (article,))]
        if ids:
            db.executemany("DELETE FROM texts WHERE rowid = ?", [(i,) for i in ids])
            db.execute("DELETE FROM entries WHERE article = ?", (article,))


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text)
