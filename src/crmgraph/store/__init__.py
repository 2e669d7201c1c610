"""Where the graph lives when you query it.

* :class:`OxigraphStore`: the embedded default, pyoxigraph in memory or in a folder
  (a persistent store, filled by ``crmgraph push --store PATH``);
* :class:`RdflibStore`: rdflib's own engine over an rdflib Graph you hold;
* :class:`EndpointStore`: any SPARQL 1.1 endpoint (``--endpoint URL``);
* :class:`OxigraphServer` and :func:`serve`: a local endpoint on 127.0.0.1.

Every store answers :meth:`Store.query` with a :class:`QueryResult` of rdflib terms,
so the same query gives the same rows wherever it runs.
"""

from __future__ import annotations

from pathlib import Path

from crmgraph.errors import CrmgraphError
from crmgraph.store.base import QueryResult, Store
from crmgraph.store.embedded import INFERENCE, FORMATS_BY_SUFFIX, OxigraphStore, RdflibStore, infer
from crmgraph.store.endpoint import EndpointStore, PushReport

ENGINES = ("oxigraph", "rdflib")
DEFAULT_GRAPH = Path("graph/crmgraph.ttl")

__all__ = ["QueryResult", "Store", "OxigraphStore", "RdflibStore", "EndpointStore", "PushReport", "open_store",
           "push", "infer", "ENGINES", "INFERENCE", "FORMATS_BY_SUFFIX", "DEFAULT_GRAPH"]


def open_store(graph: Path | str | None = None, *, store: Path | str | None = None, endpoint: str | None = None,
               engine: str = "oxigraph", inference: str | None = None, writable: bool = False,
               timeout: float = 30.0) -> Store:
    """Open the store a query should run on.

    Exactly one source: a graph file (``graph``, default ``graph/crmgraph.ttl``)
    loaded into memory by ``engine`` (``oxigraph``, the fast default, or
    ``rdflib``), a persistent Oxigraph store folder (``store``, read-only unless
    ``writable``), or a SPARQL endpoint URL (``endpoint``, each request bounded by
    ``timeout`` seconds). ``inference`` (``rdfs`` or ``owlrl``) adds what the
    ontology entails to an in-memory graph.

    Examples
    --------
    >>> store = open_store("graph/crmgraph.ttl")  # doctest: +SKIP
    >>> store.query("ASK { id:china crm:tradePartnerOf id:kazakhstan }").boolean  # doctest: +SKIP
    True
    """
    if sum(x is not None for x in (store, endpoint)) > 1 or (graph is not None and (store or endpoint)):
        raise CrmgraphError("give one of a graph file, --store or --endpoint")
    if engine not in ENGINES:
        raise CrmgraphError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
    if inference is not None and (store is not None or endpoint is not None):
        raise CrmgraphError("inference runs on a graph file loaded in memory, not on --store or --endpoint")
    if endpoint is not None:
        return EndpointStore(endpoint, timeout=timeout)
    if store is not None:
        return OxigraphStore(store, read_only=not writable)
    graph = Path(graph) if graph is not None else DEFAULT_GRAPH
    oxigraph = OxigraphStore()
    oxigraph.load_file(graph, flatten=inference is not None)
    if inference is not None:
        infer(oxigraph, inference)
    if engine == "rdflib":
        rdflib_graph = oxigraph.to_rdflib()
        oxigraph.close()
        return RdflibStore(rdflib_graph)
    return oxigraph


def push(graph: Path | str = DEFAULT_GRAPH, *, endpoint: str | None = None, store: Path | str | None = None,
         named_graph: str | None = None, replace: bool = True, method: str = "auto", gsp: str | None = None,
         update_url: str | None = None, batch: int | None = None, timeout: float = 60.0) -> PushReport:
    """Load a graph file in bulk into a SPARQL endpoint or a persistent Oxigraph store.

    An endpoint gets the graph over the Graph Store Protocol when it has one
    (``gsp``, or found out for Oxigraph and Fuseki) and otherwise in batched
    ``INSERT DATA`` updates of ``batch`` triples; never one request per triple. The
    target graph (the default graph, or ``named_graph``) is replaced unless
    ``replace`` is false. A store folder is created when missing and bulk-loaded.

    Examples
    --------
    >>> push("graph/crmgraph.ttl", endpoint="http://127.0.0.1:7878/query")  # doctest: +SKIP
    PushReport(triples=9299, requests=2, method='Graph Store Protocol', ...)
    """
    from crmgraph.store.endpoint import BATCH_TRIPLES, ntriples_chunks
    from crmgraph.store.embedded import check_graph_file

    if (endpoint is None) == (store is None):
        raise CrmgraphError("push needs one target: --endpoint URL or --store PATH")
    graph = check_graph_file(graph)
    if store is not None:
        target = OxigraphStore(store)
        try:
            if replace:
                if named_graph:
                    import pyoxigraph as ox

                    target.oxigraph.remove_graph(ox.NamedNode(named_graph))
                else:
                    target.clear()
            target.load_file(graph, graph=named_graph)
            count = len(target)
        finally:
            target.close()
        return PushReport(triples=count, requests=0, method="bulk load", target=f"the Oxigraph store {store}")
    client = EndpointStore(endpoint, update_url=update_url, store_url=gsp, timeout=timeout)
    chunks = ntriples_chunks(graph, batch or BATCH_TRIPLES)
    return client.push(chunks, graph=named_graph, replace=replace, method=method)
