"""The package: CLI basics, and a non-editable install that works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT, assert_one_line_error, run_cli


def test_version_and_help():
    from crmgraph import __version__

    assert run_cli("--version").stdout.strip().endswith(__version__)
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("build", "query", "validate"):
        assert command in result.stdout


def test_unknown_option_is_one_line(tmp_path):
    result = run_cli("build", "--no-such-option")
    assert result.returncode == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.stderr


def test_wheel_ships_the_data_and_builds_outside_the_checkout(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheel_dir), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(wheel_dir.glob("crmgraph-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("crmgraph/_data/ontology/crmgraph.ttl", "crmgraph/_data/ontology/shapes.ttl",
                   "crmgraph/_data/ontology/minerals.ttl",
                   "crmgraph/_data/corpus/qoraboyev-2024-crm-central-asia.txt",
                   "crmgraph/_data/corpus/qoraboyev-2024-crm-central-asia.annotations.yaml"):
        assert needed in names, needed
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import crmgraph.resources as r; assert str(r.ontology_file()).startswith(sys.argv[1]), r.ontology_file();"
        "from crmgraph.cli import main; main(['build', '-q', '--out', 'out'])"
    )
    result = subprocess.run([sys.executable, "-c", code, str(site)], cwd=elsewhere, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "out" / "crmgraph.ttl").stat().st_size > 10_000


def test_query_prints_a_table(seed_graph_dir):
    result = run_cli("query", "SELECT ?label WHERE { ?s a crm:State ; skos:prefLabel ?label } ORDER BY ?label",
                     "--graph", str(seed_graph_dir / "crmgraph.ttl"))
    assert result.returncode == 0, result.stderr
    assert "Kazakhstan" in result.stdout and "Uzbekistan" in result.stdout
    assert result.stdout.splitlines()[1].startswith("-----")


def test_query_errors_are_one_line(seed_graph_dir):
    graph = str(seed_graph_dir / "crmgraph.ttl")
    assert_one_line_error(run_cli("query", "SELECT ?x WHERE { ?x a }", "--graph", graph), "malformed query")
    assert_one_line_error(run_cli("query", "SELECT ?x WHERE { ?x ?p ?o }", "--graph", "missing.ttl"), "missing.ttl")
