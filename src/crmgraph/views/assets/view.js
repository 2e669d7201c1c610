/* crmgraph network view: draws the embedded data with vis-network and builds the panels.
 *
 * All text that comes from documents (labels, quotes, sentences, titles) reaches the
 * page through textContent or the canvas, never through innerHTML, so markup in a
 * document is shown as characters and never runs. Links are made only for http(s)
 * URLs and only on the user's click.
 */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("crmgraph-data").textContent);
  var MAX_RELATIONS_SHOWN = 200;
  var DIM_NODE = { background: "#e5e7eb", border: "#d1d5db" };
  var DIM_EDGE = "rgba(203,213,225,0.35)";

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      for (var key in props) {
        if (key === "text") node.textContent = props[key];
        else if (key === "cls") node.className = props[key];
        else node.setAttribute(key, props[key]);
      }
    }
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function safeLink(url, text) {
    // only http(s) links, opened by the user's click; anything else stays text
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      return el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: text || url });
    }
    return el("span", { text: text || String(url) });
  }

  var nodeIndex = new Map();
  DATA.nodes.forEach(function (n, i) { nodeIndex.set(n.id, i); });
  var incident = DATA.nodes.map(function () { return []; });
  DATA.edges.forEach(function (e, i) {
    incident[nodeIndex.get(e.from)].push(i);
    if (e.to !== e.from) incident[nodeIndex.get(e.to)].push(i);
  });

  // --- vis data ----------------------------------------------------------------------------------
  var nodes = new vis.DataSet(DATA.vis.nodes);
  var edges = new vis.DataSet(DATA.vis.edges);
  var visibleNodes = new Set(DATA.nodes.map(function (n) { return n.id; }));
  var visibleEdges = new Set(DATA.vis.edges.map(function (e) { return e.id; }));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visibleEdges.has(e.id); } });
  var container = document.getElementById("network");
  var options = DATA.vis.options;
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var status = document.getElementById("status");
  var api = { network: network, nodes: nodes, edges: edges, stable: false, data: DATA };
  window.crmgraph = api;

  function settled() {
    if (api.stable) return;
    network.setOptions({ physics: { enabled: false } });
    api.stable = true;
    status.textContent = DATA.nodes.length + " nodes, " + DATA.edges.length + " relations";
    container.setAttribute("data-stable", "true");
  }
  if (options.physics && options.physics.enabled) {
    status.textContent = "Laying out…";
    network.once("stabilizationIterationsDone", function () { settled(); network.fit(); });
  } else {
    network.once("afterDrawing", settled);
  }

  // --- tooltip ----------------------------------------------------------------------------------
  var tooltip = document.getElementById("tooltip");
  var lastPointer = { x: 0, y: 0 };
  container.addEventListener("mousemove", function (ev) { lastPointer = { x: ev.clientX, y: ev.clientY }; });
  function showTooltip(lines) {
    tooltip.textContent = "";
    lines.forEach(function (line, i) {
      tooltip.appendChild(el(i === 0 ? "strong" : "div", { text: line }));
    });
    tooltip.style.left = Math.min(lastPointer.x + 14, window.innerWidth - 330) + "px";
    tooltip.style.top = lastPointer.y + 14 + "px";
    tooltip.hidden = false;
  }
  function hideTooltip() { tooltip.hidden = true; }
  network.on("hoverNode", function (params) {
    var n = DATA.nodes[nodeIndex.get(params.node)];
    showTooltip([n.label, n.typeLabel + " · " + DATA.sizeByLabel + " " + formatNumber(n.measures[DATA.sizeBy])]);
  });
  network.on("hoverEdge", function (params) {
    var e = DATA.edges[Number(String(params.edge).slice(1))];
    var lines = [label(e.from) + " — " + e.label + " → " + label(e.to)];
    if (e.facts.length && e.facts[0].quote) lines.push("“" + e.facts[0].quote + "”");
    if (e.facts.length > 1) lines.push("and " + (e.facts.length - 1) + " more");
    showTooltip(lines);
  });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  function label(id) { return DATA.nodes[nodeIndex.get(id)].label; }
  function formatNumber(x) {
    if (x === null || x === undefined) return "–";
    if (Number.isInteger(x)) return String(x);
    return Number(x).toPrecision(3);
  }

  // --- neighbourhood highlight -------------------------------------------------------------------
  // Colours are changed on vis-network's drawn items and then redrawn once: updating the DataSets
  // instead costs seconds on a few thousand nodes. Filtering rebuilds the items from the data.
  var highlighted = false;
  var DIM_FONT = "#cbd5e1";
  function look(id, colour, font) {
    var item = network.body.nodes[id];
    if (!item) return;
    item.options.color.background = colour.background;
    item.options.color.border = colour.border;
    if (item.options.font) item.options.font.color = font;
  }
  function edgeLook(id, colour, font) {
    var item = network.body.edges[id];
    if (!item) return;
    item.options.color.color = colour;
    item.options.color.highlight = colour;
    item.options.color.hover = colour;
    if (item.options.font) item.options.font.color = font;
  }
  function highlight(id) {
    var keep = new Set([id]);
    network.getConnectedNodes(id).forEach(function (n) { keep.add(n); });
    var edgeKeep = new Set(network.getConnectedEdges(id));
    DATA.vis.nodes.forEach(function (n) {
      if (keep.has(n.id)) look(n.id, n.color, "#1f2937");
      else look(n.id, DIM_NODE, DIM_FONT);
    });
    DATA.vis.edges.forEach(function (e) {
      if (edgeKeep.has(e.id)) edgeLook(e.id, e.color.color, "#4b5563");
      else edgeLook(e.id, DIM_EDGE, "rgba(0,0,0,0)");
    });
    highlighted = true;
    network.redraw();
  }
  function clearHighlight() {
    if (!highlighted) return;
    DATA.vis.nodes.forEach(function (n) { look(n.id, n.color, "#1f2937"); });
    DATA.vis.edges.forEach(function (e) { edgeLook(e.id, e.color.color, "#4b5563"); });
    highlighted = false;
    network.redraw();
  }
  api.highlighted = function () { return highlighted; };

  // --- the panel ---------------------------------------------------------------------------------
  var panel = document.getElementById("panel");
  var panelHint = Array.prototype.map.call(panel.childNodes, function (n) { return n.cloneNode(true); });
  function resetPanel() {
    panel.textContent = "";
    panelHint.forEach(function (n) { panel.appendChild(n.cloneNode(true)); });
  }

  function factItem(f) {
    var parts = [];
    if (f.quote) parts.push(el("blockquote", { text: f.quote }));
    var meta = [];
    if (f.document !== undefined) meta.push(DATA.documents[f.document].title);
    if (f.date) meta.push(f.date);
    if (f.method) meta.push(f.method + (f.confidence !== undefined && f.method !== "curated" ? " (" + f.confidence + ")" : ""));
    if (meta.length) parts.push(el("div", { cls: "evidence-meta", text: meta.join(" · ") }));
    var extra = [["about", f.concerns], ["cites", f.citation], ["at", f.place], ["according to", f.accordingTo]];
    extra.forEach(function (pair) {
      if (pair[1] && pair[1].length) parts.push(el("div", { cls: "evidence-meta", text: pair[0] + ": " + pair[1].join(", ") }));
    });
    if (f.note) parts.push(el("div", { cls: "evidence-meta", text: "note: " + f.note }));
    if (f.sentence && f.sentence !== f.quote) {
      parts.push(el("details", null, [el("summary", { text: "sentence" }), el("div", { text: f.sentence })]));
    }
    return el("div", { cls: "fact" }, parts);
  }

  function relationItem(e, fromId) {
    var other = e.from === fromId ? e.to : e.from;
    var arrow = e.from === fromId ? e.label + " → " : "← " + e.label + " ← ";
    if (e.from === e.to) arrow = e.label + " ↺ ";
    var jump = el("button", { type: "button", text: label(other) });
    jump.addEventListener("click", function () { selectNode(other, true); });
    var head = el("div", { cls: "relation" }, [arrow, jump]);
    var body = [head];
    if (!e.facts.length) body.push(el("div", { cls: "evidence-meta", text: "no evidence recorded" }));
    e.facts.forEach(function (f) { body.push(factItem(f)); });
    return el("li", null, body);
  }

  function table(rows) {
    return el("table", null, rows.map(function (r) { return el("tr", null, [el("td", { text: r[0] }), el("td", null, [r[1]])]); }));
  }

  function showNode(id) {
    var n = DATA.nodes[nodeIndex.get(id)];
    panel.textContent = "";
    panel.appendChild(el("h2", { text: n.label }));
    panel.appendChild(el("div", { cls: "type", text: n.typeLabel + (n.group !== n.type ? " · " + n.group : "") }));
    panel.appendChild(el("div", { cls: "iri", text: n.id }));
    var rows = [];
    (n.wikidata || []).forEach(function (w) { rows.push(["Wikidata", safeLink(w, w.replace(/^.*\//, ""))]); });
    Object.keys(n.identifiers || {}).forEach(function (k) { rows.push([k, document.createTextNode(n.identifiers[k])]); });
    if (n.aliases && n.aliases.length) rows.push(["also", document.createTextNode(n.aliases.join("; "))]);
    if (n.date) rows.push(["date", document.createTextNode(n.date)]);
    if (n.authors && n.authors.length) rows.push(["by", document.createTextNode(n.authors.join("; "))]);
    if (n.url) rows.push(["url", safeLink(n.url)]);
    if (rows.length) { panel.appendChild(el("h3", { text: "Identifiers" })); panel.appendChild(table(rows)); }
    if (n.quotation) panel.appendChild(el("blockquote", { text: n.quotation }));
    if (n.note) panel.appendChild(el("p", { cls: "note", text: n.note }));
    panel.appendChild(el("h3", { text: "Measures" }));
    panel.appendChild(table(DATA.measureNames.map(function (m) {
      return [DATA.measureLabels[m], document.createTextNode(formatNumber(n.measures[m]))];
    })));
    var mine = incident[nodeIndex.get(id)];
    panel.appendChild(el("h3", { text: "Relations and evidence (" + mine.length + ")" }));
    var list = el("ul", { cls: "relations" });
    mine.slice(0, MAX_RELATIONS_SHOWN).forEach(function (i) { list.appendChild(relationItem(DATA.edges[i], id)); });
    panel.appendChild(list);
    if (mine.length > MAX_RELATIONS_SHOWN) {
      panel.appendChild(el("p", { cls: "note", text: "and " + (mine.length - MAX_RELATIONS_SHOWN) + " more" }));
    }
    panel.scrollTop = 0;
  }

  function showEdge(visId) {
    var e = DATA.edges[Number(String(visId).slice(1))];
    panel.textContent = "";
    panel.appendChild(el("h2", { text: e.label }));
    var from = el("button", { type: "button", text: label(e.from) });
    from.addEventListener("click", function () { selectNode(e.from, true); });
    var to = el("button", { type: "button", text: label(e.to) });
    to.addEventListener("click", function () { selectNode(e.to, true); });
    panel.appendChild(el("div", { cls: "relation" }, [from, " → ", to]));
    panel.appendChild(el("h3", { text: "Evidence (" + e.facts.length + ")" }));
    e.facts.forEach(function (f) { panel.appendChild(factItem(f)); });
    panel.scrollTop = 0;
  }

  function selectNode(id, focus) {
    if (!visibleNodes.has(id)) return;
    network.selectNodes([id]);
    highlight(id);
    showNode(id);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
  }
  api.selectNode = selectNode;

  network.on("click", function (params) {
    hideTooltip();
    if (params.nodes.length) { selectNode(params.nodes[0], false); }
    else if (params.edges.length) { clearHighlight(); showEdge(params.edges[0]); }
    else { clearHighlight(); resetPanel(); }
  });

  // --- search ------------------------------------------------------------------------------------
  var search = document.getElementById("search");
  var result = document.getElementById("search-result");
  var datalist = document.getElementById("labels");
  DATA.nodes.map(function (n) { return n.label; }).sort().forEach(function (l) {
    var option = document.createElement("option");
    option.value = l;
    datalist.appendChild(option);
  });
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    if (!q) { result.textContent = ""; return; }
    var exact = [], partial = [];
    DATA.nodes.forEach(function (n) {
      if (!visibleNodes.has(n.id)) return;
      var l = n.label.toLowerCase();
      if (l === q) exact.push(n.id);
      else if (l.indexOf(q) >= 0 || (n.aliases || []).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; })) partial.push(n.id);
    });
    var found = exact.concat(partial);
    if (!found.length) { result.textContent = "no match"; return; }
    result.textContent = found.length === 1 ? "1 match" : found.length + " matches, showing the first";
    selectNode(found[0], true);
  }
  search.addEventListener("change", runSearch);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(); });

  // --- filters -----------------------------------------------------------------------------------
  var classBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-class]"));
  var relationBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-relation]"));
  var yearFrom = document.getElementById("year-from");
  var yearTo = document.getElementById("year-to");
  var undated = document.getElementById("undated");

  function applyFilters() {
    var classOn = new Set(classBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-class"); }));
    var relationOn = new Set(relationBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-relation"); }));
    var lo = Number(yearFrom.value || DATA.years[0]), hi = Number(yearTo.value || DATA.years[1]);
    var yearActive = DATA.years.length && (lo > DATA.years[0] || hi < DATA.years[1] || !undated.checked);
    function inRange(years) {
      if (!years || !years.length) return undated.checked;
      return years.some(function (y) { return y >= lo && y <= hi; });
    }
    var hasEdge = new Set();
    visibleEdges.clear();
    DATA.edges.forEach(function (e, i) {
      var a = DATA.nodes[nodeIndex.get(e.from)], b = DATA.nodes[nodeIndex.get(e.to)];
      if (classOn.has(a.group) && classOn.has(b.group) && relationOn.has(e.relation) && (!yearActive || inRange(e.years))) {
        visibleEdges.add("e" + i);
        hasEdge.add(e.from); hasEdge.add(e.to);
      }
    });
    visibleNodes.clear();
    DATA.nodes.forEach(function (n) {
      if (!classOn.has(n.group)) return;
      if (yearActive && !hasEdge.has(n.id) && !(n.year !== undefined && n.year >= lo && n.year <= hi)) return;
      visibleNodes.add(n.id);
    });
    clearHighlight();
    nodeView.refresh();
    edgeView.refresh();
    status.textContent = visibleNodes.size + " of " + DATA.nodes.length + " nodes, " + visibleEdges.size + " of " + DATA.edges.length + " relations shown";
  }
  classBoxes.concat(relationBoxes, [undated]).forEach(function (b) { b.addEventListener("change", applyFilters); });
  [yearFrom, yearTo].forEach(function (b) { b.addEventListener("change", applyFilters); });
  api.applyFilters = applyFilters;
})();
