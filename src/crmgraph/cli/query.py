"""``crmgraph query``."""

from __future__ import annotations

from pathlib import Path

import click


def _params(values: tuple[str, ...]) -> dict[str, str]:
    from crmgraph.errors import CrmgraphError

    params = {}
    for value in values:
        name, sep, term = value.partition("=")
        if not sep or not name:
            raise CrmgraphError(f"--param {value!r}: write name=value (e.g. --param subject=id:china)")
        params[name.strip().lstrip("?$")] = term
    return params


@click.command("query")
@click.argument("query", required=False)
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=None,
              help="The graph file to query (default: graph/crmgraph.ttl).")
@click.option("--store", "store", type=click.Path(path_type=Path), default=None,
              help="Query a persistent Oxigraph store folder (see `crmgraph push --store`).")
@click.option("--endpoint", default=None, metavar="URL", help="Query a SPARQL 1.1 endpoint instead.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="The in-memory engine for a graph file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "markdown", "turtle"]),
              default=None, help="Output format (default: table; turtle for CONSTRUCT and DESCRIBE).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to an RDF term: id:china, <http://...>, '\"text\"@en', 2022 or plain text. Repeatable.")
@click.option("--inference", type=click.Choice(["rdfs", "owlrl"]), default=None,
              help="Add what the ontology entails first (a query for crm:Actor then finds states and persons).")
@click.option("--allow-update", is_flag=True, help="Allow SPARQL updates (INSERT, DELETE, ...).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds to wait for an endpoint.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=None,
              help="Write the result to this file (atomically) instead of printing it.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
def query_command(query: str | None, graph_file: Path | None, store: Path | None, endpoint: str | None, engine: str,
                  fmt: str | None, params: tuple[str, ...], inference: str | None, allow_update: bool,
                  timeout: float, out_file: Path | None, list_queries: bool) -> None:
    """Run a SPARQL QUERY: a query string, a .rq file, or the name of a named query (see --list).

    SELECT, ASK, CONSTRUCT and DESCRIBE; updates only with --allow-update. The
    crmgraph prefixes (crm:, id:, skos:, prov:, oa:, dcterms:, ...) are declared.

    \b
      crmgraph query --list
      crmgraph query evidence --param subject=id:china --param object=id:kazakhstan
      crmgraph query 'SELECT ?s WHERE { ?s a crm:State }' --format csv
    """
    from crmgraph.errors import CrmgraphError
    from crmgraph.sparql import format_result, list_named_queries, run_query
    from crmgraph.store import open_store

    if list_queries:
        click.echo(list_named_queries())
        return
    if query is None:
        raise CrmgraphError("give a query, a .rq file or a named query (see `crmgraph query --list`)")
    store_obj = open_store(graph_file, store=store, endpoint=endpoint, engine=engine, inference=inference,
                           writable=allow_update, timeout=timeout)
    try:
        result = run_query(store_obj, query, _params(params), allow_update=allow_update)
        text = format_result(result, fmt)
    finally:
        store_obj.close()
    if out_file is not None:
        from crmgraph.io import write_text_atomically

        write_text_atomically(out_file, text + "\n")
    else:
        click.echo(text)
