"""Converting a graph file between Turtle, N-Triples, JSON-LD, RDF/XML and TriG."""

from __future__ import annotations

from pathlib import Path

from crmgraph.errors import CrmgraphError

TARGETS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "trig": ".trig"}


def convert(source: Path | str, to: str) -> tuple[bytes, list[str]]:
    """The graph in ``source`` serialised as ``to``; returns the bytes and any warnings.

    Turtle, N-Triples and TriG come out sorted, exactly as ``crmgraph build`` writes
    them, so a conversion diffs cleanly against ``graph/``. TriG keeps the named
    graphs of the source (``graph/crmgraph.trig`` has one per source document);
    the other formats hold their union. JSON-LD uses the crmgraph prefixes as context.

    Examples
    --------
    >>> data, warnings = convert("graph/crmgraph.trig", "nt")  # doctest: +SKIP
    """
    import pyoxigraph as ox

    from crmgraph.store.base import to_rdflib
    from crmgraph.store.embedded import parse_quads

    if to not in TARGETS:
        raise CrmgraphError(f"unknown format {to!r} (use {', '.join(TARGETS)})")
    source, quads = parse_quads(source)
    warnings: list[str] = []
    has_blank = any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads)
    triples = sorted({(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads})
    header = f"Converted by crmgraph convert from {source.name}."
    if to == "trig":
        graphs: dict = {}
        default = []
        for q in quads:
            triple = (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            if isinstance(q.graph_name, ox.DefaultGraph):
                default.append(triple)
            else:
                graphs.setdefault(to_rdflib(q.graph_name), set()).add(triple)
        if not graphs:
            warnings.append(f"{source} has no named graphs, so the TriG has only the default graph; "
                            "convert graph/crmgraph.trig to keep one graph per document")
        if has_blank:
            return ox.serialize(quads, format=ox.RdfFormat.TRIG), warnings
        from crmgraph.rdf.serialize import to_trig

        text = to_trig({name: sorted(ts) for name, ts in graphs.items()}, header)
        if default:
            from crmgraph.rdf.serialize import _turtle_body

            text += "\n" + "\n".join(_turtle_body(sorted(set(default)))).rstrip("\n") + "\n"
        return text.encode("utf-8"), warnings
    if to in ("turtle", "nt") and not has_blank:
        from crmgraph.rdf.serialize import to_ntriples, to_turtle

        text = to_turtle(triples, header) if to == "turtle" else to_ntriples(triples)
        return text.encode("utf-8"), warnings
    from rdflib import Graph

    from crmgraph.ontology import PREFIXES

    graph = Graph()
    for name, namespace in PREFIXES.items():
        graph.bind(name, namespace, override=True)
    for triple in triples:
        graph.add(triple)
    if to == "jsonld":
        context = {name: str(ns) for name, ns in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, indent=2, sort_keys=True).encode("utf-8"), warnings
    return graph.serialize(format={"xml": "pretty-xml", "turtle": "turtle", "nt": "nt"}[to]).encode("utf-8"), warnings
