"""What a figure counts: the counted noun and what happened to it, read from the parse.

"81 [conscripts] are [missing]" gives "conscripts missing"; "46 percent of [voters]" gives
"voters"; "[profits] [jumped] 76%" gives "profits jumped"; "a further 38 have been
identified as prisoners" borrows the noun of the figure before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsgraph.extract import lexicon as lx
from newsgraph.extract.amounts import Quantity
from newsgraph.extract.sources import person_noun


def lemma(token: Token) -> str:
    """The lowercased lemma, or the lowercased word where the Doc has no lemmas."""
    return token.lemma_.lower() or token.lower_


def is_time_unit(token: Token) -> bool:
    """Tell whether a token names a unit of time ("months", "week", "hours"); "times"
    counts occurrences or a multiple ("three times", "five times older"), not a period."""
    if token.lower_ == "times":
        return False
    word = lemma(token)
    return word in lx.TIME_UNIT_NOUNS or word.removesuffix("s") in lx.TIME_UNIT_NOUNS


_MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod", "punct", "poss", "case", "nummod")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_FINITE_OR_PARTICIPLE = ("VBD", "VBN", "VBG")


def attachment(doc: Doc, quantity: Quantity) -> Token:
    """The token through which the quantity hangs in the parse."""
    inside = range(quantity.start, quantity.end)
    outside = [t for t in doc[quantity.start : quantity.end] if t.head.i not in inside]
    return outside[-1] if outside else doc[quantity.end - 1]


def counted_noun(doc: Doc, quantity: Quantity, attach: Token) -> Token | None:
    """The noun the number counts: '81 [conscripts]', '46 percent of [voters]'."""
    inside = range(quantity.start, quantity.end)
    for token in doc[quantity.start : quantity.end]:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                    return objects[0]
    head = attach.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head
    if (
        attach.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i >= quantity.end
        and not is_time_unit(head)
    ):
        return head
    if attach.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head if quantity.unit else None
    return None


def _noun_phrase(doc: Doc, noun: Token, quantity: Quantity) -> list[Token]:
    """The noun with the modifiers written between the number and it, and a short
    complement after it: '42 percent [support for the candidate]', '46 percent of [voters
    who back the incumbent]', 'a [margin of error] of 3 points'."""
    lo = quantity.end if noun.i >= quantity.end else noun.left_edge.i
    closing = [t.i for t in doc[lo : noun.i] if t.text == ")"]
    lo = closing[-1] + 1 if closing else lo
    words = [t for t in doc[lo : noun.i] if t.head.i >= lo and t.dep_ in _MODIFIER_DEPS]
    words = [t for t in words if t.pos_ not in ("DET", "PUNCT", "SYM", "NUM")]
    owner = _measure_owner(noun, quantity)
    if owner is not None:  # 'a margin of error of 3 points': the measure is the margin's
        return [*_modifiers(owner), owner, noun.head, *words, noun]
    measured = _measured_in_points(noun)
    if measured:  # 'a margin of error of 3 points', the parse counting the points
        return measured
    return [*words, noun, *_complement(noun, range(quantity.start, quantity.end))]


def _measure_owner(noun: Token, quantity: Quantity) -> Token | None:
    """'margin' for 'margin of [error] of 3 points': the noun the counted noun completes,
    when the number hangs after both."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.pos_ != "NOUN":
        return None
    owner = of.head
    return owner if owner.i < noun.i < quantity.start else None


def _measured_in_points(noun: Token) -> list[Token]:
    """'a margin of error of 3 points', 'a lead of 8 points': points are the measure's
    unit, what is measured is the noun they complete ('margin of error', 'lead')."""
    of = noun.head
    if lemma(noun) != "point" or noun.dep_ != "pobj" or of.lower_ != "of":
        return []
    owner = of.head
    if owner.pos_ != "NOUN" or owner.i > noun.i:
        return []
    while owner.dep_ == "pobj" and owner.head.lower_ == "of" and owner.head.head.pos_ == "NOUN":
        owner = owner.head.head  # 'margin of [error] of 3 points'
    first = min([owner.i, *(t.i for t in _modifiers(owner))])
    words = [t for t in noun.doc[first : of.i] if t.pos_ not in ("DET", "PUNCT")]
    return words if len(words) <= _MAX_COMPLEMENT else []


def _modifiers(noun: Token) -> list[Token]:
    return [c for c in noun.lefts if c.dep_ in ("amod", "compound") and c.pos_ != "NUM"]


_COMPLEMENT_PREPS = ("for", "among", "with", "on", "in", "of")
_MAX_COMPLEMENT = 6


def _complement(noun: Token, inside: range) -> list[Token]:
    """A short prepositional phrase or relative clause after the counted noun ('support
    [for the candidate]', 'voters [who back the incumbent]'), not one holding the number
    (the tokens ``inside``)."""
    for child in noun.rights:
        if child.dep_ == "relcl" or (child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS):
            span = list(child.subtree)
            if child.dep_ == "relcl":
                span = [t for t in noun.doc[noun.i + 1 : child.right_edge.i + 1]]
            if any(t.i in inside for t in span) or len(span) > _MAX_COMPLEMENT:
                return []
            if any(t.is_punct and t.text not in ("-", "'") for t in span):
                return []
            return span
    return []


def join_words(tokens: Sequence[Token]) -> str:
    """Words as written: adjacent tokens keep their own spacing ('pre-tax profit')."""
    parts: list[str] = []
    for k, token in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        glue = token.whitespace_ if nxt is not None and nxt.i == token.i + 1 else " "
        parts.append(token.text + (glue if nxt is not None else ""))
    return "".join(parts)


def _predicate(subject: Token) -> list[Token]:
    """What happened to the counted thing: 'killed', 'are missing', 'identified as prisoners'."""
    participles = [c for c in subject.rights if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")]
    if participles:
        return [participles[0]]
    head = subject.head
    if subject.dep_ in _SUBJECT_DEPS and head.pos_ in ("VERB", "AUX"):
        if head.lemma_ == "be":
            complements = [c for c in head.children if c.dep_ in ("acomp", "attr")]
            return complements[:1]
        if head.tag_ in _FINITE_OR_PARTICIPLE:
            as_phrase = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "as"]
            objects = [c for c in as_phrase[0].children if c.dep_ == "pobj"] if as_phrase else []
            return [head, as_phrase[0], objects[0]] if objects else [head]
    reports = head.lemma_.lower() in lx.FIGURE_SOURCE_VERBS - lx.CLAUSE_ONLY_SOURCE_VERBS
    if subject.dep_ == "dobj" and head.tag_ in ("VBD", "VBN") and not reports:
        return [head]
    if subject.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        event = head.head
        participle = lx.PARTICIPLE_OF_EVENT_NOUN.get(event.lemma_.lower())
        return [event] if participle else []
    return []


def _changed_subject(attach: Token) -> tuple[list[Token], Token | None]:
    """For 'profits jumped 76%', 'sales rose to $11bn', 'the jobless rate was 3.8%' and
    'production was unchanged after falling 0.4%': the subject phrase and the verb (None
    for 'be'). A subjectless participle or second verb takes the subject of the verb it
    hangs from; 'X has 37%' describes nothing (the figure before may)."""
    verb = attach.head
    if attach.dep_ in ("pobj", "npadvmod", "dobj") and verb.pos_ in ("ADP", "ADV"):
        verb = verb.head  # 'rose to $11bn', 'was up 5.5%'
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in lx.FIGURE_SOURCE_VERBS:
        return [], None
    if verb.lemma_.lower() == "have":
        return [], None
    copula = verb.lemma_.lower() == "be"
    subjects = _subjects_of(verb)
    if not subjects or subjects[0].is_ancestor(attach) or subjects[0] == attach:
        return [], None
    subject = subjects[0]
    modifiers = [c for c in subject.lefts if c.dep_ in ("amod", "compound")]
    phrase = [*modifiers, subject, *_complement(subject, range(attach.i, attach.i + 1))]
    if copula and attach.head.lower_ in ("up", "down"):  # 'output was up 5.5%'
        return [*phrase, attach.head], None
    return phrase, None if copula else verb


def _standing_of(attach: Token) -> list[Token]:
    """Whose level a number 'on' or 'at' gives: the noun phrase written just before the
    preposition ('puts Labour on 38 percent', 'the Greens on 6%', 'mental health support at
    13 percent')."""
    prep = attach.head
    if attach.dep_ != "pobj" or prep.lower_ not in ("on", "at") or prep.i == 0:
        return []
    owner = prep.doc[prep.i - 1]
    if owner.pos_ not in ("NOUN", "PROPN") or owner.like_num or is_time_unit(owner):
        return []
    first = owner.i
    while first > 0 and owner.i - first < 4:
        left = prep.doc[first - 1]
        if left.text == "-" and not left.whitespace_ and first > 1:
            first -= 2  # 'far-right'
            continue
        if left.dep_ not in ("compound", "amod", "nmod") and not (
            left.pos_ == "PROPN" and owner.pos_ == "PROPN"
        ):
            break
        first -= 1
    return list(prep.doc[first : owner.i + 1])


def _subjects_of(verb: Token) -> list[Token]:
    """The verb's own noun subject, or that of the verb a subjectless clause hangs from."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            return [s for s in subjects if s.pos_ not in ("PRON", "NUM")]
        if verb.dep_ not in ("advcl", "pcomp", "conj"):
            return []
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head
    return []


_MAX_CLAUSE = 10


def _answer_clause(attach: Token) -> list[Token]:
    """What a share says or does, when it is the subject of its clause: '23% [said they
    are looking for roles]', '64 percent [disapproved]'."""
    if attach.dep_ not in _SUBJECT_DEPS or not _verb(attach.head):
        return []
    verb = attach.head
    words = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg") and c.i > attach.i]
    words.append(verb)
    for token in verb.doc[verb.i + 1 : verb.right_edge.i + 1]:
        if token.is_punct or token.dep_ in ("cc", "conj") and token.head == verb:
            break
        words.append(token)
    return words[:_MAX_CLAUSE]


def _verb(token: Token) -> bool:
    """A verb, or a word the parse tags otherwise that heads the sentence with a subject
    and an object ('38 percent of voters back the incumbent': 'back' read as a
    preposition)."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    deps = {c.dep_ for c in token.children}
    return token.dep_ == "ROOT" and "dobj" in deps and bool(deps & set(_SUBJECT_DEPS))


_MAX_TIME = 4


def _time_of(verb: Token) -> list[Token]:
    """When the change happened, if the verb says: 'added jobs [in September]', 'fell
    [last month]' (a short date phrase only)."""
    for child in verb.rights:
        dated = child.dep_ == "npadvmod" and child.ent_type_ == "DATE"
        if child.dep_ == "prep" and child.lower_ in ("in", "during"):
            dated = any(c.dep_ == "pobj" and c.ent_type_ == "DATE" for c in child.children)
        words = [t for t in child.subtree if not t.is_punct]
        if dated and len(words) <= _MAX_TIME:
            return words
    return []


def _particle(verb: Token) -> list[Token]:
    """'laid [off]', 'edged [up]'."""
    return [c for c in verb.children if c.dep_ == "prt"][:1]


def _relative_pronoun(noun: Token) -> str:
    """'voters who ...', 'funds that ...'."""
    return "who" if person_noun(lemma(noun)) or noun.ent_type_ in ("PERSON", "NORP") else "that"


def what_is_counted(
    doc: Doc, quantity: Quantity, previous_noun: str | None
) -> tuple[str | None, str | None, int]:
    """What is counted, the counted noun's text (for ellipsis), and the last text token."""
    attach = attachment(doc, quantity)
    last = quantity.end - 1
    if doc[last].text.endswith(".") and len(doc[last].text) > 1:
        return None, None, last  # '£532m.' ends its sentence
    noun = counted_noun(doc, quantity, attach)
    share = quantity.unit == "percent"
    occurrences = _occurrences(noun) if noun is not None else []
    if noun is not None and occurrences:  # 'caught fire three times': how often it happened
        return join_words(occurrences), None, max(last, noun.i)
    if noun is not None:
        phrase = _noun_phrase(doc, noun, quantity)
        predicate = _predicate(noun)
        if predicate and predicate[-1].pos_ == "VERB":
            predicate += _particle(predicate[-1]) + _time_of(predicate[-1])
        described = predicate or phrase[-1] != noun  # 'voters who back X', 'jobs added'
        clause = _answer_clause(attach) if share and not described else []
        words = join_words(phrase).split(" ") + [_event_word(t) for t in predicate]
        if clause:
            words += [_relative_pronoun(noun), join_words(clause)]
        near = [t.i for t in (*phrase, *predicate, *clause) if t.i - noun.i <= 8]
        last = max([last, noun.i, *near])
        whom = join_words(_noun_phrase(doc, noun, quantity)) if share else noun.text
        return " ".join(words), whom, last
    clause = _answer_clause(attach) if share else []
    if clause:  # '23% said they ...': of the people the figure before counted
        who = [previous_noun] if previous_noun else []
        last = max([last, *(t.i for t in clause)])
        return " ".join([*who, "who", join_words(clause)]), previous_noun, last
    if quantity.unit is None and previous_noun and attach.dep_ in (*_SUBJECT_DEPS, "dobj"):
        predicate = _predicate(attach)
        last = max([last, *(t.i for t in predicate if t.i - attach.i <= 8)])
        return " ".join([previous_noun, join_words(predicate)]).strip(), previous_noun, last
    standing = _standing_of(attach)
    if standing:  # 'puts Labour on 38%', 'the Greens on 6%', 'help with rent at 16%'
        return join_words(standing), None, last
    phrase, verb = _changed_subject(attach)
    if phrase:
        said = [verb, *_particle(verb), *_time_of(verb)] if verb is not None else []
        words = [join_words(phrase), join_words(said)]
        return " ".join(w for w in words if w), None, last
    return None, None, last


def _occurrences(noun: Token) -> list[Token]:
    """'The tent caught fire three times', 'administering Narcan 79 times', 'has been
    documented 15 times': 'times' counts how often the verb's event happened, so the verb
    with its subject or object says what is counted ('tent caught fire', 'administering
    Narcan', 'whale documented')."""
    verb = noun.head
    if noun.lower_ != "times" or noun.dep_ not in ("npadvmod", "dobj") or verb.pos_ != "VERB":
        return []
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.pos_ == "NOUN"]
    objects = [c for c in verb.children if c.dep_ == "dobj" and c != noun]
    words = [t for t in objects[0].subtree if not t.is_punct and t.pos_ != "DET"] if objects else []
    if len(words) > 4 or not (subjects or words):
        return []
    return [*subjects[:1], verb, *words]


def _event_word(token: Token) -> str:
    return lx.PARTICIPLE_OF_EVENT_NOUN.get(token.lemma_.lower(), token.text)
