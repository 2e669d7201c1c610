"""A proposed relation: what the extractor found, where, by which rule and how sure it is."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Proposal:
    """One proposed fact; ``start``/``end`` delimit the quote that supports it."""

    subject: str
    predicate: str
    object: str
    start: int
    end: int
    rule: str
    confidence: float
    needs_review: bool = False
    date: str | None = None
    place: str | None = None
    concerns: list[str] = field(default_factory=list)
    citation: list[str] = field(default_factory=list)
    according_to: str | None = None

    # written out, not generated: compiled, this __init__ is native code; the generated one stays interpreted
    def __init__(self, subject: str, predicate: str, object: str, start: int, end: int, rule: str, confidence: float,
                 needs_review: bool = False, date: str | None = None, place: str | None = None,
                 concerns: list[str] | None = None, citation: list[str] | None = None,
                 according_to: str | None = None) -> None:
        self.subject, self.predicate, self.object, self.start, self.end = subject, predicate, object, start, end
        self.rule, self.confidence, self.needs_review, self.date, self.place = rule, confidence, needs_review, date, place
        self.concerns = [] if concerns is None else concerns
        self.citation = [] if citation is None else citation
        self.according_to = according_to

    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)
