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


#: ``round(x, 3)`` of the confidences already rounded (see :func:`rounded`)
_ROUNDED: dict[float, float] = {}


def rounded(confidence: float) -> float:
    """``round(confidence, 3)``, remembered: confidences are products of a few factors (a rule's, a hedge's, a
    back-reference's), so few values recur, and rounding a float to three decimals formats it in decimal, a costly
    step for every fact.

    >>> rounded(0.8 * 0.85), rounded(0.1 + 0.2)
    (0.68, 0.3)
    """
    found = _ROUNDED.get(confidence)
    if found is None:
        if len(_ROUNDED) > 10_000:  # (a bound, for texts of unusual factors)
            _ROUNDED.clear()
        found = _ROUNDED[confidence] = round(confidence, 3)
    return found
