"""``crmgraph query``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("query")
@click.argument("query")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("graph/crmgraph.ttl"),
              show_default=True, help="The graph file to query.")
def query_command(query: str, graph_file: Path) -> None:
    """Run a SPARQL SELECT QUERY (a string, or a path to a .rq file) and print a table.

    The crmgraph prefixes (crm:, id:, skos:, prov:, oa:, dcterms:, ...) are declared.
    """
    from crmgraph.errors import CrmgraphError
    from crmgraph.sparql import format_table, load_graph, select

    if query.endswith(".rq"):
        path = Path(query)
        if not path.exists():
            raise CrmgraphError(f"query file {path}: does not exist")
        query = path.read_text(encoding="utf-8")
    names, rows = select(load_graph(graph_file), query)
    click.echo(format_table(names, rows))
