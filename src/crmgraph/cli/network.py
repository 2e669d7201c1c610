"""``crmgraph centrality`` and ``crmgraph export``: thin wrappers over :mod:`crmgraph.network`."""

from __future__ import annotations

from pathlib import Path

import click

PROJECTION_NAMES = ("actors", "actor-mineral", "actor-agreement", "actor-event", "discourse", "congruence")
DEFAULT_GRAPH = Path("graph/crmgraph.ttl")


def _load(graph_file: Path, projection: str, since: int | None, until: int | None):
    """Parse the graph and build the projection; errors are one-line CrmgraphErrors."""
    from crmgraph.errors import CrmgraphError
    from crmgraph.network.projections import PROJECTIONS, Window, load_projection
    from crmgraph.sparql import load_graph

    if projection not in PROJECTIONS:
        raise CrmgraphError(f"unknown projection {projection!r}; choose one of: {', '.join(PROJECTIONS)}")
    graph = load_graph(graph_file)  # one-line errors for a missing or unparsable file
    if len(graph) == 0:
        raise CrmgraphError(f"graph file {graph_file}: is empty (no triples)")
    window = Window(since, until) if (since or until) else None
    G = load_projection(graph, projection, window=window)
    if G.number_of_nodes() == 0:
        where = f" in {window}" if window else ""
        raise CrmgraphError(f"the {projection} projection of {graph_file} is empty{where}: no actors with ties")
    return G


def _graph_options(function):
    function = click.option("--until", type=int, default=None, help="Only facts dated up to this year (undated kept).")(function)
    function = click.option("--since", type=int, default=None, help="Only facts dated from this year (undated kept).")(function)
    function = click.option("--projection", "-p", default="actors", show_default=True,
                            help=f"Which network: {', '.join(PROJECTION_NAMES)}.")(function)
    function = click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=DEFAULT_GRAPH,
                            show_default=True, help="The graph file (Turtle, N-Triples, TriG, ...).")(function)
    return function


@click.command("centrality")
@_graph_options
@click.option("--measures", "-m", default=None,
              help="Comma-separated measures (default: a useful set; 'all' for every one): degree, strength, "
                   "betweenness, closeness, harmonic, eigenvector, pagerank, clustering, core, community, "
                   "constraint, effective_size, brokerage. With the default set the table shows totals; the "
                   "in/out splits and brokerage roles are in CSV and JSON.")
@click.option("--top", "top", type=int, default=20, show_default=True, help="Show the N highest nodes (0: all).")
@click.option("--sort", "sort_by", default=None, help="Column to sort by (default: betweenness, else the first measure).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--backend", type=click.Choice(["auto", "networkx", "igraph"]), default="auto", show_default=True,
              help="Where expensive measures run (networkx is the reference).")
@click.option("-k", "k", type=int, default=None, help="Pivots for sampled betweenness/closeness (0: exact).")
def centrality_command(graph_file: Path, projection: str, since, until, measures, top: int, sort_by, fmt: str,
                       backend: str, k) -> None:
    """Centrality of the actors in a projection of the graph, as a table, CSV or JSON.

    These measure centrality in the diplomacy and discourse that the texts record
    (who is said to relate to whom), not in trade or material flows.
    """
    from crmgraph.errors import CrmgraphError
    from crmgraph.network.measures import centrality, parse_measures

    names = parse_measures(measures)
    G = _load(graph_file, projection, since, until)
    table = centrality(G, names, backend=backend, k=k)
    columns = [c for c in table.columns if c not in ("iri", "label", "type", "group")]
    if sort_by is None:
        sort_by = "betweenness" if "betweenness" in columns else columns[0]
    if sort_by not in table.columns:
        raise CrmgraphError(f"cannot sort by {sort_by!r}: the columns are {', '.join(columns)}")
    ascending = sort_by in ("constraint", "community")
    table = table.sort_values([sort_by, "label"], ascending=[ascending, True], kind="mergesort")
    if top:
        table = table.head(top)
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
        return
    if fmt == "json":
        import json

        records = json.loads(table.to_json(orient="records", double_precision=6))
        click.echo(json.dumps({"projection": projection, "caveat": G.graph.get("caveat"),
                               "modularity": table.attrs.get("modularity"), "notes": table.attrs.get("notes"),
                               "nodes": records}, indent=1, ensure_ascii=False))
        return
    if measures is None:
        # The default set on a terminal: totals only; the in/out splits and the five
        # brokerage roles stay in CSV and JSON, or when the measures are named.
        table = table.drop(columns=[c for c in DETAIL_COLUMNS if c in table.columns and c != sort_by])
    click.echo(format_centrality_table(table, G, sort_by))


#: Columns left out of the default terminal table to keep it within a screen's width.
DETAIL_COLUMNS = ("degree_in", "degree_out", "strength_in", "strength_out",
                  "coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def format_centrality_table(table, G, sort_by: str) -> str:
    """A readable plain-text table with a header saying what the numbers are."""
    from crmgraph.network.projections import short_iri, to_undirected

    shown = table.drop(columns=["iri"]).copy()
    shown.insert(0, "id", [short_iri(i) for i in table["iri"]])
    shown["label"] = [str(x) if len(str(x)) <= 28 else str(x)[:27] + "…" for x in shown["label"]]
    shown = shown.drop(columns=["id"]) if shown["label"].is_unique else shown
    for column in shown.columns:
        if shown[column].dtype.kind == "f":
            shown[column] = shown[column].map(lambda v: "" if v != v else f"{v:.3f}")
    header = shown.columns.tolist()
    cells = [[str(v) for v in row] for row in shown.itertuples(index=False)]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    numeric = [shown[c].dtype.kind in "if" or c not in ("id", "label", "type", "group") for c in header]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    U = to_undirected(G)
    title = (f"Centrality in the {G.graph.get('projection', '')} network"
             f" ({G.number_of_nodes()} nodes, {U.number_of_edges()} ties"
             + (f", window {G.graph['window']}" if G.graph.get("window") not in (None, "..") else "")
             + f"), sorted by {sort_by}")
    lines = [title, f"Note: {G.graph.get('caveat') or 'diplomatic and discursive centrality in the texts, not trade flows.'}"]
    if "modularity" in table.attrs:
        lines.append(f"Louvain modularity {table.attrs['modularity']:.3f} (seed 42)")
    for note in table.attrs.get("notes", []):
        lines.append(f"Note: {note}")
    lines += ["", line(header), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    return "\n".join(lines)


@click.command("export")
@_graph_options
@click.option("--out", "out", type=click.Path(path_type=Path), required=True,
              help="Output file; the format follows the suffix (.graphml, .gexf, .csv, .json) unless --format.")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "json"]), default=None,
              help="graphml, gexf (Gephi), csv (FILE.nodes.csv and FILE.edges.csv) or json (node-link).")
@click.option("--measures", "-m", default=None,
              help="Also store these measures as node attributes (comma-separated, or 'all').")
def export_command(graph_file: Path, projection: str, since, until, out: Path, fmt, measures) -> None:
    """Export a projection of the graph for Gephi, Cytoscape, R or a spreadsheet.

    Edge provenance (fact IRIs, quotes, documents, dates) is kept as JSON-array
    strings; weights count the supporting facts.
    """
    from crmgraph.network.export import export_projection
    from crmgraph.network.measures import centrality, parse_measures

    names = parse_measures(measures) if measures else None
    G = _load(graph_file, projection, since, until)
    table = centrality(G, names) if names else None
    for path in export_projection(G, out, fmt, measures=table):
        click.echo(f"Wrote {path}")
