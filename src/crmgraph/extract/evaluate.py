"""Compare the extractor's proposals with a curated annotation: precision, recall and F1.

Matching, by design:

* an **entity** is its id (its IRI) and its core type; a proposal counts as correct
  when the curated annotation has the same id with the same type (minerals take
  their type from the vocabulary). Scores are given per type of the curated
  annotation (recall) and of the proposal (precision);
* a **relation** is its triple (subject, property, object); the ontology's
  symmetric properties (partnerOf, cooperatesWith, tradePartnerOf, rivalOf,
  meetsWith, jointProductionWith) match in either direction. Each distinct triple
  counts once, however many sentences state it; qualifiers (date, place,
  concerns) are not scored.

Statements are not scored. The curated annotation is only read, never changed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from crmgraph.annotations import Annotation, load_annotation, locate_quotes
from crmgraph.corpus import Document, load_document
from crmgraph.errors import CrmgraphError
from crmgraph.ontology import load_ontology


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    document: str
    entities: Score
    relations: Score
    entity_types: dict[str, Score]
    relation_types: dict[str, Score]
    missed_entities: list[tuple[str, str, str]] = field(default_factory=list)  # (id, type, sentence)
    false_entities: list[tuple[str, str, str]] = field(default_factory=list)
    missed_relations: list[tuple[tuple[str, str, str], str]] = field(default_factory=list)
    false_relations: list[tuple[tuple[str, str, str], str]] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "document": self.document,
            "entities": _figures(self.entities),
            "relations": _figures(self.relations),
            "entities per type": {k: _figures(v) for k, v in sorted(self.entity_types.items())},
            "relations per type": {k: _figures(v) for k, v in sorted(self.relation_types.items())},
        }


def _figures(s: Score) -> dict:
    return {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
            "tp": s.tp, "fp": s.fp, "fn": s.fn}


def _vocabulary_types() -> dict[str, str]:
    from crmgraph.extract.gazetteer import load_gazetteer

    return {k: "Mineral" for k, e in load_gazetteer().entries.items() if e.vocabulary}


def evaluate(proposed: Annotation, gold: Annotation, document: Document) -> Evaluation:
    """Score ``proposed`` against ``gold`` (both annotations of ``document``).

    Examples
    --------
    >>> from crmgraph.annotations import Entity
    >>> doc = Document.from_text("d", "Kazakhstan.")
    >>> gold = Annotation("d", entities=[Entity("kazakhstan", "State", "Kazakhstan", quote="Kazakhstan")])
    >>> evaluate(gold, gold, doc).entities.f1
    1.0
    """
    vocabulary = _vocabulary_types()
    symmetric = load_ontology().symmetric_properties

    def typed(annotation: Annotation) -> dict[str, str]:
        return {e.id: (e.type or vocabulary.get(e.id) or "?") for e in annotation.entities}

    def triples(annotation: Annotation) -> dict[tuple, object]:
        out = {}
        for r in annotation.relations:
            key = (r.subject, r.predicate, r.object)
            if r.predicate in symmetric:
                key = (min(r.subject, r.object), r.predicate, max(r.subject, r.object))
            out.setdefault(key, r)
        return out

    gold_e, prop_e = typed(gold), typed(proposed)
    result = Evaluation(document.id, Score(), Score(), defaultdict(Score), defaultdict(Score))
    for entity_id, entity_type in gold_e.items():
        if prop_e.get(entity_id) == entity_type:
            result.entities.tp += 1
            result.entity_types[entity_type].tp += 1
        else:
            result.entities.fn += 1
            result.entity_types[entity_type].fn += 1
            result.missed_entities.append((entity_id, entity_type, _sentence_of(gold, document, entity_id)))
    for entity_id, entity_type in prop_e.items():
        if gold_e.get(entity_id) != entity_type:
            result.entities.fp += 1
            result.entity_types[entity_type].fp += 1
            result.false_entities.append((entity_id, entity_type, _sentence_of(proposed, document, entity_id)))
    gold_r, prop_r = triples(gold), triples(proposed)
    for key, relation in gold_r.items():
        if key in prop_r:
            result.relations.tp += 1
            result.relation_types[key[1]].tp += 1
        else:
            result.relations.fn += 1
            result.relation_types[key[1]].fn += 1
            result.missed_relations.append((key, _sentence(document, relation)))
    for key, relation in prop_r.items():
        if key not in gold_r:
            result.relations.fp += 1
            result.relation_types[key[1]].fp += 1
            result.false_relations.append((key, _sentence(document, relation)))
    result.entity_types = dict(result.entity_types)
    result.relation_types = dict(result.relation_types)
    return result


def _sentence(document: Document, item) -> str:
    span = getattr(item, "span", None)
    if span is None:
        return (getattr(item, "quote", "") or "")[:200]
    sentence = document.sentence_at(span.start)
    return " ".join((sentence.text if sentence else item.quote).split())[:240]


def _sentence_of(annotation: Annotation, document: Document, entity_id: str) -> str:
    for e in annotation.entities:
        if e.id == entity_id:
            return _sentence(document, e)
    return ""


def evaluate_files(document_path: Path, gold_path: Path | None = None, min_confidence: float | None = None) -> Evaluation:
    """Run the extractor on a text and score it against its curated annotation (``<id>.annotations.yaml`` beside it).

    The curated annotation is set aside: the extractor never sees it.
    """
    from crmgraph.extract import DEFAULT_MIN_CONFIDENCE, extract

    document = load_document(Path(document_path))
    gold_path = Path(gold_path) if gold_path else document.annotation_path
    if gold_path is None or not Path(gold_path).exists():
        raise CrmgraphError(f"{document_path}: no curated annotation to compare with (give one with --gold)")
    gold = locate_quotes(load_annotation(gold_path, load_ontology()), document)
    proposed = extract(document, min_confidence=DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence)
    return evaluate(proposed, gold, document)


def format_evaluation(ev: Evaluation, details: bool = True, limit: int = 60) -> str:
    """The evaluation as text: overall and per-type figures, then misses and false alarms with their sentences."""
    lines = [f"{ev.document}"]

    def row(name: str, s: Score) -> str:
        return f"  {name:<30} P {s.precision:5.2f}  R {s.recall:5.2f}  F1 {s.f1:5.2f}   (tp {s.tp}, fp {s.fp}, fn {s.fn})"

    lines.append(row("ENTITIES", ev.entities))
    lines += [row("  " + k, v) for k, v in sorted(ev.entity_types.items())]
    lines.append(row("RELATIONS", ev.relations))
    lines += [row("  " + k, v) for k, v in sorted(ev.relation_types.items())]
    if details:
        for title, items in (("Missed entities", ev.missed_entities), ("False entities", ev.false_entities)):
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  {i} ({t}): {s[:160]}" for i, t, s in items[:limit]]
        for title, items in (("Missed relations", ev.missed_relations), ("False relations", ev.false_relations)):
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  {' '.join(k)}: {s[:160]}" for k, s in items[:limit]]
    return "\n".join(lines)


def format_table(evaluations: list[Evaluation]) -> str:
    """One line per document (entity and relation precision, recall, F1), then all documents pooled.

    Examples
    --------
    >>> ev = Evaluation("memo", Score(9, 1, 1), Score(7, 1, 3), {}, {})
    >>> print(format_table([ev]))
    document                                  entities P / R / F1    relations P / R / F1
    memo                                      0.90 / 0.90 / 0.90     0.88 / 0.70 / 0.78
    all (pooled)                              0.90 / 0.90 / 0.90     0.88 / 0.70 / 0.78
    """
    def cell(sc: Score) -> str:
        return f"{sc.precision:.2f} / {sc.recall:.2f} / {sc.f1:.2f}"

    lines = [f"{'document':<42}{'entities P / R / F1':<23}{'relations P / R / F1'}"]
    pooled_e, pooled_r = Score(), Score()
    for ev in evaluations:
        lines.append(f"{ev.document[:41]:<42}{cell(ev.entities):<23}{cell(ev.relations)}")
        for pooled, sc in ((pooled_e, ev.entities), (pooled_r, ev.relations)):
            pooled.tp += sc.tp
            pooled.fp += sc.fp
            pooled.fn += sc.fn
    lines.append(f"{'all (pooled)':<42}{cell(pooled_e):<23}{cell(pooled_r)}")
    return "\n".join(lines)
