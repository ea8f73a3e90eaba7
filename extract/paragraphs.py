"""A pipeline component that starts a new sentence at every line break.

News text puts headlines, subheadings, bylines and paragraphs on lines of their own, often
without a closing full stop. The parser of the small English model then runs a headline
into the first sentence of the body ("Russia admits conscripts fought ... denials The
ministry admitted ..."), and a cue of the body hangs off a noun of the headline. Marking
the first token after a line break as a sentence start before parsing keeps them apart
(the parser respects sentence starts set before it runs).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

COMPONENT = "newsgraph_line_breaks"
"""The registered name; add it with ``nlp.add_pipe(COMPONENT, before="parser")``."""


@Language.component(COMPONENT)
def line_break_sentences(doc: Doc) -> Doc:
    """Mark the first word after a line break as a sentence start.

    Args:
        doc: A tokenised document, not yet parsed.

    Returns:
        The same document.
    """
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        newline_before = token.i > 0 and "\n" in doc[token.i - 1].whitespace_
        if token.i > 0 and (after_break or newline_before):
            token.is_sent_start = True
        after_break = False
    return doc


TITLE_ABBREVIATIONS: tuple[str, ...] = (
    "Det.", "Sgt.", "Cpl.", "Pvt.", "Spc.", "Lt.", "Capt.", "Cpt.", "Cmdr.", "Maj.",
    "Brig.", "Insp.", "Supt.", "Ofc.", "Atty.", "Asst.", "Hon.", "Amb.", "Pres.", "Msgr.",
    "Reps.", "Sens.", "Gens.", "Sgts.", "Dets.",
)  # fmt: skip
"""Abbreviated titles written before a name ("police Det. Samuel Dukes", "Sgt. Ann Roe")
that the tokenizer does not know: it splits their full stop off, and the parser then ends
the sentence there, cutting a statement from its cue."""


def add_line_breaks(nlp: Language) -> Language:
    """Add :func:`line_break_sentences` before the parser and :func:`join_hyphenated_names`
    at the end (each once), and keep the abbreviated titles of ``TITLE_ABBREVIATIONS`` one
    token each; returns ``nlp``."""
    if isinstance(nlp.tokenizer, Tokenizer):  # (a custom tokenizer keeps its own rules)
        for title in TITLE_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser" if "parser" in nlp.pipe_names else None)
    if HYPHENATED_NAMES not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe(HYPHENATED_NAMES, last=True)
    return nlp


HYPHENATED_NAMES = "newsgraph_hyphenated_names"
"""The registered name of :func:`join_hyphenated_names`; add it after the entity recognizer."""


@Language.component(HYPHENATED_NAMES)
def join_hyphenated_names(doc: Doc) -> Doc:
    """Join the pieces of a hyphenated name the tokenizer split ("Min-seok" read as "Min",
    "-", "seok") into one proper-noun token, inside the person's name.

    A hyphen written with no space on either side between two words, the first
    capitalised, one of them in a person's name, is part of that name: English hyphenates
    given names and surnames ("Kim Min-seok", "Anne-Marie", "Keitt-Barnes"), and the
    lower-case second half of a romanised given name ("seok") is otherwise read as a common
    noun, leaving the person without a name that ends in a proper noun. Words joined by a
    hyphen outside a person's name ("Israel-Hamas", "then-Prime Minister") are left alone.

    Args:
        doc: A parsed document with entities.

    Returns:
        The same document, retokenized (character offsets unchanged).
    """
    if "-" not in doc_text(doc):
        return doc
    spans = []
    last = -1
    for token in doc[1:-1]:
        left, right = doc[token.i - 1], doc[token.i + 1]
        if (
            token.text != "-"
            or left.i <= last
            or left.whitespace_
            or token.whitespace_
            or not (left.is_alpha and right.is_alpha and left.text[0].isupper())
            or "PERSON" not in (left.ent_type_, right.ent_type_)
        ):
            continue
        spans.append(doc[left.i : right.i + 1])
        last = right.i
    if not spans:
        return doc
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span, attrs={"POS": "PROPN", "TAG": "NNP"})
    # an entity that ended inside a joined name ("Kim Min" of "Kim Min-seok") takes all of it
    widened: list[Span] = []
    for start, end, label in ents:
        ent = doc.char_span(start, end, label=label, alignment_mode="expand")
        if ent is not None and (not widened or ent.start >= widened[-1].end):
            widened.append(ent)
    doc.ents = widened
    return doc


_TERMINAL = tuple('.!?:;"”’)]')
_LINE = re.compile(r"[^\n]*")
WRAPPED_SHARE = 0.5
"""The share of full-width lines that must end mid-sentence for a text to count as
hard-wrapped (converted from PDF or e-mail)."""
MIN_WRAPPED_LINES = 5


def unwrap_hard_breaks(text: str) -> str:
    r"""A hard-wrapped text with its wrapped line breaks turned into spaces (same length,
    so every offset holds); any other text as it is.

    A text is hard-wrapped when most of its lines that reach the margin (at least 70% of
    the longest lines' width) end mid-sentence. In such a text a line that reaches the
    margin and ends without a sentence's closing mark is continued by the next line,
    whatever its first letter ("... braced for President\nDonald Trump's response."); a
    line short of the margin, or ending a sentence, ends its paragraph. Without this,
    every wrapped line would start a sentence (:func:`line_break_sentences`).

    >>> wrapped = ("a" * 60 + " word\n") * 6 + "short.\nNext"
    >>> unwrap_hard_breaks(wrapped).count("\n")
    1
    >>> unwrap_hard_breaks("Headline\nThe body starts here.")
    'Headline\nThe body starts here.'
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    widths = sorted(end - start for start, end in lines)
    if len(widths) < MIN_WRAPPED_LINES:
        return _join_broken_sentences(text)
    margin = 0.7 * widths[int(0.9 * (len(widths) - 1))]
    full = [(a, b) for a, b in lines if b - a >= margin and b < len(text) and text[b] == "\n"]
    open_ended = [
        (a, b)
        for a, b in full
        if not text[a:b].rstrip().endswith(_TERMINAL) and not _heading(text[a:b])
    ]
    if len(open_ended) < MIN_WRAPPED_LINES or len(open_ended) < WRAPPED_SHARE * len(full):
        return _join_broken_sentences(text)
    chars = list(text)
    for _, end in open_ended:
        if end + 1 < len(text) and text[end + 1] not in "\n":
            chars[end] = " "
    return _join_broken_sentences("".join(chars))


def _heading(line: str) -> bool:
    """True for a line in capitals ("TRUMP WARNS IRAN AS TALKS FADE"): a heading set in the
    body, never a line that wraps into the next."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and not any(c.islower() for c in letters)


_BROKEN = re.compile(r"(?<=[a-z,])([ \t]*(?:\n[ \t]*)+)(?=[a-z]{2,}\b)")


def _join_broken_sentences(text: str) -> str:
    r"""A sentence cut by line breaks (a page break of a converted PDF: "a military base\n\n
    on allied territory") joined again: the breaks between a line that ends with a small
    letter or a comma and a line that starts with a lower-case word become spaces.

    >>> _join_broken_sentences("a base\n\non allied land.\n\nNext one.")
    'a base  on allied land.\n\nNext one.'
    """
    return _BROKEN.sub(lambda m: " " * len(m.group(1)), text)


_TEXT_KEY = "newsgraph.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document.

    spaCy rebuilds ``Doc.text`` from its tokens on every access (linear in the document),
    and the rules ask for it thousands of times per article; the text is kept in
    ``doc.user_data`` instead. Rules never change a parsed document's tokens.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
