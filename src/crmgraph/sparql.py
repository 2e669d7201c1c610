"""SPARQL over a built graph: run a query on any store, get rows, a DataFrame or a serialisation.

The stores live in :mod:`crmgraph.store`; this module is what the CLI and notebooks
call: :func:`run_query` (any query form, any store, parameters bound safely),
:func:`select` and :func:`select_dataframe` (SELECT into rows or pandas),
:func:`format_result` (table, CSV, TSV, SPARQL results JSON, Markdown, Turtle) and
the named queries of ``queries/*.rq`` (:func:`named_queries`, :func:`resolve_query`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from crmgraph.errors import CrmgraphError
from crmgraph.ontology import PREFIXES
from crmgraph.store import DEFAULT_GRAPH, FORMATS_BY_SUFFIX, QueryResult, RdflibStore, Store, open_store

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "markdown", "turtle")

__all__ = ["load_graph", "run_query", "select", "select_dataframe", "to_dataframe", "format_result",
           "format_table", "shorten", "NamedQuery", "named_queries", "resolve_query", "FORMATS_BY_SUFFIX",
           "OUTPUT_FORMATS"]


def load_graph(path: Path | str = DEFAULT_GRAPH) -> Graph:
    """Parse a graph file (Turtle, N-Triples, TriG, JSON-LD or RDF/XML, by suffix) into an rdflib Graph.

    Named graphs are merged. Use this where rdflib's API is needed (pyshacl,
    your own code); for queries :func:`crmgraph.store.open_store` is much faster.

    Examples
    --------
    >>> graph = load_graph("graph/crmgraph.ttl")  # doctest: +SKIP
    """
    from crmgraph.store.embedded import OxigraphStore

    store = OxigraphStore()
    store.load_file(path)
    graph = store.to_rdflib()
    store.close()
    return graph


def _as_store(source) -> Store:
    if isinstance(source, Store):
        return source
    if isinstance(source, Graph):
        return RdflibStore(source)
    if isinstance(source, (str, Path)):
        return open_store(source)
    raise CrmgraphError(f"cannot query a {type(source).__name__}: give a Store, an rdflib Graph or a graph file")


def run_query(source, query: str, params: dict | None = None, *, allow_update: bool = False) -> QueryResult:
    """Run any SPARQL query on ``source`` (a Store, an rdflib Graph or a graph file path).

    ``query`` is SPARQL text, the name of a named query or a ``.rq`` file
    (:func:`resolve_query`). ``params`` maps variable names (without ``?``) to RDF
    terms or to strings read as terms (``id:china``, ``<http://...>``,
    ``"text"@en``, ``2022``); they are bound as a ``VALUES`` block, never pasted in.
    The crmgraph prefixes are declared. Updates need ``allow_update``.

    Examples
    --------
    >>> from crmgraph.store import OxigraphStore
    >>> run_query(OxigraphStore(), "SELECT ?x WHERE { }", {"x": "id:china"}).rows
    [(rdflib.term.URIRef('https://w3id.org/crmgraph/id/china'),)]
    """
    text, _ = resolve_query(query)
    return _as_store(source).query(text, params, allow_update=allow_update)


def select(graph, query: str, params: dict | None = None) -> tuple[list[str], list[tuple]]:
    """Run a SELECT query; return the variable names and the rows of RDF terms (None where unbound).

    ``graph`` is an rdflib Graph, a :class:`~crmgraph.store.Store` or a graph file.
    The crmgraph prefixes (``crm:``, ``id:``, ``skos:``, ...) are declared for you.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> g = build_graph().to_rdflib()
    >>> names, rows = select(g, "SELECT (COUNT(*) AS ?n) WHERE { ?s a crm:State }")
    >>> names
    ['n']
    """
    result = run_query(graph, query, params)
    if result.form != "SELECT":
        raise CrmgraphError(f"this function runs SELECT queries; got a {result.form} query")
    return result.variables, result.rows


def to_dataframe(result: QueryResult):
    """A query result as a pandas DataFrame of strings: IRIs in full, literals as their text.

    SELECT gives one column per variable, CONSTRUCT and DESCRIBE the columns
    subject, predicate and object, ASK one column ``ask``.
    """
    import pandas as pd

    def text(v):
        return None if v is None else str(v)

    if result.form == "SELECT":
        return pd.DataFrame([[text(v) for v in row] for row in result.rows], columns=result.variables)
    if result.form == "ASK":
        return pd.DataFrame({"ask": [result.boolean]})
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return pd.DataFrame([[text(v) for v in t] for t in result.triples], columns=["subject", "predicate", "object"])
    return pd.DataFrame({"message": [result.message]})


def select_dataframe(graph, query: str, params: dict | None = None):
    """Run a query into a pandas DataFrame of strings (IRIs in full, literals as text).

    Examples
    --------
    >>> from crmgraph.store import OxigraphStore
    >>> select_dataframe(OxigraphStore(), "SELECT ?x WHERE { }", {"x": '"a"'})["x"].tolist()
    ['a']
    """
    return to_dataframe(run_query(graph, query, params))


# --- formatting ---------------------------------------------------------------------------


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
    return str(term)


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


def _nt(term) -> str:
    from crmgraph.store.querytext import sparql_term

    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return sparql_term(term)


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _markdown(names: list[str], rows: list[tuple]) -> str:
    def cell(v):
        return " ".join(shorten(v).split()).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(names) + " |", "|" + "|".join("---" for _ in names) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def format_result(result: QueryResult, fmt: str | None = None) -> str:
    """A query result as text: ``table``, ``csv``, ``tsv``, ``json``, ``markdown`` or ``turtle``.

    ``json`` is the SPARQL 1.1 results JSON for SELECT and ASK, and JSON-LD for
    graphs; CSV and TSV follow the SPARQL 1.1 CSV/TSV results formats. CONSTRUCT
    and DESCRIBE give Turtle by default, or a subject/predicate/object table. None
    picks ``table`` for SELECT and ASK and ``turtle`` for graphs.

    Examples
    --------
    >>> print(format_result(QueryResult("ASK", boolean=True), "json"))
    {"head": {}, "boolean": true}
    """
    graph_form = result.form in ("CONSTRUCT", "DESCRIBE")
    fmt = fmt or ("turtle" if graph_form else "table")
    if fmt not in OUTPUT_FORMATS:
        raise CrmgraphError(f"unknown output format {fmt!r} (use {', '.join(OUTPUT_FORMATS)})")
    if result.form == "UPDATE":
        return result.message
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        if fmt == "turtle":
            raise CrmgraphError("turtle is for CONSTRUCT and DESCRIBE results; an ASK query answers true or false")
        return "true" if result.boolean else "false"
    if graph_form:
        names, rows = ["subject", "predicate", "object"], sorted(result.triples, key=lambda t: tuple(_nt(x) for x in t))
        if fmt == "turtle":
            return _turtle(result.triples).rstrip("\n")
        if fmt == "json":
            graph = Graph()
            for t in result.triples:
                graph.add(t)
            context = {name: str(ns) for name, ns in PREFIXES.items()}
            return graph.serialize(format="json-ld", context=context, indent=2, sort_keys=True).rstrip("\n")
    else:
        names, rows = result.variables, result.rows
        if fmt == "turtle":
            raise CrmgraphError("turtle is for CONSTRUCT and DESCRIBE results; use table, csv, tsv, json or markdown "
                                "for SELECT")
        if fmt == "json":
            bindings = [{n: _json_term(v) for n, v in zip(names, row) if v is not None} for row in rows]
            return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2)
    if fmt == "table":
        return format_table(names, rows)
    if fmt == "markdown":
        return _markdown(names, rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if v is None else (f"_:{v}" if isinstance(v, BNode) else str(v)) for v in row])
        return out.getvalue().rstrip("\r\n")
    lines = ["\t".join(f"?{n}" for n in names)] + ["\t".join(_nt(v) for v in row) for row in rows]
    return "\n".join(lines)


def _turtle(triples) -> str:
    from crmgraph.rdf.serialize import to_turtle

    if not any(isinstance(x, BNode) for t in triples for x in t):
        return to_turtle(triples)
    graph = Graph()
    for name, namespace in PREFIXES.items():
        graph.bind(name, namespace, override=True)
    for t in triples:
        graph.add(t)
    return graph.serialize(format="turtle")


# --- named queries -------------------------------------------------------------------------

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class NamedQuery:
    """A query of ``queries/*.rq``: its name (the file's stem), header and text.

    The header is the comment block at the top: the first line is the question the
    query answers, the next lines explain it; ``# @param name: what`` lines
    declare parameters and ``# @example --param ...`` lines show a call.
    """

    name: str
    path: Path
    title: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)
    examples: tuple[str, ...] = ()


def _parse_named(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line[1:].strip())
    params, examples, prose = {}, [], []
    for line in header:
        if line.startswith("@param"):
            name, _, what = line[len("@param"):].strip().partition(":")
            params[name.strip().lstrip("?")] = what.strip()
        elif line.startswith("@example"):
            examples.append(line[len("@example"):].strip())
        else:
            prose.append(line)
    while prose and not prose[-1]:
        prose.pop()
    title = prose[0] if prose else path.stem
    description = " ".join(" ".join(prose[1:]).split())
    return NamedQuery(path.stem, path, title, description, text, params, tuple(examples))


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries (``queries/*.rq`` shipped with crmgraph, or of ``folder``), by name.

    Examples
    --------
    >>> "evidence" in named_queries()
    True
    """
    from crmgraph.resources import data_path

    folder = Path(folder) if folder is not None else data_path("queries")
    return {p.stem: _parse_named(p) for p in sorted(folder.glob("*.rq"))}


def resolve_query(query: str) -> tuple[str, NamedQuery | None]:
    """The SPARQL text of ``query``: a named query's name, a ``.rq`` file, or SPARQL text itself.

    Examples
    --------
    >>> text, named = resolve_query("partnerships")
    >>> named.title.startswith("Who partners")
    True
    """
    stripped = query.strip()
    if stripped.endswith(".rq") and "\n" not in stripped:
        path = Path(stripped)
        if not path.exists():
            raise CrmgraphError(f"query file {path}: does not exist")
        return path.read_text(encoding="utf-8"), None
    if _NAME.match(stripped):
        named = named_queries()
        if stripped in named:
            return named[stripped].text, named[stripped]
        raise CrmgraphError(f"no named query {stripped!r} (see `crmgraph query --list`)")
    return query, None


def list_named_queries() -> str:
    """The named queries as text: name, question, parameters, for ``crmgraph query --list``."""
    lines = []
    for query in named_queries().values():
        lines.append(f"{query.name}")
        lines.append(f"    {query.title}")
        for name, what in query.params.items():
            lines.append(f"    --param {name}=...  {what}")
        for example in query.examples:
            lines.append(f"    e.g. crmgraph query {query.name} {example}")
    return "\n".join(lines)
