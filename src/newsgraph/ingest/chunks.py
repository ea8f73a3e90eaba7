"""A corpus cut into chunks of work, each read where it runs.

The client of a distributed ingest (:mod:`newsgraph.ingest.distributed`) lists the files once,
in the order a single-process ingest reads them (:func:`~newsgraph.extract.readers.iter_files`:
inputs as given, folders walked in name order), and cuts them into :class:`Chunk` s: runs
of whole files, or a range of lines of one JSON Lines file (found by one pass over the
file, noting the byte offset of every ``per_chunk``-th line). A worker reads its chunk
with :func:`read_chunk`, which yields each record under its :data:`Key` — the file's
position in the listing and the record's line — so results coming back in any order can
be put back in reading order.

Workers open the files themselves, so each machine of a cluster must see them at the
same absolute path (a shared or copied folder); messages show the paths as given.

>>> expand_inputs(["no-such-*.txt"])
[PosixPath('no-such-*.txt')]
"""

from __future__ import annotations

import dataclasses
import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.extract.readers import (
    JSONL_SUFFIXES,
    ReadFailure,
    decode,
    iter_files,
    parse_record,
    read_file,
)
from newsgraph.extract.records import Article

Key = tuple[int, int]
"""Where a record comes in reading order: (file's position in the listing, line number;
0 for a file holding one article)."""
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class FileRef:
    """One file of the listing: its position, the path to open, the path to show, and the
    article id it gives a single-article file (:class:`~newsgraph.extract.readers.ArticleFile`)."""

    index: int
    path: str
    shown: str
    name: str = ""


@dataclass(frozen=True)
class LineRange:
    """``count`` lines of a JSON Lines file from line ``first`` (at byte ``offset``)."""

    file: FileRef
    first: int
    offset: int
    count: int


@dataclass(frozen=True)
class Chunk:
    """What one task reads: whole files (text, HTML), or one range of JSON Lines."""

    files: tuple[FileRef, ...] = ()
    lines: LineRange | None = None
    only: Key | None = None
    """Read just this record of the chunk (to write one article again)."""

    def describe(self) -> list[tuple[Key, str]]:
        """The keys and names of what the chunk holds, for reporting a failed task."""
        if self.lines is not None:
            r = self.lines
            if self.only is not None:
                return [(self.only, f"{r.file.shown}:{self.only[1]}")]
            return [((r.file.index, r.first), f"{r.file.shown}:{r.first}-{r.first + r.count - 1}")]
        return [((f.index, 0), f.shown) for f in self.files if self.only in (None, (f.index, 0))]


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Inputs with glob patterns (``corpus/*.jsonl``, ``news/**/*.txt``) replaced by the
    paths they match, sorted; an existing path, or a pattern matching nothing, stays as
    given (the reader then reports it missing)."""
    paths: list[Path] = []
    for item in inputs:
        text = str(item)
        if not Path(text).exists() and _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if matches:
                paths += [Path(m) for m in matches]
                continue
        paths.append(Path(item))
    return paths


def plan_chunks(
    inputs: Iterable[str | Path], per_chunk: int
) -> tuple[list[Chunk], list[tuple[Key, str]]]:
    """Cut the corpus into chunks of at most ``per_chunk`` articles.

    Returns:
        The chunks, and the inputs that could not be listed (missing paths, unreadable
        JSON Lines files) as ``(key, message)``.
    """
    if per_chunk < 1:
        raise ValueError(f"per_chunk must be at least 1, got {per_chunk}")
    chunks: list[Chunk] = []
    failures: list[tuple[Key, str]] = []
    run: list[FileRef] = []
    for index, item in enumerate(iter_files(expand_inputs(inputs))):
        if isinstance(item, ReadFailure):
            failures.append(((index, 0), str(item)))
            continue
        # a link keeps its own name
        ref = FileRef(index, str(item.path.absolute()), str(item.path), item.name)
        if item.path.suffix.lower() not in JSONL_SUFFIXES:
            run.append(ref)
            if len(run) == per_chunk:
                chunks.append(Chunk(files=tuple(run)))
                run = []
            continue
        try:
            chunks += [Chunk(lines=r) for r in line_ranges(ref, per_chunk)]
        except OSError as exc:
            failures.append(((index, 0), f"{ref.shown}: cannot read: {exc.strerror or exc}"))
    if run:
        chunks.append(Chunk(files=tuple(run)))
    return chunks, failures


def line_ranges(ref: FileRef, per_chunk: int) -> list[LineRange]:
    """A JSON Lines file's lines in ranges of ``per_chunk`` (one pass over the file)."""
    ranges = []
    first, start, offset, count = 1, 0, 0, 0
    with open(ref.path, "rb") as handle:
        for line in handle:
            count += 1
            offset += len(line)
            if count == per_chunk:
                ranges.append(LineRange(ref, first, start, count))
                first, start, count = first + count, offset, 0
    if count:
        ranges.append(LineRange(ref, first, start, count))
    return ranges


def read_chunk(chunk: Chunk) -> Iterator[tuple[Key, Article | ReadFailure]]:
    """Every record of a chunk, as :func:`~newsgraph.extract.readers.read_paths` reads it
    (the same articles and failures, under the paths as given)."""
    for ref in chunk.files:
        if chunk.only is None or chunk.only == (ref.index, 0):
            for item in read_file(Path(ref.path), article_id=ref.name or None):
                yield (ref.index, 0), _shown(item, ref)
    if chunk.lines is not None:
        for key, item in _read_lines(chunk.lines):
            if chunk.only is None or chunk.only == key:
                yield key, item


def _read_lines(lines: LineRange) -> Iterator[tuple[Key, Article | ReadFailure]]:
    """The records of a line range (the per-line rules of the JSON Lines reader)."""
    ref = lines.file
    try:
        with open(ref.path, "rb") as handle:
            handle.seek(lines.offset)
            for number in range(lines.first, lines.first + lines.count):
                raw_line = handle.readline()
                origin = f"{ref.shown}:{number}"
                if not raw_line:
                    break
                if not raw_line.strip():
                    continue
                line = decode(raw_line, origin)
                if isinstance(line, ReadFailure):
                    yield (ref.index, number), line
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    reason = f"not valid JSON: {exc.msg} at column {exc.colno}"
                    yield (ref.index, number), ReadFailure(origin, reason)
                    continue
                yield (ref.index, number), parse_record(record, origin=origin)
    except OSError as exc:
        failure = ReadFailure(ref.shown, f"cannot read: {exc.strerror or exc}")
        yield (ref.index, lines.first), failure


def _shown(item: Article | ReadFailure, ref: FileRef) -> Article | ReadFailure:
    """A record whose origin names the file as the user gave it, not its absolute path."""
    if ref.path == ref.shown or not item.origin.startswith(ref.path):
        return item
    return dataclasses.replace(item, origin=ref.shown + item.origin[len(ref.path) :])
