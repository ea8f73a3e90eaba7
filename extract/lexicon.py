"""Word lists the rule extractors share: one constants module, one section per extractor.

Each section belongs to one extractor; add to your own section and leave the others alone.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# figures: numbers, units, bounds, sources and exclusions (extract/figures.py, numbers.py)
# ---------------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
"""Cardinal number words below a hundred; larger ones are built with SCALE_WORDS."""

SCALE_WORDS: dict[str, float] = {
    "dozen": 12.0,
    "dozens": 12.0,
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
"""Multipliers written after a number, as words or as suffixes ("£5.5bn", "$2m")."""

FRACTION_WORDS: dict[str, float] = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
    "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10,
}  # fmt: skip
"""Fractions after a numerator ("two thirds", "a quarter of a million")."""

CURRENCY_SYMBOLS: dict[str, str] = {
    "£": "GBP",
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "₽": "RUB",
    "₹": "INR",
    "₴": "UAH",
}
"""Currency signs written before the amount, mapped to ISO 4217 codes."""

CURRENCY_WORDS: dict[str, str] = {
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "dollar": "USD", "dollars": "USD",
    "euro": "EUR", "euros": "EUR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR",
    "rupees": "INR", "hryvnia": "UAH", "hryvnias": "UAH", "franc": "CHF", "francs": "CHF",
    "krona": "SEK", "kronor": "SEK", "reais": "BRL", "rupiah": "IDR", "ringgit": "MYR",
    "baht": "THB", "rand": "ZAR", "lira": "TRY", "zloty": "PLN", "shekels": "ILS",
    "naira": "NGN",
}  # fmt: skip
"""Currency names written after the amount ("260bn roubles"), mapped to ISO 4217 codes."""

SUBUNIT_WORDS: dict[str, str] = {
    "pence": "pence",
    "penny": "pence",
    "p": "pence",
    "cents": "cents",
    "cent": "cents",
    "kopecks": "kopecks",
}
"""Currency subunits written after the amount, mapped to the unit a figure keeps: amounts in
pence or cents stay as written ("274.5 pence" is 274.5 pence, as share prices are quoted),
not converted to pounds or dollars."""

CURRENCY_CODES: frozenset[str] = frozenset(
    {"GBP", "USD", "EUR", "RUB", "JPY", "CNY", "INR", "UAH", "CHF", "SEK", "KRW", "BRL", "AUD",
     "CAD", "NZD", "HKD", "ZAR", "NOK", "DKK", "PLN", "TRY", "MXN", "IDR", "MYR", "THB",
     "ILS", "NGN", "KES", "UGX", "TZS", "MWK", "ZMW", "GHS", "ETB", "EGP", "XOF", "XAF",
     "RWF", "BDT", "PKR", "LKR", "NPR", "VND", "SGD", "TWD", "SAR", "AED", "QAR", "KWD",
     "BHD", "OMR", "JOD", "IRR", "IQD", "LBP", "SYP", "ARS", "CLP", "COP", "UYU", "VES",
     "BYN", "KZT", "UZS", "AZN", "HUF", "CZK", "RON", "BGN", "RSD", "ISK", "MDL", "NAD",
     "BWP", "MZN", "AOA", "ZWL", "SDG", "DZD", "TND", "LYD", "MNT", "KHR", "LAK", "MMK",
     "AFN"}
)  # fmt: skip
"""ISO 4217 codes recognised when written out next to the amount ("USD 5m", "MWK 6.2
billion"); codes that are also English words or common acronyms ("ALL", "TOP", "CUP",
"PEN", "AMD", "PHP") are left out."""

PERCENT_WORDS: frozenset[str] = frozenset({"%", "percent", "per cent", "pc"})
"""Ways of writing "percent" after a number."""

PERCENTAGE_POINT_WORDS: frozenset[str] = frozenset(
    {"percentage point", "percentage points", "points", "point"}
)
"""Ways of writing "percentage point(s)" after a number ("points" only after a percent)."""

LOW_BOUNDS: tuple[str, ...] = (
    "at least", "more than", "over", "above", "in excess of", "upwards of", "no fewer than",
    "no less than", "a minimum of", "just over", "well over", "some more than", "beyond",
)  # fmt: skip
"""Qualifiers that make the number a lower bound (low = value = X)."""

HIGH_BOUNDS: tuple[str, ...] = (
    "nearly", "almost", "up to", "less than", "fewer than", "as many as", "as much as",
    "under", "below", "just under", "not more than", "no more than", "at most",
    "a maximum of", "close to", "just short of", "as high as",
)  # fmt: skip
"""Qualifiers that make the number an upper bound (high = value = X)."""

APPROXIMATE_QUALIFIERS: tuple[str, ...] = (
    "around", "about", "some", "approximately", "roughly", "an estimated", "estimated",
    "circa", "an average of", "on average", "a further", "another", "an extra",
    "an additional", "only", "just",
)  # fmt: skip
"""Qualifiers kept as written without setting a bound."""

HEDGE_WORDS: tuple[str, ...] = (
    "may have", "might have", "could have", "may", "might", "could", "likely", "unlikely",
    "possibly", "probably", "reportedly", "estimated", "believed", "thought to",
    "low confidence", "could not be independently verified", "unconfirmed", "feared",
)  # fmt: skip
"""Hedges on a figure, as written; the longest match near the figure wins."""

FIGURE_REFERENCE_HEDGES: tuple[str, ...] = (
    "low confidence", "little confidence", "no confidence", "not be independently verified",
    "not be verified", "cannot be verified", "unverified", "impossible to verify",
    "provisional", "preliminary", "rough", "uncertain", "doubts about", "doubt",
    "sceptical", "skeptical", "cautioned", "caution",
)  # fmt: skip
"""Hedges a later sentence puts on "the figures" ("he had low confidence in the figures")."""

FIGURE_MENTIONS: frozenset[str] = frozenset(
    {"figure", "estimate", "number", "count", "toll", "tally", "statistic", "data", "total"}
)
"""Lemmas of nouns that refer back to figures given before ("the figures", "these numbers")."""

DEFINITE_DETERMINERS: frozenset[str] = frozenset(
    {"the", "these", "those", "this", "that", "its", "their", "his", "her", "such"}
)
"""Determiners that make a mention refer back to something said before."""

FIGURE_SOURCE_VERBS: frozenset[str] = frozenset(
    {"say", "report", "tell", "inform", "estimate", "announce", "claim", "state", "show",
     "find", "suggest", "reveal", "confirm", "add", "publish", "put", "calculate", "record",
     "count", "indicate", "disclose", "note", "write", "warn", "predict", "forecast", "expect",
     "believe", "insist", "explain", "tally", "document", "register", "quote", "cite",
     "post", "project", "revise", "blame"}
)  # fmt: skip
"""Lemmas of verbs whose subject reports the figures in their clause."""

DENIAL_VERBS: frozenset[str] = frozenset({"deny", "dispute", "reject", "contest"})
"""Lemmas of verbs by which a subject takes a position on figures ("The firms deny ...")."""

CLAUSE_ONLY_SOURCE_VERBS: frozenset[str] = frozenset({"add", "count"})
"""Source verbs that also name a change or an act ("shares added 5%", "it added 2,000
jobs"): they report a figure only in their clausal complement ("he added that ...")."""

GENERIC_ORG_NOUNS: frozenset[str] = frozenset(
    {"company", "firm", "group", "airline", "bank", "carmaker", "retailer", "insurer",
     "operator", "giant", "maker", "manufacturer", "producer", "chain", "corporation",
     "conglomerate", "supermarket", "broadcaster", "publisher", "lender", "brewer",
     "distiller", "miner", "utility", "brand", "startup", "agency", "nonprofit",
     "organization", "organisation", "department", "office", "institute", "university",
     "hospital", "campaign", "network", "outlet",
     "newspaper", "magazine", "station", "school", "college", "center", "centre"}
)  # fmt: skip
"""Nouns that, with "the", stand for the organisation named last ("the firm said ...")."""

DATA_SOURCE_NOUNS: frozenset[str] = frozenset(
    {"report", "survey", "poll", "polling", "study", "figure", "data", "datum", "statistic",
     "research", "analysis", "estimate", "census", "count", "tally", "review", "index", "audit",
     "assessment", "investigation", "calculation", "record", "prediction", "forecast",
     "projection"}
)  # fmt: skip
"""Nouns for documents whose numbers a named author reports ("a survey by X suggests")."""

TIME_UNIT_NOUNS: frozenset[str] = frozenset(
    {"second", "minute", "hour", "day", "night", "week", "weekend", "fortnight", "month",
     "year", "decade", "century", "term", "season", "quarter", "semester", "lifetime", "am",
     "pm", "o'clock", "time"}
)  # fmt: skip
"""Lemmas of nouns that make a number the length of a period, not a figure."""

MEASURED_DURATION_NOUNS: frozenset[str] = frozenset(
    {"average", "wait", "waiting", "delay", "median", "mean", "duration", "life", "expectancy",
     "stay", "sentence"}
)  # fmt: skip
"""Lemmas that make a duration a measured statistic after all ("an average wait of 65
seconds")."""

AGE_CUES: frozenset[str] = frozenset({"aged", "age", "ages", "old", "year-old", "years-old"})
"""Words that make the next or previous number an age."""

EMERGENCY_NUMBERS: frozenset[str] = frozenset({"911", "999", "112", "000", "111", "101"})
"""Telephone numbers that name a service ("call 911", "911 responders"), not amounts."""

MEASURE_COMPOUND_UNITS: frozenset[str] = frozenset(
    {"metre", "meter", "kilometre", "kilometer", "km", "mile", "foot", "feet", "inch", "acre",
     "hectare", "tonne", "ton", "gallon", "litre", "liter", "bed", "room", "storey", "story",
     "building", "seat", "member", "megawatt", "bedroom", "unit"}
)  # fmt: skip
"""Units that keep a hyphenated number a measure ("the 8,849-metre peak", "an eight-bed
ward", "an 83-member parliament"), unlike "two-year", "30-year mortgage" or "one-off"."""

POINT_CHANGE_NOUNS: frozenset[str] = frozenset(
    {"lead", "drop", "gap", "swing", "rise", "fall", "margin", "advantage", "deficit",
     "increase", "decline", "jump", "gain", "loss", "decrease", "edge"}
)  # fmt: skip
"""Nouns after "N-point" that make it a measured change ("a four-point drop"), not a
plan's parts ("a three-point plan")."""

RANK_CUES: frozenset[str] = frozenset(
    {"no", "no.", "number", "rank", "ranked", "ranking", "place", "placed", "position", "seed",
     "seeded", "grade", "stage", "tier", "channel", "version", "round",
     "page", "chapter", "article", "section", "clause", "room", "flight", "route", "bus",
     "road", "junction", "gate", "platform", "category", "top"}
)  # fmt: skip
"""Words that make the next number a rank, a label or a part of a name."""

POLICY_TARGET_NOUNS: frozenset[str] = frozenset(
    {"target", "goal", "aim", "pledge", "promise", "ambition", "objective", "quota", "cap",
     "ceiling", "limit", "threshold"}
)  # fmt: skip
"""Lemmas that make a number a policy target or rule, not a claim about the world."""

NAME_ENTITY_LABELS: frozenset[str] = frozenset(
    {"ORG", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "FAC", "PERSON", "GPE", "LOC", "NORP"}
)
"""spaCy entity labels whose numbers are parts of names ("Chapter 11", "Formula 1")."""

NON_FIGURE_ENTITY_LABELS: frozenset[str] = frozenset({"DATE", "TIME", "ORDINAL"})
"""spaCy entity labels that mark a number as a date, a time or an ordinal (evidence only)."""

MONTH_NAMES: frozenset[str] = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec"}
)  # fmt: skip
"""Month names; a number next to one is a day of the month."""

TIME_WORDS: frozenset[str] = frozenset(
    {"gmt", "bst", "utc", "cet", "et", "est", "edt", "pt", "pst", "hrs", "hours", "am", "pm",
     "a.m.", "p.m.", "o'clock", "local"}
)  # fmt: skip
"""Words after a number that make it a clock time ("1200 GMT", "10 am")."""

PARTICIPLE_OF_EVENT_NOUN: dict[str, str] = {
    "killing": "killed", "death": "killed", "murder": "murdered", "arrest": "arrested",
    "capture": "captured", "detention": "detained", "evacuation": "evacuated",
    "injury": "injured", "wounding": "wounded", "loss": "lost", "cut": "cut",
    "sale": "sold", "rescue": "rescued", "release": "released", "deportation": "deported",
    "execution": "executed", "displacement": "displaced", "hiring": "hired",
}  # fmt: skip
"""Event nouns governing a count ("the killing of 2,000 civilians"), as participles."""


# ---------------------------------------------------------------------------
# statements: quotation marks, speech cues, speakers (extract/statements.py, quotes.py)
# ---------------------------------------------------------------------------

QUOTE_MARKS: frozenset[str] = frozenset({'"', "“", "”", "„", "‟", "«", "»"})
"""Double quotation marks read as quote delimiters (single marks double as apostrophes)."""

OPENING_QUOTE_MARKS: frozenset[str] = frozenset({'"', "“", "„", "‟", "«"})
"""Marks that can open a quote (the straight mark can do both)."""

CLOSING_QUOTE_MARKS: frozenset[str] = frozenset({'"', "”", "»"})
"""Marks that can close a quote."""

SPEECH_VERBS: frozenset[str] = frozenset(
    {"say", "tell", "add", "warn", "insist", "write", "explain", "predict", "suggest",
     "claim", "admit", "maintain", "accept", "inform", "confirm", "deny", "announce",
     "state", "note", "argue", "report", "emphasize", "emphasise", "stress", "promise",
     "vow", "pledge", "reassure", "assure", "acknowledge", "reiterate", "declare", "assert",
     "allege", "concede", "complain", "contend", "counter", "reply", "respond", "tweet",
     "testify", "recall", "remark", "observe", "point", "caution", "agree", "disclose",
     "reveal", "proclaim", "boast", "charge", "retort", "answer", "mention", "comment",
     "estimate", "forecast", "concur", "repeat", "affirm", "signal", "indicate", "post",
     "urge", "ask", "hint", "speculate", "conclude", "clarify",
     "specify", "assess", "guarantee", "swear", "brag", "lament", "joke", "quip",
     "continue", "recount", "relay", "share", "posit"}
)  # fmt: skip
"""Lemmas of verbs that cue reported speech or a quotation."""

CLAUSE_ONLY_CUES: frozenset[str] = frozenset({"share"})
"""Cue lemmas that report speech only with a clause ("shared that they went hungry"),
never with an object ("shared a photo")."""

SPEECH_ACT_VERBS: frozenset[str] = frozenset(
    {"accuse", "criticize", "criticise", "praise", "blame", "demand", "propose", "recommend",
     "question", "describe", "call", "reject", "dismiss", "condemn", "welcome", "applaud",
     "thank", "apologize", "apologise", "congratulate", "defend", "slam", "blast",
     "challenge", "dispute", "voice", "express", "threaten", "request", "invite",
     "encourage", "advise", "advocate", "decry", "denounce", "hail", "commend", "lambast",
     "rebuke", "chide", "scold", "fault", "credit", "acknowledge", "concede", "tout",
     "champion", "pledge", "vow", "promise", "urge", "ask", "press", "implore", "plead",
     "appeal", "petition", "lobby", "beg", "announce", "estimate", "forecast", "predict",
     "report", "confirm", "deny", "reveal", "disclose", "admit", "claim", "allege"}
)  # fmt: skip
"""Lemmas of speech acts whose content may be a noun phrase or an infinitive rather than a
clause ("criticized the ruling as ...", "urged the board to ...", "voiced concern that",
"economists had estimated a run of 1.37 million", "announced his support for ...")."""

STANCE_VERBS: frozenset[str] = frozenset(
    {"believe", "think", "feel", "hope", "worry", "fear", "expect", "doubt", "wonder",
     "want", "remember", "consider", "suspect", "reckon", "imagine", "regret"}
)  # fmt: skip
"""Lemmas of verbs reporting what a source thinks, wants or fears: with a clause or an
infinitive of their own they attribute it to their subject ("Hazarika believes that ...")."""

ATTRIBUTING_VERBS: frozenset[str] = SPEECH_ACT_VERBS | STANCE_VERBS
"""Verbs whose subject is a source although they are not speech verbs."""

PREPOSITIONAL_SPEECH_ACTS: dict[str, str] = {
    "point": "to", "frame": "as", "portray": "as", "depict": "as",
}  # fmt: skip
"""Verbs that report what their subject said only with one preposition, which carries it:
citing ("pointed to the light rail station"), a characterisation ("framed the cuts as part
of a push", "portrayed himself as the victim"); without it they name an act ("pointed the
camera at the crowd"). Left out, measured on PolNeAR: "talked about" (a topic, not what
was said), "issued" (a document), "cast/painted ... as" ("cast Jordan as the Human
Torch": a role)."""

TITLE_FUNCTION_WORDS: frozenset[str] = frozenset(
    {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "from", "by", "or"}
)
"""Short words left lower case in a title ("State of the Union")."""

PRONOUN_OPENERS: frozenset[str] = frozenset(
    {"i", "we", "you", "he", "she", "it", "they", "this", "that", "there"}
)
"""Pronouns that open a sentence, not a title: "I Agree" is speech."""

WH_CONTENT_VERBS: frozenset[str] = frozenset(
    {"explain", "reveal", "disclose", "detail", "recall", "describe", "tell"}
)
"""Cue lemmas whose wh-clause is content ("explained how he ..."), unlike "asked why"."""

SPEECH_VERBS_NEEDING_PARTICLE: dict[str, str] = {"point": "out"}
"""Cue lemmas that only count with a particle ("point out")."""

QUOTE_CUE_VERBS: frozenset[str] = frozenset(
    {"remember", "describe", "share", "express", "yell", "shout", "exclaim", "scream",
     "whisper", "recount", "muse", "wonder", "sigh", "plead", "beg", "demand", "read",
     "chant", "cry", "laugh", "reflect", "elaborate", "insist", "ask"}
)  # fmt: skip
"""Lemmas of verbs that attribute a quotation beside them ("“…,” she remembers", "“…,” one
interviewee shared", "“…,” the notice read") but never a reported clause: with a clause
they mean something else ("remembers that day", "shared a photo")."""

FRAGMENT_VERBS: frozenset[str] = frozenset(
    {"call", "describe", "dub", "brand", "term", "label", "characterize", "characterise"}
)
"""Lemmas of verbs that pin a quoted phrase on their subject ("called the targets "...")."""

UNNAMED_SPEAKER_NOUNS: frozenset[str] = frozenset(
    {"official", "analyst", "source", "expert", "economist", "respondent", "people",
     "person", "observer", "critic", "resident", "witness", "report", "medium", "media",
     "insider", "diplomat", "investor", "trader", "voter", "activist", "some", "many",
     "others", "other", "someone", "somebody", "one", "poll", "survey", "study", "lawmaker",
     "scientist", "researcher", "campaigner", "supporter", "opponent",
     "worker", "doctor", "user", "parent", "student", "fan", "mother", "relative"}
)  # fmt: skip
"""Common-noun heads of unidentifiable speakers ("officials said", "some economists")."""

PERSON_ROLE_NOUNS: frozenset[str] = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "president", "minister", "leader",
     "governor", "senator", "director", "chief", "head", "secretary", "chairman",
     "chairwoman", "chair", "ceo", "commander", "general", "mayor", "ambassador", "premier",
     "chancellor", "king", "queen", "prince", "pope", "prosecutor", "judge", "envoy",
     "congressman", "congresswoman", "representative", "nominee", "candidate", "founder",
     "executive", "boss", "manager", "coach", "captain", "officer", "attorney", "lawyer",
     "adviser", "advisor", "deputy", "speaker", "mp", "sheriff", "colonel",
     "admiral", "lieutenant", "major", "sergeant", "marshal", "author", "editor", "owner",
     "chairperson", "vice", "rapporteur", "commissioner", "counterpart", "incumbent"}
)  # fmt: skip
"""Nouns naming an office holder: "the spokesman", "the Kremlin leader", "the governor"."""

LEADER_NOUNS: frozenset[str] = frozenset(
    {"president", "leader", "premier", "chancellor", "king", "queen", "pope", "monarch",
     "dictator", "strongman", "autocrat"}
)  # fmt: skip
"""Office holders a news article names once and then describes: "the Russian president",
"the Kremlin leader". With no person described that way, such a phrase takes the person
named just before it who has no other role."""

ORG_NOUNS: frozenset[str] = frozenset(
    {"ministry", "military", "army", "government", "department", "agency", "kremlin",
     "police", "company", "committee", "office", "service", "court", "commission", "council",
     "party", "campaign", "administration", "cabinet", "parliament", "navy", "embassy",
     "bank", "firm", "group", "union", "organisation", "organization", "foundation",
     "institute", "university", "board", "authority", "regulator", "watchdog", "newspaper",
     "network", "channel", "broadcaster", "prosecutor's", "team", "club",
     "league", "federation", "association", "corporation", "staff", "command",
     "secretariat", "assembly", "senate", "house", "congress", "presidency", "bureau"}
)  # fmt: skip
"""Nouns heading an organisation that speaks as one ("the ministry", "the military")."""

TITLE_WORDS: frozenset[str] = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
     "president", "prime", "minister", "general", "major", "lieutenant", "lt", "gen", "col",
     "colonel", "captain", "capt", "admiral", "adm", "sgt", "sergeant", "senator", "sen",
     "rep", "representative", "governor", "gov", "mayor", "judge", "justice", "chancellor",
     "king", "queen", "prince", "princess", "pope", "father", "rev", "reverend", "brig",
     "brigadier", "marshal", "commander", "cmdr", "secretary", "ambassador", "chief",
     "deputy", "vice", "foreign", "defence", "defense", "interior", "finance", "st",
     "archbishop", "bishop", "rabbi", "imam", "sheikh", "congressman", "congresswoman"}
)  # fmt: skip
"""Lower-cased, dot-less words that make up titles and honorifics before a name."""

HONORIFICS: frozenset[str] = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev"}
)
"""Honorifics that never carry a role."""

SPOKESPERSON_NOUNS: frozenset[str] = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "mouthpiece", "press secretary"}
)
"""Roles that make a person speak for an organisation ("spokesman of the Ministry of
Defense"): the organisation's words and the spokesperson's can share an occasion."""

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
"""Pronouns that refer to one person."""

PRONOUN_GENDERS: dict[str, str] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
"""The gender a personal pronoun agrees with."""

HONORIFIC_GENDERS: dict[str, str] = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m",
    "congressman": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f",
    "queen": "f", "princess": "f", "congresswoman": "f", "chairwoman": "f",
    "councilman": "m", "councilwoman": "f", "assemblyman": "m", "assemblywoman": "f",
    "spokesman": "m", "spokeswoman": "f", "chairman": "m", "businessman": "m",
    "businesswoman": "f", "alderman": "m", "alderwoman": "f", "duke": "m", "duchess": "f",
    "actress": "f", "sister": "f", "brother": "m", "mother": "f", "grandmother": "f",
    "grandfather": "m", "wife": "f", "husband": "m", "daughter": "f", "son": "m",
    "mom": "f", "dad": "m", "uncle": "m", "aunt": "f", "nephew": "m", "niece": "f",
    "madam": "f", "senora": "f", "señora": "f", "senor": "m", "señor": "m",
}  # fmt: skip
"""Titles that tell a person's gender."""

ORG_PRONOUNS: frozenset[str] = frozenset({"it"})
"""Pronouns that may refer to an organisation speaking."""

DOCUMENT_MAKING_VERBS: frozenset[str] = frozenset(
    {"publish", "release", "issue", "conduct", "commission", "compile", "prepare", "write",
     "produce", "provide", "file", "submit", "author", "draft", "sponsor", "send", "sign",
     "post", "carry", "create", "collect", "gather", "generate", "run", "present", "make",
     "undertake", "perform", "fund", "supply", "share", "distribute", "circulate"}
)  # fmt: skip
"""Participles whose agent made a document ("data provided by X", "a report published by
X"); the agent of another ("an email seen by Reuters", "a memo obtained by NBC News") only
holds it."""

# ---------------------------------------------------------------------------
# unnamed sources and documents (extract/sources.py)
# ---------------------------------------------------------------------------

DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {"report", "poll", "survey", "study", "filing", "statement", "website", "site", "agenda",
     "polling",
     "data", "document", "letter", "memo", "memorandum", "email", "e-mail", "record",
     "complaint", "lawsuit", "suit", "ruling", "order", "analysis", "review", "census",
     "index", "forecast", "estimate", "figure", "release", "notice", "minute", "transcript",
     "affidavit", "indictment", "motion", "brief", "petition", "post", "tweet", "page",
     "guidance", "research", "paper", "audit", "assessment", "projection", "tally",
     "statistic", "bulletin", "filings", "documents", "dataset", "database", "model",
     "proposal", "plan", "budget", "bill", "law", "policy", "application",
     "presentation", "slide", "newsletter", "article", "story", "investigation", "inquiry",
     "warrant", "decision", "opinion", "verdict", "judgment", "judgement",
     "resolution", "announcement", "advisory", "alert", "manifesto", "platform", "message",
     "video", "footage", "recording", "photo", "chart", "map", "calendar", "schedule",
     "contract", "agreement", "deal", "charter", "constitution", "regulation", "rule",
     "directive", "textbook", "book", "journal", "magazine", "newspaper", "editorial",
     "datum", "testimony", "readout", "communique", "lawsuits", "amendment",
     "statute"}
)  # fmt: skip
"""Lemmas of nouns naming a document an article quotes or takes figures from."""

DOCUMENT_CUE_VERBS: frozenset[str] = frozenset(
    {"find", "show", "indicate", "reveal", "suggest", "conclude", "estimate", "project",
     "predict", "say", "state", "note", "list", "detail", "describe", "cite", "warn",
     "highlight", "report", "claim", "allege", "argue", "outline", "read", "document",
     "confirm", "accuse", "demonstrate", "recommend", "propose", "call"}
)  # fmt: skip
"""Lemmas of verbs that cue what a document says ("the poll found that", "the agenda
says", "the filing alleges"): only with a document as their subject."""

ANONYMITY_MARKERS: tuple[str, ...] = (
    "anonymity", "anonymously", "familiar with", "not authorized", "not authorised",
    "asked not to be", "declined to be", "requested not to be", "not be named",
    "not be identified", "knowledge of", "briefed on", "privy to",
    "insider", "who requested", "on background", "unnamed", "anonymous",
)  # fmt: skip
"""Words that mark a source the article keeps anonymous ("a person familiar with the
matter", "an official who spoke on condition of anonymity")."""

ANONYMOUS_HEADS: frozenset[str] = frozenset({"source", "insider"})
"""Heads of sources that are anonymous by their nature ("sources said")."""

PERSON_NOUNS: frozenset[str] = frozenset(
    {"person", "people", "man", "woman", "men", "women", "resident", "neighbor",
     "neighbour", "witness", "official", "analyst", "expert", "economist", "respondent",
     "observer", "critic", "insider", "diplomat", "investor", "trader", "voter", "activist",
     "lawmaker", "legislator", "scientist", "researcher", "campaigner", "supporter",
     "opponent", "worker", "employee", "staffer", "doctor", "nurse", "physician", "user",
     "parent", "student", "teacher", "fan", "mother", "father", "relative", "family",
     "farmer", "landowner", "lawyer", "attorney", "advocate", "member", "citizen", "local",
     "customer", "patient", "victim", "survivor", "owner", "shopper", "driver", "passenger",
     "tenant", "homeowner", "developer", "engineer", "specialist", "consultant", "strategist",
     "pollster", "historian", "academic", "professor", "scholar", "veteran", "soldier",
     "officer", "agent", "inspector", "investigator", "regulator", "organizer", "organiser",
     "volunteer", "leader", "executive", "manager", "director", "spokesman", "spokeswoman",
     "spokesperson", "representative", "aide", "adviser", "advisor", "source", "someone",
     "somebody", "everyone", "anyone", "child", "children", "kid", "youth", "teen",
     "teenager", "elder", "protester", "demonstrator", "participant", "attendee",
     "commenter", "caller", "viewer", "reader", "listener", "author", "writer", "journalist",
     "reporter", "editor", "correspondent", "commentator", "planner",
     "administrator", "coordinator", "counselor", "counsellor", "therapist",
     "psychologist", "psychiatrist", "epidemiologist", "biologist", "chemist", "physicist",
     "climber", "guide", "rider", "athlete", "player", "coach", "judge", "juror",
     "prosecutor", "defendant", "plaintiff", "suspect", "inmate", "immigrant", "migrant",
     "refugee", "contractor", "vendor", "seller", "buyer", "landlord", "entrepreneur",
     "founder", "ceo", "chef", "pastor", "priest", "rabbi", "imam", "monk", "nun", "mayor",
     "councillor", "councilor", "councilmember", "trustee", "commissioner", "supervisor",
     "senator", "governor", "minister", "officials", "interviewee", "detainee", "retiree",
     "nominee", "appointee", "evacuee", "trainee", "returnee", "performer", "singer",
     "musician", "artist", "actor", "actress", "speaker", "mom", "dad", "son", "daughter",
     "husband", "wife", "brother", "sister", "friend", "colleague", "firefighter",
     "paramedic", "responder", "clerk", "miner", "diver", "rescuer", "pilot", "fisherman",
     "consumer", "taxpayer", "homebuyer", "renter", "borrower", "applicant", "recipient",
     "beneficiary", "client", "visitor", "tourist", "traveler", "traveller", "commuter",
     "motorist", "pedestrian", "homeless", "mourner", "worshipper", "believer",
     "some",
     "many", "others", "other", "one", "several", "few", "most", "both", "all"}
)  # fmt: skip
"""Lemmas of nouns (and quantifiers standing alone) that name people: an unnamed speaker
headed by one of these is a person or a group of people."""

PERSON_NOUN_SUFFIXES: tuple[str, ...] = ("ist", "ian", "ologist", "eer")
"""Endings of nouns naming people ("a pharmacist", "one librarian") not in the list."""

ORG_NAME_ENDINGS: frozenset[str] = frozenset(
    {"global", "group", "inc", "corp", "corporation", "llc", "ltd", "plc", "co", "company",
     "association", "department", "office", "agency", "center", "centre", "institute",
     "university", "college", "school", "magazine", "news", "times", "post", "journal",
     "network", "party", "council", "committee", "foundation", "fund", "bank", "capital",
     "partners", "holdings", "labs", "media", "press", "radio", "tv", "society", "union",
     "alliance", "coalition", "project", "initiative", "services", "systems", "technologies",
     "industries", "airlines", "motors", "club", "league", "federation", "board",
     "commission", "authority", "administration", "ministry", "bureau", "service", "court",
     "hospital", "clinic", "church", "museum", "library", "view", "watch", "now", "action",
     "county", "township", "borough", "parish", "municipality", "prefecture"}
)  # fmt: skip
"""Last words of organisations' names ("TWG Global", "Move Mountain View"): a name ending
in one is an organisation even when the model tags it as a person."""

REPRESENTATIVE_NOUNS: frozenset[str] = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "representative", "official", "rep",
     "mouthpiece", "spokespeople", "spokesmen", "spokeswomen"}
)  # fmt: skip
"""Lemmas of unnamed sources whose office is to speak for whom they are attached to ("a
spokesperson for the agency", "officials with the CDC", "a representative for Garg")."""

GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "them"})
"""Pronouns that refer to a group or an organisation, never to one named person."""

# ---------------------------------------------------------------------------
# dates: time expressions (extract/dates.py)
# ---------------------------------------------------------------------------

WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
"""Weekday names, Monday first (index = ``date.weekday()``)."""

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
"""Month names and abbreviations (lower case, no dot)."""

RELATIVE_DAY_OFFSETS: dict[str, int] = {"yesterday": -1, "today": 0, "tonight": 0}
"""Day words resolved against the publication date."""

CONTEXT_DAY_OFFSETS: dict[str, int] = {
    "the day before": -1, "the previous day": -1, "the day earlier": -1,
    "a day earlier": -1, "a day before": -1, "the next day": 1, "the following day": 1,
    "a day later": 1, "the day after": 1, "the same day": 0, "that day": 0,
}  # fmt: skip
"""Day phrases resolved against a date already established in the text."""

VAGUE_TIME_PATTERNS: tuple[str, ...] = (
    r"\blast (?:week|month|year|weekend|summer|winter|spring|autumn|fall)\b",
    r"\bthis (?:week|month|year)\b",
    r"\bnext (?:week|month|year)\b",
    r"\bat (?:that|the) time\b",
    r"\bearlier\b",
    r"\bpreviously\b",
    r"\brecently\b",
    r"\bin the past\b",
    r"\bago\b",
    r"\bat the (?:beginning|start|end|outset) of\b",
    r"\bin (?:the )?(?:early|late|mid)[- ]",
    r"\b(?:in|since|during|until) (?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b(?!\s+\d)",
    r"\bbefore (?:the|his|her|its|their|launching|starting)\b",
)  # fmt: skip
"""Time expressions that give no single day; they also stop a date carrying over."""

QUICK_SEQUENCE_ADVERBS: frozenset[str] = frozenset(
    {"quickly", "swiftly", "immediately", "promptly", "soon"}
)
"""Adverbs that place a statement right after the one before it (same day)."""

SPEECH_EVENT_NOUNS: frozenset[str] = frozenset(
    {"admission", "statement", "remark", "speech", "interview", "comment", "announcement",
     "briefing", "conference", "message", "address", "testimony", "hearing", "tweet",
     "letter", "appearance", "session", "declaration", "warning", "claim", "denial",
     "confirmation", "assurance", "pledge", "promise", "video", "post"}
)  # fmt: skip
"""Lemmas of nouns naming an occasion of speech; a day given with one dates its speaker."""


# ---------------------------------------------------------------------------
# Stance: negation and topic words of statements (extract/stance.py)
# ---------------------------------------------------------------------------

DENIAL_CUES: frozenset[str] = frozenset(
    {"deny", "reject", "dismiss", "refute", "rebut", "contradict", "dispute"}
)
"""Lemmas of cues that deny the content they introduce ("denied that conscripts ...")."""

NEGATING_WORDS: frozenset[str] = frozenset({"no", "never", "none", "nothing", "nobody", "neither"})
"""Words that negate a clause without a ``neg`` dependency ("there were no plans")."""

NEGATING_VERBS: frozenset[str] = frozenset(
    {"prevent", "stop", "avoid", "exclude", "ban", "forbid", "prohibit", "halt", "refuse"}
)
"""Verbs whose object is kept from happening ("measures to prevent sending conscripts"):
the clause under them is negated."""

NON_TOPIC_LEMMAS: frozenset[str] = frozenset(
    {"be", "have", "do", "say", "tell", "will", "would", "can", "could", "may", "might",
     "shall", "should", "must", "get", "make", "go", "take", "also", "only", "just",
     "very", "so", "now", "then", "there", "here", "already", "still", "even", "more",
     "most", "other", "such", "many", "much", "some", "any", "all", "every", "that", "this"}
)  # fmt: skip
"""Lemmas never taken as a statement's keywords: they say nothing about its topic."""
