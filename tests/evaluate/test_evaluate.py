"""Scoring against gold: matching rules on hand-built records, the PolNeAR reader, the real
dev split (marked ``corpus``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fixtures.paths import SEEDS, SHARED

from newsgraph.evaluate.gold import evaluate, name_matches, quote_similarity, score_article
from newsgraph.evaluate.polnear import evaluate_polnear, parse_ann, polnear_gold, source_name
from newsgraph.extract.records import Article, Entity, Extraction, Figure, Statement

TEXT = (
    "Defense Ministry spokesman Major General Igor Konashenkov said on Wednesday that "
    "\u201cAlmost all of these servicemen have already been withdrawn.\u201d "
    "At least 81 conscripts are missing, the BBC reported. "
    "Putin said there were no plans. At least 81 conscripts are missing."
)
ARTICLE = Article(id="a.txt", text=TEXT, published=dt.date(2022, 3, 10))
KONASHENKOV = Entity("Igor Konashenkov", "person", aliases=("Konashenkov",))
BBC = Entity("BBC", "org")


def stmt(text: str, speaker: Entity = KONASHENKOV, **kw) -> Statement:
    start = max(TEXT.find(text), 0)
    return Statement(
        speaker, text, start, start + len(text), kw.pop("kind", "direct"), "", 0, 0, **kw
    )


def gold_stmt(quote: str, speaker: str = "Igor Konashenkov", **kw) -> dict:
    return {"speaker": speaker, "quote": quote, "direct": True, "date": None, **kw}


def score_statements(preds: list[Statement], golds: list[dict]):
    return score_article(Extraction(ARTICLE, statements=tuple(preds)), {"statements": golds})


@pytest.mark.parametrize(
    ("predicted", "gold", "matches"),
    [
        (
            "Almost all of these servicemen have already been withdrawn.",
            "\u201cAlmost\u00a0all of these  servicemen have already been withdrawn\u201d",
            True,
        ),
        ("almost all of these", "Almost all of these servicemen have already been withdrawn", True),
        ("a b c d", "a b c x y z", False),  # Jaccard 3/7, no containment
        ("a b c d", "a b c d x", True),  # containment
        ("it\u2019s over", "it's over now", True),  # apostrophes normalised, containment
        ("no plans at all", "there were no plans", False),
    ],
)
def test_quote_similarity_jaccard_and_containment(predicted, gold, matches):
    assert (quote_similarity(predicted, gold) is not None) is matches


def test_quote_similarity_threshold_is_inclusive():
    assert quote_similarity("a b c x", "a b c y z") == 0.5  # 3/6, no containment
    assert quote_similarity("a b x y", "a b z w") is None  # 2/6


@pytest.mark.parametrize(
    ("predicted", "gold", "ok"),
    [
        (["Putin"], ["Vladimir Putin"], True),  # shared last token
        (["President Vladimir Putin"], ["Vladimir Putin"], True),  # title stripped
        (["Lt Gen Scott D. Berrier"], ["Scott D. Berrier"], True),
        (["the Defense Ministry spokesman Igor Konashenkov"], ["Igor Konashenkov"], True),
        (["Mr. Obama"], ["Barack Obama"], True),
        (["Peskov"], ["Igor Konashenkov", "Konashenkov"], False),
        (["Kremlin", "Dmitry Peskov"], ["Peskov"], True),  # an alias counts
        (["governor of Yakutia"], ["governor of Yakutia"], True),
    ],
)
def test_name_matches(predicted, gold, ok):
    assert name_matches(predicted, gold) is ok


def test_one_to_one_matching_leaves_duplicate_as_false_positive():
    quote = "Almost all of these servicemen have already been withdrawn."
    score = score_statements([stmt(quote), stmt(quote)], [gold_stmt(quote)])
    assert (score.statements.tp, score.statements.fp, score.statements.fn) == (1, 1, 0)


def test_greedy_matching_prefers_best_jaccard():
    golds = [gold_stmt("Almost all of these"), gold_stmt("Almost all of these servicemen")]
    score = score_statements(
        [stmt("Almost all of these servicemen"), stmt("Almost all of these")], golds
    )
    assert (score.statements.tp, score.statements.fp, score.statements.fn) == (2, 0, 0)


def test_optional_gold_is_neither_missed_nor_false_positive():
    golds = [gold_stmt("there were no plans", optional=True), gold_stmt("Almost all of these")]
    score = score_statements([stmt("there were no plans")], golds)
    assert (score.statements.tp, score.statements.fp, score.statements.fn) == (0, 0, 1)
    assert score.errors["missed direct"] == 1


def test_missed_statements_are_counted_by_gold_kind():
    golds = [gold_stmt("a", kind="mixed"), gold_stmt("b", kind="fragment"), gold_stmt("c")]
    score = score_statements([], golds)
    assert score.errors["missed mixed"] == 1
    assert score.errors["missed fragment"] == 1
    assert score.errors["missed direct"] == 1  # no kind: from "direct"


def test_speaker_scored_on_matched_statements_with_aliases():
    gold = gold_stmt("there were no plans", speaker="Vladimir Putin", speaker_aliases=["Putin"])
    right = stmt("there were no plans", Entity("Putin", "person"))
    wrong = stmt("there were no plans", Entity("Kremlin", "org", aliases=("the Kremlin",)))
    assert score_statements([right], [gold]).speakers.value == 1.0
    score = score_statements([wrong], [gold])
    assert (score.speakers.correct, score.speakers.total) == (0, 1)
    assert score.errors["wrong speaker"] == 1


def test_gold_without_speaker_is_not_scored_for_speaker():
    gold = gold_stmt("there were no plans", speaker=None)
    score = score_statements([stmt("there were no plans", BBC)], [gold])
    assert score.statements.tp == 1 and score.speakers.total == 0


def test_date_accuracy_and_unsupported_dates():
    wed = dt.date(2022, 3, 9)
    golds = [
        gold_stmt("Almost all of these servicemen", date="2022-03-09"),
        gold_stmt("there were no plans", date=None),
        gold_stmt("At least 81 conscripts", date="2022-03-08"),
    ]
    preds = [
        stmt("Almost all of these servicemen", date=wed, date_basis="explicit"),
        stmt("there were no plans", date=wed, date_basis="context"),  # unsupported
        stmt("At least 81 conscripts", date=wed, date_basis="publication"),  # counts as None
    ]
    score = score_statements(preds, golds)
    assert (score.dates.correct, score.dates.total) == (1, 2)
    assert score.unsupported_dates == 1
    assert score.errors["wrong date"] == 1


def test_unsupported_date_counts_on_optional_gold_too():
    gold = gold_stmt("there were no plans", optional=True)
    pred = stmt("there were no plans", date=dt.date(2022, 3, 9), date_basis="explicit")
    assert score_statements([pred], [gold]).unsupported_dates == 1


def test_dates_not_annotated_skips_date_scoring():
    pred = stmt("there were no plans", date=dt.date(2022, 3, 9), date_basis="explicit")
    gold = {"statements": [gold_stmt("there were no plans")], "dates_annotated": False}
    score = score_article(Extraction(ARTICLE, statements=(pred,)), gold)
    assert score.unsupported_dates == 0 and score.dates.total == 0


def test_statements_not_annotated_counts_no_statement_as_a_false_positive():
    pred = stmt("there were no plans", date=dt.date(2022, 3, 9), date_basis="explicit")
    gold = {"statements": [], "statements_annotated": False, "figures": []}
    score = score_article(Extraction(ARTICLE, statements=(pred,)), gold)
    assert (score.statements.tp, score.statements.fp, score.statements.fn) == (0, 0, 0)


def fig(text: str, occurrence: int = 0, **kw) -> Figure:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.find(text, start + 1)
    return Figure(text, start, start + len(text), **kw)


def score_figures(preds: list[Figure], golds: list[dict]):
    return score_article(Extraction(ARTICLE, figures=tuple(preds)), {"figures": golds})


GOLD_81 = {
    "source": "BBC's Russian-language service",
    "value": 81,
    "low": 81,
    "high": None,
    "text": "At least 81 conscripts are missing",
    "source_aliases": ["the BBC"],
}


@pytest.mark.parametrize(
    ("pred", "tp"),
    [
        (fig("81 conscripts", value=81.0), 1),
        (fig("81 conscripts", value=81.4), 1),  # within 0.5%
        (fig("81 conscripts", value=82.0), 0),  # 1.2% off
        (fig("81 conscripts", low=81.0), 1),  # bounds compare too
        (fig("Wednesday", value=81.0), 0),  # no overlap with the gold text
    ],
)
def test_figure_value_tolerance_and_offsets(pred, tp):
    score = score_figures([pred], [GOLD_81])
    assert (score.figures.tp, score.figures.fp, score.figures.fn) == (tp, 1 - tp, 1 - tp)


def test_figure_gold_text_repeated_uses_the_overlapping_occurrence():
    golds = [GOLD_81, dict(GOLD_81, source=None)]
    preds = [fig("81 conscripts", 1, value=81.0), fig("81 conscripts", 0, value=81.0)]
    assert score_figures(preds, golds).figures.tp == 2


def test_figure_source_scoring_and_optional():
    right = fig("81 conscripts", value=81.0, source=BBC)
    wrong = fig("81 conscripts", value=81.0, source=Entity("Ukrainian military", "org"))
    assert score_figures([right], [GOLD_81]).sources.value == 1.0
    score = score_figures([wrong], [GOLD_81])
    assert score.sources.total == 1 and score.errors["wrong source"] == 1
    optional = score_figures([right], [dict(GOLD_81, optional=True)])
    assert (optional.figures.tp, optional.figures.fp, optional.figures.fn) == (0, 0, 0)


def test_evaluate_reads_gold_dir_and_falls_back_to_gold_date(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "article": "a.txt",
        "published": "2022-03-10",
        "statements": [gold_stmt("there were no plans", speaker="Putin")],
        "figures": [],
    }
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "gold" / "b.json").write_text(json.dumps(dict(gold, article="b.txt")))
    seen = []

    def extract(article: Article) -> Extraction:
        seen.append(article)
        return Extraction(article, statements=(stmt("there were no plans", BBC),))

    report = evaluate(tmp_path / "gold", tmp_path / "articles", extract)
    assert seen[0].published == dt.date(2022, 3, 10)
    assert report.skipped == ["b.json"]
    assert report.statements.tp == 1 and report.speakers.value == 0.0
    assert json.loads(json.dumps(report.to_dict(verbose=True)))["errors"]["wrong speaker"] == 1
    table = report.format_table(verbose=True)
    assert "statements" in table and "wrong speaker" in table and "there were no plans" in table


POLNEAR_TEXT = (
    'Headline\n\n"We will win," Trump said. Clinton thinks he is wrong. '
    "He told reporters that taxes would rise, sources said.\n"
    '"It is over," Pence said. "We lost."\n'
)


def _span(tid: str, kind: str, needle: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = POLNEAR_TEXT.find(needle, start + 1)
    return f"{tid}\t{kind} {start} {start + len(needle)}\t{needle}"


def _two_piece_span(tid: str, kind: str, first: str, second: str) -> str:
    a, b = POLNEAR_TEXT.find(first), POLNEAR_TEXT.find(second)
    return f"{tid}\t{kind} {a} {a + len(first)};{b} {b + len(second)}\t{first} {second}"


@pytest.fixture
def polnear_split(tmp_path: Path) -> Path:
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "x_2016-01-02_a.txt").write_text(POLNEAR_TEXT, encoding="utf-8")
    ann = [
        _span("T1", "Content", '"We will win,"'),
        _span("T2", "Source", "Trump"),
        _span("T3", "Cue", "said"),
        _span("T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        _span("T5", "Source", "Clinton"),
        _span("T6", "Cue", "thinks"),
        _span("T7", "Content", "he is wrong"),
        _span("T8", "Attribution", "thinks"),
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        _span("T9", "Source", "He"),
        _span("T10", "Cue", "told"),
        _span("T11", "Content", "that taxes would rise"),
        _span("T12", "Attribution", "told"),
        "E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9",
        _span("T13", "Source", "sources"),
        _span("T14", "Cue", "said", 1),
        _span("T15", "Content", "He told reporters that taxes would rise"),
        _span("T16", "Attribution", "said", 1),
        "E4\tAttribution:T16 Content:T15 Cue:T14 Source:T13",
        "T17\tCue 0 3\tXXX",  # recorded text differs from the slice
        _span("T18", "Source", "Pence"),
        _span("T19", "Cue", "said", 2),
        _two_piece_span("T20", "Content", '"It is over,"', '"We lost."'),
        _span("T21", "Attribution", "said", 2),
        "E5\tAttribution:T21 Content:T20 Cue:T19 Source:T18",
    ]
    (split / "attributions" / "x_2016-01-02_a_ab12.ann").write_text("\n".join(ann) + "\n")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\n"
        "dev\tx_2016-01-02_a\tx-news\t2016-01-02\n"
    )
    return split


def test_evaluate_reads_json_lines_articles_and_scores_one_part(tmp_path):
    """Gold of JSON Lines articles names their record ids; every fifth gold file by name is
    the held-out part, the others dev."""
    (tmp_path / "gold").mkdir()
    records = [{"id": f"story-{n}", "text": TEXT, "published": "2022-03-10"} for n in range(6)]
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for n in range(6):
        gold = {"article": f"story-{n}", "published": None, "figures": [],
                "statements": [gold_stmt("there were no plans", speaker="Putin")]}  # fmt: skip
        (tmp_path / "gold" / f"g{n}.json").write_text(json.dumps(gold), encoding="utf-8")
    seen: list[str] = []

    def extract(article: Article) -> Extraction:
        seen.append(article.id)
        return Extraction(article, statements=(stmt("there were no plans", BBC),))

    held = evaluate(tmp_path / "gold", jsonl, extract, part="held-out")
    assert seen == ["story-4"] and held.statements.tp == 1
    seen.clear()
    evaluate(tmp_path / "gold", jsonl, extract, part="dev")
    assert seen == ["story-0", "story-1", "story-2", "story-3", "story-5"]


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("Rep. Gwen Moore (D-Wis.)", "Rep. Gwen Moore"),
        ("Donna Brazile, the interim chairwoman of the DNC", "Donna Brazile"),
        ("The Charlotte Observer", "The Charlotte Observer"),
        ("the Rev. Peter Wherry", "the Rev. Peter Wherry"),
        ("A spokeswoman for Hillary Clinton", None),  # a description: no speaker scoring
        ("who", None),
    ],
)
def test_source_name_cuts_appositions_and_drops_descriptions(source, name):
    assert source_name(source) == name


def test_parse_ann_discontinuous_span():
    spans, events = parse_ann("T1\tContent 0 4;9 12\tabcd xyz\nE1\tAttribution:T2 Content:T1\n")
    assert spans["T1"].segments == ((0, 4), (9, 12))
    assert spans["T1"].text("abcd-----xyz") == "abcd xyz"
    assert events == [{"Attribution": "T2", "Content": "T1"}]


def test_polnear_gold_turns_attributions_into_statements(polnear_split):
    [(article, gold)] = list(polnear_gold(polnear_split, polnear_split.parent / "metadata.tsv"))
    assert article.id == "x_2016-01-02_a.txt"
    assert article.published == dt.date(2016, 1, 2) and article.publisher == "x-news"
    assert gold["span_mismatches"] == 1
    by_quote = {s["quote"]: s for s in gold["statements"]}
    trump = by_quote["We will win"]
    assert trump["direct"] and trump["speaker"] == "Trump" and not trump.get("optional")
    assert by_quote["he is wrong"]["optional"]  # "thinks" is no speech cue
    pronoun = by_quote["taxes would rise"]
    assert pronoun["speaker"] is None and pronoun["kind"] == "indirect"
    assert by_quote["He told reporters that taxes would rise"]["optional"]  # unnamed "sources"
    # a quotation split by its cue gives one statement per quoted stretch
    assert by_quote["It is over"]["direct"] and by_quote["We lost."]["speaker"] == "Pence"


def test_evaluate_polnear_scores_with_score_article(polnear_split):
    def extract(article: Article) -> Extraction:
        text = "We will win"
        start = article.text.find(text)
        said = Statement(
            Entity("Donald Trump", "person"),
            text,
            start,
            start + len(text),
            "direct",
            "",
            0,
            0,
            date=dt.date(2016, 1, 1),
            date_basis="explicit",
        )
        return Extraction(article, statements=(said,))

    report = evaluate_polnear(polnear_split, extract)
    assert (report.statements.tp, report.statements.fp, report.statements.fn) == (1, 0, 3)
    assert report.speakers.value == 1.0
    assert report.unsupported_dates == 0  # PolNeAR has no dates
    assert report.notes["span_mismatches"] == 1 and report.notes["pronoun_speakers"] == 1
    recall = report.recall_by_kind()
    assert (recall["direct"].correct, recall["direct"].total) == (1, 3)
    assert (recall["indirect"].correct, recall["indirect"].total) == (0, 1)


@pytest.mark.corpus
def test_polnear_dev_split_reads_plausibly():
    dev = SHARED / "corpus" / "polnear" / "dev"
    if not dev.is_dir():
        pytest.skip(f"PolNeAR dev split not found at {dev} (../shared is absent)")
    pairs = list(polnear_gold(dev, dev.parent / "metadata.tsv"))
    statements = [s for _, gold in pairs for s in gold["statements"]]
    required = [s for s in statements if not s.get("optional")]
    assert len(pairs) == 84
    assert all(article.published is not None for article, _ in pairs)
    assert sum(gold["span_mismatches"] for _, gold in pairs) == 0
    assert 1500 < len(statements) < 3000
    assert 500 < len(required) < len(statements)
    assert all(s["quote"] in article.text for article, gold in pairs for s in gold["statements"])


def _gold_as_extraction(article: Article, gold: dict) -> Extraction:
    """The gold annotation turned into predicted records (an oracle extractor)."""
    statements = []
    for item in gold["statements"]:
        start = article.text.find(item["quote"])
        date = dt.date.fromisoformat(item["date"]) if item["date"] else None
        speaker = Entity(item["speaker"], "person", tuple(item.get("speaker_aliases", ())))
        statements.append(
            Statement(
                speaker,
                item["quote"],
                start,
                start + len(item["quote"]),
                "direct",
                "",
                0,
                0,
                date=date,
                date_basis="explicit" if date else "publication",
            )
        )
    figures, last = [], {}
    for item in gold["figures"]:
        start = article.text.find(item["text"], last.get(item["text"], -1) + 1)
        last[item["text"]] = start
        source = Entity(item["source"], "org") if item["source"] else None
        figures.append(
            Figure(
                item["text"],
                start,
                start + len(item["text"]),
                value=item["value"],
                low=item["low"],
                high=item["high"],
                source=source,
            )
        )
    return Extraction(article, tuple(statements), tuple(figures))


@pytest.mark.corpus
def test_seeds_gold_scored_against_itself_is_perfect():
    gold_dir = SHARED / "eval" / "seeds-gold"
    if not gold_dir.is_dir():
        pytest.skip(f"seeds gold not found at {gold_dir} (../shared is absent)")
    golds = {}
    for path in gold_dir.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        golds[gold["article"]] = gold

    def oracle(article: Article) -> Extraction:
        return _gold_as_extraction(article, golds[Path(article.origin).name])

    report = evaluate(gold_dir, SEEDS, oracle)
    assert len(report.articles) == 5 and not report.skipped
    assert report.statements.f1 == 1.0 and report.figures.f1 == 1.0
    assert report.speakers.value == report.dates.value == report.sources.value == 1.0
    assert report.unsupported_dates == 0
    assert report.errors["gold figure text not found"] == 0


ALL_SPEECH_TEXT = (
    "Taxes will rise, officials said. Rivers urged voters to stay home. "
    "Nolan believes the vote was fair."
)


def _all_speech_split(tmp_path: Path) -> Path:
    """A hand-built split: an unnamed-source speech verb, a speech act, a belief."""

    def span(tid: str, kind: str, needle: str) -> str:
        start = ALL_SPEECH_TEXT.find(needle)
        return f"{tid}\t{kind} {start} {start + len(needle)}\t{needle}"

    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "y_2016-02-03_b.txt").write_text(ALL_SPEECH_TEXT, encoding="utf-8")
    ann = [
        span("T1", "Content", "Taxes will rise,"),
        span("T2", "Source", "officials"),
        span("T3", "Cue", "said"),
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        span("T4", "Source", "Rivers"),
        span("T5", "Cue", "urged"),
        span("T6", "Content", "voters to stay home"),
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        span("T7", "Source", "Nolan"),
        span("T8", "Cue", "believes"),
        span("T9", "Content", "the vote was fair"),
        "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
    ]
    (split / "attributions" / "y_2016-02-03_b_cd34.ann").write_text("\n".join(ann) + "\n")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\n"
        "dev\ty_2016-02-03_b\ty-news\t2016-02-03\n"
    )
    return split


def test_all_speech_requires_unnamed_source_speech_and_speech_acts(tmp_path):
    split = _all_speech_split(tmp_path)
    metadata = split.parent / "metadata.tsv"
    [(_, default)] = list(polnear_gold(split, metadata))
    [(_, every)] = list(polnear_gold(split, metadata, all_speech=True))
    by_default = {s["quote"]: s for s in default["statements"]}
    by_all = {s["quote"]: s for s in every["statements"]}
    # an unnamed source with a speech verb: optional by default, required with all_speech
    assert by_default["Taxes will rise"]["optional"]
    assert not by_all["Taxes will rise"].get("optional")
    assert by_all["Taxes will rise"]["speaker"] is None  # out of speaker scoring
    # a speech act ("urged") with a named source: required with its speaker
    assert by_default["voters to stay home"]["optional"]
    assert not by_all["voters to stay home"].get("optional")
    assert by_all["voters to stay home"]["speaker"] == "Rivers"
    # a belief stays optional in both modes
    assert by_default["the vote was fair"]["optional"] and by_all["the vote was fair"]["optional"]

    def extract(article: Article) -> Extraction:
        text = "Taxes will rise"
        said = Statement(Entity("Ann Lee", "person"), text, 0, len(text), "indirect", "", 0, 0)
        return Extraction(article, statements=(said,))

    default_report = evaluate_polnear(split, extract)
    assert (default_report.statements.tp, default_report.statements.fn) == (0, 0)
    report = evaluate_polnear(split, extract, all_speech=True)
    assert (report.statements.tp, report.statements.fp, report.statements.fn) == (1, 0, 1)
    assert report.speakers.total == 0  # the unnamed source is not scored for the speaker
    assert report.notes["required_without_speaker"] == 1
    assert report.title.endswith("(all speech)")
