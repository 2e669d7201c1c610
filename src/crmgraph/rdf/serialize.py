"""Deterministic Turtle, TriG and N-Triples.

rdflib's serialisers order some things by store iteration, so the same graph can
come out in a different order; ours sort everything, so the same graph always
gives the same bytes and a diff of ``graph/`` shows what changed in the knowledge.
Blank nodes are not supported: crmgraph names every node.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.namespace import XSD

from crmgraph.ontology import PREFIXES

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$|^[0-9][A-Za-z0-9_-]*$")
_PREFIXES_LONGEST_FIRST = sorted(((str(ns), name) for name, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def escape_string(text: str) -> str:
    """Escape text for a quoted literal in Turtle, N-Triples or SPARQL (quotes, backslashes, controls)."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _iri(term: URIRef, prefixed: bool) -> str:
    value = str(term)
    if prefixed:
        for namespace, name in _PREFIXES_LONGEST_FIRST:
            if value.startswith(namespace) and _LOCAL_NAME.match(value[len(namespace) :]):
                return f"{name}:{value[len(namespace):]}"
    return "<" + value.replace(">", "%3E").replace(" ", "%20") + ">"


def format_term(term, prefixed: bool = True) -> str:
    """One RDF term in Turtle (``prefixed``) or N-Triples syntax."""
    if isinstance(term, BNode):
        raise ValueError("crmgraph graphs have no blank nodes")
    if isinstance(term, URIRef):
        return _iri(term, prefixed)
    lexical = f'"{escape_string(str(term))}"'
    if term.language:
        return f"{lexical}@{term.language}"
    datatype = term.datatype
    if prefixed and datatype in (XSD.integer, XSD.boolean) and re.fullmatch(r"-?\d+|true|false", str(term)):
        return str(term)
    if datatype is None or datatype == XSD.string:
        return lexical
    return f"{lexical}^^{_iri(datatype, prefixed)}"


def _sort_key(term) -> tuple:
    return (0 if isinstance(term, URIRef) else 1, format_term(term, prefixed=False))


def _used_prefixes(triples: list[Triple]) -> list[str]:
    text = "\n".join(format_term(t) for triple in triples for t in triple)
    used = {name for name in PREFIXES if re.search(rf"(?:^|[\s(]){re.escape(name)}:", "\n" + text)}
    used |= {name for name in PREFIXES if f"^^{name}:" in text}
    return sorted(used)


def _turtle_body(triples: list[Triple], indent: str = "") -> list[str]:
    by_subject: dict = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        by_subject[s][p].add(o)
    lines: list[str] = []
    for subject in sorted(by_subject, key=_sort_key):
        predicates = by_subject[subject]
        order = sorted(predicates, key=lambda p: (p != RDF.type, format_term(p, prefixed=False)))
        parts = []
        for predicate in order:
            name = "a" if predicate == RDF.type else format_term(predicate)
            objects = ", ".join(format_term(o) for o in sorted(predicates[predicate], key=_sort_key))
            parts.append(f"{name} {objects}")
        lines.append(f"{indent}{format_term(subject)} " + f" ;\n{indent}    ".join(parts) + " .")
        lines.append("")
    return lines


def _header(prefix_names: Iterable[str], comment: str | None) -> list[str]:
    lines = [f"# {line}" if line else "#" for line in (comment or "").splitlines()]
    lines += [f"@prefix {name}: <{PREFIXES[name]}> ." for name in prefix_names]
    return lines + [""]


def to_turtle(triples: Iterable[Triple], comment: str | None = None) -> str:
    """Sorted Turtle: subjects in order, ``a`` first, then predicates and objects in order."""
    triples = list(triples)
    lines = _header(_used_prefixes(triples), comment) + _turtle_body(triples)
    return "\n".join(lines).rstrip("\n") + "\n"


def to_trig(graphs: dict[URIRef, list[Triple]], comment: str | None = None) -> str:
    """Sorted TriG with one block per named graph."""
    everything = [t for triples in graphs.values() for t in triples]
    lines = _header(_used_prefixes(everything + [(g, g, g) for g in graphs]), comment)
    for name in sorted(graphs, key=_sort_key):
        lines.append(f"{format_term(name)} {{")
        lines += _turtle_body(graphs[name], indent="    ")
        if lines[-1] == "":
            lines.pop()
        lines.append("}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_ntriples(triples: Iterable[Triple]) -> str:
    """Sorted N-Triples, one triple a line: the easiest form to diff."""
    lines = {" ".join(format_term(t, prefixed=False) for t in triple) + " ." for triple in triples}
    return "".join(line + "\n" for line in sorted(lines))
