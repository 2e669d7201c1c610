"""The SPARQL benchmark's generated graphs stay shaped like ours: every named query's example has an answer."""

from __future__ import annotations

import importlib.util

from conftest import ROOT
from crmgraph.store import OxigraphStore


def _bench():
    spec = importlib.util.spec_from_file_location("bench_sparql", ROOT / "benchmarks" / "bench_sparql.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_graph_answers_every_named_query(tmp_path):
    bench = _bench()
    graph = tmp_path / "graph.nt"
    count = bench.generate(20_000, graph)
    assert 20_000 <= count < 20_100
    store = OxigraphStore()
    store.load_file(graph)
    assert count * 0.99 <= len(store) <= count  # every line parses; a relation stated twice is one triple
    cases = bench._cases()
    assert {name.split(" ")[0] for name, _, _ in cases} >= {"partnerships", "evidence", "critical-minerals"}
    for name, text, params in cases:
        assert store.query(text, params).rows, name
    facts = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?f a crm:Fact ; crm:evidence/oa:hasSelector ?s }")
    assert int(facts.rows[0][0]) > 1000


def test_quick_benchmark_prints_the_table(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_sparql.py"), "--sizes", "3000",
                             "--repeats", "1", "--json", str(tmp_path / "figures.json")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "load (s)" in result.stdout and "peak memory (MiB)" in result.stdout
    assert "evidence (subject=id:european-union, object=id:kazakhstan) (ms)" in result.stdout
    assert (tmp_path / "figures.json").exists()
