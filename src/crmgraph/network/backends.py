"""Where the expensive measures are computed: networkx (the reference) or igraph (fast), exact or sampled.

Every function here takes an undirected weighted networkx graph ``U`` whose edges
carry ``weight`` (tie strength) and ``distance`` (``1 / weight``, used for path
lengths) and returns ``{node: value}`` on networkx's scale, so the backends are
interchangeable; the test suite checks igraph against networkx on small graphs.

Choice of backend (``backend="auto"``): networkx up to :data:`NETWORKX_LIMIT`
nodes, igraph above when it is installed (``pip install 'crmgraph[fast]'``).
Betweenness, closeness and harmonic centrality are exact up to
:data:`EXACT_LIMIT` nodes (igraph; :data:`NETWORKX_EXACT_LIMIT` with networkx)
and estimated from ``k`` random pivots above it (Brandes & Pich 2007 for
betweenness; Eppstein & Wang 2004 for closeness), with ``k`` reported.
"""

from __future__ import annotations

import os

from crmgraph.errors import CrmgraphError

NETWORKX_LIMIT = 2_000
EXACT_LIMIT = 5_000
NETWORKX_EXACT_LIMIT = 5_000
DEFAULT_K = 100
BACKENDS = ("auto", "networkx", "igraph")
#: networkx's PageRank stops at this tolerance (its default, 1e-6, leaves errors of 1e-5 that igraph does not).
PAGERANK_TOL = 1e-10
#: networkx's weighted effective size is cubic in the degree; "auto" uses it only up to this many nodes.
EFFECTIVE_SIZE_NETWORKX_LIMIT = 300


def igraph_available() -> bool:
    """True when python-igraph can be imported."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


def choose_backend(backend: str, n: int) -> str:
    """Resolve ``auto`` to ``networkx`` or ``igraph`` for a graph of ``n`` nodes.

    Examples
    --------
    >>> choose_backend("auto", 10)
    'networkx'
    """
    if backend not in BACKENDS:
        raise CrmgraphError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
    if backend == "igraph":
        if not igraph_available():
            raise CrmgraphError("the igraph backend needs python-igraph: pip install 'crmgraph[fast]'")
        return "igraph"
    if backend == "networkx" or n <= NETWORKX_LIMIT or not igraph_available():
        return "networkx"
    return "igraph"


def sample_size(n: int, backend: str, k: int | None) -> int | None:
    """The number of pivots to use (None: exact) for a graph of ``n`` nodes.

    ``k=0`` forces exact computation; ``k=None`` chooses: exact up to the backend's
    limit, :data:`DEFAULT_K` pivots above it.
    """
    if k == 0:
        return None
    if k is not None:
        return None if k >= n else int(k)
    limit = EXACT_LIMIT if backend == "igraph" else NETWORKX_EXACT_LIMIT
    return None if n <= limit else min(DEFAULT_K, n)


_IGRAPH_CACHE: dict = {}


def to_igraph(U, weight: str = "weight"):
    """An igraph copy of a networkx graph; returns ``(graph, nodes)`` with nodes in vertex order.

    Inside :func:`caching` the copy of each graph is made once (keyed by the graph
    object and its size); callers that modify the igraph copy must copy it first.
    """
    key = (id(U), U.number_of_nodes(), U.number_of_edges(), weight)
    if key in _IGRAPH_CACHE:
        g, nodes = _IGRAPH_CACHE[key][1]
        return g.copy(), nodes
    result = _to_igraph(U, weight)
    if _CACHING:
        _IGRAPH_CACHE[key] = (U, (result[0].copy(), result[1]))  # keep U alive so its id stays unique
    return result


_CACHING = False


class caching:
    """Context manager: within it, igraph copies of the same graph are made once."""

    def __enter__(self):
        global _CACHING
        self.previous = _CACHING
        _CACHING = True
        return self

    def __exit__(self, *exc):
        global _CACHING
        _CACHING = self.previous
        if not _CACHING:
            _IGRAPH_CACHE.clear()
        return False


def _to_igraph(U, weight: str = "weight"):
    import igraph

    nodes = list(U)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in U.edges() if u != v]
    g = igraph.Graph(n=len(nodes), edges=edges, directed=U.is_directed())
    g.es["weight"] = [float(d.get(weight, 1.0)) for u, v, d in U.edges(data=True) if u != v]
    g.es["distance"] = [1.0 / w for w in g.es["weight"]]
    return g, nodes


def _pivots(nodes, k: int, seed: int):
    import random

    return sorted(random.Random(seed).sample(range(len(nodes)), k))


# --- betweenness --------------------------------------------------------------------------------


def betweenness(U, *, backend: str = "auto", k: int | None = None, seed: int = 42) -> tuple[dict, int | None]:
    """Normalised betweenness with ``distance`` as edge length; returns ``(values, k)`` (k None: exact)."""
    import networkx as nx

    n = U.number_of_nodes()
    backend = choose_backend(backend, n)
    k = sample_size(n, backend, k)
    if backend == "networkx":
        return nx.betweenness_centrality(U, k=k, weight="distance", normalized=True, seed=seed), k
    g, nodes = to_igraph(U)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0), k
    if k is None:
        raw = g.betweenness(weights="distance", directed=False)
        scale = 2.0 / ((n - 1) * (n - 2))
    else:
        raw = g.betweenness(weights="distance", directed=False, sources=_pivots(nodes, k, seed))
        scale = 1.0 / ((n - 1) * (n - 2)) * n / k
    return {v: float(x) * scale for v, x in zip(nodes, raw)}, k


# --- closeness and harmonic ---------------------------------------------------------------------


def closeness_harmonic(U, *, backend: str = "auto", k: int | None = None, seed: int = 42,
                       which: tuple[str, ...] = ("closeness", "harmonic")) -> tuple[dict, dict, int | None]:
    """Closeness (networkx's Wasserman-Faust scaling for disconnected graphs) and harmonic centrality.

    Returns ``(closeness, harmonic, k)``; with pivots both are estimated from the
    distances between every node and ``k`` sampled nodes.
    """
    import networkx as nx

    n = U.number_of_nodes()
    backend = choose_backend(backend, n)
    k = sample_size(n, backend, k)
    if k is None and backend == "networkx":
        close = nx.closeness_centrality(U, distance="distance") if "closeness" in which else {}
        harm = nx.harmonic_centrality(U, distance="distance") if "harmonic" in which else {}
        return close, harm, None
    if k is None:
        g, nodes = to_igraph(U)
        close, harm = {}, {}
        if "closeness" in which:
            sizes = g.connected_components().sizes()
            membership = g.connected_components().membership
            raw = g.closeness(weights="distance", normalized=True)
            for i, (v, x) in enumerate(zip(nodes, raw)):
                r = sizes[membership[i]]
                close[v] = 0.0 if (x != x or n <= 1) else float(x) * (r - 1) / (n - 1)
        if "harmonic" in which:
            raw = g.harmonic_centrality(weights="distance", normalized=False)
            harm = {v: float(x) for v, x in zip(nodes, raw)}
        return close, harm, None
    return (*_pivot_estimates(U, backend, k, seed), k)


def _pivot_estimates(U, backend: str, k: int, seed: int) -> tuple[dict, dict]:
    """Closeness and harmonic centrality estimated from the distances to ``k`` pivots."""
    import numpy as np

    nodes = list(U)
    n = len(nodes)
    pivots = _pivots(nodes, k, seed)
    total = np.zeros(n)  # sum of distances to reachable pivots
    inverse = np.zeros(n)  # sum of 1 / distance to pivots
    reached = np.zeros(n)  # number of reachable pivots other than the node
    if backend == "igraph":
        g, _ = to_igraph(U)
        for start in range(0, k, 25):
            chunk = pivots[start:start + 25]
            dist = np.array(g.distances(source=chunk, weights="distance"), dtype=float)
            for row, p in zip(dist, chunk):
                ok = np.isfinite(row)
                ok[p] = False
                total[ok] += row[ok]
                inverse[ok] += 1.0 / row[ok]
                reached[ok] += 1
    else:
        import networkx as nx

        index = {v: i for i, v in enumerate(nodes)}
        for p in pivots:
            for v, d in nx.single_source_dijkstra_path_length(U, nodes[p], weight="distance").items():
                i = index[v]
                if i != p:
                    total[i] += d
                    inverse[i] += 1.0 / d
                    reached[i] += 1
    components = {}
    import networkx as nx

    for comp in nx.connected_components(U):
        for v in comp:
            components[v] = len(comp)
    close, harm = {}, {}
    for i, v in enumerate(nodes):
        r = components[v]
        if reached[i] == 0 or total[i] == 0:
            close[v] = 0.0
        else:
            mean = total[i] / reached[i]
            close[v] = (1.0 / mean) * (r - 1) / (n - 1)
        harm[v] = inverse[i] * (n - 1) / max(1, k - (1 if i in set(pivots) else 0))
    return close, harm


# --- spectral, clustering, cores, communities, structural holes ---------------------------------


def eigenvector(U, *, backend: str = "auto") -> dict:
    """Eigenvector centrality on ``weight``, scaled to unit Euclidean norm as networkx does.

    On a disconnected graph this is the principal eigenvector of the whole
    adjacency matrix: it lives on the component with the largest leading
    eigenvalue, and every other node gets 0 (networkx refuses such graphs).
    """
    import math

    import networkx as nx

    values = dict.fromkeys(U, 0.0)
    if U.number_of_edges() == 0:
        return values
    components = [c for c in nx.connected_components(U) if len(c) > 1]
    part = U if len(components) == 1 and len(components[0]) == len(U) else \
        U.subgraph(max(components, key=lambda c: (_leading_eigenvalue(U.subgraph(c)), len(c)))).copy()
    if choose_backend(backend, U.number_of_nodes()) == "networkx":
        values.update(nx.eigenvector_centrality_numpy(part, weight="weight"))
        return values
    g, nodes = to_igraph(part)
    raw = g.eigenvector_centrality(weights="weight", scale=True)
    norm = math.sqrt(sum(x * x for x in raw)) or 1.0
    values.update({v: float(x) / norm for v, x in zip(nodes, raw)})
    return values


def _leading_eigenvalue(C) -> float:
    import networkx as nx
    import numpy as np

    A = nx.to_scipy_sparse_array(C, weight="weight", dtype=float)
    if A.shape[0] <= 400:
        return float(np.linalg.eigvalsh(A.toarray())[-1])
    from scipy.sparse.linalg import eigsh

    return float(eigsh(A, k=1, which="LA", return_eigenvectors=False)[0])


def pagerank(G, *, backend: str = "auto", alpha: float = 0.85) -> dict:
    """PageRank on ``weight`` (directed when ``G`` is), damping ``alpha``."""
    import networkx as nx

    if G.number_of_nodes() == 0:
        return {}
    if choose_backend(backend, G.number_of_nodes()) == "networkx":
        return nx.pagerank(G, alpha=alpha, weight="weight", tol=PAGERANK_TOL, max_iter=10_000)
    g, nodes = to_igraph(G)
    raw = g.pagerank(weights="weight", damping=alpha, directed=G.is_directed())
    return {v: float(x) for v, x in zip(nodes, raw)}


def clustering(U, *, backend: str = "auto") -> dict:
    """Local clustering coefficient (unweighted; 0 for nodes with fewer than two neighbours)."""
    import networkx as nx

    if choose_backend(backend, U.number_of_nodes()) == "networkx":
        return nx.clustering(U)
    g, nodes = to_igraph(U)
    g.simplify()
    return {v: float(x) for v, x in zip(nodes, g.transitivity_local_undirected(mode="zero"))}


def core_number(U, *, backend: str = "auto") -> dict:
    """The k-core each node belongs to (its coreness)."""
    import networkx as nx

    if choose_backend(backend, U.number_of_nodes()) == "networkx":
        H = U.copy()
        H.remove_edges_from(nx.selfloop_edges(H))
        return nx.core_number(H)
    g, nodes = to_igraph(U)
    g.simplify()
    return {v: int(x) for v, x in zip(nodes, g.coreness())}


def louvain(U, *, backend: str = "auto", seed: int = 42, resolution: float = 1.0) -> tuple[list[set], float]:
    """Louvain communities on ``weight`` and their modularity.

    networkx's ``louvain_communities`` with a fixed seed (deterministic); igraph's
    multilevel algorithm for large graphs (a different, also deterministic,
    implementation of the same method: the partitions may differ slightly).
    Communities are sorted by size, then by their smallest node.
    """
    import networkx as nx

    if U.number_of_nodes() == 0:
        return [], float("nan")
    if choose_backend(backend, U.number_of_nodes()) == "networkx":
        communities = nx.community.louvain_communities(U, weight="weight", seed=seed, resolution=resolution)
        modularity = nx.community.modularity(U, communities, weight="weight", resolution=resolution)
    else:
        import random

        g, nodes = to_igraph(U)
        random.seed(seed)
        parts = g.community_multilevel(weights="weight", resolution=resolution)
        communities = [{nodes[i] for i in part} for part in parts]
        modularity = float(g.modularity(parts.membership, weights="weight", resolution=resolution)) \
            if U.number_of_edges() else float("nan")
    communities = sorted((set(c) for c in communities), key=lambda c: (-len(c), min(map(str, c))))
    return communities, float(modularity)


def constraint(U, *, backend: str = "auto") -> dict:
    """Burt's constraint on ``weight`` (NaN for isolates)."""
    import networkx as nx

    if choose_backend(backend, U.number_of_nodes()) == "networkx":
        return nx.constraint(U, weight="weight")
    g, nodes = to_igraph(U)
    raw = g.constraint(weights="weight")
    degrees = g.degree()
    return {v: (float("nan") if d == 0 else float(x)) for v, x, d in zip(nodes, raw, degrees)}


def effective_size(U, *, backend: str = "auto") -> dict:
    """Burt's effective size on ``weight`` (NaN for isolates), as :func:`networkx.effective_size`.

    ``ES(i) = sum_j [1 - sum_q p_iq m_jq]`` over neighbours j, q of i, where
    ``p_iq`` is i's share of tie strength to q and ``m_jq`` is j's tie to q over
    j's strongest tie; the fast path sums these terms over the triangles of the
    graph.
    """
    import networkx as nx

    chosen = choose_backend(backend, U.number_of_nodes())
    if chosen == "networkx" and (backend == "networkx" or U.number_of_nodes() <= EFFECTIVE_SIZE_NETWORKX_LIMIT):
        # nodes= forces networkx's per-node formula: its all-nodes sparse shortcut (networkx 3.6)
        # normalises the weighted redundancy wrongly (1.25 instead of 13/12 on a 4-node example).
        return nx.effective_size(U, nodes=list(U), weight="weight")
    import numpy as np

    from crmgraph.network.brokerage import _triangles

    nodes = list(U)
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    pairs = np.array([(index[u], index[v]) for u, v in U.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    weights = np.array([float(d.get("weight", 1.0)) for u, v, d in U.edges(data=True) if u != v])
    strength = np.zeros(n)
    strongest = np.zeros(n)
    degree = np.zeros(n)
    for col in (0, 1):
        np.add.at(strength, pairs[:, col], weights)
        np.maximum.at(strongest, pairs[:, col], weights)
        np.add.at(degree, pairs[:, col], 1)
    codes = np.concatenate([pairs[:, 0] * n + pairs[:, 1], pairs[:, 1] * n + pairs[:, 0]])
    code_weights = np.concatenate([weights, weights])
    order = np.argsort(codes)
    codes, code_weights = codes[order], code_weights[order]

    def w(u, v):
        return code_weights[np.searchsorted(codes, u * n + v)]

    redundancy = np.zeros(n)
    triangles = _triangles(n, pairs)
    for p, q, r in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
        i, j, x = triangles[:, p], triangles[:, q], triangles[:, r]
        # ego i, alter j, third q = x: p_ix * m_jx
        np.add.at(redundancy, i, w(i, x) / strength[i] * w(j, x) / strongest[j])
    values = degree - redundancy
    return {v: (float("nan") if degree[index[v]] == 0 else float(values[index[v]])) for v in nodes}


def threads() -> int:
    """CPU count visible to this process (for the benchmark's report)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
