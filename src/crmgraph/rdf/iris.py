"""Stable IRIs for entities, facts and evidence.

Entities are named by their slug (``id:kazakhstan``); a fact and its evidence by a
hash of what they state and where (document, subject, property, object, span), so
rebuilding the same corpus gives the same IRIs, and a fact keeps its IRI until
its wording or its place in the text changes.
"""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from crmgraph.ontology import ID

VOCABULARY_GRAPH = ID["graph/vocabulary"]


def entity_iri(slug: str) -> URIRef:
    """The IRI of an entity, mineral or document.

    Examples
    --------
    >>> str(entity_iri("kazakhstan"))
    'https://w3id.org/crmgraph/id/kazakhstan'
    """
    return ID[slug]


def document_graph_iri(doc_id: str) -> URIRef:
    """The named graph holding what one document states: the document's own IRI."""
    return entity_iri(doc_id)


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def fact_iri(doc_id: str, subject: str, predicate: str, obj: str, start: int, end: int) -> URIRef:
    return ID[f"fact/{_digest(doc_id, subject, predicate, obj, start, end)}"]


def evidence_iri(doc_id: str, about: str, start: int, end: int) -> URIRef:
    return ID[f"evidence/{_digest(doc_id, about, start, end)}"]


def selector_iris(evidence: URIRef) -> tuple[URIRef, URIRef]:
    """The position and quote selectors of a piece of evidence."""
    return URIRef(f"{evidence}/position"), URIRef(f"{evidence}/quote")
