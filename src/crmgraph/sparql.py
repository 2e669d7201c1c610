"""SPARQL over a built graph: load it, run a query, get rows or a DataFrame."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from crmgraph.errors import CrmgraphError
from crmgraph.ontology import PREFIXES, sparql_prologue

FORMATS_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".rdf": "xml", ".xml": "xml"}


def load_graph(path: Path | str = Path("graph/crmgraph.ttl")) -> Graph:
    """Parse a graph file (Turtle, N-Triples, TriG, JSON-LD or RDF/XML, by suffix) into an rdflib Graph."""
    path = Path(path)
    if not path.exists():
        hint = " (run `crmgraph build` first)" if path == Path("graph/crmgraph.ttl") else ""
        raise CrmgraphError(f"graph file {path}: does not exist{hint}")
    fmt = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise CrmgraphError(f"graph file {path}: unknown format (use .ttl, .nt, .trig, .jsonld or .rdf)")
    if fmt == "trig":
        from rdflib import Dataset

        dataset = Dataset()
        _parse(dataset, path, fmt)
        graph = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
    else:
        graph = Graph()
        _parse(graph, path, fmt)
    for name, namespace in PREFIXES.items():
        graph.bind(name, namespace, override=True)
    return graph


def _parse(graph, path: Path, fmt: str) -> None:
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many types; the user needs the file and the reason
        reason = " ".join(str(exc).split())[:200]
        raise CrmgraphError(f"graph file {path}: does not parse as {fmt}: {reason}") from None


def select(graph: Graph, query: str) -> tuple[list[str], list[tuple]]:
    """Run a SELECT query; return the variable names and the rows of RDF terms (None where unbound).

    The crmgraph prefixes (``crm:``, ``id:``, ``skos:``, ...) are declared for you.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> g = build_graph().to_rdflib()
    >>> names, rows = select(g, "SELECT (COUNT(*) AS ?n) WHERE { ?s a crm:State }")
    >>> names
    ['n']
    """
    from pyparsing.exceptions import ParseException

    try:
        result = graph.query(sparql_prologue() + query)
    except ParseException as exc:
        raise CrmgraphError(f"malformed query at line {exc.lineno - len(PREFIXES)}, column {exc.col}: {exc.msg}") from None
    except Exception as exc:
        raise CrmgraphError(f"query failed: {' '.join(str(exc).split())[:200]}") from None
    if result.type != "SELECT":
        raise CrmgraphError(f"this command runs SELECT queries; got a {result.type} query")
    names = [str(v) for v in result.vars]
    return names, [tuple(row) for row in result]


def shorten(term) -> str:
    """An RDF term as a person reads it: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        value = str(term)
        for name, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
            if value.startswith(str(namespace)) and len(value) > len(str(namespace)):
                return f"{name}:{value[len(str(namespace)):]}"
        return value
    if isinstance(term, Literal):
        return str(term)
    return str(term)


def select_dataframe(graph: Graph, query: str):
    """Run a SELECT query into a pandas DataFrame of strings (IRIs in full, literals as text)."""
    import pandas as pd

    names, rows = select(graph, query)
    return pd.DataFrame([[None if v is None else str(v) for v in row] for row in rows], columns=names)


def format_table(names: list[str], rows: list[tuple], max_width: int = 60) -> str:
    """A plain-text table for the terminal."""
    cells = [[_clip(shorten(v), max_width) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join([line.rstrip(), rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"])


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
