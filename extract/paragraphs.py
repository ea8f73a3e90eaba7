"""A pipeline component that starts a new sentence at every line break.

News text puts headlines, subheadings, bylines and paragraphs on lines of their own, often
without a closing full stop. The parser of the small English model then runs a headline
into the first sentence of the body ("Russia admits conscripts fought ... denials The
ministry admitted ..."), and a cue of the body hangs off a noun of the headline. Marking
the first token after a line break as a sentence start before parsing keeps them apart
(the parser respects sentence starts set before it runs).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

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


def add_line_breaks(nlp: Language) -> Language:
    """Add :func:`line_break_sentences` before the parser (once); returns ``nlp``."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


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
