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

Ids are compared as they are, because an id is what the graph links on. Where a
false entity and a missed one name the same words of the text with the same type
(an agreement the extractor named after its parties, a ministry named after its
state), the evaluation lists the pair as *the same mention under another id*, with
the false relations that differ from missed ones only by those ids: a diagnosis for
the reader, not a change of the scores.
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
    # (proposed id, curated id, type, sentence): a false and a missed entity at the same words, of the same type
    other_ids: list[tuple[str, str, str, str]] = field(default_factory=list)
    # false relations that are missed ones once those ids are read as the same
    other_id_relations: list[tuple[tuple[str, str, str], tuple[str, str, str]]] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "document": self.document,
            "entities": _figures(self.entities),
            "relations": _figures(self.relations),
            "entities per type": {k: _figures(v) for k, v in sorted(self.entity_types.items())},
            "relations per type": {k: _figures(v) for k, v in sorted(self.relation_types.items())},
            "same mention, another id": [{"proposed": p, "curated": g, "type": t} for p, g, t, _ in self.other_ids],
            "relations differing only by those ids": len(self.other_id_relations),
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
    _other_ids(result, proposed, gold, document, prop_e, gold_e, prop_r, gold_r, symmetric)
    return result


def _other_ids(result: Evaluation, proposed: Annotation, gold: Annotation, document: Document, prop_e: dict,
               gold_e: dict, prop_r: dict, gold_r: dict, symmetric) -> None:
    """Pair each false entity with a missed one of the same type whose quoted words overlap its own (one to one,
    in text order), and list the false relations that such pairs turn into missed ones."""
    missed = {e.id: e for e in gold.entities if e.id not in prop_e or prop_e[e.id] != gold_e[e.id]}
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for e in sorted(proposed.entities, key=lambda e: (e.span.start if e.span else -1, e.id)):
        if e.id in gold_e and gold_e[e.id] == prop_e[e.id] or e.span is None:
            continue
        for g in sorted(missed.values(), key=lambda g: (g.span.start if g.span else -1, g.id)):
            if g.id in taken or g.span is None or gold_e[g.id] != prop_e[e.id]:
                continue
            if g.span.start < e.span.end and e.span.start < g.span.end:
                taken.add(g.id)
                mapping[e.id] = g.id
                result.other_ids.append((e.id, g.id, prop_e[e.id], _sentence(document, e)))
                break
    if not mapping:
        return
    for key in prop_r:
        if key in gold_r:
            continue
        s, p, o = mapping.get(key[0], key[0]), key[1], mapping.get(key[2], key[2])
        mapped = (min(s, o), p, max(s, o)) if p in symmetric else (s, p, o)
        if mapped != key and mapped in gold_r and mapped not in prop_r:
            result.other_id_relations.append((key, mapped))


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
        if ev.other_ids:
            lines.append(f"The same mention under another id ({len(ev.other_ids)}; counted above as false and missed):")
            lines += [f"  {p} -> {g} ({t}): {s[:120]}" for p, g, t, s in ev.other_ids[:limit]]
            if ev.other_id_relations:
                lines.append(f"  so {len(ev.other_id_relations)} false relation(s) differ from missed ones only by those ids:")
                lines += [f"    {' '.join(k)} = {' '.join(m)}" for k, m in ev.other_id_relations[:limit]]
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
