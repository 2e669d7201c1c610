"""The stores in this process: Oxigraph (the default: fast, in memory or persistent) and rdflib's Graph."""

from __future__ import annotations

from pathlib import Path

from crmgraph.errors import CrmgraphError
from crmgraph.ontology import PREFIXES, sparql_prologue
from crmgraph.store.base import QueryResult, Store, to_rdflib
from crmgraph.store.querytext import Rewrite, syntax_error

#: Graph file suffixes and their formats (names as rdflib spells them).
FORMATS_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld",
                     ".rdf": "xml", ".xml": "xml", ".owl": "xml"}
_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nquads": "N_QUADS", "json-ld": "JSON_LD",
               "xml": "RDF_XML"}


def graph_format(path: Path) -> str:
    """The format of a graph file from its suffix, or a one-line error naming the file."""
    fmt = FORMATS_BY_SUFFIX.get(Path(path).suffix.lower())
    if fmt is None:
        raise CrmgraphError(f"graph file {path}: unknown format (use .ttl, .nt, .trig, .nq, .jsonld or .rdf)")
    return fmt


def check_graph_file(path: Path) -> Path:
    path = Path(path)
    if not path.exists():
        hint = " (run `crmgraph build` first)" if path == Path("graph/crmgraph.ttl") else ""
        raise CrmgraphError(f"graph file {path}: does not exist{hint}")
    return path


def parse_quads(path: Path) -> tuple[Path, list]:
    """Every quad of a graph file, parsed by pyoxigraph; one-line errors for a missing or unparsable file."""
    import pyoxigraph as ox

    path = check_graph_file(path)
    fmt = getattr(ox.RdfFormat, _OX_FORMATS[graph_format(path)])
    try:
        return path, list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as exc:
        raise CrmgraphError(f"graph file {path}: does not parse: {' '.join(str(exc).split())[:160]}") from None


def _prefix_map() -> dict[str, str]:
    return {name: str(ns) for name, ns in PREFIXES.items()}


class OxigraphStore(Store):
    """The embedded Oxigraph store (pyoxigraph): in memory, or persistent in a folder.

    Queries see the union of the default graph and every named graph, so a TriG file
    with one graph per document answers like the Turtle file of the same graph.

    Parameters
    ----------
    path
        A folder for a persistent store (created when missing); None keeps it in memory.
    read_only
        Open an existing persistent store for reading only (several processes may read it).

    Examples
    --------
    >>> store = OxigraphStore()
    >>> store.load_file("graph/crmgraph.ttl")  # doctest: +SKIP
    >>> store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a crm:State }").rows  # doctest: +SKIP
    [(rdflib.term.Literal('10', datatype=...),)]
    """

    name = "the Oxigraph store"

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False):
        import pyoxigraph as ox

        self.path = None if path is None else Path(path)
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise CrmgraphError(f"store {self.path}: no Oxigraph store there "
                                        f"(create one with `crmgraph push --store {self.path}`)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise CrmgraphError(f"store {self.path}: cannot open it: {' '.join(str(exc).split())[:160]}") from None
        if self.path is not None:
            self.name = f"the Oxigraph store {self.path}"

    @property
    def oxigraph(self):
        """The underlying :class:`pyoxigraph.Store`."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    def load_file(self, path: Path | str, *, graph: str | None = None, flatten: bool = False) -> None:
        """Add a graph file (Turtle, N-Triples, TriG, N-Quads, JSON-LD, RDF/XML, by suffix).

        Triples go into the default graph, or into the named graph ``graph``; TriG
        and N-Quads keep their named graphs unless ``flatten``. A persistent store
        is loaded in bulk.
        """
        import pyoxigraph as ox

        path = check_graph_file(path)
        fmt = getattr(ox.RdfFormat, _OX_FORMATS[graph_format(path)])
        to_graph = ox.NamedNode(graph) if graph else None
        try:
            if flatten and fmt.supports_datasets:
                target = to_graph or ox.DefaultGraph()
                self._store.extend(ox.Quad(q.subject, q.predicate, q.object, target)
                                   for q in ox.parse(path=str(path), format=fmt))
            elif self.path is not None:
                self._store.bulk_load(path=str(path), format=fmt, to_graph=to_graph)
            else:
                self._store.load(path=str(path), format=fmt, to_graph=to_graph)
        except (SyntaxError, ValueError) as exc:
            reason = " ".join(str(exc).split())[:200]
            raise CrmgraphError(f"graph file {path}: does not parse as {graph_format(path)}: {reason}") from None

    def add_rdflib(self, graph) -> None:
        """Add every triple of an rdflib Graph (or quad of a Dataset) to the default graph."""
        import pyoxigraph as ox

        data = graph.serialize(format="nt", encoding="utf-8")
        self._store.load(data, format=ox.RdfFormat.N_TRIPLES)

    def to_rdflib(self):
        """The union of the store's graphs as an rdflib Graph (for pyshacl and rdflib users)."""
        from rdflib import Graph

        graph = Graph()
        for quad in self._store:
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        for name, namespace in PREFIXES.items():
            graph.bind(name, namespace, override=True)
        return graph

    def _query(self, rewrite: Rewrite, form: str | None) -> QueryResult:
        import pyoxigraph as ox

        try:
            result = self._store.query(rewrite.text, prefixes=_prefix_map(), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise syntax_error(str(exc), rewrite) from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise CrmgraphError(f"query failed: {' '.join(str(exc).split())[:200]}") from None
        try:
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                cache: dict = {}  # rdflib terms are slow to build and the same IRIs recur row after row

                def term(value):
                    if value is None:
                        return None
                    converted = cache.get(value)
                    if converted is None:
                        converted = cache[value] = to_rdflib(value)
                    return converted

                rows = [tuple(term(solution[i]) for i in range(len(names))) for solution in result]
                return QueryResult("SELECT", variables=names, rows=rows)
            triples = [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result]
            return QueryResult(form if form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT", triples=triples)
        except (OSError, RuntimeError, ValueError) as exc:
            raise CrmgraphError(f"query failed: {' '.join(str(exc).split())[:200]}") from None

    def _update(self, text: str) -> None:
        try:
            self._store.update(text, prefixes=_prefix_map())
        except SyntaxError as exc:
            raise syntax_error(str(exc)) from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise CrmgraphError(f"update failed: {' '.join(str(exc).split())[:200]}") from None

    def clear(self) -> None:
        """Remove everything from the store."""
        self._store.clear()

    def close(self) -> None:
        if self.path is not None and not self.read_only and self._store is not None:
            try:
                self._store.flush()
            except (OSError, RuntimeError):
                pass
        self._store = None


class RdflibStore(Store):
    """rdflib's own SPARQL engine over an rdflib Graph: slower, but it queries the Graph you hold.

    Examples
    --------
    >>> from rdflib import Graph
    >>> RdflibStore(Graph()).query("ASK { ?s ?p ?o }").boolean
    False
    """

    name = "the rdflib graph"

    def __init__(self, graph):
        self.graph = graph

    def __len__(self) -> int:
        return len(self.graph)

    def _query(self, rewrite: Rewrite, form: str | None) -> QueryResult:
        import rdflib.plugins.sparql as rdflib_sparql
        from pyparsing.exceptions import ParseException

        prologue = sparql_prologue()
        rewrite.prologue_lines = prologue.count("\n")
        # rdflib fetches the graphs a FROM or FROM NAMED clause names unless told not to: a query stays offline, and
        # FROM then names a graph of the dataset, as in any store (the setting is rdflib's, restored after the query)
        loads, rdflib_sparql.SPARQL_LOAD_GRAPHS = rdflib_sparql.SPARQL_LOAD_GRAPHS, False
        try:
            result = self.graph.query(prologue + rewrite.text)
            if result.type == "ASK":
                return QueryResult("ASK", boolean=bool(result.askAnswer))
            if result.type == "SELECT":
                return QueryResult("SELECT", variables=[str(v) for v in result.vars], rows=[tuple(r) for r in result])
            return QueryResult(form if form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT", triples=list(result.graph))
        except ParseException as exc:
            line, column = rewrite.position(exc.lineno, exc.col)
            raise CrmgraphError(f"malformed query at line {line}, column {column}: {' '.join(exc.msg.split())[:120]}") from None
        except Exception as exc:  # rdflib raises many types; the user needs one line
            raise CrmgraphError(f"query failed: {' '.join(str(exc).split())[:200]}") from None
        finally:
            rdflib_sparql.SPARQL_LOAD_GRAPHS = loads

    def _update(self, text: str) -> None:
        from pyparsing.exceptions import ParseException

        prologue = sparql_prologue()
        try:
            self.graph.update(prologue + text)
        except ParseException as exc:
            line = exc.lineno - prologue.count("\n")
            raise CrmgraphError(f"malformed update at line {line}, column {exc.col}: {' '.join(exc.msg.split())[:120]}") from None
        except Exception as exc:
            raise CrmgraphError(f"update failed: {' '.join(str(exc).split())[:200]}") from None


# --- inference --------------------------------------------------------------------------

INFERENCE = ("rdfs", "owlrl")

_RDFS_RULES = (
    # rdfs5, rdfs11: the hierarchies are transitive
    "INSERT { ?a rdfs:subPropertyOf ?c } WHERE { ?a rdfs:subPropertyOf ?b . ?b rdfs:subPropertyOf ?c FILTER(?a != ?c) }",
    "INSERT { ?a rdfs:subClassOf ?c } WHERE { ?a rdfs:subClassOf ?b . ?b rdfs:subClassOf ?c FILTER(?a != ?c) }",
    # rdfs7: a statement with a property holds for its superproperties
    "INSERT { ?s ?q ?o } WHERE { ?p rdfs:subPropertyOf ?q . ?s ?p ?o FILTER(isIRI(?q)) }",
    # rdfs2, rdfs3: domains and ranges type the subjects and objects
    "INSERT { ?s a ?c } WHERE { ?p rdfs:domain ?c . ?s ?p ?o }",
    "INSERT { ?o a ?c } WHERE { ?p rdfs:range ?c . ?s ?p ?o FILTER(!isLiteral(?o)) }",
    # rdfs9: instances of a class are instances of its superclasses
    "INSERT { ?s a ?c } WHERE { ?b rdfs:subClassOf ?c . ?s a ?b }",
)


def infer(store: OxigraphStore, kind: str) -> int:
    """Add what the crmgraph ontology entails to ``store``; return the number of triples added.

    ``rdfs`` applies the RDFS rules that matter for queries (subclasses,
    subproperties, domains and ranges) to a fixpoint, natively in Oxigraph.
    ``owlrl`` computes the full OWL 2 RL closure with the ``owlrl`` package
    (symmetric and inverse properties, equivalent classes, ...): slower.

    Examples
    --------
    >>> store = OxigraphStore()
    >>> store.query("INSERT DATA { id:x a crm:State }", allow_update=True).form
    'UPDATE'
    >>> infer(store, "rdfs") > 0
    True
    >>> store.query("ASK { id:x a crm:Actor }").boolean
    True
    """
    from crmgraph.resources import ontology_file

    if kind not in INFERENCE:
        raise CrmgraphError(f"unknown inference {kind!r} (use {' or '.join(INFERENCE)})")
    before = len(store)
    store.load_file(ontology_file())
    if any(True for _ in store.oxigraph.named_graphs()):  # the rules read the default graph
        import pyoxigraph as ox

        store.oxigraph.extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                               for q in store.oxigraph if q.graph_name != ox.DefaultGraph()])
    if kind == "rdfs":
        size = -1
        while size != len(store):
            size = len(store)
            for rule in _RDFS_RULES:
                store._update(rule)
    else:
        import owlrl

        from rdflib import Graph, Literal

        graph = store.to_rdflib()
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
        # Keep inferred triples between resources only: owlrl reasons on literals through proxies that
        # conflate equal Python values (1.0 and true), and it derives triples with literal subjects.
        inferred = Graph()
        for s, p, o in graph:
            if not isinstance(s, Literal) and not isinstance(o, Literal):
                inferred.add((s, p, o))
        store.add_rdflib(inferred)
    return len(store) - before
