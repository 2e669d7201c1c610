"""The SHACL shapes pass the built graph and catch broken ones with a readable report."""

from __future__ import annotations

from rdflib import RDF, Literal
from rdflib.namespace import SKOS

from crmgraph.ontology import CRM, PROV
from crmgraph.rdf.validate import validate_graph

from conftest import assert_one_line_error, run_cli


def _copy(graph):
    from rdflib import Graph

    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_the_seed_graph_conforms(seed_rdflib):
    report = validate_graph(seed_rdflib)
    assert report.conforms, str(report)


def test_a_leader_without_office_fails_with_a_readable_report(seed_rdflib):
    graph = _copy(seed_rdflib)
    leader = next(graph.subjects(RDF.type, CRM.Leader))
    graph.remove((leader, CRM.holdsOffice, None))
    report = validate_graph(graph)
    assert not report.conforms
    text = str(report)
    assert "A Leader must hold an office" in text
    assert str(leader).rsplit("/", 1)[1] in text


def test_a_fact_without_provenance_fails(seed_rdflib):
    graph = _copy(seed_rdflib)
    fact = next(graph.subjects(RDF.type, CRM.Fact))
    graph.remove((fact, PROV.wasDerivedFrom, None))
    graph.remove((fact, CRM.evidence, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert any("source document" in p for p in report.problems)
    assert any("needs its evidence" in p for p in report.problems)


def test_a_relation_without_a_fact_fails(seed_rdflib):
    graph = _copy(seed_rdflib)
    china = next(s for s in graph.subjects(SKOS.prefLabel, Literal("China", lang="en")))
    afghanistan = next(s for s in graph.subjects(SKOS.prefLabel, Literal("Afghanistan", lang="en")))
    graph.add((china, CRM.investsIn, afghanistan))
    report = validate_graph(graph)
    assert any("has no fact behind it" in p and "investsIn" in p for p in report.problems)


def test_two_labels_or_two_core_types_fail(seed_rdflib):
    graph = _copy(seed_rdflib)
    china = next(s for s in graph.subjects(SKOS.prefLabel, Literal("China", lang="en")))
    graph.add((china, SKOS.prefLabel, Literal("PRC", lang="en")))
    graph.add((china, RDF.type, CRM.Region))
    problems = "\n".join(validate_graph(graph).problems)
    assert "exactly one preferred label" in problems
    assert "exactly one core type" in problems


def test_validate_command_reports_and_exits_non_zero(seed_rdflib, tmp_path):
    graph = _copy(seed_rdflib)
    leader = next(graph.subjects(RDF.type, CRM.Leader))
    graph.remove((leader, CRM.holdsOffice, None))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "A Leader must hold an office" in result.stdout


def test_validate_command_on_a_file_that_does_not_parse(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    assert_one_line_error(run_cli("validate", str(path)), "broken.ttl", "does not parse")
