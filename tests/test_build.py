"""`crmgraph build`: provenance at exact offsets, deterministic files, atomic failure on bad input."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from crmgraph.ontology import CRM, OA
from crmgraph.rdf.iris import entity_iri

from conftest import CORPUS, SEED_ID, assert_one_line_error, run_cli, snapshot


def test_build_writes_the_graph_files(seed_graph_dir):
    names = {p.name for p in seed_graph_dir.iterdir()}
    assert {"crmgraph.ttl", "crmgraph.trig", "crmgraph.nt", "summary.json", "crmgraph.html"} <= names
    summary = json.loads((seed_graph_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 1
    assert summary["facts"] > 50
    assert summary["facts per method"] == {"curated": summary["facts"]}


def test_the_three_serialisations_hold_the_same_triples(seed_graph_dir):
    from rdflib import Dataset

    turtle = Graph().parse(seed_graph_dir / "crmgraph.ttl", format="turtle")
    ntriples = Graph().parse(seed_graph_dir / "crmgraph.nt", format="nt")
    dataset = Dataset()
    dataset.parse(seed_graph_dir / "crmgraph.trig", format="trig")
    trig = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert set(turtle) == set(ntriples) == trig
    graph_names = {g for _, _, _, g in dataset.quads((None, None, None, None))}
    assert entity_iri(SEED_ID) in graph_names  # one named graph per document


def test_every_quote_is_in_the_text_at_its_recorded_offsets(seed_rdflib):
    text = (CORPUS / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    evidence = list(seed_rdflib.subjects(RDF.type, CRM.Evidence))
    assert len(evidence) > 100
    for node in evidence:
        assert seed_rdflib.value(node, OA.hasSource) == entity_iri(SEED_ID)
        selectors = list(seed_rdflib.objects(node, OA.hasSelector))
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in seed_rdflib)
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in seed_rdflib)
        start = seed_rdflib.value(position, OA.start).toPython()
        end = seed_rdflib.value(position, OA.end).toPython()
        exact = str(seed_rdflib.value(quote, OA.exact))
        assert text[start:end] == exact
        assert text[:start].endswith(str(seed_rdflib.value(quote, OA.prefix)))
        assert text[end:].startswith(str(seed_rdflib.value(quote, OA.suffix)))
        assert exact in str(seed_rdflib.value(node, CRM.sentence)) or str(seed_rdflib.value(node, CRM.sentence)) in exact


def test_every_relation_triple_is_backed_by_a_fact_with_evidence(seed_rdflib):
    relations = {p for p in seed_rdflib.objects(None, RDF.predicate)}
    for predicate in relations:
        for s, o in seed_rdflib.subject_objects(predicate):
            if (s, RDF.type, CRM.Fact) in seed_rdflib:
                continue  # qualifiers of a fact (its topics) are not relations of their own
            facts = [
                f for f in seed_rdflib.subjects(RDF.subject, s)
                if (f, RDF.predicate, predicate) in seed_rdflib and (f, RDF.object, o) in seed_rdflib
            ]
            assert facts, (s, predicate, o)
            for fact in facts:
                assert seed_rdflib.value(fact, CRM.evidence) is not None
                assert seed_rdflib.value(fact, CRM.method) == CRM.curated


def test_builds_are_byte_identical_whatever_the_hash_seed(tmp_path):
    for seed in ("1", "2"):
        result = run_cli("build", "-q", "--out", str(tmp_path / seed), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path / "1") == snapshot(tmp_path / "2")


def test_the_graph_has_no_blank_nodes(seed_graph_dir):
    assert "_:" not in (seed_graph_dir / "crmgraph.nt").read_text(encoding="utf-8")


def test_committed_graph_is_up_to_date(seed_graph_dir):
    """graph/ in the repository is what the code builds now (regenerate with `crmgraph build`)."""
    from conftest import ROOT

    committed = ROOT / "graph"
    for name in ("crmgraph.ttl", "crmgraph.trig", "crmgraph.nt", "summary.json", "crmgraph.html"):
        assert (committed / name).read_bytes() == (seed_graph_dir / name).read_bytes(), name


# --- bad input: one line, non-zero exit, graph untouched ----------------------------------


@pytest.fixture()
def existing_graph(tmp_path):
    out = tmp_path / "graph"
    result = run_cli("build", "-q", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _annotation(corpus):
    return corpus / f"{SEED_ID}.annotations.yaml"


def _replace(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _build_fails(corpus, out, *fragments):
    before = snapshot(out)
    result = run_cli("build", "--corpus", str(corpus), "--out", str(out))
    assert_one_line_error(result, *fragments)
    assert snapshot(out) == before


def test_missing_corpus(existing_graph, tmp_path):
    _build_fails(tmp_path / "nowhere", existing_graph, "corpus folder", "does not exist")


def test_quote_not_in_the_text_names_the_fact(existing_graph, corpus_copy):
    _replace(_annotation(corpus_copy), "is the main trade partner of Kazakhstan", "is the main trade partner of Kazakstan")
    _build_fails(corpus_copy, existing_graph, "quote not found", "relation ", "china", "annotations.yaml")


def test_a_coder_that_is_no_text(existing_graph, corpus_copy):
    text = _annotation(corpus_copy).read_text(encoding="utf-8")
    coder = next(line for line in text.splitlines() if line.startswith("coder:"))
    _replace(_annotation(corpus_copy), coder, "coder: [a, b]")
    _build_fails(corpus_copy, existing_graph, "'coder' must be text")


def test_unknown_class(existing_graph, corpus_copy):
    _replace(_annotation(corpus_copy), "type: State", "type: Nation")
    _build_fails(corpus_copy, existing_graph, "unknown class 'Nation'")


def test_unknown_property(existing_graph, corpus_copy):
    _replace(_annotation(corpus_copy), "predicate: tradePartnerOf", "predicate: tradesWith")
    _build_fails(corpus_copy, existing_graph, "unknown property 'tradesWith'")


def test_malformed_annotation_file(existing_graph, corpus_copy):
    _annotation(corpus_copy).write_text("document: x\nentities: [\n  - id: a\n", encoding="utf-8")
    _build_fails(corpus_copy, existing_graph, "malformed YAML at line")


def test_reference_to_an_undefined_entity(existing_graph, corpus_copy):
    _replace(_annotation(corpus_copy), "object: kazakhstan", "object: kazakhstann")
    _build_fails(corpus_copy, existing_graph, "'kazakhstann' is not an entity")


def test_output_folder_that_is_a_file(corpus_copy, tmp_path):
    blocker = tmp_path / "graph"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("build", "--corpus", str(corpus_copy), "--out", str(blocker))
    assert_one_line_error(result, "output folder", "not a folder")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_output_folder_on_a_read_only_filesystem():
    result = run_cli("build", "--out", "/proc/crmgraph-test-output")
    assert_one_line_error(result, "/proc/crmgraph-test-output")


def test_ambiguous_fact_quote_must_say_which_occurrence(existing_graph, corpus_copy):
    # "Kazakhstan" occurs many times in the essay: a fact citing it must say which one.
    _replace(_annotation(corpus_copy), "\nrelations:\n",
             "\nrelations:\n  - subject: china\n    predicate: engagesWith\n    object: kazakhstan\n"
             "    quote: Kazakhstan\n")
    _build_fails(corpus_copy, existing_graph, "add 'occurrence'")


def test_a_person_named_in_one_document_and_holding_an_office_in_another_is_one_leader(tmp_path):
    """Two curated annotations may type one person Person (no office in that text) and Leader (an office in
    this one): the more specific class wins, in either order; classes neither of which is the other's still clash."""
    import shutil

    from conftest import ROOT
    from crmgraph.errors import CrmgraphError
    from crmgraph.rdf.build import build_graph

    texts = ROOT / "tests" / "texts"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("analysis-china-central-asia-mining", "wire-flashes-central-asia-2023"):
        for suffix in (".txt", ".meta.yaml", ".annotations.yaml"):
            shutil.copy(texts / f"{name}{suffix}", corpus / f"{name}{suffix}")
    graph = build_graph(corpus, use_extractor=False)
    types = {o for s, p, o in graph.triples() if s == entity_iri("xi-jinping") and p == RDF.type}
    assert CRM.Leader in types and CRM.Person not in types

    _replace(corpus / "wire-flashes-central-asia-2023.annotations.yaml",
             "{id: xi-jinping, type: Leader,", "{id: xi-jinping, type: Company,")
    with pytest.raises(CrmgraphError, match="xi-jinping"):
        build_graph(corpus, use_extractor=False)
