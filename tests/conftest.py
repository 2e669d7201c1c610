"""Shared fixtures: the seed corpus built once per test session, and helpers to run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_ID = "qoraboyev-2024-crm-central-asia"


@pytest.fixture(scope="session")
def seed_graph_dir(tmp_path_factory) -> Path:
    """graph/ built from the shipped corpus, once per session, in a temporary folder."""
    from crmgraph.pipeline import build

    out = tmp_path_factory.mktemp("graph")
    build(CORPUS, out)
    return out


@pytest.fixture(scope="session")
def seed_kg():
    """The seed corpus as a KnowledgeGraph object."""
    from crmgraph.rdf.build import build_graph

    return build_graph(CORPUS)


@pytest.fixture(scope="session")
def seed_rdflib(seed_kg):
    return seed_kg.to_rdflib()


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the shipped corpus, for tests that break it."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``crmgraph`` as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crmgraph", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=600,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """A failed command: non-zero exit, one line on stderr starting with 'Error:', no traceback."""
    assert result.returncode != 0, result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("  ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder with its bytes, to prove a failed run changed nothing."""
    return {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir()) if p.is_file()}


def memo(text: str, **metadata):
    """A one-off document named ``memo`` (the extractor's tests feed it short texts)."""
    from crmgraph.corpus import Document

    return Document.from_text("memo", text, **metadata)


def triples(annotation) -> set[tuple[str, str, str]]:
    """The (subject, predicate, object) of each relation of an annotation."""
    return {(r.subject, r.predicate, r.object) for r in annotation.relations}
