"""Statements: quotations with their speaker, date and venue, and claims attributed with ``said that`` / ``according to``.

A quotation (“…”, at least ``min_words`` words, so that scare quotes such as “new
oil” are left out) gets its speaker from a parenthetical attribution right after
it (``(Tokayev, UNGA Speech, September 2023)``), from a speech verb right after it
(``…,” said Executive Vice-President Šefčovič``) or from the person named in the
words that lead up to it (``Prime Minister Smailov said: “…”``). Quotations
without a speaker who is an actor are not proposed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Final

from crmgraph.corpus import split_sentences
from crmgraph.extract.dates import (
    MONTH_NAME,
    MONTHS,
    blank_spans,
    dated_by_document,
    explicit_date,
    find_date,
    names_relative_date,
    of_document_year,
    relative_clauses,
)
from crmgraph.extract.gazetteer import derived, slugify
from crmgraph.extract.patterns import phrase_alternation
from crmgraph.extract.relations import ARTICLE_GAP, RuleSet, phrase_pattern
from crmgraph.extract.recognise import (
    EVENT_TYPES,
    POSSESSIVE_ENDINGS,
    SENTENCE_END,
    Mention,
    Recognition,
    title_words,
)

SPEAKER_TYPES: Final = {"Person", "Leader", "State", "Region", "IntergovernmentalOrganisation", "GovernmentBody",
                        "FinancialInstitution", "Company", "ResearchInstitute", "MediaOutlet", "DiplomaticFormat"}
PERSONS: Final = {"Person", "Leader"}
PERSONS_OR_STATE: Final = PERSONS | {"State"}
STOP: Final = {"the", "a", "an", "and", "of", "in", "to", "is", "are", "was", "we", "it", "this", "that", "for", "on", "with", "will", "our"}


@dataclass(slots=True)
class Quoted:
    id: str
    speaker: str
    start: int
    end: int
    rule: str
    confidence: float
    direct: bool = True
    date: str | None = None
    venue: str | None = None
    concerns: list[str] = field(default_factory=list)
    attribution: tuple[int, int] | None = None

    # written out, not generated: compiled, this __init__ is native code; the generated one stays interpreted
    def __init__(self, id: str, speaker: str, start: int, end: int, rule: str, confidence: float, direct: bool = True,
                 date: str | None = None, venue: str | None = None, concerns: list[str] | None = None,
                 attribution: tuple[int, int] | None = None) -> None:
        self.id, self.speaker, self.start, self.end, self.rule, self.confidence = id, speaker, start, end, rule, confidence
        self.direct, self.date, self.venue, self.attribution = direct, date, venue, attribution
        self.concerns = [] if concerns is None else concerns


class _Mentions:
    """The mentions of a recognition by where they start, handed out in the order of ``rec.mentions``."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        starts = [m.start for m in mentions]
        self.order = sorted(range(len(mentions)), key=starts.__getitem__)
        self.starts = [starts[i] for i in self.order]

    def starting(self, lo: int, hi: int, closed: bool = True) -> list[Mention]:
        """The mentions that start in ``[lo, hi]`` (``[lo, hi)`` when not ``closed``), in their original order."""
        starts = self.starts
        a = bisect_left(starts, lo)
        b = bisect_right(starts, hi) if closed else bisect_left(starts, hi)
        mentions = self.mentions
        return [mentions[i] for i in sorted(self.order[a:b])]


_START: Final = attrgetter("start")


def _mentions_in(rec: Recognition, start: int, end: int, types, index: _Mentions | None = None) -> list[Mention]:
    candidates = index.starting(start, end) if index is not None else rec.mentions
    return [m for m in candidates if start <= m.start and m.end <= end and m.type in types
            and not m.nested and m.kind != "definition"]


_VERB_PATTERNS: dict[str, tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]] = {}


def _verb_patterns(verbs: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """The patterns built on the speech verbs (compiled once per list of verbs)."""
    patterns = _VERB_PATTERNS.get(verbs)
    if patterns is None:
        patterns = _VERB_PATTERNS[verbs] = (
            re.compile(rf"\s*,?\s*(?:(?P<verb>{verbs})\s)?"),
            re.compile(rf"\b(?:{verbs})\b"),
            re.compile(rf"(?P<lead>\b(?P<who>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*)(?:\s\(\d{{4}}\))?\s(?:{verbs})\sthat\s)(?P<claim>[^.“”\n]{{12,400}}\.)"),
            # what every match of the pattern above contains: where it is absent, that pattern is not run
            re.compile(rf"\s(?:{verbs})\sthat\s"),
            # from a speaker to the quotation: its verb of speech ("the European Commission said: “", "… also said
            # that “", "… said in a statement: “", "… told reporters: “")
            re.compile(rf"\s+(?:also\s+)?(?:{verbs})(?:\s+(?:that|on\s+\w+day|in\s+a\s+statement|reporters|journalists))?"
                       r"\s*[:,]?\s*"),
        )
    return patterns


_LETTERS: Final = re.compile(r"[A-Za-z]+")
_MONTH: Final = re.compile(r"\b" + MONTH_NAME + r"\b")
#: a phrase set off by commas between a speaker and the verb: how or when the subject speaks ("…, speaking
#: alongside Tokayev, said"), an event before it ("…, after meeting Putin on 2 May, said") or whose the speaker is
#: ("…, Mirziyoyev’s host, said"), or after the speaker of a quotation ("…,” said Tokayev, after meeting Putin on
#: 2 May): the names in it do not speak
_ASIDE: Final = re.compile(r",\s+(?:(?P<event>after|before|following|having|ahead\s+of)|speaking|standing|appearing|while|"
                           r"when|during|upon|(?:[A-Z][\w’'-]*\s)*[A-Z][\w’'-]*(?:’s|'s))\s[^,;:()“”]*(?:,|$)")
#: right after a quotation or a speaker: what may stand before the verb ("”, Mirziyoyev said", "the Commission also said")
_ATTRIBUTION_AFTER: Final = re.compile(r"[\s,]*(?:[A-Z][\w’'.-]*\s+){0,4}(?:also\s+)?")


def _past_attribution_words(text: str, at: int) -> int:
    """Where the verb of an attribution may begin after ``at``, past a comma and a name ("”, Mirziyoyev said")."""
    found = _ATTRIBUTION_AFTER.match(text, at)
    return found.end() if found is not None else at


#: before a speaker: "according to (the)"; after it, to the quotation: a comma
_ACCORDING_BEFORE: Final = re.compile(r"\b[Aa]ccording\s+to\s+(?:the\s+)?$")
_COMMA_TAIL: Final = re.compile(r"\s*,\s*")


#: in an attribution: an occasion told of before, it was said at ("said at the summit", "on the sidelines of the
#: forum", "when the agreement was announced", "in his keynote speech"; not "at a news conference", of the day the text
#: tells), or one that marks another ("at a ceremony marking the handover": of the handover's day)
_AT_AN_OCCASION: Final = re.compile(r"\b(?:at|during|on\s+the\s+(?:sidelines|margins)\s+of)\s+(?:(?:the|that|its)\s+"
                                 r"(?:[\w’'-]+\s+){0,3}?(?:summit|forum|conference|meeting|congress|session|talks|visit|"
                                 r"ceremony)\b|an?\s+(?:[\w’'-]+\s+)?(?:ceremony|event|reception)\s+(?:marking|to\s+mark|"
                                 r"celebrating|to\s+celebrate|commemorating|for)\b)"
                                 # or at another event the text told of: "said when the agreement was announced", "said
                                 # in his keynote speech" (not "after meeting Putin on 2 May": later, on a day untold)
                                 r"|\bwhen\s+(?:the|an?|it|he|she|they|his|her|their)\b|\bin\s+(?:his|her|their|a|the)\s+"
                                 r"(?:[\w’'-]+\s+){0,2}?(?:speech|address|keynote|remarks)\b", re.IGNORECASE)
#: between a speaker named after a quotation and the verb: "Šefčovič said", "Šefčovič also said", "Šefčovič, 56, said"
_VERB_GAP: Final = re.compile(r"[\s,]*(?:\d{1,3},\s*)?(?:also\s+|later\s+|then\s+)?")


def _after_gap(text: str, at: int) -> int:
    """Where the verb of a speaker named at ``at`` would stand (past ``_VERB_GAP``)."""
    gap = _VERB_GAP.match(text, at)
    return gap.end() if gap is not None else at


#: after a quotation, the pronoun of its speaker: "…,” he said"
_PRONOUN_AFTER: Final = re.compile(r"[\s,]*(?P<who>he|she)\s+")
_PAREN: Final = re.compile(r"\s*\.?\s*\((?P<body>[^()]{2,120})\)")


def find_statements(rec: Recognition, doc_date: str | None, reference_start: int | None,
                    datelined: bool = False) -> list[Quoted]:
    """The quotations of the text and the claims it attributes, each with its speaker. ``doc_date`` is the day the
    text's relative dates count from, and ``datelined`` says whether a news item's dateline gave it."""
    text, lex = rec.text, rec.lex
    limit = reference_start if reference_start is not None else len(text)
    out: list[Quoted] = []
    position = 0
    verbs = "|".join(sorted(lex.speech_verbs))
    said_pattern, verb_pattern, _, _, said_tail = _verb_patterns(verbs)
    index: _Mentions | None = None
    setting = None if datelined else _lead_setting(rec, doc_date)
    while True:
        opening = min((p for p in (text.find(o, position, limit) for o in lex.quotes) if p != -1), default=-1)
        if opening == -1:
            break
        closing_mark = lex.quotes.get(text[opening], "”")
        closing = text.find(closing_mark, opening + 1, min(limit, opening + 4000))
        if closing == -1:
            break
        position = closing + 1
        q0, q1 = opening + 1, closing
        inner = text[q0:q1].strip()
        if len(inner.split()) < lex.min_quote_words and not (
                inner.endswith(",") and verb_pattern.match(text, _past_attribution_words(text, closing + 1))):
            # a scare quote (“new oil”); but not a short quotation its speaker's verb follows (“Japan is a reliable
            # partner,” Mirziyoyev said, “…”)
            continue
        q0 = q0 + (len(text[q0:q1]) - len(text[q0:q1].lstrip()))
        q1 = q0 + len(inner)
        if index is None:
            index = _Mentions(rec.mentions)
        speaker = venue = date = None
        attribution = None
        rule, confidence = "", 0.0
        # 1. "(Name, Venue, Year)" right after the quotation
        paren = _PAREN.match(text[closing + 1:closing + 140])
        if paren:
            a0, a1 = closing + 1 + paren.start() + paren.group().index("("), closing + 1 + paren.end()
            people = _mentions_in(rec, a0, a1, SPEAKER_TYPES, index)
            if people:
                speaker, rule, confidence = people[0].entity, "quote-parenthetical-attribution", 0.8
                attribution = (a0, a1)
                events = _mentions_in(rec, a0, a1, EVENT_TYPES, index)
                venue = events[0].entity if events else None
                date = find_date(text[a0:a1])
        # 2. "…,” said Executive Vice-President Šefčovič" / "…,” Yoon told a business forum"
        if speaker is None:
            after = text[closing + 1:closing + 120]
            said = said_pattern.match(after)
            window_end = closing + 1 + min(len(after), 100)
            line_end = text.find("\n", closing + 1)
            if line_end != -1:
                window_end = min(window_end, line_end)
            sentence_end = text.find(".", closing + 1, window_end)
            if sentence_end != -1:
                window_end = sentence_end
            people = [m for m in index.starting(closing + 1, window_end, closed=False)
                      if closing < m.start < window_end and m.type in PERSONS_OR_STATE
                      and not m.nested and m.kind != "definition"]
            # (not one in the possessive: "“…,” Tokayev's spokesman said" is not Tokayev's)
            people = [m for m in people if (m.type in PERSONS or m.kind == "backref") and not _spoken_of(rec, m.start)
                      and not text.startswith(POSSESSIVE_ENDINGS, m.end) and m.kind != "pair"]
            if people and inner.endswith((".", "!", "?")) and not (said and said.group("verb")):
                # a quotation that ends its sentence is the next name's only when the verb of speech follows it at
                # once ("“… materials.” Šefčovič said."), not in a sentence of its own ("Šefčovič said: “…
                # materials.” Bektenov welcomed the roadmap and said …")
                people = [m for m in people if verb_pattern.match(text, _after_gap(text, m.end))]
            # (nor is it the speaker's who leads up to a quotation of their own: "“…” On Tuesday, Tokayev told the
            # summit: “…”")
            people = [m for m in people if not _opens_quotation(text, m.end, verb_pattern)]
            speech_after = verb_pattern.search(text[closing + 1:window_end])
            organisation = _organisation_after(rec, closing + 1, window_end, index) \
                if speech_after and not people else None
            if organisation is not None:
                # "“…,” a Glencore spokesperson said", "“…,” said a spokesperson for Kazatomprom", "“…,” the EBRD said"
                speaker, rule, confidence = organisation.entity, "quote-organisation-after", _as_sure_as(organisation, 0.7)
                attribution = _trim(text, (closing + 1 + len(said.group()) if said else closing + 1, window_end))
            elif people and speech_after:
                m = people[0]
                speaker, rule, confidence = m.entity, "quote-speaker-after", 0.8
                confidence = _as_sure_as(m, confidence)
                attribution = (closing + 1 + len(said.group()) if said else closing + 1, window_end)
                attribution = _trim(text, attribution)
            elif speech_after and inner.endswith(",") and not _PRONOUN_AFTER.match(text, closing + 1) \
                    and not text[max(0, opening - 3):opening].rstrip().endswith(":"):
                # "“…,” a senior official told reporters", "“…,” Yussupov said" (a name not recognised): the
                # attribution after it names the speaker, whom no one named before it stands for (but "Tokayev
                # said: “…,” and added …" is Tokayev's)
                continue
        # 3. the person named in the words leading up to the quotation
        if speaker is None:
            line_start = text.rfind("\n", 0, opening) + 1
            lead_start = max(line_start, opening - 400)
            if opening - line_start < 3:  # the quotation opens its line: the previous line leads up to it
                lead_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            # (in the order of the text, which back-references, added last, break; a group of people, "the six heads
            # of state", says no one quotation, and its mention stands for one of them only)
            people = sorted((m for m in index.starting(lead_start, opening) if lead_start <= m.start and m.end <= opening
                             and m.type in PERSONS and not m.nested and m.kind not in ("definition", "pair")),
                            key=_START)
            # when the quotation's own sentence has its verb of speech, its speaker is named there ("… In Astana he
            # met Tokayev. Asked about China, a Foreign Office spokesperson said: “…”" is not his)
            own_stop = text.rfind(". ", lead_start, opening)
            own_start = own_stop + 2 if own_stop != -1 else lead_start
            if people and people[0].start < own_start and verb_pattern.search(text, own_start, opening):
                people = [m for m in people if m.start >= own_start]
            if people and (verb_pattern.search(text[lead_start:opening]) or text[lead_start:opening].rstrip().endswith(":")):
                last = people[-1]
                full_stop = text.rfind(". ", lead_start, last.start)
                sentence_start = full_stop + 2 if full_stop != -1 else lead_start
                # the sentence's first person that no preposition governs: "Tokayev told von der Leyen: “…”" is
                # Tokayev's, "Critics of Tokayev said: “…”" nobody's, "In a meeting with Putin, Tokayev said" Tokayev's
                # (not one inside a relative clause: in "Tokayev, who met Putin on 2 May, said: “…”" Tokayev speaks,
                # and not on 2 May)
                inserted = _other_events(text, sentence_start, opening)
                # (nor one the speaker speaks beside: "Von der Leyen, speaking alongside Tokayev, said")
                aside = inserted + [m.span() for m in _ASIDE.finditer(text, sentence_start, opening)]
                speakers = [p for p in people if p.start >= sentence_start and not _spoken_of(rec, p.start)
                            and not text.startswith(POSSESSIVE_ENDINGS, p.end)
                            and not _ADDRESSED_BEFORE.search(text, max(0, p.start - 60), p.start)
                            and not any(a <= p.start < b for a, b in aside)]
                # the subject of the last verb of speech, if one leads to the quotation: "Thanking Xi Jinping …,
                # Tokayev said: “…”", "Speaking alongside Tokayev, von der Leyen said: “…”"
                speech_at = [v.start() for v in verb_pattern.finditer(text, sentence_start, opening)]
                subject = [p for p in speakers if speech_at and p.end <= speech_at[-1]
                           and not _SPEECH_FRAME_GAP.search(text, p.end, speech_at[-1])]
                if subject:
                    speakers = [subject[-1]] + [p for p in speakers if p is not subject[-1]]
                if speakers:
                    m = speakers[0]
                    named = len({p.entity for p in speakers})
                    speaker, rule, confidence = m.entity, "quote-speaker-before", 0.7 if named == 1 else 0.6
                    confidence = _as_sure_as(m, confidence)
                    attribution = _trim(text, (sentence_start, opening))
                    # the venue and date of the sentence that leads to it, not of one before it
                    events = _mentions_in(rec, sentence_start, opening, EVENT_TYPES, index)
                    venue = events[0].entity if events else None
                    date = find_date(blank_spans(text, inserted)[sentence_start:opening] if inserted
                                     else text[sentence_start:opening])
        # 3b. "According to Japarov, “…”", "the European Commission said: “…”": an actor right before, not a person
        if speaker is None:
            sentence_start = max(text.rfind(". ", 0, opening) + 2, text.rfind("\n", 0, opening) + 1)
            for m in reversed(_mentions_in(rec, sentence_start, opening, SPEAKER_TYPES, index)):
                according = _ACCORDING_BEFORE.search(text, max(0, m.start - 24), m.start) is not None \
                    and _COMMA_TAIL.fullmatch(text, m.end, opening) is not None
                spoken_for = False
                if m.type not in PERSONS:  # "A Kazatomprom spokesman said: “…”", "A spokesperson for …": the company's
                    mouthpieces = derived(rec.lex, _Mouthpieces)
                    mouth = mouthpieces.after_name.match(text, m.end)
                    tail_start = mouth.end() if mouth is not None else m.end
                    spoken_for = mouthpieces.before_name.search(text, max(0, m.start - 40), m.start) is not None
                else:
                    tail_start = m.end
                if (according or said_tail.fullmatch(text, tail_start, opening)) \
                        and (spoken_for or not _spoken_of(rec, m.start)):
                    speaker, rule, confidence = m.entity, "quote-actor-before", _as_sure_as(m, 0.6)
                    attribution = _trim(text, (sentence_start, opening))
                    date = find_date(text[sentence_start:opening])
                    events = _mentions_in(rec, sentence_start, opening, EVENT_TYPES, index)
                    venue = events[0].entity if events else None
                    break
        # 4. "…,” he said.": the one person its paragraph has named before it (none when it has named several)
        if speaker is None:
            pronoun = _PRONOUN_AFTER.match(text, closing + 1)
            if pronoun is not None and verb_pattern.match(text, pronoun.end()):
                paragraph = text.rfind("\n", 0, opening) + 1
                before = {m.entity: m for m in _mentions_in(rec, max(paragraph, opening - 600), opening, PERSONS, index)
                          if not _spoken_of(rec, m.start) and m.kind != "pair"}
                if len(before) == 1:
                    (m,) = before.values()
                    speaker, rule, confidence = m.entity, "quote-speaker-pronoun", _as_sure_as(m, 0.6)
                    end = text.find(".", pronoun.end(), pronoun.end() + 80)
                    attribution = _trim(text, (pronoun.start("who"), end if end != -1 else pronoun.end()))
        # 5. "A: “…”", an answer in an interview: the one person whose occasion of speaking its lead tells
        if speaker is None and setting is not None and len(setting.speakers) == 1 and opening > setting.end \
                and _ANSWER_OPENS.fullmatch(text, text.rfind("\n", 0, opening) + 1, opening):
            (speaker,) = setting.speakers
            rule, confidence, attribution = "quote-interview-answer", 0.7, (setting.start, setting.end)
        if speaker is None:
            continue
        if venue is None and attribution is not None and rule in ("quote-speaker-after", "quote-organisation-after"):
            # "“…,” Tokayev said at the summit": the venue its attribution names
            events = _mentions_in(rec, attribution[0], attribution[1], EVENT_TYPES, index)
            venue = events[0].entity if events else None
        fallback = _undated_statement_date(text, opening, doc_date, datelined, setting, speaker)
        if date is None and venue is None and attribution is not None and not datelined:
            # "Speaking in Astana, Lord Cameron said: …" after "Lord Cameron visited Astana in April 2024": said then
            told = _date_told_there(rec, speaker, attribution[0], attribution[1], index)
            if told is not None:
                date, fallback = told, None
        if venue is not None and date is None:
            # said at an event: of the event's day, if the text gives it, and not of the document's
            date, fallback = rec.known[venue].date if venue in rec.known else None, None
        elif date is None and attribution is not None and _AT_AN_OCCASION.search(text, *attribution):
            fallback = None  # "“…,” Tokayev said at the summit": of the summit's day, which the text told before
        if date is None and doc_date and attribution is not None:
            # "In a speech on 12 March, Mirziyoyev said: …": the day its attribution gives, in the document's time
            # (not a relative clause's: "said Tokayev, who met Putin on 2 May")
            spoken = blank_spans(text, _other_events(text, *attribution))
            date = dated_by_document(spoken, attribution[0], attribution[1], doc_date, rec.lex)
            if date is None and (_MONTH.search(spoken, attribution[0], attribution[1])
                                 or names_relative_date(spoken, attribution[0], attribution[1], rec.lex)):
                # "… said in Astana on 9 June", in a text of May: of a year the text does not say; "… told reporters
                # last week", in a text of 5 January: of a week that spans two years
                fallback = None
        concerns = []
        for m in index.starting(q0, q1):
            if q0 <= m.start and m.end <= q1 and m.type in ("Mineral", "Topic") and m.entity not in concerns:
                concerns.append(m.entity)
        out.append(Quoted(_statement_id(rec, speaker, date or fallback, inner), speaker, q0, q1, rule, confidence,
                          True, date or fallback, venue, concerns, attribution))
    if setting is not None and len(setting.speakers) == 1:
        out += _unquoted_answers(rec, setting, limit, index)
    out += _indirect(rec, doc_date, datelined, limit, verbs, index, setting)
    return out


class _Mouthpieces:
    """The patterns built on the mouthpieces of ``lexicon/speech.yaml`` (compiled once per lexicon): from a
    quotation's end to an organisation after it (``lead``: "”, said a spokesperson for the"), from the organisation
    to the verb (``tail``: "’s press service said"), from the organisation past its mouthpiece (``after_name``:
    "’s spokesperson"), and the mouthpiece before it (``before_name``: "A spokesperson for")."""

    def __init__(self, lex) -> None:
        words = phrase_alternation(lex.mouthpieces) or "(?!)"
        verbs = "|".join(sorted(lex.speech_verbs)) or "(?!)"
        self.lead = re.compile(rf"[\s,]*(?:(?P<verb>{verbs})\s+)?(?:(?:a|an|the)\s+)?(?:(?P<mouth>{words})\s+"
                               r"(?:for|of|at|from)\s+(?:the\s+)?)?")
        self.tail = re.compile(rf"(?:(?:’s|'s)?\s+(?P<mouth>{words})\b)?(?:\s+(?:also\s+)?(?P<verb>{verbs})\b)?")
        self.after_name = re.compile(rf"(?:’s|'s)?\s+(?:{words})\b")
        self.before_name = re.compile(rf"\b(?:{words})\s+(?:for|of|at|from)\s+(?:the\s+)?$", re.IGNORECASE)


def _organisation_after(rec: Recognition, start: int, end: int, index: _Mentions) -> Mention | None:
    """The organisation that a quotation's attribution after it, from ``start`` to ``end``, names as its speaker:
    the first one named, right after the quotation, with a verb of speech before or after it ("“…,” a Glencore
    spokesperson said", "“…,” said a spokesperson for Kazatomprom", "“…,” the EBRD told reporters")."""
    text = rec.text
    mouthpieces = derived(rec.lex, _Mouthpieces)
    for m in index.starting(start, end, closed=False):
        if m.nested or m.kind == "definition" or m.end > end:
            continue
        if m.type in PERSONS or m.type not in SPEAKER_TYPES:
            return None
        lead = mouthpieces.lead.fullmatch(text, start, m.start)
        tail = mouthpieces.tail.match(text, m.end)
        if lead is None or tail is None or (lead.group("verb") is None and tail.group("verb") is None) \
                or (lead.group("mouth") is None and _spoken_of(rec, m.start)):
            return None
        if m.kind == "demonym" and tail.group("mouth") is None:
            return None  # "“…,” said a Kazakh metallurgist": a national speaks, not the state
        return m
    return None


#: after a verb of speech, the words up to a colon and the quotation it opens ("told the summit: “")
_LEADS_TO_QUOTATION: Final = re.compile(r"[^.:;“”\"\n]{0,80}:\s*[“\"«„]")


def _opens_quotation(text: str, at: int, verb_pattern: re.Pattern) -> bool:
    """Whether the verb of speech right after ``at`` (a speaker's name) leads up to a quotation after a colon."""
    verb = verb_pattern.match(text, _after_gap(text, at))
    return verb is not None and _LEADS_TO_QUOTATION.match(text, verb.end()) is not None


#: right before a place an attribution names: the place of speaking ("Speaking in Astana", "said in Astana")
_IN_PLACE: Final = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)


def _date_told_there(rec: Recognition, speaker: str, start: int, end: int, index: _Mentions | None) -> str | None:
    """The date of the speaker's visit to the place the attribution ``text[start:end]`` has them speak in, when an
    earlier sentence tells it, with the speaker and a date ("Lord Cameron visited Astana in April 2024 … Speaking
    in Astana, Lord Cameron said: …"; the nearest such sentence; the verbs are those of the ``visits`` rules of
    ``lexicon/relations.yaml``); None when none does."""
    text = rec.text
    places = {m.entity for m in _mentions_in(rec, start, end, ("Place",), index)
              if _IN_PLACE.search(text, max(0, m.start - 12), m.start)}
    if not places:
        return None
    visits = [rule.regex for rule in derived(rec.lex, RuleSet).rules if rule.predicate == "visits"]
    for m in reversed(_mentions_in(rec, 0, start, ("Place",), index)):
        if m.entity not in places:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = min(i for i in (text.find("\n", m.end, start), start) if i != -1)
        sentence = next(((line_start + x.start, line_start + x.end) for x in split_sentences(text[line_start:line_end])
                         if line_start + x.start <= m.start and m.end <= line_start + x.end), None)
        if sentence is None:
            continue
        s0, s1 = sentence
        verb = next((v for v in (r.search(text, max(s0, m.start - 40), m.start) for r in visits)
                     if v is not None and ARTICLE_GAP.fullmatch(text, v.end(), m.start)), None)
        if verb is None:
            continue
        date = explicit_date(text, s0, s1, verb.start(), m.end, rec.lex)
        if date is not None and any(n.entity == speaker for n in _mentions_in(rec, s0, s1, PERSONS, index)):
            return date
    return None


def _undated_statement_date(text: str, at: int, doc_date: str | None, datelined: bool,
                            setting: _Setting | None = None, speaker: str | None = None) -> str | None:
    """The date of a statement at ``at`` whose attribution gives none: the news item's dateline; the date of the
    occasion the text's first paragraph has its speaker speak at (:func:`_lead_setting`), as precise as that
    paragraph tells it; or the document's date unless the paragraph has told of another year before it ("Macron
    arrived in Astana on 1 November 2023 … “…,” Macron said" in a text of 2024 was not said in 2024), or of another
    month of its year ("… pledged at the forum held on 29–30 January 2024 … “…,” Urpilainen said" in a text of May
    2024)."""
    if datelined:
        return doc_date
    if setting is not None and at >= setting.end and speaker in setting.speakers:
        return setting.date
    if not of_document_year(text, at, doc_date) or doc_date is None:
        return None
    if len(doc_date) >= 7:
        paragraph = text.rfind("\n", 0, at) + 1
        if any(MONTHS[m.group().lower()] != int(doc_date[5:7]) for m in _MONTH.finditer(text, paragraph, at)):
            return None
    return doc_date


@dataclass(frozen=True, slots=True)
class _Setting:
    """The occasion of speaking a text's first paragraph tells of: where the paragraph begins and ends, the persons
    it names, and the date it gives the occasion (None when the document's date does not settle one)."""
    start: int
    end: int
    speakers: frozenset[str]
    date: str | None


#: what opens an interview's answer before its quotation: "A: “…”", "**A:** “…”", "Answer: “…”"
_ANSWER_OPENS: Final = re.compile(r"[ \t]*(?:\*\*)?(?:A|Answer)(?:\*\*)?[ \t]*[:.–-][ \t]*(?:\*\*)?[ \t]*")
#: the same without quotation marks, on a line of its own: "A: No. We are not selling, …"
_UNQUOTED_ANSWER: Final = re.compile(r"^" + _ANSWER_OPENS.pattern + r"(?P<answer>[^“\"«„\s][^\n]*?)[ \t]*$", re.M)


def _unquoted_answers(rec: Recognition, setting: _Setting, limit: int, index: _Mentions | None) -> list[Quoted]:
    """The answers of an interview written without quotation marks ("Q: … A: No. We are not selling …"), below its
    lead: statements of the one person whose occasion of speaking the lead tells, as its quoted answers are
    (rule ``quote-interview-answer``; an answer shorter than ``min_words`` is none)."""
    (speaker,) = setting.speakers
    text, out = rec.text, []
    for m in _UNQUOTED_ANSWER.finditer(text, setting.end, limit):
        a0, a1 = m.span("answer")
        words = text[a0:a1]
        if len(words.split()) < rec.lex.min_quote_words:
            continue
        concerns = list(dict.fromkeys(x.entity for x in _mentions_in(rec, a0, a1, ("Mineral", "Topic"), index)))
        out.append(Quoted(_statement_id(rec, speaker, setting.date, words), speaker, a0, a1, "quote-interview-answer",
                          0.7, True, setting.date, None, concerns, (setting.start, setting.end)))
    return out


#: how long a text's first paragraph may be for it to be a lead (a title, a dateline, a standfirst)
_LEAD_CHARACTERS: Final = 600


def _lead_setting(rec: Recognition, doc_date: str | None) -> _Setting | None:
    """The occasion of speaking that a text's first paragraph dates, relative to the document's date ("INTERVIEW —
    Cameco chief executive Tim Gitzel, speaking to analysts on the company's call last week.") or in full
    ("Transcript excerpt, March 2024. …, speaking to an industry podcast."): the quotations of the persons it names,
    below it, were said then, not on the document's date. None when the paragraph names no such occasion
    (``occasions`` in ``lexicon/speech.yaml``), no person, or no date, and when the first paragraph (or line, when no
    blank line comes first) is longer than a lead (``_LEAD_CHARACTERS``)."""
    if doc_date is None:
        return None
    text = rec.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n\n", start, start + _LEAD_CHARACTERS)
    if end == -1:  # (or its first line, when paragraphs are lines: "… speaking to reporters last week.\nQ: …")
        end = text.find("\n", start, start + _LEAD_CHARACTERS)
    if end == -1:
        return None  # (a text without a short first paragraph has no lead)
    occasions = derived(rec.lex, _occasion_pattern)
    if occasions is None or occasions.search(text, start, end) is None:
        return None
    if names_relative_date(text, start, end, rec.lex):
        date = dated_by_document(text, start, end, doc_date, rec.lex)
    else:  # "Transcript excerpt, March 2024. Tim Gitzel, …, speaking to an industry podcast."
        date = find_date(text[start:end])
        if date is None:
            return None
    speakers = frozenset(m.entity for m in rec.mentions if start <= m.start and m.end <= end and m.type in PERSONS)
    if not speakers:
        return None
    return _Setting(start, end, speakers, date)


def _occasion_pattern(lex) -> re.Pattern | None:
    """The words of ``occasions`` in ``lexicon/speech.yaml``, in one pattern (built once per lexicon)."""
    return phrase_pattern(lex.speaking_occasions)


def _other_events(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``text[start:end]`` that tell of another event than a speech their sentence reports, and whose
    dates are not the speech's: relative clauses ("Tokayev, who met Putin on 2 May, said") and asides on what came
    before it ("Tokayev, after meeting Putin on 2 May, said")."""
    spans = relative_clauses(text, start, end)
    if text.find(",", start, end) != -1:
        spans += [m.span() for m in _ASIDE.finditer(text, start, end) if m.group("event")]
        fronted = _FRONTED_REFERENCE.match(text, start, end)
        if fronted is not None:
            spans.append(fronted.span())
    return spans


#: an opening phrase that speaks of what came before the speech: "Referring to the memorandum signed in April, …"
_FRONTED_REFERENCE: Final = re.compile(r"\s*(?:Referring\s+to|Recalling|Citing|Pointing\s+to|Commenting\s+on|Reflecting\s+on|"
                                       r"Looking\s+back\s+(?:on|at))\s[^,;:()“”]*,")


def _indirect(rec: Recognition, doc_date, datelined: bool, limit: int, verbs: str,
              index: _Mentions | None = None, setting: _Setting | None = None) -> list[Quoted]:
    """``Tokayev said that Kazakhstan wants …`` and ``According to the UNECE (2023), Central Asia has …``."""
    text = rec.text
    out: list[Quoted] = []
    _, _, said_that, said_that_core, _ = _verb_patterns(verbs)
    patterns: list[tuple[re.Pattern, bool]] = []  # (pattern, whether it is "according to")
    # each pattern only where what all its matches contain occurs (the matches are the same)
    # every match has "that" in it: a text without the word (a quick look) is not searched
    if "that" in text and said_that_core.search(text, 0, limit):
        patterns.append((said_that, False))
    if "ccording to " in text:
        patterns.append((_ACCORDING, True))
    if not patterns:
        return out
    if index is None:  # the quotations' index serves (the mentions have not changed since)
        index = _Mentions(rec.mentions)
    for pattern, according in patterns:
        for m in pattern.finditer(text, 0, limit):
            w0 = m.start("who")
            people = [x for x in index.starting(w0, m.end("who") + 1, closed=False)
                      if w0 <= x.start < m.end("who") + 1 and x.type in SPEAKER_TYPES
                      and not x.nested and x.kind != "definition"]
            if not people or _spoken_of(rec, people[0].start):
                continue
            if people[0].kind == "demonym" and not _GOVERNMENT_AFTER.match(text, people[0].end):
                continue  # "according to Kazakh statistics": not the state's word (but "the Kazakh government")
            c0, c1 = m.start("claim"), m.end("claim")
            direct = False
            lead_end = text[max(0, m.start() - 3):m.start()].rstrip()
            if according and lead_end.endswith((",", ',"', ",”")):
                # "The company may seek a partner, according to X, an economist in Bishkek.": the claim is the words
                # before the attribution (what follows the name describes it), or the quotation they are
                before = _claim_before(text, text.rindex(",", 0, m.start()))
                if before is not None:
                    c0, c1, direct = before
            if c0 == c1:
                continue  # (no claim before the attribution, nor after it)
            claim = text[c0:c1]
            concerns = [x.entity for x in index.starting(c0, c1) if c0 <= x.start and x.end <= c1 and x.type in ("Mineral", "Topic")]
            date = find_date(m.group("lead")) or _undated_statement_date(text, m.start(), doc_date, datelined, setting,
                                                                         people[0].entity)
            lead = m.group("lead").rstrip().rstrip(",")
            out.append(Quoted(_statement_id(rec, people[0].entity, date, claim), people[0].entity, c0, c1,
                              "attributed-claim" if not direct else "quote-according-to", 0.6 if not direct else 0.75,
                              direct, date, None, list(dict.fromkeys(concerns)),
                              (m.start("lead"), m.start("lead") + len(lead))))
    return out


#: after a demonym, the body that speaks for its state ("the Kazakh government said")
#: ("according to Kyrgyz officials": unnamed officials, whose word is no statement of their state)
_GOVERNMENT_AFTER: Final = re.compile(r"\s+(?:government|authorities|side|ministry|state)\b")


def _claim_before(text: str, comma: int) -> tuple[int, int, bool] | None:
    """What an attribution at the end of its sentence (", according to X") attributes: the sentence before the
    comma at ``comma``, or the quotation it is (without its marks: then True); None when the words before are no
    claim of four words or more ("In 2023, according to the USGS, Kazakhstan produced …": the claim follows)."""
    lo = max(0, comma - 600)
    start = max(max((e.end() for e in SENTENCE_END.finditer(text, lo, comma)), default=lo), text.rfind("\n", 0, comma) + 1)
    while start < comma and text[start] == " ":
        start += 1
    item = _ITEM_LEAD.match(text, start, comma)  # "- 2023 - Kumtor produces …": the claim begins after the label
    if item is not None:
        start = item.end()
    end = comma + 2 if text.startswith(("”", '"'), comma + 1) else comma
    words = text[start:end]
    if words[:1] in ("“", '"') and words.endswith(("”", '"')) and end > comma:
        return start + 1, comma, True  # the quotation, without its marks (and the comma that closes it)
    if len(words.split()) < 4 or "“" in words or '"' in words:
        return None
    return start, comma, False


#: a list item's marker and its date label, before the words of the item: "- 2023 - ", "• 6 May 2021: "
_ITEM_LEAD: Final = re.compile(r"[-•*·]\s+(?:(?:[0-3]?\d\s+)?(?:" + MONTH_NAME + r"\s+)?(?:[0-3]?\d,?\s+)?(?:19|20)\d\d\s*[-–—:]\s+)?")
#: (the source's name ends with its sentence: "… according to the USGS. Rahmon, who …" attributes nothing to Rahmon)
_ACCORDING: Final = re.compile(r"(?P<lead>\b[Aa]ccording to (?:the )?(?P<who>[A-Z](?:[^,.\n]|(?<=\b[A-Z])\.|\.(?!\s)){1,60}?)(?:\s\(\d{4}\))?(?:,\s|(?=\.)))"
                               r"(?P<claim>[^.“”\n]{12,400}\.|(?=\.))")


#: before a name: a preposition that makes it what is spoken of or for, not who speaks ("Critics of Tokayev said",
#: "a spokesman for Tokayev said", "reports about Tokayev"), with the titles between ("critics of President Tokayev")
_GOVERNED_BEFORE: Final = re.compile(r"\b(?:of|for|against|about|from|than|like|towards?|on\s+behalf\s+of)\s+(?:the\s+)?"
                                     r"(?P<titles>(?:[A-Z][\w’'.-]*\s+){0,3})$")


#: between a speaker and the verb of speech: no comma (a participle's object, "Thanking Xi Jinping for …, Tokayev
#: said", is not its subject), except one closing an insertion ("Putin, speaking to Tokayev, said")
_SPEECH_FRAME_GAP: Final = re.compile(r"^[^,]*,[^,]*$")
#: before a name: a preposition that makes it whom a speaker addresses or meets ("told to Putin", "with Putin")
_ADDRESSED_BEFORE: Final = re.compile(r"\b(?:with|to)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+){0,3}$")


def _as_sure_as(speaker: Mention, confidence: float) -> float:
    """A statement is as sure as the mention of its speaker: "He said" after two persons named is a guess (the
    subject of the sentence before, at 0.5), and its statement is proposed for review, below build's threshold."""
    return min(confidence, 0.45) if speaker.kind == "backref" and speaker.confidence < 0.6 else confidence


def _spoken_of(rec: Recognition, start: int) -> bool:
    """Whether the name at ``start`` is governed by a preposition: it is spoken of or for, it does not speak.

    >>> from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    >>> text = "Critics of President Tokayev said that"
    >>> _spoken_of(Recognition(text, load_gazetteer(), load_lexicon()), text.index("Tokayev"))
    True
    """
    m = _GOVERNED_BEFORE.search(rec.text, max(0, start - 60), start)
    if m is None:
        return False
    words = derived(rec.lex, title_words)
    return all(w in words for w in m.group("titles").split())


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in " ,.:;“”\"\n(":
        start += 1
    while end > start and text[end - 1] in " ,.:;“”\"\n":
        end -= 1
    return start, end


def _statement_id(rec: Recognition, speaker: str, date: str | None, words: str) -> str:
    label = rec.label_of(speaker)
    who = slugify(label.split()[-1]) if rec.type_of(speaker) in PERSONS else speaker
    content: list[str] = []
    for m in _LETTERS.finditer(words.lower()):  # (the first four content words: a long quotation is not read through)
        if m.group() not in STOP:
            content.append(m.group())
            if len(content) == 4:
                break
    parts = [who, date[:4] if date else None, slugify(" ".join(content)) if content else "statement"]
    return "-".join(p for p in parts if p)
