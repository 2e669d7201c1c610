"""The reference list of a document and its in-text citations.

Each line after a heading such as ``References`` that carries a date in
parentheses becomes a cited ``Document``: ``Surname, I. (2024, May 8). Title.
Publisher. URL`` (authors first) or ``Title. (2024, May 2). URL`` (title first). The
document cites it; its authors (persons ``<initial>-<surname>`` unless the text
names them in full, or organisations) and its publisher are related to it. In-text
citations ``(Goethals, 2024)`` and ``Vakulchuk (2021)`` point to these documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from crmgraph.extract.dates import find_date
from crmgraph.extract.gazetteer import TOKEN, slugify
from crmgraph.extract.patterns import line_start_matches
from crmgraph.extract.proposal import Proposal
from crmgraph.extract.recognise import Mention, Recognition

HEADING: Final = re.compile(r"^\s*#*\s*(references?|referencing|bibliography|sources|works cited|literature)\s*:?\s*$", re.I | re.M)
_NUMBER: Final = re.compile(r"^\s*(?:\d+[.)]|\[\d+\]|[-*•])\s+")
_DATE: Final = re.compile(r"\((?P<year>(?:19|20)\d\d)[a-z]?(?:,\s*(?P<rest>[A-Z][a-z]+\.?(?:\s+\d{1,2})?))?\)\.?")
_AUTHOR: Final = re.compile(r"(?P<sur>[A-Z][\w’'`-]+(?:\s[A-Z][\w’'`-]+)?),\s(?P<ini>(?:[A-Z]\.\s?-?)+)")
_URL: Final = re.compile(r"https?://\S+")
ORGANISATION_TYPES: Final = {"IntergovernmentalOrganisation", "FinancialInstitution", "Company", "MediaOutlet",
                             "ResearchInstitute", "GovernmentBody", "DiplomaticFormat"}


@dataclass
class Reference:
    id: str
    line_start: int
    line_end: int
    year: str


def reference_section(text: str) -> int | None:
    """Where the reference list begins (after its heading), or None."""
    heads = line_start_matches(HEADING, text)
    return heads[-1].end() if heads else None


def references(rec: Recognition, document_id: str, start: int | None) -> tuple[list[Proposal], dict]:
    """Cited documents, their authors and publishers; returns the facts and a citation index."""
    if start is None:
        return [], {}
    text = rec.text
    proposals: list[Proposal] = []
    index: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    offset = start
    for line in text[start:].splitlines(keepends=True):
        line_start, body = offset, line.rstrip("\r\n")
        offset += len(line)
        number = _NUMBER.match(body)
        s = line_start + (number.end() if number else len(body) - len(body.lstrip()))
        e = line_start + len(body.rstrip())
        if e - s < 10:
            continue
        entry = text[s:e]
        date = _DATE.search(entry)
        if not date:
            continue
        before = entry[:date.start()].strip().rstrip(".").strip()
        after = entry[date.end():].strip()
        url = _URL.search(after)
        rest = after[:url.start()].strip() if url else after
        raw_before = entry[:date.start()].strip()
        authors = list(_AUTHOR.finditer(raw_before))
        covered = sum(len(a.group()) for a in authors)
        person_authors = bool(authors) and covered >= 0.6 * len(raw_before.replace("&", "").replace(" ", ""))
        author_ids: list[str] = []
        title = None
        segments = [x.strip() for x in re.split(r"(?<=[.?!])\s+(?=[A-Z“\"(\[–—-])", rest) if x.strip()]
        if person_authors:
            for a in authors:
                author_ids.append(_person(rec, a.group("sur"), a.group("ini"), s + a.start(), s + a.end()))
            title, publishers = (segments[0] if segments else ""), segments[1:]
        elif before and len(before.split()) <= 6 and not re.search(r"\b[a-z]{4,}\b", before.replace(" and ", " ")):
            org = _organisation(rec, before, s, s + len(before), default="MediaOutlet")
            author_ids.append(org)
            title, publishers = (segments[0] if segments else ""), segments[1:]
        else:
            title_part = re.split(r"\s[—–]\s", before)[0]
            title, publishers = title_part, ([x for x in re.split(r"\s[—–]\s", before)[1:]] and []) + segments
            inside = [m for m in rec.mentions if s <= m.start and m.end <= s + len(title_part) and not m.nested
                      and m.kind not in ("backref", "pair", "definition")]
            people = [m for m in inside if m.type in ("Person", "Leader")]
            orgs = [m for m in inside if m.type in ORGANISATION_TYPES]
            chosen = people[:1] or orgs[:1]
            author_ids += [m.entity for m in chosen]
        title = re.sub(r"\s*\[[^\]]*\]\s*\.?$", "", (title or "").strip()).rstrip(".").strip() or before or entry[:60]
        year = date.group("year")
        stem = _stem(rec, author_ids[0]) if author_ids else slugify(" ".join(title.split()[:3]))
        ref_id = f"{stem}-{year}"
        for suffix in "bcdefghij":
            if ref_id not in used and ref_id not in rec.known and ref_id != document_id:
                break
            ref_id = f"{stem}-{year}{suffix}"
        used.add(ref_id)
        rec.define(ref_id, "Document", title, (s, e), "reference-list", 0.9, date=find_date(date.group()),
                   url=url.group().rstrip(".,") if url else None)
        proposals.append(Proposal(document_id, "cites", ref_id, s, e, "reference-list", 0.9))
        for author in author_ids:
            proposals.append(Proposal(ref_id, "author", author, s, e, "reference-author",
                                      0.85 if person_authors else 0.6, needs_review=not person_authors))
        publisher = _publisher(rec, publishers, s, entry)
        if publisher and (publisher not in author_ids or any(p.startswith("In ") for p in publishers)):
            proposals.append(Proposal(ref_id, "publishedBy", publisher, s, e, "reference-publisher", 0.7))
        for author in author_ids:
            index[(_key(rec.label_of(author)), year)] = ref_id
        if author_ids:
            index.setdefault((_key(rec.label_of(author_ids[0]).split()[-1]), year), ref_id)
    return proposals, index


def _key(name: str) -> str:
    return slugify(name)


def _stem(rec: Recognition, entity_id: str) -> str:
    known = rec.known.get(entity_id)
    label = known.label if known else rec.label_of(entity_id)
    if rec.type_of(entity_id) in ("Person", "Leader"):
        return slugify(label.split()[-1])
    words = [w for w in label.split() if w[:1].isupper()]
    if len(label.split()) >= 4 and len(words) >= 3:
        return "".join(w[0] for w in words).lower()
    return entity_id


def _person(rec: Recognition, surname: str, initials: str, start: int, end: int) -> str:
    initial = initials.strip()[0]
    people = [k for k in rec.known.values() if k.type in ("Person", "Leader") and k.label.split()[-1] == surname]
    exact = [k for k in people if k.label[0] == initial]
    if exact or len(people) == 1:
        chosen = (exact or people)[0]
        if chosen.id not in rec.known or True:
            pass
        return chosen.id
    for entry in rec.gaz.entries.values():
        if entry.type in ("Person", "Leader") and entry.label.split()[-1] == surname and entry.label[0] == initial:
            rec.add(Mention(start, end, entry.id, entry.type, "reference-author", 0.8))
            return entry.id
    entity_id = slugify(f"{initial} {surname}")
    rec.add(Mention(start, end, entity_id, "Person", "reference-author", 0.8), label=f"{initial}. {surname}")
    key = tuple(TOKEN.findall(surname))
    rec.local.setdefault(key, (entity_id, "surname"))
    return entity_id


def _organisation(rec: Recognition, name: str, start: int, end: int, default: str) -> str:
    name = name.strip().rstrip(".")
    for m in rec.mentions:
        if m.start == start and m.kind not in ("backref", "pair", "definition") and m.end >= start + len(name) - 1:
            return m.entity
    for entry in rec.gaz.entries.values():
        if entry.label == name or name in entry.aliases:
            rec.add(Mention(start, start + len(name), entry.id, entry.type or default, "reference-organisation", 0.8))
            return entry.id
    words = name.split()
    type_ = rec.lex.heads.get(words[-1], default) if words else default
    entity_id = slugify(name)
    rec.add(Mention(start, start + len(name), entity_id, type_, "reference-organisation", 0.7), label=name)
    return entity_id


def _publisher(rec: Recognition, segments: list[str], line_start: int, entry: str) -> str | None:
    candidates = [s for s in segments if s and s[0] not in "–—-" and not s.startswith("(")]
    if not candidates:
        return None
    name = candidates[-1].rstrip(".").strip()
    name = re.sub(r"^In\s+", "", name)
    name = re.sub(r",\s*\d.*$", "", name).strip()
    name = re.sub(r"\s+(?:Policy Paper|Working Paper|Report|Brief)$", "", name)
    if not name or len(name.split()) > 6 or not name[0].isupper():
        return None
    position = entry.rfind(name)
    if position < 0:
        return None
    return _organisation(rec, name, line_start + position, line_start + position + len(name), "MediaOutlet")


_CITE: Final = re.compile(r"\((?P<who>[A-Z][^()\d]*?)(?:,|\s+et\.?\s?al\.?,?)\s*(?:[^()]*?,\s*)?(?P<year>(?:19|20)\d\d)\)"
                          r"|(?P<who2>[A-Z][\w’'-]+)\s+\((?P<year2>(?:19|20)\d\d)\)")


def citations_in(text: str, index: dict) -> list[str]:
    """The cited documents a stretch of text points to with in-text citations."""
    out = []
    for m in _CITE.finditer(text):
        who, year = (m.group("who") or m.group("who2") or "").strip(), m.group("year") or m.group("year2")
        who = re.sub(r"\s+et\.?\s?al\.?$", "", who)
        ref = index.get((slugify(who), year)) or index.get((slugify(who.split()[-1]) if who else "", year))
        if ref and ref not in out:
            out.append(ref)
    return out
