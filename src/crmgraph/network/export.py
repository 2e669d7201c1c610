"""Writing projections for other tools: GraphML and GEXF (Gephi), CSV node and edge lists, node-link JSON.

List-valued attributes (the provenance of an edge: fact IRIs, quotes, documents)
are written as JSON arrays in a string, since GraphML, GEXF and CSV have no list
type; ``json.loads`` gives them back. Files are written atomically
(:func:`crmgraph.io.write_files_atomically`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from crmgraph.errors import CrmgraphError

EXPORT_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "csv": ".csv", "json": ".json"}


def _plain(value):
    if isinstance(value, (list, tuple, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else list(value), ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return value
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def flat_copy(G, measures=None):
    """A copy of ``G`` whose attributes are all strings or numbers, with measure columns as node attributes.

    ``measures`` is a DataFrame from :func:`crmgraph.network.measures.centrality`
    (indexed by node) or None.
    """
    H = G.__class__()
    H.graph.update({k: _plain(v) for k, v in G.graph.items() if _plain(v) is not None})
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _plain(v) for k, v in data.items() if _plain(v) is not None})
    if measures is not None:
        skip = {"iri", "label", "type", "group"}
        for node, row in measures.iterrows():
            if node in H:
                for column, value in row.items():
                    if column not in skip and _plain(value) is not None:
                        H.nodes[node][column] = _plain(value)
    for u, v, data in G.edges(data=True):
        H.add_edge(u, v, **{k: _plain(x) for k, x in data.items() if _plain(x) is not None})
    return H


def export_bytes(G, fmt: str, *, measures=None, name: str = "network") -> dict[str, bytes]:
    """The files of an export as ``{suffix: bytes}``: one file, or ``.nodes.csv`` and ``.edges.csv`` for CSV.

    Examples
    --------
    >>> import networkx as nx
    >>> files = export_bytes(nx.path_graph(3), "csv")
    >>> sorted(files)
    ['.edges.csv', '.nodes.csv']
    """
    import networkx as nx

    if fmt not in EXPORT_FORMATS:
        raise CrmgraphError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    H = flat_copy(G, measures)
    if fmt == "graphml":
        return {".graphml": "\n".join(nx.generate_graphml(H, named_key_ids=True)).encode("utf-8") + b"\n"}
    if fmt == "gexf":
        return {".gexf": "\n".join(nx.generate_gexf(H)).encode("utf-8") + b"\n"}
    if fmt == "json":
        data = nx.node_link_data(H, edges="links")
        return {".json": (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")}
    import pandas as pd

    nodes = pd.DataFrame([{"id": n, **d} for n, d in H.nodes(data=True)])
    edges = pd.DataFrame([{"source": u, "target": v, **d} for u, v, d in H.edges(data=True)],
                         columns=None if H.number_of_edges() else ["source", "target"])
    return {".nodes.csv": nodes.to_csv(index=False).encode("utf-8"),
            ".edges.csv": edges.to_csv(index=False).encode("utf-8")}


def export_projection(G, path: Path | str, fmt: str | None = None, *, measures=None) -> list[Path]:
    """Write ``G`` to ``path`` in ``fmt`` (by default from the suffix); returns the files written.

    For CSV, ``path`` names the pair: ``actors.csv`` gives ``actors.nodes.csv``
    and ``actors.edges.csv``.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "path.graphml"
    >>> [p.name for p in export_projection(nx.path_graph(3), out)]
    ['path.graphml']
    """
    from crmgraph.io import prepare_output_dir, write_files_atomically

    path = Path(path)
    if fmt is None:
        by_suffix = {suffix: name for name, suffix in EXPORT_FORMATS.items()}
        fmt = by_suffix.get(path.suffix.lower())
        if fmt is None:
            raise CrmgraphError(f"output {path}: cannot tell the format from the suffix; "
                                f"use one of {', '.join(EXPORT_FORMATS.values())} or --format")
    if G.number_of_nodes() == 0:
        raise CrmgraphError("the network is empty: nothing to export")
    prepare_output_dir(path.parent if str(path.parent) else Path("."))
    files = export_bytes(G, fmt, measures=measures)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    targets = {(path if len(files) == 1 and suffix == path.suffix else path.with_name(stem + suffix)): content
               for suffix, content in files.items()}
    write_files_atomically(targets)
    return sorted(targets)
