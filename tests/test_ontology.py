"""The ontology and the mineral vocabulary: every term explained, aligned, and in step with the shapes."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph
from rdflib.namespace import SH, SKOS

from crmgraph.ontology import CRM, load_ontology
from crmgraph.resources import minerals_file, shapes_file


def _terms(graph):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(CRM))}


def test_every_term_has_a_label_and_a_one_sentence_definition():
    graph = load_ontology().graph
    terms = _terms(graph)
    assert len(terms) > 80
    for term in terms:
        assert graph.value(term, RDFS.label) is not None, term
        definition = graph.value(term, SKOS.definition)
        assert definition is not None, term
        assert str(definition).endswith(".") and str(definition).count(". ") == 0, (term, definition)


def test_terms_align_with_standard_vocabularies():
    graph = load_ontology().graph
    namespaces = {
        "http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/", "https://schema.org/",
        "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/",
        "http://www.w3.org/ns/oa#",
    }
    used = {
        ns for _, p, o in graph
        if p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass)
        for ns in namespaces if str(o).startswith(ns)
    }
    assert used == namespaces


def test_the_shapes_target_every_core_class():
    shapes = Graph().parse(shapes_file())
    entity_shape = next(s for s in shapes.subjects(RDF.type, SH.NodeShape) if str(s).endswith("#EntityShape"))
    targeted = {str(c).rsplit("#", 1)[-1] for c in shapes.objects(entity_shape, SH.targetClass)}
    assert targeted == set(load_ontology().core_classes)


def test_mineral_vocabulary_lists_have_their_official_sizes():
    graph = Graph().parse(minerals_file())
    sizes = {
        str(c).rsplit("/", 1)[-1]: len(list(graph.objects(c, SKOS.member)))
        for c in graph.subjects(RDF.type, SKOS.Collection)
    }
    assert sizes["eu-crma-2024-strategic"] == 17
    assert sizes["eu-crma-2024-critical"] == 34
    assert sizes["usgs-2022-critical-minerals"] == 50
    assert sizes["usgs-2025-critical-minerals"] == 60


def test_every_mineral_has_one_label_and_links_both_ways():
    graph = Graph().parse(minerals_file())
    for concept in graph.subjects(RDF.type, CRM.Mineral):
        assert len(list(graph.objects(concept, SKOS.prefLabel))) == 1, concept
        for broader in graph.objects(concept, SKOS.broader):
            assert (broader, SKOS.narrower, concept) in graph
