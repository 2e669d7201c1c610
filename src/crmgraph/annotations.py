"""The annotation format: entities, relations and statements of a document, each with its quote.

Curated annotations (coded by a person) and proposed ones (written by
``crmgraph extract``) share this format, described in ``corpus/README.md``. This
module reads and writes it, checks it against the ontology, and finds every quote
in its document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal, TypeGuard, overload

import yaml

from crmgraph.corpus import Document, load_yaml, normalise_date
from crmgraph.errors import CrmgraphError
from crmgraph.ontology import Ontology, load_ontology

METHODS = ("curated", "extracted")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
WIKIDATA = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$")


# The items of an annotation write their own ``__init__`` (``init=False``): the extractor builds thousands of
# them, and compiled (hatch_build.py) an ``__init__`` of the class's own is native code where the one
# ``dataclass`` generates stays interpreted. ``dataclass`` still gives them repr, equality and ``fields``.
# A list default is None in the signature, so that no two items share one list.


@dataclass(init=False)
class _Item:
    def __reduce__(self) -> tuple[type[_Item], tuple[object, ...]]:
        # compiled, creating an instance runs its ``__init__``, so a pickle or a copy (batch.py sends
        # annotations between processes) rebuilds it from its fields, in the order of the parameters
        return type(self), tuple(getattr(self, f.name) for f in fields(self))


@dataclass(init=False)
class Span(_Item):
    """Where a quote stands in its document."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


@dataclass(init=False)
class Provenance(_Item):
    """How an item was obtained: curated, or extracted by a rule with a confidence."""

    method: str
    rule: str | None
    confidence: float
    needs_review: bool

    def __init__(self, method: str = "curated", rule: str | None = None, confidence: float = 1.0,
                 needs_review: bool = False) -> None:
        self.method = method
        self.rule = rule
        self.confidence = confidence
        self.needs_review = needs_review


@dataclass(init=False)
class Entity(_Item):
    id: str
    type: str | None
    label: str | None
    aliases: list[str]
    wikidata: str | None
    identifiers: dict[str, str]
    date: str | None
    url: str | None
    quote: str | None
    occurrence: int | None
    note: str | None
    provenance: Provenance
    span: Span | None

    def __init__(self, id: str, type: str | None = None, label: str | None = None, aliases: list[str] | None = None,
                 wikidata: str | None = None, identifiers: dict[str, str] | None = None, date: str | None = None,
                 url: str | None = None, quote: str | None = None, occurrence: int | None = None,
                 note: str | None = None, provenance: Provenance | None = None, span: Span | None = None) -> None:
        self.id = id
        self.type = type
        self.label = label
        self.aliases = [] if aliases is None else aliases
        self.wikidata = wikidata
        self.identifiers = {} if identifiers is None else identifiers
        self.date = date
        self.url = url
        self.quote = quote
        self.occurrence = occurrence
        self.note = note
        self.provenance = Provenance() if provenance is None else provenance
        self.span = span


@dataclass(init=False)
class Relation(_Item):
    subject: str
    predicate: str
    object: str
    quote: str
    date: str | None
    concerns: list[str]
    place: str | None
    citation: list[str]
    according_to: str | None
    occurrence: int | None
    note: str | None
    provenance: Provenance
    span: Span | None

    def __init__(self, subject: str, predicate: str, object: str, quote: str, date: str | None = None,
                 concerns: list[str] | None = None, place: str | None = None, citation: list[str] | None = None,
                 according_to: str | None = None, occurrence: int | None = None, note: str | None = None,
                 provenance: Provenance | None = None, span: Span | None = None) -> None:
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.quote = quote
        self.date = date
        self.concerns = [] if concerns is None else concerns
        self.place = place
        self.citation = [] if citation is None else citation
        self.according_to = according_to
        self.occurrence = occurrence
        self.note = note
        self.provenance = Provenance() if provenance is None else provenance
        self.span = span

    def describe(self) -> str:
        return f"{self.subject} {self.predicate} {self.object}"


@dataclass(init=False)
class Statement(_Item):
    id: str
    speaker: str | None
    quote: str
    venue: str | None
    date: str | None
    concerns: list[str]
    stated_in: str | None
    direct: bool
    attribution: str | None
    occurrence: int | None
    attribution_occurrence: int | None
    note: str | None
    provenance: Provenance
    span: Span | None
    attribution_span: Span | None

    def __init__(self, id: str, speaker: str | None, quote: str, venue: str | None = None, date: str | None = None,
                 concerns: list[str] | None = None, stated_in: str | None = None, direct: bool = True,
                 attribution: str | None = None, occurrence: int | None = None,
                 attribution_occurrence: int | None = None, note: str | None = None,
                 provenance: Provenance | None = None, span: Span | None = None,
                 attribution_span: Span | None = None) -> None:
        self.id = id
        self.speaker = speaker
        self.quote = quote
        self.venue = venue
        self.date = date
        self.concerns = [] if concerns is None else concerns
        self.stated_in = stated_in
        self.direct = direct
        self.attribution = attribution
        self.occurrence = occurrence
        self.attribution_occurrence = attribution_occurrence
        self.note = note
        self.provenance = Provenance() if provenance is None else provenance
        self.span = span
        self.attribution_span = attribution_span


@dataclass
class Annotation:
    """The coded content of one document."""

    document: str
    method: str = "curated"
    coder: str | None = None
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    path: Path | None = None

    @property
    def where(self) -> str:
        return str(self.path) if self.path else f"annotation of {self.document}"


# --- reading ---------------------------------------------------------------------

_ENTITY_KEYS = {"id", "type", "label", "aliases", "wikidata", "identifiers", "date", "url", "quote",
                "occurrence", "start", "end", "note", "rule", "confidence", "needs_review"}
_RELATION_KEYS = {"subject", "predicate", "object", "quote", "date", "concerns", "place", "citation",
                  "according_to", "occurrence", "start", "end", "note", "rule", "confidence", "needs_review"}
_STATEMENT_KEYS = {"id", "speaker", "quote", "venue", "date", "concerns", "stated_in", "direct", "attribution",
                   "occurrence", "attribution_occurrence", "start", "end", "attribution_start",
                   "attribution_end", "note", "rule", "confidence", "needs_review"}
_TOP_KEYS = {"document", "coder", "method", "entities", "relations", "statements", "notes"}


def load_annotation(path: Path, ontology: Ontology | None = None) -> Annotation:
    """Read and check an annotation file against the ontology (quotes are located later, by :func:`locate_quotes`)."""
    path = Path(path)
    data = load_yaml(path)
    return annotation_from_dict(data, where=str(path), path=path, ontology=ontology)


def annotation_from_dict(data, where: str, path: Path | None = None, ontology: Ontology | None = None) -> Annotation:
    ontology = ontology or load_ontology()
    if not isinstance(data, dict):
        raise CrmgraphError(f"{where}: an annotation must be a mapping with the keys document, entities, relations, statements")
    _check_keys(data, _TOP_KEYS, where)
    if not isinstance(data.get("document"), str) or not data["document"]:
        raise CrmgraphError(f"{where}: 'document' must name the document id")
    method = data.get("method", "curated")
    if method not in METHODS:
        raise CrmgraphError(f"{where}: method must be one of {', '.join(METHODS)} (got {method!r})")
    annotation = Annotation(document=data["document"], method=method, coder=_text(data, "coder", where), path=path)
    for number, item in enumerate(_as_list(data.get("entities"), "entities", where), 1):
        annotation.entities.append(_entity(item, f"{where}: entity {number}", ontology, method))
    for number, item in enumerate(_as_list(data.get("relations"), "relations", where), 1):
        annotation.relations.append(_relation(item, f"{where}: relation {number}", ontology, method))
    for number, item in enumerate(_as_list(data.get("statements"), "statements", where), 1):
        annotation.statements.append(_statement(item, f"{where}: statement {number}", method))
    _check_unique_ids(annotation, where)
    return annotation


def _as_list(value, key: str, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CrmgraphError(f"{where}: '{key}' must be a list")
    return value


def _check_keys(item: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise CrmgraphError(f"{where}: unknown key {unknown[0]!r}")


@overload
def _text(item: dict, key: str, where: str, required: Literal[True]) -> str: ...
@overload
def _text(item: dict, key: str, where: str, required: Literal[False] = False) -> str | None: ...
def _text(item: dict, key: str, where: str, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise CrmgraphError(f"{where}: '{key}' is missing")
        return None
    if isinstance(value, (dict, list)):
        raise CrmgraphError(f"{where}: '{key}' must be text")
    value = str(value)
    if required and not value.strip():
        raise CrmgraphError(f"{where}: '{key}' is empty")
    return value


def _ids(item: dict, key: str, where: str) -> list[str]:
    value = item.get(key)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    for v in values:
        if not isinstance(v, str) or not SLUG.match(v):
            raise CrmgraphError(f"{where}: '{key}' must list entity ids (lowercase, hyphens); got {v!r}")
    return values


@overload
def _slug(item: dict, key: str, where: str, required: Literal[True] = True) -> str: ...
@overload
def _slug(item: dict, key: str, where: str, required: Literal[False]) -> str | None: ...
def _slug(item: dict, key: str, where: str, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not SLUG.match(value):
        raise CrmgraphError(f"{where}: '{key}' must be an id of lowercase letters, digits and hyphens (got {value!r})")
    return value


def _occurrence(item: dict, key: str, where: str) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise CrmgraphError(f"{where}: '{key}' must be a whole number from 1")
    return value


def _is_offset(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _span(item: dict, start_key: str, end_key: str, where: str) -> Span | None:
    if start_key not in item and end_key not in item:
        return None
    start, end = item.get(start_key), item.get(end_key)
    if not (_is_offset(start) and _is_offset(end)) or end <= start:
        raise CrmgraphError(f"{where}: '{start_key}' and '{end_key}' must be offsets with {start_key} < {end_key}")
    return Span(start, end)


def _provenance(item: dict, method: str, where: str) -> Provenance:
    confidence = item.get("confidence", 1.0)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        raise CrmgraphError(f"{where}: 'confidence' must be a number from 0 to 1")
    needs_review = item.get("needs_review", False)
    if not isinstance(needs_review, bool):
        raise CrmgraphError(f"{where}: 'needs_review' must be true or false")
    rule = _text(item, "rule", where)
    if method == "extracted" and not rule:
        raise CrmgraphError(f"{where}: an extracted item must name its 'rule'")
    return Provenance(method=method, rule=rule, confidence=float(confidence), needs_review=needs_review)


def _date(item: dict, where: str) -> str | None:
    return normalise_date(item["date"], f"{where}: date") if item.get("date") is not None else None


def _entity(item, where: str, ontology: Ontology, method: str) -> Entity:
    if not isinstance(item, dict):
        raise CrmgraphError(f"{where}: must be a mapping")
    _check_keys(item, _ENTITY_KEYS, where)
    entity_id = _slug(item, "id", where)
    where = f"{where} ({entity_id})"
    entity_type = _text(item, "type", where)
    if entity_type is not None and entity_type not in ontology.core_classes:
        raise CrmgraphError(f"{where}: unknown class {entity_type!r} (see ontology/crmgraph.ttl)")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
        raise CrmgraphError(f"{where}: 'aliases' must be a list of names")
    wikidata = _text(item, "wikidata", where)
    if wikidata is not None and not WIKIDATA.match(wikidata):
        raise CrmgraphError(f"{where}: 'wikidata' must be a full IRI like http://www.wikidata.org/entity/Q232 (got {wikidata!r})")
    identifiers = item.get("identifiers") or {}
    if not isinstance(identifiers, dict):
        raise CrmgraphError(f"{where}: 'identifiers' must be a mapping")
    for key in identifiers:
        if key not in ontology.datatype_properties:
            raise CrmgraphError(f"{where}: unknown identifier property {key!r} (see ontology/crmgraph.ttl)")
    entity = Entity(
        id=entity_id,
        type=entity_type,
        label=_text(item, "label", where),
        aliases=[str(a) for a in aliases],
        wikidata=wikidata,
        identifiers={k: str(v) for k, v in identifiers.items()},
        date=_date(item, where),
        url=_text(item, "url", where),
        quote=_text(item, "quote", where),
        occurrence=_occurrence(item, "occurrence", where),
        note=_text(item, "note", where),
        provenance=_provenance(item, method, where),
        span=_span(item, "start", "end", where),
    )
    if entity.label is not None and not entity.label.strip():
        raise CrmgraphError(f"{where}: 'label' is empty")
    return entity


def _relation(item, where: str, ontology: Ontology, method: str) -> Relation:
    if not isinstance(item, dict):
        raise CrmgraphError(f"{where}: must be a mapping")
    _check_keys(item, _RELATION_KEYS, where)
    subject, obj = _slug(item, "subject", where), _slug(item, "object", where)
    predicate = _text(item, "predicate", where, required=True)
    where = f"{where} ({subject} {predicate} {obj})"
    if predicate not in ontology.object_properties:
        raise CrmgraphError(f"{where}: unknown property {predicate!r} (see ontology/crmgraph.ttl)")
    return Relation(
        subject=subject,
        predicate=predicate,
        object=obj,
        quote=_text(item, "quote", where, required=True),
        date=_date(item, where),
        concerns=_ids(item, "concerns", where),
        place=_slug(item, "place", where, required=False),
        citation=_ids(item, "citation", where),
        according_to=_slug(item, "according_to", where, required=False),
        occurrence=_occurrence(item, "occurrence", where),
        note=_text(item, "note", where),
        provenance=_provenance(item, method, where),
        span=_span(item, "start", "end", where),
    )


def _statement(item, where: str, method: str) -> Statement:
    if not isinstance(item, dict):
        raise CrmgraphError(f"{where}: must be a mapping")
    _check_keys(item, _STATEMENT_KEYS, where)
    statement_id = _slug(item, "id", where)
    where = f"{where} ({statement_id})"
    direct = item.get("direct", True)
    if not isinstance(direct, bool):
        raise CrmgraphError(f"{where}: 'direct' must be true or false")
    return Statement(
        id=statement_id,
        speaker=_slug(item, "speaker", where, required=False),
        quote=_text(item, "quote", where, required=True),
        venue=_slug(item, "venue", where, required=False),
        date=_date(item, where),
        concerns=_ids(item, "concerns", where),
        stated_in=_slug(item, "stated_in", where, required=False),
        direct=direct,
        attribution=_text(item, "attribution", where),
        occurrence=_occurrence(item, "occurrence", where),
        attribution_occurrence=_occurrence(item, "attribution_occurrence", where),
        note=_text(item, "note", where),
        provenance=_provenance(item, method, where),
        span=_span(item, "start", "end", where),
        attribution_span=_span(item, "attribution_start", "attribution_end", where),
    )


def _check_unique_ids(annotation: Annotation, where: str) -> None:
    seen: set[str] = set()
    items: list[Entity | Statement] = [*annotation.entities, *annotation.statements]
    for item in items:
        if item.id in seen:
            raise CrmgraphError(f"{where}: id {item.id!r} is defined twice")
        seen.add(item.id)


# --- quotes ----------------------------------------------------------------------


def find_quote(text: str, quote: str, occurrence: int | None, unique: bool, where: str, span: Span | None = None) -> Span:
    """Locate ``quote`` in ``text``.

    With ``span`` given (as extracted annotations do), the text there must equal the
    quote. Otherwise the ``occurrence``-th match is taken; without ``occurrence``,
    the first match, and when ``unique`` is set a quote found more than once is an
    error, since a fact must cite one place.

    Examples
    --------
    >>> find_quote("a b a", "b", None, True, "here")
    Span(start=2, end=3)
    """
    if span is not None:
        if text[span.start : span.end] != quote:
            raise CrmgraphError(f"{where}: the text at {span.start}-{span.end} is not the quote {_short(quote)}")
        return span
    starts = []
    position = text.find(quote)
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    if not starts:
        raise CrmgraphError(f"{where}: quote not found in the text: {_short(quote)}")
    if occurrence is not None:
        if occurrence > len(starts):
            raise CrmgraphError(f"{where}: occurrence {occurrence} asked for, but the quote occurs {len(starts)} time(s)")
        start = starts[occurrence - 1]
    elif unique and len(starts) > 1:
        raise CrmgraphError(f"{where}: quote occurs {len(starts)} times in the text; add 'occurrence' to say which: {_short(quote)}")
    else:
        start = starts[0]
    return Span(start, start + len(quote))


def _short(quote: str, limit: int = 80) -> str:
    quote = " ".join(quote.split())
    return repr(quote if len(quote) <= limit else quote[: limit - 1] + "…")


def locate_quotes(annotation: Annotation, document: Document) -> Annotation:
    """Fill in the span of every item, raising an error that names the item when a quote is not in the text."""
    where = annotation.where
    if annotation.document != document.id:
        raise CrmgraphError(f"{where}: 'document' is {annotation.document!r} but the text is {document.id!r}")
    text = document.text
    for number, entity in enumerate(annotation.entities, 1):
        if entity.quote is not None:
            entity.span = find_quote(text, entity.quote, entity.occurrence, False, f"{where}: entity {number} ({entity.id})", entity.span)
    for number, relation in enumerate(annotation.relations, 1):
        relation.span = find_quote(text, relation.quote, relation.occurrence, True,
                                   f"{where}: relation {number} ({relation.describe()})", relation.span)
    for number, statement in enumerate(annotation.statements, 1):
        label = f"{where}: statement {number} ({statement.id})"
        statement.span = find_quote(text, statement.quote, statement.occurrence, True, label, statement.span)
        if statement.attribution is not None:
            statement.attribution_span = find_quote(text, statement.attribution, statement.attribution_occurrence, True,
                                                    f"{label} attribution", statement.attribution_span)
    return annotation


# --- writing ---------------------------------------------------------------------


def annotation_to_dict(annotation: Annotation) -> dict:
    """The YAML-ready form of an annotation, with spans written out as offsets."""

    def prov(p: Provenance) -> dict:
        if annotation.method == "curated":
            return {}
        out = {"rule": p.rule, "confidence": round(p.confidence, 3)}
        if p.needs_review:
            out["needs_review"] = True
        return out

    def span(s: Span | None, prefix: str = "") -> dict:
        return {} if s is None else {f"{prefix}start": s.start, f"{prefix}end": s.end}

    def clean(d: dict) -> dict:
        return {k: v for k, v in d.items() if v not in (None, [], {})}

    entities = [
        clean({"id": e.id, "type": e.type, "label": e.label, "aliases": e.aliases, "wikidata": e.wikidata,
               "identifiers": e.identifiers, "date": e.date, "url": e.url, "quote": e.quote, **span(e.span),
               **prov(e.provenance), "note": e.note})
        for e in annotation.entities
    ]
    relations = [
        clean({"subject": r.subject, "predicate": r.predicate, "object": r.object, "date": r.date,
               "concerns": r.concerns, "place": r.place, "citation": r.citation, "according_to": r.according_to,
               "quote": r.quote, **span(r.span), **prov(r.provenance), "note": r.note})
        for r in annotation.relations
    ]
    statements = [
        clean({"id": s.id, "speaker": s.speaker, "venue": s.venue, "date": s.date, "concerns": s.concerns,
               "stated_in": s.stated_in, "direct": s.direct, "quote": s.quote, **span(s.span),
               "attribution": s.attribution, **span(s.attribution_span, "attribution_"), **prov(s.provenance),
               "note": s.note})
        for s in annotation.statements
    ]
    return clean({"document": annotation.document, "coder": annotation.coder, "method": annotation.method,
                  "entities": entities, "relations": relations, "statements": statements})


def dump_annotation(annotation: Annotation) -> str:
    """Serialise an annotation as YAML in the curated format, ready for review."""
    return yaml.safe_dump(annotation_to_dict(annotation), sort_keys=False, allow_unicode=True, width=110)
