"""Score the claim linker and the contradictions query against eval/seeds-claims.json.

    .venv/bin/newsgraph ingest seeds --store /tmp/seeds-store --no-progress
    .venv/bin/python eval/score_claims.py /tmp/seeds-store

Pairs are counted over every extracted statement: a pair of statements of different
articles is "same claim" in the gold when one gold group holds both (statements are
matched to the gold by article and quote prefix; a statement in no group is a claim of
its own), and in the prediction when both carry one ng:claim. A predicted contradiction is correct when its denial and its assertion
fall in the denial and assertion sets of one gold contradiction.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from newsgraph.store import GraphStore

GOLD = Path(__file__).with_name("seeds-claims.json")
_ROWS = """
SELECT ?s ?id ?text ?claim WHERE {
  ?s a ng:Statement ; ng:text ?text ; ng:reportedIn/ng:identifier ?id .
  OPTIONAL { ?s ng:claim ?claim }
}"""


def norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


def find(statements: dict, article: str, prefix: str) -> str | None:
    key = norm(prefix)
    for (iri, art), text in statements.items():
        if art == article and (norm(text).startswith(key) or key.startswith(norm(text)[:40])):
            return iri
    return None


def main(store_path: str) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    store = GraphStore(store_path, read_only=True)
    statements, claim_of = {}, {}
    for row in store.query(_ROWS):
        statements[(row["s"].value, row["id"].value)] = row["text"].value
        claim_of[row["s"].value] = row["claim"].value if row["claim"] else row["s"].value
    article_of = {iri: art for iri, art in statements}
    group_of, missing = {}, 0
    for name, members in gold["claims"].items():
        for article, prefix in members:
            iri = find(statements, article, prefix)
            if iri is None:
                missing += 1
            else:
                group_of[iri] = name
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(article_of), 2):
        if article_of[a] == article_of[b]:
            continue
        same_gold = group_of.get(a, a) == group_of.get(b, b)
        same_pred = claim_of[a] == claim_of[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    print(
        f"claims: {len(group_of)} grouped gold statements found among {len(article_of)} "
        f"extracted, {missing} not extracted"
    )
    print(
        f"  same-claim pairs: tp {tp}, fp {fp}, fn {fn}; precision {tp / max(tp + fp, 1):.2f}, "
        f"recall {tp / max(tp + fn, 1):.2f}"
    )
    from newsgraph.queries import load_queries

    rows = list(store.query(load_queries()["contradictions"].whole()))
    predicted = {(r["denial"].value, r["assertion"].value) for r in rows}
    denials, assertions = set(), set()
    for pair in gold["contradictions"]:
        denials |= {find(statements, a, p) for a, p in pair["denial"]} - {None}
        assertions |= {find(statements, a, p) for a, p in pair["assertion"]} - {None}
    correct = {p for p in predicted if p[0] in denials and p[1] in assertions}
    all_pairs = len(denials) * len(assertions)
    print(
        f"contradictions: {len(predicted)} predicted statement pairs, {len(correct)} correct "
        f"(precision {len(correct) / max(len(predicted), 1):.2f}); "
        f"gold pairs among extracted statements {all_pairs}, found {len(correct)} "
        f"(recall {len(correct) / max(all_pairs, 1):.2f})"
    )


if __name__ == "__main__":
    main(sys.argv[1])
