"""Networks of the knowledge graph for centrality analysis, loaded through named SPARQL queries.

A projection is not a conversion of every triple: classes, literals and
provenance nodes would become hubs that swamp every measure. Each projection is
built from the rows of the named queries in ``queries/projections/`` and keeps
the provenance of every edge (fact IRIs, quotes, documents, dates) as edge data.

The centrality these networks give is centrality in the diplomacy and discourse
that the texts record, not in trade or material flows.

Projections (see :data:`PROJECTIONS`):

``actors``
    The actor network (directed): states, regions, organisations and persons,
    linked by the relations the texts state between them (an arc from subject to
    object; both ways for symmetric relations such as partnerOf), by the offices
    leaders hold (Tokayev - Kazakhstan), and by shared participation in an
    agreement or event (both ways). Edge ``weight`` counts distinct supports: facts,
    office tenures and shared agreements or events.
``actor-mineral``, ``actor-agreement``, ``actor-event``
    Bipartite (undirected) networks of actors and the minerals, agreements or
    events the texts tie them to; node attribute ``bipartite`` is 0 for actors.
``discourse``
    Discourse network analysis: actors x the concepts their statements concern
    (topics, minerals, actors, agreements), weight = number of statements.
``congruence``
    Actors linked when their statements concern the same concept; weight = number
    of shared concepts.

Every projection can be restricted to a time window of years (``window``): facts
dated outside it are left out, undated facts (structural ones such as "Kazakhstan
is part of Central Asia") are kept unless ``undated=False``.

Examples
--------
>>> from crmgraph.rdf.build import build_graph
>>> g = build_graph().to_rdflib()
>>> actors = load_projection(g, "actors")
>>> actors.is_directed(), actors.graph["projection"]
(True, 'actors')
>>> "https://w3id.org/crmgraph/id/kazakhstan" in actors
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from crmgraph.errors import CrmgraphError

CRM_NS = "https://w3id.org/crmgraph/ontology#"
ID_NS = "https://w3id.org/crmgraph/id/"

#: What every table, figure and export of these networks must say about them.
CAVEAT = ("Centrality in the diplomacy and discourse that the texts record "
          "(who is said to relate to whom), not in trade or material flows.")

#: Projection name -> one-line description.
PROJECTIONS: dict[str, str] = {
    "actors": "actor network: stated relations, offices and shared agreements or events between actors (directed)",
    "actor-mineral": "bipartite actors x minerals they are tied to by facts",
    "actor-agreement": "bipartite actors x agreements they are party to, adopt, establish or organise",
    "actor-event": "bipartite actors x events they take part or speak in",
    "discourse": "discourse network: actors x concepts their statements concern (bipartite)",
    "congruence": "actor congruence: actors whose statements concern the same concepts",
}

#: The named queries a projection reads (files of ``queries/projections/``).
QUERY_NAMES = ("actors", "entities", "actor-relations", "actor-offices", "actor-affairs", "actor-minerals",
               "statements")


# --- windows and queries ----------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """A time window of whole years, both ends included; ``None`` leaves an end open.

    Examples
    --------
    >>> Window.parse("2022..2023").contains("2023-09")
    True
    >>> Window(until=2022).contains("2024")
    False
    >>> str(Window(until=2023))
    '..2023'
    """

    since: int | None = None
    until: int | None = None

    def contains(self, date: str | None, undated: bool = True) -> bool:
        """Whether a fact of this date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) falls in the window."""
        if date is None or not str(date)[:4].isdigit():
            return undated
        year = int(str(date)[:4])
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)

    @classmethod
    def parse(cls, value) -> "Window | None":
        """A window from ``None``, a year (up to and including it), a pair, or text ``A..B``, ``..B``, ``A..``."""
        if value is None or isinstance(value, Window):
            return value
        if isinstance(value, int):
            return cls(until=value)
        if isinstance(value, (tuple, list)) and len(value) == 2:
            return cls(*(None if v is None else int(v) for v in value))
        text = str(value).strip()
        try:
            if ".." in text:
                since, until = text.split("..", 1)
                return cls(int(since) if since else None, int(until) if until else None)
            return cls(until=int(text))
        except ValueError:
            raise CrmgraphError(f"time window {value!r}: use a year, or A..B, ..B or A.. with years") from None

    def __str__(self) -> str:
        return f"{self.since or ''}..{self.until or ''}"


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    """The text of a named projection query, ``queries/projections/<name>.rq``.

    Examples
    --------
    >>> "SELECT" in query_text("actors")
    True
    """
    from crmgraph.resources import data_path

    path = data_path("queries") / "projections" / f"{name}.rq"
    if not path.exists():
        raise CrmgraphError(f"named query projections/{name}.rq is missing from this installation")
    return path.read_text(encoding="utf-8")


def run_query(graph, name: str) -> list[dict]:
    """Run a named projection query; rows as dicts of strings (``None`` where unbound)."""
    from crmgraph.sparql import select

    names, rows = select(graph, query_text(name))
    return [{n: (None if v is None else str(v)) for n, v in zip(names, row)} for row in rows]


def local_name(iri: str | None) -> str | None:
    """``crm:State`` -> ``State``; other IRIs unchanged."""
    if iri is None:
        return None
    return iri[len(CRM_NS):] if iri.startswith(CRM_NS) else iri


def short_iri(iri: str) -> str:
    """``https://w3id.org/crmgraph/id/kazakhstan`` -> ``id:kazakhstan`` (for tables)."""
    for prefix, ns in (("id:", ID_NS), ("crm:", CRM_NS)):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


# --- graph building helpers ----------------------------------------------------------------

_LIST_KEYS = ("supports", "facts", "relations", "kinds", "quotes", "documents", "dates", "affairs", "concepts",
              "statements", "methods")


def _add_support(G, u: str, v: str, support: str, **lists) -> None:
    """Add one support (a fact, an office tenure, a shared affair) to edge u-v, merging its provenance."""
    if u == v:
        return
    if not G.has_edge(u, v):
        G.add_edge(u, v, **{k: [] for k in _LIST_KEYS})
    data = G.edges[u, v]
    _merge(data["supports"], [support])
    for key, values in lists.items():
        _merge(data[key], [x for x in (values if isinstance(values, (list, tuple)) else [values]) if x is not None])


def _merge(target: list, values: Iterable) -> None:
    for value in values:
        if value not in target:
            target.append(value)


def _finish_edges(G) -> None:
    """Sort the provenance lists (stable output) and set weight = distinct supports, distance = 1/weight."""
    for _, _, data in G.edges(data=True):
        for key in _LIST_KEYS:
            if key in data:
                data[key] = sorted(data[key])
        data["weight"] = len(data["supports"])
        data["distance"] = 1.0 / data["weight"]


def to_undirected(G):
    """The undirected network of a directed projection: one edge per pair of neighbours.

    Provenance lists are merged; ``weight`` is the number of *distinct* supports of
    both arcs (a symmetric fact that gave arcs both ways counts once), and
    ``distance`` is ``1 / weight``.

    Examples
    --------
    >>> import networkx as nx
    >>> D = nx.DiGraph()
    >>> D.add_edge("a", "b", supports=["f1"], weight=1)
    >>> D.add_edge("b", "a", supports=["f1", "f2"], weight=2)
    >>> to_undirected(D).edges["a", "b"]["weight"]
    2
    """
    import networkx as nx

    if not G.is_directed():
        return G
    U = nx.Graph()
    U.graph.update(G.graph)
    U.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if U.has_edge(u, v):
            merged = U.edges[u, v]
            for key, value in data.items():
                if isinstance(value, list):
                    _merge(merged.setdefault(key, []), value)
        else:
            U.add_edge(u, v, **{k: (list(v_) if isinstance(v_, list) else v_) for k, v_ in data.items()})
    for _, _, data in U.edges(data=True):
        if "supports" in data:
            for key, value in data.items():
                if isinstance(value, list):
                    data[key] = sorted(value)
            data["weight"] = len(data["supports"])
        data.setdefault("weight", 1)
        data["distance"] = 1.0 / data["weight"]
    return U


def _node_attributes(graph) -> tuple[dict[str, dict], dict[str, dict]]:
    """Actors (iri -> label, type, wikidata) and every labelled entity (iri -> label, type)."""
    actors: dict[str, dict] = {}
    for row in run_query(graph, "actors"):
        entry = actors.setdefault(row["actor"], {"label": row["label"], "type": local_name(row["type"])})
        if row.get("wikidata"):
            entry["wikidata"] = row["wikidata"]
    entities: dict[str, dict] = {}
    for row in run_query(graph, "entities"):
        entities.setdefault(row["entity"], {"label": row["label"], "type": local_name(row["type"])})
    return actors, entities


def _add_node(G, iri: str, info: dict | None, node_id: str | None = None, **extra) -> str:
    node = node_id or iri
    if node not in G:
        attrs = {"iri": iri, "label": (info or {}).get("label") or short_iri(iri), "type": (info or {}).get("type") or ""}
        if info and info.get("wikidata"):
            attrs["wikidata"] = info["wikidata"]
        G.add_node(node, **attrs, **extra)
    return node


def _provenance(row: dict) -> dict:
    return {
        "quotes": row.get("quote"),
        "documents": row.get("document"),
        "dates": row.get("date"),
        "methods": local_name(row.get("method")),
    }


# --- the projections ---------------------------------------------------------------------------


def actor_network(graph, *, window=None, undated: bool = True, directed: bool = True,
                  include_isolates: bool = False, offices: bool = True, coparticipation: bool = True,
                  groups: str | Path | dict | None = "default"):
    """The actor network of an rdflib graph: who the texts say relates to whom.

    Parameters
    ----------
    graph : rdflib.Graph
        A built crmgraph graph (see :func:`crmgraph.sparql.load_graph`).
    window : Window, int, str or tuple, optional
        Keep only facts dated in these years (an int means "up to and including").
    undated : bool
        Keep facts without a date (default True: structural facts have none).
    directed : bool
        A :class:`networkx.DiGraph` (default) or its undirected collapse.
    include_isolates : bool
        Keep actors without any edge (default False).
    offices : bool
        Link a person to the state or organisation whose office they hold.
    coparticipation : bool
        Link actors that take part in the same agreement or event.
    groups : "default", path, dict or None
        Actor groups for brokerage (``ontology/actor-groups.yaml`` by default), set
        as node attribute ``group``; None leaves them out.

    Returns
    -------
    networkx.DiGraph or networkx.Graph
        Nodes are IRIs with attributes ``iri``, ``label``, ``type``, ``group``
        (``wikidata`` where verified); edges carry ``weight`` (distinct supports),
        ``distance`` (1/weight), and the provenance lists ``supports``, ``facts``,
        ``relations``, ``kinds``, ``quotes``, ``documents``, ``dates``, ``affairs``.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> G = actor_network(build_graph().to_rdflib(), window=2023)
    >>> all(d["weight"] == len(d["supports"]) for *_, d in G.edges(data=True))
    True
    """
    import networkx as nx

    from crmgraph.ontology import load_ontology

    window = Window.parse(window) or Window()
    symmetric = load_ontology().symmetric_properties
    actors, _ = _node_attributes(graph)
    G = nx.DiGraph(projection="actors", window=str(window), caveat=CAVEAT)

    for row in run_query(graph, "actor-relations"):
        if not window.contains(row["date"], undated):
            continue
        s, o, relation = row["subject"], row["object"], local_name(row["relation"])
        for node in (s, o):
            _add_node(G, node, actors.get(node))
        arcs = [(s, o), (o, s)] if relation in symmetric else [(s, o)]
        for u, v in arcs:
            _add_support(G, u, v, row["fact"], facts=row["fact"], relations=relation, kinds="relation",
                         **_provenance(row))

    if offices:
        for row in run_query(graph, "actor-offices"):
            if not window.contains(row["date"], undated) or row["actor"] not in actors or row["person"] not in actors:
                continue
            person, actor = row["person"], row["actor"]
            for node in (person, actor):
                _add_node(G, node, actors.get(node))
            prov = _provenance(row)
            prov["quotes"] = [q for q in (row.get("quote"), row.get("officeQuote")) if q]
            for u, v in ((person, actor), (actor, person)):
                _add_support(G, u, v, row["holdsFact"], facts=[row["holdsFact"], row["officeFact"]],
                             relations="holdsOffice/officeIn", kinds="office", **prov)

    if coparticipation:
        by_affair: dict[str, list[dict]] = defaultdict(list)
        for row in run_query(graph, "actor-affairs"):
            if row["actor"] in actors and window.contains(row["date"] or row["affairDate"], undated):
                by_affair[row["affair"]].append(row)
        for affair, rows in sorted(by_affair.items()):
            for i, a in enumerate(rows):
                for b in rows[i + 1:]:
                    if a["actor"] == b["actor"]:
                        continue
                    for node in (a["actor"], b["actor"]):
                        _add_node(G, node, actors.get(node))
                    prov = {key: [x for x in (_provenance(a)[key], _provenance(b)[key]) if x]
                            for key in ("quotes", "documents", "dates", "methods")}
                    for u, v in ((a["actor"], b["actor"]), (b["actor"], a["actor"])):
                        _add_support(G, u, v, affair, facts=[a["fact"], b["fact"]], affairs=affair,
                                     relations=f"shared {a['kind']}", kinds="co-participation", **prov)

    if include_isolates:
        for iri, info in actors.items():
            _add_node(G, iri, info)
    _finish_edges(G)
    if groups is not None:
        from crmgraph.network.brokerage import assign_groups

        assign_groups(G, graph, groups)
    return G if directed else to_undirected(G)


def bipartite_network(graph, kind: str, *, window=None, undated: bool = True,
                      groups: str | Path | dict | None = "default"):
    """A bipartite network of actors (``bipartite=0``) and minerals, agreements or events (``bipartite=1``).

    Parameters
    ----------
    kind : {"mineral", "agreement", "event"}
        What the second mode is.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> B = bipartite_network(build_graph().to_rdflib(), "agreement")
    >>> sorted({d["bipartite"] for _, d in B.nodes(data=True)})
    [0, 1]
    """
    import networkx as nx

    if kind not in ("mineral", "agreement", "event"):
        raise CrmgraphError(f"bipartite kind {kind!r}: use mineral, agreement or event")
    window = Window.parse(window) or Window()
    actors, entities = _node_attributes(graph)
    B = nx.Graph(projection=f"actor-{kind}", window=str(window), caveat=CAVEAT, bipartite=True)
    if kind == "mineral":
        rows = [(r["actor"], r["mineral"], r) for r in run_query(graph, "actor-minerals") if r["actor"] in actors]
    else:
        rows = [(r["actor"], r["affair"], r) for r in run_query(graph, "actor-affairs")
                if r["kind"] == kind and r["actor"] in actors]
    for actor, other, row in rows:
        if not window.contains(row["date"] or row.get("affairDate"), undated):
            continue
        _add_node(B, actor, actors.get(actor), bipartite=0)
        if other in B and B.nodes[other]["bipartite"] == 0:
            continue  # an actor as second mode would break the bipartition; never happens with these queries
        _add_node(B, other, entities.get(other), bipartite=1)
        _add_support(B, actor, other, row["fact"], facts=row["fact"], relations=local_name(row["relation"]),
                     kinds=row.get("via") or kind, **_provenance(row))
    _finish_edges(B)
    if groups is not None:
        from crmgraph.network.brokerage import assign_groups

        assign_groups(B, graph, groups)
    return B


CONCEPT_PREFIX = "concept:"


def discourse_network(graph, *, window=None, undated: bool = True, groups: str | Path | dict | None = "default"):
    """Actors x concepts from statements (discourse network analysis), bipartite.

    Concept nodes are named ``concept:<IRI>`` (attribute ``iri`` holds the IRI), so
    an actor that is also spoken about (Central Asia, China) appears once as a
    speaker and once as a concept. Edge weight = number of statements.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> D = discourse_network(build_graph().to_rdflib())
    >>> D.has_edge("https://w3id.org/crmgraph/id/kassym-jomart-tokayev",
    ...            "concept:https://w3id.org/crmgraph/id/critical-raw-materials")
    True
    """
    import networkx as nx

    window = Window.parse(window) or Window()
    actors, entities = _node_attributes(graph)
    D = nx.Graph(projection="discourse", window=str(window), caveat=CAVEAT, bipartite=True)
    for row in run_query(graph, "statements"):
        if not window.contains(row["date"], undated):
            continue
        speaker, concept = row["speaker"], row["concept"]
        _add_node(D, speaker, actors.get(speaker) or entities.get(speaker), bipartite=0)
        node = _add_node(D, concept, entities.get(concept) or actors.get(concept), CONCEPT_PREFIX + concept,
                         bipartite=1)
        _add_support(D, speaker, node, row["statement"], statements=row["statement"], concepts=concept,
                     kinds="statement", **_provenance(row))
    _finish_edges(D)
    if groups is not None:
        from crmgraph.network.brokerage import assign_groups

        assign_groups(D, graph, groups)
    return D


def congruence_network(graph, *, window=None, undated: bool = True,
                       groups: str | Path | dict | None = "default"):
    """Actor congruence: two actors are linked when their statements concern the same concept.

    Edge ``weight`` is the number of shared concepts (``concepts``), with the
    statements of both actors as provenance.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> C = congruence_network(build_graph().to_rdflib())
    >>> all(d["weight"] == len(d["concepts"]) for *_, d in C.edges(data=True))
    True
    """
    import networkx as nx

    D = discourse_network(graph, window=window, undated=undated, groups=groups)
    C = nx.Graph(projection="congruence", window=D.graph["window"], caveat=CAVEAT)
    speakers = [n for n, d in D.nodes(data=True) if d["bipartite"] == 0]
    for n in speakers:
        C.add_node(n, **{k: v for k, v in D.nodes[n].items() if k != "bipartite"})
    for concept in sorted(n for n, d in D.nodes(data=True) if d["bipartite"] == 1):
        iri = D.nodes[concept]["iri"]
        around = sorted(D.neighbors(concept))
        for i, a in enumerate(around):
            for b in around[i + 1:]:
                ea, eb = D.edges[a, concept], D.edges[b, concept]
                _add_support(C, a, b, iri, concepts=iri, statements=ea["statements"] + eb["statements"],
                             quotes=ea["quotes"] + eb["quotes"], documents=ea["documents"] + eb["documents"],
                             dates=ea["dates"] + eb["dates"], kinds="congruence")
    _finish_edges(C)
    return C


def load_projection(graph, name: str = "actors", *, window=None, undated: bool = True,
                    groups: str | Path | dict | None = "default"):
    """Any projection by name (see :data:`PROJECTIONS`).

    Raises :class:`~crmgraph.errors.CrmgraphError` for an unknown name.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> load_projection(build_graph().to_rdflib(), "congruence").graph["projection"]
    'congruence'
    """
    if name == "actors":
        return actor_network(graph, window=window, undated=undated, groups=groups)
    if name in ("actor-mineral", "actor-agreement", "actor-event"):
        return bipartite_network(graph, name.split("-", 1)[1], window=window, undated=undated, groups=groups)
    if name == "discourse":
        return discourse_network(graph, window=window, undated=undated, groups=groups)
    if name == "congruence":
        return congruence_network(graph, window=window, undated=undated, groups=groups)
    raise CrmgraphError(f"unknown projection {name!r}; choose one of: {', '.join(PROJECTIONS)}")


def fact_years(graph) -> list[int]:
    """The years in which the graph dates at least one fact or statement, ascending."""
    from crmgraph.sparql import select

    _, rows = select(graph, "SELECT DISTINCT ?date WHERE { { ?f a crm:Fact ; crm:date ?date } "
                            "UNION { ?s a crm:Statement ; crm:date ?date } }")
    return sorted({int(str(r[0])[:4]) for r in rows if str(r[0])[:4].isdigit()})
