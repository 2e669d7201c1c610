"""Facts stated by Markdown tables: a row's name, a column's header, and the names in its cell.

Fact sheets and reports put what they know in tables::

    | Country    | Key mineral resources          |
    |---|---|
    | Kazakhstan | uranium, chromium, copper      |

    | Organisation                            | Central Asian members  |
    |---|---|
    | Shanghai Cooperation Organisation (SCO) | Kazakhstan, Kyrgyzstan |

The name in a row's first cell is the row's (one entity, however many times the cell
names it: "Shanghai Cooperation Organisation (SCO)"). A column whose header the
lexicon knows (``lexicon/tables.yaml``: a pattern, a property, which side the row's
name is on, and the classes of both sides) gives one fact for each fitting name of
its cells; the quote is the row. Headers the lexicon does not know, cells with
nothing recognised or with more than a list of names ("Kazakhstan; Uzbekistan
(observer)", "all but Turkmenistan"), and rows whose first cell names no entity, or
two, give nothing.

Columns of shares (``stakes`` in the same file) give ownership: a header that names
its holder ("KAP stake"; a name alone, beside a partner column) makes that holder an
owner of the row's company where the row's share is above nought; a partner column
does so with the partner's share, in a "Partner stake" column (one partner and one
share to a row) or right after the partner's name in its cell::

    | Joint venture | KAP stake | Partner | Partner stake |
    |---|---|---|---|
    | KATCO         | 49%       | Orano   | 51%           |

    | Entity       | Kazatomprom | Partner(s)              |
    |---|---|---|
    | JV Inkai LLP | 60%         | Cameco Corporation, 40% |

Examples
--------
>>> from crmgraph.corpus import Document
>>> from crmgraph.extract import extract
>>> doc = Document.from_text("memo", "| Organisation | Members |\\n|---|---|\\n| Eurasian Economic Union (EAEU) | "
...                          "Kazakhstan, Kyrgyzstan |\\n")
>>> sorted((r.subject, r.predicate, r.object) for r in extract(doc).relations)
[('kazakhstan', 'memberOf', 'eaeu'), ('kyrgyzstan', 'memberOf', 'eaeu')]
"""

from __future__ import annotations

import re
from typing import Final

from crmgraph.extract.gazetteer import derived, expand_classes
from crmgraph.extract.proposal import Proposal
from crmgraph.extract.recognise import Mention, Recognition

__all__ = ["table_facts"]

#: a table: a header row, a separator row of dashes (colons for alignment), and at least one body row
_TABLE: Final = re.compile(r"^[ \t]*\|.*\|[ \t]*\n[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*\n(?:[ \t]*\|.*\|[ \t]*(?:\n|$))+",
                           re.M)
_ROW: Final = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.M)
_CELL_BORDER: Final = re.compile(r"(?<!\\)\|")


class _Columns:
    """The lexicon's column rules, compiled once per lexicon."""

    def __init__(self, lex) -> None:
        stakes = (lex.tables or {}).get("stakes") or {}
        self.share = re.compile(str(stakes["share"]), re.IGNORECASE) if stakes.get("share") else None
        self.partner = re.compile(str(stakes["partner"]), re.IGNORECASE) if stakes.get("partner") else None
        self.venture_types = expand_classes(stakes.get("row_types") or [])
        self.holder_types = expand_classes(stakes.get("holder_types") or [])
        self.rules: list[tuple[re.Pattern, str, str, frozenset[str], frozenset[str], str]] = []
        for item in (lex.tables or {}).get("columns") or []:
            if not item.get("header") or not item.get("predicate") or item.get("row") not in ("subject", "object"):
                continue
            self.rules.append((re.compile(str(item["header"]), re.IGNORECASE), str(item["predicate"]), str(item["row"]),
                               expand_classes(item.get("row_types") or []), expand_classes(item.get("cell_types") or []),
                               str(item.get("rule") or f"table-{item['predicate']}")))


def table_facts(rec: Recognition) -> list[Proposal]:
    """The facts of the Markdown tables of ``rec.text`` (see the module)."""
    text = rec.text
    if "|" not in text or "---" not in text:
        return []
    columns = derived(rec.lex, _Columns)
    if not columns.rules and columns.share is None:
        return []
    out: list[Proposal] = []
    for table in _TABLE.finditer(text):
        rows = [_cells(row) for row in _ROW.finditer(text, table.start(), table.end())]
        header, body = rows[0], rows[2:]
        ruled = []
        for i, (start, end) in enumerate(header):
            if i == 0:
                continue
            name = " ".join(text[start:end].split())
            for pattern, predicate, side, row_types, cell_types, rule in columns.rules:
                if pattern.fullmatch(name):
                    ruled.append((i, predicate, side, row_types, cell_types, rule))
                    break
        stakes = _stake_columns(rec, columns, header)
        if not ruled and stakes is None:
            continue
        for cells in body:
            if not cells:
                continue
            row_names = _names(rec, *cells[0])
            if len({m.entity for m in row_names}) != 1:
                continue
            row = row_names[0]
            row_start, row_end = cells[0][0], cells[-1][1]
            for i, predicate, side, row_types, cell_types, rule in ruled:
                if i >= len(cells) or row.type not in row_types:
                    continue
                names = _names(rec, *cells[i])
                if not _plain_list(text, *cells[i], names):
                    continue  # "Kazakhstan; Uzbekistan (observer)", "all but Turkmenistan": more than a list of names
                for m in names:
                    if m.type not in cell_types or m.entity == row.entity:
                        continue
                    subject, obj = (row.entity, m.entity) if side == "subject" else (m.entity, row.entity)
                    out.append(Proposal(subject, predicate, obj, row_start, row_end, rule, 0.75))
            if stakes is not None and row.type in columns.venture_types:
                out += _stakes_of_row(rec, columns, stakes, cells, row)
    return out


#: a cell that holds one share: "51%", "49.5 %", "about 40%"
_SHARE_CELL: Final = re.compile(r"(?:about\s+|c\.\s*|~\s*)?(\d{1,3}(?:\.\d+)?)\s?%")
#: right after a partner's name in its cell, the partner's share: "Cameco Corporation, 40%", "Orano (51%)"
_SHARE_AFTER_NAME: Final = re.compile(r"\s*(?:,\s*|\(\s*)(\d{1,3}(?:\.\d+)?)\s?%")
#: before a partner's name in its cell: nothing (the cell's start), or the separator after the partner before
_PARTNER_OPENS: Final = re.compile(r"(?:.*[;,])?\s*", re.S)


class _Stakes:
    """A table's columns of shares: ``holders``, the share columns with the entity that holds their shares ("KAP
    stake", or a column headed by a name beside a partner column); ``partners``, the partner columns with their
    share column ("Partner stake"), or None when the partner cell gives each partner's share ("Cameco, 40%")."""

    def __init__(self) -> None:
        self.holders: list[tuple[int, str]] = []
        self.partners: list[tuple[int, int | None]] = []


def _stake_columns(rec: Recognition, columns: _Columns, header: list[tuple[int, int]]) -> _Stakes | None:
    """The table's columns of shares (None: none)."""
    if columns.share is None or columns.partner is None:
        return None
    text = rec.text
    labels = [" ".join(text[start:end].split()) for start, end in header]
    partner_columns = [i for i, label in enumerate(labels) if i > 0 and columns.partner.fullmatch(label)]
    stakes = _Stakes()
    partner_shares: dict[int, int] = {}
    for i, (start, end) in enumerate(header):
        if i == 0 or i in partner_columns:
            continue
        share = columns.share.fullmatch(labels[i])
        if share is not None and columns.partner.fullmatch(share.group("holder")):
            if len(partner_columns) == 1:
                partner_shares[partner_columns[0]] = i
            continue
        names = _names(rec, start, end)
        if len({m.entity for m in names}) != 1 or names[0].type not in columns.holder_types:
            continue
        # "KAP stake"; or a header that is a name alone ("| Kazatomprom |"), in a table of partners' shares only
        if share is not None or (partner_columns and names[0].start == start and names[-1].end == end):
            stakes.holders.append((i, names[0].entity))
    stakes.partners = [(i, partner_shares.get(i)) for i in partner_columns]
    return stakes if stakes.holders or stakes.partners else None


def _share_above_nought(match: re.Match | None) -> bool:
    return match is not None and 0 < float(match.group(1)) <= 100


def _stakes_of_row(rec: Recognition, columns: _Columns, stakes: _Stakes, cells: list[tuple[int, int]],
                   row: Mention) -> list[Proposal]:
    """``owns`` for the holders of the row's shares above nought."""
    text = rec.text
    owners: list[str] = []
    for i, holder in stakes.holders:
        if i < len(cells) and _share_above_nought(_SHARE_CELL.fullmatch(text, *cells[i])):
            owners.append(holder)
    for i, share_column in stakes.partners:
        if i >= len(cells):
            continue
        names = [m for m in _names(rec, *cells[i]) if m.type in columns.holder_types]
        if share_column is not None:
            # "Partner | Partner stake": one partner and one share to a row
            if share_column < len(cells) and len({m.entity for m in names}) == 1 \
                    and _plain_list(text, *cells[i], names) \
                    and _share_above_nought(_SHARE_CELL.fullmatch(text, *cells[share_column])):
                owners.append(names[0].entity)
            continue
        for m in names:  # "Cameco Corporation, 40%", "Sumitomo Corporation, 25%; Kansai Electric Power, 10%"
            if _PARTNER_OPENS.fullmatch(text, cells[i][0], m.start) and _share_above_nought(_SHARE_AFTER_NAME.match(text, m.end)):
                owners.append(m.entity)
    return [Proposal(owner, "owns", row.entity, cells[0][0], cells[-1][1], "table-stake", 0.75)
            for owner in dict.fromkeys(owners) if owner != row.entity]


#: what may stand between the names of a cell that only lists them: separators, a year or a share ("Kazakhstan (since
#: 2015), Kyrgyzstan (2015)", "Kazatomprom 60%"); not a span of years, which may have ended ("Uzbekistan (2006–2012)")
_LIST_GLUE: Final = re.compile(r"(?:[\s,;/&]|\band\b|\((?:since\s)?(?:19|20)\d\d\)|\(\d+(?:\.\d+)?\s?%\)|\d+(?:\.\d+)?\s?%)*")


def _plain_list(text: str, start: int, end: int, names: list[Mention]) -> bool:
    """Whether the cell ``[start, end)`` is its names and separators alone (no "except", "observer", "formerly")."""
    position = start
    for m in names:
        if not _LIST_GLUE.fullmatch(text, position, m.start):
            return False
        position = max(position, m.end)
    return bool(names) and bool(_LIST_GLUE.fullmatch(text, position, end))


def _cells(row: re.Match) -> list[tuple[int, int]]:
    """The spans of a row's cells, without the spaces around their text (a pipe escaped as ``\\|`` is text)."""
    out = []
    position = row.start(1)
    for part in _CELL_BORDER.split(row.group(1)):
        stripped = part.strip()
        start = position + (part.find(stripped) if stripped else 0)
        out.append((start, start + len(stripped)))
        position += len(part) + 1
    return out


def _names(rec: Recognition, start: int, end: int) -> list[Mention]:
    """The named mentions inside ``[start, end)``, in text order (``overlapping`` keeps it; not nested ones, not
    back-references or demonyms)."""
    return [m for m in rec.overlapping(start, end) if m.start >= start and m.end <= end and not m.nested
            and m.kind not in ("backref", "pair", "definition", "demonym")]
