"""Office holding from titles: ``Prime Minister of Kazakhstan Alikhan Smailov``, ``German Chancellor Olaf Scholz``,
``Uzbekistan's President Shavkat Mirziyoyev``, ``Kassym-Jomart Tokayev, the President of Kazakhstan``.

A title names an office of the state or organisation written before it (by name,
demonym or possessive) or after it (``of …``). The office is the gazetteer's when
it has one for that title there; otherwise it gets the id ``<title>-of-<state>``.
When the text gives no state, the office is taken from the gazetteer's record of the
person's offices, with a lower confidence and a review flag.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final, Iterator

from crmgraph.corpus import SentenceAt
from crmgraph.extract.dates import FACT_PHRASE_ENDS, blank_spans, find_date, names_year, relative_clauses
from crmgraph.extract.gazetteer import GROUPS, derived, slugify
from crmgraph.extract.proposal import Proposal
from crmgraph.extract.recognise import (POSSESSIVE_GAPS, Mention, Recognition, add_person, person_pattern,
                                       reporting_verbs, title_head, token_list)

_PERSON_TYPES: Final = GROUPS["person"]
HOLDER_TYPES: Final = {"State", "Region", "IntergovernmentalOrganisation", "GovernmentBody", "FinancialInstitution",
                       "DiplomaticFormat", "Company", "ResearchInstitute"}


_OF: Final = re.compile(r"\s+of\s+(?:the\s+)?")
_COMMA_SPACE: Final = re.compile(r",?\s")
#: a minister's portfolio: "of Mining Industry and Geology", "for Trade" (capitalised words joined by "and"), ending
#: where the title does (at punctuation, or before "of <holder>"): not "of Digital Development Bagdat Musin said"
_PORTFOLIO: Final = re.compile(r"\s(?:of|for)\s((?:[A-Z][\w’'-]*)(?:\s(?:and\s|&\s)?[A-Z][\w’'-]*){0,5})"
                               r"(?=\s*[,.;:)\n–—]|\s+(?:of|in|at)\s|$)")
#: what ends an apposition without an article ("Ursula von der Leyen, President of the European Commission, said")
_OFFICE_CLOSED: Final = re.compile(r"\s*(?:[,.;:)\]–—]|\band\b|$)|\s+(?:for|of|on)\s", re.M)  # "… of the Union for Foreign Affairs"
#: between a person and an office the person holds: "is (the)", ", who is", "became", "serves as" (not "former")
_COPULA: Final = re.compile(r"(?:,\s+who)?\s+(?:is|was|has\s+been|became|becomes|remains|serves\s+as|served\s+as|took\s+office\s+as|"
                           r"(?:was|has\s+been)\s+(?:appointed|named|elected|re-elected|sworn\s+in\s+as))\s+(?:the\s+)?(?:new\s+)?$")
_APPOSITIVE: Final = re.compile(r",\s(?:(?:the|a)\s)?$")  # "Tokayev, the President of …" and, in lists, "…, President of …"


def _title_pattern(titles) -> re.Pattern:
    r"""The titles as one pattern, longest first, not inside a word: ``(?<![\w-])(?:President|…)(?![\w-])``.

    Each title's first character comes before the look-behind (``P(?<![\w-].)resident``), which then looks at the
    character before the title just the same: so every alternative begins with a literal, and the regular
    expression engine skips to the positions where one of those characters occurs instead of trying the
    look-behind at every position (3x faster; a test checks that the matches are those of the plain pattern).
    The titles are grouped by their first character (``P(?<![\w-].)(?:rime\ Minister|resident)``), each group
    in the order of the whole, the longest first: at a capital, the engine passes over the other groups at a
    glance, not over each of their titles. Compiled once per set of titles.
    """
    return derived(titles, _compile_titles)


def _compile_titles(titles) -> re.Pattern:
    ordered = sorted(titles, key=len, reverse=True)
    if ordered and all(ordered):
        rests: dict[str, list[str]] = {}
        for title in ordered:
            rests.setdefault(title[0], []).append(re.escape(title[1:]))
        alternatives = "|".join(re.escape(first) + r"(?<![\w-].)(?:" + "|".join(group) + ")"
                                for first, group in rests.items())
        pattern = re.compile(rf"(?:{alternatives})(?![\w-])", re.DOTALL)
    else:  # no titles, or an empty one: the plain pattern
        alternatives = "|".join(re.escape(t) for t in ordered)
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    return pattern


_PORTFOLIO_OPENS: Final = re.compile(r"\s(?:of|for|and|&)\s(?=[A-Z])")  # ("Minister of Industry" and "Construction")
_PORTFOLIO_GOES_ON: Final = re.compile(r"\s(?:(?:and|&)\s)?(?=[A-Z])")
_CAPITALISED: Final = re.compile(r"[A-Z][\w’'-]*")


def _title_heads(titles) -> frozenset[str]:
    """The head words of the titles (:func:`~crmgraph.extract.recognise.title_head`)."""
    return frozenset(title_head(t) for t in titles if t.split())


def _portfolio_before_person(text: str, position: int, by_start: dict[int, Mention], heads: frozenset[str]) -> int | None:
    """Where a portfolio of capitalised words after ``position`` ends right before a recognised person ("of Mining
    Industry and Geology Bobir Islamov"), or None."""
    gap = _PORTFOLIO_OPENS.match(text, position)
    for _ in range(6):
        word = _CAPITALISED.match(text, gap.end()) if gap is not None else None
        if word is None or word.start() in by_start or word.group() in heads:
            # a name is no portfolio ("Prime Minister of Japan Fumio Kishida" is Japan's), nor another title
            # ("Deputy Prime Minister and Foreign Minister Murat Nurtleu" holds two offices)
            return None
        person = by_start.get(word.end() + 1)
        if text.startswith(" ", word.end()) and person is not None and person.type in _PERSON_TYPES:
            return word.end()
        gap = _PORTFOLIO_GOES_ON.match(text, word.end())
    return None


def find_offices(rec: Recognition, sentence_at: SentenceAt) -> list[Proposal]:
    """Propose holdsOffice and officeIn facts for every title followed or preceded by a person."""
    text, gaz, lex = rec.text, rec.gaz, rec.lex
    if not lex.titles:
        return []
    pattern = _title_pattern(lex.titles)
    by_start: dict[int, Mention] = {}
    by_end: dict[int, Mention] = {}
    for m in rec.mentions:
        if m.kind in ("backref", "pair", "definition") or m.nested:
            continue
        by_start.setdefault(m.start, m)
        by_end.setdefault(m.end, m)
    proposals: list[Proposal] = []
    modifiers: list[Mention] = []
    titled: list[_Titled] = []  # every title with its person, for "the Foreign Secretary said" later on
    references: list[tuple[int, int, str, Mention | None]] = []
    for match in pattern.finditer(text):
        title = match.group()
        title_start, position = match.start(), match.end()
        holder: Mention | None = None
        span_start = title_start
        # the holder before the title: "German Chancellor", "Uzbekistan’s President", "European Commission Executive …"
        for gap in (" ", *POSSESSIVE_GAPS):
            before = by_end.get(title_start - len(gap))
            if before is not None and text[before.end:title_start] == gap and before.type in HOLDER_TYPES:
                holder, span_start = before, before.start
                break
        # the portfolio after the title: "Uzbekistan’s Minister of Mining Industry and Geology" (capitalised words
        # that name nothing the text knows; "of the European Commission" and "of Kazakhstan" are holders)
        portfolio = _PORTFOLIO.match(text, position)
        if portfolio is not None and portfolio.start(1) not in by_start and not rec.overlapping(portfolio.start(1),
                                                                                               portfolio.end()):
            title, position = text[title_start:portfolio.end()], portfolio.end()
        elif portfolio is None and text.startswith((" of ", " for ", " and ", " & "), position):
            # "Minister of Mining Industry and Geology Bobir Islamov": the portfolio ends where a person it names begins
            end = _portfolio_before_person(text, position, by_start, derived(lex.titles, _title_heads))
            if end is not None:
                title, position = text[title_start:end], end
        # the holder after the title: "President of (the Republic of) Kazakhstan"
        of = _OF.match(text[position:position + 12])
        if holder is None and of:
            after = by_start.get(position + of.end())
            if after is not None and after.type in HOLDER_TYPES:
                holder, position = after, after.end
        office_end = position
        # the person: right after ("President Joseph Biden", "…, Kassym-Jomart Tokayev") or before (", the President")
        person = None
        comma = _COMMA_SPACE.match(text[position:position + 2])
        named_before = by_end.get(span_start - 2) if text.startswith(", ", span_start - 2) else None
        if comma and comma.group().startswith(",") and named_before is not None \
                and named_before.type in _PERSON_TYPES:
            # "António Costa, President of the European Council, Ursula von der Leyen, President of …": a list of
            # names, each with its title after it; the title is the name's before it (below), not the next one's
            comma = None
        if comma:
            candidate = by_start.get(position + comma.end())
            if candidate is not None and candidate.type in _PERSON_TYPES:
                person = candidate
            elif candidate is None:
                name = person_pattern(lex).match(text, position + comma.end())
                if name and not rec.overlapping(name.start(), name.end()) and not any(
                        w in lex.stopwords or w in lex.heads or w in lex.titles for w in name.groups() if w):
                    entity_id = add_person(rec, name.start(), name.end(), "Leader", "person-after-title", 0.7)
                    person = rec.mentions[-1] if rec.mentions[-1].entity == entity_id else None
                    if person is not None:
                        by_start[name.start()] = person
        if person is None:
            appositive = _APPOSITIVE.search(text[max(0, span_start - 8):span_start])
            if appositive and appositive.group() in (",", ", ") and not _OFFICE_CLOSED.match(text, office_end):
                appositive = None  # "After meeting Tokayev, President of Uzbekistan Karimov said": Karimov's title
            if appositive:
                candidate = by_end.get(span_start - len(appositive.group()))
                if candidate is not None and candidate.type in _PERSON_TYPES:
                    person = candidate
        if person is None and holder is not None:
            # "Tokayev is the President of Kazakhstan", "Satkaliyev became Kazakhstan's Minister of Energy"
            copula = _COPULA.search(text, max(0, span_start - 30), span_start)
            if copula is not None:
                candidate = by_end.get(copula.start())
                if candidate is not None and candidate.type in _PERSON_TYPES:
                    person = candidate
        if person is None:
            if text.startswith(("the ", "The "), span_start - 4):
                references.append((span_start - 4, office_end, title, holder))
            continue
        holder_end = office_end
        if holder is None and person.start > title_start:
            # "President Kassym-Jomart Tokayev of Kazakhstan": the state after the name
            of = _OF.match(text, person.end, person.end + 12)
            after = by_start.get(of.end()) if of is not None else None
            if after is not None and after.type in HOLDER_TYPES:
                holder, holder_end = after, after.end
        titled.append((title_start, _title_slug(rec, title), holder.entity if holder else None, person.entity))
        office_id, holder_id, kind = _office(rec, title, holder.entity if holder else None, person.entity)
        if office_id is None or holder_id is None:
            continue
        sentence = sentence_at(title_start)
        first, last = min(span_start, person.start), max(holder_end, person.end)
        date = _holding_date(rec, sentence.start, sentence.text, first, last, (span_start, office_end)) \
            if sentence else None
        if kind == "inferred":  # the gazetteer's office: is it the person's on the holding's date?
            kind = _office(rec, title, None, person.entity, date or rec.doc_date)[2]
        inferred = kind == "inferred"
        if office_id not in rec.known:
            entry = gaz.get(office_id)
            label = entry.label if entry else f"{title} of {rec.label_of(holder_id)}"
            rec.add(Mention(span_start, office_end, office_id, "Office", "office-from-title", 0.8 if not inferred else 0.6),
                    label=label)
        rec.known[person.entity].type = "Leader"
        if holder is not None and holder.kind == "demonym" and holder.end <= title_start:
            modifiers.append(holder)
        # (an office the text gives no state or body of is the gazetteer's: sure when the person held it on the
        # document's date, a guess to review otherwise)
        rule = "title-before-name" if person.start > title_start else "name-then-title"
        proposals.append(Proposal(person.entity, "holdsOffice", office_id, first, last,
                                  rule if kind != "term" else f"{rule}-in-term", _HOLDING_CONFIDENCE[kind],
                                  needs_review=inferred, date=date))
        proposals.append(Proposal(office_id, "officeIn", holder_id, span_start, holder_end,
                                  "office-of-holder" if kind == "stated" else "office-from-gazetteer",
                                  _OFFICE_IN_CONFIDENCE[kind], needs_review=inferred))
    proposals += _offices_in_lists(rec, sentence_at, by_start, by_end, modifiers, titled)
    _title_references(rec, references, titled, modifiers)
    # "Kazakh President Tokayev": the demonym modifies the office holder, who is the argument of the sentence's
    # relations ("met Kazakh President Tokayev" is a meeting with Tokayev) and of back-references ("the two leaders")
    for holder in modifiers:
        holder.nested = True
    return proposals


def _plural(word: str) -> str:
    """A title's word in the plural: "Presidents", "Chairmen", "Secretaries"."""
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u", ""):
        return word[:-1] + "ies"
    return word + "s"


class _PluralTitles:
    r"""The titles in the plural, in any case, as one pattern (``pattern``), with each plural (in lower case) -> its
    title (``titles``), and what finds them among a text's tokens: the words that take the plural, in lower case
    (``heads``: "presidents", "ministers", "secretaries"), and the most tokens a plural has before its head.

    The head word of a title takes the plural: the first before "of" ("Ministers of Foreign Affairs"), else the
    last ("Foreign Ministers"), and both of "Secretary-General" and "Director General".
    """

    def __init__(self, titles) -> None:
        self.titles: dict[str, str] = {}
        heads: set[str] = set()
        self.most_before = 0
        for title in sorted(titles, key=len, reverse=True):
            words = re.split(r"([ /-])", title)
            at = {0} if " of " in title else {0, len(words) - 1} if title.endswith("General") else {len(words) - 1}
            for i in at:
                plural = "".join(words[:i] + [_plural(words[i])] + words[i + 1:])
                self.titles.setdefault(plural.lower(), title)
                head = _plural(words[i]).lower()
                heads.add(head)
                tokens = [t[2].lower() for t in token_list(plural)]
                self.most_before = max(self.most_before, tokens.index(head) if head in tokens else len(tokens))
        self.heads = frozenset(heads)
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(self.titles, key=len, reverse=True)))
                                  + r")(?![\w-])", re.IGNORECASE)

    def matches(self, rec: Recognition) -> Iterator[re.Match]:
        """The plural titles of ``rec.text``, in order: tried at the tokens before each of ``heads`` (a plural's
        other words may be "trade", "state" or "foreign", its head is rare)."""
        text, tokens = rec.text, rec.tokens if rec.tokens is not None else token_list(rec.text)
        done = 0
        for head in rec.lowered_token_starts(self.heads):
            i = bisect_left(tokens, head, key=_token_start)
            if not tokens[i][2].isalpha():
                continue  # (the index gives every token outside ASCII too: "’", "“" head nothing)
            for j in range(max(0, i - self.most_before), i + 1):
                match = self.pattern.match(text, tokens[j][0])
                if match is not None and match.end() > head and tokens[j][0] >= done:
                    done = match.end()
                    yield match
                    break


def _token_start(token: tuple[int, int, str]) -> int:
    return token[0]


#: between the items of a list: "A, B and C", "A, B, and C"
_LIST_SEPARATOR: Final = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
_LIST_SEPARATOR_BEFORE: Final = re.compile(r"(?:,\s+(?:and\s+)?|\s+and\s+)$")
#: between a title's list of holders and the list of its holders' persons: "The presidents of Kazakhstan and
#: Uzbekistan – Tokayev and Mirziyoyev, respectively", "…, Tokayev and Mirziyoyev", "… were Tokayev and Mirziyoyev"
_PERSONS_OPEN: Final = re.compile(r"\s*[,:(–—]\s*|\s+-{1,2}\s+|\s+(?:are|were)\s+")
#: between a list of persons and the title they hold in turn: "Tokayev and Mirziyoyev, the presidents of …"
_PERSONS_CLOSE: Final = re.compile(r"(?:,\s+|\s+(?:are|were)\s+)(?:the\s+)?$")
#: what pairs two lists in order
_RESPECTIVELY: Final = re.compile(r",?\s*\(?respectively\b")


def _listed(text: str, position: int, by_start: dict[int, Mention], types) -> list[Mention]:
    """The mentions of ``types`` listed from ``position`` on ("Kazakhstan, Kyrgyzstan and Uzbekistan")."""
    items: list[Mention] = []
    while (item := by_start.get(position)) is not None and item.type in types:
        items.append(item)
        separator = _LIST_SEPARATOR.match(text, item.end)
        if separator is None:
            break
        position = separator.end()
    return items


def _listed_before(text: str, end: int, by_end: dict[int, Mention], types) -> list[Mention]:
    """The mentions of ``types`` listed up to ``end`` ("Kazakh and Uzbek" of "Kazakh and Uzbek presidents")."""
    items: list[Mention] = []
    while (item := by_end.get(end)) is not None and item.type in types:
        items.append(item)
        separator = _LIST_SEPARATOR_BEFORE.search(text, max(0, item.start - 8), item.start)
        if separator is None:
            break
        end = separator.start()
    return items[::-1]


def _paired(text: str, match: re.Match, by_start: dict[int, Mention], by_end: dict[int, Mention]
            ) -> tuple[list[tuple[Mention, Mention]], int, int]:
    """The persons and holders the plural title at ``match`` pairs (see :func:`_offices_in_lists`), with where the
    words that pair them begin and end."""
    of = _OF.match(text, match.end())
    holders = _listed(text, of.end(), by_start, HOLDER_TYPES) if of is not None else []
    if holders:
        before, after = match.start(), holders[-1].end
    else:
        holders = _listed_before(text, match.start() - 1, by_end, HOLDER_TYPES) \
            if text.startswith(" ", match.start() - 1) else []
        before, after = (holders[0].start if holders else match.start()), match.end()
    if len(holders) >= 2:
        # the persons after the holders, "respectively" after them; or before the title, "respectively" after it
        opens = _PERSONS_OPEN.match(text, after)
        persons = _listed(text, opens.end(), by_start, _PERSON_TYPES) if opens is not None else []
        if persons and _RESPECTIVELY.match(text, persons[-1].end):
            last = persons[-1].end
        else:
            closes = _PERSONS_CLOSE.search(text, max(0, before - 12), before)
            persons = _listed_before(text, closes.start(), by_end, _PERSON_TYPES) if closes is not None else []
            before, last = (persons[0].start if persons else before), after
            if not _RESPECTIVELY.match(text, after):
                persons = []
        return (list(zip(persons, holders)) if len(persons) == len(holders) else []), before, last
    pairs: list[tuple[Mention, Mention]] = []
    last = match.end()
    if not holders:
        # "the foreign ministers Murat Nurtleu of Kazakhstan, Zheenbek Kulubaev of Kyrgyzstan and …"
        gap = _COMMA_SPACE.match(text, match.end())
        position = gap.end() if gap is not None else -1
        while (person := by_start.get(position)) is not None and person.type in _PERSON_TYPES:
            of = _OF.match(text, person.end)
            holder = by_start.get(of.end()) if of is not None else None
            if holder is None or holder.type not in HOLDER_TYPES:
                break
            pairs.append((person, holder))
            last = holder.end
            separator = _LIST_SEPARATOR.match(text, holder.end)
            position = separator.end() if separator is not None else -1
    return pairs, before, last


def _offices_in_lists(rec: Recognition, sentence_at: SentenceAt, by_start: dict[int, Mention],
                      by_end: dict[int, Mention], modifiers: list[Mention], titled: list[_Titled]) -> list[Proposal]:
    """Office holdings of a title in the plural, paired with their holders in order.

    - "respectively" pairs a list of holders with a list of persons as long: "The presidents of Kazakhstan and
      Uzbekistan, Kassym-Jomart Tokayev and Shavkat Mirziyoyev, respectively", "Tokayev and Mirziyoyev, the
      Kazakh and Uzbek presidents respectively";
    - each person has a holder: "the foreign ministers Murat Nurtleu of Kazakhstan and Bakhtiyor Saidov of
      Uzbekistan".

    Lists of different lengths, or a list with one entity twice, pair nothing.
    """
    text = rec.text
    plurals = derived(rec.lex.titles, _PluralTitles)
    proposals: list[Proposal] = []
    for match in plurals.matches(rec):
        title = plurals.titles[match.group().lower()]
        sentence = sentence_at(match.start())
        if sentence is None:
            continue
        pairs, before, last = _paired(text, match, by_start, by_end)
        if len(pairs) < 2 or len({p.entity for p, _ in pairs}) < len(pairs) \
                or len({h.entity for _, h in pairs}) < len(pairs) or last > sentence.start + len(sentence.text):
            continue
        date = _holding_date(rec, sentence.start, sentence.text, before, last, match.span())
        for person, holder in pairs:
            titled.append((match.start(), _title_slug(rec, title), holder.entity, person.entity))
            office_id, holder_id, _ = _office(rec, title, holder.entity, person.entity)
            if office_id is None or holder_id is None:
                continue
            named = min(match.start(), holder.start), max(match.end(), holder.end)
            if office_id not in rec.known:
                entry = rec.gaz.get(office_id)
                rec.define(office_id, "Office", entry.label if entry else f"{title} of {rec.label_of(holder_id)}",
                           named, "office-from-title", 0.8)
            rec.known[person.entity].type = "Leader"
            if holder.kind == "demonym" and holder.end <= match.start():
                modifiers.append(holder)
            proposals.append(Proposal(person.entity, "holdsOffice", office_id, before, last, "titles-in-order", 0.8,
                                      date=date))
            proposals.append(Proposal(office_id, "officeIn", holder_id, *named, "office-of-holder", 0.85))
    return proposals


#: a title the text gives a person: where, the title's slug, the state or body it is of (when the text says), the person
_Titled = tuple[int, str, "str | None", str]


def _title_slug(rec: Recognition, title: str) -> str:
    return rec.lex.titles.get(title) or slugify(title)


def _title_references(rec: Recognition, references: list[tuple[int, int, str, Mention | None]],
                      titled: list[_Titled], modifiers: list[Mention]) -> None:
    """"the Foreign Secretary said", "the Kazakh President met …": the person the text has given that title before.

    Only one person may have had it: with a state or body in the reference, one person the text has called that
    title of that state or body; without, one person the text has called that title at all ("the President" after
    Presidents Tokayev and Mirziyoyev is either).
    """
    for start, end, title, holder in references:
        slug = _title_slug(rec, title)
        persons = {person for at, s, of, person in titled
                   if at < start and s == slug and (holder is None or of == holder.entity)}
        if len(persons) != 1:
            continue
        person = persons.pop()
        rec.add(Mention(start, end, person, rec.type_of(person) or "Leader", "back-reference-title", 0.7, "backref"))
        if holder is not None:  # the state of "the President of Uzbekistan said" is no speaker, nor subject
            modifiers.append(holder)


#: how sure a holding is, and the office's state or body, by how the office was found (see _office)
_HOLDING_CONFIDENCE: Final = {"stated": 0.85, "term": 0.8, "inferred": 0.65}
_OFFICE_IN_CONFIDENCE: Final = {"stated": 0.85, "term": 0.8, "inferred": 0.55}


def _office(rec: Recognition, title: str, holder: str | None, person: str,
            when: str | None = None) -> tuple[str | None, str | None, str]:
    """The office that ``title`` names for ``person``, its state or body, and how it was found: "stated" (the text
    gives the state or body), "term" (the gazetteer's only office of that title for the person, who held it ``when``,
    the holding's date or the document's: "President Tokayev" in a text of 2024) or "inferred" (that office, held
    at another time, or at a time the text does not give)."""
    gaz = rec.gaz
    candidates = set(gaz.offices_by_title.get(title, []))
    slug = _title_slug(rec, title)
    entry = gaz.get(person)
    held: list[str] = [o["office"] for o in (entry.offices if entry else []) if o.get("office")]
    if holder is not None:
        for office in held:
            office_entry = gaz.get(office)
            if office in candidates and office_entry and office_entry.office_in == holder:
                return office, holder, "stated"
        for office in sorted(candidates):
            candidate_entry = gaz.get(office)
            if candidate_entry is not None and candidate_entry.office_in == holder:
                return office, holder, "stated"
        return f"{slug}-of-{holder}", holder, "stated"
    matching = [o for o in held if o in candidates]
    if len(set(matching)) == 1:
        office = matching[0]
        office_entry = gaz.get(office)
        office_in = office_entry.office_in if office_entry else None
        if office_in:
            terms = [o for o in (entry.offices if entry else []) if o.get("office") == office]
            return office, office_in, "term" if any(_in_term(when, o) for o in terms) else "inferred"
    return None, None, "inferred"


def _in_term(date: str | None, holding: dict) -> bool:
    """Whether ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) falls within the holding's ``start`` and ``end``
    (an end of None: still held), as far as both are known; never without a date or a start.

    >>> _in_term("2024-06-12", {"start": "2019-06-12", "end": None}), _in_term("2024", {"start": "2016", "end": "2022"})
    (True, False)
    """
    start, end = holding.get("start"), holding.get("end")
    if not date or not start:
        return False
    start, end = str(start), str(end) if end else None
    return start[:len(date)] <= date[:len(start)] and (end is None or date[:len(end)] <= end[:len(date)])


#: a quotation inside a sentence, in curly or straight quotation marks
_QUOTATION: Final = re.compile(r'“[^“”]*”|"[^"\n]*"')


def _holding_date(rec: Recognition, start: int, sentence: str, first: int, last: int,
                  title: tuple[int, int]) -> str | None:
    """The date the sentence at ``start`` gives the office holding that its words ``[first, last)`` name, with the
    title at ``title``: a date of the holder's clause, read up to where the words of another event begin after
    the holder: what a verb of reporting reports ("OTS Secretary-General Omuraliev said the next summit would be
    held in 2025"; but the reporting's own words date it: "told the forum on 19 October 2023: …"), or a phrase
    set off by a comma ("…, following the first summit on 29 September 2023"). A relative clause dates the
    holding only when the title is in it ("Charles Michel, who served as Prime Minister of Belgium until 2019,
    …"; without a date of its own, the words before it do), and a quotation never ("“2023 was a record year,”
    said X, Chairman of Y"). A year that begins or ends the holding dates it too: it was held then ("President
    Tokayev (since 2019)").

    >>> from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    >>> s = "On 12 May 2024 President Tokayev said the next summit would be held in 2025."
    >>> rec = Recognition(s, load_gazetteer(), load_lexicon())
    >>> at = s.index("President"), s.index(" said")
    >>> _holding_date(rec, 0, s, *at, at)
    '2024-05-12'
    >>> s = "President Tokayev, the host, took over the chair from Japarov, who had held it since November 2023."
    >>> at = s.index("President"), s.index(",")
    >>> _holding_date(rec, 0, s, *at, at) is None
    True
    """
    if not names_year(sentence):  # (as most sentences: no date)
        return None
    text = _outside_quotations(sentence)
    f1 = last - start
    phrase_end = FACT_PHRASE_ENDS.search(text, f1)
    end = phrase_end.start() if phrase_end is not None else len(text)
    reporting = derived(rec.lex, reporting_verbs)
    verb = reporting.search(text, f1, end) if reporting is not None else None
    if verb is not None:
        reported = _REPORT_OPENS.search(text, verb.end(), end)
        end = reported.start() if reported is not None else verb.start()
    relatives = relative_clauses(text, 0, len(text))
    t0, t1 = title[0] - start, title[1] - start
    own = next(((a, b) for a, b in relatives if a <= t0 and t1 <= b), None)
    if own is not None:
        found = find_date(text[own[0]:min(own[1], max(end, t1))])
        if found is not None:
            return found
        # (without one, the words before it: "On 3–4 April 2025 Samarkand hosted the summit, where President …")
        end, relatives = own[0], [span for span in relatives if span[1] <= own[0]]
    return find_date(blank_spans(text[:end], [(a, min(b, end)) for a, b in relatives if a < end]))


#: where what a verb of reporting reports begins, after the verb's own words
_REPORT_OPENS: Final = re.compile(r":|\bthat\b")


def _outside_quotations(text: str) -> str:
    """``text`` with its quotations blanked (offsets kept)."""
    if "“" not in text and '"' not in text:
        return text
    return blank_spans(text, [m.span() for m in _QUOTATION.finditer(text)])
