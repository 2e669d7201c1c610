"""Reading SPARQL text without running it: its form, its variables, and parameters bound safely.

A small tokenizer that knows strings, IRIs and comments is enough to tell a query
from an update and to find the query's WHERE clause, where parameters go as a
``VALUES`` block. Parameter values are parsed into RDF terms and serialised in
N-Triples syntax with every quote and backslash escaped, so a value can never
change the structure of the query it is bound into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from crmgraph.errors import CrmgraphError
from crmgraph.ontology import PREFIXES
from crmgraph.rdf.serialize import escape_string

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_][\w\-]*(?::[\w\-.%]*)?|:[\w\-.%]*)
  | (?P<punct>[{}()])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PREFIXED = re.compile(r"^([A-Za-z][\w\-]*)?:([\w\-.%/#]*)$")
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


def tokens(text: str) -> list[Token]:
    """The significant tokens of a SPARQL text (no whitespace, no comments)."""
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            out.append(Token(kind, match.group(), match.start()))
    return out


def query_form(text: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE``, or None when the text says neither.

    Examples
    --------
    >>> query_form("PREFIX ex: <http://e/> # a comment\\nASK { ?s ?p ?o }")
    'ASK'
    >>> query_form("INSERT DATA { <http://e/a> <http://e/b> 1 }")
    'UPDATE'
    """
    toks = tokens(text)
    i = _skip_prologue(toks)
    if i >= len(toks) or toks[i].kind != "word":
        return None
    word = toks[i].text.upper()
    if word in QUERY_FORMS:
        return word
    if word in UPDATE_KEYWORDS:
        return "UPDATE"
    return None


#: the keywords with which a query or update makes the engine that runs it fetch from another server
FETCHING_KEYWORDS = ("SERVICE", "LOAD")


def fetching_keyword(text: str) -> str | None:
    """``SERVICE`` or ``LOAD`` when the text uses one (as a keyword, not in a string, IRI, name or comment), else None.

    Examples
    --------
    >>> fetching_keyword("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    'SERVICE'
    >>> fetching_keyword('SELECT * WHERE { ?service ex:SERVICE "SERVICE" } # SERVICE')
    """
    for token in tokens(text):
        if token.kind == "word" and token.text.upper() in FETCHING_KEYWORDS:
            return token.text.upper()
    return None


def _skip_prologue(toks: list[Token]) -> int:
    i = 0
    while i < len(toks) and toks[i].kind == "word" and toks[i].text.upper() in ("PREFIX", "BASE"):
        i += 3 if toks[i].text.upper() == "PREFIX" else 2
    return i


def variables(text: str) -> set[str]:
    """The names of the variables a SPARQL text mentions (``?x`` and ``$x`` alike)."""
    return {t.text[1:] for t in tokens(text) if t.kind == "var"}


# --- parameters -----------------------------------------------------------------------


def parse_param(value: str):
    """Read a ``--param`` value as an RDF term.

    ``<IRI>`` and ``prefix:name`` (a crmgraph prefix) are IRIs; ``"text"``,
    ``"text"@en`` and ``"text"^^xsd:type`` are literals (everything between the
    first and the last double quote is the text, as it stands); an integer, a
    decimal, ``true`` and ``false`` are typed literals as in SPARQL; anything
    else is a plain string.

    Examples
    --------
    >>> parse_param("id:china")
    rdflib.term.URIRef('https://w3id.org/crmgraph/id/china')
    >>> parse_param('"Kazakhstan"@en')
    rdflib.term.Literal('Kazakhstan', lang='en')
    >>> parse_param("2022").datatype == XSD.integer
    True
    """
    if value.startswith("<") and value.endswith(">"):
        return _checked_iri(value[1:-1], value)
    if value.startswith('"') and value.count('"') >= 2:
        end = value.rindex('"')
        lexical, rest = value[1:end], value[end + 1:]
        if rest == "":
            return Literal(lexical)
        if rest.startswith("@") and _LANG.match(rest[1:]):
            return Literal(lexical, lang=rest[1:])
        if rest.startswith("^^"):
            return Literal(lexical, datatype=parse_param(rest[2:]) if rest[2:3] != '"' else None)
        raise CrmgraphError(f"parameter value {value!r}: after the closing quote only @lang or ^^type may follow")
    match = _PREFIXED.match(value)
    if match and (match.group(1) or "") in PREFIXES:
        return URIRef(str(PREFIXES[match.group(1)]) + match.group(2))
    if re.fullmatch(r"[+-]?\d+", value):
        return Literal(value, datatype=XSD.integer)
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        try:
            return Literal(Decimal(value), datatype=XSD.decimal)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            pass
    if value in ("true", "false"):
        return Literal(value == "true")
    return Literal(value)


def _checked_iri(iri: str, shown: str) -> URIRef:
    if not iri or _IRI_FORBIDDEN.search(iri):
        raise CrmgraphError(f"parameter value {shown!r}: not a valid IRI (no spaces, quotes, braces or angle brackets)")
    return URIRef(iri)


def sparql_term(term) -> str:
    """An RDF term in SPARQL syntax (the N-Triples form, escaped), for a ``VALUES`` block.

    Examples
    --------
    >>> sparql_term(Literal('say "hi" } {'))
    '"say \\\\"hi\\\\" } {"'
    """
    if isinstance(term, BNode):
        raise CrmgraphError("a parameter cannot be a blank node")
    if isinstance(term, URIRef):
        return "<" + str(_checked_iri(str(term), str(term))) + ">"
    if isinstance(term, Literal):
        lexical = '"' + escape_string(str(term)) + '"'
        if term.language:
            if not _LANG.match(term.language):
                raise CrmgraphError(f"parameter language tag {term.language!r} is not valid")
            return f"{lexical}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{lexical}^^{sparql_term(URIRef(term.datatype))}"
        return lexical
    raise CrmgraphError(f"parameter value {term!r} is not an RDF term")


@dataclass
class Rewrite:
    """Where crmgraph changed a query's text, to map an error position back to the user's text."""

    text: str
    prologue_lines: int = 0
    insertions: list[tuple[int, int, int]] = field(default_factory=list)  # (line, column, length), 1-based

    def position(self, line: int, column: int) -> tuple[int, int]:
        """The user's line and column for a line and column of the rewritten text."""
        line -= self.prologue_lines
        for at_line, at_column, length in self.insertions:
            if line == at_line and column >= at_column:
                column = max(at_column, column - length)
        return max(line, 1), max(column, 1)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def bind_parameters(text: str, params: dict) -> Rewrite:
    """Bind ``params`` (name -> RDF term, or a string read by :func:`parse_param`) into a query.

    The values become one ``VALUES`` block placed first in the query's WHERE clause
    (a trailing ``VALUES`` clause where the query has none), so the variables are
    bound throughout the pattern, as with rdflib's ``initBindings``. Every value is
    serialised by :func:`sparql_term`.

    Examples
    --------
    >>> bind_parameters("SELECT ?o WHERE { ?s ?p ?o }", {"s": "id:china"}).text
    'SELECT ?o WHERE { VALUES (?s) { (<https://w3id.org/crmgraph/id/china>) } ?s ?p ?o }'
    """
    if not params:
        return Rewrite(text)
    names = list(params)
    mentioned = variables(text)
    for name in names:
        if not _PARAM_NAME.match(name):
            raise CrmgraphError(f"parameter name {name!r}: use letters, digits and _ (the variable without '?')")
        if name not in mentioned:
            raise CrmgraphError(f"parameter {name}: the query has no variable ?{name}")
    terms = [params[n] if isinstance(params[n], (URIRef, Literal, BNode)) else parse_param(str(params[n]))
             for n in names]
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(sparql_term(t) for t in terms) + ") }"
    form = query_form(text)
    if form == "UPDATE":
        raise CrmgraphError("parameters can be bound into queries, not into updates")
    toks = tokens(text)
    i = _skip_prologue(toks)
    group = _where_group(toks, i, form)
    if group is None:
        return Rewrite(text.rstrip() + "\n" + block)
    brace = toks[group]
    after = toks[group + 1] if group + 1 < len(toks) else None
    if after is not None and after.kind == "word" and after.text.upper() == "SELECT":
        close = _matching_brace(toks, group)
        if close is None:
            return Rewrite(text)  # unbalanced: let the engine report the syntax error
        end = toks[close].start
        new = text[: brace.start + 1] + " " + block + " {" + text[brace.start + 1 : end] + "} " + text[end:]
    else:
        new = text[: brace.start + 1] + " " + block + text[brace.start + 1 :]
    line, column = _line_col(text, brace.start + 1)
    return Rewrite(new, insertions=[(line, column, len(block) + 1)])


def _where_group(toks: list[Token], i: int, form: str | None) -> int | None:
    if form is None or i >= len(toks):
        return None
    j = i + 1
    if form == "CONSTRUCT":
        if j < len(toks) and toks[j].text == "{":
            close = _matching_brace(toks, j)
            if close is None:
                return None
            j = close + 1
        else:
            return None  # CONSTRUCT WHERE { ... } admits triples only: use a trailing VALUES clause
    depth = 0
    for k in range(j, len(toks)):
        text = toks[k].text
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text == "{" and depth == 0:
            return k
    return None


def _matching_brace(toks: list[Token], start: int) -> int | None:
    depth = 0
    for k in range(start, len(toks)):
        if toks[k].text == "{":
            depth += 1
        elif toks[k].text == "}":
            depth -= 1
            if depth == 0:
                return k
    return None


_ERROR_AT = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)


def syntax_error(message: str, rewrite: Rewrite | None = None) -> CrmgraphError:
    """A one-line :class:`CrmgraphError` from an Oxigraph syntax error (``error at L:C: ...``)."""
    text = " ".join(str(message).split())
    match = _ERROR_AT.search(text)
    if not match:
        return CrmgraphError(f"malformed query: {text[:200]}")
    line, column = int(match.group(1)), int(match.group(2))
    if rewrite is not None:
        line, column = rewrite.position(line, column)
    detail = match.group(3)
    if "Prefix not found" in detail:
        detail = "unknown prefix"
    elif len(detail) > 120:
        detail = detail[:119] + "…"
    return CrmgraphError(f"malformed query at line {line}, column {column}: {detail}")
