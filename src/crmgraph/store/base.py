"""What every store returns, and the conversions between pyoxigraph and rdflib terms."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from crmgraph.errors import CrmgraphError
from crmgraph.store.querytext import Rewrite, bind_parameters, fetching_keyword, query_form


@dataclass
class QueryResult:
    """The answer to a query, as rdflib terms whatever store gave it.

    ``form`` is ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` or ``UPDATE``:
    SELECT fills ``variables`` and ``rows`` (None where a variable is unbound),
    ASK ``boolean``, CONSTRUCT and DESCRIBE ``triples``, and an update ``message``.
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)
    message: str = ""


class Store:
    """A place to run SPARQL: the embedded Oxigraph store, rdflib's in-memory graph, or an endpoint.

    Subclasses implement :meth:`_query` (the text has its parameters bound
    already) and :meth:`_update`. The crmgraph prefixes are declared for every query.
    """

    name = "store"
    #: whether this store's engine runs in this process, where a query must not reach the network (SERVICE, LOAD);
    #: an endpoint runs queries on its own server, under its own rules
    runs_here = True

    def query(self, text: str, params: dict | None = None, *, allow_update: bool = False) -> QueryResult:
        """Run a query (or, with ``allow_update``, an update) and return its result.

        Raises :class:`CrmgraphError` in one line for a malformed query (with its line and
        column), for an update without ``allow_update``, for SERVICE or LOAD on a store that
        runs here (they would fetch from the network) and for a store that fails.

        Examples
        --------
        >>> from crmgraph.store import OxigraphStore
        >>> store = OxigraphStore()
        >>> store.query("ASK { ?s ?p ?o }").boolean
        False
        """
        form = query_form(text)
        keyword = fetching_keyword(text) if self.runs_here else None
        if keyword is not None:
            raise CrmgraphError(f"{keyword} would fetch data from another server, and crmgraph's own stores stay "
                                "offline: run the query on a SPARQL server of your own (--endpoint)")
        if form == "UPDATE":
            if not allow_update:
                raise CrmgraphError("this is an update (it changes the graph); queries are read-only unless you "
                                    "allow updates (--allow-update)")
            if params:
                bind_parameters(text, params)  # raises the one-line error
            self._update(text)
            return QueryResult("UPDATE", message=f"update done on {self.name}")
        rewrite = bind_parameters(text, params or {})
        return self._query(rewrite, form)

    def _query(self, rewrite: Rewrite, form: str | None) -> QueryResult:
        raise NotImplementedError

    def _update(self, text: str) -> None:
        raise CrmgraphError(f"{self.name} does not take updates")

    def close(self) -> None:
        """Release the store (files, connections); a closed store must not be used again."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def to_rdflib(term):
    """A pyoxigraph term as the equal rdflib term (None stays None)."""
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if kind == "Literal":
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    if kind == "Triple":  # RDF-star: shown as text
        return Literal(str(term))
    raise CrmgraphError(f"unexpected RDF term {term!r}")


def to_oxigraph(term):
    """An rdflib term as the equal pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise CrmgraphError(f"unexpected RDF term {term!r}")


