"""Node positions computed in Python, with a fixed seed, so a view opens laid out and the same every time.

Small components use NetworkX's spring layout. Components of ``LARGE`` nodes or
more use a fast layout of our own in NumPy (NetworkX's spring layout needs SciPy
beyond 500 nodes, and is quadratic): pivot MDS (Brandes and Pich, 2006) for the
global shape, then a few force-directed steps with sampled long-range repulsion
and exact short-range repulsion between nodes that share a grid cell, to pull
neighbours together and push overlapping nodes apart. Components are then packed
in rows, largest first.
"""

from __future__ import annotations

import math

SEED = 7
LARGE = 400       # components from this size use the NumPy layout
EDGE_LENGTH = 90  # the typical distance between neighbours, in screen pixels


def layout_positions(graph, seed: int = SEED) -> dict:
    """Positions ``{node: (x, y)}`` in screen pixels for every node of ``graph``.

    Deterministic: the same graph (same nodes in the same order) and seed give the
    same positions.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = layout_positions(nx.path_graph(4))
    >>> sorted(pos) == [0, 1, 2, 3] and pos == layout_positions(nx.path_graph(4))
    True
    """
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    order = {node: i for i, node in enumerate(graph.nodes)}
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(simple)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    boxes = []
    for number, nodes in enumerate(components):
        sub = simple.subgraph(nodes) if len(components) > 1 else simple
        boxes.append(_component_layout(sub, nodes, seed + number))
    return _pack(boxes)


def _component_layout(sub, nodes: list, seed: int) -> dict:
    import networkx as nx

    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (float(EDGE_LENGTH), 0.0)}
    if n < LARGE:
        ordered = nx.Graph()
        ordered.add_nodes_from(nodes)
        ordered.add_edges_from(sub.edges())
        pos = nx.spring_layout(ordered, seed=seed, method="force", iterations=100)
        scale = EDGE_LENGTH * math.sqrt(n) * 0.9
        return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in pos.items()}
    return _large_layout(sub, nodes, seed)


def _large_layout(sub, nodes: list, seed: int, iterations: int = 60) -> dict:
    import numpy as np

    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in sub.edges()], dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges.tolist():
        neighbours[u].append(v)
        neighbours[v].append(u)
    pos = _pivot_mds(neighbours, rng)
    # Scale so that an edge is about one unit long, then refine.
    if len(edges):
        lengths = np.linalg.norm(pos[edges[:, 0]] - pos[edges[:, 1]], axis=1)
        pos /= max(float(np.median(lengths)), 1e-9)
    pos += rng.normal(scale=0.05, size=pos.shape)
    k = 1.0
    sample = min(n, 160)
    temperature = 2.0
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        # long range: repulsion from a random sample of nodes, rescaled to the whole
        pivots = rng.choice(n, size=sample, replace=False)
        dx = pos[:, 0, None] - pos[None, pivots, 0]
        dy = pos[:, 1, None] - pos[None, pivots, 1]
        inverse = (k * k * n / sample) / np.maximum(dx * dx + dy * dy, 0.01)
        disp[:, 0] += (dx * inverse).sum(axis=1)
        disp[:, 1] += (dy * inverse).sum(axis=1)
        # short range: exact repulsion between nodes sharing a grid cell (two offset grids)
        for shift in (0.0, 0.5):
            disp += _cell_repulsion(pos, k, shift)
        # attraction along edges
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt((d**2).sum(axis=1))[:, None]
            force = d * dist / k
            np.add.at(disp, edges[:, 0], -force)
            np.add.at(disp, edges[:, 1], force)
        # a little gravity keeps loose parts near the centre
        disp -= pos * 0.05
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)[:, None]
        pos += disp / length * np.minimum(length, temperature)
        temperature = max(0.05, temperature * 0.93)
    pos -= pos.mean(axis=0)
    pos *= EDGE_LENGTH
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}


def _cell_repulsion(pos, k: float, shift: float):
    """Repulsion between nodes that fall in the same grid cell of side ``2k`` (sorted-neighbour trick)."""
    import numpy as np

    cell = np.floor(pos / (2 * k) + shift).astype(np.int64)
    key = cell[:, 0] * 1_000_003 + cell[:, 1]
    order = np.argsort(key, kind="stable")
    skey = key[order]
    disp = np.zeros_like(pos)
    for offset in range(1, 9):
        same = skey[offset:] == skey[:-offset]
        if not same.any():
            break
        i, j = order[offset:][same], order[:-offset][same]
        d = pos[i] - pos[j]
        dist2 = np.maximum((d**2).sum(axis=1), 0.01)[:, None]
        f = d * (k * k / dist2)
        np.add.at(disp, i, f)
        np.add.at(disp, j, -f)
    return disp


def _bfs(neighbours: list[list[int]], source: int) -> list[int]:
    distance = [-1] * len(neighbours)
    distance[source] = 0
    frontier = [source]
    level = 0
    while frontier:
        level += 1
        following = []
        for u in frontier:
            for v in neighbours[u]:
                if distance[v] < 0:
                    distance[v] = level
                    following.append(v)
        frontier = following
    return distance


def _pivot_mds(neighbours: list[list[int]], rng, pivots: int = 40):
    """Pivot MDS: classical scaling of the graph distances to a few far-apart pivot nodes (one component)."""
    import numpy as np

    n = len(neighbours)
    m = min(pivots, n)
    dist = np.zeros((n, m))
    source = 0
    nearest = np.full(n, np.inf)
    for j in range(m):
        column = np.array(_bfs(neighbours, source), dtype=float)
        dist[:, j] = column
        nearest = np.minimum(nearest, column)
        source = int(np.argmax(nearest))
    d2 = dist**2
    centred = -0.5 * (d2 - d2.mean(axis=0) - d2.mean(axis=1)[:, None] + d2.mean())
    _, vectors = np.linalg.eigh(centred.T @ centred)
    pos = centred @ vectors[:, ::-1][:, :2]
    # eigenvectors have arbitrary signs: fix them so the layout is reproducible everywhere
    for axis in range(2):
        if pos[int(np.argmax(np.abs(pos[:, axis]))), axis] < 0:
            pos[:, axis] *= -1
    return pos


def _pack(boxes: list[dict]) -> dict:
    """Place component layouts in rows, largest first, with a margin between them."""
    margin = EDGE_LENGTH
    if not boxes:
        return {}
    bounds = []
    for pos in boxes:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        bounds.append((min(xs), min(ys), max(xs), max(ys)))
    total = sum((b[2] - b[0] + margin) * (b[3] - b[1] + margin) for b in bounds)
    row_width = max(max(b[2] - b[0] for b in bounds) + margin, math.sqrt(total))
    result = {}
    x = y = 0.0
    row_height = 0.0
    for pos, (x0, y0, x1, y1) in zip(boxes, bounds):
        width, height = x1 - x0 + margin, y1 - y0 + margin
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in pos.items():
            result[node] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += width
        row_height = max(row_height, height)
    # centre the whole drawing on the origin
    cx = (min(p[0] for p in result.values()) + max(p[0] for p in result.values())) / 2
    cy = (min(p[1] for p in result.values()) + max(p[1] for p in result.values())) / 2
    return {node: (round(px - cx, 1), round(py - cy, 1)) for node, (px, py) in result.items()}
