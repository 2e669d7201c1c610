"""Every notebook runs headless, end to end, produces its figures and writes nothing into the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT

NOTEBOOKS = {"01-quick-start.ipynb": 2, "02-is-central-asia-central.ipynb": 5}  # name -> figures it draws

pytestmark = pytest.mark.notebook


def _missing(reason: str):
    if os.environ.get("CRMGRAPH_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (CRMGRAPH_REQUIRE_ALL=1)")
    pytest.skip(reason)


def _execute(name: str, cwd: Path):
    try:
        import nbformat
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from nbclient import NotebookClient
    except ImportError as exc:
        _missing(f"notebook execution needs nbclient, nbformat and ipykernel: pip install 'crmgraph[notebooks]' ({exc})")
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        _missing("no python3 Jupyter kernel: pip install ipykernel")
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _figures(nb) -> int:
    return sum(1 for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
               if "image/png" in out.get("data", {}))


def _tree(folder: Path) -> dict[str, float]:
    """The files a notebook could plausibly write: the top level, notebooks/ and graph/ (with mtimes)."""
    paths = [p for p in folder.iterdir() if p.is_file()]
    for sub in ("notebooks", "graph"):
        if (folder / sub).is_dir():
            paths += list((folder / sub).rglob("*"))
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in paths}


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_runs_and_draws_its_figures(name):
    before = _tree(ROOT)
    nb = _execute(name, ROOT / "notebooks")
    assert _figures(nb) >= NOTEBOOKS[name], "a figure is missing"
    errors = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
              if out.get("output_type") == "error"]
    assert not errors
    assert _tree(ROOT) == before, "the notebook wrote into the repository"


def test_committed_notebooks_carry_their_outputs():
    import json

    for name, figures in NOTEBOOKS.items():
        nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(c.get("execution_count") for c in code), f"{name}: run it before committing"
        assert sum(1 for c in code for o in c["outputs"] if "image/png" in o.get("data", {})) >= figures


def test_quick_start_builds_the_graph_itself_when_graph_is_absent(tmp_path):
    """A checkout without graph/: the notebook builds the graph in memory from corpus/ and writes nothing."""
    for folder in ("corpus", "ontology"):
        (tmp_path / folder).symlink_to(ROOT / folder, target_is_directory=True)
    (tmp_path / "notebooks").mkdir()
    nb = _execute("01-quick-start.ipynb", tmp_path / "notebooks")
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "built in memory" in "".join(o.get("text", "") for o in first.outputs)
    assert _figures(nb) >= NOTEBOOKS["01-quick-start.ipynb"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "notebooks", "ontology"]
    assert not any((tmp_path / "notebooks").iterdir())
