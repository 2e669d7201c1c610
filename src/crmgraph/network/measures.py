"""Centrality and structural measures of a projection, as pandas DataFrames.

Every function takes a projection (see :mod:`crmgraph.network.projections`) and
returns a DataFrame indexed by node with the columns ``iri``, ``label``, ``type``,
``group`` and then its measures. :func:`centrality` runs several at once.

These are measures of diplomatic and discursive centrality: of who the texts say
relates to whom, not of trade or material flows.

Conventions
-----------
* Directed measures (in/out degree and strength, PageRank, brokerage) use the
  arcs as stated; all others use the undirected network
  (:func:`~crmgraph.network.projections.to_undirected`), where an edge's
  ``weight`` counts its distinct supporting facts.
* Path-based measures (betweenness, closeness, harmonic) take ``distance =
  1 / weight`` as edge length: a tie stated more often is shorter.
* Betweenness is normalised (networkx ``normalized=True``); closeness uses
  networkx's Wasserman-Faust scaling for disconnected graphs; harmonic
  centrality is the plain sum of inverse distances; eigenvector centrality has
  unit Euclidean norm; PageRank damping is 0.85; clustering is unweighted;
  Burt's constraint and effective size use ``weight``; Louvain uses ``weight``
  and a fixed seed (42).

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(3)
>>> betweenness(G).loc[1, "betweenness"]
np.float64(1.0)
"""

from __future__ import annotations

from crmgraph.errors import CrmgraphError
from crmgraph.network.brokerage import ROLES

#: Measure name -> columns it adds, in the order of a full table.
MEASURES: dict[str, tuple[str, ...]] = {
    "degree": ("degree", "degree_in", "degree_out"),
    "strength": ("strength", "strength_in", "strength_out"),
    "betweenness": ("betweenness",),
    "closeness": ("closeness",),
    "harmonic": ("harmonic",),
    "eigenvector": ("eigenvector",),
    "pagerank": ("pagerank",),
    "clustering": ("clustering",),
    "core": ("core",),
    "community": ("community",),
    "constraint": ("constraint",),
    "effective_size": ("effective_size",),
    "brokerage": (*ROLES, "brokerage"),
}

#: What ``crmgraph centrality`` computes when no measures are named.
DEFAULT_MEASURES = ("degree", "strength", "betweenness", "closeness", "eigenvector", "pagerank", "core",
                    "community", "constraint", "brokerage")

SEED = 42


_UNDIRECTED_CACHE: dict = {}
_PATH_CACHE: dict = {}


def _undirected(G):
    from crmgraph.network.projections import to_undirected

    key = (id(G), G.number_of_nodes(), G.number_of_edges())
    if key in _UNDIRECTED_CACHE:
        return _UNDIRECTED_CACHE[key][1]
    U = _undirected_uncached(G, to_undirected)
    if _UNDIRECTED_CACHE.get("active"):
        _UNDIRECTED_CACHE[key] = (G, U)
    return U


def _undirected_uncached(G, to_undirected):
    U = to_undirected(G)
    if U is G:
        # make sure distances exist for graphs built by hand
        if any("distance" not in d for *_, d in G.edges(data=True)):
            U = G.copy()
            for *_, d in U.edges(data=True):
                d.setdefault("weight", 1)
                d["distance"] = 1.0 / d["weight"]
    return U


def node_table(G):
    """The node columns every measure table starts with: ``iri``, ``label``, ``type``, ``group``.

    Nodes built by hand without these attributes get their node id as IRI and label.
    """
    import pandas as pd

    rows = {n: {"iri": d.get("iri", str(n)), "label": d.get("label", str(n)), "type": d.get("type", ""),
                "group": d.get("group", "")} for n, d in G.nodes(data=True)}
    return pd.DataFrame.from_dict(rows, orient="index", columns=["iri", "label", "type", "group"])


def _frame(G, columns: dict, notes: list[str] | None = None):
    import pandas as pd

    frame = node_table(G)
    for name, values in columns.items():
        frame[name] = pd.Series(values, dtype="float64" if not _is_int(values) else "int64").reindex(frame.index)
    if notes:
        frame.attrs["notes"] = list(notes)
    return frame


def _is_int(values) -> bool:
    return bool(values) and all(isinstance(v, int) and not isinstance(v, bool) for v in values.values())


def degree(G):
    """Degree (number of distinct neighbours), in- and out-degree (arcs; equal to degree when undirected)."""
    U = _undirected(G)
    if G.is_directed():
        return _frame(G, {"degree": dict(U.degree()), "degree_in": dict(G.in_degree()),
                          "degree_out": dict(G.out_degree())})
    deg = dict(U.degree())
    return _frame(G, {"degree": deg, "degree_in": deg, "degree_out": deg})


def strength(G):
    """Strength: the sum of edge weights (supporting facts), total and by direction."""
    U = _undirected(G)
    total = {n: int(v) for n, v in U.degree(weight="weight")}
    if G.is_directed():
        return _frame(G, {"strength": total, "strength_in": {n: int(v) for n, v in G.in_degree(weight="weight")},
                          "strength_out": {n: int(v) for n, v in G.out_degree(weight="weight")}})
    return _frame(G, {"strength": total, "strength_in": total, "strength_out": total})


def betweenness(G, *, backend: str = "auto", k: int | None = None, seed: int = SEED):
    """Normalised betweenness centrality, edge length ``1 / weight``; sampled with ``k`` pivots on large graphs."""
    from crmgraph.network import backends

    values, used = backends.betweenness(_undirected(G), backend=backend, k=k, seed=seed)
    return _frame(G, {"betweenness": values}, [f"betweenness estimated from k={used} pivots"] if used else None)


def closeness(G, *, backend: str = "auto", k: int | None = None, seed: int = SEED):
    """Closeness centrality (edge length ``1 / weight``; scaled by the reachable share of the graph)."""
    from crmgraph.network import backends

    close, _, used = _closeness_harmonic(G, backend, k, seed, ("closeness",))
    return _frame(G, {"closeness": close}, [f"closeness estimated from k={used} pivots"] if used else None)


def harmonic(G, *, backend: str = "auto", k: int | None = None, seed: int = SEED):
    """Harmonic centrality: the sum of inverse distances (edge length ``1 / weight``) to all other nodes."""
    from crmgraph.network import backends

    _, harm, used = _closeness_harmonic(G, backend, k, seed, ("harmonic",))
    return _frame(G, {"harmonic": harm}, [f"harmonic estimated from k={used} pivots"] if used else None)


def _closeness_harmonic(G, backend, k, seed, which):
    from crmgraph.network import backends

    key = (id(G), G.number_of_nodes(), G.number_of_edges(), backend, k, seed)
    if _UNDIRECTED_CACHE.get("active"):
        if key not in _PATH_CACHE:
            _PATH_CACHE[key] = (G, backends.closeness_harmonic(_undirected(G), backend=backend, k=k, seed=seed))
        return _PATH_CACHE[key][1]
    return backends.closeness_harmonic(_undirected(G), backend=backend, k=k, seed=seed, which=which)


def eigenvector(G, *, backend: str = "auto"):
    """Eigenvector centrality of the undirected network on ``weight`` (unit norm)."""
    from crmgraph.network import backends

    return _frame(G, {"eigenvector": backends.eigenvector(_undirected(G), backend=backend)})


def pagerank(G, *, backend: str = "auto", alpha: float = 0.85):
    """PageRank on ``weight``, following the arcs as stated when ``G`` is directed."""
    from crmgraph.network import backends

    H = G if G.is_directed() else _undirected(G)
    return _frame(G, {"pagerank": backends.pagerank(H, backend=backend, alpha=alpha)})


def clustering(G, *, backend: str = "auto"):
    """Local clustering coefficient of the undirected network (unweighted)."""
    from crmgraph.network import backends

    return _frame(G, {"clustering": backends.clustering(_undirected(G), backend=backend)})


def core(G, *, backend: str = "auto"):
    """Core number: the largest k such that the node is in the k-core."""
    from crmgraph.network import backends

    return _frame(G, {"core": backends.core_number(_undirected(G), backend=backend)})


def communities(G, *, backend: str = "auto", seed: int = SEED, resolution: float = 1.0):
    """Louvain communities (column ``community``, 0 = largest); ``attrs["modularity"]`` holds the modularity.

    Examples
    --------
    >>> import networkx as nx
    >>> frame = communities(nx.barbell_graph(4, 0))
    >>> frame["community"].nunique(), round(frame.attrs["modularity"], 3)
    (2, 0.423)
    """
    from crmgraph.network import backends

    parts, modularity = backends.louvain(_undirected(G), backend=backend, seed=seed, resolution=resolution)
    membership = {node: i for i, part in enumerate(parts) for node in part}
    frame = _frame(G, {"community": membership})
    frame.attrs["modularity"] = modularity
    return frame


def constraint(G, *, backend: str = "auto"):
    """Burt's constraint: how much a node's ties are redundant with each other (low = brokerage opportunity)."""
    from crmgraph.network import backends

    return _frame(G, {"constraint": backends.constraint(_undirected(G), backend=backend)})


def effective_size(G, *, backend: str = "auto"):
    """Burt's effective size: the number of non-redundant contacts."""
    from crmgraph.network import backends

    return _frame(G, {"effective_size": backends.effective_size(_undirected(G), backend=backend)})


def brokerage(G, *, group: str = "group", method: str = "auto"):
    """Gould-Fernandez brokerage roles between the actor groups (node attribute ``group``).

    See :mod:`crmgraph.network.brokerage` for the roles. Uses the arcs as stated
    when ``G`` is directed.
    """
    from crmgraph.network.brokerage import brokerage as roles

    counts = roles(G, group=group, method=method)
    frame = node_table(G)
    for column in counts.columns:
        frame[column] = counts[column].reindex(frame.index).astype("int64")
    return frame


_FUNCTIONS = {
    "degree": degree, "strength": strength, "betweenness": betweenness, "closeness": closeness,
    "harmonic": harmonic, "eigenvector": eigenvector, "pagerank": pagerank, "clustering": clustering,
    "core": core, "community": communities, "constraint": constraint, "effective_size": effective_size,
    "brokerage": brokerage,
}


def parse_measures(measures) -> list[str]:
    """Measure names from a list or a comma-separated string; ``all`` means every measure.

    Examples
    --------
    >>> parse_measures("degree, betweenness")
    ['degree', 'betweenness']
    """
    if measures is None:
        return list(DEFAULT_MEASURES)
    if isinstance(measures, str):
        measures = [m.strip() for m in measures.split(",") if m.strip()]
    names: list[str] = []
    for name in measures:
        if name == "all":
            names += [m for m in MEASURES if m not in names]
            continue
        if name not in MEASURES:
            raise CrmgraphError(f"unknown measure {name!r}; choose from: {', '.join(MEASURES)} (or all)")
        if name not in names:
            names.append(name)
    if not names:
        raise CrmgraphError("no measure named; choose from: " + ", ".join(MEASURES))
    return names


def centrality(G, measures=None, *, backend: str = "auto", k: int | None = None, seed: int = SEED):
    """Several measures in one DataFrame: ``iri``, ``label``, ``type``, ``group``, then the measures' columns.

    Parameters
    ----------
    G : networkx graph
        A projection, or any graph (nodes without ``label`` are labelled by id).
    measures : list or comma-separated str, optional
        Names of :data:`MEASURES` (``all`` for every one); default
        :data:`DEFAULT_MEASURES`.
    backend : {"auto", "networkx", "igraph"}
        Where the expensive measures are computed (see :mod:`crmgraph.network.backends`).
    k : int, optional
        Pivots for sampled betweenness/closeness/harmonic (``0``: always exact).

    Returns
    -------
    pandas.DataFrame
        Indexed by node; ``attrs`` carries ``modularity`` (with ``community``),
        ``notes`` (sampling), ``projection`` and ``caveat``.

    Examples
    --------
    >>> import networkx as nx
    >>> table = centrality(nx.star_graph(3), ["degree", "betweenness"])
    >>> table.loc[0, ["degree", "betweenness"]].tolist()
    [3.0, 1.0]
    """
    names = parse_measures(measures)
    if G.number_of_nodes() == 0:
        raise CrmgraphError("the network is empty: no nodes to measure")
    from crmgraph.network.backends import caching

    outer = _UNDIRECTED_CACHE.get("active", False)
    _UNDIRECTED_CACHE["active"] = True
    try:
        with caching():
            return _centrality(G, names, backend, k, seed)
    finally:
        if not outer:
            _UNDIRECTED_CACHE.clear()
            _PATH_CACHE.clear()


def _centrality(G, names, backend, k, seed):
    table = node_table(G)
    notes: list[str] = []
    for name in names:
        function = _FUNCTIONS[name]
        kwargs = {}
        if name in ("betweenness", "closeness", "harmonic"):
            kwargs = {"backend": backend, "k": k, "seed": seed}
        elif name == "community":
            kwargs = {"backend": backend, "seed": seed}
        elif name != "degree" and name != "strength" and name != "brokerage":
            kwargs = {"backend": backend}
        frame = function(G, **kwargs)
        for column in MEASURES[name]:
            table[column] = frame[column]
        if "modularity" in frame.attrs:
            table.attrs["modularity"] = frame.attrs["modularity"]
        notes += frame.attrs.get("notes", [])
    table.attrs["notes"] = notes
    table.attrs["projection"] = G.graph.get("projection", "")
    table.attrs["caveat"] = G.graph.get("caveat", "")
    return table
