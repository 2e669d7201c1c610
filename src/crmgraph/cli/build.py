"""``crmgraph build`` and ``crmgraph validate``."""

from __future__ import annotations

from pathlib import Path

import click


def _say(message: str) -> None:
    click.echo(f"  {message}", err=True)


@click.command("build")
@click.option("--corpus", "corpus", type=click.Path(path_type=Path), default=None,
              help="Corpus folder (default: the corpus shipped with crmgraph).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("graph"), show_default=True,
              help="Folder to write the graph files into.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check (not recommended).")
@click.option("--no-extract", is_flag=True, help="Do not run the extractor on documents without an annotation.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Keep extracted facts at or above this confidence (default 0.5).")
@click.option("--workers", type=click.IntRange(1), default=None, help="Processes for extraction (default: all cores).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def build_command(corpus: Path | None, out_dir: Path, no_validate: bool, no_extract: bool,
                  min_confidence: float | None, workers: int | None, quiet: bool) -> None:
    """Build the knowledge graph of a corpus into OUT (Turtle, TriG, N-Triples, summary, HTML view).

    Uses each document's curated annotation, or the extractor's proposals where it
    has none; checks every quote against its text and the graph against the SHACL
    shapes; writes nothing unless all of that succeeds.
    """
    from crmgraph.pipeline import build

    bar = None if quiet else (lambda **kw: click.progressbar(file=click.get_text_stream("stderr"), **kw))
    report = build(corpus, out_dir, validate=not no_validate, use_extractor=not no_extract,
                   min_confidence=min_confidence, workers=workers, progress=None if quiet else _say,
                   progress_bar=bar)
    if quiet:
        return
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(format_summary(report.summary))
    click.echo(f"Wrote {', '.join(p.name for p in report.files)} to {report.out_dir}")


def format_summary(summary: dict) -> str:
    lines = [f"{summary['documents']} document(s), {summary['triples']} triples, {summary['facts']} facts"]
    for title in ("entities per class", "facts per relation", "facts per method"):
        counts = summary.get(title) or {}
        if counts:
            lines.append(f"{title[0].upper()}{title[1:]}:")
            width = max(len(k) for k in counts)
            lines += [f"  {name:<{width}}  {count:>5}" for name, count in counts.items()]
    return "\n".join(lines)


@click.command("validate")
@click.argument("graph_file", type=click.Path(path_type=Path), default=Path("graph/crmgraph.ttl"))
def validate_command(graph_file: Path) -> None:
    """Check GRAPH_FILE (default graph/crmgraph.ttl) against the SHACL shapes and list every violation."""
    from crmgraph.rdf.validate import validate_graph
    from crmgraph.sparql import load_graph

    report = validate_graph(load_graph(graph_file))
    click.echo(str(report))
    if not report.conforms:
        raise SystemExit(1)
