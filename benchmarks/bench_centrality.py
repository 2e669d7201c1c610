"""Benchmark: crmgraph's centrality measures on generated actor networks, networkx against igraph.

One command::

    .venv/bin/python benchmarks/bench_centrality.py            # 10,000 and 100,000 nodes
    .venv/bin/python benchmarks/bench_centrality.py --quick    # 500 and 2,000 nodes, one repeat

For each size it generates one directed actor network (a power-law graph with
clustering, ties oriented at random, a third of them reciprocated, weights 1-3
"supporting facts", four actor groups), then times every measure of
:mod:`crmgraph.network.measures` through both backends on that same graph and
prints the medians of the repeats and the networkx/igraph ratio. Where networkx
would take minutes (exact betweenness and closeness above 5,000 nodes) both
backends use the same ``k`` sampled pivots, and the table says so; at 100,000
nodes networkx's path-based measures, and above 2,000 nodes its weighted
effective size (cubic in the degree), are skipped unless ``--full``. Finally it
times the whole suite (``centrality(G, "all")``) with the fast backend: the
target is under a minute at 100,000 nodes.

Results are printed and written to ``benchmarks/results/centrality.json``
(ignored by git).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

EXPENSIVE = ("betweenness", "closeness", "harmonic")
ORDER = ("degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "clustering",
         "core", "community", "constraint", "effective_size", "brokerage")


def actor_network(n: int, seed: int = 7):
    """A directed, weighted, grouped network of ``n`` actors that looks like the seed graph's, only larger."""
    import networkx as nx

    rng = random.Random(seed)
    U = nx.powerlaw_cluster_graph(n, 3, 0.1, seed=seed)
    D = nx.DiGraph(projection="generated", caveat="generated network")
    groups = ["central-asia"] * 2 + ["the-west"] * 3 + ["china"] + ["others"] * 4
    for v in U:
        D.add_node(v, iri=f"gen:{v}", label=f"actor {v}", type="State", group=rng.choice(groups))
    for u, v in U.edges():
        if rng.random() < 0.5:
            u, v = v, u
        w = rng.choice((1, 1, 1, 2, 3))
        D.add_edge(u, v, weight=w, distance=1 / w)
        if rng.random() < 1 / 3:
            D.add_edge(v, u, weight=w, distance=1 / w)
    return D


def _time(function, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench_size(n: int, repeats: int, full: bool, k: int) -> dict:
    from crmgraph.network import measures
    from crmgraph.network.backends import NETWORKX_EXACT_LIMIT, igraph_available

    D = actor_network(n)
    measures.pagerank(actor_network(50), backend="igraph" if igraph_available() else "networkx")  # warm up imports
    print(f"\n== {n:,} nodes, {D.number_of_edges():,} arcs ==", flush=True)
    rows = []
    sampled = n > NETWORKX_EXACT_LIMIT
    for name in ORDER:
        function = measures._FUNCTIONS[name]
        row = {"measure": name, "k": k if (sampled and name in EXPENSIVE) else None}
        for backend in ("networkx", "igraph"):
            if backend == "igraph" and not igraph_available():
                row[backend] = None
                continue
            if backend == "networkx" and n > 50_000 and name in EXPENSIVE and not full:
                row[backend] = None  # minutes even when sampled: see --full
                continue
            if backend == "networkx" and n > 2_000 and name == "effective_size" and not full:
                row[backend] = None  # networkx's weighted formula is cubic in the degree: see --full
                continue
            kwargs = {}
            if name in EXPENSIVE:
                kwargs = {"backend": backend, "k": row["k"] or 0}
            elif name in ("degree", "strength"):
                kwargs = {}
            elif name == "brokerage":
                kwargs = {"method": "reference" if backend == "networkx" else "fast"}
            else:
                kwargs = {"backend": backend}
            if name in ("degree", "strength") and backend == "igraph":
                row[backend] = row["networkx"]  # plain networkx in both
                continue
            seconds, _ = _time(lambda: function(D, **kwargs), repeats)
            row[backend] = seconds
        nx_s, ig_s = row.get("networkx"), row.get("igraph")
        row["ratio"] = (nx_s / ig_s) if (nx_s and ig_s) else None
        rows.append(row)
        print(f"  {name:<15} k={str(row['k'] or 'exact'):<6} networkx {_fmt(nx_s):>9}  igraph {_fmt(ig_s):>9}"
              f"  ratio {('%.1fx' % row['ratio']) if row['ratio'] else '-':>7}", flush=True)
    extra = {}
    if igraph_available():
        if n <= 20_000:
            seconds, _ = _time(lambda: measures.betweenness(D, backend="igraph", k=0), 1)
            extra["igraph exact betweenness"] = seconds
            print(f"  igraph exact betweenness: {_fmt(seconds)}", flush=True)
        seconds, table = _time(lambda: measures.centrality(D, "all", backend="igraph"), 1)
        extra["full suite, fast backend"] = seconds
        extra["full suite notes"] = table.attrs.get("notes", [])
        print(f"  full suite (centrality(G, 'all'), fast backend): {_fmt(seconds)}"
              f"  [{'; '.join(table.attrs.get('notes', [])) or 'exact'}]", flush=True)
    return {"nodes": n, "arcs": D.number_of_edges(), "repeats": repeats, "measures": rows, **extra}


def _fmt(seconds) -> str:
    if seconds is None:
        return "skipped"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small networks (500 and 2,000 nodes), one repeat")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                        help="comma-separated node counts (default 10000,100000)")
    parser.add_argument("--repeats", type=int, default=None, help="repeats per measure (median reported; default 3)")
    parser.add_argument("-k", type=int, default=200, help="pivots for sampled path measures (default 200)")
    parser.add_argument("--full", action="store_true", help="also run networkx's path measures at 100,000 nodes")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([500, 2_000] if args.quick else [10_000, 100_000])
    repeats = args.repeats or (1 if args.quick else 3)
    from crmgraph.network.backends import igraph_available, threads

    print(f"crmgraph centrality benchmark: python {platform.python_version()}, {threads()} CPU(s), "
          f"igraph {'available' if igraph_available() else 'MISSING (pip install crmgraph[fast])'}; "
          f"medians of {repeats} repeat(s)")
    results = {"python": platform.python_version(), "cpus": threads(), "sizes": []}
    for n in sizes:
        results["sizes"].append(bench_size(n, repeats, args.full, args.k))
    out = Path(__file__).resolve().parent / "results" / "centrality.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nWrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
