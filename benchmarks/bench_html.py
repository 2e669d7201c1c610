"""Benchmark of the HTML network view: write a generated 5,000-node graph, open it in headless chromium.

Run from the repository root (needs the ``browser`` extra and Debian's chromium)::

    .venv/bin/python benchmarks/bench_html.py            # 5,000 nodes, medians of 3 runs
    .venv/bin/python benchmarks/bench_html.py --nodes 2000 --runs 5

It reports, as medians:

* **write**: ``write_html`` on a generated knowledge graph (entities of every class,
  one fact per relation with its evidence), from the triples to the file on disk;
* **open**: from ``page.goto`` on the ``file://`` URL (network off) until the view
  is settled (positions final, physics off) and then until a click on a node shows
  its evidence in the panel;
* the file size;

and, measured in the same run, two baselines:

* PyVis's own way in (``add_edge`` one edge at a time, as ``from_nx`` does) against
  handing PyVis ready node and edge lists, on a smaller graph;
* letting the browser's physics lay out and stabilise a smaller graph, against
  opening it with the positions computed in Python.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

CLASSES = [("State", 0.06), ("Region", 0.02), ("Company", 0.22), ("IntergovernmentalOrganisation", 0.05),
           ("Leader", 0.15), ("Person", 0.1), ("Initiative", 0.08), ("Forum", 0.05), ("Statement", 0.17),
           ("Topic", 0.1)]
RELATIONS = ["partnerOf", "cooperatesWith", "investsIn", "tradePartnerOf", "memberOf", "engagesWith", "funds",
             "suppliesTo", "rivalOf", "negotiatesWith", "partyTo", "meetsWith", "assists", "owns"]


def synthetic_graph(nodes: int = 5000, seed: int = 1):
    """A KnowledgeGraph shaped like a large corpus: ~2 relations per node, each a fact with its evidence."""
    import random

    import networkx as nx
    from rdflib import RDF, Literal, URIRef
    from rdflib.namespace import PROV, SKOS, XSD

    from crmgraph.ontology import CRM, OA
    from crmgraph.rdf.build import KnowledgeGraph
    from crmgraph.rdf.iris import entity_iri

    rng = random.Random(seed)
    shape = nx.powerlaw_cluster_graph(nodes, 2, 0.1, seed=seed)
    doc = entity_iri("synthetic-corpus")
    triples = [(doc, RDF.type, CRM.Document), (doc, SKOS.prefLabel, Literal("A synthetic corpus", lang="en")),
               (doc, CRM.sha256, Literal("0" * 64))]
    weights = [w for _, w in CLASSES]
    iris = []
    for i in range(nodes):
        kind = rng.choices([c for c, _ in CLASSES], weights)[0]
        iri = entity_iri(f"entity-{i}")
        iris.append(iri)
        triples += [(iri, RDF.type, CRM[kind]), (iri, SKOS.prefLabel, Literal(f"{kind} {i}", lang="en"))]
        if kind == "State" and i % 2 == 0:
            triples.append((iri, SKOS.exactMatch, URIRef(f"http://www.wikidata.org/entity/Q{1000 + i}")))
    for number, (u, v) in enumerate(shape.edges()):
        fact = URIRef(f"https://w3id.org/crmgraph/id/fact/{number:08x}")
        evidence = URIRef(f"https://w3id.org/crmgraph/id/evidence/{number:08x}")
        quote_sel, position = URIRef(f"{evidence}#quote"), URIRef(f"{evidence}#position")
        predicate = CRM[rng.choice(RELATIONS)]
        quote = f"Entity {u} and entity {v} agreed on cooperation in critical raw materials, number {number}."
        triples += [
            (iris[u], predicate, iris[v]), (fact, RDF.type, CRM.Fact), (fact, RDF.subject, iris[u]),
            (fact, RDF.predicate, predicate), (fact, RDF.object, iris[v]), (fact, PROV.wasDerivedFrom, doc),
            (fact, CRM.evidence, evidence), (fact, CRM.method, CRM.curated),
            (evidence, RDF.type, CRM.Evidence), (evidence, OA.hasSource, doc),
            (evidence, CRM.sentence, Literal("In the year under review, " + quote)),
            (evidence, CRM.method, CRM.curated), (evidence, OA.hasSelector, quote_sel),
            (evidence, OA.hasSelector, position), (quote_sel, RDF.type, OA.TextQuoteSelector),
            (quote_sel, OA.exact, Literal(quote)), (position, RDF.type, OA.TextPositionSelector),
            (position, OA.start, Literal(number * 100)), (position, OA.end, Literal(number * 100 + len(quote))),
        ]
        if rng.random() < 0.7:
            triples.append((fact, CRM.date, Literal(str(rng.randint(2010, 2024)), datatype=XSD.gYear)))
        for iri in (iris[u], iris[v]):
            triples += [(iri, PROV.wasDerivedFrom, doc), (iri, CRM.evidence, evidence)]
    return KnowledgeGraph(graphs={doc: sorted(set(triples))}, documents=[], annotations=[])


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def open_in_browser(path: Path, runs: int, click: str | None = None) -> tuple[float, float | None]:
    """Median seconds until settled, and until a click shows the panel (None without ``click``)."""
    from test_html_browser import chromium

    settle, interact = [], []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as profile, chromium(Path(profile), viewport=(1400, 900)) as browser:
            start = time.perf_counter()
            page = browser.open(path, timeout=600_000)
            settle.append(time.perf_counter() - start)
            if click:
                browser.click_node(click)
                page.wait_for_function("() => document.querySelector('#panel h2') !== null")
                interact.append(time.perf_counter() - start)
            if browser.errors or browser.requests:
                raise SystemExit(f"the page misbehaved: {browser.errors} {browser.requests}")
    return statistics.median(settle), (statistics.median(interact) if interact else None)


def pyvis_baseline(nodes: int, edges: int) -> tuple[float, float]:
    """PyVis's undirected add_edge one by one (what from_nx does) against ready lists, same network."""
    import networkx as nx
    from pyvis.network import Network

    shape = nx.gnm_random_graph(nodes, edges, seed=1)

    def one_by_one():
        net = Network()
        for n in shape.nodes:
            net.add_node(n, label=str(n))
        for u, v in shape.edges:
            net.add_edge(u, v)
        return net

    def lists():
        net = Network()
        net.nodes = [{"id": n, "label": str(n), "shape": "dot"} for n in shape.nodes]
        net.node_ids = list(shape.nodes)
        net.node_map = {n["id"]: n for n in net.nodes}
        net.edges = [{"from": u, "to": v} for u, v in shape.edges]
        return net

    return timed(one_by_one, 1)[0], timed(lists, 3)[0]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-nodes", type=int, default=1000)
    args = parser.parse_args(argv)

    from crmgraph.views.html import write_html
    from crmgraph.views.model import view_network

    out = Path(tempfile.mkdtemp(prefix="bench-html-"))
    kg = synthetic_graph(args.nodes)
    net = view_network(kg)
    hub = max(net.nodes, key=net.degree)
    print(f"generated graph: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges, "
          f"{len(kg.triples())} triples", flush=True)
    page = out / "large.html"
    write, _ = timed(lambda: write_html(kg, page), args.runs)
    size = page.stat().st_size
    settled, interactive = open_in_browser(page, args.runs, click=hub)

    small = synthetic_graph(args.baseline_nodes, seed=2)
    small_hub = max(view_network(small).nodes, key=view_network(small).degree)
    precomputed, physics = out / "small-precomputed.html", out / "small-physics.html"
    write_html(small, precomputed, physics=False)
    write_html(small, physics, physics=True)
    small_pre, _ = open_in_browser(precomputed, args.runs, click=small_hub)
    small_phys, _ = open_in_browser(physics, args.runs, click=small_hub)
    edges = 13 * args.baseline_nodes
    one_by_one, lists = pyvis_baseline(args.baseline_nodes, edges)

    print(f"\nHTML view, {args.nodes:,} nodes (medians of {args.runs}):")
    print(f"  write_html (triples -> file)         {write:8.2f} s")
    print(f"  file size                            {size / 1e6:8.2f} MB")
    print(f"  open until settled (file://, offline){settled:8.2f} s")
    print(f"  open until a click shows evidence    {interactive:8.2f} s")
    print(f"\nBaselines, same run ({args.baseline_nodes:,} nodes):")
    print(f"  open, positions from Python          {small_pre:8.2f} s")
    print(f"  open, browser physics until stable   {small_phys:8.2f} s")
    print(f"  PyVis add_edge one by one ({edges:,} edges, 1 run) {one_by_one:8.2f} s")
    print(f"  PyVis given ready node/edge lists    {lists:8.3f} s")


if __name__ == "__main__":
    main()
