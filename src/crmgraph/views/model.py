"""The network the HTML view draws: entities as nodes, stated relations as edges with their evidence.

This module reads the RDF graph itself (it does not need :mod:`crmgraph.network`):
one pass over the triples collects the entities (anything with one core type of
the ontology), the ``crm:Fact`` s with their qualifiers and evidence, and the
corpus documents. The result is an ``nx.MultiDiGraph`` with one edge per stated
triple ``?s ?p ?o`` (key: the predicate's local name), each carrying the list of
facts that state it, so a relation stated in three sentences is one edge with
three pieces of evidence.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

#: The classes the view tells apart by colour and shape, in legend order. Every core
#: class of the ontology falls under the first of these it specialises, or "Other".
DISPLAY_CLASSES = ("State", "Region", "Organisation", "Person", "Mineral", "Agreement", "Event", "Statement")
OTHER = "Other"

#: Projections the view can draw: every entity taking part in the corpus, or the actors only.
PROJECTIONS = ("full", "actors")
_ACTOR_CLASSES = {"State", "Region", "Organisation", "Person"}

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"
_DCT = "http://purl.org/dc/terms/"
_CRM = "https://w3id.org/crmgraph/ontology#"
_ID = "https://w3id.org/crmgraph/id/"

_TYPE = _RDF + "type"
# Datatype properties of the ontology that are not identifiers of the entity.
_NOT_IDENTIFIERS = {"date", "quotation", "direct", "url", "sha256", "note", "rule", "confidence", "needsReview",
                    "sentence", "sentenceIndex"}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def _text(values: list | None) -> str | None:
    """One literal out of several, deterministically: English or untagged first, then the smallest."""
    if not values:
        return None
    ranked = sorted(values, key=lambda v: (getattr(v, "language", None) not in (None, "en"), str(v)))
    return str(ranked[0])


class _Vocabulary:
    """What the view needs from the ontology: display class per core class, labels, relation properties."""

    def __init__(self) -> None:
        from crmgraph.ontology import CRM, load_ontology

        onto = load_ontology()
        self.core = {str(CRM[c]): c for c in onto.core_classes}
        self.group: dict[str, str] = {}
        for name in onto.core_classes:
            self.group[name] = next((g for g in DISPLAY_CLASSES if onto.is_subclass(name, g)), OTHER)
        self.class_labels = {name: onto.label(CRM[name]) for name in onto.core_classes}
        self.identifiers = {
            str(CRM[name]): onto.label(CRM[name]) for name in onto.datatype_properties - _NOT_IDENTIFIERS
        }
        self._onto = onto
        self._labels: dict[str, str] = {}
        from rdflib import RDFS, URIRef

        relation = URIRef(_CRM + "relation")
        self.relations = {
            str(p) for p in onto.graph.transitive_subjects(RDFS.subPropertyOf, relation) if p != relation
        }

    def label(self, iri: str) -> str:
        if iri not in self._labels:
            from rdflib import URIRef

            self._labels[iri] = self._onto.label(URIRef(iri))
        return self._labels[iri]


def _triples(source) -> Iterable[tuple]:
    """The triples of a KnowledgeGraph (without building an rdflib graph) or of an rdflib graph."""
    if hasattr(source, "graphs") and hasattr(source, "triples") and hasattr(source, "documents"):
        return _union(source.graphs.values())  # the union of the named graphs, unsorted: the view sorts what it shows
    return source.triples((None, None, None))


def _union(graphs) -> Iterable[tuple]:
    seen: set = set()
    for triples in graphs:
        for triple in triples:
            if triple not in seen:
                seen.add(triple)
                yield triple


def view_network(source, projection: str = "full") -> "nx.MultiDiGraph":  # noqa: F821
    """The network the HTML view draws, read from a knowledge graph.

    Parameters
    ----------
    source : KnowledgeGraph or rdflib.Graph
        A built graph (:func:`crmgraph.rdf.build.build_graph`) or the parsed ``graph/crmgraph.ttl``.
    projection : {"full", "actors"}
        ``full``: every entity the corpus mentions or relates (documents, minerals and
        topics included; vocabulary concepts the corpus never uses are left out).
        ``actors``: states, regions, organisations and people, and the relations among them.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are entity IRIs with ``label``, ``type`` (core class), ``group`` (display
        class), ``wikidata``, ``identifiers`` and more; edges are keyed by the
        relation's local name and carry ``relation``, ``label``, ``years`` and
        ``facts`` (each with quote, sentence, document, date, method, confidence).
        ``graph.graph["documents"]`` lists the corpus documents.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> g = view_network(build_graph())
    >>> all("label" in data for _, data in g.nodes(data=True))
    True
    """
    import networkx as nx

    if projection not in PROJECTIONS:
        from crmgraph.errors import CrmgraphError

        raise CrmgraphError(f"unknown projection {projection!r} (use one of: {', '.join(PROJECTIONS)})")
    vocab = _Vocabulary()
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    facts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    plain: list[tuple[str, str, str]] = []
    fact_type = _CRM + "Fact"
    for s, p, o in _triples(source):
        s, p = str(s), str(p)
        if p in vocab.relations and not s.startswith(_ID + "fact/"):
            plain.append((s, p, str(o)))
        props[s][p].append(o)
    for s, by_predicate in props.items():
        if any(str(t) == fact_type for t in by_predicate.get(_TYPE, ())):
            facts[s] = by_predicate

    def entity_type(iri: str) -> str | None:
        for t in sorted(str(t) for t in props.get(iri, {}).get(_TYPE, ())):
            if t in vocab.core:
                return vocab.core[t]
        return None

    documents = sorted(
        (iri for iri, p in props.items() if entity_type(iri) == "Document" and _CRM + "sha256" in p),
    )
    doc_titles = {}
    for iri in sorted(iri for iri in props if entity_type(iri) == "Document"):
        doc_titles[iri] = _text(props[iri].get(_DCT + "title")) or _text(props[iri].get(_SKOS + "prefLabel")) or _local(iri)

    graph = nx.MultiDiGraph()
    graph.graph["documents"] = [_document_info(iri, props[iri], doc_titles[iri]) for iri in documents]
    graph.graph["projection"] = projection

    def keep(iri: str) -> bool:
        kind = entity_type(iri)
        if kind is None:
            return False
        return projection == "full" or vocab.group[kind] in _ACTOR_CLASSES

    # Entities the corpus mentions (they carry evidence of their own), and the ends of every relation.
    members = {iri for iri, p in props.items()
               if _PROV + "wasDerivedFrom" in p and _CRM + "evidence" in p and iri not in facts and keep(iri)}
    edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for fact_iri, f in facts.items():
        subject, predicate, obj = (str(_first(f, _RDF + k)) for k in ("subject", "predicate", "object"))
        if not (keep(subject) and keep(obj)):
            continue
        edges[(subject, predicate, obj)].append(_fact_info(fact_iri, f, props, doc_titles, vocab))
    for s, p, o in plain:
        if (s, p, o) not in edges and keep(s) and keep(o):
            edges[(s, p, o)] = []
    for s, _, o in edges:
        members.update((s, o))
    for iri in sorted(members):
        graph.add_node(iri, **_entity_info(iri, props[iri], entity_type(iri), vocab))
    for (s, p, o), stated in sorted(edges.items()):
        stated.sort(key=lambda fact: (fact["document"] or "", fact["start"] if fact["start"] is not None else -1,
                                      fact["id"]))
        years = sorted({fact["year"] for fact in stated if fact["year"] is not None})
        graph.add_edge(s, o, key=_local(p), relation=_local(p), label=vocab.label(p), iri=p, facts=stated,
                       years=years)
    return graph


def _first(values: dict, key: str):
    found = values.get(key)
    return sorted(found, key=str)[0] if found else None


def _year(value) -> int | None:
    if value is None:
        return None
    text = str(value)
    try:
        return int(text[:4]) if text[:4].isdigit() else None
    except ValueError:
        return None


def _document_info(iri: str, p: dict, title: str) -> dict[str, Any]:
    return {
        "id": iri,
        "title": title,
        "authors": sorted(str(a) for a in p.get(_DCT + "creator", ())),
        "date": _text(p.get(_CRM + "date")),
        "url": _text(p.get(_CRM + "url")),
        "publisher": _text(p.get(_DCT + "publisher")),
    }


def _entity_info(iri: str, p: dict, kind: str, vocab: _Vocabulary) -> dict[str, Any]:
    label = _text(p.get(_SKOS + "prefLabel")) or _text(p.get(_RDFS + "label")) or _local(iri)
    identifiers = {}
    for predicate, values in p.items():
        if predicate in vocab.identifiers:
            identifiers[vocab.identifiers[predicate]] = ", ".join(sorted(str(v) for v in values))
    info: dict[str, Any] = {
        "label": label,
        "type": kind,
        "type_label": vocab.class_labels.get(kind, kind),
        "group": vocab.group.get(kind, OTHER),
        "aliases": sorted({str(a) for a in p.get(_SKOS + "altLabel", ())} - {label}),
        "wikidata": sorted(str(w) for w in p.get(_SKOS + "exactMatch", ()) if "wikidata.org/" in str(w)),
        "identifiers": dict(sorted(identifiers.items())),
        "date": _text(p.get(_CRM + "date")),
        "url": _text(p.get(_CRM + "url")),
        "note": _text(p.get(_CRM + "note")),
        "quotation": _text(p.get(_CRM + "quotation")),
        "authors": sorted(str(a) for a in p.get(_DCT + "creator", ())),
    }
    return {k: v for k, v in info.items() if v not in (None, [], {})}


def _fact_info(iri: str, f: dict, props: dict, doc_titles: dict, vocab: _Vocabulary) -> dict[str, Any]:
    evidence = _first(f, _CRM + "evidence")
    ev = props.get(str(evidence), {}) if evidence is not None else {}
    exact = start = end = None
    for selector in sorted(ev.get(_OA + "hasSelector", ()), key=str):
        sp = props.get(str(selector), {})
        if _OA + "exact" in sp:
            exact = _text(sp[_OA + "exact"])
        if _OA + "start" in sp:
            start, end = int(_first(sp, _OA + "start")), int(_first(sp, _OA + "end"))
    document = _first(f, _PROV + "wasDerivedFrom")
    date = _first(f, _CRM + "date")
    confidence = _first(ev, _CRM + "confidence")

    def labels(key: str) -> list[str]:
        out = []
        for target in sorted(str(t) for t in f.get(key, ())):
            tp = props.get(target, {})
            out.append(_text(tp.get(_SKOS + "prefLabel")) or doc_titles.get(target) or _local(target))
        return out

    method = _first(f, _CRM + "method") or _first(ev, _CRM + "method")
    return {
        "id": iri,
        "quote": exact,
        "sentence": _text(ev.get(_CRM + "sentence")),
        "start": start,
        "end": end,
        "document": str(document) if document is not None else None,
        "document_title": doc_titles.get(str(document)) if document is not None else None,
        "date": str(date) if date is not None else None,
        "year": _year(date),
        "method": _local(str(method)) if method is not None else None,
        "confidence": float(confidence) if confidence is not None else None,
        "concerns": labels(_CRM + "concerns"),
        "citation": labels(_CRM + "citation"),
        "place": labels(_CRM + "place"),
        "according_to": labels(_CRM + "accordingTo"),
        "note": _text(f.get(_CRM + "note")),
    }
