"""The package: CLI basics, and a non-editable install that works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from conftest import ROOT, SEED_ID, assert_one_line_error, run_cli



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


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel ``pip install .`` would install, built once (compiling the extractor takes a minute or two)."""
    wheel_dir = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheel_dir), str(ROOT)],
        check=True, capture_output=True, timeout=900,
    )
    return next(wheel_dir.glob("crmgraph-*.whl"))


@pytest.fixture(scope="module")
def unpacked_wheel(wheel, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    zipfile.ZipFile(wheel).extractall(site)
    return site


def test_wheel_ships_the_data_and_builds_outside_the_checkout(wheel, unpacked_wheel, tmp_path):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("crmgraph/_data/ontology/crmgraph.ttl", "crmgraph/_data/ontology/shapes.ttl",
                   "crmgraph/_data/ontology/minerals.ttl",
                   "crmgraph/_data/corpus/qoraboyev-2024-crm-central-asia.txt",
                   "crmgraph/_data/corpus/qoraboyev-2024-crm-central-asia.annotations.yaml"):
        assert needed in names, needed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import crmgraph.resources as r; assert str(r.ontology_file()).startswith(sys.argv[1]), r.ontology_file();"
        "from crmgraph.cli import main; main(['build', '-q', '--out', 'out'])"
    )
    result = subprocess.run([sys.executable, "-c", code, str(unpacked_wheel)], cwd=elsewhere, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "out" / "crmgraph.ttl").stat().st_size > 10_000


_DUMP_EXTRACTIONS = """
import pickle
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import crmgraph.extract.relations as relations
from crmgraph.annotations import dump_annotation
from crmgraph.corpus import Document
from crmgraph.extract import extract
print(relations.__file__)
for path in sys.argv[2:]:
    annotation = extract(Document.from_text(Path(path).stem, Path(path).read_text(encoding="utf-8")))
    # as batch.py's worker processes return it: compiled, its items are rebuilt through their __init__
    assert pickle.loads(pickle.dumps(annotation)) == annotation, path
    print(dump_annotation(annotation))
"""


def test_compiled_modules_type_check():
    """The wheel's compiled modules must pass mypy: mypyc compiles from their annotations and checks them at run
    time, and a type error makes the wheel fall back to pure Python. Checked here in seconds, with the options the
    build uses, so that an edit that breaks a type is seen before the wheel is built."""
    pytest.importorskip("mypy")
    import tomllib

    sys.path.insert(0, str(ROOT))
    try:
        from hatch_build import MYPY_OPTIONS, configured_sources
    finally:
        sys.path.remove(str(ROOT))
    hook = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]
    sources = configured_sources(ROOT, hook["compile"])
    result = subprocess.run([sys.executable, "-m", "mypy", *MYPY_OPTIONS, "--cache-dir", os.devnull, *sources],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def _odd_texts(into: Path) -> list[str]:
    """Texts unlike the coded ones: empty, markup, another script, and random mixtures of names, quotes,
    dates, brackets and line breaks. The compiled modules check their declared types at run time: a value of
    a type the sources never meant to pass fails there, and only there."""
    import random

    rng = random.Random(20241001)
    pieces = ["Kazakhstan", "the European Union", "President", "Tokayev", "signed", "a memorandum", "lithium",
              "(EU)", "“", "”", "\"", "'s", "’s", ",", ".", ";", " and ", "\n", "\n\n", "- ", "# ", "19 May 2023",
              "2024", "(Eurasianet, 2024)", "U.S.", "e.g.", "<script>alert(1)</script>", "&amp;", "Казахстан",
              "литий", "中国", "\u200b", "\t", "the bank", "the two sides", "met", "with", "in", "Astana", "100%",
              "Minister of Industry", "Mining Company", "said that", "according to", "Summit", "C5+1"]
    texts = {"empty": "", "html": "<html><body><p>Kazakhstan</p><script>var x = '</p>';</script></body></html>",
             "russian": "Казахстан и Китай подписали соглашение о литии в 2023 году. Президент Токаев сказал: «Да».\n"}
    for i in range(60):
        texts[f"random-{i}"] = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 400)))
    paths = []
    for name, text in texts.items():
        path = into / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_wheel_extractor_is_compiled_and_extracts_what_the_sources_do(wheel, unpacked_wheel, tmp_path):
    compiled = [n for n in zipfile.ZipFile(wheel).namelist()
                if n.startswith("crmgraph/extract/") and n.endswith(tuple(EXTENSION_SUFFIXES))]
    if not compiled:
        message = "the wheel's extractor is not compiled (no C compiler or no mypyc in this environment)"
        if os.environ.get("CRMGRAPH_REQUIRE_ALL") == "1":
            pytest.fail(message + " and CRMGRAPH_REQUIRE_ALL=1")
        pytest.skip(message)
    assert any(Path(n).name.startswith("relations.") for n in compiled), compiled
    # the compiled modules' shared support library, beside the package
    assert any(n.startswith("crmgraph__mypyc.") for n in zipfile.ZipFile(wheel).namelist())
    texts = [str(p) for p in sorted((ROOT / "tests" / "texts").glob("*.txt"))] + [str(ROOT / "corpus" / f"{SEED_ID}.txt")]
    assert len(texts) >= 10
    texts += _odd_texts(tmp_path)

    def run(site: str) -> list[str]:
        result = subprocess.run([sys.executable, "-c", _DUMP_EXTRACTIONS, site, *texts], capture_output=True,
                                text=True, timeout=600, env={**os.environ, "PYTHONPATH": ""})
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    from_wheel, from_sources = run(str(unpacked_wheel)), run(str(ROOT / "src"))
    assert from_wheel[0].endswith(tuple(EXTENSION_SUFFIXES)), from_wheel[0]
    assert from_sources[0].endswith(".py"), from_sources[0]
    assert len(from_wheel) > 1000
    assert from_wheel[1:] == from_sources[1:]


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


def test_bad_option_values_are_refused_in_one_line(tmp_path):
    for args in (("build", "--min-confidence", "1.5", "--out", str(tmp_path / "g")),
                 ("build", "--workers", "0", "--out", str(tmp_path / "g"))):
        result = run_cli(*args)
        assert result.returncode == 2
        assert "Invalid value" in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "g").exists()


def test_build_extracts_documents_without_annotation_above_the_threshold(tmp_path):
    from rdflib import Graph

    from crmgraph.ontology import CRM

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "memo.txt").write_text(
        "China is the main trade partner of Kazakhstan in critical raw materials. "
        "Kazakhstan has large reserves of uranium. The EBRD assists Uzbekistan with its new mining law.",
        encoding="utf-8",
    )
    counts = {}
    for threshold in ("0.5", "1.0"):
        out = tmp_path / f"g{threshold}"
        result = run_cli("build", "--corpus", str(corpus), "--out", str(out), "--min-confidence", threshold)
        assert result.returncode == 0, result.stderr
        graph = Graph().parse(out / "crmgraph.ttl")
        facts = list(graph.subjects(CRM.method, CRM.extracted))
        counts[threshold] = len([f for f in facts if (f, None, CRM.Fact) in graph])
        for fact in facts:
            if (fact, None, CRM.Fact) in graph:
                evidence = graph.value(fact, CRM.evidence)
                assert graph.value(evidence, CRM.rule) is not None
                assert float(graph.value(evidence, CRM.confidence)) >= float(threshold)
    assert counts["0.5"] >= 1
    assert counts["1.0"] <= counts["0.5"]
