"""SPARQL: query text handling, parameters bound safely, output formats, the query command."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef
from rdflib import namespace

from conftest import assert_one_line_error, run_cli
from crmgraph.errors import CrmgraphError
from crmgraph.ontology import CRM, ID
from crmgraph.sparql import format_result, run_query, select, select_dataframe
from crmgraph.store import OxigraphStore, RdflibStore, open_store
from crmgraph.store.querytext import bind_parameters, parse_param, query_form, sparql_term

HOSTILE = [
    'x" } UNION { ?s ?p ?label } #',
    '"Kazakhstan"@en } ; DROP ALL ; {',
    "it's {a} \\\" \"quoted\" \\",
    "line\nbreak } # and a comment",
    "<http://example.org/x> } UNION { ?s ?p ?o",
]


@pytest.fixture(scope="module")
def seed_file(seed_graph_dir):
    return seed_graph_dir / "crmgraph.ttl"


@pytest.fixture(scope="module")
def seed_store(seed_file):
    return open_store(seed_file)


# --- reading query text ------------------------------------------------------------------


@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("prefix ex: <http://e/>\nBASE <http://b/>\n# INSERT is only in a comment\nask { ?s ?p 'DELETE' }", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE id:china", "DESCRIBE"),
    ("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }", "UPDATE"),
    ("DELETE WHERE { ?s ?p ?o }", "UPDATE"),
    ("LOAD <http://example.org/x.ttl>", "UPDATE"),
    ("DROP ALL", "UPDATE"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
    ("nonsense", None),
])
def test_query_form(text, form):
    assert query_form(text) == form


@pytest.mark.parametrize("value, term", [
    ("id:china", ID.china),
    ("crm:partnerOf", CRM.partnerOf),
    ("<http://example.org/a>", URIRef("http://example.org/a")),
    ('"Kazakhstan"@en', Literal("Kazakhstan", lang="en")),
    ('"2022"^^xsd:gYear', Literal("2022", datatype=namespace.XSD.gYear)),
    ('"say "hi""', Literal('say "hi"')),
    ("2022", Literal("2022", datatype=namespace.XSD.integer)),
    ("true", Literal(True)),
    ("plain words", Literal("plain words")),
    ("nope:thing", Literal("nope:thing")),
])
def test_parse_param(value, term):
    assert parse_param(value) == term


@pytest.mark.parametrize("value", ["<http://a b>", "<http://a>b>", '"x"junk'])
def test_parse_param_rejects_what_is_not_a_term(value):
    with pytest.raises(CrmgraphError):
        parse_param(value)


def test_sparql_term_escapes_everything_that_could_end_a_literal():
    assert sparql_term(Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    with pytest.raises(CrmgraphError):
        sparql_term(URIRef("http://x> } DROP ALL { <y"))


def test_values_block_goes_first_in_the_where_clause():
    assert bind_parameters("SELECT ?o WHERE { ?s ?p ?o }", {"s": "id:a"}).text == \
        "SELECT ?o WHERE { VALUES (?s) { (<https://w3id.org/crmgraph/id/a>) } ?s ?p ?o }"
    construct = bind_parameters("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": "id:a"}).text
    assert construct.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES")
    nested = bind_parameters("SELECT (EXISTS { ?s ?p 1 } AS ?e) WHERE { ?s ?p ?o }", {"s": "id:a"}).text
    assert nested.startswith("SELECT (EXISTS { ?s ?p 1 } AS ?e) WHERE { VALUES")
    subselect = bind_parameters("SELECT ?s WHERE { SELECT ?s WHERE { ?s ?p ?o } }", {"s": "id:a"}).text
    assert "WHERE { VALUES (?s) { (<https://w3id.org/crmgraph/id/a>) } { SELECT ?s" in subselect


def test_a_parameter_must_name_a_variable_of_the_query():
    with pytest.raises(CrmgraphError, match=r"no variable \?x"):
        bind_parameters("SELECT ?s WHERE { ?s ?p ?o }", {"x": "1"})
    with pytest.raises(CrmgraphError, match="parameter name"):
        bind_parameters("SELECT ?s WHERE { ?s ?p ?o }", {"s }": "1"})


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("make_store", [lambda f: open_store(f), lambda f: open_store(f, engine="rdflib")],
                         ids=["oxigraph", "rdflib"])
def test_a_hostile_param_value_cannot_change_the_query(seed_file, value, make_store):
    store = make_store(seed_file)
    # Bound as a whole string, the value matches no label: the query's structure is intact.
    assert store.query("SELECT ?s WHERE { ?s skos:prefLabel ?label }", {"label": Literal(value)}).rows == []
    # Read from the command line, it is either one term, bound whole, or refused.
    try:
        parse_param(value)
    except CrmgraphError:
        with pytest.raises(CrmgraphError, match="parameter value"):
            store.query("SELECT ?s WHERE { ?s skos:prefLabel ?label }", {"label": value})
    else:
        assert store.query("SELECT ?s WHERE { ?s skos:prefLabel ?label }", {"label": value}).rows == []
    # And it comes back exactly as given.
    result = store.query("SELECT ?v WHERE { }", {"v": Literal(value)})
    assert result.rows == [(Literal(value),)]
    # A label that exists is found, so the first assertion could have failed.
    assert store.query("SELECT ?s WHERE { ?s skos:prefLabel ?label }", {"label": '"Kazakhstan"@en'}).rows == [(ID.kazakhstan,)]


def test_params_bind_into_aggregates_and_ask(seed_store):
    count = seed_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s crm:partnerOf ?o }", {"s": "id:european-union"})
    assert int(count.rows[0][0]) == 2
    assert seed_store.query("ASK { ?s crm:tradePartnerOf ?o }", {"s": "id:china", "o": "id:kazakhstan"}).boolean
    assert not seed_store.query("ASK { ?s crm:tradePartnerOf ?o }", {"s": "id:kazakhstan", "o": "id:china"}).boolean


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_malformed_query_reports_line_and_column(seed_file, engine):
    store = open_store(seed_file, engine=engine)
    with pytest.raises(CrmgraphError) as info:
        store.query("SELECT ?x\nWHERE {\n  ?x a }")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("malformed query at line 3, column")
    with pytest.raises(CrmgraphError, match="malformed query at line 3, column"):
        store.query("SELECT ?x\nWHERE {\n  ?x a }", {"x": "id:china"})


def test_updates_are_refused_unless_allowed(seed_file):
    store = open_store(seed_file)
    before = len(store)
    for update in ("INSERT DATA { id:a id:b id:c }", "DELETE WHERE { ?s ?p ?o }", "DROP ALL", "CLEAR DEFAULT"):
        with pytest.raises(CrmgraphError, match="read-only unless you allow updates"):
            store.query(update)
    assert len(store) == before
    assert store.query("INSERT DATA { id:a id:b id:c }", allow_update=True).form == "UPDATE"
    assert len(store) == before + 1


def test_a_query_cannot_smuggle_an_update_through_a_comment_or_string(seed_store):
    before = len(seed_store)
    result = seed_store.query("# INSERT DATA { id:a id:b id:c }\nSELECT ?x WHERE { BIND('DROP ALL' AS ?x) }")
    assert result.rows == [(Literal("DROP ALL"),)]
    assert len(seed_store) == before


# --- results and formats -------------------------------------------------------------------


def test_select_and_dataframe_on_rdflib_graph_store_and_file(seed_file, seed_rdflib, seed_store):
    query = "SELECT ?label WHERE { ?s a crm:State ; skos:prefLabel ?label } ORDER BY ?label"
    expected = select(seed_rdflib, query)
    assert expected[0] == ["label"] and Literal("Kazakhstan", lang="en") in [r[0] for r in expected[1]]
    assert select(seed_store, query) == expected
    assert select(seed_file, query) == expected
    frame = select_dataframe(seed_store, query)
    assert list(frame.columns) == ["label"] and "Uzbekistan" in frame["label"].tolist()
    with pytest.raises(CrmgraphError, match="SELECT"):
        select(seed_store, "ASK { ?s ?p ?o }")


def test_every_form_on_every_engine(seed_file):
    for engine in ("oxigraph", "rdflib"):
        store = open_store(seed_file, engine=engine)
        assert store.query("ASK { id:china crm:tradePartnerOf id:kazakhstan }").boolean is True
        construct = store.query("CONSTRUCT { ?s crm:tradePartnerOf ?o } WHERE { ?s crm:tradePartnerOf ?o }")
        assert construct.form == "CONSTRUCT" and (ID.china, CRM.tradePartnerOf, ID.kazakhstan) in construct.triples
        describe = store.query("DESCRIBE id:kazakhstan")
        assert describe.form == "DESCRIBE" and any(t[0] == ID.kazakhstan for t in describe.triples)


def test_formats(seed_store):
    result = seed_store.query("SELECT ?s ?label WHERE { VALUES ?s { id:kazakhstan } ?s skos:prefLabel ?label }")
    table = format_result(result, "table").splitlines()
    assert table[0].split() == ["s", "label"] and table[2].split() == ["id:kazakhstan", "Kazakhstan"]
    assert format_result(result, "csv").splitlines() == ["s,label", "https://w3id.org/crmgraph/id/kazakhstan,Kazakhstan"]
    assert format_result(result, "tsv").splitlines() == ["?s\t?label",
                                                         '<https://w3id.org/crmgraph/id/kazakhstan>\t"Kazakhstan"@en']
    data = json.loads(format_result(result, "json"))
    assert data == {"head": {"vars": ["s", "label"]}, "results": {"bindings": [{
        "s": {"type": "uri", "value": str(ID.kazakhstan)},
        "label": {"type": "literal", "value": "Kazakhstan", "xml:lang": "en"}}]}}
    assert format_result(result, "markdown").splitlines()[2] == "| id:kazakhstan | Kazakhstan |"
    with pytest.raises(CrmgraphError, match="turtle is for CONSTRUCT"):
        format_result(result, "turtle")
    graph = seed_store.query("CONSTRUCT WHERE { id:china crm:tradePartnerOf ?o }")
    assert "id:china crm:tradePartnerOf id:kazakhstan ." in format_result(graph)
    assert json.loads(format_result(seed_store.query("ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}


def test_a_pipe_in_a_markdown_cell_is_escaped():
    store = OxigraphStore()
    result = store.query("SELECT ?v WHERE { }", {"v": '"a | b"'})
    assert format_result(result, "markdown").splitlines()[2] == "| a \\| b |"


# --- inference ---------------------------------------------------------------------------


def test_inference_finds_actors_of_every_kind(seed_file):
    query = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a crm:Actor }"
    plain = int(open_store(seed_file).query(query).rows[0][0])
    assert plain == 0
    store = open_store(seed_file, inference="rdfs")
    actors = int(store.query(query).rows[0][0])
    core = ("State", "Region", "IntergovernmentalOrganisation", "FinancialInstitution", "Company", "MediaOutlet",
            "ResearchInstitute", "GovernmentBody", "DiplomaticFormat", "Person", "Leader")
    values = " ".join(f"crm:{c}" for c in core)
    expected = int(open_store(seed_file).query(
        f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?a a ?c }}").rows[0][0])
    assert actors >= expected > 40
    # subproperties: every specific relation is also a crm:relation
    assert store.query("ASK { id:china crm:relation id:kazakhstan }").boolean
    # a domain: the speaker of a statement is about a Statement
    assert store.query("ASK { id:tokayev-2023-new-oil a prov:Entity }").boolean


def test_native_rdfs_agrees_with_owlrl_on_the_crm_terms(seed_file):
    """Our fast RDFS rules give the same crm: types and relations as owlrl's RDFS closure."""
    import owlrl
    from rdflib import RDF, Graph

    from crmgraph.resources import ontology_file
    from crmgraph.sparql import load_graph

    graph = load_graph(seed_file)
    graph.parse(ontology_file())
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    mine = open_store(seed_file, inference="rdfs").to_rdflib()

    def crm_part(g: Graph) -> set:
        # IRI objects only: owlrl's literal proxies conflate 1.0 and true (Python's 1 == True)
        return {(s, p, o) for s, p, o in g if str(s).startswith(str(ID)) and isinstance(o, URIRef)
                and ((p == RDF.type and str(o).startswith(str(CRM))) or str(p).startswith(str(CRM)))}

    assert crm_part(mine) == crm_part(graph)


def test_owlrl_adds_the_symmetric_direction(seed_file):
    store = open_store(seed_file, inference="owlrl")
    assert store.query("ASK { id:kazakhstan crm:tradePartnerOf id:china }").boolean
    assert not open_store(seed_file).query("ASK { id:kazakhstan crm:tradePartnerOf id:china }").boolean


# --- the command -------------------------------------------------------------------------


def test_cli_query_formats_and_params(seed_file):
    graph = str(seed_file)
    result = run_cli("query", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", "--graph", graph, "--param", "s=id:china",
                     "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["l", "China"]
    result = run_cli("query", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", "--graph", graph,
                     "--param", f"l={HOSTILE[0]}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "(0 rows)"
    result = run_cli("query", "ASK { ?s a crm:State }", "--graph", graph, "--format", "json")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}
    result = run_cli("query", "DESCRIBE id:ebrd", "--graph", graph)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("@prefix") and "\nid:ebrd a crm:FinancialInstitution ;" in result.stdout
    assert "    crm:assists id:uzbekistan ;" in result.stdout


def test_cli_query_file_list_and_out(seed_file, tmp_path):
    rq = tmp_path / "states.rq"
    rq.write_text("SELECT ?s WHERE { ?s a crm:State } ORDER BY ?s", encoding="utf-8")
    out = tmp_path / "states.md"
    result = run_cli("query", str(rq), "--graph", str(seed_file), "--format", "markdown", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text().splitlines()[:3] == ["| s |", "|---|", "| id:afghanistan |"]
    listing = run_cli("query", "--list")
    assert listing.returncode == 0
    for name in ("partnerships", "engagement", "statements", "minerals", "critical-minerals", "evidence"):
        assert f"\n{name}\n" in "\n" + listing.stdout
    assert "What is the evidence behind an edge?" in listing.stdout
    assert "--param subject=..." in listing.stdout


def test_cli_errors_are_one_line(seed_file, tmp_path):
    graph = str(seed_file)
    assert_one_line_error(run_cli("query", "SELECT ?x\nWHERE { ?x a }", "--graph", graph),
                          "malformed query at line 2, column")
    assert_one_line_error(run_cli("query", "INSERT DATA { id:a id:b id:c }", "--graph", graph), "--allow-update")
    assert_one_line_error(run_cli("query", "no-such-query", "--graph", graph), "no named query 'no-such-query'")
    assert_one_line_error(run_cli("query", "missing.rq", "--graph", graph), "missing.rq")
    assert_one_line_error(run_cli("query", "SELECT * { ?s ?p ?o }", "--graph", graph, "--param", "s"), "name=value")
    assert_one_line_error(run_cli("query", "SELECT * { ?s ?p ?o }", "--graph", graph, "--param", "x=1"), "?x")
    assert_one_line_error(run_cli("query", "SELECT * { ?s ?p ?o }", "--store", str(tmp_path / "none")),
                          "no Oxigraph store")
    assert_one_line_error(run_cli("query", "ASK {}", "--endpoint", "http://127.0.0.1:9/query", "--inference", "rdfs"),
                          "inference")
    result = run_cli("query", "INSERT DATA { id:a id:b id:c }", "--graph", graph, "--allow-update")
    assert result.returncode == 0 and "update done" in result.stdout


def test_rdflib_store_queries_the_graph_you_hold(seed_rdflib):
    store = RdflibStore(seed_rdflib)
    assert store.query("ASK { id:china crm:tradePartnerOf id:kazakhstan }").boolean
    assert run_query(seed_rdflib, "evidence", {"subject": "id:china", "object": "id:kazakhstan"}).rows
