"""Which entity a pronoun stands for: gender and agreement, and salience.

"he" and "she" continue a person whose gender, where known (an honorific, a gendered role,
the given name, an earlier pronoun), agrees; the subject of a main clause before the
pronoun counts over the last name mentioned ("Mary Smith met John Brown. She said").
"they" continues plural subjects, coordinations and organisations, never one named
person; "it" the organisation or document that is the subject before it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.entity_groups import EntityGroups
from newsgraph.extract.given_names import given_name_gender
from newsgraph.extract.lexicon import (
    DOCUMENT_NOUNS,
    GROUP_PRONOUNS,
    HONORIFIC_GENDERS,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    PRONOUN_GENDERS,
)
from newsgraph.extract.mention_spans import compound_span
from newsgraph.extract.name_forms import norm_word
from newsgraph.extract.sources import describe_source

SPEAKER_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | ORG_PRONOUNS
"""The pronouns :meth:`PronounResolution.resolve_pronoun` resolves."""


class PronounResolution(EntityGroups):
    """The pronoun half of :class:`~newsgraph.extract.entity_index.EntityIndex`."""

    _told: tuple[int, dict[int, str]] | None = None
    """The genders the article's pronouns tell (:meth:`_told_genders`), with the number of
    quotations known when they were read."""

    def add_unnamed(self, head: Token) -> int | None:
        """Defined by :class:`~newsgraph.extract.entity_index.EntityIndex` ("They" may be
        a group the article describes without a name: a new group)."""
        raise NotImplementedError

    def add_untagged(self, span: Span) -> int | None:
        """Defined by :class:`~newsgraph.extract.entity_index.EntityIndex` ("it" may be a
        place the model did not tag as an organisation)."""
        raise NotImplementedError

    def resolve_pronoun(self, span: Span) -> int | None:
        """The group a pronoun of :data:`SPEAKER_PRONOUNS` stands for, or None: "he"/"she"
        the nearest person before who agrees, "they" a plural subject or group, "it" the
        subject thing or the nearest organisation."""
        lower = span.root.text.lower()
        if lower in PERSON_PRONOUNS:
            bound = self.bound_out(span)
            people = {
                g for g in self._by_kind("person") if self.agrees(g, lower) and g not in bound
            }
            return self._nearest_unquoted(span.start_char, people)
        if lower in GROUP_PRONOUNS:  # a group or an organisation, never one named person
            subject = self._plural_subject(span)
            if subject is not None:
                return subject
            plural = self._by_kind("unnamed-group") + self._by_kind("group")
            found = self._nearest(span.start_char, plural + self._by_kind("org"))
            if found is not None and self._near(found, span, 600):
                return found
            return self._plural_subject_before(span)
        if lower in ORG_PRONOUNS:
            subject = self._subject_thing(span)
            if subject is not None:
                return subject
            orgs = self._by_kind("org")
            found = self._nearest(span.start_char, orgs)
            return found if found is not None and self._near(found, span, 400) else None
        return None

    def bound_out(self, span: Span) -> set[int]:
        """The people a pronoun that is a clause's subject cannot stand for: those named
        in the rest of its clause ("He said getting Smith to step down mattered less" is
        not Smith; a pronoun never precedes and commands the name it stands for), outside
        the pronoun's own words."""
        root = span.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return set()
        verb = root.head
        first, last = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        return {
            m.group
            for m in self._mentions
            if max(first, span.end_char) <= m.start < last  # after the pronoun, in its clause
            and self._groups[m.group].kind == "person"
        }

    def _nearest_unquoted(self, before: int, groups: set[int]) -> int | None:
        """Of ``groups``, the one mentioned last before ``before`` outside a quotation (a
        name in quoted words is the speaker's words, never the antecedent of the pronoun
        that attributes them: "“Jesus waits,” she told him")."""
        best, best_end = None, -1
        for mention in self._mentions:
            if (
                mention.group in groups
                and best_end < mention.end <= before
                and not self._in_quote(mention.start)
            ):
                best, best_end = mention.group, mention.end
        return best

    def set_gender(self, group: int, gender: str | None) -> None:
        """Record a person's gender told by a title ("Mrs.", "Queen")."""
        if gender and self._groups[group].gender is None:
            self._groups[group].gender = gender

    def learn_gender(self, group: int, pronoun: str) -> None:
        """Remember the gender a resolved "he" or "she" gives a person."""
        gender = PRONOUN_GENDERS.get(pronoun.lower())
        if gender and self._groups[group].kind == "person" and self._groups[group].learned is None:
            self._groups[group].learned = gender

    def agrees(self, group: int, pronoun: str) -> bool:
        """True unless the person's known gender contradicts the pronoun."""
        gender = PRONOUN_GENDERS.get(pronoun.lower())
        known = self._gender(group)
        return gender is None or known is None or known == gender

    def agrees_known(self, group: int, pronoun: str) -> bool:
        """True when the person's gender is known and is the pronoun's."""
        gender = PRONOUN_GENDERS.get(pronoun.lower())
        return gender is not None and self._gender(group) == gender

    def _gender(self, group: int) -> str | None:
        """A person's gender, from what tells it best: an honorific ("Mrs."), a gendered
        title or role ("spokeswoman for X", "City Councilwoman Julie Won"), the given name
        (:func:`given_name_gender`: "Lisa Matichak"), else the pronouns resolved to them."""
        found = self._groups[group]
        if found.gender is not None:
            return found.gender
        for title in found.titles + found.roles + found.aliases:
            genders = {HONORIFIC_GENDERS.get(norm_word(w)) for w in title.split()} - {None}
            if len(genders) == 1:
                return genders.pop()
        if found.kind == "person":
            words = found.name.split()
            if len(words) >= 2 and (gender := given_name_gender(words[0])) is not None:
                return gender
        told = self._told_genders().get(group)
        return told if told is not None else found.learned

    def _told_genders(self) -> dict[int, str]:
        """The gender the article's own pronouns give a person: in a sentence that names
        one person only (outside quotations), the "he"/"his" or "she"/"her" after the name
        are that person's ("Clinton bashed the plan, and her campaign ..."). A person's
        gender is the one such sentences give at least twice as often as the other."""
        key = len(self.quoted)
        if self._told is not None and self._told[0] == key:
            return self._told[1]
        votes: dict[int, dict[str, int]] = {}
        if not (self.doc.has_annotation("SENT_START") or self.doc.has_annotation("DEP")):
            return {}  # no sentences to read
        starts = sorted((m.start, m.group) for m in self._mentions if not self._in_quote(m.start))
        for sentence in self.doc.sents:
            named = [
                (start, group)
                for start, group in starts
                if sentence.start_char <= start < sentence.end_char
                and self._groups[group].kind == "person"
            ]
            if not named or len({group for _, group in named}) != 1:
                continue
            first, group = named[0]
            genders = {
                PRONOUN_GENDERS[t.text.lower()]
                for t in sentence
                if t.idx > first and t.text.lower() in PRONOUN_GENDERS and not self._in_quote(t.idx)
            }
            if len(genders) == 1:
                counts = votes.setdefault(group, {})
                gender = genders.pop()
                counts[gender] = counts.get(gender, 0) + 1
        told = {}
        for group, counts in votes.items():
            (gender, most), *rest = sorted(counts.items(), key=lambda c: -c[1])
            if not rest or most >= 2 * rest[0][1]:
                told[group] = gender
        self._told = (key, told)
        return told

    def gendered_in(self, start: int, end: int, pronoun: str) -> int | None:
        """The one person mentioned between ``start`` and ``end`` (a pronoun's own sentence
        before it) whose known gender is the pronoun's, or None."""
        found = {
            m.group
            for m in self._mentions
            if start <= m.start
            and m.end <= end
            and self._groups[m.group].kind == "person"
            and self.agrees_known(m.group, pronoun)
            and not self._in_quote(m.start)
        }
        return found.pop() if len(found) == 1 else None

    def subject_person(self, span: Span, pronoun: str) -> int | None:
        """The person who is the grammatical subject of the sentence before ``span`` (or of
        its own sentence, before it) and agrees with ``pronoun``: a pronoun continues the
        subject, not the last name mentioned ("Mary Smith met John Brown. She said")."""
        doc = self.doc
        sentence = doc[span.start].sent
        previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
        low = previous.start_char if previous is not None else sentence.start_char
        found, bound = None, self.bound_out(span)
        for mention in self._mentions:
            if not (low <= mention.start and mention.end <= span.start_char):
                continue
            if mention.group in bound:
                continue
            if self._groups[mention.group].kind != "person":
                continue
            if not self.agrees(mention.group, pronoun) or self._in_quote(mention.start):
                continue
            mentioned = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if mentioned is not None and _main_subject(mentioned.root):
                found = mention.group  # the latest subject wins
        return found

    def named_in(self, start: int, end: int, pronoun: str) -> int | None:
        """The person a pronoun most likely continues among those named between ``start``
        and ``end`` (its paragraph, after the last statement): one whose gender is known to
        agree over one merely not contradicting it, a subject or a subject's owner
        ("Anderson's first stint ... he said") over another role, then the latest."""
        doc = self.doc
        ranked = []
        at = doc.char_span(end, end + 1, alignment_mode="expand") if end < len(doc.text) else None
        bound = self.bound_out(at) if at is not None and len(at) else set()
        for mention in self._mentions:
            if not (start <= mention.start and mention.end <= end):
                continue
            group = mention.group
            if group in bound:
                continue
            if self._groups[group].kind != "person" or not self.agrees(group, pronoun):
                continue
            if self._in_quote(mention.start):
                continue
            mentioned = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            root = mentioned.root if mentioned is not None else None
            subject = root is not None and (
                root.dep_ in ("nsubj", "nsubjpass")
                or root.dep_ == "poss"
                and root.head.dep_ in ("nsubj", "nsubjpass")
            )
            ranked.append((self.agrees_known(group, pronoun), subject, mention.start, group))
        return max(ranked)[3] if ranked else None

    def _plural_subject(self, span: Span) -> int | None:
        """ "they" continues the main-clause subject before it (in its own sentence, else
        the sentence before) when that subject can be "they": people described in the
        plural ("Lawyers for the teenagers sought ... because they said"), a coordination
        ("The board and tribal leaders contend ... They also said", "Patrick and Turner
        ... They say" gives the first named), or an organisation. A singular person
        subject is skipped: "they" is never one named person."""
        doc = self.doc
        sentence = doc[span.start].sent
        sentences = [doc[sentence.start : span.start]]
        if sentence.start > 0:
            sentences.append(doc[sentence.start - 1].sent)
        for tokens in sentences:
            subjects = [t for t in tokens if _main_subject(t) and t.i < span.start]
            if not subjects:
                continue
            subject = subjects[-1]
            if subject.lower_ in GROUP_PRONOUNS:
                continue
            coordinated = any(c.dep_ == "conj" for c in subject.children)
            group = next((m.group for m in self._mentions if m.start <= subject.idx < m.end), None)
            kind = self._groups[group].kind if group is not None else None
            if kind == "org" or (kind == "person" and coordinated):
                return group
            if kind is None and subject.pos_ in ("NOUN", "PRON", "DET", "ADJ"):
                found = describe_source(subject)
                if found is not None and found.kind in ("unnamed-group", "anonymous"):
                    return self.add_unnamed(subject)
            return None
        return None

    def _plural_subject_before(self, span: Span) -> int | None:
        """ "They" for the people who are the subject of the sentence before ("Analysts
        praised the deal. They said ..."), as an unnamed group."""
        sentence = self.doc[span.start].sent
        if sentence.start == 0:
            return None
        for token in self.doc[sentence.start - 1].sent:
            if token.dep_ == "nsubj" and token.pos_ == "NOUN":
                found = describe_source(token)
                if found is not None and found.kind == "unnamed-group":
                    return self.add_unnamed(token)
        return None

    def _subject_thing(self, span: Span) -> int | None:
        """ "it" as a speaker continues the organisation or document that is the subject of
        a main clause before it, in its own sentence, else in the sentence before ("The UK
        banned trade in the West Bank, where it says ..." is the UK; "The email sent by an
        official briefs colleagues. It shows ..." is the email), not the last thing named."""
        doc = self.doc
        sentence = doc[span.start].sent
        sentences = [doc[sentence.start : span.start]]
        if sentence.start > 0:
            sentences.append(doc[sentence.start - 1].sent)
        for tokens in sentences:
            for token in reversed(list(tokens)):
                if not _main_subject(token) or token.lower_ in ORG_PRONOUNS:
                    continue
                for mention in self._mentions:
                    if mention.start <= token.idx < mention.end:
                        if self._groups[mention.group].kind in ("org", "document"):
                            return mention.group
                        break
                else:
                    if token.pos_ == "PROPN" and token.ent_type_ in ("GPE", "ORG"):
                        return self.add_untagged(compound_span(token))  # "the UK ..., it says"
                    if token.pos_ == "NOUN" and token.lemma_.lower() in DOCUMENT_NOUNS:
                        found = self.add_unnamed(token)
                        if found is not None and self._groups[found].kind == "document":
                            return found
                break  # the latest main-clause subject decides
        return None


def _main_subject(token: Token) -> bool:
    """True for the subject of a main clause, not of a clause of time, condition or
    relation ("When Cyclone Jude was forecast, they left" has no main-clause person)."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if token.tag_ in ("WDT", "WP"):  # "which it says isn't working": a relative clause's
        return False  # subject, wherever the parser hangs the clause
    verb = token.head
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ not in ("advcl", "relcl", "acl", "pcomp")
