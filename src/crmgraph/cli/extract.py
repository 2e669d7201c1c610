"""``crmgraph extract`` and ``crmgraph evaluate``: thin wrappers over :mod:`crmgraph.extract`."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the proposed annotations (default: beside each text, as <id>.extracted.yaml).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out proposals below this confidence.")
@click.option("--workers", type=int, default=0, help="Processes to use (default: all cores for many files).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def extract_command(files: tuple[Path, ...], out_dir: Path | None, min_confidence: float, workers: int,
                    quiet: bool) -> None:
    """Propose annotations (entities, relations, statements) for each text FILE, for review.

    Writes <id>.annotations.yaml into OUT (or <id>.extracted.yaml beside each text):
    the curated format with method: extracted, and for every item its quote,
    offsets, rule, confidence and a needs_review flag where uncertain. Rename it
    to <id>.annotations.yaml beside the text to build from it after review.
    """
    from crmgraph.extract.batch import extract_files

    def bar_runner(paths, run):
        if quiet or len(paths) < 2:
            return run(None)
        with click.progressbar(length=len(paths), label="Extracting", file=click.get_text_stream("stderr")) as bar:
            return run(lambda n: bar.update(n))

    written = bar_runner(list(files), lambda progress: extract_files(
        list(files), out_dir, min_confidence=min_confidence, workers=workers or None, progress=progress))
    if not quiet:
        for path, counts in written:
            click.echo(f"{path}: {counts['entities']} entities, {counts['relations']} relations, "
                       f"{counts['statements']} statements ({counts['review']} to review)")


@click.command("evaluate")
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--gold", type=click.Path(path_type=Path), default=None,
              help="The curated annotation (default: <id>.annotations.yaml beside DOCUMENT); one document only.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Score only proposals at or above this confidence (default: the build threshold).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--brief", is_flag=True, help="Only the figures, without misses and false alarms.")
def evaluate_command(documents: tuple[Path, ...], gold: Path | None, min_confidence: float | None, as_json: bool,
                     brief: bool) -> None:
    """Score the extractor on each DOCUMENT against its curated annotation (which it never sees).

    Prints precision, recall and F1 for entities (per type) and relations (per
    property; symmetric properties in either direction), then the misses and the
    false alarms with their sentences. With several documents, a table of all of
    them follows (with --brief, only the table).
    """
    from crmgraph.errors import CrmgraphError
    from crmgraph.extract.evaluate import evaluate_files, format_evaluation, format_table

    if gold is not None and len(documents) > 1:
        raise CrmgraphError("--gold: give it with one document only (each document's own curated annotation is "
                            "used otherwise)")
    evaluations = [evaluate_files(document, gold, min_confidence) for document in documents]
    if as_json:
        summaries = [ev.summary() for ev in evaluations]
        click.echo(json.dumps(summaries[0] if len(summaries) == 1 else summaries, indent=2))
        return
    if len(evaluations) == 1:
        click.echo(format_evaluation(evaluations[0], details=not brief))
        return
    if not brief:
        for ev in evaluations:
            click.echo(format_evaluation(ev) + "\n")
    click.echo(format_table(evaluations))
