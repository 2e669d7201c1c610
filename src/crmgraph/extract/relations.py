"""Relations from the rules of ``lexicon/relations.yaml`` and a few structural patterns.

For each sentence that names at least two entities, every rule whose trigger occurs
in it looks for its subject before the trigger (the nearest fitting entity that is
not the object of a preposition) and its objects after it (the first fitting entity
and those coordinated with it), within the clause. Hedges (``may``, ``plans``) lower
the confidence and flag the fact for review; a negation lowers it below the build
threshold. Minerals and topics of the clause become ``concerns``; a date and a
place in the sentence qualify the fact.

Structural patterns: ``U.S.-based X`` (basedIn), ``X, City, State`` after an
organisation (basedIn), ``a researcher at X`` (affiliatedWith), ``the EU's Global
Gateway`` (organisedBy), ``Forum in City`` (heldIn), ``Central Asian countries like
Uzbekistan`` (partOfRegion), ``according to X`` (according_to).
"""

from __future__ import annotations

import re

from crmgraph.extract.dates import find_date
from crmgraph.extract.gazetteer import Lexicon, expand_classes
from crmgraph.extract.proposal import Proposal
from crmgraph.extract.recognise import EVENT_TYPES, Mention, Recognition

PREPOSITIONS = {"in", "of", "with", "to", "for", "from", "by", "on", "at", "into", "about", "between", "than", "over",
                "against", "across", "within", "like", "as"}
CONCERN_PREDICATES = True


_COMPILED: dict[int, list[dict]] = {}


def _rules(lex: Lexicon) -> list[dict]:
    """The relation rules of the lexicon with their triggers compiled (once per lexicon)."""
    rules = _COMPILED.get(id(lex))
    if rules is None:
        rules = []
        for rule in lex.relations:
            rule = dict(rule)
            rule["regex"] = re.compile(r"\b(?:" + rule["trigger"] + r")\b", re.IGNORECASE)
            rule["subject_set"] = expand_classes(rule.get("subject"))
            rule["object_set"] = expand_classes(rule.get("object"))
            rules.append(rule)
        _COMPILED[id(lex)] = rules
    return rules


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.lower())


class SentenceView:
    """The mentions of one sentence, in order, with what precedes each."""

    def __init__(self, rec: Recognition, start: int, end: int, mentions: list[Mention]):
        self.rec, self.start, self.end = rec, start, end
        self.text = rec.text[start:end]
        self.mentions = mentions

    def governed(self, m: Mention) -> bool:
        """True when a preposition (or a coordination after one) governs the mention."""
        before = self.rec.text[max(self.start, m.start - 30):m.start]
        words = _words(before)
        if not words:
            return False
        if words[-1] in PREPOSITIONS:
            return True
        if words[-1] in ("and", "or") or before.rstrip().endswith(","):
            earlier = [x for x in self.mentions if x.end <= m.start and x.end >= m.start - 40]
            if earlier:
                return self.governed(earlier[-1])
        if words[-1] == "the" and len(words) > 1 and words[-2] in PREPOSITIONS:
            return True
        return False


def _clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    left = max(text.rfind(";", lo, start), text.rfind(":", lo, start), text.rfind("“", lo, start), text.rfind("”", lo, start))
    right_candidates = [p for p in (text.find(";", end, hi), text.find(":", end, hi), text.find("“", end, hi)) if p != -1]
    right = min(right_candidates) if right_candidates else hi
    return (left + 1 if left >= lo else lo), right


def _coordinated(rec: Recognition, first: Mention, after: list[Mention], allowed, limit: int) -> list[Mention]:
    out = [first]
    last = first
    for m in after:
        if m.start <= last.end or m.start > limit:
            continue
        gap = rec.text[last.end:m.start]
        if re.fullmatch(r",?\s*(?:and|or|&)?\s*(?:with\s+)?(?:the\s+)?", gap) and (m.type in allowed):
            out.append(m)
            last = m
        else:
            break
    return out


def _hedge(lex: Lexicon, text: str) -> tuple[float, bool]:
    words = set(_words(text))
    if words & lex.negations:
        return 0.3, True
    if words & lex.hedges:
        return 0.6, True
    return 1.0, False


def sentence_relations(rec: Recognition, view: SentenceView, citation_index: dict, citations_in) -> list[Proposal]:
    lex, text = rec.lex, rec.text
    args = [m for m in view.mentions if not m.nested and m.kind not in ("definition",)]
    if len(args) < 2 and not any(m.kind == "pair" for m in args):
        return []
    out: list[Proposal] = []
    date = find_date(view.text)
    places = [m for m in args if m.type == "Place"]
    cites = citations_in(view.text, citation_index) if citation_index else []
    present = {m.type for m in args}
    if any(m.kind == "pair" for m in args):
        present |= {"State", "Region", "IntergovernmentalOrganisation", "Leader"}
    for rule in _rules(lex):
        if not (rule["subject_set"] & present) or (rule["object_set"] and not rule["object_set"] & present
                                                   and rule.get("mode") not in ("assist", "passive-adopt")):
            continue
        if rule.get("mode") in ("assist", "passive-adopt") and not (rule["subject_set"] | rule["object_set"]) & present:
            continue
        for trig in rule["regex"].finditer(view.text):
            t0, t1 = view.start + trig.start(), view.start + trig.end()
            c0, c1 = _clause_bounds(text, t0, t1, view.start, view.end)
            before = [m for m in args if c0 <= m.start and m.end <= t0]
            after = [m for m in args if t1 <= m.start and m.end <= c1]
            mode = rule.get("mode", "after")
            pairs: list[tuple[str, str, Mention, Mention]] = []
            subj_ok, obj_ok = rule["subject_set"], rule["object_set"]
            if mode in ("between",):
                fitting = [m for m in after if m.type in obj_ok][:2]
                if len(fitting) == 2 and fitting[0].entity != fitting[1].entity:
                    pairs.append((fitting[0].entity, fitting[1].entity, fitting[0], fitting[1]))
            elif mode == "pair":
                close = [m for m in before if m.end >= t0 - 12 and m.type in subj_ok]
                if len(close) >= 2 and re.fullmatch(r"\s*-\s*", text[close[-2].end:close[-1].start]):
                    pairs.append((close[-2].entity, close[-1].entity, close[-2], close[-1]))
            elif mode in ("before", "signed-by"):
                subjects = [m for m in after if m.type in subj_ok]
                objects = [m for m in before if m.type in obj_ok] or [m for m in after if m.type in obj_ok]
                if subjects and objects:
                    obj = objects[-1] if objects[-1].end <= t0 else objects[0]
                    for s in _coordinated(rec, subjects[0], subjects[1:], subj_ok, c1):
                        pairs.append((s.entity, obj.entity, s, obj))
            elif mode == "subject-list":
                subjects = [m for m in before if (m.type in subj_ok or m.kind == "pair") and not view.governed(m)]
                objs = [m for m in after if m.type in obj_ok][:1]
                for s in subjects[-int(rule.get("max_subjects", 3)):]:
                    members = s.members if s.kind == "pair" else (s.entity,)
                    if objs:
                        for member in members:
                            pairs.append((member, objs[0].entity, s, objs[0]))
                    elif not obj_ok and len(members) == 2:
                        pairs.append((members[0], members[1], s, s))
                if not obj_ok:
                    coordinated = [m for m in subjects if m.kind != "pair"]
                    if len(coordinated) >= 2:
                        pairs.append((coordinated[0].entity, coordinated[1].entity, coordinated[0], coordinated[1]))
            elif mode == "passive-adopt":
                objects = [m for m in before if m.type in obj_ok]
                if objects:
                    owner = _context_actor(rec, view.start, subj_ok)
                    if owner:
                        pairs.append((owner, objects[-1].entity, objects[-1], objects[-1]))
            elif mode == "assist":
                objs = [m for m in before + after if m.type in subj_ok and m.type in expand_classes(["organisation"])]
                owner = _context_actor(rec, view.start, obj_ok)
                if objs and owner and objs[0].entity != owner:
                    pairs.append((objs[0].entity, owner, objs[0], objs[0]))
            elif mode == "during":
                objs = [m for m in after if m.type in obj_ok][:1]
                subjects = [m for m in args if m.type in subj_ok]
                if objs and subjects:
                    pairs.append((subjects[0].entity, objs[0].entity, subjects[0], objs[0]))
            elif mode == "role":
                subjects = [m for m in after if m.type in subj_ok][:1]
                if subjects and re.search(r"infrastructure", view.text[trig.end():], re.I):
                    objs = [m for m in after if m.type in obj_ok and m.start > subjects[0].end][:1]
                    if objs:
                        pairs.append((subjects[0].entity, objs[0].entity, subjects[0], objs[0]))
            else:
                subjects = [m for m in before if (m.type in subj_ok or m.kind == "pair") and not view.governed(m)]
                if not subjects:
                    subjects = [m for m in before if m.type in subj_ok and m.kind != "demonym"][-1:]
                objects = [m for m in after if m.type in obj_ok]
                if subjects and objects:
                    s = subjects[-1] if subjects[-1].kind != "pair" else subjects[-1]
                    subject_ids = s.members if s.kind == "pair" else (s.entity,)
                    for o in _coordinated(rec, objects[0], objects[1:], obj_ok, c1):
                        for sid in subject_ids:
                            pairs.append((sid, o.entity, s, o))
            if not pairs:
                continue
            factor, review = _hedge(lex, text[c0:c1])
            concerns = []
            if rule.get("concerns"):
                concerns = [m.entity for m in args if m.type in ("Mineral", "Topic") and c0 <= m.start < c1]
            for sid, oid, sm, om in pairs:
                if sid == oid:
                    continue
                place = None
                if rule["predicate"] in ("meetsWith", "partyTo", "visits", "participatesIn", "speaksAt") and places:
                    place = places[0].entity
                conf = rule.get("confidence", 0.7) * factor
                if sm.kind in ("backref", "pair") or om.kind in ("backref", "pair"):
                    conf *= 0.85
                if sm.kind == "demonym" or om.kind == "demonym":
                    conf *= 0.8
                out.append(Proposal(sid, rule["predicate"], oid, view.start, view.end, rule["rule"], round(conf, 3),
                                    needs_review=review or conf < 0.6, date=date, place=place,
                                    concerns=[c for c in concerns if c not in (sid, oid)], citation=list(cites)))
    return out


def _context_actor(rec: Recognition, offset: int, allowed) -> str | None:
    """The state a quoted speaker speaks for: the holder of the speaker's office, or the last polity named."""
    for m in reversed([m for m in rec.mentions if m.end <= offset and not m.nested][-40:]):
        if m.type in allowed and m.kind != "demonym":
            return m.entity
    return None


# --- structural patterns -------------------------------------------------------------------------


def structural(rec: Recognition, view: SentenceView) -> list[Proposal]:
    text = rec.text
    args = [m for m in view.mentions if not m.nested and m.kind not in ("backref", "pair", "definition")]
    out: list[Proposal] = []
    orgs = expand_classes(["organisation"])
    for i, m in enumerate(args):
        nxt = args[i + 1] if i + 1 < len(args) else None
        tail = text[m.end:m.end + 8]
        # "U.S.-based International Tax and Investment Center"
        if m.type in ("State", "Place") and re.match(r"-based\s", tail) and nxt is not None and nxt.type in orgs | EVENT_TYPES:
            if nxt.start - m.end <= 8:
                out.append(Proposal(nxt.entity, "basedIn", m.entity, m.start, nxt.end, "x-based-organisation", 0.85))
        # "Maqsut Narikbayev University, Astana, Kazakhstan" and "the Steppe Policy Institute in Almaty"
        if m.type in orgs and nxt is not None and nxt.type in ("Place", "State"):
            gap = text[m.end:nxt.start]
            if gap in (", ", " in "):
                targets = [nxt]
                third = args[i + 2] if i + 2 < len(args) else None
                if third is not None and third.type == "State" and text[nxt.end:third.start] == ", ":
                    targets.append(third)
                for t in targets:
                    out.append(Proposal(m.entity, "basedIn", t.entity, m.start, targets[-1].end, "organisation-location",
                                        0.75 if gap == ", " else 0.7))
        # events: "Forum in Tashkent", "Summit in Xi’an"; names that contain a place: "Tashkent Investors Forum"
        if m.type in EVENT_TYPES:
            if nxt is not None and nxt.type in ("Place", "State") and re.fullmatch(r"(?:\s[a-z]+){0,3}\sin\s", text[m.end:nxt.start]):
                targets = [nxt]
                third = args[i + 2] if i + 2 < len(args) else None
                if third is not None and third.type == "State" and text[nxt.end:third.start] == ", ":
                    targets.append(third)
                for target in targets:
                    out.append(Proposal(m.entity, "heldIn", target.entity, m.start, targets[-1].end, "event-in-place", 0.8,
                                        date=find_date(view.text)))
            inner = [x for x in rec.mentions if x.nested and m.start <= x.start and x.end <= m.end and x.type == "Place"]
            for x in inner[:1]:
                out.append(Proposal(m.entity, "heldIn", x.entity, m.start, m.end, "event-name-place", 0.65,
                                    needs_review=True))
        # "the European Union’s Global Gateway"
        if m.type in ("State", "Region", "IntergovernmentalOrganisation", "GovernmentBody") and nxt is not None and \
                nxt.type in ("Initiative", "Dialogue", "Law") and text[m.end:nxt.start] in ("’s ", "'s "):
            out.append(Proposal(nxt.entity, "organisedBy", m.entity, m.start, nxt.end, "possessive-initiative", 0.75))
        # "Central Asian countries like Uzbekistan", "… countries, notably with Kazakhstan"
        if m.type == "Region" and m.kind in ("demonym", "name"):
            after = text[m.end:m.end + 60]
            cue = re.match(r"\s(?:countries|states|nations|republics)(?:’|')?,?\s(?:like|such as|including|notably|notably with|especially)\s", after)
            if cue and nxt is not None and nxt.type == "State" and nxt.start == m.end + cue.end():
                out.append(Proposal(nxt.entity, "partOfRegion", m.entity, m.start, nxt.end, "region-countries-like", 0.75))
            elif nxt is not None and nxt.type == "State" and re.search(r"\s(?:countries|states)\b", after[:12]):
                gap = text[m.end:nxt.start]
                if re.search(r"\b(?:like|such as|including|notably)\b", gap) and len(gap) < 40:
                    out.append(Proposal(nxt.entity, "partOfRegion", m.entity, m.start, nxt.end, "region-countries-like", 0.7))
    # "a researcher at the Steppe Policy Institute", "Professor of International Relations at Maqsut Narikbayev University"
    for match in _roles_regex(rec.lex).finditer(view.text):
        at = view.start + match.end()
        org = next((m for m in args if m.start == at and m.type in orgs), None)
        if org is None:
            continue
        people = [m for m in rec.mentions if m.type in ("Person", "Leader") and m.end <= view.start + match.start()
                  and not m.nested and m.kind not in ("definition",)]
        if people:
            person = people[-1]
            out.append(Proposal(person.entity, "affiliatedWith", org.entity, min(person.start, view.start + match.start())
                                if person.start >= view.start else view.start + match.start(), org.end,
                                "role-at-organisation", 0.75))
    return out


_ROLES: dict[int, re.Pattern] = {}


def _roles_regex(lex: Lexicon) -> re.Pattern:
    pattern = _ROLES.get(id(lex))
    if pattern is None:
        roles = "|".join(re.escape(r) for r in sorted(lex.roles))
        pattern = _ROLES[id(lex)] = re.compile(rf"\b(?:{roles})\b[^.,;]{{0,60}}?\sat\s(?:the\s)?")
    return pattern


def according_to(rec: Recognition, view: SentenceView) -> str | None:
    lowered = view.text.lower()
    for phrase in rec.lex.according:
        position = lowered.find(phrase)
        if position != -1:
            start = view.start + position + len(phrase)
            for m in view.mentions:
                if m.start >= start and m.start - start <= 6 and m.kind != "definition":
                    return m.entity
    return None
