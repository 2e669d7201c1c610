"""How the network holds together, and who holds it: robustness and region-level shares.

:func:`robustness` removes the nodes with the highest betweenness one by one and
records how the network fragments. :func:`group_shares` gives each actor group's
share of betweenness and brokerage; :func:`region_shares` answers "is Central
Asia central?" over years and with and without China.

All of it measures centrality in the diplomacy and discourse that the texts
record, not in trade flows.
"""

from __future__ import annotations

from crmgraph.errors import CrmgraphError


def fragmentation(U) -> float:
    """Borgatti's fragmentation: the share of node pairs that cannot reach each other (0 connected, 1 none).

    Examples
    --------
    >>> import networkx as nx
    >>> round(fragmentation(nx.Graph([(1, 2), (3, 4)])), 4)
    0.6667
    """
    import networkx as nx

    n = U.number_of_nodes()
    if n < 2:
        return 0.0
    reachable = sum(len(c) * (len(c) - 1) for c in nx.connected_components(U))
    return 1.0 - reachable / (n * (n - 1))


def robustness(G, *, steps: int | None = None, adaptive: bool = True, backend: str = "auto",
               k: int | None = None):
    """Fragmentation as the nodes of highest betweenness are removed, one per step.

    Parameters
    ----------
    steps : int, optional
        How many nodes to remove (default: all but two, at most 20).
    adaptive : bool
        Recompute betweenness after each removal (default) or remove in the order
        of the initial ranking.

    Returns
    -------
    pandas.DataFrame
        One row per step (step 0 = the intact network): ``removed`` (count),
        ``iri``, ``label``, ``type``, ``group`` and ``betweenness`` of the node removed at
        this step, then ``components``, ``largest_component`` (share of the
        original nodes in the largest component) and ``fragmentation`` after it.

    Examples
    --------
    >>> import networkx as nx
    >>> table = robustness(nx.barbell_graph(3, 1), steps=1)
    >>> [str(x) for x in table.loc[1, ["label", "components"]]]
    ['3', '2']
    """
    import networkx as nx
    import pandas as pd

    from crmgraph.network import backends
    from crmgraph.network.measures import _undirected

    U = _undirected(G).copy()
    n = U.number_of_nodes()
    if n == 0:
        raise CrmgraphError("the network is empty: nothing to remove")
    steps = min(n - 2, 20) if steps is None else min(steps, n)
    rows = [_state(U, n, 0, None, None)]
    order: list = []
    if not adaptive:
        values, _ = backends.betweenness(U, backend=backend, k=k)
        order = sorted(values, key=lambda v: (-values[v], str(v)))
    for step in range(1, max(steps, 0) + 1):
        if adaptive:
            values, _ = backends.betweenness(U, backend=backend, k=k)
            node = min(values, key=lambda v: (-values[v], str(v)))
            score = values[node]
        else:
            node = order[step - 1]
            score = values[node]
        data = dict(G.nodes[node]) if node in G else {}
        U.remove_node(node)
        rows.append(_state(U, n, step, node, data, score))
    frame = pd.DataFrame(rows)
    frame.attrs["adaptive"] = adaptive
    frame.attrs["caveat"] = G.graph.get("caveat", "")
    del nx
    return frame


def _state(U, n: int, step: int, node, data, score=None) -> dict:
    import networkx as nx

    parts = [len(c) for c in nx.connected_components(U)] if U.number_of_nodes() else []
    return {
        "removed": step,
        "iri": None if node is None else data.get("iri", str(node)),
        "label": None if node is None else data.get("label", str(node)),
        "type": None if node is None else data.get("type", ""),
        "group": None if node is None else data.get("group", ""),
        "betweenness": score,
        "components": len(parts),
        "largest_component": (max(parts) / n) if parts else 0.0,
        "fragmentation": fragmentation(U),
    }


def group_shares(G, *, group: str = "group", backend: str = "auto"):
    """Each group's share of total betweenness and of total brokerage, with its number of nodes.

    Returns a DataFrame indexed by group with ``nodes``, ``betweenness``,
    ``betweenness_share``, ``brokerage``, ``brokerage_share`` and the five roles.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "X", "b": "Y", "c": "X"}, "group")
    >>> group_shares(G).loc["Y", "brokerage_share"]
    np.float64(1.0)
    """
    from crmgraph.network.brokerage import ROLES
    from crmgraph.network.measures import betweenness, brokerage

    table = betweenness(G, backend=backend)
    roles = brokerage(G, group=group)
    for column in (*ROLES, "brokerage"):
        table[column] = roles[column]
    table["group"] = [G.nodes[n].get(group, "") for n in table.index]
    summary = table.groupby("group").agg(nodes=("iri", "size"), betweenness=("betweenness", "sum"),
                                         brokerage=("brokerage", "sum"),
                                         **{role: (role, "sum") for role in ROLES})
    total_b, total_k = summary["betweenness"].sum(), summary["brokerage"].sum()
    summary["betweenness_share"] = summary["betweenness"] / total_b if total_b else 0.0
    summary["brokerage_share"] = summary["brokerage"] / total_k if total_k else 0.0
    return summary[["nodes", "betweenness", "betweenness_share", "brokerage", "brokerage_share", *ROLES]]


def region_shares(graph, *, focus: str = "central-asia", without: tuple[str, ...] = ("china",),
                  years: list[int] | None = None, groups="default", backend: str = "auto"):
    """The share of betweenness and brokerage held by one group, by year, with and without some actors.

    For each year (cumulative: facts dated up to that year, plus undated facts)
    and each scenario (``all actors``; ``without <id>`` for each of ``without``,
    removing that actor from the actor network), reports the focus group's share
    of total betweenness and of total brokerage, its number of actors, and the
    same for its states alone. The last row per scenario (``year`` = ``all``)
    uses every fact.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> table = region_shares(build_graph().to_rdflib(), years=[2024])
    >>> sorted(table["scenario"].unique())
    ['all actors', 'without china']
    """
    import pandas as pd

    from crmgraph.network.measures import betweenness, brokerage
    from crmgraph.network.projections import ID_NS, actor_network, fact_years

    years = fact_years(graph) if years is None else list(years)
    rows = []
    for year in [*years, None]:
        base = actor_network(graph, window=year, groups=groups)
        for scenario, removed in [("all actors", ()), *((f"without {w}", (ID_NS + w,)) for w in without)]:
            G = base.copy()
            G.remove_nodes_from([r for r in removed if r in G])
            row = {"year": "all" if year is None else year, "scenario": scenario, "actors": G.number_of_nodes(),
                   "ties": _undirected_edges(G)}
            if G.number_of_nodes() == 0:
                rows.append(row)
                continue
            bet = betweenness(G, backend=backend)
            bro = brokerage(G)
            in_focus = bet["group"] == focus
            states = in_focus & (bet["type"] == "State")
            total_b, total_k = bet["betweenness"].sum(), bro["brokerage"].sum()
            row.update({
                "focus_actors": int(in_focus.sum()),
                "betweenness_share": bet.loc[in_focus, "betweenness"].sum() / total_b if total_b else 0.0,
                "brokerage_share": bro.loc[in_focus, "brokerage"].sum() / total_k if total_k else 0.0,
                "states_betweenness_share": bet.loc[states, "betweenness"].sum() / total_b if total_b else 0.0,
                "states_brokerage_share": bro.loc[states, "brokerage"].sum() / total_k if total_k else 0.0,
                "top_broker": bro["brokerage"].idxmax() and G.nodes[bro["brokerage"].idxmax()].get("label")
                if total_k else None,
            })
            rows.append(row)
    frame = pd.DataFrame(rows)
    frame.attrs["focus"] = focus
    return frame


def _undirected_edges(G) -> int:
    from crmgraph.network.projections import to_undirected

    return to_undirected(G).number_of_edges()
