"""Centrality analysis: projections, measures against networkx, brokerage by hand, backends, CLI and export."""

from __future__ import annotations

import json
import os
import random

import networkx as nx
import pytest

from conftest import assert_one_line_error, run_cli

ID = "https://w3id.org/crmgraph/id/"
ACTOR_TYPES = {"State", "Region", "IntergovernmentalOrganisation", "FinancialInstitution", "Company", "MediaOutlet",
               "ResearchInstitute", "GovernmentBody", "DiplomaticFormat", "Leader", "Person"}


def _require_igraph():
    try:
        import igraph  # noqa: F401
    except ImportError:
        if os.environ.get("CRMGRAPH_REQUIRE_ALL") == "1":
            pytest.fail("python-igraph is required (CRMGRAPH_REQUIRE_ALL=1): pip install 'crmgraph[fast]'")
        pytest.skip("python-igraph is not installed (pip install 'crmgraph[fast]')")


@pytest.fixture(scope="module")
def seed_graph(seed_graph_dir):
    from crmgraph.sparql import load_graph

    return load_graph(seed_graph_dir / "crmgraph.ttl")


@pytest.fixture(scope="module")
def actors(seed_graph):
    from crmgraph.network.projections import load_projection

    return load_projection(seed_graph, "actors")


# --- projections ------------------------------------------------------------------------------


def test_actor_network_holds_only_actors_with_provenance(actors):
    assert actors.is_directed() and actors.number_of_nodes() > 10
    assert {d["type"] for _, d in actors.nodes(data=True)} <= ACTOR_TYPES
    for u, v, data in actors.edges(data=True):
        assert data["weight"] == len(data["supports"]) >= 1
        assert data["facts"] and all(f.startswith(ID + "fact/") for f in data["facts"])
        assert data["quotes"] and data["documents"]
    # a stated relation, a leader's office and a shared agreement are all there
    eu, kz, uz = ID + "european-union", ID + "kazakhstan", ID + "uzbekistan"
    assert "relation" in actors.edges[eu, kz]["kinds"]
    assert "office" in actors.edges[ID + "kassym-jomart-tokayev", kz]["kinds"]
    assert "co-participation" in actors.edges[eu, uz]["kinds"]
    assert actors.graph["caveat"].startswith("Centrality in the diplomacy and discourse")


def test_time_window_keeps_only_facts_up_to_the_year(seed_graph):
    from crmgraph.network.projections import Window, actor_network

    early = actor_network(seed_graph, window=2022)
    for *_, data in early.edges(data=True):
        assert all(int(d[:4]) <= 2022 for d in data["dates"])
    late = actor_network(seed_graph, window=Window(2024, 2024), undated=False)
    for *_, data in late.edges(data=True):
        assert data["dates"] and all(d.startswith("2024") for d in data["dates"])
    assert early.number_of_edges() < actor_network(seed_graph).number_of_edges()


def test_every_projection_loads(seed_graph):
    from crmgraph.network.projections import PROJECTIONS, load_projection

    for name in PROJECTIONS:
        G = load_projection(seed_graph, name)
        assert G.number_of_nodes() > 0 and G.number_of_edges() > 0, name
        if G.graph.get("bipartite"):
            assert nx.is_bipartite(G) and {d["bipartite"] for _, d in G.nodes(data=True)} == {0, 1}, name
    discourse = load_projection(seed_graph, "discourse")
    tokayev = ID + "kassym-jomart-tokayev"
    assert discourse.has_edge(tokayev, "concept:" + ID + "critical-raw-materials")
    congruence = load_projection(seed_graph, "congruence")
    assert all(d["weight"] == len(d["concepts"]) for *_, d in congruence.edges(data=True))


def test_actor_groups_come_from_the_data_file(actors):
    assert actors.nodes[ID + "kazakhstan"]["group"] == "central-asia"
    assert actors.nodes[ID + "kassym-jomart-tokayev"]["group"] == "central-asia"  # via the office he holds
    assert actors.nodes[ID + "olaf-scholz"]["group"] == "the-west"
    assert actors.nodes[ID + "china"]["group"] == "china"


def test_a_grouping_file_cannot_inject_sparql(seed_graph):
    from crmgraph.errors import CrmgraphError
    from crmgraph.network.brokerage import load_actor_groups, resolve_groups

    # a region id is bound as an IRI: text that would close the IRI and add a pattern is refused in one line
    hostile = {"groups": [{"id": "g", "regions": ["central-asia> } UNION { ?x ?p ?o"]}]}
    with pytest.raises(CrmgraphError, match=r"not a valid IRI"):
        resolve_groups(seed_graph, hostile)
    assert set(resolve_groups(seed_graph, {"groups": [{"id": "g", "regions": ["central-asia"]}]}).values()) == {"g"}
    # an inherit step is written into a property path: only a property name is accepted
    with pytest.raises(CrmgraphError, match=r"inherit step .* is not a property name"):
        load_actor_groups({"groups": [{"id": "g"}], "inherit": [["holdsOffice/officeIn } UNION { ?x ?p"]]})


# --- every measure equals an independent networkx recomputation on the exported GraphML --------


def _independent_brokerage(D, group="group"):
    roles = {n: {"coordinator": 0, "itinerant": 0, "representative": 0, "gatekeeper": 0, "liaison": 0} for n in D}
    for b in D:
        for a in D.predecessors(b):
            for c in D.successors(b):
                if a == c or D.has_edge(a, c):
                    continue
                ga, gb, gc = D.nodes[a][group], D.nodes[b][group], D.nodes[c][group]
                if ga == gb == gc:
                    roles[b]["coordinator"] += 1
                elif ga == gc:
                    roles[b]["itinerant"] += 1
                elif ga == gb:
                    roles[b]["representative"] += 1
                elif gb == gc:
                    roles[b]["gatekeeper"] += 1
                else:
                    roles[b]["liaison"] += 1
    return roles


def test_every_measure_equals_networkx_on_the_exported_graphml(actors, tmp_path):
    from crmgraph.network.export import export_projection
    from crmgraph.network.measures import centrality

    table = centrality(actors, "all", backend="networkx")
    (path,) = export_projection(actors, tmp_path / "actors.graphml")
    D = nx.read_graphml(path)
    assert set(D) == set(actors) and D.is_directed()
    # the undirected network, rebuilt from the file: weight = distinct supports of both arcs
    U = nx.Graph()
    U.add_nodes_from(D.nodes(data=True))
    for u, v, data in D.edges(data=True):
        supports = set(json.loads(data["supports"]))
        if U.has_edge(u, v):
            U.edges[u, v]["supports"] |= supports
        else:
            U.add_edge(u, v, supports=supports)
    for u, v, data in U.edges(data=True):
        data["weight"] = len(data["supports"])
        data["distance"] = 1 / data["weight"]
    expected = {
        "degree": dict(U.degree()), "degree_in": dict(D.in_degree()), "degree_out": dict(D.out_degree()),
        "strength": dict(U.degree(weight="weight")), "strength_in": dict(D.in_degree(weight="weight")),
        "strength_out": dict(D.out_degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(U, weight="distance"),
        "closeness": nx.closeness_centrality(U, distance="distance"),
        "harmonic": nx.harmonic_centrality(U, distance="distance"),
        "eigenvector": nx.eigenvector_centrality_numpy(U, weight="weight"),
        "pagerank": nx.pagerank(D, weight="weight", tol=1e-10, max_iter=10_000),
        "clustering": nx.clustering(U),
        "core": nx.core_number(U),
        "constraint": nx.constraint(U, weight="weight"),
        # nodes= avoids networkx 3.6's all-nodes shortcut, which mis-normalises weighted redundancy
        "effective_size": nx.effective_size(U, nodes=list(U), weight="weight"),
    }
    for role_name, values in {r: {n: c[r] for n, c in _independent_brokerage(D).items()}
                              for r in ("coordinator", "itinerant", "representative", "gatekeeper",
                                        "liaison")}.items():
        expected[role_name] = values
    for column, values in expected.items():
        for node, value in values.items():
            assert table.loc[node, column] == pytest.approx(value, rel=1e-6, abs=1e-9), (column, node)
    # Louvain: the partition is a partition of the nodes, and its modularity recomputes
    parts = [set(group.index) for _, group in table.groupby("community")]
    assert nx.community.is_partition(U, parts)
    assert table.attrs["modularity"] == pytest.approx(nx.community.modularity(U, parts, weight="weight"))
    assert table.attrs["modularity"] > 0.2


# --- a hand-made graph with a known broker -------------------------------------------------------


def _hand_graph():
    G = nx.DiGraph()
    groups = {"a": "X", "b": "X", "m": "Y", "c": "Y", "e": "Y", "d": "Z"}
    for node, group in groups.items():
        G.add_node(node, group=group)
    G.add_edges_from([("a", "m"), ("b", "m"), ("c", "m"), ("m", "c"), ("m", "d"), ("m", "e"), ("m", "a"),
                      ("a", "b")])
    return G


def test_brokerage_constraint_and_effective_size_by_hand():
    """The broker m (group Y) between a, b (X), c, e (Y) and d (Z).

    Arcs: a->m, b->m, c->m, m->c, m->d, m->e, m->a, a->b.

    Brokerage (Gould-Fernandez: open two-paths x->broker->y, x != y, no arc x->y).
    Through m, predecessors {a, b, c}, successors {a, c, d, e}:
      a->m->a  skipped (same node)
      a->m->c  X,Y,Y  gatekeeper     a->m->d  X,Y,Z  liaison     a->m->e  X,Y,Y  gatekeeper
      b->m->a  X,Y,X  itinerant (no arc b->a; a->b does not count)
      b->m->c  X,Y,Y  gatekeeper     b->m->d  X,Y,Z  liaison     b->m->e  X,Y,Y  gatekeeper
      c->m->a  Y,Y,X  representative c->m->c  skipped            c->m->d  Y,Y,Z  representative
      c->m->e  Y,Y,Y  coordinator
      m: coordinator 1, itinerant 1, representative 2, gatekeeper 4, liaison 2; total 10.
    Through a, predecessors {m}, successors {m, b}: m->a->b is open (no arc m->b),
      groups Y,X,X: gatekeeper 1.
    Through b: a->b->m is closed by the arc a->m: 0. Nobody else has both in- and out-arcs
    to distinct nodes (c->m->... runs through m; c's only successor is m, its only predecessor m).

    Burt's measures on the undirected graph (all weights 1): edges a-m, b-m, c-m, d-m, e-m, a-b.
    Effective size n - 2t/n (n contacts, t ties among them):
      m: n = 5, t = 1 (a-b) -> 5 - 2/5 = 4.6;  a: n = 2 (m, b), t = 1 -> 1;  b: 1;  c, d, e: 1.
    Constraint sum_j (p_ij + sum_q p_iq p_qj)^2 with p_ij = 1/degree(i):
      m: j = a: (1/5 + p_mb p_ba = 1/5 * 1/2)^2 = (3/10)^2 = 0.09; j = b: 0.09; c, d, e: (1/5)^2 = 0.04 each
         -> 0.09 + 0.09 + 0.12 = 0.30
      a: j = m: (1/2 + p_ab p_bm = 1/2 * 1/2)^2 = 9/16 = 0.5625; j = b: (1/2 + p_am p_mb = 1/2 * 1/5)^2 = 0.36
         -> 0.9225; b: the same, 0.9225
      c, d, e: one contact, (1)^2 = 1.
    """
    from crmgraph.network.measures import brokerage, constraint, effective_size

    G = _hand_graph()
    roles = brokerage(G)
    assert roles.loc["m", ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "brokerage"]
                     ].tolist() == [1, 1, 2, 4, 2, 10]
    assert roles.loc["a", ["gatekeeper", "brokerage"]].tolist() == [1, 1]
    assert roles.loc[["b", "c", "d", "e"], "brokerage"].tolist() == [0, 0, 0, 0]
    for backend in ("networkx", "igraph"):
        if backend == "igraph":
            _require_igraph()
        size = effective_size(G, backend=backend)["effective_size"]
        assert size.to_dict() == pytest.approx({"m": 4.6, "a": 1, "b": 1, "c": 1, "d": 1, "e": 1})
        cons = constraint(G, backend=backend)["constraint"]
        assert cons.to_dict() == pytest.approx({"m": 0.30, "a": 0.9225, "b": 0.9225, "c": 1, "d": 1, "e": 1})


def test_weighted_effective_size_by_hand():
    """Ego 0 with alters 1 (weight 1) and 2 (weight 3); 1-2 weight 2; 2-3 weight 1.

    p_01 = 1/4, p_02 = 3/4; m_12 = 2/max(1, 2) = 1; m_21 = 2/max(3, 2, 1) = 2/3.
    ES(0) = (1 - p_02 m_12) + (1 - p_01 m_21) = 1/4 + 5/6 = 13/12.
    """
    from crmgraph.network.measures import effective_size

    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 1), (0, 2, 3), (1, 2, 2), (2, 3, 1)])
    for backend in ("networkx", "igraph"):
        if backend == "igraph":
            _require_igraph()
        assert effective_size(G, backend=backend).loc[0, "effective_size"] == pytest.approx(13 / 12)


def test_fast_brokerage_equals_the_reference_on_random_graphs():
    from crmgraph.network.brokerage import brokerage_fast, brokerage_reference

    for seed in range(5):
        G = nx.gnp_random_graph(60, 0.08, seed=seed, directed=True)
        rng = random.Random(seed)
        nx.set_node_attributes(G, {n: rng.choice("ABCD") for n in G}, "group")
        assert brokerage_fast(G) == brokerage_reference(G)
        U = G.to_undirected()
        assert brokerage_fast(U) == brokerage_reference(U)


# --- backends ----------------------------------------------------------------------------------


def _weighted_test_graph(seed: int):
    G = nx.powerlaw_cluster_graph(120, 2, 0.3, seed=seed)
    G.add_edges_from([(500, 501), (501, 502)])  # a second component and no isolate
    rng = random.Random(seed)
    for *_, d in G.edges(data=True):
        d["weight"] = rng.choice([1, 2, 4])  # distances 1, 1/2, 1/4 add up exactly: no float ties
        d["distance"] = 1 / d["weight"]
    return G


def test_igraph_backend_equals_networkx_on_small_graphs():
    _require_igraph()
    from crmgraph.network import backends

    for seed in (1, 2):
        U = _weighted_test_graph(seed)
        b_nx, _ = backends.betweenness(U, backend="networkx", k=0)
        b_ig, _ = backends.betweenness(U, backend="igraph", k=0)
        c_nx, h_nx, _ = backends.closeness_harmonic(U, backend="networkx", k=0)
        c_ig, h_ig, _ = backends.closeness_harmonic(U, backend="igraph", k=0)
        pairs = [(b_nx, b_ig), (c_nx, c_ig), (h_nx, h_ig),
                 (backends.eigenvector(U, backend="networkx"), backends.eigenvector(U, backend="igraph")),
                 (backends.pagerank(U, backend="networkx"), backends.pagerank(U, backend="igraph")),
                 (backends.clustering(U, backend="networkx"), backends.clustering(U, backend="igraph")),
                 (backends.core_number(U, backend="networkx"), backends.core_number(U, backend="igraph")),
                 (backends.constraint(U, backend="networkx"), backends.constraint(U, backend="igraph")),
                 (backends.effective_size(U, backend="networkx"), backends.effective_size(U, backend="igraph"))]
        for reference, fast in pairs:
            for node in U:
                assert fast[node] == pytest.approx(reference[node], rel=1e-5, abs=1e-4), node
        D = U.to_directed()
        D.remove_edges_from([(u, v) for u, v in list(D.edges()) if (u + v) % 3 == 0 and u < v])
        pr_nx, pr_ig = backends.pagerank(D, backend="networkx"), backends.pagerank(D, backend="igraph")
        assert all(pr_ig[n] == pytest.approx(pr_nx[n], rel=1e-4) for n in D)
        _, q_nx = backends.louvain(U, backend="networkx")
        _, q_ig = backends.louvain(U, backend="igraph")
        assert q_ig == pytest.approx(q_nx, abs=0.05)


def test_sampled_betweenness_states_k_and_tracks_the_exact_values():
    from crmgraph.network.measures import betweenness

    U = _weighted_test_graph(3)
    exact = betweenness(U, backend="networkx", k=0)
    sampled = betweenness(U, backend="networkx", k=60)
    assert sampled.attrs["notes"] == ["betweenness estimated from k=60 pivots"]
    top_exact = set(exact["betweenness"].nlargest(5).index)
    top_sampled = set(sampled["betweenness"].nlargest(10).index)
    assert len(top_exact & top_sampled) >= 4


# --- robustness and region-level answers -----------------------------------------------------------


def test_robustness_fragments_the_network(actors):
    from crmgraph.network.robustness import robustness

    table = robustness(actors, steps=3)
    assert table.loc[0, "fragmentation"] == pytest.approx(
        1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(actors.to_undirected()))
        / (actors.number_of_nodes() * (actors.number_of_nodes() - 1)))
    assert table["fragmentation"].is_monotonic_increasing
    assert table.loc[1, "label"] is not None


def test_region_shares_with_and_without_china(seed_graph):
    from crmgraph.network.robustness import region_shares

    table = region_shares(seed_graph, years=[2023])
    assert set(table["scenario"]) == {"all actors", "without china"}
    assert set(table["year"]) == {2023, "all"}
    shares = table.set_index(["year", "scenario"])
    assert 0 <= shares.loc[("all", "all actors"), "betweenness_share"] <= 1
    assert shares.loc[("all", "without china"), "actors"] == shares.loc[("all", "all actors"), "actors"] - 1


# --- CLI and export -------------------------------------------------------------------------------


def test_centrality_top_10_prints_a_readable_table(seed_graph_dir):
    result = run_cli("centrality", "--graph", str(seed_graph_dir / "crmgraph.ttl"), "--top", "10")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Centrality in the actors network")
    assert "not in trade or material flows" in lines[1]
    header = next(i for i, line in enumerate(lines) if line.startswith("label"))
    assert "betweenness" in lines[header] and set(lines[header + 1]) <= {"-", " "}
    body = lines[header + 2:]
    assert len(body) == 10 and all(len(line) < 200 for line in body)
    assert any(line.startswith("Uzbekistan") or line.startswith("Kazakhstan") for line in body)


def test_centrality_csv_and_json(seed_graph_dir):
    graph = str(seed_graph_dir / "crmgraph.ttl")
    result = run_cli("centrality", "--graph", graph, "-m", "degree,brokerage", "--format", "csv", "--top", "3",
                     "--sort", "brokerage")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("iri,label,type,group,degree")
    assert len(result.stdout.splitlines()) == 4
    result = run_cli("centrality", "--graph", graph, "-p", "congruence", "--format", "json", "--top", "0")
    data = json.loads(result.stdout)
    assert data["projection"] == "congruence" and data["nodes"] and "caveat" in data


@pytest.mark.parametrize("args, fragment", [
    (["--projection", "nonsense"], "unknown projection 'nonsense'"),
    (["--measures", "degree,nonsense"], "unknown measure 'nonsense'"),
])
def test_centrality_rejects_unknown_names(seed_graph_dir, args, fragment):
    assert_one_line_error(run_cli("centrality", "--graph", str(seed_graph_dir / "crmgraph.ttl"), *args), fragment)


def test_centrality_rejects_a_graph_that_does_not_parse(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .\n", encoding="utf-8")
    assert_one_line_error(run_cli("centrality", "--graph", str(bad)), "bad.ttl", "does not parse")


def test_centrality_rejects_an_empty_graph(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    assert_one_line_error(run_cli("centrality", "--graph", str(empty)), "empty")
    no_actors = tmp_path / "no-actors.ttl"
    no_actors.write_text("<https://w3id.org/crmgraph/id/x> <http://www.w3.org/2004/02/skos/core#prefLabel> \"x\" .\n",
                         encoding="utf-8")
    assert_one_line_error(run_cli("centrality", "--graph", str(no_actors)), "projection", "is empty")
    assert_one_line_error(run_cli("export", "--graph", str(no_actors), "--out", str(tmp_path / "x.graphml")),
                          "is empty")


def test_centrality_missing_graph_file(tmp_path):
    assert_one_line_error(run_cli("centrality", "--graph", str(tmp_path / "none.ttl")), "does not exist")


def test_export_writes_every_format(seed_graph_dir, tmp_path):
    graph = str(seed_graph_dir / "crmgraph.ttl")
    for name in ("actors.graphml", "actors.gexf", "actors.json", "actors.csv"):
        result = run_cli("export", "--graph", graph, "--out", str(tmp_path / name), "-m", "degree,betweenness")
        assert result.returncode == 0, result.stderr
    G = nx.read_graphml(tmp_path / "actors.graphml")
    assert G.nodes[ID + "kazakhstan"]["label"] == "Kazakhstan" and "betweenness" in G.nodes[ID + "kazakhstan"]
    assert nx.read_gexf(tmp_path / "actors.gexf").number_of_nodes() == G.number_of_nodes()
    data = json.loads((tmp_path / "actors.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == G.number_of_nodes() and data["links"]
    import pandas as pd

    edges = pd.read_csv(tmp_path / "actors.edges.csv")
    assert {"source", "target", "weight", "facts", "quotes"} <= set(edges.columns)
    assert len(pd.read_csv(tmp_path / "actors.nodes.csv")) == G.number_of_nodes()
    assert not list(tmp_path.glob(".*.tmp"))
    result = run_cli("export", "--graph", graph, "--out", str(tmp_path / "actors.txt"))
    assert_one_line_error(result, "cannot tell the format")
