"""SPARQL stores compared: Oxigraph (crmgraph's embedded default) against rdflib's in-memory Graph.

One command::

    python benchmarks/bench_sparql.py            # 10k, 100k and 1M triples
    python benchmarks/bench_sparql.py --quick    # 10k triples, fewer repetitions

For each size it generates a graph shaped like crmgraph's (the mineral vocabulary,
the seed's core actors, generated actors and documents, relation triples each
reified as a crm:Fact with qualifiers, evidence and two selectors, statements with
speakers and venues), then measures in a fresh subprocess per store: the load time,
the peak memory (peak resident set of the worker process, minus its footprint
before loading), and the median latency of every named query of
``queries/`` (without parameters, and with the parameters of its header's
example), and prints one table with the Oxigraph/rdflib ratios. A query that runs
longer than --limit seconds on a store is reported as such.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRM = "https://w3id.org/crmgraph/ontology#"
ID = "https://w3id.org/crmgraph/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"

# The seed's actors, so that the named queries' examples have answers at every size.
CORE = {
    "kazakhstan": ("State", "KZ"), "kyrgyzstan": ("State", "KG"), "tajikistan": ("State", "TJ"),
    "turkmenistan": ("State", "TM"), "uzbekistan": ("State", "UZ"), "china": ("State", "CN"),
    "united-states": ("State", "US"), "germany": ("State", "DE"), "united-kingdom": ("State", "GB"),
    "central-asia": ("Region", None), "the-west": ("Region", None),
    "european-union": ("IntergovernmentalOrganisation", None), "ebrd": ("FinancialInstitution", None),
    "shavkat-mirziyoyev": ("Leader", None), "olaf-scholz": ("Leader", None),
    "president-of-uzbekistan": ("Office", None), "chancellor-of-germany": ("Office", None),
    "critical-raw-materials": ("Topic", None), "electric-vehicles": ("Topic", None),
}
ACTOR_TYPES = ["State", "IntergovernmentalOrganisation", "Company", "GovernmentBody", "Person", "Leader",
               "MediaOutlet", "ResearchInstitute", "FinancialInstitution", "Region"]
# relation -> weight, roughly as in the seed's facts
RELATIONS = {"partnerOf": 4, "cooperatesWith": 3, "tradePartnerOf": 3, "negotiatesWith": 2, "assists": 2,
             "investsIn": 3, "dominatesProductionIn": 1, "increasesPresenceIn": 1, "suppliesTo": 2,
             "developsInfrastructureIn": 1, "engagesWith": 5, "visits": 2, "meetsWith": 2, "rivalOf": 2,
             "hasReserves": 3, "produces": 3, "partyTo": 6, "memberOf": 3, "basedIn": 3, "author": 8,
             "publishedBy": 5, "cites": 8, "affiliatedWith": 2}


def _lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{text}"@{lang}'
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


def generate(triples: int, path: Path, seed: int = 7) -> int:
    """Write an N-Triples file of about ``triples`` triples shaped like a crmgraph graph; return its size."""
    rnd = random.Random(seed)
    out: list[str] = []

    def t(s: str, p: str, o: str) -> None:
        out.append(f"<{s}> <{p}> {o} .\n")

    import pyoxigraph as ox

    for quad in ox.parse(path=str(ROOT / "ontology" / "minerals.ttl"), format=ox.RdfFormat.TURTLE):
        out.append(f"{quad.subject} {quad.predicate} {quad.object} .\n")
    minerals = sorted({str(q.subject.value) for q in ox.parse(path=str(ROOT / "ontology" / "minerals.ttl"),
                                                               format=ox.RdfFormat.TURTLE)
                       if q.predicate.value == RDF + "type" and q.object.value == CRM + "Mineral"})
    for slug, (kind, iso) in CORE.items():
        t(ID + slug, RDF + "type", f"<{CRM}{kind}>")
        t(ID + slug, SKOS + "prefLabel", _lit(slug.replace("-", " ").title(), lang="en"))
        if iso:
            t(ID + slug, CRM + "iso3166Alpha2", _lit(iso))
    t(ID + "shavkat-mirziyoyev", CRM + "holdsOffice", f"<{ID}president-of-uzbekistan>")
    t(ID + "president-of-uzbekistan", CRM + "officeIn", f"<{ID}uzbekistan>")
    t(ID + "olaf-scholz", CRM + "holdsOffice", f"<{ID}chancellor-of-germany>")
    t(ID + "chancellor-of-germany", CRM + "officeIn", f"<{ID}germany>")
    n_actors = max(50, triples // 200)
    actors = [ID + slug for slug, (kind, _) in CORE.items() if kind not in ("Office", "Topic")]
    for i in range(n_actors):
        node = f"{ID}gen-actor-{i}"
        kind = rnd.choice(ACTOR_TYPES)
        t(node, RDF + "type", f"<{CRM}{kind}>")
        t(node, SKOS + "prefLabel", _lit(f"Actor {i}", lang="en"))
        t(node, RDFS + "label", _lit(f"Actor {i}", lang="en"))
        if kind == "State":
            t(node, CRM + "iso3166Alpha2", _lit("Q" + chr(65 + i % 26)))
        actors.append(node)
    mentioned = rnd.sample(minerals, min(30, len(minerals))) + [ID + "lithium", ID + "uranium",
                                                                 ID + "rare-earth-elements"]
    topics = [ID + "critical-raw-materials", ID + "electric-vehicles"] + mentioned
    for mineral in mentioned:  # attested in a text, as entities are
        t(mineral, CRM + "evidence", f"<{ID}evidence/mention-{mineral.rsplit('/', 1)[1]}>")
    names, weights = list(RELATIONS), list(RELATIONS.values())
    # the seed's own facts first, so that each named query's example has its answer at every size
    anchored = [("european-union", "partnerOf", "kazakhstan"), ("european-union", "partnerOf", "uzbekistan"),
                ("central-asia", "hasReserves", "lithium"), ("central-asia", "hasReserves", "uranium"),
                ("china", "tradePartnerOf", "kazakhstan"), ("olaf-scholz", "visits", "uzbekistan"),
                ("ebrd", "assists", "uzbekistan"), ("shavkat-mirziyoyev", "statement", "critical-raw-materials")]
    fact = 0
    doc = -1
    while len(out) < triples:
        if fact % 200 == 0:
            doc += 1
            document = f"{ID}gen-doc-{doc}"
            t(document, RDF + "type", f"<{CRM}Document>")
            t(document, DCT + "title", _lit(f"Document {doc}", lang="en"))
        fact += 1
        core_share = 0.25
        subject = rnd.choice(actors[:17]) if rnd.random() < core_share else rnd.choice(actors)
        obj = rnd.choice(actors[:17]) if rnd.random() < core_share else rnd.choice(actors)
        predicate = rnd.choices(names, weights)[0]
        if predicate in ("hasReserves", "produces"):
            obj = rnd.choice(mentioned)
        statement = rnd.random() < 0.04
        if fact <= len(anchored):
            subject, predicate, obj = (ID + x for x in anchored[fact - 1])
            predicate = predicate[len(ID):]
            statement = predicate == "statement"
            topic = obj
        else:
            topic = rnd.choice(topics)
        if subject == obj and not statement:
            continue
        if statement:
            node = f"{ID}gen-statement-{fact}"
            t(node, RDF + "type", f"<{CRM}Statement>")
            t(node, CRM + "quotation", _lit(f"Words of statement {fact} about minerals and partners.", lang="en"))
            t(node, CRM + "speaker", f"<{subject}>")
            t(node, CRM + "concerns", f"<{topic}>")
            if rnd.random() < 0.5:
                t(node, CRM + "date", _lit(f"{rnd.randint(2015, 2025)}", XSD + "gYear"))
            subject, predicate, obj = node, "speaker", subject
        f = f"{ID}fact/{fact:016x}"
        e = f"{ID}evidence/{fact:016x}"
        start = rnd.randint(0, 50_000)
        end = start + rnd.randint(20, 200)
        t(subject, CRM + predicate, f"<{obj}>")
        t(f, RDF + "type", f"<{CRM}Fact>")
        t(f, RDF + "subject", f"<{subject}>")
        t(f, RDF + "predicate", f"<{CRM}{predicate}>")
        t(f, RDF + "object", f"<{obj}>")
        t(f, PROV + "wasDerivedFrom", f"<{document}>")
        t(f, CRM + "evidence", f"<{e}>")
        t(f, CRM + "method", f"<{CRM}curated>")
        if rnd.random() < 0.5:
            t(f, CRM + "date", _lit(f"{rnd.randint(2015, 2025)}-{rnd.randint(1, 12):02d}", XSD + "gYearMonth"))
        if rnd.random() < 0.4:
            t(f, CRM + "concerns", f"<{rnd.choice(topics)}>")
        sentence = f"Sentence {fact} of document {doc}, in which one actor does something with another."
        t(e, RDF + "type", f"<{CRM}Evidence>")
        t(e, OA + "hasSource", f"<{document}>")
        t(e, OA + "hasSelector", f"<{e}#position>")
        t(e, OA + "hasSelector", f"<{e}#quote>")
        t(e, CRM + "sentence", _lit(sentence))
        t(e, CRM + "method", f"<{CRM}curated>")
        t(e, CRM + "confidence", _lit("1.000", XSD + "decimal"))
        t(e + "#position", RDF + "type", f"<{OA}TextPositionSelector>")
        t(e + "#position", OA + "start", _lit(str(start), XSD + "integer"))
        t(e + "#position", OA + "end", _lit(str(end), XSD + "integer"))
        t(e + "#quote", RDF + "type", f"<{OA}TextQuoteSelector>")
        t(e + "#quote", OA + "exact", _lit(sentence[:40]))
        t(e + "#quote", OA + "prefix", _lit("Before it: "))
        t(e + "#quote", OA + "suffix", _lit(" after it."))
    path.write_text("".join(out), encoding="utf-8")
    return len(out)


# --- the worker: one store, one graph, in its own process -------------------------------------


def _cases() -> list[tuple[str, str, dict]]:
    sys.path.insert(0, str(ROOT / "src"))
    from crmgraph.sparql import named_queries

    cases = []
    for query in named_queries(ROOT / "queries").values():
        cases.append((query.name, query.text, {}))
        for example in query.examples:
            parts = example.split()
            params = dict(v.partition("=")[::2] for f, v in zip(parts, parts[1:]) if f == "--param")
            if params:
                cases.append((f"{query.name} ({', '.join(f'{k}={v}' for k, v in params.items())})", query.text, params))
    return cases


def _rss(field: str) -> int:
    """Bytes of resident memory: ``VmRSS`` (now) or ``VmHWM`` (peak) of this process.

    On Linux ``resource.getrusage().ru_maxrss`` keeps the peak of the process image
    that exec'd this one (the driver, which held a generated graph), so the peak of
    the worker alone comes from /proc; elsewhere getrusage is used.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


class _Timeout(BaseException):  # not an Exception, so that no query code catches it
    pass


def worker(store_kind: str, graph: Path, repeats: int, limit: float) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from crmgraph.store import OxigraphStore, RdflibStore

    cases = _cases()
    baseline = _rss("VmRSS")
    start = time.perf_counter()
    if store_kind == "oxigraph":
        store = OxigraphStore()
        store.load_file(graph)
    else:
        from rdflib import Graph

        rdflib_graph = Graph()
        rdflib_graph.parse(graph, format="nt")
        store = RdflibStore(rdflib_graph)
    load = time.perf_counter() - start
    memory = _rss("VmHWM") - baseline  # peak while loading, above the footprint before it
    size = len(store)

    def alarm(signum, frame):
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)
    results = {}
    for name, text, params in cases:
        times, rows = [], None
        try:
            budget = time.perf_counter() + max(limit, 1.0)
            for _ in range(repeats):
                signal.setitimer(signal.ITIMER_REAL, limit)
                t0 = time.perf_counter()
                rows = len(store.query(text, params).rows)
                times.append(time.perf_counter() - t0)
                signal.setitimer(signal.ITIMER_REAL, 0)
                if time.perf_counter() > budget and len(times) >= 1:
                    break
            results[name] = {"median": statistics.median(times), "runs": len(times), "rows": rows}
        except _Timeout:
            results[name] = {"median": None, "runs": 0, "rows": None}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return {"store": store_kind, "triples": size, "load": load, "memory": memory, "queries": results,
            "peak_rss": _rss("VmHWM")}


# --- the driver ---------------------------------------------------------------------------------


def _run_worker(kind: str, graph: Path, repeats: int, limit: float) -> dict:
    result = subprocess.run([sys.executable, __file__, "--worker", kind, str(graph), "--repeats", str(repeats),
                             "--limit", str(limit)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{kind} worker failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _ms(seconds) -> str:
    return "timeout" if seconds is None else f"{seconds * 1000:.1f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k triples only, 3 repetitions")
    parser.add_argument("--sizes", default=None, help="comma-separated triple counts (default 10000,100000,1000000)")
    parser.add_argument("--repeats", type=int, default=None, help="runs per query (median taken)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a query run counts as a timeout")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    parser.add_argument("--worker", nargs=2, metavar=("STORE", "GRAPH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]), args.repeats or 7, args.limit)))
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([10_000] if args.quick else
                                                                         [10_000, 100_000, 1_000_000])
    repeats = args.repeats or (3 if args.quick else 7)
    figures = []
    with tempfile.TemporaryDirectory(prefix="crmgraph-bench-") as tmp:
        for size in sizes:
            graph = Path(tmp) / f"graph-{size}.nt"
            t0 = time.perf_counter()
            count = generate(size, graph)
            print(f"generated {count} triples in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            ox = _run_worker("oxigraph", graph, repeats, args.limit)
            rd = _run_worker("rdflib", graph, repeats, args.limit)
            figures.append({"size": count, "oxigraph": ox, "rdflib": rd})
            print(f"measured {count} triples", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    _print_table(figures)


def _print_table(figures: list[dict]) -> None:
    rows = [("triples", "what", "oxigraph", "rdflib", "rdflib/oxigraph", "rows")]
    for fig in figures:
        ox, rd, n = fig["oxigraph"], fig["rdflib"], f"{fig['size']:,}"
        rows.append((n, "load (s)", f"{ox['load']:.2f}", f"{rd['load']:.2f}", f"{rd['load'] / ox['load']:.1f}×", ""))
        rows.append((n, "peak memory (MiB)", f"{ox['memory'] / 2**20:.0f}", f"{rd['memory'] / 2**20:.0f}",
                     f"{rd['memory'] / max(ox['memory'], 1):.1f}×", ""))
        for name, q in ox["queries"].items():
            r = rd["queries"].get(name, {})
            ratio = (f"{r['median'] / q['median']:.0f}×" if q.get("median") and r.get("median") else
                     ("> " + f"{60 / q['median']:.0f}×" if q.get("median") and r.get("median") is None else ""))
            rows.append((n, f"{name} (ms)", _ms(q["median"]), _ms(r.get("median")), ratio, str(q.get("rows"))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for i, r in enumerate(rows):
        print("  ".join(c.ljust(w) if j < 2 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    slowest = max((q["median"] or float("inf"), name) for name, q in figures[-1]["oxigraph"]["queries"].items())
    print(f"\nslowest named query on Oxigraph at {figures[-1]['size']:,} triples: {slowest[1]}, "
          f"{_ms(slowest[0] if slowest[0] != float('inf') else None)} ms median (target: under 50 ms at 1M)")


if __name__ == "__main__":
    main()
