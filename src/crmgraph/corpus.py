"""Documents, their metadata, and their sentences with character offsets.

A corpus is a folder (see ``corpus/README.md``): ``<id>.txt`` or ``<id>.md`` holds a
text, ``<id>.meta.yaml`` its optional metadata and ``<id>.annotations.yaml`` its
optional curated annotation. Offsets everywhere count Unicode code points from 0
in the text exactly as stored.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Final

import yaml

from crmgraph.errors import CrmgraphError

DOCUMENT_SUFFIXES: Final = (".txt", ".md")
NOT_DOCUMENTS: Final = {"readme.md", "readme.txt"}
DOCUMENT_ID: Final = re.compile(r"^[a-z0-9][a-z0-9-]*$")
META_KEYS: Final = {"title", "authors", "affiliation", "date", "url", "publisher", "language", "notes", "type"}


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: ``text == document.text[start:end]``."""

    index: int  # counted from 1, in document order
    start: int
    end: int
    text: str


#: a function that gives the sentence a character offset of a document falls in, or None between sentences
SentenceAt = Callable[[int], "Sentence | None"]


@dataclass
class Document:
    """A text of the corpus with its metadata.

    Examples
    --------
    >>> doc = Document.from_text("memo", "Kazakhstan signed it. The EU agreed.")
    >>> [s.text for s in doc.sentences]
    ['Kazakhstan signed it.', 'The EU agreed.']
    """

    id: str
    text: str
    path: Path | None = None
    metadata: dict = field(default_factory=dict)
    annotation_path: Path | None = None

    @classmethod
    def from_text(cls, doc_id: str, text: str, **metadata) -> "Document":
        return cls(id=doc_id, text=text, metadata=metadata)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset``, or None between sentences."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            sentence = self.sentences[mid]
            if offset < sentence.start:
                hi = mid
            elif offset >= sentence.end:
                lo = mid + 1
            else:
                return sentence
        return None

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or self.id)


def read_text_file(path: Path) -> str:
    """Read a UTF-8 text, raising a one-line error for binary, undecodable or empty files."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CrmgraphError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if b"\x00" in data:
        raise CrmgraphError(f"{path}: looks like a binary file, not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CrmgraphError(f"{path}: is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def load_document(path: Path) -> Document:
    """Load one document with its metadata and the path of its annotation, if any."""
    path = Path(path)
    doc_id = path.stem
    if not DOCUMENT_ID.match(doc_id):
        raise CrmgraphError(
            f"{path}: document names must be lowercase letters, digits and hyphens (got {doc_id!r})"
        )
    text = read_text_file(path)
    if not text.strip():
        raise CrmgraphError(f"{path}: is empty")
    meta_path = path.with_name(f"{doc_id}.meta.yaml")
    metadata = load_metadata(meta_path) if meta_path.exists() else {}
    annotation_path = path.with_name(f"{doc_id}.annotations.yaml")
    return Document(
        id=doc_id,
        text=text,
        path=path,
        metadata=metadata,
        annotation_path=annotation_path if annotation_path.exists() else None,
    )


def load_metadata(path: Path) -> dict:
    """Read a ``<id>.meta.yaml`` file and check its keys."""
    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CrmgraphError(f"{path}: metadata must be a mapping of keys to values")
    unknown = sorted(set(data) - META_KEYS)
    if unknown:
        raise CrmgraphError(f"{path}: unknown metadata key {unknown[0]!r} (known: {', '.join(sorted(META_KEYS))})")
    if "date" in data:
        data["date"] = normalise_date(data["date"], where=f"{path}: date")
    if "authors" in data and isinstance(data["authors"], str):
        data["authors"] = [data["authors"]]
    return data


def load_yaml(path: Path):
    """Parse a YAML file, turning syntax errors into one line with the position."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise CrmgraphError(f"{path}: malformed YAML at {where}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise CrmgraphError(f"{path}: malformed YAML: {exc}") from None
    except UnicodeDecodeError:
        raise CrmgraphError(f"{path}: is not valid UTF-8") from None
    except OSError as exc:
        raise CrmgraphError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def load_corpus(folder: Path) -> list[Document]:
    """Load every document of a corpus folder, sorted by id.

    Examples
    --------
    >>> from crmgraph.resources import default_corpus
    >>> [d.id for d in load_corpus(default_corpus())][:1]
    ['qoraboyev-2024-crm-central-asia']
    """
    folder = Path(folder)
    if not folder.exists():
        raise CrmgraphError(f"corpus folder {folder}: does not exist")
    if not folder.is_dir():
        raise CrmgraphError(f"corpus folder {folder}: is not a folder")
    paths = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix in DOCUMENT_SUFFIXES and p.name.lower() not in NOT_DOCUMENTS
    )
    if not paths:
        raise CrmgraphError(f"corpus folder {folder}: holds no documents (*.txt or *.md)")
    documents = [load_document(p) for p in paths]
    seen: dict[str, Path | None] = {}
    for doc in documents:
        if doc.id in seen:
            raise CrmgraphError(f"{doc.path}: document id {doc.id!r} is also used by {seen[doc.id]}")
        seen[doc.id] = doc.path
    return documents


_DATE: Final = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def normalise_date(value, where: str) -> str:
    """Dates as the text gives them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (YAML may hand us ints or dates)."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    if not _DATE.match(text):
        raise CrmgraphError(f"{where}: {value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise CrmgraphError(f"{where}: {value!r} has no month {parts[1]}")
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        raise CrmgraphError(f"{where}: {value!r} has no day {parts[2]}")
    return text


# --- sentences -------------------------------------------------------------------

# Words that end with a full stop without ending a sentence. Lower-cased, without the stop.
ABBREVIATIONS: Final = frozenset(
           """
           mr mrs ms dr prof sr jr st mt no nos vol vols pp p ed eds rev gen col lt sgt capt cmdr adm gov sen rep
           hon amb pres inc ltd co corp plc llc bros dept univ assn est approx ca cf vs etc al e.g i.e viz fig figs
           jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u u.s.a p.r.c us uk
           et.al
           """.split()
)

_BOUNDARY: Final = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_NEXT_STARTS_SENTENCE: Final = re.compile(r"(\s+)[\"'“‘«(\[]*[A-Z0-9À-ÖØ-ÞА-ЯЁ]")  # the spaces: where the next one begins
_LIST_ITEM: Final = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def split_sentences(text: str) -> list[Sentence]:
    """Split a text into sentences with offsets.

    Each line is a unit of its own (paragraphs, headings and list items end at the
    line break). Within a line a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with
    any closing quotes or brackets) before a capital, digit or opening quote,
    unless the word before is an abbreviation (U.S., e.g., et al.), an initial or a
    list number.

    Examples
    --------
    >>> [s.text for s in split_sentences("Talks with the U.S. went well. J. Smith agreed.")]
    ['Talks with the U.S. went well.', 'J. Smith agreed.']
    """
    sentences: list[Sentence] = []
    line_start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        for start, end in _split_line(body):
            sentences.append(Sentence(len(sentences) + 1, line_start + start, line_start + end, body[start:end]))
        line_start += len(line)
    return sentences


def _split_line(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = len(line) - len(line.lstrip())
    if start == len(line):
        return spans
    item = _LIST_ITEM.match(line)
    search_from = item.end() if item else start
    for match in _boundaries(line, search_from):
        end = match.end()
        following = _NEXT_STARTS_SENTENCE.match(line, end)
        if following is None:
            continue
        dot = match.start()
        if line[dot] == "." and _is_abbreviation(line, dot, start):
            continue
        spans.append((start, end))
        start = following.end(1)  # past the spaces (all of them: a quote or a capital follows)
    end = len(line.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def _boundaries(line: str, pos: int) -> list[re.Match]:
    """``_BOUNDARY.finditer(line, pos)``, tried only where a mark is: ``str.find`` passes over the text between
    marks in C at a fraction of what the pattern's search costs there."""
    found: list[re.Match] = []
    # the next position of each mark from ``pos`` (-1: none left)
    ahead = [line.find(mark, pos) for mark in _SENTENCE_MARKS]
    while True:
        at = -1
        for k in range(len(ahead)):
            i = ahead[k]
            if i != -1 and i < pos:
                i = ahead[k] = line.find(_SENTENCE_MARKS[k], pos)
            if i != -1 and (at == -1 or i < at):
                at = i
        if at == -1:
            return found
        match = _BOUNDARY.match(line, at)
        if match is None:
            pos = at + 1
        else:
            found.append(match)
            pos = match.end()


#: what _BOUNDARY's matches begin with
_SENTENCE_MARKS: Final = ".!?…"


def _is_abbreviation(line: str, dot: int, sentence_start: int) -> bool:
    word_start = dot
    while word_start > sentence_start and not line[word_start - 1].isspace() and line[word_start - 1] not in "(\"“‘'":
        word_start -= 1
    word = line[word_start:dot]
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith", "Borrell, J."
    return word.lower() in ABBREVIATIONS or word.lower().rstrip(".") in ABBREVIATIONS
