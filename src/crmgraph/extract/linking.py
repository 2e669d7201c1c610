"""Linking that reads more than a name: capitals for governments, editions of events, agreements by parties.

Three things a name alone does not settle:

* **A capital for its government.** "Beijing also uses summit diplomacy": a
  capital's name as the subject of a verb stands for the actor its gazetteer entry
  gives (``stands_for``); "met in Beijing" stays the place.

* **Editions of a recurring event.** "China–Central Asia Summit" names a recurring
  format; "the first China–Central Asia Summit in Xi’an in May 2023" names one
  meeting of it. A gazetteer format or forum whose name ends in an event head
  (``Summit``, ``Forum``, … in ``lexicon/heads.yaml``), preceded by an ordinal
  ("first", "third") or followed by its date ("in May 2023", "in Xi’an in 2023"),
  becomes that edition: a Summit or Forum with id ``<slug of the series>-<year>``,
  the id a curator gives a dated event.
* **Agreements named generically.** "a memorandum of understanding", "CRM
  partnerships", "the memoranda … signed with Kazakhstan in 2022": such phrases
  (``lexicon/agreements.yaml``) are linked to a gazetteer agreement when the
  sentence names every party the gazetteer lists for it, one of the subjects it
  concerns, and its year (or, in a sentence without a year, the document is of that
  year: "today signed"). Generic names left unlinked get an id that says whose and
  when ("european-union-kazakhstan-memorandum-of-understanding-2022") rather than
  one that every memorandum of every document would share; a generic name in the
  document's title line is the document itself and is not proposed.

The gazetteer supplies ``parties``, ``date`` and ``concerns`` of each agreement; no
code path names one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final, Iterator

from crmgraph.corpus import Sentence, SentenceAt
from crmgraph.extract.dates import (
    COUNTED_BACK,
    COUNTED_FROM,
    MONTH_NAME,
    clause_end,
    clause_start,
    dated_by_document,
    dating_text,
    explicit_date,
    find_date,
    find_year,
    of_document_year,
    speaks_of_future,
    year_counted_back,
    years_in,
)
from crmgraph.extract.gazetteer import GROUPS, Gazetteer, derived, slugify
from crmgraph.extract.proposal import Proposal
from crmgraph.extract.relations import fact_hedge, next_clause_start, to_come
from crmgraph.extract.recognise import (
    EVENT_TYPES,
    POSSESSIVE_ENDINGS,
    POSSESSIVE_GAPS,
    Known,
    Mention,
    Recognition,
    first_letters,
    leading_words,
)

__all__ = ["capital_metonyms", "event_editions", "link_agreements", "name_generic_agreements", "visit_events"]

# after the name: an optional place ("in Xi’an", "held in New York"), then its date ("in May 2023", "on 4 April 2025")
_DATED_AFTER: Final = re.compile(
           r"(?:,?\s+(?:held\s+)?(?:in|at)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})?"
           r"(?:,?\s+(?:in|on|of)|,)\s+(?:[0-3]?\d\s+)?(?:" + MONTH_NAME + r"\s+)?(?:[0-3]?\d,?\s+)?(?P<year>(?:19|20)\d\d)\b")
_EVENT_NOUN: Final = re.compile(r"\s(summit|forum|conference)\b")
_DATED_SENTENCE: Final = re.compile(r"\b(?:(?:19|20)\d\d|" + MONTH_NAME + r")\b")
_DATED_BEFORE: Final = re.compile(r"\b(?P<year>(?:19|20)\d\d)\s+$")
_AGREEMENT_TYPES: Final = GROUPS["agreement"]
#: the series a gathering's name may belong to: bodies that meet ("the SCO summit", "a C5+1 summit") and forums
_SERIES_BODIES: Final = frozenset({"DiplomaticFormat", "IntergovernmentalOrganisation"})
_SERIES_TYPES: Final = _SERIES_BODIES | {"Forum", "Summit"}
_ACTORS: Final = GROUPS["polity"] | GROUPS["organisation"]
_SURE: Final = 0.5  # parties below this confidence do not name an agreement


def _rename(rec: Recognition, old: str, new: str, type_: str, label: str, *, rule: str, confidence: float,
            gazetteer: bool, date: str | None = None, mentions: list[Mention] | None = None,
            complete: bool = False) -> None:
    """Move ``mentions`` (all of ``old``'s by default) to entity ``new``; drop ``old`` if nothing names it any more.

    ``complete``: the ``mentions`` given are all of ``old``'s (saves a look at every mention of the text).
    """
    everything = mentions is None or complete
    moving = [m for m in rec.mentions if m.entity == old] if mentions is None else mentions
    for m in moving:
        m.entity, m.type = new, type_
        if m.kind not in ("backref", "pair"):
            m.rule, m.confidence = rule, confidence
    named = [m for m in moving if m.kind not in ("backref", "pair")]
    if everything or not any(m.entity == old and m.kind not in ("backref", "pair") for m in rec.mentions):
        rec.known.pop(old, None)
        rec.local = {k: v for k, v in rec.local.items() if v[0] != old}
    else:
        known_old = rec.known.get(old)
        if known_old is not None and known_old.first in named:
            rest = sorted((m for m in rec.mentions if m.entity == old and m.kind not in ("backref", "pair")),
                          key=lambda m: m.start)
            known_old.first = rest[0]
    if not named:
        return
    first = min(named, key=lambda m: m.start)
    known = rec.known.get(new)
    if known is None:
        known = rec.known[new] = Known(id=new, type=type_, label=label, rule=rule, confidence=confidence, first=first,
                                       gazetteer=gazetteer)
    elif first.start < known.first.start:
        known.first = first
    known.type = type_
    if date and not known.date:
        known.date = date


def _sentence_bounds(sentence_at: SentenceAt, offset: int) -> tuple[int, int]:
    """The start and end of the sentence at ``offset`` (an empty span between sentences)."""
    sentence = sentence_at(offset)
    return (sentence.start, sentence.end) if sentence is not None else (offset, offset)


# --- capitals for governments --------------------------------------------------------------------

# before a capital, these make it a place ("in Beijing", "from Moscow to Brussels")
_PLACE_BEFORE: Final = re.compile(r"\b(?:in|at|to|from|near|via|of|between|and|outside|around|visit(?:ed|ing)?|"
                                  r"arrived|arrive|leave|left|reach(?:ed)?)\s+$", re.IGNORECASE)
#: a capitalised word right before a name on its line
_NAME_WORD_BEFORE: Final = re.compile(r"(?<![\w’'.-])([A-Z][\w’'-]*)[ \t]+$")
_AUXILIARY: Final = frozenset("""also still now already has have had will would may might could should can must is was are
           were does did reportedly increasingly apparently clearly officially recently""".split())
_MODALS: Final = frozenset("will would may might could should can must does did".split())


def _verb_follows(text: str, end: int) -> bool:
    """Whether a verb follows ``end``: "uses", "has signed", "will sign", "is seeking" (not "is the capital")."""
    words = re.findall(r"[A-Za-z’']+|[^\sA-Za-z’']", text[end:end + 60])
    modal = False
    for word in words[:4]:
        if word in _AUXILIARY:
            modal = modal or word in _MODALS
            continue
        if not word.isalpha() or not word.islower():
            return False
        return modal or word.endswith(("s", "ed", "ing")) and word not in ("is", "was", "has", "this", "its", "as")
    return False


def capital_metonyms(rec: Recognition) -> None:
    """A capital that is the subject of a verb names its government ("Beijing uses", "Seoul wants").

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "Beijing also uses summit diplomacy. Leaders met in Beijing.")
    >>> sorted(e.id for e in extract(doc).entities)
    ['beijing', 'china']
    """
    text = rec.text
    for m in list(rec.mentions):
        if m.kind != "name" or m.type != "Place":
            continue
        entry = rec.gaz.get(m.entity)
        actor = rec.gaz.get(entry.stands_for) if entry is not None and entry.stands_for else None
        if actor is None or actor.type is None:
            continue
        if _PLACE_BEFORE.search(text, max(0, m.start - 20), m.start) or not _verb_follows(text, m.end):
            continue
        name_before = _NAME_WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
        if name_before is not None and name_before.group(1) not in rec.lex.stopwords:
            continue  # "Air Astana signed …": the capital is part of a longer name
        m.kind = "metonym"
        _rename(rec, m.entity, actor.id, actor.type, actor.label, rule="capital-for-government", confidence=0.75,
                gazetteer=True, mentions=[m])


def without_home_visits(rec: Recognition, proposals: list[Proposal]) -> list[Proposal]:
    """``proposals`` less the visits of an office holder to their own state or to the seat of its government
    (``stands_for`` in ``gazetteer/places.yaml``): "Russian President Vladimir Putin visited Astana … Putin then
    flew to Moscow" tells that he went home, not that he visited Moscow. (A visit to another city of the state
    stays: a president's tour of the regions is one.) The state is that of an office the document says the person
    holds, or one the gazetteer has them hold at any time (a former president of Russia is at home in Moscow too).

    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> text = "Russian President Vladimir Putin visited Astana. Putin then flew to Moscow."
    >>> sorted(r.object for r in extract(Document.from_text("memo", text)).relations if r.predicate == "visits")
    ['astana']
    """
    office_states = {p.subject: p.object for p in proposals if p.predicate == "officeIn"}
    homes: dict[str, set[str]] = {}
    for p in proposals:
        if p.predicate == "holdsOffice" and p.object in office_states:
            homes.setdefault(p.subject, set()).add(office_states[p.object])
    kept = []
    for p in proposals:
        if p.predicate == "visits":
            home = homes.get(p.subject, set()) | _gazetteer_homes(rec.gaz, p.subject)
            place = rec.gaz.get(p.object)
            seat_of = place.stands_for if place is not None and place.type == "Place" else None
            if p.object in home or seat_of in home:
                continue
        kept.append(p)
    return kept


def _gazetteer_homes(gaz: Gazetteer, person: str) -> set[str]:
    """The states of the offices the gazetteer has ``person`` hold, at any time."""
    entry = gaz.get(person)
    if entry is None or not entry.offices:
        return set()
    offices = [gaz.get(str(o["office"])) for o in entry.offices]
    return {o.office_in for o in offices if o is not None and o.office_in}


# --- editions of recurring events ---------------------------------------------------------------


def event_editions(rec: Recognition, sentence_at: SentenceAt) -> None:
    """Dated mentions of a recurring format or forum become editions of it (a Summit or Forum of one year).

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "The first China–Central Asia Summit was held in Xi’an in May 2023.")
    >>> [(e.id, e.type, e.date) for e in extract(doc).entities if e.type == "Summit"]
    [('china-central-asia-summit-2023', 'Summit', '2023-05')]
    """
    text, lex = rec.text, rec.lex
    editions: dict[str, set[str]] = {}
    for m in list(rec.mentions):
        if m.kind != "name" or m.nested:
            continue
        entry = rec.gaz.get(m.entity)
        if entry is None or entry.type not in _SERIES_TYPES or entry.date:
            continue
        surface = text[m.start:m.end]
        head = surface.split()[-1] if surface.split() else ""
        edition_type = lex.heads.get(head)
        s_start, s_end = _sentence_bounds(sentence_at, m.start)
        original_end, plain_the = m.end, False
        if edition_type not in EVENT_TYPES and entry.type in _SERIES_BODIES:
            # "the C5+1 summit hosted by …", "the first C5+1 summit of presidents", "at a C5+1 summit in Washington",
            # "attended the SCO summit in Astana in July 2024", in a dated sentence: the format's or organisation's
            # meeting of that year
            noun = _EVENT_NOUN.match(text, m.end, s_end)
            lead = re.findall(r"[\w’']+", text[max(s_start, m.start - 30):m.start])[-2:]
            plain_the = bool(lead) and lead[-1] == "the"
            if lead and lead[-1].lower() in lex.ordinals:
                lead = lead[:-1]
            if noun and lex.heads.get(noun.group(1).capitalize()) in EVENT_TYPES and \
                    _DATED_SENTENCE.search(text, s_start, s_end) and lead and lead[-1] in ("the", "a", "an") and \
                    text[m.start - 1:m.start].isspace():
                head, edition_type = noun.group(1), lex.heads[noun.group(1).capitalize()]
                m.end = noun.end()
                surface = text[m.start:m.end]
                definite = True
        else:
            definite = False
        if edition_type not in EVENT_TYPES:
            continue
        before = text[s_start:m.start]
        after = _DATED_AFTER.match(text, m.end, s_end)
        dated_before = _DATED_BEFORE.search(before)
        words_before = re.findall(r"[\w’']+", before)
        ordinal = bool(words_before) and words_before[-1].lower() in lex.ordinals
        if after:
            year, date = after.group("year"), find_date(text[m.end:after.end()])
        elif dated_before:
            year = date = dated_before.group("year")
        elif (ordinal or definite) and not speaks_of_future(text[s_start:s_end], lex):
            # the year the sentence names, or one its words give by the document's date ("On 6 November", "last
            # September"), or for "the second China–Central Asia Summit" (a series the gazetteer names) the document's,
            # unless an earlier sentence of the paragraph names another year ("In November 2022 … At the first …
            # Summit" in a text of 2024 is no summit of 2024). A format's meeting named with an ordinal or "a" ("the
            # first C5+1 summit", "a C5+1 summit") only with a year of its sentence: "In September, Biden recalled the
            # first C5+1 summit" is no summit of that September. None in a sentence about what is to come ("agreed to
            # hold a C5+1 summit next year").
            # (not a year that bounds a period, "set targets for 2030", nor one of a relative clause)
            sentence_text = dating_text(text, s_start, s_end, m.start, m.end, lex, starts=True)
            year = find_year(sentence_text)
            relative = None
            if year is None and (not definite or plain_the):
                # a relative date of the event's own clause dates it; one elsewhere in the sentence only gives its year
                # ("In April, officials prepared for the C5+1 summit": the month is the preparing's)
                relative = dated_by_document(text, clause_start(text, s_start, m.start), clause_end(text, m.end, s_end),
                                             rec.doc_date, lex)
                if relative is None:
                    elsewhere = dated_by_document(text, s_start, s_end, rec.doc_date, lex)
                    relative = elsewhere[:4] if elsewhere else None
                year = relative[:4] if relative else None
                if year is None and not definite and rec.doc_date and of_document_year(text, s_start, rec.doc_date):
                    year = rec.doc_date[:4]
            date = find_date(sentence_text) if year and year in sentence_text else relative or year
        else:
            year = None
        if not year:
            m.end = original_end  # "the first C5+1 summit" stays the format's name, "C5+1"
            continue
        base = entry.label if entry.label.split()[-1] == head else surface
        edition = f"{slugify(base)}-{year}"
        label = f"{base} ({year})"
        series = m.entity
        _rename(rec, m.entity, edition, edition_type, label, rule="event-edition", confidence=0.8,
                gazetteer=False, date=date if date and date.startswith(year) else year, mentions=[m])
        editions.setdefault(series, set()).add(edition)
        if entry.type not in _SERIES_BODIES:  # (an organisation's name places none of its summits: "Shanghai
            _places_in_name(rec, m)           # Cooperation Organisation summit"; a forum's does: "Tashkent … Forum")
    # a document that names one edition of a forum or summit means it by the series' undated name too; not of a
    # diplomatic format or an organisation: "the C5+1 format" is the format, not its summit of 2023, and "a member of
    # the SCO" a member of the organisation, not of its summit
    for series, names in editions.items():
        entry = rec.gaz.get(series)
        if len(names) == 1 and series in rec.known and entry is not None \
                and entry.type not in _SERIES_BODIES:
            edition = next(iter(names))
            known = rec.known[edition]
            rest = [m for m in rec.mentions if m.entity == series and m.kind == "name"]
            _rename(rec, series, edition, known.type, known.label, rule="event-edition-same-document",
                    confidence=0.7, gazetteer=False, mentions=rest)
            for m in rest:
                _places_in_name(rec, m)


def _places_in_name(rec: Recognition, m: Mention) -> None:
    """"Tashkent Investors Forum": the gazetteer place inside an event's name, as a nested mention."""
    text = rec.text
    for word in re.finditer(r"[\w’']+", text[m.start:m.end]):
        for name in rec.gaz.index.get(word.group(), ()):
            entry = rec.gaz.get(name.entry)
            if entry is not None and entry.type == "Place" and name.tokens == (word.group(),):
                start = m.start + word.start()
                rec.add(Mention(start, start + len(word.group()), entry.id, "Place", "place-in-event-name", 0.7,
                                nested=True), gazetteer=True)
                break


# --- visits ---------------------------------------------------------------------------------------

_VISIT: Final = re.compile(r"(?:’s|'s)\s+(?P<kind>(?:(?:first|official|state|working|two-day|three-day|recent|historic)\s+)*)"
                           r"visits?\s+to\s+(?:the\s+)?")
_DESTINATION_GAP: Final = re.compile(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?")


def visit_events(rec: Recognition, sentence_at: SentenceAt) -> list[Proposal]:
    """"Olaf Scholz’s visit to Kazakhstan and Uzbekistan": a Visit event, and its visitor's participation.

    The id is the visitor's surname, ``visit`` (``state-visit``), the destinations and the
    year: ``scholz-visit-kazakhstan-uzbekistan-2024``.

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "In 2015, Shinzo Abe’s visit to Kazakhstan opened a new chapter.")
    >>> [(e.id, e.type) for e in extract(doc).entities if e.type == "Visit"]
    [('abe-visit-kazakhstan-2015', 'Visit')]
    """
    text = rec.text
    named = sorted((m for m in rec.mentions if m.kind not in ("backref", "pair") and not m.nested),
                   key=lambda m: m.start)
    out: list[Proposal] = []
    for i, person in enumerate(named):
        if person.type not in ("Person", "Leader"):
            continue
        cue = _VISIT.match(text, person.end)
        if cue is None:
            continue
        destinations: list[Mention] = []
        position = cue.end()
        for m in named[i + 1:]:
            if m.start < position:
                continue
            if m.start != position or m.type not in ("State", "Place", "Region") or m.kind == "demonym":
                break  # (not "French" in "Macron's visit to Kazakhstan, French firms …")
            destinations.append(m)
            gap = _DESTINATION_GAP.match(text, m.end)
            if gap is None:
                break
            position = gap.end()
        if not destinations:
            continue
        s_start, s_end = _sentence_bounds(sentence_at, person.start)
        counted_from = COUNTED_FROM.search(text, max(s_start, person.start - 60), person.start)
        if counted_from is not None and counted_from.group("way").lower() in COUNTED_BACK:
            # "Six months after Emmanuel Macron's visit to Central Asia, …": the visit is the point another time is
            # counted from, and the sentence's date (a dateline's) is not its own: only its own phrase dates it
            # ("After Macron's visit to Astana in November 2023, …"), or the count back from the document's date
            own = find_date(text[destinations[-1].end:clause_end(text, destinations[-1].end, s_end)])
            year = own[:4] if own else year_counted_back(counted_from, rec.doc_date)
            sentence, relative = "", own or year
        else:
            sentence = dating_text(text, s_start, s_end, cue.start(), destinations[-1].end, rec.lex, starts=True)
            # a relative date of the visit's own clause ("… state visit to Kazakhstan follows talks held last month":
            # the month is the talks')
            relative = dated_by_document(text, s_start, clause_end(text, destinations[-1].end, s_end), rec.doc_date,
                                         rec.lex)
            year = find_year(sentence)
            if year is None and relative is None and "\n" not in text[:s_start]:
                # a title without a year ("Readout of President Macron's visit to Central Asia"): the year of the
                # sentence that leads the text after it, rather than the document's
                lead_start = len(text) - len(text[s_end:].lstrip())
                lead = sentence_at(lead_start) if lead_start < len(text) else None
                year = find_year(lead.text) if lead is not None else None
            year = year or (relative or rec.doc_date or "")[:4] or None
        if not year:
            continue
        entry = rec.gaz.get(person.entity)
        label = entry.label if entry else rec.label_of(person.entity)
        surname = (entry.surname if entry and entry.surname else label.split()[-1])
        kind = "state-visit" if "state" in cue.group("kind").split() else "visit"
        visit_id = slugify("-".join([surname, kind, *(d.entity for d in destinations), year]))
        where = " and ".join(rec.label_of(d.entity) for d in destinations)
        date = find_date(sentence) or relative
        visit_label = f"{label}’s {kind.replace('-', ' ')} to {where} ({year})"
        span_start = text.find("visit", cue.start(), cue.end())
        rec.add(Mention(span_start, destinations[-1].end, visit_id, "Visit", "visit-of-person", 0.75),
                label=visit_label)
        rec.known[visit_id].date = date if date and date.startswith(year) else year
        # "Tokayev's upcoming visit to Japan", "Ahead of Scholz's visit to Astana": a visit to come, for review
        coming = to_come(rec.lex, text[s_start:s_end], (cue.start() - s_start, destinations[-1].end - s_start))
        out.append(Proposal(person.entity, "participatesIn", visit_id, person.start, destinations[-1].end,
                            "visit-of-person", 0.4 if coming else 0.75, needs_review=coming,
                            date=rec.known[visit_id].date))
    return out


# --- agreements named generically ---------------------------------------------------------------


class _AgreementWords:
    """The lexicon's agreement phrases, compiled once per lexicon."""

    def __init__(self, lex):
        phrases = sorted(lex.agreement_words, key=len, reverse=True)
        self.phrases = re.compile(first_letters(phrases) + r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b",
                                  re.IGNORECASE) if phrases else None
        self.first_words = leading_words(phrases)
        self.vocabulary = frozenset(w for phrase in lex.agreement_words for w in phrase.lower().split())
        verbs = "|".join(re.escape(v) for v in lex.signing_verbs)
        modifiers = "|".join(re.escape(w) for w in sorted(lex.introduced_modifiers, key=len, reverse=True)) or "(?!)"
        self.signed = re.compile(r"\b(?:" + verbs + r")\s+(?:a|an)\s+(?:(?:" + modifiers + r")\s+){0,2}$",
                                 re.IGNORECASE) if verbs else None

    @classmethod
    def of(cls, lex) -> "_AgreementWords":
        return derived(lex, cls)


def _generic_pattern(lex) -> re.Pattern | None:
    return _AgreementWords.of(lex).phrases


def _is_generic(label: str, lex) -> bool:
    words = [w for w in re.findall(r"[\w’'-]+", label.lower()) if w not in lex.connectors]
    vocabulary = _AgreementWords.of(lex).vocabulary
    return bool(words) and all(w in vocabulary for w in words)


def link_agreements(rec: Recognition, sentences: list[Sentence], document_id: str) -> list[Proposal]:
    """Generic agreement phrases linked to gazetteer agreements by parties, subject and year; their parties.

    Returns the ``partyTo`` proposals of the linked agreements' parties (rule
    ``agreement-by-parties-and-year``), and the ``concerns`` of each agreement that
    the sentence names.

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "The European Union and Kazakhstan signed a memorandum of understanding "
    ...                          "on critical raw materials in November 2022.")
    >>> sorted(r.subject for r in extract(doc).relations if r.predicate == "partyTo")
    ['european-union', 'kazakhstan']
    """
    lex, text = rec.lex, rec.text
    pattern = _generic_pattern(lex)
    agreements = _linkable_agreements(rec.gaz)
    if pattern is None or not agreements:
        return []
    found = list(rec.phrase_matches(pattern, _AgreementWords.of(lex).first_words))
    if not found:
        return []
    found_starts = [ph.start() for ph in found]
    named, named_starts = rec._by_start, rec._starts  # the named mentions, kept sorted by the recogniser
    out: list[Proposal] = []
    for sentence in _sentences_with(sentences, found_starts):
        phrases = found[bisect_left(found_starts, sentence.start):bisect_left(found_starts, sentence.end)]
        phrases = [ph for ph in phrases if ph.end() <= sentence.end]
        if not phrases:
            continue
        lo = bisect_left(named_starts, sentence.start)
        hi = bisect_left(named_starts, sentence.end)
        inside = [m for m in named[lo:hi] if m.end <= sentence.end]
        # a phrase inside a proper name ("Minerals Security Partnership") is that name, not a generic mention
        phrases = [ph for ph in phrases if not any(
            m.start <= ph.start() < m.end and (rec.gaz.get(m.entity) or not _is_generic(rec.label_of(m.entity), lex))
            for m in inside)]
        if not phrases:
            continue
        present = {m.entity for m in inside}
        # the years that may date a signing: not "until 2012", "since 2022" or a relative clause's
        years = years_in(dating_text(text, sentence.start, sentence.end, phrases[0].start(), phrases[0].end(), lex,
                                     starts=True))
        if not years:  # "signed today", "last month", "in April": of the document's date
            # up to the end of the clause that names the agreement: in "…signed a memorandum, building on talks held
            # last year" the year is the talks'
            relative = dated_by_document(text, sentence.start, clause_end(text, phrases[0].end(), sentence.end),
                                         rec.doc_date, lex)
            years = {relative[:4]} if relative else set()
        linked: list[Mention] = []
        for entry in agreements:
            year = str(entry.date)[:4]
            if entry.id in present or not set(entry.parties) <= present:
                continue
            if not (set(entry.concerns) & present):
                continue
            if year not in years:
                continue
            phrase = phrases[0]
            mention = next((m for m in inside if m.start <= phrase.start() < m.end and rec.type_of(m.entity) in
                            _AGREEMENT_TYPES and not rec.gaz.get(m.entity) and _is_generic(rec.label_of(m.entity), lex)),
                           None)
            if mention is not None:
                _rename(rec, mention.entity, entry.id, entry.type, entry.label, rule="agreement-by-parties-and-year",
                        confidence=0.75, gazetteer=True, date=str(entry.date))
            else:
                mention = Mention(phrase.start(), phrase.end(), entry.id, entry.type, "agreement-by-parties-and-year",
                                  0.75)
                rec.add(mention, label=entry.label, gazetteer=True)
                rec.known[entry.id].date = str(entry.date)
            linked.append(mention)
            # "Kazakhstan did not sign a memorandum … in 2022": the agreement is the one named, its parties are not told
            factor, review = fact_hedge(lex, text, sentence.start, sentence.end, phrase.start(), phrase.end())
            for party in entry.parties:
                out.append(Proposal(party, "partyTo", entry.id, sentence.start, sentence.end,
                                    "agreement-by-parties-and-year", round(0.7 * factor, 3), needs_review=review,
                                    date=str(entry.date)))
            for topic in entry.concerns:
                if topic in present:
                    out.append(Proposal(entry.id, "concerns", topic, sentence.start, sentence.end,
                                        "agreement-by-parties-and-year", 0.7))
            present.add(entry.id)
        if not linked and lex.introduced and lex.signing_verbs:
            _introduced(rec, phrases, inside, document_id, sentence.start, sentence.end, out)
        if len(linked) > 1:
            # one phrase for several agreements ("the memoranda signed with A in 2022 and with B in 2024"): the
            # parties are known from the gazetteer; the relation rules would pair every party with every agreement
            for mention in linked:
                mention.nested = True
    return out


def _document_year(rec: Recognition, at: int) -> str | None:
    """The document's year, for an agreement that the sentence at ``at`` names without a date: only when the sentence
    names no year at all ("…, which was ratified in 2019" tells no signing of the document's year either) and may
    be of the document's year (:func:`~crmgraph.extract.dates.of_document_year`)."""
    if not rec.doc_date:
        return None
    s0 = max(rec.text.rfind(". ", 0, at) + 1, rec.text.rfind("\n", 0, at) + 1)
    s1 = min(x for x in (rec.text.find(". ", at), rec.text.find("\n", at), len(rec.text)) if x >= 0)
    if years_in(rec.text[s0:s1]) or not of_document_year(rec.text, s0, rec.doc_date):
        return None
    return rec.doc_date[:4]


def _linkable_agreements(gaz) -> list:
    """The gazetteer's agreements with parties, date and concerns (listed once per gazetteer)."""
    return derived(gaz, _agreements_with_parties)


def _agreements_with_parties(gaz) -> list:
    return [e for e in gaz.entries.values() if e.type in _AGREEMENT_TYPES and e.parties and e.date and e.concerns]


def _sentences_with(sentences: list[Sentence], offsets: list[int]) -> Iterator[Sentence]:
    """The sentences that contain one of the sorted ``offsets``."""
    for sentence in sentences:
        i = bisect_left(offsets, sentence.start)
        if i < len(offsets) and offsets[i] < sentence.end:
            yield sentence


_CLAUSE_MARKS: Final = re.compile(r"[;:]")
_DESCRIBING: Final = re.compile(r"(?:[A-Z][a-z]+\s)?(?:[a-z-]+\s){0,3}")  # "Kazakh geological company "
_SIGNED_WITH: Final = re.compile(r"[^.;:]{0,60}?\bwith\s+(?:the\s+)?")


def _introduced(rec: Recognition, phrases, inside: list[Mention], document_id: str, sentence_start: int,
                sentence_end: int, out: list[Proposal]) -> None:
    """"signed a memorandum of understanding": a new agreement, named for now by the document and its place."""
    text, lex = rec.text, rec.lex
    signed = _AgreementWords.of(lex).signed
    for phrase in phrases:
        type_ = lex.introduced.get(phrase.group().lower())
        if type_ is None or signed is None or any(m.start <= phrase.start() < m.end for m in inside):
            continue
        if not signed.search(text, max(0, phrase.start() - 40), phrase.start()):
            continue
        entity_id = f"{document_id}-{slugify(phrase.group())}-{phrase.start()}"
        rec.add(Mention(phrase.start(), phrase.end(), entity_id, type_, "agreement-introduced", 0.7),
                label=phrase.group())
        # the date its clause gives it, after the phrase or else before it (not a relative clause's, not "by 2030")
        left = text.rfind(";", sentence_start, phrase.start()) + 1 or sentence_start
        right = text.find(";", phrase.end(), sentence_end)
        right = next_clause_start(text, inside, phrase.end(), sentence_end if right == -1 else right)
        first = _CLAUSE_MARKS.search(text, sentence_start, phrase.start())
        lead = (sentence_start, first.start()) if first is not None and left > sentence_start else None
        rec.known[entity_id].date = explicit_date(text, phrase.start(), right, phrase.start(), phrase.end(), lex,
                                                  starts=True) \
            or explicit_date(text, left, phrase.start(), phrase.start(), phrase.end(), lex, lead, True) or dated_by_document(
            text, sentence_start, clause_end(text, phrase.end(), sentence_end), rec.doc_date, lex)
        # "signed a memorandum … with B": B is a party too (the subject is the signed rule's)
        other = _SIGNED_WITH.match(text, phrase.end(), sentence_end)
        if other is not None:
            partner = _described_partner(text, inside, other.end())
            if partner is not None and text.startswith(POSSESSIVE_ENDINGS, partner.end):
                # "with Kazakhstan's state geological company Kazgeology", "with China's Sinochem": the one possessed
                owner_end = partner.end + 2
                partner = _described_partner(text, inside, owner_end + 1) if text.startswith(" ", owner_end) else None
            if partner is not None:
                # "denied signing a memorandum with B", "has yet to sign one with B": B is no party
                factor, review = fact_hedge(lex, text, sentence_start, sentence_end, phrase.start(), partner.end)
                out.append(Proposal(partner.entity, "partyTo", entity_id, phrase.start(), partner.end,
                                    "agreement-signed-with", round(0.7 * factor, 3), needs_review=review))


def _described_partner(text: str, inside: list[Mention], at: int) -> Mention | None:
    """The actor named from ``at`` on, past a demonym and the words describing it ("with the Kazakh geological
    company Kazgeology")."""
    return next((x for x in inside if x.start >= at and x.type in _ACTORS and x.kind != "demonym"
                 and _DESCRIBING.fullmatch(text, at, x.start)), None)


def _kind_of(label: str, lex) -> str:
    """The kind of a generic agreement name, for its id: "Memorandum of Understanding" -> memorandum."""
    words = [w for w in label.lower().split() if w not in lex.connectors and w not in ("understanding", "joint",
                                                                                         "strategic")]
    word = words[0] if words else label.lower()
    return "memorandum" if word == "memoranda" else word[:-1] if word.endswith("s") else word


_OF_THE: Final = re.compile(r" of (?:the )?")
#: the classes of what a state has one of its own: a ministry, a law
_STATE_BOUND_TYPES: Final = frozenset({"GovernmentBody", "Law"})


def _owning_state(rec: Recognition, m: Mention) -> tuple[str, int, int, bool] | None:
    """The state a mention of a government body says it belongs to, with the span that says so and whether a
    possessive or demonym says so (for which :func:`~crmgraph.extract.cues.home_states` proposes ``basedIn``): a
    possessive or a demonym right before it ("China’s Ministry of Commerce", "the Kazakh Ministry of Energy"), "of (the) <state>"
    right after it, or "its" before it when its sentence names one state before."""
    text = rec.text
    before = [x for x in rec.overlapping(max(0, m.start - 40), m.start)
              if x.end <= m.start and x.type == "State" and not x.nested]
    if before:
        x = max(before, key=lambda x: x.end)
        gap = text[x.end:m.start]
        if (x.kind == "name" and gap in POSSESSIVE_GAPS) or (x.kind == "demonym" and gap == " "):
            return x.entity, x.start, m.end, True
    of = _OF_THE.match(text, m.end)
    if of is not None:
        for x in rec.overlapping(of.end(), of.end() + 1):
            if x.start == of.end() and x.type == "State" and x.kind == "name":
                return x.entity, m.start, x.end, False
    if text[max(0, m.start - 4):m.start] in ("its ", "Its "):
        # "China … has required export licences; its Ministry of Commerce said": the one state the sentence names
        # before the pronoun, or none when it names two
        opening = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start)) + 1
        named = [x for x in rec.overlapping(opening, m.start - 4)
                 if not x.nested and x.end <= m.start - 4 and x.type not in ("Mineral", "Topic")]
        states = {x.entity for x in named if x.type == "State"}
        # the state must be the last name before the pronoun: "Beijing said its …" names China by its capital
        if len(states) == 1 and max(named, key=lambda x: x.end).type == "State":
            return states.pop(), m.start - 4, m.end, False
    return None


def name_state_bodies(rec: Recognition, proposals: list[Proposal], document_id: str) -> None:
    """Ids for government bodies named as every state names its own ("Ministry of Commerce"): of their state, or of
    the document.

    A body recognised from context whose name begins with one of the lexicon's ``state_bound`` words and names no
    state takes the state that the text gives one of its mentions ("China’s Ministry of Commerce": id
    ``ministry-of-commerce-of-china``); its other mentions ("the Ministry of Commerce", "the ministry") go with it
    when the text gives one state only. Without a state it is the document's own (``ministry-of-commerce-<document>``):
    two documents' "Ministry of Foreign Affairs" may be two states' ministries, and one entity for both would give
    each state the other's relations.

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "China’s Ministry of Commerce announced controls on gallium exports.")
    >>> [e.id for e in extract(doc).entities if e.type == "GovernmentBody"]
    ['ministry-of-commerce-of-china']
    """
    bound = rec.lex.state_bound
    # (or a body's name of a few words that ends with such a word, when the text says whose it is: "Uzbekistan's
    # Atomic Energy Agency"; without a state, "Euratom Supply Agency" may be a name of its own)
    bodies = [k for k in rec.known.values()
              if not k.gazetteer and k.type in _STATE_BOUND_TYPES and (
                  k.label.split(" ", 1)[0] in bound
                  or (k.type == "GovernmentBody" and k.label.rsplit(" ", 1)[-1] in bound and len(k.label.split()) <= 4))]
    new_at: dict[str, dict[int, str]] = {}  # old id -> start of each of its mentions -> new id
    defaults: dict[str, str] = {}
    for known in bodies:
        old = known.id
        mentions = [m for m in rec.mentions if m.entity == old]
        named = [m for m in mentions if m.kind not in ("backref", "pair")]
        if any(x is not m and x.type == "State" and m.start <= x.start and x.end <= m.end
               for m in named for x in rec.overlapping(m.start, m.end)):
            continue  # "Ministry of Energy of Kazakhstan" says whose it is
        evidence = {m.start: _owning_state(rec, m) for m in named}
        owners = {start: found[0] if found else None for start, found in evidence.items()}
        states = sorted({s for s in owners.values() if s is not None})
        if not states and known.label.split(" ", 1)[0] not in bound:
            continue
        default = states[0] if len(states) == 1 else None
        groups: dict[str | None, list[Mention]] = {}
        for m in mentions:
            state = owners.get(m.start) if m.kind not in ("backref", "pair") else None
            groups.setdefault(state or default, []).append(m)
        new_at[old] = {}
        for state, moving in sorted(groups.items(), key=lambda g: min(m.start for m in g[1])):
            if state is not None:
                new, label = slugify(f"{known.label} of {state}"), f"{known.label} of {rec.label_of(state)}"
            else:
                new, label = slugify(f"{known.label} {document_id}"), f"{known.label} ({document_id})"
            entry = rec.gaz.get(new)  # the gazetteer's own name for it ("ministry-of-energy-of-kazakhstan")
            if entry is not None and entry.type == known.type:
                label = entry.label
            _rename(rec, old, new, known.type, label, rule=known.rule, confidence=known.confidence,
                    gazetteer=entry is not None and entry.type == known.type, date=known.date, mentions=moving)
            renamed = rec.known.get(new)
            if renamed is not None and known.label not in renamed.aliases and renamed.label != known.label:
                renamed.aliases.append(known.label)
            for m in moving:
                new_at[old][m.start] = new
                found = evidence.get(m.start)
                if found is not None and known.type == "GovernmentBody" and not found[3]:
                    # the body is based in the state it is of ("its Ministry of Commerce", "Ministry of Foreign
                    # Affairs of the Republic of Korea"); home_states says so for possessives and demonyms
                    owner, start, end, _ = found
                    proposals.append(Proposal(new, "basedIn", owner, start, end, "state-of-body", 0.75))
            if state == default:
                defaults[old] = new
    if not new_at:
        return

    def renamed_in(entity: str, p: Proposal) -> str:
        if entity not in new_at:
            return entity
        inside = {new for start, new in new_at[entity].items() if p.start <= start < p.end}
        if len(inside) == 1:
            return inside.pop()
        return defaults.get(entity) or min(new_at[entity].values())

    for p in proposals:
        p.subject, p.object = renamed_in(p.subject, p), renamed_in(p.object, p)
        if p.concerns:
            p.concerns = [renamed_in(c, p) for c in p.concerns]


def name_generic_agreements(rec: Recognition, proposals: list[Proposal], document_id: str) -> None:
    """Ids for the agreements still named generically: their parties and year, or the document they appear in.

    A generic name in the first line of the text (the document's own title, "Joint
    Declaration of …") is the document itself and is dropped.
    """
    lex, text = rec.lex, rec.text
    first_line_end = text.find("\n")  # -1 for a one-line text, which has no title line
    renames: dict[str, str] = {}
    by_entity: dict[str, list[Mention]] | None = None  # built at the first rename
    signatories: dict[str, list[Proposal]] | None = None  # partyTo proposals by agreement, built when first needed
    # the agreements named generically, listed first: renaming one of them changes no other entity
    generic = [(entity_id, known) for entity_id, known in rec.known.items()
               if not known.gazetteer and known.type in _AGREEMENT_TYPES and _is_generic(known.label, lex)]
    for entity_id, known in generic:
        if known.first.end <= first_line_end:
            if not any(m.entity == entity_id and m.start > first_line_end for m in rec.mentions):
                rec.known.pop(entity_id)
                continue
        if signatories is None:
            signatories = {}
            for p in proposals:
                if p.predicate == "partyTo":
                    signatories.setdefault(p.object, []).append(p)
        parties = []
        for p in signatories.get(entity_id, ()):
            if rec.type_of(p.subject) in _ACTORS and p.subject not in parties and p.confidence >= _SURE:
                parties.append(p.subject)
        if len(parties) > 1:  # in the order the agreement's sentence names them
            s0 = text.rfind(". ", 0, known.first.start) + 1
            i = bisect_left(rec._starts, s0)
            window = rec._by_start[i:i + 200]
            # each party by its first mention in the window (they come by start): a look for each party, not a
            # table of every entity of the window
            parties.sort(key=lambda e: next((m.start for m in window if m.entity == e), len(text)))
        year = known.date[:4] if known.date else None
        if year is None:
            dates = [p.date for p in signatories.get(entity_id, ()) if p.date]
            year = dates[0][:4] if dates else _document_year(rec, known.first.start)
        owner = "-".join(parties) if parties else document_id
        new = slugify("-".join(x for x in (owner, _kind_of(known.label, lex), year) if x))
        if new == entity_id or new in rec.known:
            continue
        whose = ", ".join(x for x in [*(rec.label_of(p) for p in parties), year] if x)
        label = f"{known.label} ({whose})" if parties else f"{known.label} ({document_id}{', ' + year if year else ''})"
        if by_entity is None:  # the mentions of the generic agreements, the only ones renamed
            renamable = {e for e, _ in generic}
            by_entity = {}
            for m in rec.mentions:
                if m.entity in renamable:
                    by_entity.setdefault(m.entity, []).append(m)
        _rename(rec, entity_id, new, known.type, label, rule=known.rule, confidence=known.confidence,
                gazetteer=False, date=known.date, mentions=by_entity.pop(entity_id, []), complete=True)
        renames[entity_id] = new
    if renames:
        for p in proposals:
            p.subject = renames.get(p.subject, p.subject)
            p.object = renames.get(p.object, p.object)
            p.concerns = [renames.get(c, c) for c in p.concerns]
