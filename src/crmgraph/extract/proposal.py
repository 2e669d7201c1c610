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

    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)
