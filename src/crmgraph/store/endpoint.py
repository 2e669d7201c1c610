"""Any SPARQL 1.1 endpoint as the store: queries and updates over the SPARQL 1.1 Protocol,
bulk loading over the Graph Store Protocol or in batched updates.

Only the standard library speaks HTTP here; every request has a timeout, and every
failure becomes one line naming the endpoint.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from crmgraph.errors import CrmgraphError
from crmgraph.ontology import sparql_prologue
from crmgraph.store.base import QueryResult, Store
from crmgraph.store.querytext import Rewrite, sparql_term, syntax_error

DEFAULT_TIMEOUT = 30.0
BATCH_TRIPLES = 50_000


@dataclass
class PushReport:
    """What :func:`push` did: how many triples, in how many requests, by which method, where."""

    triples: int
    requests: int
    method: str
    target: str

    def __str__(self) -> str:
        return f"pushed {self.triples} triples to {self.target} in {self.requests} request(s) ({self.method})"


def _derive(url: str, last: str) -> str:
    base = url.rstrip("/")
    for suffix in ("/query", "/sparql"):
        if base.endswith(suffix):
            return base[: -len(suffix)] + "/" + last
    return base


class EndpointStore(Store):
    """A SPARQL 1.1 endpoint (Oxigraph, Apache Jena Fuseki, GraphDB, ...) as a crmgraph store.

    Parameters
    ----------
    url
        The query URL, e.g. ``http://127.0.0.1:7878/query`` (Oxigraph) or
        ``http://localhost:3030/ds/sparql`` (Fuseki).
    update_url
        The update URL; by default ``.../update`` beside a ``.../query`` or ``.../sparql`` URL.
    store_url
        The Graph Store Protocol URL, used by :meth:`push`; by default found out from
        the server (``/store`` for Oxigraph, ``/data`` for Fuseki) or none, in which
        case :meth:`push` sends batched updates.
    timeout
        Seconds to wait for a connection and for each answer.

    Examples
    --------
    >>> store = EndpointStore("http://127.0.0.1:7878/query", timeout=5)  # doctest: +SKIP
    >>> store.query("ASK { ?s a crm:State }").boolean  # doctest: +SKIP
    True
    """

    runs_here = False  # the server runs the query: SERVICE and LOAD are its business

    def __init__(self, url: str, *, update_url: str | None = None, store_url: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT):
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise CrmgraphError(f"endpoint {url!r}: not an http(s) URL")
        self.url = url
        self.update_url = update_url or _derive(url, "update")
        self.store_url = store_url
        self.timeout = float(timeout)
        self.requests = 0
        self.name = f"the endpoint {url}"

    # --- HTTP ---------------------------------------------------------------------------

    def _request(self, url: str, *, data: bytes | None = None, content_type: str | None = None,
                 accept: str | None = None, method: str = "POST") -> tuple[bytes, dict]:
        headers = {"User-Agent": "crmgraph"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            raise _HttpError(exc.code, " ".join(body.split())[:300]) from None
        except (socket.timeout, TimeoutError):
            raise CrmgraphError(f"the endpoint {url} did not answer within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise CrmgraphError(f"the endpoint {url} did not answer within {self.timeout:g} s") from None
            reason = getattr(reason, "strerror", None) or str(reason)
            raise CrmgraphError(f"cannot reach the endpoint {url}: {reason}") from None
        except (ConnectionError, OSError) as exc:
            raise CrmgraphError(f"cannot reach the endpoint {url}: {exc.strerror or exc}") from None

    def server(self) -> str:
        """The server's name (its ``Server`` header) from a cheap ``ASK``; also proves it answers."""
        data = urllib.parse.urlencode({"query": "ASK {}"}).encode()
        _, headers = self._request(self.url, data=data, content_type="application/x-www-form-urlencoded",
                                   accept="application/sparql-results+json")
        return headers.get("server", "")

    # --- queries and updates ----------------------------------------------------------

    def _query(self, rewrite: Rewrite, form: str | None) -> QueryResult:
        prologue = sparql_prologue()
        rewrite.prologue_lines = prologue.count("\n")
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        if form is None:
            accept = "application/sparql-results+json, application/n-triples;q=0.9"
        data = urllib.parse.urlencode({"query": prologue + rewrite.text}).encode("utf-8")
        try:
            body, headers = self._request(self.url, data=data, content_type="application/x-www-form-urlencoded",
                                          accept=accept)
        except _HttpError as exc:
            if exc.code == 400 and "error at" in exc.body:
                raise syntax_error(exc.body, rewrite) from None
            raise CrmgraphError(f"the endpoint {self.url} refused the query (HTTP {exc.code}): {exc.body[:160]}") from None
        content_type = headers.get("content-type", "")
        if "json" in content_type and "ld+json" not in content_type:
            return _results_from_json(body, self.url)
        return QueryResult(form if graph_form else "CONSTRUCT", triples=_parse_triples(body, content_type, self.url))

    def _update(self, text: str) -> None:
        prologue = sparql_prologue()
        data = urllib.parse.urlencode({"update": prologue + text}).encode("utf-8")
        try:
            self._request(self.update_url, data=data, content_type="application/x-www-form-urlencoded")
        except _HttpError as exc:
            if exc.code == 400 and "error at" in exc.body:
                rewrite = Rewrite(text, prologue_lines=prologue.count("\n"))
                raise syntax_error(exc.body, rewrite) from None
            raise CrmgraphError(f"the endpoint {self.update_url} refused the update (HTTP {exc.code}): "
                                f"{exc.body[:160]}") from None

    def __len__(self) -> int:
        result = self._query(Rewrite("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), "SELECT")
        return int(result.rows[0][0])

    # --- bulk loading ------------------------------------------------------------------

    def graph_store_url(self) -> str | None:
        """The Graph Store Protocol URL: the one given, or the one this kind of server uses, or None."""
        if self.store_url:
            return self.store_url
        server = self.server().lower()
        if "oxigraph" in server:
            return _derive(self.url, "store")
        if "fuseki" in server:
            return _derive(self.url, "data")
        return None

    def push(self, chunks, *, graph: str | None = None, replace: bool = True, method: str = "auto") -> PushReport:
        """Load N-Triples ``chunks`` (an iterable of (bytes, number of triples)) in bulk.

        With the Graph Store Protocol (``method="gsp"``, or ``"auto"`` when the server
        has one) the first chunk replaces the target graph (PUT) unless ``replace`` is
        false and the others are added (POST); with ``method="update"`` each chunk is
        one ``INSERT DATA`` after a ``CLEAR``. Never one request per triple.
        """
        if method not in ("auto", "gsp", "update"):
            raise CrmgraphError(f"unknown push method {method!r} (use auto, gsp or update)")
        before = self.requests
        gsp = self.graph_store_url() if method != "update" else None
        if method == "gsp" and gsp is None:
            raise CrmgraphError(f"the endpoint {self.url} has no known Graph Store Protocol URL; give one (--gsp URL)")
        total = 0
        target = f"<{graph}>" if graph else "the default graph"
        if gsp is not None:
            query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
            url = f"{gsp}{'&' if '?' in gsp else '?'}{query}"
            first = True
            for data, count in chunks:
                verb = "PUT" if first and replace else "POST"
                try:
                    self._request(url, data=data, content_type="application/n-triples", method=verb)
                except _HttpError as exc:
                    raise CrmgraphError(f"the endpoint {gsp} refused the data (HTTP {exc.code}): {exc.body[:160]}") from None
                total += count
                first = False
            if first and replace:  # nothing to send: still empty the target
                self._request(url, data=b"", content_type="application/n-triples", method="PUT")
            used = "Graph Store Protocol"
        else:
            if replace:
                self._update(f"CLEAR SILENT {'GRAPH ' + sparql_term_iri(graph) if graph else 'DEFAULT'}")
            for data, count in chunks:
                body = data.decode("utf-8")
                if graph:
                    body = f"GRAPH {sparql_term_iri(graph)} {{\n{body}}}"
                self._update(f"INSERT DATA {{\n{body}}}")
                total += count
            used = "SPARQL Update"
        return PushReport(triples=total, requests=self.requests - before, method=used, target=f"{target} of {self.url}")


def sparql_term_iri(iri: str) -> str:
    from rdflib import URIRef

    return sparql_term(URIRef(iri))


class _HttpError(Exception):
    def __init__(self, code: int, body: str):
        super().__init__(f"HTTP {code}: {body}")
        self.code = code
        self.body = body


def _results_from_json(body: bytes, url: str) -> QueryResult:
    from rdflib import BNode, Literal, URIRef

    try:
        data = json.loads(body)
    except ValueError:
        raise CrmgraphError(f"the endpoint {url} answered with invalid SPARQL results JSON") from None
    if "boolean" in data:
        return QueryResult("ASK", boolean=bool(data["boolean"]))

    def term(value):
        if value is None:
            return None
        kind = value.get("type")
        if kind == "uri":
            return URIRef(value["value"])
        if kind == "bnode":
            return BNode(value["value"])
        if kind in ("literal", "typed-literal"):
            if "xml:lang" in value:
                return Literal(value["value"], lang=value["xml:lang"])
            datatype = value.get("datatype")
            if datatype == "http://www.w3.org/2001/XMLSchema#string":
                datatype = None
            return Literal(value["value"], datatype=URIRef(datatype) if datatype else None)
        return Literal(str(value.get("value")))

    names = data.get("head", {}).get("vars", [])
    rows = [tuple(term(b.get(n)) for n in names) for b in data.get("results", {}).get("bindings", [])]
    return QueryResult("SELECT", variables=names, rows=rows)


def _parse_triples(body: bytes, content_type: str, url: str) -> list[tuple]:
    import pyoxigraph as ox

    from crmgraph.store.base import to_rdflib

    media = content_type.split(";")[0].strip() or "application/n-triples"
    fmt = ox.RdfFormat.from_media_type(media)
    if fmt is None:
        raise CrmgraphError(f"the endpoint {url} answered in {media}, which crmgraph cannot read")
    try:
        return [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in ox.parse(body, format=fmt)]
    except SyntaxError as exc:
        raise CrmgraphError(f"the endpoint {url} answered with unreadable {media}: {str(exc)[:120]}") from None


def ntriples_chunks(path: Path, batch: int = BATCH_TRIPLES):
    """A graph file as N-Triples chunks of at most ``batch`` triples: (bytes, count) pairs.

    Named graphs are merged; a file with blank nodes is sent as one chunk, so that
    each blank node stays one node.
    """
    import pyoxigraph as ox

    from crmgraph.store.embedded import parse_quads

    path, quads = parse_quads(path)
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        batch = max(batch, len(triples))
    for start in range(0, len(triples), batch):
        part = triples[start : start + batch]
        yield ox.serialize(part, format=ox.RdfFormat.N_TRIPLES), len(part)
