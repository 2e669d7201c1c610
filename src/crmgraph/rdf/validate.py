"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

ONTOLOGY_IRI = URIRef("https://w3id.org/crmgraph/ontology")


@dataclass
class ValidationReport:
    """What SHACL found: ``conforms`` and one readable line per violation."""

    conforms: bool
    problems: list[str]

    def __str__(self) -> str:
        if self.conforms:
            return "The graph conforms to the shapes."
        return f"{len(self.problems)} violation(s) of the shapes:\n" + "\n".join(f"- {p}" for p in self.problems)


def _short(term) -> str:
    from crmgraph.rdf.serialize import format_term

    return format_term(term) if term is not None else "?"


def validate_graph(graph: Graph, shapes: Path | None = None) -> ValidationReport:
    """Validate ``graph`` (instance data) against the shapes, with the ontology mixed in.

    Examples
    --------
    >>> from crmgraph.rdf.build import build_graph
    >>> validate_graph(build_graph().to_rdflib()).conforms
    True
    """
    import pyshacl

    from crmgraph.resources import ontology_file, shapes_file

    shapes_graph = Graph().parse(shapes or shapes_file(), format="turtle")
    # The ontology is added to a copy of the data by hand: pyshacl's ont_graph mixes in
    # class and property axioms but not annotations such as crm:coreType, which the
    # shapes need.
    combined = Graph()
    combined += graph
    combined.parse(ontology_file(), format="turtle")
    conforms, results, _ = pyshacl.validate(
        combined,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if isinstance(results, Exception):
        from crmgraph.errors import CrmgraphError

        raise CrmgraphError(f"the shapes could not be applied: {' '.join(str(results).split())}")
    problems = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        if focus == ONTOLOGY_IRI:  # a whole-graph check: the message names the nodes
            problems.append(str(message))
            continue
        where = _short(focus) + (f" {_short(path)}" if path is not None else "")
        problems.append(f"{where}: {message}")
    return ValidationReport(conforms=bool(conforms), problems=sorted(problems))
