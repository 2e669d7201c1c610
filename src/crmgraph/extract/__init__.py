"""The extractor: proposed annotations (entities, relations, statements) for any text, offline.

``propose_annotation(document)`` is what ``crmgraph build`` calls for a document
without a curated annotation; ``extract(document)`` returns every proposal,
including the uncertain ones, for ``crmgraph extract`` to write for review. Both
return an :class:`~crmgraph.annotations.Annotation` with ``method: extracted`` whose
items carry their quote, span, rule and confidence, and that ``crmgraph build``
accepts unchanged.

The pipeline: sentences (:func:`crmgraph.corpus.split_sentences`) → gazetteer
names and names from context (:mod:`.recognise`) → offices from titles
(:mod:`.offices`) → the reference list (:mod:`.references`) → relations from the
lexicon's rules (:mod:`.relations`) → statements (:mod:`.statements`). No code path
names an entity; names come from ``gazetteer/`` and the mineral vocabulary, word
lists and rules from ``lexicon/``.

Examples
--------
>>> from crmgraph.corpus import Document
>>> doc = Document.from_text("memo", "China is the main trade partner of Kazakhstan in critical minerals.")
>>> [(r.subject, r.predicate, r.object) for r in propose_annotation(doc).relations]
[('china', 'tradePartnerOf', 'kazakhstan')]
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from operator import attrgetter, itemgetter
from typing import Final

from crmgraph.annotations import Annotation, Entity, Provenance, Relation, Span, Statement
from crmgraph.corpus import Document, Sentence
from crmgraph.errors import CrmgraphError
from crmgraph.extract.cues import cued_names, home_states
from crmgraph.extract.dates import dateline_date
from crmgraph.extract.gazetteer import Gazetteer, Lexicon, derived, load_gazetteer, load_lexicon
from crmgraph.extract.linking import (
    capital_metonyms,
    event_editions,
    link_agreements,
    name_generic_agreements,
    name_state_bodies,
    visit_events,
    without_home_visits,
)
from crmgraph.extract.offices import find_offices
from crmgraph.extract.proposal import Proposal, rounded
from crmgraph.extract.recognise import (
    Mention,
    Recognition,
    abbreviations,
    after_named,
    backrefs,
    context_names,
    dateline_places,
    learn_surnames,
    persons,
    scan_gazetteer,
    scan_local,
    states_inside_names,
    token_list,
)
from crmgraph.extract.references import citations_in, reference_section, references
from crmgraph.extract.relations import (
    SentenceView,
    according_to,
    fold,
    met_at_event,
    OPENING_AT_EVENT,
    opened_at_event,
    sentence_relations,
    structural,
)
from crmgraph.extract.members import member_lists
from crmgraph.extract.stakes import relative_stakes, shares_before_the_venture, shares_of_the_same, stake_lists
from crmgraph.extract.statements import find_statements
from crmgraph.extract.tables import table_facts

__all__ = ["extract", "propose_annotation", "DEFAULT_MIN_CONFIDENCE", "REVIEW_BELOW", "MAX_CHARACTERS"]

#: Facts below this confidence are left out of the graph when ``build`` runs the extractor.
DEFAULT_MIN_CONFIDENCE: Final = 0.5
#: Items below this confidence are flagged ``needs_review``.
REVIEW_BELOW: Final = 0.6
#: Texts longer than this (in characters) are refused with a one-line error: split them into documents.
MAX_CHARACTERS: Final = 10_000_000
#: Long texts are processed in pieces of about this many characters, cut at line breaks, so time stays linear.
CHUNK_CHARACTERS: Final = 200_000
CODER: Final = "crmgraph extract (rule-based; review before use)"
_TOKEN_START, _TOKEN_WORD = itemgetter(0), itemgetter(2)
_WIKIDATA: Final = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9]\d*$")
# entities in the order of their first mention; relations by where they stand, then by what they say
_FIRST_START: Final = attrgetter("first.start")
_RELATION_ORDER: Final = attrgetter("start", "subject", "predicate", "object")


def extract(document: Document, *, min_confidence: float = 0.0, gazetteer: Gazetteer | None = None,
            lexicon: Lexicon | None = None) -> Annotation:
    """Every proposal for ``document`` at or above ``min_confidence`` (all of them by default).

    Examples
    --------
    >>> doc = Document.from_text("memo", "Kazakhstan has reserves of lithium and uranium.")
    >>> annotation = extract(doc)
    >>> sorted(e.id for e in annotation.entities)
    ['kazakhstan', 'lithium', 'uranium']
    >>> sorted(r.object for r in annotation.relations if r.predicate == "hasReserves")
    ['lithium', 'uranium']
    """
    gaz = gazetteer or load_gazetteer()
    lex = lexicon or load_lexicon()
    with _collector_paused():
        return _extract(document, min_confidence, gaz, lex)


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector for one extraction, and restore it after.

    Extraction allocates many small objects that live until the end of the call
    (mentions, proposals, annotation items). Each automatic collection walks every
    tracked object in the process, the loaded gazetteer and lexicon included, and
    those walks took about a tenth of extraction time. What one call allocates is
    bounded (a text is processed in pieces of ``CHUNK_CHARACTERS``) and freed by
    reference counting, so nothing piles up: the collector runs again, as before,
    once the call returns. A caller that has paused it already is left as it is.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract(document: Document, min_confidence: float, gaz: Gazetteer, lex: Lexicon) -> Annotation:
    text = document.text
    if len(text) > MAX_CHARACTERS:
        raise CrmgraphError(f"{document.path or document.id}: is too long for the extractor ({len(text):,} characters; "
                            f"the limit is {MAX_CHARACTERS:,}): split it into several documents")
    if len(text) > CHUNK_CHARACTERS:
        return _in_pieces(document, min_confidence, gaz, lex)
    dateline = _dateline(document)
    doc_date = dateline or _filed_on(document)
    authors = [str(a) for a in document.metadata.get("authors") or []]
    rec = Recognition(text, gaz, lex, doc_date)
    toks = token_list(text)
    scan_gazetteer(rec, toks)
    dateline_places(rec)
    abbreviations(rec)
    context_names(rec, toks)
    cued_names(rec)
    persons(rec, authors)
    learn_surnames(rec)
    states_inside_names(rec)
    sentences = document.sentences
    starts = [s.start for s in sentences]

    def sentence_at(offset: int) -> Sentence | None:
        i = bisect_right(starts, offset) - 1
        return sentences[i] if i >= 0 and offset < sentences[i].end else None

    proposals: list[Proposal] = find_offices(rec, sentence_at)
    proposals += stake_lists(rec)
    proposals += relative_stakes(rec)
    proposals += shares_before_the_venture(rec)
    proposals += member_lists(rec)
    proposals += table_facts(rec)
    ref_start = reference_section(text)
    ref_facts, citation_index = references(rec, document.id, ref_start)
    proposals += ref_facts
    after_named(rec)
    if rec.local:
        scan_local(rec, toks, set())
    capital_metonyms(rec)
    event_editions(rec, sentence_at)
    proposals += link_agreements(rec, sentences, document.id)
    proposals += visit_events(rec, sentence_at)
    backrefs(rec, starts)
    proposals += home_states(rec)
    for author in authors:  # the document's own authors, where the text names them
        known = rec.known.get(_slug(author))
        if known is not None and known.type in ("Person", "Leader"):
            proposals.append(Proposal(document.id, "author", known.id, known.first.start, known.first.end,
                                      "document-author", 0.9))
    # before the relations, so that two states' ministries of the same name are two arguments there
    name_state_bodies(rec, proposals, document.id)
    proposals += _sentence_facts(rec, sentences, ref_start, citation_index, toks)
    proposals += shares_of_the_same(rec, proposals)
    name_generic_agreements(rec, proposals, document.id)
    proposals = without_home_visits(rec, proposals)
    quoted = find_statements(rec, doc_date, ref_start, datelined=dateline is not None)
    return _annotation(document, rec, proposals, quoted, min_confidence)


def _filed_on(document: Document) -> str | None:
    """The date of the document's metadata, as text."""
    return str(document.metadata["date"]) if document.metadata.get("date") else None


def _dateline(document: Document) -> str | None:
    """The day a news item's dateline gives (:func:`~crmgraph.extract.dates.dateline_date`): the day its relative
    dates ("on Monday", "last month") count from, and its statements are dated by."""
    return dateline_date(document.text, _filed_on(document))


def _in_pieces(document: Document, min_confidence: float, gaz, lex) -> Annotation:
    """Extract a long text piece by piece (cut at line breaks) and merge the pieces, shifting their offsets."""
    text, merged = document.text, Annotation(document=document.id, method="extracted", coder=CODER)
    # (every piece counts its relative dates from the dateline at the start of the first, if there is one)
    reference = _dateline(document)
    metadata = {**document.metadata, "date": reference} if reference else document.metadata
    seen_entities, seen_statements, start = set(), set(), 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARACTERS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        piece = Document(id=document.id, text=text[start:end], path=document.path, metadata=metadata)
        part = _extract(piece, min_confidence, gaz, lex)
        items: list[Entity | Relation | Statement] = [*part.entities, *part.relations, *part.statements]
        for item in items:
            if item.span is not None:
                item.span = Span(item.span.start + start, item.span.end + start)
        for statement in part.statements:
            if statement.attribution_span is not None:
                statement.attribution_span = Span(statement.attribution_span.start + start, statement.attribution_span.end + start)
        for entity in part.entities:
            if entity.id not in seen_entities:
                seen_entities.add(entity.id)
                merged.entities.append(entity)
        merged.relations += part.relations
        for statement in part.statements:
            base, n = statement.id, 2
            while statement.id in seen_statements or statement.id in seen_entities:
                statement.id, n = f"{base}-{n}", n + 1
            seen_statements.add(statement.id)
            merged.statements.append(statement)
        start = end
    # a Leader in one piece and a Person in another: one entity, one type
    holders = {r.subject for r in merged.relations if r.predicate == "holdsOffice"}
    for entity in merged.entities:
        if entity.type == "Leader" and entity.id not in holders:
            entity.type = "Person"
    return merged


def propose_annotation(document: Document, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Annotation:
    """The extractor's proposals that ``build`` puts in the graph: those at or above ``min_confidence``.

    Examples
    --------
    >>> doc = Document.from_text("memo", "The European Union may cooperate with Kazakhstan.")
    >>> propose_annotation(doc).relations   # hedged: below the build threshold
    []
    """
    return extract(document, min_confidence=min_confidence)


def _slug(name: str) -> str:
    from crmgraph.extract.gazetteer import slugify

    return slugify(name)


def _sentence_facts(rec: Recognition, sentences: list[Sentence], ref_start: int | None, citation_index: dict,
                    toks: list[tuple[int, int, str]] | None = None) -> list[Proposal]:
    # by start, the longer first: the order of sorting by (start, -end), by one number (a key of ints sorts fastest)
    width = len(rec.text) + 1

    def start_longer_first(m: Mention) -> int:
        return m.start * width - m.end

    mentions = sorted(rec.mentions, key=start_longer_first)
    token_starts = token_words = None
    if toks is not None:
        token_starts, token_words = list(map(_TOKEN_START, toks)), list(map(_TOKEN_WORD, toks))
    mention_starts = [m.start for m in mentions]
    out: list[Proposal] = []
    limit = ref_start if ref_start is not None else len(rec.text)
    for sentence in sentences:
        if sentence.start >= limit:
            break
        lo = bisect_left(mention_starts, sentence.start)
        hi = bisect_left(mention_starts, sentence.end)
        inside = [m for m in mentions[lo:hi] if m.end <= sentence.end]
        if len(inside) < 2:
            continue
        # the rule pre-filter reads the sentence's folded words. A sentence is folded alone, not as a slice of the
        # folded text: most are ASCII, which str.casefold folds at once, and only those with two names are folded.
        # When folding maps each character to one, the sentence's words are its tokens.
        view_folded = sentence.text.casefold() if sentence.text.isascii() else fold(sentence.text)
        view_tokens = None
        if len(view_folded) == len(sentence.text) and token_starts is not None and token_words is not None \
                and toks is not None:
            a = bisect_left(token_starts, sentence.start)
            b = bisect_left(token_starts, sentence.end)
            if (a == 0 or toks[a - 1][1] <= sentence.start) and (b == 0 or toks[b - 1][1] <= sentence.end):
                view_tokens = token_words[a:b]
        view = SentenceView(rec, sentence.start, sentence.end, inside, view_folded, view_tokens, sentence.text)
        found = sentence_relations(rec, view, citation_index, citations_in) + structural(rec, view)
        if found:
            found += met_at_event(view, found)
        if view.text.startswith(OPENING_AT_EVENT):
            found += opened_at_event(rec, view)
        source = according_to(rec, view) if found else None
        for p in found:
            if source and source not in (p.subject, p.object):
                p.according_to = source
        out += found
    return out


def _entry_output_fields(gaz: Gazetteer) -> dict[str, tuple[bool, str | None, dict[str, str]]]:
    """Per gazetteer entry, what an entity it names carries into the annotation: whether it is a concept of the
    mineral vocabulary (type and label come from there), its Wikidata IRI when well-formed, and its identifiers
    (copied for each entity, so no two annotations share them). Worked out once per gazetteer, not per mention."""
    return {entity_id: (entry.vocabulary,
                        entry.wikidata if entry.wikidata and _WIKIDATA.match(str(entry.wikidata)) else None,
                        entry.identifiers)
            for entity_id, entry in gaz.entries.items()}


_NOT_IN_GAZETTEER: Final = (False, None, None)


def _annotation(document: Document, rec: Recognition, proposals: list[Proposal], quoted, min_confidence: float) -> Annotation:
    text = document.text
    kept: dict[tuple, Proposal] = {}
    for p in proposals:
        if p.confidence < min_confidence or p.subject == p.object:
            continue
        if p.subject not in rec.known and p.subject != document.id:
            continue
        if p.object not in rec.known and p.object != document.id:
            continue
        if p.predicate == "holdsOffice" and rec.known[p.object].type != "Office":
            continue
        key = (p.subject, p.predicate, p.object, p.start, p.end)
        if key not in kept or kept[key].confidence < p.confidence:
            kept[key] = p
    relations = list(kept.values())
    # offices must belong somewhere and leaders must hold an office (the SHACL shapes say so)
    offices_ok = {p.subject for p in relations if p.predicate == "officeIn"}
    dropped = {k for k, v in rec.known.items() if v.type == "Office" and k not in offices_ok}
    relations = [p for p in relations if p.subject not in dropped and p.object not in dropped]
    holders = {p.subject for p in relations if p.predicate == "holdsOffice"}
    used_ids = set()
    entities = []
    related = {p.subject for p in relations} | {p.object for p in relations} | {p.place for p in relations if p.place}
    # a city named only inside another name ("the Astana International Exchange", "Xiamen Tungsten") is no place the
    # text speaks of, unless a fact has it ("the Tashkent Investors Forum" is held in Tashkent)
    named_apart = {m.entity for m in rec.mentions if not m.nested}
    output_fields = derived(rec.gaz, _entry_output_fields)
    for v in sorted(rec.known.values(), key=_FIRST_START):
        k = v.id
        if v.type == "Leader" and k not in holders:  # every known leader, the ones left out below too
            v.type = "Person"
        if k in dropped or k == document.id:
            continue
        if v.type == "Place" and k not in named_apart and k not in related:
            continue
        confidence = v.confidence
        if confidence < min_confidence and k not in related:
            continue
        vocabulary, wikidata, identifiers = output_fields.get(k, _NOT_IN_GAZETTEER)
        start, end = v.first.start, v.first.end
        entities.append(Entity(
            id=k,
            type=None if vocabulary else v.type,
            label=None if vocabulary else v.label,
            aliases=[a for a in v.aliases if a != v.label] if v.aliases else [],
            wikidata=wikidata,
            identifiers=dict(identifiers) if identifiers is not None and v.type == "State" else {},
            date=v.date, url=v.url,
            quote=text[start:end], span=Span(start, end),
            provenance=Provenance("extracted", v.rule, rounded(confidence), confidence < REVIEW_BELOW),
        ))
        used_ids.add(k)
    known_ids = used_ids | {document.id}
    out_relations = []
    for p in sorted(relations, key=_RELATION_ORDER):
        if p.subject not in known_ids or p.object not in known_ids:
            continue
        qualifiers = [c for c in p.concerns if c in known_ids] if p.concerns else []
        out_relations.append(Relation(
            subject=p.subject, predicate=p.predicate, object=p.object, quote=text[p.start:p.end],
            date=p.date, concerns=qualifiers, place=p.place if p.place in known_ids else None,
            citation=[c for c in p.citation if c in known_ids and rec.type_of(c) == "Document"] if p.citation else [],
            according_to=p.according_to if p.according_to in known_ids else None,
            span=Span(p.start, p.end),
            provenance=Provenance("extracted", p.rule, rounded(p.confidence), p.needs_review or p.confidence < REVIEW_BELOW),
        ))
    statements = []
    seen_ids = set(known_ids)
    for q in quoted:
        if q.confidence < min_confidence or q.speaker not in used_ids:
            continue
        if rec.type_of(q.speaker) not in ("Person", "Leader", "State", "Region", "IntergovernmentalOrganisation",
                                          "GovernmentBody", "FinancialInstitution", "Company", "ResearchInstitute",
                                          "MediaOutlet", "DiplomaticFormat"):
            continue
        statement_id, n = q.id, 2
        while statement_id in seen_ids:
            statement_id, n = f"{q.id}-{n}", n + 1
        seen_ids.add(statement_id)
        venue = q.venue if q.venue in used_ids and rec.type_of(q.venue) in ("Forum", "Summit", "Speech", "Visit") else None
        statements.append(Statement(
            id=statement_id, speaker=q.speaker, quote=text[q.start:q.end], venue=venue, date=q.date,
            concerns=[c for c in q.concerns if c in used_ids], direct=q.direct,
            attribution=text[q.attribution[0]:q.attribution[1]] if q.attribution else None,
            span=Span(q.start, q.end),
            attribution_span=Span(*q.attribution) if q.attribution else None,
            provenance=Provenance("extracted", q.rule, q.confidence, q.confidence < REVIEW_BELOW),
        ))
    return Annotation(document=document.id, method="extracted", coder=CODER, entities=entities,
                      relations=out_relations, statements=statements)
