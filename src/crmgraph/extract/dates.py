"""Dates as a sentence gives them: ``7 November 2022``, ``May 2024``, ``June 12``, ``(2023)``, ``in 2022``.

Dates are normalised to ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the
text is, and never more precise.
"""

from __future__ import annotations

import datetime
import re
import sys
from functools import lru_cache
from typing import Final

from crmgraph.extract.patterns import CASE_VARIANT_CHARACTERS, gated_pattern, phrase_alternation, phrase_tokens

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

#: A month's English name or abbreviation, as a regular expression without groups (for other modules' patterns too).
MONTH_NAME: Final = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
                     r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH: Final = r"(?P<month>" + MONTH_NAME + r")\.?"
_DAY_MONTH_YEAR: Final = re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b")
_MONTH_DAY_YEAR: Final = re.compile(r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")
_YEAR_MONTH_DAY: Final = re.compile(r"\((?P<year>(?:19|20)\d\d),\s+" + _MONTH + r"(?:\s+(?P<day>[0-3]?\d))?\)")
_MONTH_YEAR: Final = re.compile(r"\b" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b")
#: a year, not a decade ("the 1990s"), a range ("2020–2022"), a quantity ("2025 tonnes") or a price base ("in 2023
#: dollars") (what may not stand before it is tested after its first digit: a pattern that opens with a digit is
#: searched for that digit in C, four times as fast as one that opens with a lookbehind)
_YEAR: Final = re.compile(r"(?P<year>(?:1(?<![\d/.–-]1)9|2(?<![\d/.–-]2)0)\d\d)(?![\d/–-]|s\b|\s+(?:tonnes|tons|t|kt|kg|km|MW|GW|MWh|barrels|"
                          r"ounces|oz|workers|people|jobs|employees|units|dollars|euros|prices|terms|levels)\b)")
#: the first day of a span before a date: "2 to 4 September 2024", "2–4 September 2024"
_DAY_SPAN: Final = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\s*(?:to|–|-|and|until)\s*$")
_ISO: Final = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
#: Every date pattern contains a year, 19xx or 20xx: text without one has no date.
_ANY_YEAR: Final = re.compile(r"(?:19|20)\d\d")
#: What every match of _MONTH begins with (it is case-sensitive): text without one has no date with a month.
_ANY_MONTH: Final = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DIGIT: Final = re.compile(r"\d")


def names_year(text: str, start: int = 0, end: int = sys.maxsize) -> bool:
    """Whether ``text[start:end]`` has a year (a match of ``_ANY_YEAR``), as every date does.

    A year begins "19" or "20", which most clauses lack: ``str.find`` passes over a text many times as fast as the
    pattern's search (which tests every character against a set), and the pattern is searched only where one is.

    >>> names_year("signed in 2022"), names_year("signed in 2022", 0, 12), names_year("20 tonnes")
    (True, False, False)
    """
    return _first_year(text, start, end) is not None


def _first_year(text: str, start: int = 0, end: int = sys.maxsize) -> re.Match | None:
    """The first match of ``_ANY_YEAR`` in ``text[start:end]``, searched for only when "19" or "20" is there."""
    if text.find("19", start, end) == -1 and text.find("20", start, end) == -1:
        return None
    return _ANY_YEAR.search(text, start, end)


def _fmt(year: str, month: str | None = None, day: str | None = None) -> str | None:
    if month is None:
        return year
    number = MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return year
    if day is None:
        return f"{year}-{number:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return f"{year}-{number:02d}"
    return f"{year}-{number:02d}-{d:02d}"


def find_date(text: str) -> str | None:
    """The most precise date in ``text``, or None.

    Examples
    --------
    >>> find_date("signed in Sharm el-Sheikh on 7 November 2022")
    '2022-11-07'
    >>> find_date("met in New York in September 2023")
    '2023-09'
    >>> find_date("visited China from 2 to 4 September 2024")
    '2024-09'
    >>> find_date("(Goethals, 2024)")
    '2024'
    >>> find_date("no date here") is None
    True
    """
    return _find_date(text)


@lru_cache(maxsize=4096)
def _find_date(text: str) -> str | None:
    """:func:`find_date`, remembered: the passes ask again for the date of the same sentence."""
    first_year = _first_year(text)
    if first_year is None:
        return None
    # A pattern's matches begin with a year, a day's number or a month's name: its search starts at the first of
    # these in the text (dates come late in most sentences). The patterns still see the text before that
    # position (\b and look-behinds do), so they find what a search of the whole text finds.
    if "-" in text:  # an ISO date has hyphens
        m = _ISO.search(text, first_year.start())
        if m and 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31:
            return m.group(0)
    first_month = _ANY_MONTH.search(text)
    if first_month:  # the patterns with a month name, only where one may be
        digit = _DIGIT.search(text)  # there is one: the year's
        first_digit = digit.start() if digit else 0
        for pattern, start in ((_DAY_MONTH_YEAR, first_digit), (_MONTH_DAY_YEAR, first_month.start()),
                               (_YEAR_MONTH_DAY, 0)):
            m = pattern.search(text, start)
            if m:
                if pattern is _DAY_MONTH_YEAR and _DAY_SPAN.search(text, max(0, m.start() - 14), m.start()):
                    return _fmt(m.group("year"), m.group("month"))  # "from 2 to 4 September 2024": the month
                return _fmt(m.group("year"), m.group("month"), m.group("day"))
        m = _MONTH_YEAR.search(text, first_month.start())
        if m:
            return _fmt(m.group("year"), m.group("month"))
    m = _YEAR.search(text, first_year.start())
    return m.group("year") if m else None


def find_year(text: str) -> str | None:
    """The first four-digit year in ``text``."""
    m = _YEAR.search(text)
    return m.group("year") if m else None


# --- the date of one fact --------------------------------------------------------------------------------

#: a relative or subordinate clause set off by a comma: "Kazakhstan, which joined the WTO in 2015, signed …",
#: "Tokayev visited Samarkand, where he had studied in 1975", "…, while Kazakhstan signed … in 2022"; a participle's
#: ("Tokayev, born in 1953, met …", "Kazatomprom, founded in 1997, supplies …")
#: participles that tell of a body's founding, seat or listing, when they open a sentence: "Established by decree
#: in 2009, it is wholly owned by …" (the phrase's date is the founding's, and "it" the body's)
FOUNDING_PARTICIPLES: Final = (r"(?:Established|Founded|Created|Set\s+up|Formed|Registered|Incorporated|Listed|Headquartered|"
                               r"Based|Launched|Privati[sz]ed|Nationali[sz]ed)")
_RELATIVE_CLAUSE: Final = re.compile(r",\s+(?:which|who|whom|whose|where|while|whereas|having|born|founded|established|created|formed|"
                                     r"incorporated|set\s+up|launched|opened|elected|appointed|privati[sz]ed|nationali[sz]ed|"
                                     r"listed|first\s+(?:elected|appointed))\s[^,;:()]*(?:,|$)"
                                    r"|(?<=[a-z])\s+(?:who|whose)\s[^,;:()]*(?:,|$)"  # "the Chinese leader who visited …"
                                    # another event's time, a clause of its own: "… since the format was created in 2015"
                                    r"|\s(?:since|after|before|when|until|once)\s+(?:the|its|their|his|her|a|an)\s+"
                                    r"(?:[\w’'-]+\s+){0,4}?(?:was|were|had\s+been|has\s+been)\s+(?:[a-z]+(?:ed|en|wn)|shut|set|"
                                    r"put|cut|built|sold|held|made|led|won|bought|paid|sent|found|hit|run|left|lost)\b"
                                    r"[^,;:()]*(?:,|$)"
                                    # an earlier event before the clause: "After meeting Putin on 2 May, Tokayev visited …"
                                    r"|^\s*(?:After|Before|Since|Upon)\s+[a-z]+ing\s[^,;:()]*,"
                                    # a body's founding before the clause: "Established by decree in 2009, it is owned by …"
                                    r"|^\s*" + FOUNDING_PARTICIPLES + r"\s[^,;:()]*,")
#: a year in a name after "the": "the 2030 Agenda", "the 2023 Critical Raw Materials Act"
#: (not of a gathering's, which is held in that year: "met at the 2023 C5+1 Summit", "the 2024 SCO summit")
_YEAR_IN_NAME: Final = re.compile(r"(?=t)\bthe\s+(?:19|20)\d\d\s+(?=[A-Z])(?!(?:[\w+.’'–-]+\s+){0,5}?(?i:summit|forum|meeting|"
                                  r"conference|congress|session|games|expo|exhibition|visit|talks|dialogue|week)\b)")
#: a verb that another verb joins: "met with China in 2019 and signed …" (it ends the phrase of the fact before it,
#: for its date and for its objects)
#: a verb that may begin a clause of its own: a past tense, a present of a fact's verb, a copula
_CLAUSE_VERB: Final = (r"[a-z]+ed|met|made|held|took|gave|became|began|built|sold|bought|won|led|set|signs|meets|visits|"
                       r"invests|agrees|joins|opens|is|are|was|were")
NEXT_VERB: Final = re.compile(r",?\s(?:and|but)\s+(?:(?:then|later|also|subsequently|jointly)\s+)?(?=(?:" + _CLAUSE_VERB
                              # (a perfect or a copula too: "… is 75% owned by Samruk-Kazyna and has been listed … since its
                              # 2018 IPO", "… was listed in 2018 and is 75% owned by …")
                              + r"|(?:has|have|had)\s+(?:(?:also|since|now|already)\s+)?(?:been\s+)?[a-z]+(?:ed|en))\b)")


def explicit_date(text: str, start: int, end: int, t0: int, t1: int, lex, lead: tuple[int, int] | None = None,
                  starts: bool = False) -> str | None:
    """The date that the clause ``text[start:end]`` gives the fact whose verb stands at ``[t0, t1)``.

    A year of a relative clause the verb is not in dates another fact ("Kazakhstan, which joined the WTO in 2015,
    signed …" was not signed in 2015); a verb inside one takes that clause's date, or else one that heads the
    sentence before the relative clause ("In 2022 Kazakhstan, which hosted …"), not one of the main verb after it.
    A year that bounds a period ("until 2012", "by 2030"; ``bounds`` in ``lexicon/dates.yaml``) dates nothing.
    ``lead`` is the sentence's first clause when the fact's is a later one: its date dates the fact too when it
    heads the sentence ("6 November 2025 – summit in Washington; A and B sign …", "EU–Kazakhstan (7 November
    2022): memorandum … signed at COP27"). With ``starts``, for an event, a year that begins a period ("partners
    since 2022") dates nothing either.

    Examples
    --------
    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> s = "Kazakhstan, which joined the WTO in 2015, signed a memorandum with the EU in 2022."
    >>> explicit_date(s, 0, len(s), s.index("signed"), s.index(" a memo"), load_lexicon())
    '2022'
    >>> explicit_date(s, 0, len(s), s.index("joined"), s.index(" the WTO"), load_lexicon())
    '2015'
    >>> s = "Kazatomprom, which supplies uranium to China, reported a rise in output in 2023."
    >>> explicit_date(s, 0, len(s), s.index("supplies"), s.index(" uranium"), load_lexicon()) is None
    True
    >>> s = "Uzbekistan was a member of the organisation until 2012."
    >>> explicit_date(s, 0, len(s), s.index("member"), s.index(" of"), load_lexicon()) is None
    True
    """
    found = _clause_date(text[start:end], start, t0, t1, lex, starts) if names_year(text, start, end) else None
    if found is None and lead is not None and lead[1] <= start:
        head = text[lead[0]:lead[1]]
        if text.startswith(":", lead[1]) or _OPENS_WITH_DATE.match(head):
            found = _clause_date(head, lead[0], t0, t1, lex, starts)
    return found


#: a heading's date at the start of a line or list item: "6 November 2025 – …", "- **May 2024:** …"
_OPENS_WITH_DATE: Final = re.compile(r"[\s*•·(-]*(?:[0-3]?\d(?:st|nd|rd|th)?\s+" + MONTH_NAME + r"|" + MONTH_NAME
                                     + r"\.?\s+(?:[0-3]?\d|(?:19|20)\d\d)|(?:19|20)\d\d\b)")


def _clause_date(clause: str, start: int, t0: int, t1: int, lex, starts: bool = False) -> str | None:
    """:func:`explicit_date` within one clause, which begins at offset ``start`` of the text."""
    if not names_year(clause):
        return None
    blanked, relatives, rest, single, date = _prepared(clause, _compiled(lex), starts)
    for a, b in relatives:
        if start + a <= t0 and t1 <= start + b:  # the fact is the relative clause's own
            # or, without a date of its own, of a date that heads the sentence ("In 2022 Kazakhstan, which hosted the
            # summit, signed …"), not one the main verb's words give after it ("Kazatomprom, which supplies uranium
            # to China, reported a rise in output in 2023": no supply of 2023); nor one of a verb the clause joins
            # to the fact's ("…, which is 75% owned by Samruk-Kazyna and has been listed … since its 2018 IPO")
            relative, f0, f1 = blanked[a:b], t0 - start - a, t1 - start - a  # (the fact's span in the clause)
            joins = [m for m in NEXT_VERB.finditer(relative) if m.end() <= f0 or m.start() >= f1]
            if not joins:
                return find_date(relative) or find_date(rest[:a])
            own_start = max((m.end() for m in joins if m.end() <= f0), default=0)
            own_end = min((m.start() for m in joins if m.start() >= f1), default=len(relative))
            own = find_date(relative[own_start:own_end])
            return own if own is not None or find_date(relative) is not None else find_date(rest[:a])
    if single and date is not None and (", while " in blanked or ", whereas " in blanked or "; " in blanked):
        # "Kazakhstan and Kyrgyzstan belong to the EAEU, while Uzbekistan has held observer status since 2020": the
        # year is of the other clause (told apart before the relative clauses were left out, as one may open it)
        at = t0 - start
        contrasted = next((part for part in _CONTRASTED.finditer(blanked) if part.start() <= at < part.end()), None)
        return find_date(rest[contrasted.start():contrasted.end()]) if contrasted is not None else date
    return date if single else _nearest_date(rest, start, t0, t1)


#: the clauses of a sentence that a semicolon, or a comma and "while" or "whereas", set against each other
_CONTRASTED: Final = re.compile(r"(?:[^;,]|,(?!\s+(?:while|whereas)\s))+")


@lru_cache(maxsize=4096)
def _prepared(clause: str, compiled: RelativeDates,
              starts: bool) -> tuple[str, tuple[tuple[int, int], ...], str, bool, str | None]:
    """What :func:`_clause_date` reads of a clause, whatever its fact: the clause with the years that date nothing
    blanked, its relative clauses, the rest without them, whether the rest names one year at most, and then its
    date (remembered: each fact of a clause asks again; the key holds the compiled lexicon, not its pattern, as
    hashing a pattern hashes its whole program)."""
    blanked = compiled.blank_years(clause, starts)
    relatives: tuple[tuple[int, int], ...] = ()
    rest = blanked
    if _may_hold_clauses(blanked):
        relatives = tuple(m.span() for m in _RELATIVE_CLAUSE.finditer(blanked))
        if relatives:
            rest = _RELATIVE_CLAUSE.sub(_blank, blanked)
    single = _one_date(rest)
    return blanked, relatives, rest, single, find_date(rest) if single else None


def _one_date(clause: str) -> bool:
    """Whether ``clause`` names one date at most: one year, and one month name ("in September 2023 and … in November
    2023" names two)."""
    # (every year begins "19" or "20", and those two strings cannot overlap themselves or each other's start: a
    # clause with one of them at most names one year at most, with no search)
    if clause.count("19") + clause.count("20") > 1 and len(set(_YEAR.findall(clause))) > 1:
        return False
    return len(set(_ANY_MONTH.findall(clause))) < 2


#: where the phrase after a fact's object stops telling its date: a comma, or a comparison ("exported more in
#: 2023 than in 2022", "met in Astana as he had done in 2019")
#: (not the comma of a citation, "(Eurasianet, 2023)", nor one of a list, "on raw materials, batteries and …")
FACT_PHRASE_ENDS: Final = re.compile(r";|,(?![^()]*\))\s+(?=[A-Z]|(?:as|a|an|the|which|who|whose|where|while|whereas|when|"
                                     r"after|before|following|than|but|yet|although|though|having|including|modelled|"
                                     r"and\s+(?:a|an|the))\b)|\s(?:than|as|like|unlike|compared|whereas|while|when)\s")


#: a clause of another subject joined by "and": "…, and President Shavkat Mirziyoyev of Uzbekistan made a state visit
#: to Japan in December 2019" (capitalised words, "of" and more of them, then a verb)
_NEXT_SUBJECT: Final = re.compile(r",\s+and\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+){1,5}(?:of\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+){1,3})?"
                                  r"(?:(?:also|then|later)\s+)?(?:" + _CLAUSE_VERB + r"|has|have|had)\b")


def _nearest_date(clause: str, start: int, t0: int, t1: int) -> str | None:
    """The date of a clause; when it names two years, the first after the fact's words up to the next verb, comma
    or comparison, or else the last before them from the verb before, or from the clause's start when no verb is
    before ("met with China in 2019 and signed … with the EU in 2022": 2022 for the signing; "signed … with
    Kazakhstan in November 2022, and … with Uzbekistan in April 2024"; "In 2023 Kazakhstan exported more than in
    2022": 2023), or none.

    >>> s = "In 2023 Kazakhstan exported more uranium to China than in 2022."
    >>> _nearest_date(s, 0, s.index("exported"), s.index(" than"))
    '2023'
    """
    if _one_date(clause):
        return find_date(clause)
    after = clause[max(0, t1 - start):]
    ends = [m.start() for m in (NEXT_VERB.search(after), FACT_PHRASE_ENDS.search(after), _NEXT_SUBJECT.search(after))
            if m is not None]
    found = find_date(after[:min(ends)] if ends else after)
    if found is None:
        before = clause[:max(0, t0 - start)]
        joins = list(NEXT_VERB.finditer(before))
        found = find_date(before[joins[-1].end():] if joins else before)
    return found


def blank_other_years(text: str, lex, starts: bool = False) -> str:
    """``text`` with the years that date none of its facts blanked: those that bound a period ("until 2012", "by
    2030"), those of a name ("the 2030 Agenda"), and with ``starts`` those that begin one ("since 2022": a state
    that holds since then, no event of then).

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> blank_other_years("partners since 2022 until 2024, signed in 2025", load_lexicon(), starts=True).split()
    ['partners', ',', 'signed', 'in', '2025']
    """
    if not names_year(text):
        return text
    return _compiled(lex).blank_years(text, starts)


def dating_text(text: str, start: int, end: int, t0: int, t1: int, lex, starts: bool = False) -> str:
    """``text[start:end]`` as it may date what is told at ``[t0, t1)``: without the relative clauses that do not
    hold it, and without the years :func:`blank_other_years` blanks.

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> s = "At the second summit, Tokayev met Xi Jinping, who first visited Astana in 2013."
    >>> years_in(dating_text(s, 0, len(s), 7, 24, load_lexicon()))
    set()
    """
    clause = blank_other_years(text[start:end], lex, starts)
    if not _may_hold_clauses(clause):
        return clause
    return _RELATIVE_CLAUSE.sub(lambda m: m.group() if start + m.start() <= t0 and t1 <= start + m.end()
                                else _blank(m), clause)


def relative_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the relative and subordinate clauses in ``text[start:end]``: set off by a comma (", which …,",
    ", where …", ", while …"), or another event's time ("since the format was created in 2015")."""
    if not _may_hold_clauses(text[start:end]):
        return []
    return [(start + m.start(), start + m.end()) for m in _RELATIVE_CLAUSE.finditer(text[start:end])]


def _may_hold_clauses(text: str) -> bool:
    """Whether ``text`` has what each of :data:`_RELATIVE_CLAUSE`'s clauses needs: a comma, "who", or a word of
    time before another event's clause (most sentences have a comma: the other tests are for those without)."""
    return ", " in text or " who" in text or any(word in text for word in _TIME_WORDS)


_TIME_WORDS: Final = (" since ", " after ", " before ", " when ", " until ", " once ")


def blank_spans(text: str, spans) -> str:
    """``text`` with ``spans`` (sorted, apart) blanked: the same length, so the same offsets.

    >>> blank_spans("Tokayev, who met Putin on 2 May, said", [(7, 32)])
    'Tokayev                          said'
    """
    pieces, at = [], 0
    for a, b in spans:
        pieces += [text[at:a], " " * (b - a)]
        at = b
    return "".join(pieces) + text[at:]


def years_in(text: str) -> set[str]:
    """The years (not decades, ranges or quantities) that ``text`` names."""
    return set(_YEAR.findall(text))


def _blank(m: re.Match) -> str:
    """As many spaces as the match has characters: the words around it stay apart and no new date is made."""
    return " " * (m.end() - m.start())


# --- dates relative to the document's date ------------------------------------------------------------

_NOT_A_DATE_AFTER: Final = re.compile(r"(?:’|')s\b|\s+ago\b")
_DOC_DATE: Final = re.compile(r"(?P<y>(?:19|20)\d\d)(?:-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?)?")
_FULL_MONTH: Final = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)")


class RelativeDates:
    """The lexicon's expressions that date a sentence by its document's date (``lexicon/dates.yaml``), compiled."""

    def __init__(self, lex) -> None:
        config = lex.dates or {}
        not_after = [str(w) for w in config.get("not_after") or []]
        guard = "".join(rf"(?<!\b{re.escape(w)}\s)" for w in not_after)
        self.rules: list[tuple[re.Pattern, str, int]] = []
        every_phrase: list[str] = []
        for item in config.get("relative") or []:
            phrases = sorted((str(p) for p in item.get("phrases") or []), key=len, reverse=True)
            if phrases and item.get("unit") in ("day", "week", "weekday", "month", "year"):
                every_phrase += phrases
                # the guard's look-behinds are tried only where a phrase may begin (at a word's start, with one of
                # the phrases' first letters): tried at every position, they made each search ten times as slow
                pattern = re.compile(_word_start(phrases) + guard + r"\b(?:" + "|".join(re.escape(p) for p in phrases)
                                     + r")\b", re.IGNORECASE)
                self.rules.append((pattern, str(item["unit"]), int(item.get("back") or 0)))
        # what each rule's match contains, one of its phrases: a sentence with none is not searched rule by rule
        every_phrase.sort(key=len, reverse=True)
        #: a token of every sentence that has a phrase, whatever its case ("year" of "this year": phrase_tokens)
        self.phrase_words: frozenset[str] | None = phrase_tokens(every_phrase)
        self.any_phrase = gated_pattern(r"\b(?:" + "|".join(map(re.escape, every_phrase)) + r")\b",
                                        re.IGNORECASE) if every_phrase else None
        prepositions = [str(w) for w in config.get("month_prepositions") or []]
        before = r"\b(?P<prep>" + "|".join(re.escape(w) for w in prepositions) + r")\s+" if prepositions else r"(?!)"
        # "on 16 September", "on September 16", "in April", or a dateline's "ASTANA, 28 February": after a preposition,
        # a comma or a line's start ("May" is a verb too; "the September 11 attacks" are no date of the sentence)
        self.month = re.compile(
            r"(?:(?i:" + before + r")|(?<=,\s)|^\s*)(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>" + _FULL_MONTH
            + r")\b|(?P<month2>" + _FULL_MONTH + r")\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*%)|(?P<month3>"
            + _FULL_MONTH + r")\b)", re.M)
        # "until 2012", "by the end of 2030", "between 2015 and 2020": a year (or a day, or month) that bounds a period
        bounds, starts = _period_pattern(config.get("bounds")), _period_pattern(config.get("starts"))
        # the years that date no fact (see blank_other_years), in one pattern each, for facts and for events
        self.not_years = _any_of([bounds, _YEAR_IN_NAME])
        self.not_event_years = _any_of([bounds, starts, _YEAR_IN_NAME])
        # what a year these blank has among the words before it: a bound's last word ("until", "than" of "no later
        # than") or "the" (see blank_years)
        last_words = {str(w).split()[-1].lower() for w in config.get("bounds") or [] if str(w).split()} | {"the"}
        self.bounding_words = tuple(sorted(last_words))
        self.event_bounding_words = tuple(sorted(last_words | {str(w).split()[-1].lower()
                                                               for w in config.get("starts") or [] if str(w).split()}))
        future = [str(w) for w in config.get("future") or []]
        self.future = re.compile(_word_start(future) + r"(?:" + "|".join(re.escape(w) for w in future) + r")\b",
                                 re.IGNORECASE) if future else None
        # "cut its 2025 production guidance": a year that names what a plan or forecast is for (the year opens the
        # pattern, so that the search skips ahead to its first digit)
        planned = sorted((str(w) for w in config.get("planned_for") or []), key=len, reverse=True)
        self.planned_for = tuple(w.lower() for w in planned)
        self.planned: re.Pattern | None = re.compile(
            r"(?:1(?<![\d/.–-]1)9|2(?<![\d/.–-]2)0)\d\d(?:\s+[A-Za-z][\w-]*){0,2}?\s+(?i:"
            + "|".join(map(re.escape, planned)) + r")\b") if planned else None

    def blank_years(self, text: str, starts: bool = False) -> str:
        """``text`` with the years that date nothing blanked (``not_years``, with ``starts`` ``not_event_years``, and
        then ``planned``).

        A year these blank has one of ``bounding_words`` ending one of the seven words before it: a bound's last word
        or "the", then at most six words of a date ("by the end of 12 March, 2030"). A text without one, as most
        clauses, is left as it is without a search (a search tries the patterns at every word); and a year of a plan
        has one of ``planned_for`` opening one of the three words after it. Ignoring case, the patterns match "İ",
        "ı", "K" and "ſ" to ASCII letters, which ``str.lower`` does not: a text with one of them is searched.
        """
        ends = self.event_bounding_words if starts else self.bounding_words
        bounded = planned = True
        if text.isascii() or not any(c in text for c in CASE_VARIANT_CHARACTERS):
            # (a plan's year has one of the nouns opening one of the three words after it)
            bounded, planned = False, self.planned is None
            for year in _ANY_YEAR.finditer(text):
                bounded = bounded or any(word.lower().endswith(ends) for word in text[:year.start()].rsplit(None, 7)[-7:])
                planned = planned or any(word.lower().startswith(self.planned_for)
                                         for word in text[year.end():].split(None, 3)[:3])
                if bounded and planned:
                    break
        blanked = (self.not_event_years if starts else self.not_years).sub(_blank, text) if bounded else text
        return self.planned.sub(_blank, blanked) if planned and self.planned is not None else blanked


def _word_start(words: list[str]) -> str:
    """A pattern's opening that only passes where one of ``words`` may begin: a word boundary and a lookahead for
    their first characters (in a pattern that ignores case, either case). Most positions of a text fail it at once."""
    return r"\b(?=[" + re.escape("".join(sorted({w[0] for w in words if w}))) + "])"


def _any_of(patterns: list[re.Pattern | None]) -> re.Pattern:
    """One pattern that matches where any of ``patterns`` does.

    When each pattern opens with a lookahead for its first letters and a word boundary (``(?=[Bb…])\\b``, with
    lookbehinds between them or not), those two tests are made once, before the alternatives, for the union of the
    letters: most positions of a text are passed over after them, without entering the alternatives (2.4 times as
    fast over a sentence; each alternative keeps its own tests, so the matches are the same).
    """
    sources = [p.pattern for p in patterns if p is not None]
    heads = [_WORD_START_LETTERS.match(s) for s in sources]
    if not sources or not all(heads):
        return re.compile("|".join(f"(?:{s})" for s in sources))
    letters = sorted({c for h in heads if h is not None for c in h.group("one") or h.group("set")})
    return re.compile(r"\b(?=[" + "".join(letters) + "])(?:" + "|".join(f"(?:{s})" for s in sources) + ")")


#: how a pattern that matches only at a word's start with one of a few letters opens: "(?=t)\b", "(?=[ABab])(?<!…)\b"
_WORD_START_LETTERS: Final = re.compile(r"\(\?=(?:(?P<one>[A-Za-z])|\[(?P<set>[A-Za-z]+)\])\)(?:\(\?<![^()]*\))*\\b")


def _period_pattern(words) -> re.Pattern | None:
    """A date after one of ``words``: "until 2012", "by the end of 2030", "between 2015 and 2020"."""
    words = sorted((str(w) for w in words or []), key=len, reverse=True)
    if not words:
        return None
    # (not "to" in a span of days: "from 2 to 4 September 2024"; but a section's number is none: "2.1 Until 2021 …").
    # The lookahead for the words' first letters, in either case, lets the engine pass over most positions at once
    # (2.5x faster over a sentence), matching the same.
    first = "".join(sorted({c for w in words for c in (w[:1].lower(), w[:1].upper()) if c}))
    return re.compile(
        r"(?=[" + re.escape(first) + r"])(?<![^\w.]\d\s)(?<![^\w.][0-3]\d\s)(?<!^\d\s)(?<!^[0-3]\d\s)\b(?i:" + phrase_alternation(words) + r")\s+"
        r"(?:(?i:the\s+)?(?i:end|start|beginning|middle|close|turn)\s+of\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?\s+)?"
        r"(?:" + MONTH_NAME + r"\.?\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d(?!\d)"
        r"(?:\s*(?:and|to|–|-)\s*(?:19|20)\d\d(?!\d))?")


#: a news item's dateline at the start of its text: place (and agency), a comma, a day and a month, maybe a year,
#: and a dash: "ASTANA, May 8 (Reuters) -", "MANILA, 8 May 2024 —", "BISHKEK, Jan 22 -", "XI'AN, China, May 19 -"
_DATELINE: Final = re.compile(r"[ \t]*[A-Z][A-Z .'’/-]{1,40}(?:,\s+[A-Z][\w .'’-]{1,30}?)?(?:\s*\([^()\n]{1,30}\))?,\s+(?:(?P<d1>[0-3]?\d)\s+(?P<m1>"
                              + MONTH_NAME + r")|(?P<m2>" + MONTH_NAME + r")\.?\s+(?P<d2>[0-3]?\d))(?:,?\s+(?P<y>(?:19|20)\d\d))?"
                              r"(?:\s*\([^()\n]{1,30}\))?\s*(?:--|[-–—])\s")
#: a place in any case and its full date ("Sharm el-Sheikh, 7 November 2022", "Astana, November 7, 2022")
_PLACE_AND_FULL_DATE: Final = (r"[A-Z][\w.'’-]*(?:[ -][\w.'’]+){0,3},[ \t]+(?:(?P<d1>[0-3]?\d)\s+(?P<m1>" + MONTH_NAME
                               + r")|(?P<m2>" + MONTH_NAME + r")\.?\s+(?P<d2>[0-3]?\d),?)\s+(?P<y>(?:19|20)\d\d)")
#: that, alone on its line or before a dash: "Sharm el-Sheikh, 7 November 2022", "Astana, 19 January 2024 — KAZ
#: Minerals today reports …"
_DATELINE_FULL: Final = re.compile(r"[ \t]*" + _PLACE_AND_FULL_DATE + r"(?:[ \t]*(?:--|[-–—])\s|[ \t]*(?:\n|$))")
#: that, ending a title line after a comma, a dash or the title's full stop (and with one of its own, perhaps): "Speech
#: by President Tokayev at the summit, Berlin, 29 September 2023", "PRESS RELEASE — Paris, 7 May 2024",
#: "Russian-Uzbek talks. Tashkent, 27 May 2024."
_DATELINE_TAIL: Final = re.compile(r"(?:[,.]|[ \t](?:--|[-–—]))[ \t]+" + _PLACE_AND_FULL_DATE + r"\.?[ \t]*(?=\n|$)")
#: how many lines at the start of a text may hold its dateline (a title may come first)
_DATELINE_LINES: Final = 3


def dateline_date(text: str, doc_date: str | None) -> str | None:
    """The date a news item's dateline gives, as ``YYYY-MM-DD``: what its relative dates ("on Monday", "last
    month") count from, rather than the date the document was published or filed under. Without a year, the
    dateline's day is the last such day up to the document's date (``None`` when the document has none either).
    It opens one of the text's first lines (after a title): a city in capitals and a day ("ASTANA, May 8
    (Reuters) -"), or a place in any case and a full date, alone on its line or before a dash.

    Examples
    --------
    >>> dateline_date("BISHKEK, Jan 22 - Japarov paid a state visit to Turkmenistan on Monday.", "2024-05-10")
    '2024-01-22'
    >>> dateline_date("MANILA, 8 May 2024 — The Asian Development Bank approved a grant.", None)
    '2024-05-08'
    >>> dateline_date("ASTANA, Dec 30 (Reuters) - Kazatomprom said …", "2025-01-02")
    '2024-12-30'
    >>> dateline_date("Kazakhstan, May 8 - not a dateline", "2024-05-10") is None
    True
    >>> dateline_date("Sharm el-Sheikh, 7 November 2022\\n\\nEU and Kazakhstan launch a partnership", "2024-05-10")
    '2022-11-07'
    >>> dateline_date("KAZ Minerals reports results\\n\\nAstana, 19 January 2024 — KAZ Minerals today reports …", None)
    '2024-01-19'
    >>> dateline_date("SEOUL, Nov 8 (Yonhap) -- KOMIR signed a memorandum on Wednesday.", "2024-05-10")
    '2023-11-08'
    >>> dateline_date("Speech by President Tokayev at the summit, Berlin, 29 September 2023\\n\\nLast year we …", None)
    '2023-09-29'
    >>> dateline_date("PRESS RELEASE — Paris, 7 May 2024\\n\\nOrano and Kazatomprom today announced …", "2024-05-10")
    '2024-05-07'
    >>> dateline_date("Russian-Uzbek talks. Tashkent, 27 May 2024.\\nPutin held talks with Mirziyoyev.", "2024-05-10")
    '2024-05-27'
    """
    found = None
    at, lines = 0, 0
    while found is None and lines < _DATELINE_LINES and at < len(text):
        while at < len(text) and text[at] in " \t\n":
            at += 1  # (the blank lines before a line count for nothing)
        line_end = text.find("\n", at)
        line_end = len(text) if line_end == -1 else line_end
        found = _DATELINE.match(text, at) or _DATELINE_FULL.match(text, at) or _DATELINE_TAIL.search(text, at, line_end)
        lines += 1
        at = line_end + 1
    if found is None:
        return None
    month = MONTHS[(found.group("m1") or found.group("m2")).lower()]
    day = int(found.group("d1") or found.group("d2"))
    if found.group("y"):
        date = _calendar_date(int(found.group("y")), month, day)
        return date.isoformat() if date else None
    doc = _DOC_DATE.match(doc_date or "")
    if doc is None:
        return None
    year = int(doc.group("y"))
    if (month, day) > (int(doc.group("m") or 12), int(doc.group("d") or 31)):
        year -= 1  # a dateline after the document's date is of the year before
    date = _calendar_date(year, month, day)
    return date.isoformat() if date else None


def dated_by_document(text: str, start: int, end: int, doc_date: str | None, lex, phrases: bool = True) -> str | None:
    """The date of the sentence ``text[start:end]`` that its words give relative to the document's date.

    For a sentence with no year of its own: "signed today", "last month", "In April the EU signed …" (see
    ``lexicon/dates.yaml``). ``None`` when the document has no date, the sentence names a year, the last year its
    paragraph names before it is not the document's (:func:`of_document_year`), or two expressions disagree.
    ``phrases`` False says that the sentence has none of :func:`relative_phrase_words` among its tokens (the
    caller looked them up): its relative phrases are not looked for, its months are.

    Examples
    --------
    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> lex = load_lexicon()
    >>> s = "The EU signed another memorandum with Uzbekistan last month."
    >>> dated_by_document(s, 0, len(s), "2024-05-14", lex)
    '2024-04'
    >>> s = "In April the European Union signed a memorandum with Uzbekistan."
    >>> dated_by_document(s, 0, len(s), "2024-10", lex), dated_by_document(s, 0, len(s), "2024-02", lex)
    ('2024-04', None)
    """
    if not doc_date:
        return None
    doc = _DOC_DATE.match(doc_date)
    if doc is None:
        return None
    sentence = text[start:end]
    if names_year(sentence):
        return None
    year = int(doc.group("y"))
    month = int(doc.group("m")) if doc.group("m") else None
    day = int(doc.group("d")) if doc.group("d") else None
    relative = _relative(sentence, year, month, day, _compiled(lex), phrases)
    if relative is not None and len(relative) == 2 and doc_date in relative:
        # "LONDON, May 10 (Reuters) - Cameron last month toured …": the dateline is the day "last month" counts
        # from, not a second date of the fact
        relative.discard(doc_date)
    # (the paragraph is read last: most sentences without a year have no expression either)
    if relative is None or len(relative) != 1 or not of_document_year(text, start, doc_date):
        return None
    return relative.pop() or None


#: where a clause ends or begins: punctuation, or a word that opens a relative or subordinate clause ("… with the
#: EU that builds on talks held last month")
_CLAUSE_BORDER: Final = re.compile(r"[,;:]|\s(?:that|which|who|whom|whose|when|where|after|following|building on|follows|"
                                   r"followed|before|ahead of|despite|amid)\s")


def clause_end(text: str, start: int, end: int) -> int:
    """Where the clause that goes on at ``start`` ends (at most ``end``).

    >>> s = "The EU signed a memorandum that builds on talks held last month."
    >>> s[:clause_end(s, 4, len(s))]
    'The EU signed a memorandum'
    """
    found = _CLAUSE_BORDER.search(text, start, end)
    return found.start() if found else end


def clause_start(text: str, start: int, end: int) -> int:
    """Where the clause that holds position ``end`` begins (at least ``start``)."""
    last = start
    for found in _CLAUSE_BORDER.finditer(text, start, end):
        last = found.end()
    return last


#: right before an event's words: a preposition that makes the event the point another time is counted from ("six
#: months after Macron's visit", "following Xi's state visit", "ahead of the summit"), with its count, if any
COUNTED_FROM: Final = re.compile(r"(?:\b(?P<count>(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                                 r"twelve)|\d{1,2})\s+(?P<unit>day|week|month|year)s?\s+)?\b(?P<way>(?i:after|before|since|"
                                 r"following|ahead\s+of))\s+(?:[\w’'.-]+\s+){0,5}$")
#: the ways of :data:`COUNTED_FROM` that count back from a later time: the event came first
COUNTED_BACK: Final = frozenset({"after", "since", "following"})
_COUNTS: Final = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}


def year_counted_back(anchor: re.Match, doc_date: str | None) -> str | None:
    """The year of an event that a match of :data:`COUNTED_FROM` counts the document's date from ("six months after
    Macron's visit", in a text of 8 May 2024: the visit was in 2023), when that year is sure even if the count is
    a month (a week, for days and weeks) out either way. None for "before" or a count-less "after", and without a
    document's month.

    >>> m = COUNTED_FROM.search("PARIS, May 8 — Six months after ")
    >>> year_counted_back(m, "2024-05-08"), year_counted_back(m, "2024-07-08"), year_counted_back(m, "2024")
    ('2023', None, None)
    """
    doc = _DOC_DATE.match(doc_date or "")
    count = anchor.group("count")
    if doc is None or doc.group("m") is None or count is None or anchor.group("way").lower() not in COUNTED_BACK:
        return None
    n = int(count) if count.isdigit() else _COUNTS.get(count.lower(), 1)
    unit = anchor.group("unit")
    year, month = int(doc.group("y")), int(doc.group("m"))
    if unit in ("year", "month"):
        back = n * 12 if unit == "year" else n
        first, last = year * 12 + month - 1 - back - 1, year * 12 + month - 1 - back + 1
        return str(first // 12) if first // 12 == last // 12 else None
    day = _calendar_date(year, month, int(doc.group("d") or 15))
    if day is None:
        return None
    back_days = n * 7 if unit == "week" else n
    first_day, last_day = (day - datetime.timedelta(days=back_days + 7), day - datetime.timedelta(days=back_days - 7))
    return str(first_day.year) if first_day.year == last_day.year else None


def last_told_year(text: str, start: int, end: int) -> str | None:
    """The last year ``text[start:end]`` names for its story: not that of a body's founding ("Manara Minerals, …,
    which was set up in 2023 to buy stakes abroad. Delegations attended the forum in January": the story's year is
    not 2023).

    >>> last_told_year("In 2022 the EU signed. Manara, which was set up in 2023, met.", 0, 60)
    '2022'
    """
    for year in reversed(list(_YEAR.finditer(text, start, end))):
        if _FOUNDING_BEFORE.search(text, max(start, year.start() - 60), year.start()) is None:
            return year.group()
    return None


def of_document_year(text: str, start: int, doc_date: str | None) -> bool:
    """Whether a sentence starting at ``start`` may take its document's year: the document has a date, and the
    last year that its paragraph names before it, if any, is the document's (a sentence after "In 2022 the EU
    signed …" in a text of 2024 is not of 2024; one after "In April 2025 …" in a text of 2025 is); with no year
    there, no day the paragraph names before it falls later in the year than the document's.

    >>> of_document_year("In 2022 the EU signed. It met again.", 23, "2024-05"), of_document_year("It met.", 0, "2024")
    (False, True)
    >>> of_document_year("On 2 November, they met. They signed.", 25, "2024-05-10")
    False
    """
    doc = _DOC_DATE.match(doc_date or "")
    if doc is None:
        return False
    paragraph = text.rfind("\n", 0, start) + 1
    year = last_told_year(text, paragraph, start)
    if year is not None:
        return year == doc.group("y")
    if doc.group("d") is not None and text.find(" ", paragraph, start) != -1:
        # "On 2 November, Macron travelled to Samarkand. The two leaders signed …" in a text of 10 May: a day later
        # in the year than the document's is of a year before
        for day in _DAY_MONTH.finditer(text, paragraph, start):
            month = MONTHS[(day.group("m1") or day.group("m2")).lower()]
            if (month, int(day.group("d1") or day.group("d2"))) > (int(doc.group("m")), int(doc.group("d"))):
                return False
    return True


#: before a year: a relative clause or participle that tells when a body was made ("…, which was set up in 2023",
#: "…, founded in 1997")
_FOUNDING_BEFORE: Final = re.compile(r"(?:,\s+(?:which|who)\s+(?:was\s+|were\s+)?)?\b(?:founded|established|created|set\s+up|"
                                     r"incorporated|launched|formed)\s+in\s+$")
#: a day and month without a year ("2 November", "November 2")
_DAY_MONTH: Final = re.compile(r"\b(?:(?P<d1>[0-3]?\d)\s+(?P<m1>" + MONTH_NAME + r")|(?P<m2>" + MONTH_NAME
                               + r")\.?\s+(?P<d2>[0-3]?\d))\b(?!,?\s+(?:19|20)\d\d)")


def speaks_of_future(sentence: str, lex) -> bool:
    """Whether a sentence has one of the lexicon's words for what is to come ("will", "plans", "next"; ``future`` in
    ``lexicon/dates.yaml``).

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> speaks_of_future("Leaders agreed to hold a summit next year.", load_lexicon())
    True
    """
    future = _compiled(lex).future
    return future is not None and future.search(sentence) is not None


def names_relative_date(text: str, start: int, end: int, lex) -> bool:
    """Whether ``text[start:end]`` has one of the relative expressions of ``lexicon/dates.yaml`` ("last week"),
    whether or not it works out to a date.

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> names_relative_date("Tokayev told Reuters last week", 0, 30, load_lexicon())
    True
    """
    phrases = _compiled(lex).any_phrase
    return phrases is not None and phrases.search(text[start:end].lower()) is not None


def relative_phrase_words(lex) -> frozenset[str] | None:
    """The words of the lexicon's relative phrases ("last month", "on Monday"), one per phrase, lower-cased: a
    sentence none of whose tokens is one of them, in any case, has no relative phrase (None: no such words)."""
    return _compiled(lex).phrase_words


def _compiled(lex) -> RelativeDates:
    from crmgraph.extract.gazetteer import derived

    return derived(lex, RelativeDates)


def _relative(sentence: str, year: int, month: int | None, day: int | None, rules: RelativeDates,
              phrases: bool = True) -> set[str] | None:
    """The dates the sentence's expressions give ("" for one that cannot be worked out); ``None`` if it has none
    (its relative phrases not looked for without ``phrases``)."""
    found: set[str] = set()
    future: bool | None = None  # whether the sentence speaks of what is to come, looked up when it matters
    if phrases and rules.any_phrase is not None:
        lowered = sentence.lower()
        for pattern, unit, back in (rules.rules if rules.any_phrase.search(lowered) else ()):
            for m in pattern.finditer(lowered):
                if _NOT_A_DATE_AFTER.match(lowered, m.end()):
                    continue  # "last year's drought" names a thing, "ten years ago this month" counts from elsewhere
                if unit == "weekday":
                    if future is None:
                        future = rules.future is not None and rules.future.search(sentence) is not None
                    # "met on Monday": the Monday before; "will meet on Friday": this week's or the next
                    found.add(_counted("week", 0, year, month, day) if future
                              else _last_weekday(m.group().rsplit(None, 1)[-1], year, month, day))
                else:
                    found.add(_counted(unit, back, year, month, day))
    for m in (rules.month.finditer(sentence) if _ANY_MONTH.search(sentence) else ()):  # (a month's name has one)
        if future is None:
            future = rules.future is not None and rules.future.search(sentence) is not None
        name = m.group("month") or m.group("month2") or m.group("month3")
        number = MONTHS[name.lower()]
        day_text = m.group("day") or m.group("day2")
        named_day = int(day_text) if day_text else None
        if named_day is not None and _calendar_date(year, number, named_day) is None:
            found.add("")  # "30 February"
            continue
        if month is None or future:
            found.add("")  # "will sign in April": this year's April or next year's
        elif (m.group("prep") or "").lower() == "last":
            found.add(f"{year if number < month else year - 1}-{number:02d}")
        elif (number, named_day or 0) <= (month, day or 31):
            found.add(f"{year}-{number:02d}-{named_day:02d}" if named_day else f"{year}-{number:02d}")
        else:
            found.add("")  # later in the year than the document: last year's, or a plan, the text does not say
    return found or None


def _calendar_date(year: int, month: int, day: int) -> datetime.date | None:
    """The day, or None when there is no such day ("30 February")."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


_WEEKDAYS: Final = {name: number for number, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}


def _last_weekday(name: str, year: int, month: int | None, day: int | None) -> str:
    """The last day called ``name`` ("wednesday") on or before the document's date ("" without its day, or for
    a word that is no day of the week)."""
    doc = _calendar_date(year, month, day) if month is not None and day is not None else None
    number = _WEEKDAYS.get(name)
    if doc is None or number is None:
        return ""
    return (doc - datetime.timedelta(days=(doc.weekday() - number) % 7)).isoformat()


def _counted(unit: str, back: int, year: int, month: int | None, day: int | None) -> str:
    if unit == "year":
        return str(year - back)
    if month is None:
        return ""
    if unit == "month":
        y, m = divmod(year * 12 + (month - 1) - back, 12)
        return f"{y}-{m + 1:02d}"
    doc = _calendar_date(year, month, day) if day is not None else None
    if doc is None:
        return ""
    if unit == "day":
        return (doc - datetime.timedelta(days=back)).isoformat()
    # "this week", "on Monday": within six days either way; "last week": the thirteen days before
    first, last = doc - datetime.timedelta(days=6 + 7 * back), doc + datetime.timedelta(days=6 - 7 * back)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year}-{first.month:02d}"
    return str(first.year) if first.year == last.year else ""
