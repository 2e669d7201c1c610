"""Stores: a real Oxigraph server on loopback, pushing in bulk, the same answers everywhere,
a persistent local store, the endpoint's errors and timeouts, serve and convert."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph

from conftest import ROOT, assert_one_line_error, run_cli
from crmgraph.errors import CrmgraphError
from crmgraph.sparql import named_queries, run_query
from crmgraph.store import EndpointStore, open_store, push

pytestmark = pytest.mark.server


def _require_server():
    from crmgraph.store.server import oxigraph_binary

    try:
        return oxigraph_binary()
    except CrmgraphError as exc:
        if os.environ.get("CRMGRAPH_REQUIRE_ALL") == "1":
            pytest.fail(f"{exc} and CRMGRAPH_REQUIRE_ALL=1")
        pytest.skip(str(exc))


@pytest.fixture()
def server():
    """A fresh in-memory Oxigraph server on a free loopback port, stopped whatever happens."""
    _require_server()
    from crmgraph.store.server import OxigraphServer

    srv = OxigraphServer()
    try:
        srv.start()
        yield srv
    finally:
        process = srv.process
        srv.stop()
        assert process is None or process.poll() is not None


@pytest.fixture(scope="module")
def seed_file(seed_graph_dir):
    return seed_graph_dir / "crmgraph.ttl"


def _params_for(query) -> list[dict]:
    """No parameters, and those of each example in the query's header."""
    runs = [{}]
    for example in query.examples:
        parts = example.split()
        params = {}
        for flag, value in zip(parts, parts[1:]):
            if flag == "--param":
                name, _, term = value.partition("=")
                params[name] = term
        if params:
            runs.append(params)
    return runs


def test_push_then_every_named_query_answers_as_the_embedded_store(server, seed_file):
    report = push(seed_file, endpoint=server.query_url)
    embedded = open_store(seed_file)
    assert report.method == "Graph Store Protocol" and report.triples == len(embedded)
    assert report.requests <= 3  # a probe and one PUT: in bulk, never one request per triple
    remote = EndpointStore(server.query_url)
    assert len(remote) == len(embedded)
    rdflib_store = open_store(seed_file, engine="rdflib")
    for query in named_queries().values():
        for params in _params_for(query):
            expected = run_query(embedded, query.name, params)
            assert expected.rows, (query.name, params)
            assert run_query(remote, query.name, params).rows == expected.rows, (query.name, params)
            assert run_query(rdflib_store, query.name, params).rows == expected.rows, (query.name, params)
    # ASK, CONSTRUCT and DESCRIBE travel too
    assert remote.query("ASK { id:china crm:tradePartnerOf id:kazakhstan }").boolean is True
    construct = "CONSTRUCT { ?s crm:partnerOf ?o } WHERE { ?s crm:partnerOf ?o }"
    assert sorted(remote.query(construct).triples) == sorted(embedded.query(construct).triples)
    assert sorted(remote.query("DESCRIBE id:ebrd").triples) == sorted(embedded.query("DESCRIBE id:ebrd").triples)


def test_push_in_batched_updates_and_append(server, seed_file):
    report = push(seed_file, endpoint=server.query_url, method="update", batch=1000)
    n = len(open_store(seed_file))
    assert report.method == "SPARQL Update" and report.triples == n
    assert report.requests == 1 + -(-n // 1000)  # one CLEAR, then one INSERT DATA per 1000 triples
    remote = EndpointStore(server.query_url)
    assert len(remote) == n
    # pushing again replaces, appending into a named graph adds
    push(seed_file, endpoint=server.query_url, method="update", batch=5000)
    assert len(remote) == n
    push(seed_file, endpoint=server.query_url, named_graph="https://example.org/copy", replace=False)
    count = remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/copy> { ?s ?p ?o } }")
    assert int(count.rows[0][0]) == n


def test_remote_errors_are_one_line(server, seed_file):
    push(seed_file, endpoint=server.query_url)
    remote = EndpointStore(server.query_url)
    with pytest.raises(CrmgraphError, match=r"^malformed query at line 2, column \d+"):
        remote.query("SELECT ?x\nWHERE { ?x a }")
    with pytest.raises(CrmgraphError, match="read-only unless you allow updates"):
        remote.query("DROP ALL")
    assert len(remote) > 0
    result = run_cli("query", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", "--endpoint", server.query_url,
                     "--param", 'l=x" } UNION { ?s ?p ?l } #')
    assert result.returncode == 0 and result.stdout.splitlines()[-1] == "(0 rows)", result.stderr
    result = run_cli("query", "DROP ALL", "--endpoint", server.query_url, "--allow-update")
    assert result.returncode == 0, result.stderr
    assert len(remote) == 0


def test_unreachable_endpoint_fails_fast_with_one_line():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    start = time.monotonic()
    assert_one_line_error(run_cli("query", "ASK {}", "--endpoint", f"http://127.0.0.1:{port}/query", "--timeout", "3"),
                          "cannot reach the endpoint")
    assert time.monotonic() - start < 30
    assert_one_line_error(run_cli("query", "ASK {}", "--endpoint", "ftp://example.org/"), "not an http(s) URL")


def test_a_silent_endpoint_times_out():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections in the backlog, never answers
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        start = time.monotonic()
        with pytest.raises(CrmgraphError, match=r"did not answer within 1 s"):
            EndpointStore(url, timeout=1).query("ASK {}")
        assert time.monotonic() - start < 10
    finally:
        silent.close()


def test_persistent_store_push_query_and_read_only(tmp_path, seed_file):
    folder = tmp_path / "store"
    result = run_cli("push", "--graph", str(seed_file), "--store", str(folder))
    assert result.returncode == 0, result.stderr
    embedded = open_store(seed_file)
    persistent = open_store(store=folder)
    try:
        assert len(persistent) == len(embedded)
        for query in named_queries().values():
            assert run_query(persistent, query.name).rows == run_query(embedded, query.name).rows, query.name
    finally:
        persistent.close()
    result = run_cli("query", "partnerships", "--store", str(folder), "--format", "csv")
    assert result.returncode == 0 and "european-union" in result.stdout, result.stderr
    assert_one_line_error(run_cli("query", "INSERT DATA { id:a id:b id:c }", "--store", str(folder)), "--allow-update")
    result = run_cli("query", "INSERT DATA { id:a id:b id:c }", "--store", str(folder), "--allow-update")
    assert result.returncode == 0, result.stderr
    assert run_cli("query", "ASK { id:a id:b id:c }", "--store", str(folder)).stdout.strip() == "true"
    # pushing again replaces the content
    assert run_cli("push", "--graph", str(seed_file), "--store", str(folder)).returncode == 0
    assert run_cli("query", "ASK { id:a id:b id:c }", "--store", str(folder)).stdout.strip() == "false"


def _http(url: str, data: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_is_loopback_read_only_and_stops(seed_graph_dir):
    _require_server()
    from crmgraph.store.server import free_port

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "crmgraph", "serve", "--graph",
                                str(seed_graph_dir / "crmgraph.trig"), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _http(f"{url}?query=ASK%7B%7D") == 200:
                    break
            except OSError:
                time.sleep(0.2)
        remote = EndpointStore(url, timeout=10)
        embedded = open_store(seed_graph_dir / "crmgraph.ttl")
        assert len(remote) == len(embedded)  # the union of the per-document graphs
        assert run_query(remote, "partnerships").rows == run_query(embedded, "partnerships").rows
        update = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
        assert _http(f"http://127.0.0.1:{port}/update", update) in (403, 405)
        assert len(remote) == len(embedded)
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout \
            if subprocess.run(["which", "ss"], capture_output=True).returncode == 0 else ""
        assert f"0.0.0.0:{port} " not in listening and f"*:{port} " not in listening
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    with pytest.raises(OSError):  # the server went with it
        urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=3)


@pytest.mark.parametrize("to", ["turtle", "nt", "jsonld", "xml", "trig"])
def test_convert_round_trips(seed_graph_dir, tmp_path, to):
    out = tmp_path / f"graph.{to}"
    result = run_cli("convert", "--graph", str(seed_graph_dir / "crmgraph.trig"), "--to", to, "--out", str(out))
    assert result.returncode == 0, result.stderr
    original = Graph().parse(seed_graph_dir / "crmgraph.nt", format="nt")
    fmt = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}[to]
    if to == "trig":
        from rdflib import Dataset

        dataset = Dataset()
        dataset.parse(out, format="trig")
        names = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert "https://w3id.org/crmgraph/id/qoraboyev-2024-crm-central-asia" in names  # one graph per document
        converted = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            converted.add((s, p, o))
    else:
        converted = Graph().parse(out, format=fmt)
    assert set(converted) == set(original)


def test_convert_is_the_build_output_byte_for_byte(seed_graph_dir):
    for to, name in (("nt", "crmgraph.nt"), ("trig", "crmgraph.trig")):
        result = subprocess.run([sys.executable, "-m", "crmgraph", "convert", "--graph",
                                 str(seed_graph_dir / "crmgraph.trig"), "--to", to], capture_output=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        body = [line for line in result.stdout.decode().splitlines() if not line.startswith("#")]
        built = [line for line in (seed_graph_dir / name).read_text().splitlines() if not line.startswith("#")]
        assert body == built


def test_convert_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    assert_one_line_error(run_cli("convert", "--graph", str(bad), "--to", "nt"), "bad.ttl")
    assert_one_line_error(run_cli("convert", "--graph", str(tmp_path / "none.ttl"), "--to", "nt"), "does not exist")


def test_service_and_load_never_reach_the_network_from_our_own_stores():
    """SERVICE (and LOAD) make the engine that runs a query fetch from a URL: both embedded engines did, and rdflib
    let the HTTP error out as a traceback. A local HTTP server counts the requests that arrive."""
    import http.server
    import threading

    from rdflib import Graph

    from crmgraph.errors import CrmgraphError
    from crmgraph.store import OxigraphStore, RdflibStore

    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    try:
        from rdflib import Dataset

        for store in (OxigraphStore(), RdflibStore(Graph()), RdflibStore(Dataset())):
            with pytest.raises(CrmgraphError, match="SERVICE would fetch data from another server"):
                store.query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
            with pytest.raises(CrmgraphError, match="LOAD would fetch"):
                store.query(f"LOAD <{url}>", allow_update=True)
            # the word in a string, a name or a comment is no keyword
            assert store.query('SELECT ?x WHERE { BIND("SERVICE" AS ?x) } # LOAD').rows
            # FROM names a graph of the store's dataset; rdflib fetched it from the URL
            assert store.query(f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}").rows == []
    finally:
        server.shutdown()
    assert requests == []
