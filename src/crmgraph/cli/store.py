"""``crmgraph push``, ``crmgraph serve`` and ``crmgraph convert``: thin wrappers over :mod:`crmgraph.store`."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("push")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("graph/crmgraph.ttl"),
              show_default=True, help="The graph file to load.")
@click.option("--endpoint", default=None, metavar="URL", help="A SPARQL 1.1 endpoint's query URL.")
@click.option("--store", "store", type=click.Path(path_type=Path), default=None,
              help="A persistent Oxigraph store folder (created when missing).")
@click.option("--named-graph", default=None, metavar="IRI", help="Load into this named graph (default: the default graph).")
@click.option("--append", is_flag=True, help="Add to the target graph instead of replacing it.")
@click.option("--method", type=click.Choice(["auto", "gsp", "update"]), default="auto", show_default=True,
              help="Graph Store Protocol, batched SPARQL updates, or GSP where the server has it.")
@click.option("--gsp", default=None, metavar="URL", help="The endpoint's Graph Store Protocol URL, if not the usual one.")
@click.option("--update-url", default=None, metavar="URL", help="The endpoint's update URL, if not .../update.")
@click.option("--batch", type=int, default=None, help="Triples per request (default 50000).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait for each request.")
def push_command(graph_file: Path, endpoint: str | None, store: Path | None, named_graph: str | None, append: bool,
                 method: str, gsp: str | None, update_url: str | None, batch: int | None, timeout: float) -> None:
    """Load the graph in bulk into a SPARQL endpoint (--endpoint URL) or a persistent store (--store PATH)."""
    from crmgraph.store import push

    report = push(graph_file, endpoint=endpoint, store=store, named_graph=named_graph, replace=not append,
                  method=method, gsp=gsp, update_url=update_url, batch=batch, timeout=timeout)
    click.echo(str(report)[0].upper() + str(report)[1:])


@click.command("serve")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("graph/crmgraph.trig"),
              show_default=True, help="The graph file to serve (copied into a temporary store).")
@click.option("--store", "store", type=click.Path(path_type=Path), default=None,
              help="Serve this persistent Oxigraph store folder instead.")
@click.option("--port", type=int, default=7878, show_default=True, help="The port on 127.0.0.1.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates and Graph Store writes.")
def serve_command(graph_file: Path, store: Path | None, port: int, allow_update: bool) -> None:
    """Serve the graph as a SPARQL 1.1 Protocol endpoint on 127.0.0.1 (read-only by default) until Ctrl-C.

    Queries see every named graph (one per document) as the default graph.
    """
    from crmgraph.store.server import serve

    def ready(server) -> None:
        mode = "read-write" if allow_update else "read-only"
        click.echo(f"SPARQL endpoint at {server.query_url} ({mode}); Ctrl-C to stop", err=True)

    serve(graph_file, store=store, port=port, allow_update=allow_update, on_ready=ready)


@click.command("convert")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=Path("graph/crmgraph.trig"),
              show_default=True, help="The graph file to convert.")
@click.option("--to", "to", type=click.Choice(["turtle", "nt", "jsonld", "xml", "trig"]), required=True,
              help="The format to write.")
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=None,
              help="The file to write (atomically); default: standard output.")
def convert_command(graph_file: Path, to: str, out_file: Path | None) -> None:
    """Convert a graph file to Turtle, N-Triples, JSON-LD, RDF/XML or TriG (one named graph per document)."""
    import sys

    from crmgraph.store.convert import convert

    data, warnings = convert(graph_file, to)
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    if out_file is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from crmgraph.io import write_files_atomically

        write_files_atomically({out_file: data})
