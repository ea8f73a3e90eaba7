"""The benchmark measure of figure sources: which predicted figures lie inside a gold
sourced statement, whether that statement is found, and whether the figure's source is the
statement's by name and type (hand-built records, no model)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from newsgraph.evaluate.figure_benchmark import (
    figure_source_dict,
    figure_source_lines,
    lies_inside,
    score_figure_sources,
)
from newsgraph.evaluate.sourcing import GoldFile, GoldRow, evaluate_sourcing, predictions
from newsgraph.extract.records import Article, Entity, Extraction, Figure, Statement

QUILL = Entity("Ada Quill", "person")
COUNCIL = Entity("Harbour Council", "org")
SURVEY = Entity("the harbour survey", "document")

SAID = "Ferry fares rose 12 percent this spring, Ada Quill said."
OWN = "About 40 boats were moored in the bay on Sunday."
REPORT = "The harbour survey found 3,000 visitors stayed overnight during the regatta."


def _figure(text: str, sentence: str, source: Entity | None = None, how="none") -> Figure:
    return Figure(text, 0, len(text), source=source, attribution=how, sentence=sentence)


def _statement(speaker: Entity, sentence: str) -> Statement:
    return Statement(speaker, sentence, 0, len(sentence), "indirect", sentence, 0, len(sentence))


def _row(statement: str, type_: str | None, name: str | None) -> GoldRow:
    return GoldRow("1", statement, type_, type_ or "", name)


# -- lying inside a statement -----------------------------------------------------------


def test_a_figure_lies_inside_a_statement_holding_its_text_where_its_sentence_is():
    figure = _figure("12 percent", SAID)
    assert lies_inside(figure, "Ferry fares rose 12 percent this spring")  # part of the sentence
    # the statement runs over several sentences, the figure's among them (case, quote marks
    # and spacing normalised)
    assert lies_inside(
        figure,
        "The winter was hard.  FERRY fares rose 12 percent this spring, Ada Quill said. "
        "More to come.",
    )
    # the same words in a statement about something else, elsewhere in the article
    assert not lies_inside(figure, "Harbour rents climbed by 12 percent last year")
    # the sentence is right but the statement stops before the figure
    assert not lies_inside(figure, "Ferry fares rose")


# -- scoring one article ----------------------------------------------------------------


def _extraction(*figures: Figure, statements: tuple[Statement, ...] = ()) -> Extraction:
    return Extraction(Article("a", " ".join([SAID, OWN, REPORT])), statements, figures)


def test_right_wrong_and_missing_sources_of_figures_in_found_statements():
    gold = GoldFile(
        rows=[
            _row("Ferry fares rose 12 percent this spring", "named-person", "Ada Quill"),
            _row("The harbour survey found 3,000 visitors stayed overnight", "document", None),
        ]
    )
    extraction = _extraction(
        _figure("12 percent", SAID, Entity("Quill", "person"), "quote"),  # same surname: right
        _figure("3,000 visitors", REPORT, COUNCIL, "context"),  # no gold name; wrong type
        _figure("40 boats", OWN),  # in no statement: not counted
        statements=(_statement(QUILL, SAID), _statement(SURVEY, REPORT)),
    )
    score = score_figure_sources(extraction, gold, predictions(extraction))
    found = score.found
    assert (found.right.correct, found.right.total) == (1, 2)
    assert (found.names.correct, found.names.total) == (1, 1)  # only the first row names one
    assert (found.types.correct, found.types.total) == (1, 2)
    assert found.no_source == 0
    [example] = score.examples
    assert example.kind == "figure source" and "3,000 visitors" in example.detail
    assert "Harbour Council" in example.detail and "document" in example.detail


def test_a_row_without_a_name_is_judged_on_type_and_a_figure_without_source_is_wrong():
    gold = GoldFile(
        rows=[
            _row("The harbour survey found 3,000 visitors stayed overnight", "document", None),
            _row("Ferry fares rose 12 percent this spring", "named-person", "Ada Quill"),
        ]
    )
    extraction = _extraction(
        _figure("3,000 visitors", REPORT, SURVEY, "explicit"),
        _figure("12 percent", SAID),  # the statement is found (by its statement), no source
        statements=(_statement(QUILL, SAID),),
    )
    score = score_figure_sources(extraction, gold, predictions(extraction))
    assert (score.found.right.correct, score.found.right.total) == (1, 2)
    assert score.found.no_source == 1
    assert [e.kind for e in score.examples] == ["figure without source"]


def test_a_statement_not_found_counts_only_in_the_any_line():
    gold = GoldFile(
        rows=[_row("Ferry fares rose 12 percent this spring", "named-person", "Ada Quill")]
    )
    # no prediction matches the statement: the figure has a context source, not an attribution
    extraction = _extraction(_figure("12 percent", SAID, QUILL, "context"))
    score = score_figure_sources(extraction, gold, predictions(extraction))
    assert score.found.right.total == 0 and score.examples == []
    assert (score.any.right.correct, score.any.right.total) == (1, 1)


def test_several_sources_of_one_statement_any_of_them_is_right_and_the_figure_counts_once():
    statement = "Ferry fares rose 12 percent this spring"
    gold = GoldFile(
        rows=[
            _row(statement, "named-person", "Ada Quill"),
            _row(statement, "named-organization", "Harbour Council"),
            _row(statement, None, None),  # names no source and has no type: not judged
        ]
    )
    extraction = _extraction(
        _figure("12 percent", SAID, COUNCIL, "explicit"), statements=(_statement(QUILL, SAID),)
    )
    score = score_figure_sources(extraction, gold, predictions(extraction))
    assert (score.found.right.correct, score.found.right.total) == (1, 1)
    assert (score.found.names.correct, score.found.names.total) == (1, 1)


def test_the_right_name_with_the_wrong_type_is_not_the_right_source():
    gold = GoldFile(
        rows=[_row("Ferry fares rose 12 percent this spring", "named-person", "Ada Quill")]
    )
    wrong_kind = Entity("Ada Quill", "org")
    extraction = _extraction(
        _figure("12 percent", SAID, wrong_kind, "explicit"), statements=(_statement(QUILL, SAID),)
    )
    score = score_figure_sources(extraction, gold, predictions(extraction))
    assert score.found.names.correct == 1 and score.found.types.correct == 0
    assert score.found.right.correct == 0


def test_held_out_scores_keep_no_examples():
    gold = GoldFile(
        rows=[_row("Ferry fares rose 12 percent this spring", "named-person", "Ada Quill")]
    )
    extraction = _extraction(_figure("12 percent", SAID), statements=(_statement(QUILL, SAID),))
    score = score_figure_sources(extraction, gold, predictions(extraction), keep_examples=False)
    assert score.found.right.total == 1 and score.examples == []


# -- in the sourcing report -------------------------------------------------------------

HEADER = ["No", "Sourced Statements", "Type of Source", "Name of Source", "Title of Source",
          "Source Descriptors", "Source Justification"]  # fmt: skip


def _folder(tmp_path: Path, stories: int) -> Path:
    folder = tmp_path / "bench"
    (folder / "gold").mkdir(parents=True)
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for n in range(1, stories + 1):
            handle.write(json.dumps({"id": f"sourcing-{n}", "text": SAID}) + "\n")
    for n in range(1, stories + 1):
        with (folder / "gold" / f"{n}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            row = ["1", "Ferry fares rose 12 percent this spring", "Named Person", "Ada Quill"]
            writer.writerow([*row, "", "", ""])
    return folder


def _extract(article: Article) -> Extraction:
    """Story 1's figure carries the speaker; the others' carry none."""
    source = QUILL if article.id == "sourcing-1" else None
    figure = Figure("12 percent", 17, 27, source=source, attribution="quote", sentence=SAID)
    return Extraction(article, (_statement(QUILL, SAID),), (figure,))


def test_the_sourcing_report_prints_the_measure_by_part(tmp_path):
    folder = _folder(tmp_path, 5)  # stories 1-4 dev, 5 held-out
    dev = evaluate_sourcing(folder, _extract)
    totals = figure_source_dict(s.figure_sources for s in dev.articles)
    assert totals["in_found_statements"]["source_right"] == {
        "correct": 1,
        "total": 4,
        "accuracy": 0.25,
    }
    assert totals["in_found_statements"]["no_source"] == 3
    assert dev.to_dict()["figure_sources"] == totals
    table = dev.format_table(verbose=True)
    assert "figures inside found gold statements" in table
    assert "figure without source" in table  # the dev examples are listed
    held = evaluate_sourcing(folder, _extract, part="held-out")
    assert held.to_dict()["figure_sources"]["in_found_statements"]["source_right"]["total"] == 1
    assert "figure without source" not in held.format_table(verbose=True)
    assert figure_source_lines([None])[1].split()[2:5] == ["0", "/", "0"]
