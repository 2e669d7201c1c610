"""Actor groups and Gould-Fernandez brokerage roles between them.

The grouping (Central Asia, the West, China, others) is data, in
``ontology/actor-groups.yaml``; :func:`assign_groups` resolves it against a graph.

Gould and Fernandez (1989) count, for each broker *b*, the open two-paths
*a -> b -> c* (a != c, and no arc a -> c) and classify them by the groups of
a, b and c:

=================  ==========================  ======================================
role               groups                      the broker ...
=================  ==========================  ======================================
coordinator        a = b = c                   mediates within its own group
itinerant          a = c != b                  (consultant) mediates within another group
representative     a = b != c                  passes its own group's ties outwards
gatekeeper         b = c != a                  lets outside ties into its own group
liaison            a, b, c all different       links two groups neither its own
=================  ==========================  ======================================

On an undirected graph every edge counts as two arcs, so each open two-path is
counted once in each direction (representative and gatekeeper then coincide).
"""

from __future__ import annotations

import re
from pathlib import Path

from crmgraph.errors import CrmgraphError

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
_PROPERTY_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
DEFAULT_GROUP = "others"


# --- groups --------------------------------------------------------------------------------


def load_actor_groups(source: str | Path | dict | None = "default") -> dict:
    """The actor grouping as a dict: ``groups`` (list of {id, label, members, regions}), ``inherit``, ``default``.

    ``"default"`` (or None) reads the shipped ``ontology/actor-groups.yaml``; a
    path reads that file; a dict is checked and returned.

    Examples
    --------
    >>> spec = load_actor_groups()
    >>> [g["id"] for g in spec["groups"]]
    ['central-asia', 'the-west', 'china', 'others']
    """
    import yaml

    if isinstance(source, dict):
        spec = source
        where = "actor groups"
    else:
        from crmgraph.resources import data_path

        path = data_path("ontology") / "actor-groups.yaml" if source in (None, "default") else Path(source)
        where = str(path)
        if not path.exists():
            raise CrmgraphError(f"actor groups {path}: does not exist")
        try:
            spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise CrmgraphError(f"actor groups {path}: not valid YAML ({' '.join(str(exc).split())[:120]})") from None
    groups = spec.get("groups")
    if not isinstance(groups, list) or not all(isinstance(g, dict) and g.get("id") for g in groups):
        raise CrmgraphError(f"{where}: 'groups' must be a list of groups, each with an 'id'")
    seen: dict[str, str] = {}
    for group in groups:
        for member in group.get("members") or []:
            if member in seen:
                raise CrmgraphError(f"{where}: {member!r} is in both {seen[member]!r} and {group['id']!r}")
            seen[member] = group["id"]
    inherit = [list(p) if isinstance(p, (list, tuple)) else [p] for p in spec.get("inherit") or []]
    for path in inherit:
        for step in path:
            # a step is written into a property path (a property cannot be a bound variable there): only names
            if not isinstance(step, str) or not _PROPERTY_NAME.fullmatch(step):
                raise CrmgraphError(f"{where}: inherit step {step!r} is not a property name of the ontology "
                                    "(letters and digits, as in memberOf)")
    return {
        "groups": groups,
        "inherit": inherit,
        "default": spec.get("default", DEFAULT_GROUP),
    }


def resolve_groups(graph, source: str | Path | dict | None = "default") -> dict[str, str]:
    """Map every entity IRI that the grouping reaches in ``graph`` to its group id.

    Rule order: listed ``members``, then stated membership (``crm:partOfRegion`` or
    ``crm:memberOf``) of a listed region, then the ``inherit`` paths. Entities not
    in the result belong to the default group.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> groups = resolve_groups(build_graph().to_rdflib())
    >>> groups["https://w3id.org/crmgraph/id/kassym-jomart-tokayev"]
    'central-asia'
    """
    from crmgraph.network.projections import ID_NS
    from crmgraph.sparql import select

    spec = load_actor_groups(source)
    result: dict[str, str] = {}
    for group in spec["groups"]:
        for member in group.get("members") or []:
            result[ID_NS + member] = group["id"]
    from rdflib import URIRef

    for group in spec["groups"]:
        for region in group.get("regions") or []:
            # the region is bound, not pasted: the grouping is a file users edit
            _, rows = select(graph, "SELECT DISTINCT ?x WHERE { ?x crm:partOfRegion|crm:memberOf ?region }",
                             {"region": URIRef(ID_NS + str(region))})
            for (x,) in rows:
                result.setdefault(str(x), group["id"])
    for path in spec["inherit"]:
        steps = "/".join(f"crm:{step}" for step in path)
        _, rows = select(graph, f"SELECT DISTINCT ?x ?y WHERE {{ ?x {steps} ?y }} ORDER BY ?x ?y")
        for x, y in rows:
            if str(x) not in result and str(y) in result:
                result[str(x)] = result[str(y)]
    return result


def assign_groups(G, graph, source: str | Path | dict | None = "default") -> None:
    """Set node attribute ``group`` on every node of ``G`` (by its ``iri``) from the grouping."""
    spec = load_actor_groups(source)
    groups = resolve_groups(graph, spec)
    for _, data in G.nodes(data=True):
        data["group"] = groups.get(data.get("iri"), spec["default"])
    G.graph["groups"] = ",".join(g["id"] for g in spec["groups"])


# --- Gould-Fernandez -----------------------------------------------------------------------


def _role(ga, gb, gc) -> str:
    if ga == gb == gc:
        return "coordinator"
    if ga == gc:
        return "itinerant"
    if ga == gb:
        return "representative"
    if gb == gc:
        return "gatekeeper"
    return "liaison"


def brokerage_reference(G, group: str = "group") -> dict[str, dict[str, int]]:
    """Gould-Fernandez role counts by direct enumeration of two-paths (the reference; small graphs).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "X", "b": "Y", "c": "X"}, "group")
    >>> brokerage_reference(G)["b"]["itinerant"]
    1
    """
    D = G if G.is_directed() else G.to_directed()
    counts = {n: dict.fromkeys(ROLES, 0) for n in D}
    for b in D:
        gb = D.nodes[b].get(group, DEFAULT_GROUP)
        for a in D.predecessors(b):
            ga = D.nodes[a].get(group, DEFAULT_GROUP)
            for c in D.successors(b):
                if c == a or c == b or a == b or D.has_edge(a, c):
                    continue
                counts[b][_role(ga, gb, D.nodes[c].get(group, DEFAULT_GROUP))] += 1
    return counts


def brokerage_fast(G, group: str = "group") -> dict[str, dict[str, int]]:
    """The same counts as :func:`brokerage_reference`, with sparse matrices (large graphs).

    For each broker b and groups (x, y): in-neighbours of b in x times
    out-neighbours in y, less the pairs with a = c, less the closed two-paths
    (a -> c exists), counted from the triangles of the graph.
    """
    import numpy as np
    import scipy.sparse as sp

    D = G if G.is_directed() else G.to_directed()
    nodes = list(D)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    labels = sorted({D.nodes[v].get(group, DEFAULT_GROUP) for v in nodes})
    gidx = {g: i for i, g in enumerate(labels)}
    k = len(labels)
    g_of = np.array([gidx[D.nodes[v].get(group, DEFAULT_GROUP)] for v in nodes], dtype=np.int64)
    arcs = np.array([(index[u], index[v]) for u, v in D.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    A = sp.csr_matrix((np.ones(len(arcs)), (arcs[:, 0], arcs[:, 1])), shape=(n, n))
    A.data[:] = 1.0
    member = sp.csr_matrix((np.ones(n), (np.arange(n), g_of)), shape=(n, k))
    incoming = (A.T @ member).toarray()  # incoming[b, x]: arcs a -> b with a in group x
    outgoing = (A @ member).toarray()  # outgoing[b, y]: arcs b -> c with c in group y
    mutual = A.multiply(A.T).tocsr()
    reciprocal = (mutual @ member).toarray()  # neighbours both ways, by group
    paths = incoming[:, :, None] * outgoing[:, None, :]
    paths[:, np.arange(k), np.arange(k)] -= reciprocal
    # closed two-paths a -> b -> c with a -> c lie on triangles of the undirected graph
    closed = np.zeros((n, k, k))
    triangles = _triangles(n, arcs)
    if len(triangles):
        codes = np.unique(arcs[:, 0] * n + arcs[:, 1])

        def has(u, v):
            return np.isin(u * n + v, codes, assume_unique=False)

        for p, q, r in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            a, b, c = triangles[:, p], triangles[:, q], triangles[:, r]
            ok = has(a, b) & has(b, c) & has(a, c)
            np.add.at(closed, (b[ok], g_of[a[ok]], g_of[c[ok]]), 1)
    paths -= closed
    result = {}
    roles = np.empty((k, k, k), dtype=object)
    for x in range(k):
        for b in range(k):
            for y in range(k):
                roles[x, b, y] = _role(x, b, y)
    for i, v in enumerate(nodes):
        counts = dict.fromkeys(ROLES, 0)
        gb = g_of[i]
        for x in range(k):
            for y in range(k):
                value = paths[i, x, y]
                if value:
                    counts[roles[x, gb, y]] += int(round(value))
        result[v] = counts
    return result


def _triangles(n: int, arcs):
    """Every triangle {x, y, z} (x < y < z) of the undirected simple graph of these arcs, as an array t x 3."""
    import numpy as np

    pairs = np.unique(np.sort(arcs, axis=1), axis=0) if len(arcs) else arcs
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    try:
        import igraph

        g = igraph.Graph(n=n, edges=pairs.tolist())
        found = g.list_triangles()
        return np.sort(np.array(found, dtype=np.int64).reshape(-1, 3), axis=1)
    except ImportError:
        pass
    neighbours = [set() for _ in range(n)]
    for u, v in pairs.tolist():
        neighbours[u].add(v)
        neighbours[v].add(u)
    found = []
    for u, v in pairs.tolist():  # u < v
        for w in neighbours[u] & neighbours[v]:
            if w > v:
                found.append((u, v, w))
    return np.array(found, dtype=np.int64).reshape(-1, 3)


def brokerage(G, group: str = "group", method: str = "auto"):
    """Gould-Fernandez brokerage roles of every node, as a DataFrame indexed by node.

    Columns: the five roles (``coordinator``, ``itinerant``, ``representative``,
    ``gatekeeper``, ``liaison``) and ``brokerage`` (their sum). ``method`` is
    ``"reference"`` (enumeration), ``"fast"`` (sparse matrices) or ``"auto"``
    (fast above 2,000 nodes).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "X", "b": "X", "c": "Y"}, "group")
    >>> int(brokerage(G).loc["b", "representative"])
    1
    """
    import pandas as pd

    if method not in ("auto", "reference", "fast"):
        raise CrmgraphError(f"brokerage method {method!r}: use auto, reference or fast")
    if method == "fast" or (method == "auto" and G.number_of_nodes() > 2000):
        counts = brokerage_fast(G, group)
    else:
        counts = brokerage_reference(G, group)
    frame = pd.DataFrame.from_dict(counts, orient="index", columns=list(ROLES)).reindex(list(G)).fillna(0)
    frame = frame.astype(int)
    frame["brokerage"] = frame[list(ROLES)].sum(axis=1)
    return frame
