"""The HTML network view without a browser: self-contained, escaped, deterministic, and its CLI."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import assert_one_line_error, run_cli

SCRIPT_PAYLOAD = "<script>window.__xss=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__xss=1">'
USER_LINK = re.compile(r"^https?://")


def hostile_corpus(folder: Path) -> Path:
    """A one-document corpus whose title, author, URL, labels, aliases and quotes carry script payloads."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (
        f"The firm {SCRIPT_PAYLOAD} Mining signed a partnership with Evil {IMG_PAYLOAD} Corp in 2023. "
        f"Officials said \"{IMG_PAYLOAD} is the future\" at the time.\n"
    )
    (folder / "hostile.txt").write_text(text, encoding="utf-8")
    (folder / "hostile.meta.yaml").write_text(
        "title: '" + SCRIPT_PAYLOAD + " Report'\n"
        "authors: ['" + IMG_PAYLOAD + "']\n"
        "date: '2023'\n"
        "url: 'javascript:window.__xss=1'\n",
        encoding="utf-8",
    )
    (folder / "hostile.annotations.yaml").write_text(
        "document: hostile\n"
        "coder: test\n"
        "method: curated\n"
        "entities:\n"
        f"  - {{id: firm, type: Company, label: '{SCRIPT_PAYLOAD} Mining', quote: '{SCRIPT_PAYLOAD} Mining',"
        f" aliases: ['{SCRIPT_PAYLOAD}']}}\n"
        f"  - {{id: evil, type: Company, label: 'Evil {IMG_PAYLOAD} Corp', quote: 'Evil {IMG_PAYLOAD} Corp'}}\n"
        "relations:\n"
        "  - subject: firm\n"
        "    predicate: partnerOf\n"
        "    object: evil\n"
        "    date: 2023\n"
        f"    quote: 'The firm {SCRIPT_PAYLOAD} Mining signed a partnership with Evil {IMG_PAYLOAD} Corp in 2023.'\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def seed_page(seed_kg) -> str:
    from crmgraph.views.html import graph_html

    return graph_html(seed_kg)


@pytest.fixture()
def hostile_kg(tmp_path):
    from crmgraph.rdf.build import build_graph

    return build_graph(hostile_corpus(tmp_path / "hostile"), use_extractor=False)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def external_references(page: str) -> list[str]:
    """Every src=/href=/url()/@import in the page that reaches out to http(s) or a protocol-relative URL,
    except links (<a href>) that the user clicks."""
    found = []
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for name in ("src", "href", "srcset", "data", "action", "poster"):
            value = (attrs.get(name) or "").strip()
            if re.match(r"^(https?:)?//", value, re.I) and not (tag == "a" and name == "href"):
                found.append(f"<{tag} {name}={value}>")
    # also anywhere in the raw text, scripts and styles included
    for match in re.finditer(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I):
        start = page.rfind("<", 0, match.start())
        if not re.match(r"<a\s", page[start:start + 3], re.I):
            found.append(page[max(0, match.start() - 40):match.end() + 40])
    found += re.findall(r"""url\(\s*["']?\s*(?:https?:)?//[^)]*\)""", page, re.I)
    found += re.findall(r"""@import\s+[^;]*""", page, re.I)
    return found


def test_page_is_self_contained(seed_page):
    assert external_references(seed_page) == []
    assert "<link" not in seed_page.lower()
    assert not re.search(r"<script[^>]*\ssrc\s*=", seed_page, re.I)
    assert "cdnjs" not in seed_page and "jsdelivr" not in seed_page and "bootstrap.min" not in seed_page
    # vis-network is inlined, and only http(s) links the user clicks remain
    assert "vis-network" in seed_page and "new vis.Network" in seed_page
    parser = _Tags()
    parser.feed(seed_page)
    links = [attrs["href"] for tag, attrs in parser.tags if tag == "a" and "href" in attrs]
    assert all(USER_LINK.match(href) for href in links), links


def test_the_check_catches_an_external_script():
    bad = '<html><script src="https://cdn.example.org/vis.js"></script><link href="//x.org/a.css"></html>'
    assert len(external_references(bad)) >= 2
    assert external_references('<a href="https://www.wikidata.org/wiki/Q232">Q232</a>') == []


def test_csp_allows_only_the_pages_own_scripts(seed_page):
    import base64
    import hashlib

    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', seed_page).group(1)
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split(";")[1]
    scripts = re.findall(r"<script>(.*?)</script>", seed_page, re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_same_graph_gives_identical_bytes(seed_kg, seed_rdflib, seed_page, tmp_path):
    from crmgraph.views.html import graph_html

    assert graph_html(seed_kg) == seed_page
    assert graph_html(seed_rdflib) == seed_page  # the built graph and the parsed file draw the same
    ttl = tmp_path / "g.ttl"
    seed_rdflib.serialize(ttl, format="turtle")
    outs = [tmp_path / "a.html", tmp_path / "b.html"]
    for out in outs:
        result = run_cli("html", "--graph", str(ttl), "--out", str(out))
        assert result.returncode == 0, result.stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert outs[0].read_bytes() == seed_page.encode("utf-8")


def test_no_timestamp_or_path_in_the_page(seed_page, tmp_path):
    assert not re.search(r"\b20\d\d-\d\d-\d\dT\d\d:\d\d", seed_page.replace("2022-03-28T20:17:35.342Z", ""))
    assert str(tmp_path) not in seed_page


def test_document_text_is_escaped(hostile_kg):
    from crmgraph.views.html import _vis_assets, graph_html

    page = graph_html(hostile_kg)
    assert SCRIPT_PAYLOAD not in page and "<script>window" not in page
    assert "<img" not in page
    assert "javascript:" not in page.split("<script")[0]  # the header does not link the javascript: URL
    # the payload is there, as escaped data or text
    assert "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e" in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt; Report" in page
    # exactly three script elements: the data block, vis-network and the page's own script
    vis_js, _ = _vis_assets()
    assert "</script" not in vis_js.lower()
    assert len(re.findall(r"<script\b", page.replace(vis_js, ""), re.I)) == 3
    assert len(re.findall(r"</script", page, re.I)) == 3
    assert "sourceMappingURL" not in page


def test_script_json_escapes_closing_tags_and_comments():
    import json

    from crmgraph.views.html import _script_json

    text = _script_json({"a": "</script><!-- \u2028 & >"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 & >"}


def test_view_network_counts_and_evidence(seed_kg):
    from crmgraph.views.model import view_network

    net = view_network(seed_kg)
    assert net.number_of_nodes() > 0
    for _, _, data in net.edges(data=True):
        for fact in data["facts"]:
            assert fact["quote"] and fact["document"]
    facts = sum(len(d["facts"]) for _, _, d in net.edges(data=True))
    assert facts == seed_kg.summary()["facts"]
    actors = view_network(seed_kg, "actors")
    assert {d["group"] for _, d in actors.nodes(data=True)} <= {"State", "Region", "Organisation", "Person"}


def test_callers_network_is_not_changed(seed_kg):
    import copy

    from crmgraph.views.html import graph_html
    from crmgraph.views.model import view_network

    net = view_network(seed_kg)
    before = copy.deepcopy((list(net.nodes(data=True)), list(net.edges(keys=True, data=True)), net.graph))
    page = graph_html(net)
    assert (list(net.nodes(data=True)), list(net.edges(keys=True, data=True)), net.graph) == before
    assert page == graph_html(seed_kg)


def test_sizes_follow_the_measure(hostile_kg):
    import json

    from crmgraph.views.html import graph_html

    page = graph_html(hostile_kg, size_by="betweenness")
    data = json.loads(re.search(r'id="crmgraph-data">(.*?)</script>', page, re.S).group(1))
    assert data["sizeBy"] == "betweenness"
    assert all("betweenness" in n["measures"] for n in data["nodes"])


def test_notebook_display_is_an_escaped_srcdoc_iframe(hostile_kg):
    from crmgraph.views.html import NetworkView

    frame = NetworkView(hostile_kg)._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and 'sandbox="allow-scripts' in frame
    assert " src=" not in frame.split("srcdoc=")[0] and "<script" not in frame
    assert "file:" not in frame


def test_unknown_measure_and_projection(seed_kg):
    from crmgraph.errors import CrmgraphError
    from crmgraph.views.html import graph_html

    with pytest.raises(CrmgraphError, match="unknown measure 'nope'"):
        graph_html(seed_kg, size_by="nope")
    with pytest.raises(CrmgraphError, match="unknown projection"):
        graph_html(seed_kg, projection="nope")


def test_cli_errors_are_one_line(seed_graph_dir, tmp_path):
    ttl = str(seed_graph_dir / "crmgraph.ttl")
    assert_one_line_error(run_cli("html", "--graph", str(tmp_path / "missing.ttl"), "--out", str(tmp_path / "v.html")),
                          "missing.ttl", "does not exist")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<", encoding="utf-8")
    assert_one_line_error(run_cli("html", "--graph", str(bad), "--out", str(tmp_path / "v.html")), "bad.ttl")
    assert_one_line_error(run_cli("html", "--graph", ttl, "--size-by", "fame", "--out", str(tmp_path / "v.html")),
                          "unknown measure 'fame'")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert_one_line_error(run_cli("html", "--graph", ttl, "--out", str(blocker / "v.html")), "a-file")
    assert_one_line_error(run_cli("html", "--graph", ttl, "--out", str(tmp_path)), "is a folder")
    assert not (tmp_path / "v.html").exists()


def test_cli_writes_the_file(seed_graph_dir, tmp_path):
    out = tmp_path / "deep" / "view.html"
    result = run_cli("html", "--graph", str(seed_graph_dir / "crmgraph.ttl"), "--out", str(out),
                     "--projection", "actors", "--size-by", "in-degree", "--title", "Actors")
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<title>Actors</title>" in page and external_references(page) == []


def test_build_writes_the_view(seed_graph_dir):
    page = (seed_graph_dir / "crmgraph.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and external_references(page) == []


def test_every_listed_measure_sizes_the_nodes(seed_graph_dir, tmp_path):
    """Each measure offered by --size-by, including those of crmgraph.network, writes a view."""
    from crmgraph.sparql import load_graph
    from crmgraph.views.html import available_measures, write_html

    graph = load_graph(seed_graph_dir / "crmgraph.ttl")
    assert {"pagerank", "brokerage", "constraint"} <= set(available_measures())
    for name in available_measures():
        path = write_html(graph, tmp_path / f"{name}.html", size_by=name)
        assert f"node size: {available_measures()[name]}" in path.read_text(encoding="utf-8")
