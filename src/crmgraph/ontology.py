"""The crmgraph ontology as Python sees it: namespaces and the terms an annotation may use.

The terms are read from ``ontology/crmgraph.ttl`` rather than listed here, so a
domain expert who adds a class or a property to the ontology can use it in an
annotation at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

CRM = Namespace("https://w3id.org/crmgraph/ontology#")
ID = Namespace("https://w3id.org/crmgraph/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

#: Prefixes used when serialising and in named queries.
PREFIXES: dict[str, Namespace] = {
    "crm": CRM,
    "id": ID,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "oa": OA,
    "org": ORG,
    "foaf": FOAF,
    "schema": SCHEMA,
    "wd": WD,
}


def sparql_prologue() -> str:
    """``PREFIX`` lines for every prefix crmgraph uses, to put before a query."""
    return "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())


@dataclass(frozen=True)
class Ontology:
    """The terms of the ontology, by local name.

    Examples
    --------
    >>> onto = load_ontology()
    >>> "State" in onto.core_classes and "partnerOf" in onto.object_properties
    True
    """

    graph: Graph
    core_classes: frozenset[str]
    object_properties: frozenset[str]
    datatype_properties: frozenset[str]
    symmetric_properties: frozenset[str]

    def class_iri(self, name: str) -> URIRef:
        return CRM[name]

    def is_subclass(self, name: str, ancestor: str) -> bool:
        """True when class ``name`` is ``ancestor`` or one of its subclasses."""
        target = CRM[ancestor]
        return target in set(self.graph.transitive_objects(CRM[name], RDFS.subClassOf))

    def label(self, term: URIRef) -> str:
        value = self.graph.value(term, RDFS.label)
        return str(value) if value is not None else str(term).rsplit("#", 1)[-1]


def _local_names(graph: Graph, subjects) -> frozenset[str]:
    return frozenset(str(s)[len(str(CRM)) :] for s in subjects if isinstance(s, URIRef) and str(s).startswith(str(CRM)))


@lru_cache(maxsize=4)
def load_ontology(path: Path | None = None) -> Ontology:
    """Parse the ontology (the shipped one by default) and index its terms."""
    from crmgraph.resources import ontology_file

    graph = Graph()
    graph.parse(path or ontology_file(), format="turtle")
    core = graph.subjects(CRM.coreType, Literal(True))
    return Ontology(
        graph=graph,
        core_classes=_local_names(graph, core),
        object_properties=_local_names(graph, graph.subjects(RDF.type, OWL.ObjectProperty)),
        datatype_properties=_local_names(graph, graph.subjects(RDF.type, OWL.DatatypeProperty)),
        symmetric_properties=_local_names(graph, graph.subjects(RDF.type, OWL.SymmetricProperty)),
    )
