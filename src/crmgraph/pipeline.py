"""The main job: corpus in, validated knowledge graph and its views out, written atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from crmgraph.errors import CrmgraphError
from crmgraph.io import prepare_output_dir, write_files_atomically


@dataclass
class BuildReport:
    out_dir: Path
    files: list[Path]
    summary: dict
    warnings: list[str]


def build(corpus: Path | None = None, out_dir: Path = Path("graph"), *, validate: bool = True,
          use_extractor: bool = True, min_confidence: float | None = None, workers: int | None = None,
          views: bool = True, progress: Callable[[str], None] | None = None,
          progress_bar: Callable | None = None) -> BuildReport:
    """Build the graph of ``corpus`` (the shipped default when None) into ``out_dir``.

    The graph is checked against the SHACL shapes before anything is written; on
    any error nothing in ``out_dir`` changes.

    Examples
    --------
    >>> import tempfile
    >>> report = build(out_dir=Path(tempfile.mkdtemp()))
    >>> "crmgraph.ttl" in {p.name for p in report.files}
    True
    """
    from crmgraph.rdf.build import build_graph, graph_files

    out_dir = Path(out_dir)
    prepare_output_dir(out_dir)
    kg = build_graph(corpus, use_extractor=use_extractor, min_confidence=min_confidence, workers=workers,
                     progress=progress, progress_bar=progress_bar)
    if validate:
        from crmgraph.rdf.validate import validate_graph

        if progress:
            progress("validating against the shapes")
        report = validate_graph(kg.to_rdflib())
        if not report.conforms:
            first = report.problems[0] if report.problems else "see the report"
            raise CrmgraphError(
                f"the built graph violates the shapes ({len(report.problems)} problem(s)); first: {first}"
            )
    files = graph_files(kg, out_dir)
    if views:
        files.update(_view_files(kg, out_dir, progress))
    write_files_atomically(files)
    return BuildReport(out_dir=out_dir, files=sorted(files), summary=kg.summary(), warnings=kg.warnings)


def _view_files(kg, out_dir: Path, progress) -> dict[Path, bytes]:
    try:
        from crmgraph.views.html import graph_html
    except ImportError:
        return {}
    if progress:
        progress("drawing the network view")
    return {out_dir / "crmgraph.html": graph_html(kg).encode("utf-8")}
