"""``crmgraph html``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("html")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("graph/crmgraph.ttl"),
              show_default=True, help="The graph file to draw.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=Path("graph/crmgraph.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--size-by", "size_by", default="degree", show_default=True, metavar="MEASURE",
              help="The measure that sizes the nodes: degree, in-degree, out-degree, facts, betweenness, "
                   "and the measures of crmgraph.network when installed.")
@click.option("--projection", type=click.Choice(["full", "actors"]), default="full", show_default=True,
              help="Draw every entity of the corpus, or the actors only (states, regions, organisations, people).")
@click.option("--title", default=None, help="The heading of the page.")
@click.option("--physics/--no-physics", default=None,
              help="Let the browser refine the layout, then stop (default: on up to 300 nodes).")
def html_command(graph_file: Path, out_file: Path, size_by: str, projection: str, title: str | None,
                 physics: bool | None) -> None:
    """Write the interactive network view of GRAPH as one self-contained HTML file.

    The file opens offline from disk or an e-mail: every script and style is inside
    it. Click a node for its identifiers, measures and the evidence of its relations.
    """
    from crmgraph.errors import CrmgraphError
    from crmgraph.sparql import load_graph
    from crmgraph.views.html import available_measures, write_html

    if size_by not in available_measures():
        raise CrmgraphError(f"unknown measure {size_by!r} (use one of: {', '.join(available_measures())})")
    if out_file.exists() and out_file.is_dir():
        raise CrmgraphError(f"output file {out_file}: is a folder")
    graph = load_graph(graph_file)
    path = write_html(graph, out_file, size_by=size_by, projection=projection, title=title, physics=physics)
    click.echo(f"Wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
