"""Scoring against the journalistic-sourcing benchmark: matching, names, types, the
dev/held-out split, reading gold CSVs, and the CLI on a tiny invented folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsgraph import cli
from newsgraph.evaluate.sourcing import (
    CANONICAL_TYPES,
    GoldFile,
    GoldRow,
    Prediction,
    evaluate_sourcing,
    match_score,
    name_right,
    normalise_type,
    pieces,
    predictions,
    read_gold,
    score_sourcing,
    source_type,
    split_parts,
)
from newsgraph.extract.records import Article, Entity, Extraction, Figure, Statement

HEADER = [
    "No",
    "Sourced Statements",
    "Type of Source",
    "Name of Source",
    "Title of Source",
    "Source Descriptors",
    "Source Justification",
]


# -- matching ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "gold", "found"),
    [
        # the same statement, quotation marks and whitespace normalised, case ignored
        (
            "\u201cThe bridge will reopen in May,\u201d   Ada Quill said.",
            '"the bridge will reopen in may," Ada Quill said.',
            True,
        ),
        # a comma piece matches although the rest of the sentence differs
        (
            "The bridge will reopen in May, the engineer said on a windy afternoon.",
            "The bridge will reopen in May",
            True,
        ),
        # piece ratio exactly 70 is not above 70; 80 is
        ("abcdefgxyz", "abcdefghij", False),
        ("abcdefghxy", "abcdefghij", True),
        # nothing alike
        ("Prices fell sharply last week.", "The bridge will reopen in May", False),
    ],
)
def test_match_rule_pieces_and_threshold(predicted, gold, found):
    assert (match_score(predicted, gold) is not None) is found


def test_whole_ratio_below_30_fails_unless_the_prediction_is_contained():
    gold = "The bridge will reopen in May"
    long_sentence = gold + ", " + ", ".join(f"and word{i} more text here" for i in range(12))
    assert match_score(long_sentence, gold) is None  # the piece matches, the whole is too far
    long_gold = gold + ", " + ", ".join(f"with clause{i} added on" for i in range(12))
    short = "The bridge will reopen in"
    assert match_score(short, long_gold) is not None  # contained in the gold: found


def test_pieces_split_sentences_then_commas_and_keep_abbreviations():
    assert pieces("Mr. Quill left early, angry. The U.S. team won.") == [
        "mr. quill left early",
        "angry.",
        "the u.s. team won.",
    ]


# -- names and types --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "gold", "ok"),
    [
        ("Ada Quill", "Ada Quill", True),
        ("Ada Quil", "Ada Quill", True),  # ratio above 80
        ("Quill", "Dr. Ada Quill", True),  # same surname
        ("ADA QUILL", "ada quill", True),
        ("Bo Fenwick", "Ada Quill", False),
        ("Ada", "Ada Quill", False),  # first name only: ratio 50, other last token
        (None, "Ada Quill", False),
    ],
)
def test_name_rule(predicted, gold, ok):
    assert name_right(predicted, gold) is ok


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Named Person", "named-person"),
        ("Named Organization", "named-organization"),
        ("Document", "document"),
        ("Unnamed Group of People", "unnamed-group"),
        ("Unnamed Group", "unnamed-group"),
        (" unnamed group  of people ", "unnamed-group"),
        ("Unnamed Person", "unnamed-person"),
        ("Anonymous Source", "anonymous"),
        ("Not Defined", None),
        ("", None),
        ("Ada Quill", None),  # a name shifted into the type column
        ("Documentary Source / Unnamed Source", None),
    ],
)
def test_type_normalisation(raw, canonical):
    assert normalise_type(raw) == canonical


def test_source_type_maps_entity_kinds():
    assert source_type(Entity("Ada Quill", "person")) == "named-person"
    assert source_type(Entity("City Council", "org")) == "named-organization"
    assert source_type(Entity("Quill and Fenwick", "group")) == "named-person"
    assert source_type(Entity("the harbour master", "role")) == "unnamed-person"
    for kind in ("document", "unnamed-group", "unnamed-person", "anonymous"):
        assert source_type(Entity("x", kind)) == kind  # kinds being added to EntityKind
    assert source_type(Entity("x", "planet")) is None
    assert source_type(None) is None
    assert set(CANONICAL_TYPES) >= {source_type(Entity("x", k)) for k in ("person", "role")}


# -- the split --------------------------------------------------------------------------


def test_every_fifth_story_by_number_is_held_out():
    numbers = [210, 67, 100, 5, 101, 102, 103, 104, 105, 106, 107]
    parts = split_parts(numbers)
    ordered = sorted(numbers)
    assert [n for n in ordered if parts[n] == "held-out"] == [ordered[4], ordered[9]]
    # numeric order (5 before 67 before 100), not the order of the names
    assert parts[102] == "held-out" and parts[107] == "held-out"  # indexes 4 and 9
    assert parts[5] == parts[210] == parts[101] == "dev"
    assert list(split_parts(reversed(numbers)).items()) == list(parts.items())


# -- predictions and scoring ------------------------------------------------------------

QUILL = Entity("Ada Quill", "person")
COUNCIL = Entity("Harbour Council", "org")


def _statement(speaker: Entity, sentence: str) -> Statement:
    return Statement(speaker, sentence, 0, len(sentence), "indirect", sentence, 0, len(sentence))


def test_predictions_take_statements_and_sourced_figures_once():
    sentence = "Ada Quill said the bridge will reopen in May and cost 5 million."
    extraction = Extraction(
        Article("a", sentence),
        statements=(_statement(QUILL, sentence), _statement(QUILL, sentence)),
        figures=(
            Figure("5 million", 0, 9, value=5e6, source=COUNCIL, sentence=sentence),
            Figure("7 boats", 0, 7, value=7, sentence="Seven boats."),  # no source
        ),
    )
    preds = predictions(extraction)
    assert preds == [
        Prediction(sentence, "Ada Quill", "named-person", "statement"),
        Prediction(sentence, "Harbour Council", "named-organization", "figure"),
    ]


def _row(statement: str, type_: str | None, name: str | None, number: str = "1") -> GoldRow:
    return GoldRow(number, statement, type_, type_ or "", name)


def test_score_counts_found_precision_name_and_type_on_the_best_match():
    gold = GoldFile(
        rows=[
            _row("The bridge will reopen in May", "named-person", "Ada Quill", "1"),
            # the same statement with a second source: two rows, both found
            _row("The bridge will reopen in May", "named-organization", "Harbour Council", "2"),
            _row("Fares will double", "unnamed-group", None, "3"),
            _row("Nobody predicted this", None, "Bo Fenwick", "4"),  # untyped
        ]
    )
    preds = [
        Prediction("The bridge will reopen in May, Quill said.", "Ada Quill", "named-person"),
        Prediction(
            "The bridge will reopen in May, Quill said.", "Harbour Council", "named-organization"
        ),
        Prediction("Fares will double, officials said.", "officials", "unnamed-person"),
        Prediction("The weather was fine.", "Bo Fenwick", "named-person"),
    ]
    score = score_sourcing(preds, gold, article="a")
    assert (score.gold_rows, score.found, score.predictions, score.matched_predictions) == (
        4,
        3,
        4,
        3,
    )
    # name: rows 1 and 2 right on their tied best matches; row 3 has no gold name (skipped)
    assert (score.names.correct, score.names.total) == (2, 2)
    assert (score.types.correct, score.types.total) == (2, 3)  # row 3 is the wrong type
    assert score.untyped == 1 and score.unnamed == 1
    assert score.errors["missed untyped"] == 1
    assert score.errors["false positive statement"] == 1
    assert score.errors["wrong type"] == 1


def test_held_out_scores_keep_no_examples():
    gold = GoldFile(rows=[_row("The bridge will reopen in May", "named-person", "Ada Quill")])
    score = score_sourcing([Prediction("Unrelated.", "X", None)], gold, part="held-out")
    assert score.errors["missed named-person"] == 1 and score.examples == []


# -- reading gold -----------------------------------------------------------------------


def _write_gold(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def test_read_gold_survives_malformed_rows_and_reports_them(tmp_path):
    path = tmp_path / "gold" / "1.csv"
    _write_gold(
        path,
        [
            ["1", "The bridge will reopen in May.\n\n", "Named Person", "Ada Quill", "", "", ""],
            ["2", "Fares will double.", "Unnamed Group", "null", "", "officials", ""],
            ["3", "Shifted row.", "Ada Quill", "Named Person", "", ""],  # short, name as type
            ["4", "Too many.", "Document", "Harbour Report", "", "", "", "extra", "more"],
            ["5", "", "Named Person", "Ada Quill", "", "", ""],  # no statement
            ["6"],  # almost nothing
            [],
        ],
    )
    gold = read_gold(path)
    assert [r.number for r in gold.rows] == ["1", "2", "3", "4"]
    assert gold.rows[0].statement == "The bridge will reopen in May."
    assert gold.rows[1].type == "unnamed-group" and gold.rows[1].name is None
    assert gold.rows[2].type is None and gold.rows[2].raw_type == "Ada Quill"
    assert gold.rows[3].type == "document"
    assert gold.malformed == 3 and gold.empty == 2


# -- the whole evaluation and the CLI ---------------------------------------------------

ARTICLE_TEXTS = {
    1: "The bridge will reopen in May, Ada Quill said. The weather was fine.",
    2: "Fares will double, officials said.",
    3: "The harbour is closed, the council said.",
    4: "Boats were late, the master said.",
    5: "Nothing was found, Bo Fenwick said.",  # sorted index 4: held-out
    6: "Ice formed overnight, Ada Quill wrote.",
}
GOLD_ROWS = {
    1: [["1", "The bridge will reopen in May", "Named Person", "Ada Quill", "", "", ""]],
    2: [["1", "Fares will double", "Unnamed Group of People", "", "", "officials", ""]],
    3: [["1", "The harbour is closed", "Named Organization", "Harbour Council", "", "", ""]],
    4: [["1", "Boats were late", "Unnamed Person", "", "", "the master", ""]],
    5: [["1", "Nothing was found", "Named Person", "Bo Fenwick", "", "", ""]],
    6: [["1", "Ice formed overnight", "Named Person", "Ada Quill", "", "", ""]],
}
SPEAKERS = {
    1: QUILL,
    2: Entity("officials", "role"),
    3: COUNCIL,
    4: Entity("the master", "role"),
    5: Entity("Bo Fenwick", "person"),
    6: QUILL,
}


@pytest.fixture
def sourcing_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sourcing-tiny"
    (folder / "gold").mkdir(parents=True)
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for n, text in ARTICLE_TEXTS.items():
            record = {"id": f"sourcing-{n}", "title": f"Story {n}", "text": text}
            if n == 1:
                record["published"] = "2026-04-22"
            handle.write(json.dumps(record) + "\n")
        handle.write(json.dumps({"id": "sourcing-99", "text": "No gold for this one."}) + "\n")
        handle.write('{"id": "broken"\n')
    for n, rows in GOLD_ROWS.items():
        _write_gold(folder / "gold" / f"{n}.csv", rows)
    return folder


def stub_extract(article: Article) -> Extraction:
    """A real extractor stand-in: the first sentence, attributed to the story's speaker."""
    n = int(article.id.split("-")[1])
    sentence = article.text.split(". ")[0].rstrip(".") + "."
    speaker = SPEAKERS.get(n, QUILL)
    statement = Statement(speaker, sentence, 0, len(sentence), "indirect", sentence, 0, 0)
    extra = ()
    if n == 1:  # a false positive on a dev article
        extra = (_statement(QUILL, "The weather was fine."),)
    return Extraction(article, statements=(statement, *extra))


def test_evaluate_sourcing_parts(sourcing_dir):
    seen: list[Article] = []

    def extract(article: Article) -> Extraction:
        seen.append(article)
        return stub_extract(article)

    dev = evaluate_sourcing(sourcing_dir, extract)
    assert [s.article for s in dev.articles] == [f"sourcing-{n}" for n in (1, 2, 3, 4, 6)]
    assert seen[0].published is not None and seen[0].title == "Story 1"  # read as ingest does
    assert dev.found.value == 1.0 and (dev.precision.correct, dev.precision.total) == (5, 6)
    assert (dev.names.correct, dev.names.total) == (3, 3)  # rows without a name skipped
    assert (dev.types.correct, dev.types.total) == (4, 5)  # "officials" role: unnamed-person
    assert dev.found_by_type()["unnamed-group"].total == 1
    assert dev.no_gold == ["sourcing-99"] and len(dev.read_failures) == 1

    held = evaluate_sourcing(sourcing_dir, stub_extract, part="held-out")
    assert [s.part for s in held.articles] == ["held-out"]
    assert "per_article" not in held.to_dict() and held.to_dict(verbose=True)["per_article"] == []
    assert "Nothing was found" not in held.format_table(verbose=True)

    everything = evaluate_sourcing(sourcing_dir, stub_extract, part="all", limit=5)
    assert len(everything.articles) == 5 and everything.gold_rows == 5


def _run_cli(monkeypatch, capsys, argv: list[str]) -> tuple[int, str, str]:
    import newsgraph.extract.pipeline as pipeline

    monkeypatch.setattr(cli.commands, "_load_nlp", lambda settings: "no model")
    monkeypatch.setattr(pipeline, "extract_article", lambda nlp, article: stub_extract(article))
    status = cli.main(argv)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_cli_sourcing_table_json_and_verbose(sourcing_dir, monkeypatch, capsys, tmp_path):
    store = ["--store", str(tmp_path / "store")]
    status, out, _ = _run_cli(monkeypatch, capsys, ["evaluate", "--sourcing", str(sourcing_dir)])
    assert status == 0
    assert "found rate" in out and "precision" in out and "5 / 6" in out
    assert "untyped gold rows" in out and "unnamed-group" in out

    argv = ["evaluate", "--sourcing", str(sourcing_dir), "--json", "--part", "held-out", *store]
    status, out, _ = _run_cli(monkeypatch, capsys, argv)
    data = json.loads(out)
    assert status == 0 and data["part"] == "held-out" and data["articles"] == 1
    assert data["gold_rows"] == 1 and "per_article" not in data

    argv = ["evaluate", "--sourcing", str(sourcing_dir), "--verbose"]
    status, out, _ = _run_cli(monkeypatch, capsys, argv)
    assert status == 0 and "== sourcing-1" in out and "false positive statement" in out
    assert "The weather was fine." in out

    argv = ["evaluate", "--sourcing", str(sourcing_dir), "--verbose", "--part", "all"]
    status, out, _ = _run_cli(monkeypatch, capsys, argv)
    assert status == 0 and "sourcing-5" not in out and "held-out articles are not listed" in out


def test_cli_refuses_verbose_on_held_out(sourcing_dir, monkeypatch, capsys):
    argv = ["evaluate", "--sourcing", str(sourcing_dir), "--part", "held-out", "--verbose"]
    status, out, err = _run_cli(monkeypatch, capsys, argv)
    assert status == 1 and out == ""
    assert "held-out" in err and "aggregate" in err


def test_cli_sourcing_folder_must_hold_the_files(tmp_path, monkeypatch, capsys):
    status, _, err = _run_cli(monkeypatch, capsys, ["evaluate", "--sourcing", str(tmp_path)])
    assert status == 1 and "articles.jsonl" in err
