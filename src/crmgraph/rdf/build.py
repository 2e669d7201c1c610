"""Build the knowledge graph: corpus and annotations in, RDF with provenance out.

Every relation is asserted as a plain triple (``id:china crm:tradePartnerOf
id:kazakhstan``), so queries stay simple, and reified as a ``crm:Fact`` that
carries its qualifiers (date, topics, citation) and its evidence: the document,
the character span, the exact quote with its context, the sentence, and how it
was obtained (curated, or extracted by which rule with what confidence).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Callable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from crmgraph.annotations import Annotation, Entity, Span, load_annotation, locate_quotes
from crmgraph.corpus import Document, load_corpus
from crmgraph.errors import CrmgraphError
from crmgraph.ontology import CRM, OA, Ontology, load_ontology
from crmgraph.rdf.iris import (
    VOCABULARY_GRAPH,
    document_graph_iri,
    entity_iri,
    evidence_iri,
    fact_iri,
    selector_iris,
)
from crmgraph.rdf.serialize import Triple, to_ntriples, to_trig, to_turtle

QUOTE_CONTEXT = 32  # characters of prefix and suffix kept with each quote


@dataclass
class KnowledgeGraph:
    """A built graph: one list of triples per named graph, plus what went into it."""

    graphs: dict[URIRef, list[Triple]]
    documents: list[Document]
    annotations: list[Annotation]
    warnings: list[str] = field(default_factory=list)
    _union: list[Triple] | None = field(default=None, init=False, repr=False, compare=False)

    def triples(self) -> list[Triple]:
        """Every triple, once (the union of the named graphs), sorted.

        Computed once: validation, the files and the summary all need it, and on a
        large corpus the sort over millions of terms is not free.
        """
        if self._union is None:
            self._union = sorted({t for triples in self.graphs.values() for t in triples})
        return list(self._union)

    def to_rdflib(self) -> Graph:
        """The union graph as an rdflib Graph, for queries and validation."""
        graph = Graph()
        for triple in self.triples():
            graph.add(triple)
        return graph

    def summary(self) -> dict:
        """Counts per class, per relation and per method, for the build report and ``summary.json``."""
        return summarise(self.triples(), [d.id for d in self.documents])


# --- entities known without an annotation -----------------------------------------


@dataclass
class _Known:
    type: str
    label: str
    source: str


def vocabulary_triples() -> list[Triple]:
    """The mineral vocabulary with the critical-mineral lists, shipped with crmgraph."""
    from crmgraph.resources import minerals_file

    graph = Graph()
    try:
        graph.parse(minerals_file(), format="turtle")
    except FileNotFoundError:
        return []
    return sorted(graph)


def _vocabulary_entities(triples: list[Triple], ontology: Ontology) -> dict[str, _Known]:
    core = {ontology.class_iri(c): c for c in ontology.core_classes}
    labels = {s: str(o) for s, p, o in triples if p == SKOS.prefLabel}
    known = {}
    for s, p, o in triples:
        if p == RDF.type and o in core and str(s).startswith(str(entity_iri(""))):
            known[str(s)[len(str(entity_iri(""))):]] = _Known(core[o], labels.get(s, ""), "the mineral vocabulary")
    return known


# --- the build --------------------------------------------------------------------


def load_annotations(documents: list[Document], ontology: Ontology, warnings: list[str],
                     use_extractor: bool = True, *, min_confidence: float | None = None,
                     workers: int | None = None, progress_bar: Callable | None = None) -> list[Annotation]:
    """The curated annotation of each document, or the extractor's proposals where there is none.

    The extractor runs over the documents without an annotation on all cores (or
    ``workers`` processes) once there are many of them, inside
    ``progress_bar(length=n, label=...)`` (a context manager with ``update(k)``, such
    as ``click.progressbar``) when one is given; it keeps facts at or above ``min_confidence`` (by default
    :data:`crmgraph.extract.DEFAULT_MIN_CONFIDENCE`). Extracted entities then take
    the type and label that a curated annotation (or the first document) gives the
    same id, so that one entity keeps one definition across the corpus.
    """
    annotations: list[Annotation | None] = [None] * len(documents)
    pending = []
    for number, document in enumerate(documents):
        if document.annotation_path is not None:
            annotations[number] = load_annotation(document.annotation_path, ontology)
        elif use_extractor:
            pending.append(number)
        else:
            warnings.append(f"{document.path or document.id}: no annotation; only the document itself is in the graph")
            annotations[number] = Annotation(document=document.id, method="extracted")
    if pending:
        from contextlib import nullcontext

        from crmgraph.extract import DEFAULT_MIN_CONFIDENCE
        from crmgraph.extract.batch import propose_many

        threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
        bar = progress_bar(length=len(pending), label="extracting") if progress_bar else nullcontext()
        with bar as shown:
            proposals = propose_many([documents[n] for n in pending], min_confidence=threshold, workers=workers,
                                     progress=shown.update if shown is not None else None)
        for number, annotation in zip(pending, proposals):
            annotations[number] = annotation
        _harmonise(annotations, {d.id for d in documents})
    return [locate_quotes(annotation, document) for annotation, document in zip(annotations, documents)]


def _harmonise(annotations: list[Annotation], document_ids: set[str]) -> None:
    """Give extracted entities the definition (type, label) of the curated or first annotation with that id."""
    definitions: dict[str, Entity] = {}
    for annotation in annotations:
        if annotation.method == "curated":
            for entity in annotation.entities:
                if entity.type is not None and entity.label is not None:
                    definitions.setdefault(entity.id, entity)
    taken = {s.id for a in annotations if a.method == "curated" for s in a.statements}
    for annotation in annotations:
        if annotation.method != "extracted":
            continue
        for entity in annotation.entities:
            if entity.id in document_ids:
                entity.type, entity.label, entity.wikidata, entity.identifiers = None, None, None, {}
                continue
            first = definitions.get(entity.id)
            if first is None:
                definitions[entity.id] = entity
            else:
                entity.type, entity.label = first.type, first.label
                if entity.wikidata != first.wikidata:
                    entity.wikidata = None
        for statement in annotation.statements:
            base, n = statement.id, 2
            while statement.id in taken or statement.id in definitions:
                statement.id, n = f"{base}-{n}", n + 1
            taken.add(statement.id)


def build_graph(corpus: Path | list[Document] | None = None, *, use_extractor: bool = True,
                min_confidence: float | None = None, workers: int | None = None,
                progress: Callable[[str], None] | None = None,
                progress_bar: Callable | None = None) -> KnowledgeGraph:
    """Build the knowledge graph of a corpus folder (the shipped default when None).

    Documents without a curated annotation get the extractor's proposals with
    confidence of at least ``min_confidence`` (see :func:`load_annotations`);
    ``progress`` receives one-line messages, ``progress_bar`` draws the extraction.

    Raises :class:`~crmgraph.errors.CrmgraphError` naming the file and item when an
    annotation is malformed, uses an unknown class or property, cites a quote that
    is not in its text, or refers to an entity defined nowhere.

    Examples
    --------
    >>> kg = build_graph()
    >>> kg.summary()["documents"]
    1
    """
    from crmgraph.resources import default_corpus

    ontology = load_ontology()
    if corpus is None:
        corpus = default_corpus()
    documents = corpus if isinstance(corpus, list) else load_corpus(Path(corpus))
    warnings: list[str] = []
    if progress:
        progress(f"read {len(documents)} document(s)")
    annotations = load_annotations(documents, ontology, warnings, use_extractor, min_confidence=min_confidence,
                                   workers=workers, progress_bar=progress_bar)
    vocabulary = vocabulary_triples()
    builder = _Builder(ontology, documents, annotations, _vocabulary_entities(vocabulary, ontology))
    graphs = builder.run()
    graphs[VOCABULARY_GRAPH] = sorted(set(vocabulary) | set(graphs.get(VOCABULARY_GRAPH, [])))
    if progress:
        progress(f"built {sum(len(g) for g in graphs.values())} triples")
    return KnowledgeGraph(graphs=graphs, documents=documents, annotations=annotations, warnings=warnings)


def _typed_date(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=datatype)


#: Typographic variants that do not make two labels different: dashes, quotation marks, no-break spaces.
_TYPOGRAPHIC = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'", "“": '"', "”": '"',
                              "\u00a0": " "})


class _Builder:
    def __init__(self, ontology: Ontology, documents: list[Document], annotations: list[Annotation],
                 vocabulary: dict[str, _Known]):
        self.ontology = ontology
        self.documents = {d.id: d for d in documents}
        self.annotations = annotations
        self.vocabulary = vocabulary
        self.graphs: dict[URIRef, set[Triple]] = {}
        self.definitions: dict[str, tuple[Entity, str]] = {}
        self.statement_ids: dict[str, str] = {}

    def run(self) -> dict[URIRef, list[Triple]]:
        self._collect_definitions()
        for document in self.documents.values():
            self._document_node(document)
        for annotation in self.annotations:
            self._annotation(annotation)
        return {name: sorted(triples) for name, triples in self.graphs.items()}

    # definitions are merged across documents: one entity, one IRI, one label and type
    def _collect_definitions(self) -> None:
        for annotation in self.annotations:
            for entity in annotation.entities:
                where = f"{annotation.where}: entity {entity.id}"
                known = self.vocabulary.get(entity.id)
                if known is not None:
                    if entity.type is not None and entity.type != known.type:
                        raise CrmgraphError(f"{where}: type {entity.type} disagrees with {known.source} ({known.type})")
                    continue
                if entity.id in self.documents:
                    if entity.type not in (None, "Document"):
                        raise CrmgraphError(f"{where}: {entity.id!r} is a document of the corpus, so its type is Document")
                    continue
                previous = self.definitions.get(entity.id)
                if previous is None:
                    if entity.type is None or entity.label is None:
                        raise CrmgraphError(f"{where}: a new entity needs 'type' and 'label'")
                    self.definitions[entity.id] = (entity, annotation.where)
                    continue
                first, first_where = previous
                narrower = None not in (entity.type, first.type) and entity.type != first.type and \
                    self.ontology.is_subclass(entity.type, first.type)
                if narrower:
                    # a person who holds an office in one document and is only named in another is a Leader:
                    # the more specific class wins, whichever document comes first
                    first = replace(first, type=entity.type)
                    self.definitions[entity.id] = (first, first_where)
                for key in ("type", "label", "wikidata"):
                    mine, theirs = getattr(entity, key), getattr(first, key)
                    if not self._agree(key, mine, theirs):
                        raise CrmgraphError(f"{where}: {key} {mine!r} disagrees with {theirs!r} in {first_where}")
            for statement in annotation.statements:
                if statement.id in self.statement_ids or statement.id in self.definitions:
                    raise CrmgraphError(f"{annotation.where}: statement id {statement.id!r} is used twice in the corpus")
                self.statement_ids[statement.id] = annotation.where

    def _agree(self, key: str, mine: str | None, theirs: str | None) -> bool:
        """Whether another document's ``key`` (``mine``) agrees with the definition's (``theirs``)."""
        if mine is None or theirs is None or mine == theirs:
            return True
        if key == "type":
            return self.ontology.is_subclass(theirs, mine)  # the definition's class is this one or narrower
        if key == "label":  # "China–Central Asia" and "China-Central Asia" are one label (the first is kept)
            return mine.translate(_TYPOGRAPHIC) == theirs.translate(_TYPOGRAPHIC)
        return False

    def _type_of(self, entity_id: str) -> str | None:
        if entity_id in self.definitions:
            return self.definitions[entity_id][0].type
        if entity_id in self.vocabulary:
            return self.vocabulary[entity_id].type
        if entity_id in self.documents:
            return "Document"
        if entity_id in self.statement_ids:
            return "Statement"
        return None

    def _label_of(self, entity_id: str) -> str:
        if entity_id in self.definitions:
            return self.definitions[entity_id][0].label
        if entity_id in self.vocabulary:
            return self.vocabulary[entity_id].label
        if entity_id in self.documents:
            return self.documents[entity_id].title
        return entity_id

    def _ref(self, entity_id: str, where: str) -> URIRef:
        if self._type_of(entity_id) is None:
            raise CrmgraphError(
                f"{where}: {entity_id!r} is not an entity of any annotation, the mineral vocabulary or the corpus"
            )
        return entity_iri(entity_id)

    def _add(self, graph: URIRef, *triples: Triple) -> None:
        self.graphs.setdefault(graph, set()).update(triples)

    def _document_node(self, document: Document) -> None:
        node, meta = entity_iri(document.id), document.metadata
        triples = [
            (node, RDF.type, CRM.Document),
            (node, SKOS.prefLabel, Literal(document.title, lang="en")),
            (node, RDFS.label, Literal(document.title, lang="en")),
            (node, DCTERMS.title, Literal(document.title, lang="en")),
            (node, DCTERMS.identifier, Literal(document.id)),
            (node, CRM.sha256, Literal(document.sha256)),
        ]
        for author in meta.get("authors") or []:
            triples.append((node, DCTERMS.creator, Literal(str(author))))
        if meta.get("date"):
            triples.append((node, CRM.date, _typed_date(meta["date"])))
        if meta.get("url"):
            triples.append((node, CRM.url, Literal(str(meta["url"]), datatype=XSD.anyURI)))
        if meta.get("publisher"):
            triples.append((node, DCTERMS.publisher, Literal(str(meta["publisher"]))))
        if meta.get("language"):
            triples.append((node, DCTERMS.language, Literal(str(meta["language"]))))
        self._add(document_graph_iri(document.id), *triples)

    def _evidence(self, graph: URIRef, document: Document, about: str, span: Span, provenance) -> URIRef:
        node = evidence_iri(document.id, about, span.start, span.end)
        position, quote = selector_iris(node)
        text = document.text
        first = document.sentence_at(span.start)
        last = document.sentence_at(max(span.start, span.end - 1))
        sentence_start = first.start if first else span.start
        sentence_end = last.end if last else span.end
        triples = [
            (node, RDF.type, CRM.Evidence),
            (node, OA.hasSource, entity_iri(document.id)),
            (node, OA.hasSelector, position),
            (node, OA.hasSelector, quote),
            (node, CRM.sentence, Literal(text[sentence_start:sentence_end])),
            (node, CRM.method, CRM[provenance.method]),
            (node, CRM.confidence, Literal(Decimal(f"{provenance.confidence:.3f}"), datatype=XSD.decimal)),
            (position, RDF.type, OA.TextPositionSelector),
            (position, OA.start, Literal(span.start)),
            (position, OA.end, Literal(span.end)),
            (quote, RDF.type, OA.TextQuoteSelector),
            (quote, OA.exact, Literal(text[span.start : span.end])),
            (quote, OA.prefix, Literal(text[max(0, span.start - QUOTE_CONTEXT) : span.start])),
            (quote, OA.suffix, Literal(text[span.end : span.end + QUOTE_CONTEXT])),
        ]
        if first:
            triples.append((node, CRM.sentenceIndex, Literal(first.index)))
        if provenance.rule:
            triples.append((node, CRM.rule, Literal(provenance.rule)))
        if provenance.needs_review:
            triples.append((node, CRM.needsReview, Literal(True)))
        self._add(graph, *triples)
        return node

    def _entity(self, graph: URIRef, document: Document, entity: Entity, where: str) -> None:
        node = entity_iri(entity.id)
        triples: list[Triple] = []
        definition = self.definitions.get(entity.id)
        if definition is not None:
            first = definition[0]
            merged = [entity, first] if entity is not first else [entity]
            kind = self.ontology.class_iri(first.type)
            triples += [
                (node, RDF.type, kind),
                (node, SKOS.prefLabel, Literal(first.label, lang="en")),
                (node, RDFS.label, Literal(first.label, lang="en")),
            ]
            for item in merged:
                triples += [(node, SKOS.altLabel, Literal(a, lang="en")) for a in item.aliases if a != first.label]
                if item.wikidata:
                    triples.append((node, SKOS.exactMatch, URIRef(item.wikidata)))
                for key, value in item.identifiers.items():
                    triples.append((node, CRM[key], Literal(value)))
                if item.date:
                    triples.append((node, CRM.date, _typed_date(item.date)))
                if item.url:
                    triples.append((node, CRM.url, Literal(item.url, datatype=XSD.anyURI)))
                if item.note:
                    triples.append((node, CRM.note, Literal(item.note, lang="en")))
            if first.type == "Document":
                triples.append((node, DCTERMS.title, Literal(first.label, lang="en")))
        elif entity.id in self.documents and entity.url:
            triples.append((node, CRM.url, Literal(entity.url, datatype=XSD.anyURI)))
        if entity.span is not None:
            evidence = self._evidence(graph, document, f"entity:{entity.id}", entity.span, entity.provenance)
            triples += [(node, CRM.evidence, evidence), (node, PROV.wasDerivedFrom, entity_iri(document.id))]
        self._add(graph, *triples)

    def _fact(self, graph: URIRef, document: Document, subject: URIRef, predicate: str, obj: URIRef, span: Span,
              provenance, where: str, date: str | None = None, concerns=(), place=None, citation=(),
              according_to=None, note=None) -> None:
        fact = fact_iri(document.id, subject, predicate, obj, span.start, span.end)
        evidence = self._evidence(graph, document, f"fact:{fact}", span, provenance)
        triples = [
            (subject, CRM[predicate], obj),
            (fact, RDF.type, CRM.Fact),
            (fact, RDF.subject, subject),
            (fact, RDF.predicate, CRM[predicate]),
            (fact, RDF.object, obj),
            (fact, PROV.wasDerivedFrom, entity_iri(document.id)),
            (fact, CRM.evidence, evidence),
            (fact, CRM.method, CRM[provenance.method]),
        ]
        if date:
            triples.append((fact, CRM.date, _typed_date(date)))
        triples += [(fact, CRM.concerns, self._ref(c, where)) for c in concerns]
        triples += [(fact, CRM.citation, self._ref(c, where)) for c in citation]
        if place:
            triples.append((fact, CRM.place, self._ref(place, where)))
        if according_to:
            triples.append((fact, CRM.accordingTo, self._ref(according_to, where)))
        if note:
            triples.append((fact, CRM.note, Literal(note, lang="en")))
        if provenance.needs_review:
            triples.append((fact, CRM.needsReview, Literal(True)))
        self._add(graph, *triples)

    def _annotation(self, annotation: Annotation) -> None:
        document = self.documents[annotation.document]
        graph = document_graph_iri(document.id)
        for entity in annotation.entities:
            self._entity(graph, document, entity, f"{annotation.where}: entity {entity.id}")
        for number, relation in enumerate(annotation.relations, 1):
            where = f"{annotation.where}: relation {number} ({relation.describe()})"
            subject, obj = self._ref(relation.subject, where), self._ref(relation.object, where)
            self._check_domain(relation, where)
            self._fact(graph, document, subject, relation.predicate, obj, relation.span, relation.provenance, where,
                       relation.date, relation.concerns, relation.place, relation.citation, relation.according_to,
                       relation.note)
        for number, statement in enumerate(annotation.statements, 1):
            self._statement(graph, document, statement, f"{annotation.where}: statement {number} ({statement.id})")

    def _check_domain(self, relation, where: str) -> None:
        # The few constraints whose violation is always a coding slip; the SHACL shapes check the rest.
        if relation.predicate == "holdsOffice" and self._type_of(relation.object) != "Office":
            raise CrmgraphError(f"{where}: holdsOffice must point to an Office, not a {self._type_of(relation.object)}")
        if relation.subject == relation.object:
            raise CrmgraphError(f"{where}: an entity cannot be related to itself")

    def _statement(self, graph: URIRef, document: Document, statement, where: str) -> None:
        node = entity_iri(statement.id)
        speaker = self._label_of(statement.speaker) if statement.speaker else "Unattributed"
        words = " ".join(statement.quote.split())
        label = f"{speaker}: “{words[:70]}…”" if len(words) > 70 else f"{speaker}: “{words}”"
        evidence = self._evidence(graph, document, f"statement:{statement.id}", statement.span, statement.provenance)
        triples = [
            (node, RDF.type, CRM.Statement),
            (node, SKOS.prefLabel, Literal(label, lang="en")),
            (node, RDFS.label, Literal(label, lang="en")),
            (node, CRM.quotation, Literal(statement.quote, lang="en")),
            (node, CRM.direct, Literal(statement.direct)),
            (node, CRM.evidence, evidence),
            (node, PROV.wasDerivedFrom, entity_iri(document.id)),
        ]
        if statement.date:
            triples.append((node, CRM.date, _typed_date(statement.date)))
        if statement.note:
            triples.append((node, CRM.note, Literal(statement.note, lang="en")))
        self._add(graph, *triples)
        cite = statement.attribution_span or statement.span
        links = [("speaker", statement.speaker), ("venue", statement.venue), ("statedIn", statement.stated_in)]
        links += [("concerns", topic) for topic in statement.concerns]
        for predicate, target in links:
            if target:
                span = cite if predicate != "concerns" else statement.span
                self._fact(graph, document, node, predicate, self._ref(target, where), span, statement.provenance,
                           where, statement.date)


# --- summary and files --------------------------------------------------------------


def summarise(triples: list[Triple], document_ids: list[str]) -> dict:
    ontology = load_ontology()
    core = {ontology.class_iri(c): c for c in ontology.core_classes}
    classes = Counter(core[o] for s, p, o in triples if p == RDF.type and o in core)
    relations = Counter(
        str(o)[len(str(CRM)):] for s, p, o in triples if p == RDF.predicate
    )
    facts = {s for s, p, o in triples if p == RDF.type and o == CRM.Fact}
    methods = Counter(str(o)[len(str(CRM)):] for s, p, o in triples if p == CRM.method and s in facts)
    return {
        "documents": len(document_ids),
        "triples": len(triples),
        "facts": sum(relations.values()),
        "entities per class": dict(sorted(classes.items())),
        "facts per relation": dict(sorted(relations.items())),
        "facts per method": dict(sorted(methods.items())),
    }


def graph_files(kg: KnowledgeGraph, out_dir: Path) -> dict[Path, bytes]:
    """The contents of every file ``build`` writes into ``out_dir``."""
    header = (
        "crmgraph knowledge graph, built from the corpus: "
        + ", ".join(d.id for d in kg.documents)
        + "\nGenerated by crmgraph build; edit the corpus and annotations, not this file."
    )
    triples = kg.triples()
    return {
        out_dir / "crmgraph.ttl": to_turtle(triples, header).encode("utf-8"),
        out_dir / "crmgraph.trig": to_trig(kg.graphs, header).encode("utf-8"),
        out_dir / "crmgraph.nt": to_ntriples(triples).encode("utf-8"),
        out_dir / "summary.json": (json.dumps(kg.summary(), indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
    }
