"""The interactive network view: one self-contained HTML file that opens offline.

The network is read from the RDF graph (:func:`crmgraph.views.model.view_network`),
laid out in Python with a fixed seed (:mod:`crmgraph.views.layout`), handed to
PyVis as ready node and edge lists (PyVis's ``add_edge`` and ``from_nx`` are
quadratic and ``from_nx`` mutates its input) and written into a page of our own
with vis-network's script and style inlined from the PyVis package: no CDN, no
Bootstrap, nothing fetched from any URL, so the file works from ``file://`` with
the network off and can be sent by e-mail.

Document text (labels, quotes, sentences, titles) reaches the page only as JSON
in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, or HTML-escaped in the header, and the page's script puts it into the
DOM with ``textContent``: markup in a document shows as characters and never
runs. A Content-Security-Policy admits only the page's own inline scripts (by
hash) and forbids every fetch.

The same graph and options give a byte-identical file (no timestamps, sorted
data, seeded layout).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from crmgraph.errors import CrmgraphError

#: Colour and vis-network shape of each display class, in legend order.
CLASS_STYLES: dict[str, tuple[str, str]] = {
    "State": ("dot", "#2563eb"),
    "Region": ("hexagon", "#0d9488"),
    "Organisation": ("square", "#16a34a"),
    "Person": ("triangle", "#ea580c"),
    "Mineral": ("diamond", "#b45309"),
    "Agreement": ("star", "#7c3aed"),
    "Event": ("triangleDown", "#db2777"),
    "Statement": ("dot", "#ca8a04"),
    "Other": ("dot", "#64748b"),
}
CLASS_LEGEND = {"Other": "Other (document, office, topic, place)"}

#: Measures the view computes itself; more come from :mod:`crmgraph.network.measures` when it is installed.
BUILTIN_MEASURES: dict[str, str] = {
    "degree": "degree",
    "in-degree": "in-degree",
    "out-degree": "out-degree",
    "facts": "facts (pieces of evidence)",
    "betweenness": "betweenness",
}
#: Measures of crmgraph.network that are labels, not sizes.
NOT_SIZES = frozenset({"community"})
DEFAULT_TITLE = "crmgraph network view"
PHYSICS_MAX_NODES = 300    # above this, the browser does not simulate: positions come from Python
EDGE_LABELS_MAX = 1500     # above this many edges, edge labels show on hover only
BETWEENNESS_SAMPLE = 500   # betweenness on larger networks is estimated from this many sources

_VIS_DIR = ("lib", "vis-9.1.2")


# --- measures ---------------------------------------------------------------------------------------


def _external_measures():
    """The measures module of :mod:`crmgraph.network`, if it is installed (guarded: the view works without it)."""
    try:
        from crmgraph.network import measures
    except ImportError:
        return None
    return measures


def available_measures() -> dict[str, str]:
    """The measures ``size_by`` accepts, name to label.

    Examples
    --------
    >>> "degree" in available_measures()
    True
    """
    found = dict(BUILTIN_MEASURES)
    external = _external_measures()
    table = getattr(external, "MEASURES", None) if external is not None else None
    if isinstance(table, Mapping):
        for name in table:
            if name not in NOT_SIZES:
                found.setdefault(str(name), str(name).replace("_", " "))
    return found


def _finite(value) -> float:
    value = float(value)
    return value if math.isfinite(value) else 0.0


def compute_measure(network, name: str) -> dict:
    """Values of measure ``name`` for every node of the view network (a MultiDiGraph).

    Raises
    ------
    CrmgraphError
        When ``name`` is not one of :func:`available_measures`.
    """
    import networkx as nx

    if name == "degree":
        return dict(network.degree())
    if name == "in-degree":
        return dict(network.in_degree())
    if name == "out-degree":
        return dict(network.out_degree())
    if name == "facts":
        counts = {node: 0 for node in network}
        for u, v, facts in network.edges(data="facts"):
            counts[u] += len(facts or ())
            if v != u:
                counts[v] += len(facts or ())
        return counts
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes)
    simple.add_edges_from((u, v) for u, v in network.edges() if u != v)
    if name == "betweenness":
        k = BETWEENNESS_SAMPLE if len(simple) > BETWEENNESS_SAMPLE else None
        return nx.betweenness_centrality(simple, k=k, seed=7 if k else None)
    external = _external_measures()
    table = getattr(external, "MEASURES", None) if external is not None else None
    if isinstance(table, Mapping) and name in table and name not in NOT_SIZES:
        frame = external.centrality(simple, [name])
        column = name if name in frame.columns else table[name][0]
        values = dict(zip(frame["iri"], frame[column]))
        # Some measures are undefined for some nodes (constraint of an isolate is NaN); they get no size.
        return {node: _finite(values.get(node, 0.0)) for node in network}
    raise CrmgraphError(f"unknown measure {name!r} (use one of: {', '.join(available_measures())})")


# --- assets -----------------------------------------------------------------------------------------


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style, read from the installed PyVis package."""
    import pyvis

    base = Path(pyvis.__file__).parent.joinpath(*_VIS_DIR)
    try:
        script = (base / "vis-network.min.js").read_text(encoding="utf-8")
        style = (base / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise CrmgraphError(f"vis-network is missing from the PyVis package ({base}): {exc}") from None
    # no source-map comments: nothing in the page may point at another file
    script = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", script)
    style = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", style)
    return script, style


def _asset(name: str) -> str:
    return resources.files("crmgraph.views").joinpath("assets", name).read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, no ``<!--``, no raw line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


#: A qualitative palette for relations (Tableau 10, then darker and lighter companions).
RELATION_PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    "#17becf", "#393b79", "#ad494a", "#637939", "#b5891f", "#7b4173", "#3182bd", "#e6550d", "#31a354",
    "#756bb1", "#636363", "#6baed6", "#fd8d3c", "#74c476", "#9e9ac8",
)


# --- the page ---------------------------------------------------------------------------------------


def _is_view_network(source) -> bool:
    return hasattr(source, "graph") and hasattr(source, "nodes") and hasattr(source, "edges") \
        and hasattr(source, "is_multigraph")


def graph_html(source, *, size_by: str = "degree", projection: str = "full", title: str | None = None,
               physics: bool | None = None, seed: int = 7) -> str:
    """The interactive network view of a knowledge graph, as one self-contained HTML page.

    Parameters
    ----------
    source : KnowledgeGraph, rdflib.Graph or networkx.MultiDiGraph
        A built graph, a parsed graph file, or a network made by
        :func:`crmgraph.views.model.view_network` (it is copied, never changed).
    size_by : str
        The measure that sizes the nodes: one of :func:`available_measures`.
    projection : {"full", "actors"}
        Which entities to draw (see :func:`~crmgraph.views.model.view_network`);
        ignored when ``source`` is already a network.
    title : str, optional
        The heading of the page.
    physics : bool, optional
        Let the browser refine the layout until it is stable, then stop. By default
        on up to ``PHYSICS_MAX_NODES`` nodes; larger networks open with the
        positions computed in Python.
    seed : int
        Seed of the layout.

    Returns
    -------
    str
        The page; write it as UTF-8 (:func:`write_html` does).

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> page = graph_html(build_graph())
    >>> page.startswith("<!DOCTYPE html>") and "cdnjs" not in page
    True
    """
    from crmgraph.views.model import view_network

    measures = available_measures()
    if size_by not in measures:
        raise CrmgraphError(f"unknown measure {size_by!r} (use one of: {', '.join(measures)})")
    if _is_view_network(source):
        import networkx as nx

        network = nx.MultiDiGraph(source)  # a copy: the caller's graph is never changed
        network.graph = json.loads(json.dumps(source.graph, default=str))
    else:
        network = view_network(source, projection)
    data = _page_data(network, size_by, measures, physics, seed)
    return _render(network, data, title or DEFAULT_TITLE)


def _page_data(network, size_by: str, measures: dict[str, str], physics: bool | None, seed: int) -> dict:
    from pyvis.network import Network

    from crmgraph.views.layout import layout_positions
    symmetric = _symmetric_relations()
    present = sorted({str(attrs.get("iri", key)) for _, _, key, attrs in network.edges(keys=True, data=True)})
    relation_colour = {iri: RELATION_PALETTE[i % len(RELATION_PALETTE)] for i, iri in enumerate(present)}
    names = ["degree", "in-degree", "out-degree", "facts"]
    if size_by not in names:
        names.append(size_by)
    values = {name: compute_measure(network, name) for name in names}
    size_values = values[size_by]
    top = max((float(v) for v in size_values.values()), default=0.0)
    positions = layout_positions(network, seed=seed)
    if physics is None:
        physics = network.number_of_nodes() <= PHYSICS_MAX_NODES
    many = network.number_of_nodes() > PHYSICS_MAX_NODES

    documents = list(network.graph.get("documents", []))
    doc_index = {d["id"]: i for i, d in enumerate(documents)}

    nodes_info, vis_nodes = [], []
    for node, attrs in network.nodes(data=True):
        group = attrs.get("group", "Other")
        shape, colour = CLASS_STYLES.get(group, CLASS_STYLES["Other"])
        value = float(size_values.get(node, 0.0))
        size = 10.0 + 26.0 * math.sqrt(value / top) if top > 0 else 12.0
        x, y = positions[node]
        label = str(attrs.get("label", node))
        vis = {
            "id": node, "label": label, "shape": shape, "size": round(size, 2), "x": x, "y": y,
            "color": {"background": colour, "border": _darker(colour),
                      "highlight": {"background": colour, "border": "#111827"},
                      "hover": {"background": colour, "border": "#111827"}},
        }
        if group == "Statement":
            vis["shapeProperties"] = {"borderDashes": [4, 3]}
            vis["borderWidth"] = 2
            vis["label"] = label if len(label) <= 40 else label[:39] + "…"
        vis_nodes.append(vis)
        info = {"id": node, "label": label, "type": attrs.get("type", "Other"),
                "typeLabel": attrs.get("type_label", attrs.get("type", "Other")), "group": group,
                "measures": {name: _round(values[name].get(node)) for name in names}}
        for key in ("aliases", "wikidata", "identifiers", "date", "url", "note", "quotation", "authors"):
            if attrs.get(key):
                info[key] = attrs[key]
        if attrs.get("date") and str(attrs["date"])[:4].isdigit():
            info["year"] = int(str(attrs["date"])[:4])
        nodes_info.append(info)

    edges_info, vis_edges = [], []
    pairs: dict[frozenset, int] = {}
    all_years: set[int] = set()
    show_labels = network.number_of_edges() <= EDGE_LABELS_MAX
    for i, (u, v, key, attrs) in enumerate(network.edges(keys=True, data=True)):
        iri = attrs.get("iri", key)
        colour = relation_colour[str(iri)]
        facts = [_fact_for_page(f, doc_index, documents) for f in attrs.get("facts", [])]
        years = sorted({int(y) for y in attrs.get("years", [])})
        all_years.update(years)
        pair = frozenset((u, v))
        parallel = pairs.get(pair, 0)
        pairs[pair] = parallel + 1
        vis = {"id": f"e{i}", "from": u, "to": v, "color": {"color": colour, "highlight": colour, "hover": colour},
               "width": round(1.0 + math.log2(max(1, len(facts))), 2)}
        if iri not in symmetric:
            vis["arrows"] = "to"
        if show_labels:
            vis["label"] = str(attrs.get("label", key))
            vis["font"] = {"size": 10, "color": "#4b5563", "strokeWidth": 3, "strokeColor": "#ffffff",
                           "align": "middle"}
        if parallel:
            vis["smooth"] = {"enabled": True, "type": "curvedCW" if parallel % 2 else "curvedCCW",
                             "roundness": round(0.2 * ((parallel + 1) // 2), 2)}
        vis_edges.append(vis)
        edges_info.append({"from": u, "to": v, "relation": str(attrs.get("relation", key)),
                           "label": str(attrs.get("label", key)), "years": years, "facts": facts})

    options = _vis_options(physics, many, seed)
    # PyVis holds the network data: it gets ready lists (never a caller's graph) and the options.
    net = Network(directed=True, cdn_resources="in_line")
    net.nodes, net.edges = vis_nodes, vis_edges
    net.node_ids = [n["id"] for n in vis_nodes]
    net.node_map = {n["id"]: n for n in vis_nodes}
    net.options = options
    vis_nodes, vis_edges, _, _, _, options_json = net.get_network_data()

    relations = {}
    for e in edges_info:
        relations.setdefault(e["relation"], {"label": e["label"], "count": 0})["count"] += 1
    return {
        "nodes": nodes_info,
        "edges": edges_info,
        "documents": documents,
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options_json)},
        "years": [min(all_years), max(all_years)] if all_years else [],
        "sizeBy": size_by,
        "sizeByLabel": measures[size_by],
        "measureNames": names,
        "measureLabels": {name: measures.get(name, name) for name in names},
        "relations": relations,
        "relationColours": {e["relation"]: vis["color"]["color"] for e, vis in zip(edges_info, vis_edges)},
    }


def _round(value) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, int) or float(value).is_integer():
        return int(value)
    return float(f"{float(value):.6g}")


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * 0.7), int(g * 0.7), int(b * 0.7))


def _symmetric_relations() -> set[str]:
    from crmgraph.ontology import CRM, load_ontology

    return {str(CRM[name]) for name in load_ontology().symmetric_properties}


def _fact_for_page(fact: dict, doc_index: dict, documents: list) -> dict:
    out: dict[str, Any] = {}
    for key, target in (("quote", "quote"), ("sentence", "sentence"), ("date", "date"), ("method", "method"),
                        ("confidence", "confidence"), ("note", "note")):
        if fact.get(key) not in (None, ""):
            out[target] = fact[key]
    for key, target in (("concerns", "concerns"), ("citation", "citation"), ("place", "place"),
                        ("according_to", "accordingTo")):
        if fact.get(key):
            out[target] = list(fact[key])
    document = fact.get("document")
    if document:
        if document not in doc_index:
            doc_index[document] = len(documents)
            documents.append({"id": document, "title": fact.get("document_title") or document})
        out["document"] = doc_index[document]
    return out


def _vis_options(physics: bool, many: bool, seed: int) -> dict:
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "nodes": {"font": {"size": 13, "color": "#1f2937", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"label": {"enabled": False}}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1,
                  "arrows": {"to": {"scaleFactor": 0.5}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": many, "hideEdgesOnZoom": many,
                        "navigationButtons": False, "keyboard": False, "multiselect": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "centralGravity": 0.6, "springLength": 120,
                          "springConstant": 0.03,
                          "damping": 0.3, "avoidOverlap": 0.2},
            "stabilization": {"enabled": physics, "iterations": 300, "updateInterval": 50, "fit": True},
            "minVelocity": 1.0,
        },
    }


_SVG_SHAPES = {
    "dot": '<circle cx="7" cy="7" r="5.5"/>',
    "hexagon": '<polygon points="7,1.5 11.8,4.25 11.8,9.75 7,12.5 2.2,9.75 2.2,4.25"/>',
    "square": '<rect x="2" y="2" width="10" height="10"/>',
    "triangle": '<polygon points="7,1.5 12.5,12 1.5,12"/>',
    "diamond": '<polygon points="7,1 13,7 7,13 1,7"/>',
    "star": '<polygon points="7,1 8.8,5.2 13.2,5.4 9.8,8.3 10.9,12.7 7,10.3 3.1,12.7 4.2,8.3 0.8,5.4 5.2,5.2"/>',
    "triangleDown": '<polygon points="1.5,2 12.5,2 7,12.5"/>',
}


def _swatch(group: str) -> str:
    shape, colour = CLASS_STYLES[group]
    dash = ' stroke-dasharray="2 1.5" stroke-width="1.5"' if group == "Statement" else ""
    return (f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" fill="{colour}" '
            f'stroke="{_darker(colour)}"{dash}>{_SVG_SHAPES[shape]}</svg>')


def _link(url: str | None, text: str) -> str:
    """An escaped link when ``url`` is http(s), escaped text otherwise (no ``javascript:`` or ``data:`` links)."""
    if url and url.lower().startswith(("http://", "https://")):
        return (f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                f'{html.escape(text)}</a>')
    return html.escape(text)


def _render(network, data: dict, title: str) -> str:
    vis_js, vis_css = _vis_assets()
    view_js, view_css = _asset("view.js"), _asset("view.css")
    e = html.escape
    documents = [d for d in network.graph.get("documents", [])]
    counts: dict[str, int] = {}
    for n in data["nodes"]:
        counts[n["group"]] = counts.get(n["group"], 0) + 1
    facts = sum(len(edge["facts"]) for edge in data["edges"])

    doc_items = []
    for d in documents:
        meta = ", ".join(x for x in (", ".join(d.get("authors") or []), d.get("publisher") or "", d.get("date") or "") if x)
        doc_items.append(f'<li>{_link(d.get("url"), d.get("title") or d["id"])}'
                         + (f' <span class="meta">({e(meta)})</span>' if meta else "") + "</li>")
    class_items = []
    for group in CLASS_STYLES:
        if group not in counts:
            continue
        name = CLASS_LEGEND.get(group, group)
        class_items.append(
            f'<li><label><input type="checkbox" data-class="{e(group)}" checked>{_swatch(group)}'
            f'<span>{e(name)}</span><span class="count">{counts[group]}</span></label></li>')
    relation_items = []
    for relation, info in sorted(data["relations"].items(), key=lambda kv: kv[1]["label"]):
        colour = data["relationColours"][relation]
        relation_items.append(
            f'<li><label><input type="checkbox" data-relation="{e(relation)}" checked>'
            f'<span class="swatch-line" style="background:{e(colour)}"></span><span>{e(info["label"])}</span>'
            f'<span class="count">{info["count"]}</span></label></li>')
    years = data["years"]
    if years:
        year_block = (f'<div class="years"><input type="number" id="year-from" value="{years[0]}" min="{years[0]}" '
                      f'max="{years[1]}" aria-label="from year"> – <input type="number" id="year-to" '
                      f'value="{years[1]}" min="{years[0]}" max="{years[1]}" aria-label="to year"></div>'
                      '<label><input type="checkbox" id="undated" checked> include undated relations</label>')
    else:
        year_block = ('<p class="note">No relation is dated.</p><input type="hidden" id="year-from">'
                      '<input type="hidden" id="year-to"><input type="checkbox" id="undated" checked hidden>')
    edge_note = "" if data["vis"]["edges"] and "label" in data["vis"]["edges"][0] else (
        '<p class="note">Edge labels are hidden on a network this large: hover or click an edge.</p>'
        if data["vis"]["edges"] else "")
    data_json = _script_json(data)
    csp = ("default-src 'none'; script-src " + _csp_hash(vis_js) + " " + _csp_hash(view_js)
           + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    n_docs = len(documents)
    summary = (f'{n_docs} document{"s" if n_docs != 1 else ""} · {len(data["nodes"])} entities · '
               f'{len(data["edges"])} relations · {facts} facts · node size: {e(data["sizeByLabel"])}')
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',  # our own constant text
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="crmgraph">\n',
        f"<title>{e(title)}</title>\n",
        f"<style>\n{vis_css}\n</style>\n<style>\n{view_css}</style>\n</head>\n<body>\n",
        f'<header>\n<h1>{e(title)}</h1>\n<p class="corpus">Corpus: {summary}</p>\n',
        f'<ul class="documents">{"".join(doc_items)}</ul>\n</header>\n' if doc_items else "</header>\n",
        '<main>\n<aside id="controls">\n',
        '<input type="search" id="search" list="labels" placeholder="Search entities…" aria-label="search">'
        '<datalist id="labels"></datalist><div id="search-result"></div>\n',
        f'<h3>Classes</h3><ul class="legend">{"".join(class_items)}</ul>\n',
        f'<h3>Relations</h3><ul class="legend">{"".join(relation_items)}</ul>{edge_note}\n',
        f"<h3>Years</h3>{year_block}\n",
        '<h3>Reading</h3><p class="note">Node size: ' + e(data["sizeByLabel"]) + '. Click a node for its '
        'identifiers, measures and the evidence of its relations; click the background to clear.</p>\n',
        '</aside>\n<div id="stage"><div id="network"></div><div id="status"></div></div>\n',
        '<aside id="panel"><p class="note">Hover over a node for its name; click it to see its type, '
        'identifiers, measures and the sentences that support each of its relations.</p></aside>\n</main>\n',
        '<div id="tooltip" hidden></div>\n',
        f'<script type="application/json" id="crmgraph-data">{data_json}</script>\n',
        f"<script>{vis_js}</script>\n<script>{view_js}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def write_html(source, path: Path | str = Path("graph/crmgraph.html"), **options) -> Path:
    """Write the network view of ``source`` to ``path`` (UTF-8, atomically) and return the path.

    Takes the options of :func:`graph_html`.

    Examples
    --------
    >>> import tempfile
    >>> from crmgraph.rdf.build import build_graph
    >>> out = write_html(build_graph(), Path(tempfile.mkdtemp()) / "view.html")
    >>> out.read_text(encoding="utf-8").count("<script") >= 3
    True
    """
    from crmgraph.io import prepare_output_dir, write_text_atomically

    path = Path(path)
    if path.exists() and path.is_dir():
        raise CrmgraphError(f"output file {path}: is a folder")
    prepare_output_dir(path.parent)
    page = graph_html(source, **options)
    write_text_atomically(path, page)
    return path


class NetworkView:
    """The network view for notebooks: displays inline in JupyterLab, Jupyter Notebook and VS Code.

    The page is embedded in an ``<iframe srcdoc>`` (escaped), not loaded from a file
    on disk, so it shows wherever the notebook is opened, and sandboxed: its
    scripts run, but it cannot touch the notebook.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> view = NetworkView(build_graph())
    >>> view._repr_html_().startswith("<iframe")
    True
    """

    def __init__(self, source, *, height: int = 720, **options) -> None:
        self.html = graph_html(source, **options)
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                f'style="width:100%;height:{self.height}px;border:1px solid #e5e7eb" '
                'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
                'title="crmgraph network view"></iframe>')

    def save(self, path: Path | str) -> Path:
        """Write the page to ``path`` (UTF-8, atomically)."""
        from crmgraph.io import write_text_atomically

        write_text_atomically(Path(path), self.html)
        return Path(path)


def show(source, **options) -> NetworkView:
    """The network view of ``source`` for display in a notebook cell (see :class:`NetworkView`)."""
    return NetworkView(source, **options)
