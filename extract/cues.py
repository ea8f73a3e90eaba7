"""Speech cues: the verbs and phrases that attribute words to a speaker, read off a parse.

A cue is a speech verb ("said", "told", "admitted") or "according to". For a cue this
module finds the speaker's head token (its subject, or the subject of the verb it hangs
on) and the content clause (a ``that``-clause, a clause the cue interrupts, or the clause
"according to X" modifies). Everything here is a pure function of spaCy tokens.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extract.lexicon import (
    CLAUSE_ONLY_CUES,
    DOCUMENT_MAKING_VERBS,
    DOCUMENT_NOUNS,
    SPEECH_EVENT_NOUNS,
    SPEECH_VERBS,
    SPEECH_VERBS_NEEDING_PARTICLE,
)
from newsgraph.extract.paragraphs import doc_text


def is_cue(token: Token) -> bool:
    """Tell whether a token is a speech verb that can introduce a statement."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or lemma not in SPEECH_VERBS:
        return False
    if lemma in CLAUSE_ONLY_CUES and not any(c.dep_ == "ccomp" for c in token.children):
        return False
    particle = SPEECH_VERBS_NEEDING_PARTICLE.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.text.lower() == particle for c in token.children):
        return False
    if token.dep_ in ("amod", "acl") or any(c.dep_ == "neg" for c in token.children):
        return False
    if _all_told(token):
        return False
    return not any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _all_told(token: Token) -> bool:
    """The idiom "all told" ("in total": "All told, 40 people were hurt"): "all" standing
    alone right before "told", and a comma right after it; no one speaks."""
    doc = token.doc
    if token.lower_ != "told" or token.i == 0 or token.i + 1 >= len(doc):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    return before.lower_ == "all" and not list(before.children) and after.text == ","


def _subject_before(cue: Token) -> Token | None:
    """A proper name right before a subject-less cue, appositive allowed (a misparse:
    "..., Scott D. Berrier, Director of the Agency, claimed that ...")."""
    for candidate in reversed(cue.doc[max(0, cue.i - 25) : cue.i]):
        if candidate.pos_ != "PROPN" or candidate.dep_ == "compound":
            continue
        subtree = {t.i for t in candidate.subtree}
        if all(i in subtree for i in range(candidate.i + 1, cue.i)):
            return candidate
    return None


def _participle_subject(cue: Token) -> Token | None:
    """The subject the parser gave to a modifier before a subject-less cue ("Sydney
    Seiler, a senior adviser ... focused on Korea, said ..." read as "Seiler ... focused",
    with "focused" a clause of "said"): a subject set off by an appositive and then a
    comma before the cue is the cue's own; the words between describe the appositive's
    noun. A reported clause before its cue ends at a comma followed by the cue's own
    subject ("Prices will rise, Seiler said"), which this cue lacks."""
    for child in cue.lefts:
        if child.dep_ != "ccomp" or child.tag_ not in ("VBN", "VBD"):
            continue
        if any(c.dep_ in ("aux", "auxpass") for c in child.children):
            continue
        subjects = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
        if not subjects or subjects[0].pos_ != "PROPN":
            continue
        subject = subjects[0]
        if any(c.dep_ == "appos" for c in subject.children) and cue.doc[cue.i - 1].text == ",":
            return subject
    return None


def subject_of(cue: Token) -> Token | None:
    """The speaker's head token: the cue's subject, or that of the verb it hangs on."""
    token = cue
    for _ in range(4):
        subjects = [
            c for c in token.children if c.dep_ in ("nsubj", "csubj") and same_paragraph(c, cue)
        ]
        if subjects:
            subject = min(subjects, key=lambda c: abs(c.i - cue.i))
            if token is cue or not _disagrees(cue, subject) or token.dep_ != "ccomp":
                return _antecedent(subject, token)
            # "Officials believe the outbreak started weeks ago and say ...", "say" hung on
            # "started": a present verb agrees with its subject, so "the outbreak" is not
            # the one saying; the subject of the clause above is
            token = token.head
            continue
        if token.dep_ == "ROOT":
            return _participle_subject(token) or _subject_before(token)
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head.head
        elif token.dep_ in ("conj", "xcomp", "advcl") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
        else:
            return None
    return None


def _disagrees(verb: Token, subject: Token) -> bool:
    """True when a present-tense verb and a noun subject differ in number ("say" and "the
    outbreak", "says" and "officials"): English makes them agree, so the noun is not the
    verb's subject."""
    coordinated = any(c.dep_ == "conj" for c in subject.children)
    # a base form joined to a finite verb ("... started weeks ago and say") is finite too
    finite_base = verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head.tag_.startswith("VB")
    if verb.tag_ == "VBP" or finite_base and not any(c.dep_ == "aux" for c in verb.head.children):
        return subject.tag_ in ("NN", "NNP") and not coordinated
    if verb.tag_ == "VBZ":
        return subject.tag_ in ("NNS", "NNPS") or coordinated
    return False


def _antecedent(subject: Token, verb: Token) -> Token | None:
    """The noun a relative pronoun subject stands for ("Sanders, who said ..." gives
    "Sanders"); any other subject is returned as it is."""
    if subject.tag_ not in ("WP", "WDT") and subject.text.lower() not in ("who", "which", "that"):
        return subject
    if is_acronym(subject):
        return subject  # "WHO said": the World Health Organization, not the pronoun
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
        return verb.head
    return None


def is_acronym(token: Token) -> bool:
    """True for a word in capitals that the model may read as a function word ("WHO",
    "IT" in "the IT department"): English writes the pronoun "who" in capitals only in
    headlines and at the start of a shouted line, never after a lower-case word."""
    text = token.text
    if len(text) < 2 or not text.isalpha() or not text.isupper():
        return False
    before = token.doc[max(0, token.i - 3) : token.i]
    if any(t.text.isalpha() and t.text.islower() for t in before):
        return True
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    shouted = after is not None and after.text.isalpha() and after.text.isupper()
    return bool(token.is_sent_start) and not shouted  # "WHO said", not "WHO ARE THEY"


def same_paragraph(a: Token, b: Token) -> bool:
    low, high = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[low:high]


def clause_tokens(clause: Token) -> list[Token]:
    """A clause's tokens, a leading complementizer ("that", "whether") left out."""
    tokens = sorted(clause.subtree, key=lambda t: t.i)
    first = tokens[0] if tokens else None
    if (
        first is not None
        and first.text.lower() in ("that", "whether")
        and first.dep_ not in ("nsubj", "nsubjpass", "det", "dobj")
    ):
        tokens = tokens[1:]
    return tokens


def _trailing_modifiers(cue: Token, clause: Token) -> list[Token]:
    """Words after a content clause that the parser hung on the cue ("said X is
    “peanuts,” compared to ..."); stops at another cue or a clause with its own subject."""
    extra: list[Token] = []
    for child in cue.rights:
        if child.i <= clause.i or child.pos_ == "PUNCT" or not same_paragraph(child, cue):
            continue
        if is_cue(child) or any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            break
        if child.dep_ in ("cc", "conj"):
            break
        extra.extend(child.subtree)
    return extra


def _misparsed_complement(cue: Token) -> Token | None:
    """A "that"-clause parsed as a relative clause of the cue's object ("reassured the
    mothers that ...", "admitted for the first time that ...")."""
    for child in cue.children:
        if child.dep_ not in ("dobj", "prep", "npadvmod", "dative"):
            continue
        for token in child.subtree:
            marks = [c for c in token.children if c.dep_ == "mark" and c.text.lower() == "that"]
            if token.dep_ == "relcl" and marks and marks[0].i < token.i:
                return token
            # "warned for decades that care was poor": the clause hung on a time noun
            subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)
            noun = token.head
            timed = noun.ent_type_ in ("DATE", "TIME")
            # "wrote in an opinion that ...", "said in a statement that ...": the clause of
            # the occasion or document the cue names is what was said
            occasion = child.dep_ == "prep" and noun.dep_ == "pobj" and noun.head == child
            occasion = occasion and noun.lemma_.lower() in SPEECH_EVENT_NOUNS | DOCUMENT_NOUNS
            clause = token.dep_ == "acl" and marks and marks[0].i < token.i and subject
            if clause and (timed or occasion):
                return token
    return None


_SUBORDINATORS = {
    "when", "as", "if", "after", "before", "because", "while", "although", "though",
    "since", "until", "unless", "once", "whether", "where",
}  # fmt: skip


def _fronted_content(cue: Token) -> list[Token] | None:
    """The clause before "..., the association reported last week." when the parser made
    it no clause of the cue (its verb taken for a modifier): everything from the sentence
    start to the comma before the cue's subject, when it holds a verb and the cue has
    nothing after it but adverbs ("last week", "on Friday")."""
    if not (cue.dep_ == "ROOT" or _closing_conjunct(cue) or _closing_relative(cue)) or any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "oprd") for c in cue.children
    ):
        return None
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if not subjects:
        return None
    subject = max(subjects, key=lambda c: c.i)
    comma = subject.left_edge.i - 1
    sentence = cue.sent
    if comma <= sentence.start or cue.doc[comma].text != ",":
        return None
    if any(
        t.i > cue.i and not t.is_punct
        for t in sentence
        if t.head.i == cue.i and t.dep_ not in ("npadvmod", "advmod", "prep", "punct")
    ):
        return None
    tokens = list(cue.doc[sentence.start : comma])
    words = [t for t in tokens if not t.is_punct]
    opening = [w.text.lower() for w in words[:2]]
    if len(words) < 4 or opening[0] in _SUBORDINATORS:
        return None
    if opening[0] in ("but", "and", "yet", "so") and opening[1] in _SUBORDINATORS:
        return None
    if not any(t.tag_ in _FINITE for t in tokens):
        return None  # "Speaking to students this week, X said": no clause of its own
    return tokens


_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _closing_conjunct(cue: Token) -> bool:
    """True for a closing cue the parser joined to the verb of the clause before it as a
    conjunct with no conjunction ("Trump has lost ground, a new poll has found."): two
    clauses joined by a comma alone are no coordination in English; the second, a subject
    and a verb of saying with nothing after them, attributes the first."""
    head = cue.head
    if cue.dep_ != "conj" or head.dep_ != "ROOT" or head.pos_ not in ("VERB", "AUX"):
        return False
    return not any(c.dep_ in ("cc", "preconj") and head.i < c.i < cue.i for c in head.children)


def _closing_relative(cue: Token) -> bool:
    """True for a closing cue the parser hung on a noun of the clause before as a relative
    clause ("... has broad operational freedom, U.S. and Danish officials have said."): a
    relative clause opens with a relative pronoun or follows its noun directly ("the
    freedom officials have described"); a subject and a verb of saying set off by a comma,
    with no relative pronoun, attribute the clause before."""
    if cue.dep_ != "relcl":
        return False
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if not subjects or any(c.tag_ in ("WP", "WDT", "WP$") for c in cue.subtree):
        return False
    start = min(c.left_edge.i for c in subjects)
    return start > 0 and cue.doc[start - 1].text == ","


def content_tokens(cue: Token) -> list[Token] | None:
    """The content clause of a cue, or None when it has none."""
    ccomps = [c for c in cue.children if c.dep_ == "ccomp" and same_paragraph(c, cue)]
    ccomps = [c for c in ccomps if all(same_paragraph(t, cue) for t in (c.left_edge, c.right_edge))]
    if ccomps:
        after = [c for c in ccomps if c.i > cue.i]
        tokens = clause_tokens((after or ccomps)[0])
        if after:
            tokens += _trailing_modifiers(cue, after[0])
        if cue.dep_ == "relcl" and after:
            # "a service that organizers said would rededicate ...", "which OpenAI said
            # can ...": the relative pronoun was moved out of the reported clause to the
            # front of the relative clause; the words said are those after the cue
            tokens = [t for t in tokens if t.i > cue.i]
        return sorted(tokens, key=lambda t: t.i)
    misparsed = _misparsed_complement(cue)
    if misparsed is not None:
        return clause_tokens(misparsed)
    fronted = _fronted_content(cue)
    if fronted is not None:
        return fronted
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
        head = cue.head
        tokens = [t for t in head.subtree if t.pos_ != "PUNCT" or t.i < max(head.subtree).i]
        after = [t for t in tokens if t.i > max(x.i for x in cue.subtree)]
        if not any(t.pos_ != "PUNCT" for t in after):
            tokens = [t for t in tokens if t.i < min(x.i for x in cue.subtree)]
        return sorted(tokens, key=lambda t: t.i)
    return None


def document_owner(document: Token) -> Token | None:
    """The named author of a document ("a Gallup poll", "Politico's report", "a survey by
    the Pew Research Center"), or None when the document names none."""
    for child in document.children:
        if child.dep_ in ("poss", "compound", "nmod") and child.pos_ == "PROPN":
            return child
    # "a survey by X", "data from X"; and the agent of a passive participle that describes
    # the document, who made it: "data provided by X", "a report published by X"
    participles = [
        c
        for c in document.children
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in DOCUMENT_MAKING_VERBS
    ]  # "an email seen by Reuters", "a memo obtained by NBC": a holder, not the author
    preps = [c for c in document.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    preps += [c for p in participles for c in p.children if c.dep_ == "agent"]
    # "research out of Sonoma State University": out of = from
    outs = [c for c in document.children if c.dep_ == "prep" and c.text.lower() == "out"]
    preps += [c for o in outs for c in o.children if c.dep_ == "prep" and c.text.lower() == "of"]
    for prep in preps:
        owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if owner is not None and owner.pos_ == "PROPN":
            return owner
    return None


def _closing_per(token: Token) -> bool:
    """True for "..., per data from TDCJ" closing a sentence, however the parser hangs it:
    after a comma, naming a document or a named body, and nothing but its own phrase after
    it ("$5 per gallon" has no comma; "per capita" names no source)."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text != ",":
        return False
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None or token.right_edge.i + 1 < token.sent.end - 1:
        return False
    return source.lemma_.lower() in DOCUMENT_NOUNS or (
        source.pos_ == "PROPN" and source.ent_type_ in ("ORG", "PERSON", "GPE")
    )


def according_to(token: Token) -> tuple[Token, list[Token]] | None:
    """The source and content of "according to X, ..." at ``token`` ("according"), or of
    "..., per X" (``token`` "per": "per data from TDCJ", "per a release")."""
    lower = token.text.lower()
    closing = lower == "per" and _closing_per(token)
    if lower == "per" and token.dep_ == "prep" and (token.head.pos_ in ("VERB", "AUX") or closing):
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
    elif lower == "according":
        to = next((c for c in token.children if c.text.lower() == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    else:
        return None
    if source is None:
        return None
    # "according to a Gallup poll": the poll is the source (Gallup its owner, found by
    # newsgraph.extract.sources), as "according to the report" is
    clause = token.sent.root if closing else token.head
    outside = set(t.i for t in token.subtree)
    tokens = [t for t in clause.subtree if t.i not in outside]
    if lower == "per":  # "..., per X" closes what it sources
        tokens = [t for t in tokens if t.i < token.i]
    return source, sorted(tokens, key=lambda t: t.i)
