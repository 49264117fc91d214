"""Nhập văn bản (import): a document's blocks (sourcetext.py) → a plan in the plangen format.

It recognises the parts Decree 30 fixes (header, type name, trích yếu, căn cứ, numbered
sections, Nơi nhận, signature, attached document, appendices). Every structured guess is
worded back with plangen's own wording and kept only when it gives the source's words;
otherwise the words stay as text where they stood. Nothing the author wrote is dropped:
what is set aside (web metadata, page markers, stray letters) is listed with its line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Literal

from plangen import context, vn
from plangen.kinds import ATTACHABLE, KINDS
from plangen.model import LegalBasis
from plangen.sourcetext import Block, Cut, Para, Source, Table

Verdict = Literal["guess", "text", "skip", "fill"]
"""What the import made of a place of the source (Finding.verdict)."""


@dataclass(frozen=True)
class Finding:
    """What the import decided about one place of the source."""

    line: int
    verdict: Verdict
    """`guess`: structured from the text; `text`: kept as text; `skip`: not the document's
    words (web metadata, a page marker); `fill`: missing from the source, to be filled in."""
    what: str


@dataclass
class Imported:
    """The plan as data (ready for YAML) and what the import guessed, kept or left out."""

    plan: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)


TYPE_NAMES = {kind.type_name: key for key, kind in KINDS.items()}
_CODES = {kind.code: key for key, kind in KINDS.items() if kind.code and kind.issued}
GAP = "[...]"
"""What the import writes where the source is cut off and a field cannot be empty."""

_MOTTO = ("cộnghòaxãhộichủnghĩaviệtnam", "độclập-tựdo-hạnhphúc")
_NUMBER = re.compile(r"^Số\s*:?\s*(\d*)\s*/\s*([A-ZĐ][\wĐđ&.\-]*)$")
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})$"
)
_VERBS = ("Căn cứ", "Thực hiện", "Theo đề nghị của", "Xét đề nghị của")
_SIGN = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.*)$")
_RECIPIENTS = re.compile(r"^N[oơ]i nhận\s*:\s*(.*)$", re.IGNORECASE)
_ARCHIVE_ENTRY = re.compile(r"^[A-ZĐ][A-Za-zĐđ0-9&.\-]*( ?\([^()]+\))?$")
_REFERENCE = re.compile(r"^\(?\s*Kèm theo\b", re.IGNORECASE)
_APPENDIX_HEAD = re.compile(r"^(PHỤ LỤC|Phụ lục|DANH MỤC)\b")
_END_MARK = re.compile(r"\s*(?:\./\.?|(?<=\S)/\.)(?P<stray>\w+)?\s*$")
_METADATA = {
    "Người ký": "signer",
    "Số hiệu": "number",
    "Ngày ban hành": "date",
    "Loại văn bản": "type",
    "Cơ quan ban hành": "issuer",
}
_AGENCY_WORDS = re.compile(
    r"^(SỞ|BAN|PHÒNG|CỤC|VỤ|VĂN PHÒNG|TRUNG TÂM|CHI CỤC|THANH TRA|VIỆN|TRƯỜNG|TỔNG CỤC)\b"
)


def _fold(text: str) -> str:
    return re.sub(r"[\s\u2010-\u2015]+", lambda m: "-" if m.group().strip() else "", text).lower()


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _same(a: str, b: str) -> bool:
    dash = r"[‐‑‒–—−]"
    return re.sub(dash, "-", _plain(a)) == re.sub(dash, "-", _plain(b))


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class Casing:
    """How the document writes each word mid-sentence, to give capitals back their case."""

    def __init__(self, texts: list[str]) -> None:
        self.forms: dict[str, Counter[str]] = {}
        self.texts = [text for text in texts if not _upper(text)]
        for text in texts:
            if _upper(text):
                continue
            words = re.findall(r"[\w/\-]+|[.;:!?]", text)
            for before, word in zip([".", *words], words, strict=False):
                if before in {".", ";", ":", "!", "?"} or not word[0].isalpha():
                    continue
                self.forms.setdefault(word.lower(), Counter())[word] += 1

    def word(self, word: str, first: bool) -> str:
        forms = self.forms.get(word.lower())
        if forms:
            best = forms.most_common(1)[0][0]
            return vn.sentence_start(best) if first else best
        if re.search(r"\d", word) or re.fullmatch(r"[IVXLC]+", word):
            return word
        low = word.lower()
        return vn.sentence_start(low) if first else low

    def phrase(self, text: str) -> str | None:
        """The words as the document writes them together ('SỞ CÔNG THƯƠNG' → 'Sở Công
        Thương', where word by word 'công' is lower case), capitalised; None if never."""
        pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)
        found = Counter(m.group() for t in self.texts for m in pattern.finditer(t))
        return vn.sentence_start(found.most_common(1)[0][0]) if found else None

    def recase(self, text: str, first: bool = True) -> str:
        """'TỈNH THỪA THIÊN HUẾ' → 'tỉnh Thừa Thiên Huế' (as the document writes the words);
        `first`: the text begins a name, so its first word takes a capital."""
        if not _upper(text):
            return text
        out = []
        for index, part in enumerate(re.split(r"(\s+)", text)):
            out.append(self.word(part, first and index == 0) if part.strip() else part)
        return "".join(out)


def title_case(text: str) -> str:
    """'PHÓ CHỦ TỊCH' → 'Phó Chủ tịch', 'BỘ TRƯỞNG' → 'Bộ trưởng' (titles in a signature)."""
    words = text.lower().split()
    if not words:
        return text
    words[0] = vn.sentence_start(words[0])
    if words[0] == "Phó" and len(words) > 1:
        words[1] = vn.sentence_start(words[1])
    return " ".join(words)


# ---------------------------------------------------------------- labels and sections


@dataclass(frozen=True)
class Label:
    level: str
    """The numbering level (`numbering.LEVELS`): `Phần I`, `Điều`, `I`, `A`, `1`, `1.1`,
    `a`, `(1)`, `-`, `+`; nested numbers carry their depth (`1.1/3` for 2.1.1.)."""
    text: str
    """The label as written, e.g. `4.1.`."""
    rest: str


_LABELS = (
    ("Phần thứ nhất", re.compile(r"^((?:Phần|PHẦN)\s+thứ\s+\w+)[.:]?\s+(.*)$")),
    ("Phần I", re.compile(r"^((?:Phần|PHẦN)\s+[IVXLC]+)[.:]?\s+(.*)$")),
    ("Điều", re.compile(r"^(Điều\s+\d+[.:]?)\s*(.*)$")),
    ("I", re.compile(r"^([IVXLC]+\.)\s+(.*)$")),
    ("A", re.compile(r"^([A-Z]\.)\s+(.*)$")),
    ("1.1", re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?)\s+(.*)$")),
    ("1", re.compile(r"^(\d{1,3}\.)\s+(.*)$")),
    ("a", re.compile(r"^([a-zđ]\))\s+(.*)$")),
    ("(1)", re.compile(r"^(\(\d{1,3}\))\s+(.*)$")),
    ("-", re.compile(r"^([-•–])\s+(.*)$")),
    ("+", re.compile(r"^(\+)\s+(.*)$")),
)


def label(text: str) -> Label | None:
    for level, pattern in _LABELS:
        match = pattern.match(text)
        if match and match.group(2).strip():
            if level == "1.1":
                level = f"1.1/{match.group(1).rstrip('.').count('.') + 1}"
            return Label(level, match.group(1), match.group(2).strip())
    return None


def level_name(level: str) -> str:
    return level.split("/")[0]


def scheme(kind: str) -> list[str]:
    """The levels the kind numbers its body with, outermost first."""
    return [level.name for level in KINDS[kind].numbering]


class _Body:
    """Numbered paragraphs → the section tree, bullets → items, the rest → text."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.root: dict[str, Any] = {"sections": []}
        self.stack: list[tuple[str, dict[str, Any]]] = []
        self.unnumbered: list[str] = []
        """Paragraphs before the first numbered one."""

    @property
    def current(self) -> dict[str, Any] | None:
        return self.stack[-1][1] if self.stack else None

    def add(self, para: Para) -> None:
        found = label(para.text)
        if found and found.level in {"-", "+"}:
            self.bullet(found, para)
            return
        if found:
            levels = [level for level, _ in self.stack]
            depth = levels.index(found.level) if found.level in levels else len(levels)
            self.heading(found, depth, para)
            return
        self.text(para.text)

    def heading(self, found: Label, depth: int, para: Para) -> None:
        del self.stack[depth:]
        section: dict[str, Any] = {"title": found.rest, "_label": found.text, "_line": para.line}
        parent = self.current if self.stack else self.root
        assert parent is not None
        parent.setdefault("sections", []).append(section)
        self.stack.append((found.level, section))
        section["_level"] = found.level

    def bullet(self, found: Label, para: Para) -> None:
        section = self.current
        if section is None:
            self.unnumbered.append(para.text)
            return
        if section.get("sections") or section.get("_table"):
            section.setdefault("closing", []).append(para.text)
            return
        items = section.setdefault("items", [])
        if "closing" in section and items:
            self._fold_closing(section)
        if found.level == "+":
            if not items:
                # '+' with no '-' above it: plangen would print '-', so the mark stays text.
                self.text(para.text)
                return
            last = items[-1]
            if isinstance(last, str):
                last = items[-1] = {"text": last, "items": []}
            last["items"].append(found.rest)
            return
        items.append(found.rest)

    def _fold_closing(self, section: dict[str, Any]) -> None:
        """Text between bullets goes with the bullet before it, so the order stays."""
        extra = section.pop("closing")
        items = section["items"]
        last = items[-1]
        if isinstance(last, dict):
            if last["items"]:
                tail = last["items"][-1]
                last["items"][-1] = "\n\n".join([tail, *extra])
            else:
                last["text"] = "\n\n".join([last["text"], *extra])
        else:
            items[-1] = "\n\n".join([last, *extra])

    def table(self, table: Table) -> bool:
        """A table under a part's heading and text becomes the part's `table`; False where
        it would print elsewhere (after bullets or sub-parts), or where a row is not as wide
        as the header (merged cells, lost cells), and its cells are kept as paragraphs."""
        section = self.current
        rows = [[cell.replace("\n", " ").strip() for cell in row] for row in table.rows]
        if (
            section is None
            or len(rows) < 2
            or any(section.get(k) for k in ("items", "sections", "closing", "_table"))
            or any(len(row) != len(rows[0]) for row in rows)
            or not all(rows[0])
        ):
            return False
        section["_table"] = rows
        return True

    def text(self, text: str) -> None:
        section = self.current
        if section is None:
            self.unnumbered.append(text)
        elif section.get("items") or section.get("sections") or section.get("_table"):
            section.setdefault("closing", []).append(text)
        else:
            section.setdefault("text", []).append(text)

    def sections(self, default: list[str]) -> tuple[list[dict[str, Any]], list[str] | None]:
        """The section tree and the document's numbering when it is not the kind's."""
        top = self.root.get("sections", [])
        found = _levels(top)
        numbering = found if found and found != default[: len(found)] else None
        levels = found or default
        return [_finish(s, levels, 0, self.findings) for s in top], numbering


def _levels(sections: list[dict[str, Any]]) -> list[str]:
    """The level used most at each depth, outermost first (what the document numbers with)."""
    out: list[str] = []
    layer = sections
    while layer:
        counts = Counter(level_name(s["_level"]) for s in layer)
        out.append(counts.most_common(1)[0][0])
        layer = [child for s in layer for child in s.get("sections", [])]
    return out


def _finish(
    section: dict[str, Any], levels: list[str], depth: int, findings: list[Finding]
) -> dict[str, Any]:
    out: dict[str, Any] = {"title": section["title"]}
    children = section.get("sections", [])
    inner = levels[depth + 1 :]
    if children:
        mine = _levels(children)
        if mine != inner[: len(mine)]:
            out["numbering"] = mine
            inner = mine
            findings.append(
                Finding(section["_line"], "guess", f"đánh số riêng dưới mục: {', '.join(mine)}")
            )
    if section.get("text"):
        out["text"] = "\n\n".join(section["text"])
    if section.get("items"):
        out["items"] = [_item(i) for i in section["items"]]
    if section.get("_table"):
        header, *rows = section["_table"]
        out["table"] = {"columns": header, "rows": rows}
        findings.append(Finding(section["_line"], "guess", f"bảng {len(header)} cột trong mục"))
    if children:
        out["sections"] = [_finish(s, inner, 0, findings) for s in children]
    if section.get("closing"):
        out["closing"] = "\n\n".join(section["closing"])
    return out


def _item(item: str | dict[str, Any]) -> str | dict[str, Any]:
    if isinstance(item, str) or not item["items"]:
        return item if isinstance(item, str) else item["text"]
    return {"text": item["text"], "items": list(item["items"])}


# ---------------------------------------------------------------- the reader


class _Reader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.blocks = source.blocks
        self.at = 0
        self.findings: list[Finding] = [Finding(line, "skip", what) for line, what in source.notes]
        for block in self.blocks:
            if isinstance(block, Para) and block.style == "footnote":
                what = f"chú thích có dấu ngoặc vuông giữ thành đoạn văn: '{block.text[:40]}'"
                self.findings.append(Finding(block.line, "text", what))
        self.metadata: dict[str, tuple[int, str]] = {}
        paragraphs = [b.text for b in self.blocks if isinstance(b, Para)]
        self.casing = Casing(paragraphs)
        self.cut: int | None = None
        self.drafter = ""

    def peek(self) -> Block | None:
        return self.blocks[self.at] if self.at < len(self.blocks) else None

    def para(self) -> Para | None:
        block = self.peek()
        return block if isinstance(block, Para) else None

    def line_of(self, text: str) -> int:
        """The source line of the paragraph that holds `text` (a part found in it), or 1."""
        head = text.lstrip("- ")[:40]
        for block in self.blocks:
            if isinstance(block, Para) and head in block.text:
                return block.line
        return 1

    def note(self, line: int, verdict: Verdict, what: str) -> None:
        self.findings.append(Finding(line, verdict, what))


def _start(blocks: list[Block]) -> int:
    """Where the document begins: its header, after any web page lines before it."""
    for index, block in enumerate(blocks[:60]):
        if isinstance(block, Table):
            cells = " ".join(" ".join(r) for r in block.rows)
            if "CỘNG HÒA" in cells.upper() or re.search(r"Số\s*:", cells):
                return index
        elif isinstance(block, Para) and _upper(block.text) and len(block.text.split()) >= 2:
            window = blocks[index : index + 12]
            texts = [b.text for b in window if isinstance(b, Para)]
            if any(_fold(t).startswith(("cộng", "hòa")) or _NUMBER.match(t) for t in texts):
                return index
    return 0


def _header_lines(reader: _Reader) -> list[tuple[int, str]]:
    """The header's lines in reading order (left column first), up to the type name."""
    lines: list[tuple[int, str]] = []
    while (block := reader.peek()) is not None:
        if isinstance(block, Table):
            for row, line in zip(block.rows, block.row_lines, strict=False):
                for cell in row:
                    for part in cell.split("\n"):
                        part = re.sub(r"[-_]{3,}", "", part).strip()
                        if part:
                            lines.append((line, part))
            reader.at += 1
            continue
        if not isinstance(block, Para):
            break
        text = block.text
        if text in TYPE_NAMES or (text.startswith(("Kính gửi", "V/v")) and lines):
            if text.startswith("V/v"):
                lines.append((block.line, text))
                reader.at += 1
                continue
            break
        if lines and not _upper(text) and not _NUMBER.match(text) and not _PLACE_DATE.match(text):
            if not any(_fold(text).startswith(m[:6]) for m in _MOTTO):
                if lines[-1][1].startswith("V/v"):
                    lines.append((block.line, text))
                    reader.at += 1
                    continue
                break
        lines.append((block.line, text))
        reader.at += 1
    return lines


def _issuer(reader: _Reader, agency: list[tuple[int, str]], place: str) -> dict[str, Any]:
    names = [text for _, text in agency]
    parent: list[str] = []
    for index in range(1, len(names)):
        if _AGENCY_WORDS.match(names[index]):
            parent, names = names[:index], names[index:]
            break
    recased = [_agency_case(reader, line, place, i == 0) for i, line in enumerate(names)]
    issuer: dict[str, Any] = {"name": " ".join(recased)}
    if parent:
        parent_lines = [_agency_case(reader, line, place, i == 0) for i, line in enumerate(parent)]
        issuer["parent"] = " ".join(parent_lines)
        if len(parent_lines) > 1:
            issuer["parent_lines"] = parent_lines
    if len(recased) > 1:
        issuer["header_lines"] = recased
    return issuer


def _agency_case(reader: _Reader, text: str, place: str, first: bool = True) -> str:
    """'TỈNH THỪA THIÊN HUẾ' → 'tỉnh Thừa Thiên Huế'; the place name as the date line has it."""
    if not _upper(text):
        return text
    if place and text.upper().endswith(place.upper()):
        head = text[: len(text) - len(place)].strip()
        return f"{_agency_case(reader, head, '', first)} {place}".strip() if head else place
    low = text.lower()
    if low.startswith("ủy ban nhân dân") or low.startswith("uỷ ban nhân dân"):
        return "Ủy ban nhân dân" + reader.casing.recase(text[len("ỦY BAN NHÂN DÂN") :])
    if text.split()[0].lower() in {"tỉnh", "huyện", "thành", "quận", "xã", "phường", "thị"}:
        words = reader.casing.recase(text)
        return words[:1].lower() + words[1:]
    return (first and reader.casing.phrase(text)) or reader.casing.recase(text, first)


def _header(reader: _Reader, plan: dict[str, Any]) -> None:
    lines = _header_lines(reader)
    agency: list[tuple[int, str]] = []
    place = ""
    subject_lines: list[str] = []
    for line, text in lines:
        folded = _fold(text)
        if any(m.startswith(folded) or folded.startswith(m) or folded in m for m in _MOTTO):
            continue
        if text.upper().strip("() ") in {"DỰ THẢO", "DU THAO"}:
            reader.note(line, "skip", "dấu DỰ THẢO (draft mark): plangen in lại khi chưa có số")
            continue
        if match := _NUMBER.match(re.sub(r"\s+", " ", text)):
            number, symbol = match.groups()
            if number:
                plan["number"] = int(number)
            plan["_symbol"] = symbol
            continue
        if match := _PLACE_DATE.match(text):
            place = match["place"].strip()
            plan["_place"] = place
            if match["d"] and match["m"]:
                plan["date"] = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            plan["year"] = int(match["y"])
            continue
        if subject_lines or text.startswith("V/v"):
            subject_lines.append(text.removeprefix("V/v").strip())
            continue
        agency.append((line, text))
    if subject_lines:
        plan["_vv"] = " ".join(subject_lines)
    if agency:
        plan["issuer"] = _issuer(reader, agency, place)
        reader.note(agency[0][0], "guess", f"cơ quan ban hành: {plan['issuer']['name']}")
    plan["_header_line"] = lines[0][0] if lines else 1


def _symbol(plan: dict[str, Any], kind: str) -> str:
    """The issuer's part of the symbol: 'UBND' of 'KH-UBND'; a công văn's whole symbol."""
    symbol = plan.pop("_symbol", "")
    code = KINDS[kind].code
    if code and symbol.startswith(f"{code}-"):
        return symbol[len(code) + 1 :]
    return symbol


def _subject(reader: _Reader, decides: bool) -> tuple[str, str | None]:
    """The trích yếu after the type name, and a quyết định's authority line."""
    parts: list[str] = []
    while (para := reader.para()) is not None and _upper(para.text):
        if para.text.startswith(("QUYẾT ĐỊNH:",)):
            break
        parts.append(para.text)
        reader.at += 1
    authority = None
    if decides and len(parts) > 1:
        authority = parts.pop()
    if not parts and (para := reader.para()) is not None:
        # A trích yếu has no end mark; 'Thực hiện …' may open one as well as a căn cứ.
        if not para.text.startswith("Căn cứ") and not label(para.text):
            if para.text.endswith((".", ";", ":")):
                return "", authority
            parts.append(para.text)
            reader.at += 1
    if decides and authority is None and (para := reader.para()) is not None:
        if _upper(para.text) and not para.text.startswith("QUYẾT ĐỊNH"):
            authority = para.text
            reader.at += 1
    return " ".join(parts), authority


def _basis(plan: dict[str, Any], verb: str, words: str) -> dict[str, Any] | None:
    """A căn cứ's citations (`words`, after the verb, before the end mark) as plangen
    words them back: structured, several in one paragraph, or as text."""
    proposal = verb in {"Theo đề nghị của", "Xét đề nghị của"}
    pieces = words.split("; ")
    candidates: list[dict[str, Any]] = []
    whole = _citation(words, proposal)
    if whole:
        candidates.append(whole)
    if len(pieces) > 1:
        cites = [_citation(p, proposal) or {"text": p} for p in pieces]
        if any("text" not in c for c in cites):
            candidates.append({**cites[0], "also": cites[1:]})
    candidates.append({"text": words})
    dates = plan.get("citation_dates", "short")
    for candidate in candidates:
        basis = {} if verb == "Căn cứ" else {"verb": verb}
        basis.update(candidate)
        try:
            model = LegalBasis.model_validate(basis)
        except ValueError:
            continue
        worded = "; ".join(context.citation_text(c, dates, proposal) for c in (model, *model.also))
        if _same(worded, words):
            return basis
    return None


def _split_end(text: str) -> tuple[str, str | None]:
    return (text[:-1], text[-1]) if text[-1:] in ";.,:" else (text, None)


def _combined(plan: dict[str, Any], para: Para) -> tuple[dict[str, Any], str] | None:
    """'Căn cứ …, UBND tỉnh ban hành Kế hoạch … như sau:' — the căn cứ opening the
    preamble's paragraph: the basis and the preamble, split where plangen joins them."""
    verb = next(v for v in _VERBS if para.text.startswith(v))
    for match in reversed(list(re.finditer(r"[.,] (?=[A-ZĐÀ-Ỹ])", para.text))):
        head, rest = para.text[: match.start()], para.text[match.end() :]
        basis = _basis(plan, verb, head[len(verb) :].strip())
        if basis is not None:
            basis["end"] = match.group()[0]
            return basis, rest
    return None


_CITE = re.compile(
    r"^(?P<type>[A-ZĐ][^\d]*?)\s+số\s*:?\s*(?P<number>[\w/.\-]+(?:\s*-\s*[A-ZĐ]+)?)\s+"
    r"(?P<date>ngày\s+\d{1,2}/\d{1,2}/\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"(?:\s+của\s+(?P<issuer>.+?))?"
    r"(?:\s+(?P<subject>(?:về|quy định|phê duyệt|ban hành|hướng dẫn)\b.*))?$"
)
_PROPOSAL = re.compile(
    r"^(?P<issuer>.+?)\s+tại\s+(?P<type>[A-ZĐ][^\d]*?)\s+số\s+(?P<number>[\w/.\-]+)\s+"
    r"(?P<date>ngày\s+\d{1,2}/\d{1,2}/\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"(?:\s+(?P<subject>.+))?$"
)


def _date(text: str) -> tuple[dt.date, str] | None:
    if match := re.fullmatch(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", text):
        day, month, year = (int(x) for x in match.groups())
        form = "short"
    elif match := re.fullmatch(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text):
        day, month, year = (int(x) for x in match.groups())
        form = "long"
    else:
        return None
    try:
        return dt.date(year, month, day), form
    except ValueError:
        return None


def _citation(words: str, proposal: bool) -> dict[str, Any] | None:
    if "; " in words or re.search(r"[.,] [A-ZĐÀ-Ỹ]", words):
        return None  # several sentences or documents: not one citation
    match = (_PROPOSAL if proposal else _CITE).match(words)
    if not match:
        return {"issuer": words} if proposal and " tại " not in words else None
    when = _date(match["date"])
    if when is None:
        return None
    cite: dict[str, Any] = {"type": match["type"].strip(), "number": match["number"]}
    cite["date"], form = when
    if form == "long":
        cite["date_form"] = "long"
    for key in ("issuer", "subject"):
        if match[key]:
            cite[key] = match[key].strip()
    return cite


def _opening(reader: _Reader, plan: dict[str, Any]) -> None:
    """Căn cứ paragraphs, then the preamble up to the first numbered part."""
    bases: list[dict[str, Any]] = []
    preamble: list[str] = []
    decides = KINDS[plan["kind"]].decides
    while (para := reader.para()) is not None:
        if decides and para.text.rstrip() in {"QUYẾT ĐỊNH:", "QUYẾT ĐỊNH :"}:
            reader.at += 1
            break
        found = label(para.text)
        if found and found.level not in {"-", "+"}:
            break
        if para.text.startswith(_VERBS) and not preamble:
            verb = next(v for v in _VERBS if para.text.startswith(v))
            words, end = _split_end(para.text[len(verb) :].strip())
            basis = _basis(plan, verb, words) if end != ":" else None
            if basis is not None:
                basis["end"] = end
                bases.append(basis)
                verdict: Verdict = "text" if "text" in basis else "guess"
                shown = "căn cứ" + (" (nguyên văn)" if verdict == "text" else "")
                reader.note(para.line, verdict, shown)
                reader.at += 1
                continue
            if not bases and (combined := _combined(plan, para)) is not None:
                basis, rest = combined
                bases.append(basis)
                plan["bases_in_preamble"] = True
                preamble.append(rest)
                reader.note(para.line, "guess", "căn cứ mở đầu đoạn ban hành (bases_in_preamble)")
                reader.at += 1
                continue
        preamble.append(para.text)
        reader.note(para.line, "text", "đoạn mở đầu (preamble) giữ nguyên văn")
        reader.at += 1
    if preamble:
        plan["preamble"] = "\n\n".join(preamble)
    if bases:
        plan["bases"] = bases
        _tidy_bases(plan)


def _tidy_bases(plan: dict[str, Any]) -> None:
    """Leave out what plangen writes anyway: the usual end marks, one date form for all."""
    cites = [c for b in plan["bases"] for c in (b, *b.get("also", [])) if c.get("number")]
    if cites and all(c.get("date_form") == "long" for c in cites):
        plan["citation_dates"] = "long"
        for cite in cites:
            del cite["date_form"]
    for cite in (c for b in plan["bases"] for c in (b, *b.get("also", []))):
        if not cite.get("number") and cite.get("date_form") == "long":
            del cite["date_form"]  # a law cited by name takes the long form anyway
    shape = SimpleNamespace(
        bases=[SimpleNamespace(end=None, verb=b.get("verb", "Căn cứ")) for b in plan["bases"]],
        bases_in_preamble=plan.get("bases_in_preamble", False),
        preamble=plan.get("preamble"),
    )
    for index, basis in enumerate(plan["bases"]):
        end = basis.pop("end", None)
        if end is not None and end != context.basis_end(shape, index):  # type: ignore[arg-type]
            basis["end"] = end


def _body_end(block: Block, decides: bool) -> bool:
    if isinstance(block, Cut):
        return True
    if isinstance(block, Table):
        text = " ".join(" ".join(r) for r in block.rows)
        signs = re.search(r"N[oơ]i nhận\s*:|(?:^|\s)(?:TM|KT|TL|TUQ)\.\s", text)
        return bool(signs or _motto_table(block))  # the signature, the next document
    text = block.text
    if _RECIPIENTS.match(text) or (_SIGN.match(text) and _upper(text)):
        return True
    return _appendix_heading(text)


def _body(reader: _Reader, plan: dict[str, Any], levels: list[str]) -> list[dict[str, Any]]:
    body = _Body(reader.findings)
    decides = KINDS[plan["kind"]].decides
    closing: list[str] = []
    while (block := reader.peek()) is not None and not _body_end(block, decides):
        reader.at += 1
        if isinstance(block, Table):
            if body.table(block):
                continue
            reader.note(block.line, "text", "bảng trong nội dung giữ thành các đoạn văn")
            for row in block.rows:
                body.text(" ".join(c for c in row if c))
            continue
        assert isinstance(block, Para)
        text = block.text
        if match := _END_MARK.search(text):
            if match.groupdict().get("stray"):
                reader.note(
                    block.line, "skip", f"bỏ chữ lạc '{match['stray']}' sau dấu kết thúc ./."
                )
            text = text[: match.start()].rstrip()
            block = Para(text, block.line, block.italic, block.bold, block.style)
        if closing or (text.startswith("Trên đây") and not label(text)):
            closing.append(text)
            continue
        body.add(block)
    if body.unnumbered:
        plan["_unnumbered"] = body.unnumbered
    if closing:
        plan["closing"] = "\n\n".join(closing)
    sections, numbering = body.sections(levels)
    if numbering:
        plan["numbering"] = numbering
        line = reader.blocks[reader.at - 1].line if reader.at else 1
        reader.note(line, "guess", f"cách đánh số của văn bản: {', '.join(numbering)}")
    return sections


def _tail_lines(reader: _Reader) -> list[tuple[int, str, str]]:
    """Nơi nhận and signature lines: (line, column, text), column `left`/`right`/`any`."""
    out: list[tuple[int, str, str]] = []
    while (block := reader.peek()) is not None:
        if isinstance(block, Cut):
            break
        if isinstance(block, Table):
            if len(block.rows) > 1 and not re.search(r"N[oơ]i nhận", block.rows[0][0]):
                break
            if out and _motto_table(block):
                break  # the header of the document issued with this one
            for row in block.rows:
                for index, cell in enumerate(row):
                    column = "left" if index == 0 and len(row) > 1 else "right"
                    for part in _split_cell(cell):
                        out.append((block.line, column, part))
            reader.at += 1
            continue
        text = block.text
        if (text in TYPE_NAMES and out) or _appendix_heading(text):
            break
        if out and _upper(text) and _signed(out) and not _SIGN.match(text):
            break  # capitals after a complete signature: the next document's title
        if _REFERENCE.match(text) and out:
            break
        out.append((block.line, "any", text))
        reader.at += 1
    return out


def _motto_table(table: Table) -> bool:
    return any(
        _fold(line).startswith(_MOTTO[0][:8])
        for row in table.rows
        for c in row
        for line in c.split("\n")
    )


def _appendix_heading(text: str) -> bool:
    return bool(_APPENDIX_HEAD.match(text)) and (_upper(text) or len(text.split()) <= 3)


def _signed(lines: list[tuple[int, str, str]]) -> bool:
    """A signature block has its position line: the capitals after the TM./KT. lines."""
    marks = [i for i, (_, _, t) in enumerate(lines) if _SIGN.match(t)]
    if not marks:
        return False
    after = [t for _, _, t in lines[marks[-1] + 1 :] if _upper(t)]
    return any(len(t.split()) > 1 for t in after)


def _split_cell(cell: str) -> list[str]:
    """A flattened Nơi nhận cell ('Nơi nhận: - Như Điều 3; - …') back into its lines."""
    parts: list[str] = []
    for line in cell.split("\n"):
        line = line.strip()
        if not line:
            continue
        pieces = re.split(r"(?:(?<=[;:.])|^)\s*(?=-\s)", line)
        parts.extend(p.strip() for p in pieces if p.strip())
    return parts


def _tail(reader: _Reader, plan: dict[str, Any]) -> None:
    lines = _tail_lines(reader)
    recipients: list[str] = []
    archive: list[str] = []
    sign: list[tuple[int, str]] = []
    name: tuple[int, str] | None = None
    in_recipients = False
    for line, _column, text in lines:
        if match := _RECIPIENTS.match(text):
            in_recipients = True
            rest = match.group(1).strip()
            if rest and not rest.startswith("-"):
                reader.note(line, "skip", f"bỏ chữ lạc '{rest}' sau 'Nơi nhận:'")
            elif rest:
                recipients.append(rest.lstrip("- ").rstrip(" ;,."))
            continue
        if match := re.match(r"^-?\s*Lưu\s*:\s*(.*)$", text):
            archive = _archive(reader, line, match.group(1))
            continue
        if text.startswith(("-", "+")) and in_recipients:
            recipients.append(text.lstrip("-+ ").rstrip(" ;,."))
            continue
        if _upper(text) and (sign or _SIGN.match(text) or len(text.split()) <= 8):
            if sign and len(text.split()) == 1 and not _SIGN.match(text):
                sign[-1] = (sign[-1][0], f"{sign[-1][1]} {text}")
            else:
                sign.append((line, text))
            continue
        words = text.split()
        if 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not _upper(text):
            name = (line, text)
            continue
        reader.note(line, "text", f"không rõ phần cuối văn bản: '{text}' (kept nowhere)")
    if recipients:
        plan["recipients"] = recipients
        reader.note(lines[0][0], "guess", f"nơi nhận: {len(recipients)} dòng")
    if archive:
        plan["archive"] = archive
    if reader.drafter:
        plan["drafter"] = reader.drafter
    signature = _signature(sign)
    if name:
        signature["name"] = name[1]
    if sign or name:
        where = sign[0][0] if sign else name[0] if name else 1
        reader.note(
            where,
            "guess",
            "chữ ký: "
            + " / ".join(
                vn.signature_lines(
                    signature.get("collective"),
                    signature.get("authority"),
                    signature.get("head"),
                    signature.get("position"),
                    signature.get("deputy_for"),
                )
            )
            + f" / {signature.get('name', '')}",
        )
    plan["signature"] = signature


def _archive(reader: _Reader, line: int, text: str) -> list[str]:
    body, _, stray = text.partition(". ")
    if re.fullmatch(r"[A-ZĐ]{1,8}\.?(\(\d+\))?", stray.strip()):
        reader.drafter = stray.strip()
        reader.note(line, "guess", f"ký hiệu người đánh máy, số bản (ô 12): {reader.drafter}")
    elif stray.strip():
        reader.note(line, "skip", f"bỏ chữ lạc '{stray.strip()}' sau dòng Lưu")
    entries = [e.strip() for e in body.rstrip(" .").split(",") if e.strip()]
    good = [e for e in entries if _ARCHIVE_ENTRY.match(e)]
    if len(good) != len(entries):
        reader.note(line, "text", f"dòng Lưu không theo mẫu: '{text}'")
    return good or ["VT"]


def _signature(lines: list[tuple[int, str]]) -> dict[str, Any]:
    signature: dict[str, Any] = {}
    rest = [text for _, text in lines]
    if rest and rest[0].startswith("TM."):
        signature["collective"] = vn.sentence_start(rest.pop(0)[3:].strip().lower())
    if rest and (match := _SIGN.match(rest[0])) and match[1] != "TM":
        rest.pop(0)
        signature["authority"] = match[1]
        signature["head"] = title_case(match[2])
        if rest and rest[0].startswith("KT.") and match[1] in {"TL", "TUQ"}:
            signature["deputy_for"] = title_case(rest.pop(0)[3:].strip())
    if rest:
        signature["position"] = title_case(" ".join(rest))
    return signature


def _attached(reader: _Reader, plan: dict[str, Any]) -> None:
    """The document a quyết định issues, printed after its signature (Mẫu 1.3)."""
    if isinstance(block := reader.peek(), Table) and _motto_table(block):
        reader.note(block.line, "guess", "tiêu đề của văn bản kèm theo plangen in lại")
        reader.at += 1
    para = reader.para()
    if para is None or para.text not in TYPE_NAMES:
        return
    kind = TYPE_NAMES[para.text]
    if kind not in ATTACHABLE:
        return
    reader.at += 1
    subject, _ = _subject(reader, False)
    subject = reader.casing.recase(subject)
    attached: dict[str, Any] = {"kind": kind, "subject": subject}
    if (ref := reader.para()) is not None and _REFERENCE.match(ref.text):
        _reference(reader, ref, plan, attached)
        reader.at += 1
    inner: dict[str, Any] = {"kind": kind}
    attached["sections"] = _body(reader, inner, scheme(kind))
    unnumbered = inner.pop("_unnumbered", [])
    if unnumbered:
        attached["preamble"] = "\n\n".join(unnumbered)
    if inner.get("closing"):
        attached["closing"] = inner["closing"]
    if inner.get("numbering"):
        reader.note(para.line, "text", "văn bản kèm theo đánh số khác thể thức: in lại I./1./a)")
    plan["attached"] = attached
    reader.note(para.line, "guess", f"văn bản kèm theo: {para.text}")


def _appendices(reader: _Reader, plan: dict[str, Any]) -> None:
    appendices: list[dict[str, Any]] = []
    while (block := reader.peek()) is not None:
        if isinstance(block, Cut):
            reader.at += 1
            continue
        title: list[str] = []
        cited: dict[str, Any] = {}
        line = getattr(block, "line", 0)
        while (para := reader.para()) is not None and not isinstance(block, Table):
            if _REFERENCE.match(para.text):
                _reference(reader, para, plan, cited)
                reader.at += 1
                break
            if para.text.upper() in {"PHỤ LỤC"} or re.fullmatch(r"PHỤ LỤC\s+\S+", para.text):
                reader.at += 1
                continue
            title.append(para.text)
            reader.at += 1
        table = reader.peek()
        if not isinstance(table, Table):
            if title:
                reader.note(line, "text", f"phụ lục không có bảng: '{' '.join(title)[:60]}' bỏ qua")
            if table is None:
                break
            reader.at += 1
            continue
        reader.at += 1
        columns = [c.replace("\n", " ").strip() or "-" for c in table.rows[0]]
        rows = [[c.replace("\n", " ").strip() for c in r] for r in table.rows[1:]]
        width = len(columns)
        rows = [(r + [""] * width)[:width] if len(r) < width else r for r in rows]
        appendix = {"title": " ".join(title) or "Phụ lục", **cited, "columns": columns}
        appendix["rows"] = rows
        appendices.append(appendix)
        reader.note(table.line, "guess", f"phụ lục: bảng {width} cột, {len(rows)} hàng")
    if appendices:
        (plan.get("attached") or plan)["appendices"] = appendices


def _reference(reader: _Reader, para: Para, plan: dict[str, Any], into: dict[str, Any]) -> None:
    """A '(Kèm theo … của X)' line: plangen words it from the number and date; X is the
    authority (the default) or the issuing agency (`by: issuer`)."""
    match = re.search(r"của\s+(.+?)\)?\s*$", para.text)
    who = _fold(match.group(1)) if match else ""
    authority = _fold(plan.get("authority") or plan["issuer"]["name"])
    if who == _fold(plan["issuer"]["name"]) and who != authority:
        into["by"] = "issuer"
    elif who != authority:
        reader.note(para.line, "text", f"dòng '{para.text[:60]}' in lại theo thể thức")
        return
    reader.note(para.line, "guess", "dòng (Kèm theo …) in lại từ số, ngày của văn bản")


_META = re.compile(
    r"(?P<key>Số hiệu|Ngày ban hành|Ngày có hiệu lực|Loại văn bản|Cơ quan ban hành|Người ký"
    r"|Lĩnh vực)\s+(?P<value>.+?)(?=\s+(?:Số hiệu|Ngày ban hành|Ngày có hiệu lực|Loại văn bản"
    r"|Cơ quan ban hành|Người ký|Lĩnh vực)\s|$)"
)


def _metadata(reader: _Reader, start: int) -> None:
    """A legal website's lines before the document: set aside, the signer's name kept
    for when the copy is cut before the signature."""
    for block in reader.blocks[:start]:
        line = getattr(block, "line", 0)
        text = block.text if isinstance(block, Para) else ""
        for match in _META.finditer(text):
            if match["key"] in _METADATA:
                reader.metadata[_METADATA[match["key"]]] = (line, match["value"].strip())
        reader.note(line, "skip", f"trước văn bản (before the document): '{text[:50]}'")


def _restore_letters(source: Source) -> list[Finding]:
    """A text copy's words that lost a letter or were split, made whole (copyrepair.py)."""
    from plangen import copyrepair

    at = [i for i, b in enumerate(source.blocks) if isinstance(b, Para) and not b.style]
    texts = [source.blocks[i].text for i in at]  # type: ignore[union-attr]
    findings = []
    repairs = sorted(copyrepair.restore(texts) + copyrepair.rejoin(texts))
    for index, offset, word, choice in reversed(repairs):
        para = source.blocks[at[index]]
        assert isinstance(para, Para)
        text = para.text[:offset] + choice + para.text[offset + len(word) :]
        source.blocks[at[index]] = dataclasses.replace(para, text=text)
        what = f"từ bị hỏng trong bản sao (damaged word): '{word}' → '{choice}'"
        findings.append(Finding(para.line, "guess", what))
    return findings[::-1]


_NOTE_TEXT = re.compile(r"^\[\^?(?P<mark>\d{1,3})\]:?\s+(?P<note>.+)$")


def _place_footnotes(source: Source) -> list[Finding]:
    """A copy's footnote texts ('[1] …', Markdown's '[^1]: …') put back as `[^…]` where
    a paragraph before them has their mark ('[1]', '[^1]'); a note whose mark is not
    found stays a paragraph where it stood."""
    from plangen.context import FOOTNOTE

    blocks = source.blocks
    findings = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        match = _NOTE_TEXT.match(block.text) if isinstance(block, Para) else None
        if match is None or not isinstance(block, Para):
            index += 1
            continue
        marked = f"[^{match['note'].strip()}]"
        cited = _cited(blocks, index, match["mark"])
        if cited is not None and FOOTNOTE.fullmatch(marked):
            back, mark = cited
            para = blocks[back]
            assert isinstance(para, Para)
            blocks[back] = dataclasses.replace(para, text=para.text.replace(mark, marked, 1))
            del blocks[index]
            what = f"chú thích {mark} đặt vào chỗ dấu của nó ở dòng {para.line}"
            findings.append(Finding(block.line, "guess", what))
            continue
        what = f"chú thích '{block.text[:40]}' giữ thành đoạn văn (footnote kept as text)"
        findings.append(Finding(block.line, "text", what))
        index += 1
    return findings


def _cited(blocks: list[Block], index: int, number: str) -> tuple[int, str] | None:
    """The paragraph before `index` (the nearest of 40) that has the note's mark, and it."""
    for back in range(index - 1, max(index - 41, -1), -1):
        para = blocks[back]
        if not isinstance(para, Para) or _NOTE_TEXT.match(para.text):
            continue
        for mark in (f"[^{number}]", f"[{number}]"):
            if mark in para.text[1:]:
                return back, mark
    return None


def import_source(source: Source, units: dict[str, str] | None = None) -> Imported:
    """The plan in the source, and what the import guessed, kept as text or left out."""
    repairs = _restore_letters(source) + _place_footnotes(source)
    reader = _Reader(source)
    reader.findings.extend(repairs)
    start = _start(reader.blocks)
    _metadata(reader, start)
    reader.at = start
    plan: dict[str, Any] = {}
    _header(reader, plan)
    kind = None
    if (para := reader.para()) is not None and para.text in TYPE_NAMES:
        kind = TYPE_NAMES[para.text]
        reader.at += 1
    symbol = plan.get("_symbol", "")
    code = symbol.split("-")[0] if "-" in symbol else ""
    if kind is None:
        kind = _CODES.get(code) or ("cong-van" if plan.get("_vv") else "ke-hoach")
        reader.note(plan["_header_line"], "guess", f"loại văn bản: {kind}")
    plan_out: dict[str, Any] = {"kind": kind}
    decides = KINDS[kind].decides
    if not KINDS[kind].titled:  # no type name: the subject is the V/v line under the Số
        subject, authority = plan.pop("_vv", ""), None
    else:
        subject, authority = _subject(reader, decides)
    plan_out["issuer"] = plan.pop("issuer", {"name": GAP})
    plan_out["issuer"]["abbr"] = _symbol(plan, kind) or "UBND"
    plan_out["issuer"]["place"] = plan.pop("_place", "") or GAP
    for key in ("number", "date"):
        if key in plan:
            plan_out[key] = plan[key]
    year = plan.get("year") or (plan["date"].year if "date" in plan else dt.date.today().year)
    plan_out["year"] = year
    if span := re.search(r"(?:giai đoạn|thời kỳ)\s+(\d{4})\s*-\s*(\d{4})", subject, re.IGNORECASE):
        start, end = int(span.group(1)), int(span.group(2))
        if start <= year <= end:
            plan_out["period"] = {"start": start, "end": end}
    plan_out["subject"] = reader.casing.recase(subject) if subject else GAP
    if authority and _fold(authority) != _fold(plan_out["issuer"]["name"]):
        plan_out["authority"] = reader.casing.recase(authority)
    _to(reader, plan_out)
    _opening(reader, plan_out)
    plan_out["sections"] = _body(reader, plan_out, scheme(kind))
    unnumbered = plan_out.pop("_unnumbered", [])
    if unnumbered:
        plan_out["preamble"] = "\n\n".join([plan_out.get("preamble", ""), *unnumbered]).strip()
    if not plan_out["sections"]:
        plan_out["sections"] = [{"title": GAP}]
        reader.note(1, "fill", "không thấy phần nào được đánh số (no numbered part found)")
    if isinstance(reader.peek(), Cut):
        block = reader.peek()
        assert block is not None
        reader.note(getattr(block, "line", 0), "fill", "bản sao bị cắt '[...]': phần sau không có")
        reader.at += 1
    _tail(reader, plan_out)
    _attached(reader, plan_out)
    _appendices(reader, plan_out)
    _complete(reader, plan_out)
    _structure(reader, plan_out, units or {})
    return Imported(_ordered(plan_out), reader.findings)


def _structure(reader: _Reader, plan: dict[str, Any], known: dict[str, str]) -> None:
    """Tasks, duties per unit and task tables, found in the text (importunits.py)."""
    from plangen import importunits

    registry = importunits.Registry(known)
    reports = "results" in KINDS[plan["kind"]].fields
    if reports and (results := importunits.report_results(plan["sections"])):
        plan["results"] = results
        counts = ", ".join(f"{len(v)} {k}" for k, v in results.items())
        reader.note(1, "guess", f"kết quả của báo cáo (results): {counts}")
    bodies = [plan["sections"], *([plan["attached"]["sections"]] if "attached" in plan else [])]
    count = 0
    separators: set[str] = set()
    for sections in bodies:
        paragraphs = [b.text for b in reader.blocks if isinstance(b, Para)]
        for structured, words in importunits.budgets(sections, paragraphs):
            if structured:
                what = f"kinh phí (budget) với các nguồn và tổng số: '{words.lstrip('- ')[:50]}'"
            else:
                what = f"kinh phí giữ nguyên văn (budget kept as text): '{words[:50]}'"
            reader.note(reader.line_of(words), "guess" if structured else "text", what)
    for sections in bodies:
        if made := importunits.targets(sections):
            reader.note(1, "guess", f"{made} chỉ tiêu (targets) từ các gạch đầu dòng")
    for sections in bodies:
        found, used = importunits.tasks(sections, registry)
        count += found
        separators |= used
    if count:
        plan["assignment"] = "line"
        if separators == {"; "}:
            plan["separator"] = "; "
        reader.note(1, "guess", f"{count} nhiệm vụ từ các dòng 'Cơ quan chủ trì: …'")
    for sections in bodies:
        if importunits.organization(sections, registry, from_tasks=not count):
            reader.note(1, "guess", "tổ chức thực hiện: nhiệm vụ theo từng đơn vị (duties)")
    if registry.used:
        plan["units"] = registry.used
        new = ", ".join(f"{k}: {registry.used[k]}" for k in registry.new)
        if new:
            reader.note(1, "guess", f"đơn vị mới (new units): {new}")
    for owner in (plan, plan.get("attached") or {}):
        for index, appendix in enumerate(owner.get("appendices", [])):
            table = _task_table(plan, owner, index, appendix)
            if table is not None:
                owner["appendices"][index] = table
                reader.note(1, "guess", f"phụ lục '{appendix['title'][:40]}' lập từ các nhiệm vụ")


def _task_table(
    plan: dict[str, Any], owner: dict[str, Any], index: int, appendix: dict[str, Any]
) -> dict[str, Any] | None:
    """The appendix as `table: tasks`, when the tasks give exactly its rows."""
    from plangen import importunits
    from plangen.model import Plan, TaskTable

    fields = importunits.task_fields(appendix["columns"])
    if fields is None or not any("tasks" in s for s in _walk(owner.get("sections", []))):
        return None
    table: dict[str, Any] = {"title": appendix["title"], "table": "tasks"}
    for key in ("by",):
        if key in appendix:
            table[key] = appendix[key]
    if fields != list(TaskTable.model_fields["fields"].default):
        table["fields"] = fields
    try:
        model = Plan.model_validate(_ordered(plan))
        candidate = TaskTable.model_validate({**table, "columns": appendix["columns"]})
        document = model if owner is plan else model.attachment_plan()
        assert document is not None
        worded = context.task_table(document, candidate)
    except (ValueError, AssertionError):
        return None
    if worded.rows != appendix["rows"]:
        return None
    default = context.task_table(document, TaskTable.model_validate(table)).columns
    if default != appendix["columns"]:
        table["columns"] = appendix["columns"]
    return table


def _walk(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield section
        yield from _walk(section.get("tasks", []))
        yield from _walk(section.get("sections", []))


def _to(reader: _Reader, plan: dict[str, Any]) -> None:
    para = reader.para()
    if para is None or not para.text.startswith("Kính gửi"):
        return
    reader.at += 1
    rest = para.text.split(":", 1)[1].strip() if ":" in para.text else ""
    names = [rest.rstrip(" ;.")] if rest else []
    while (more := reader.para()) is not None and more.text.startswith("- "):
        names.append(more.text[2:].rstrip(" ;."))
        reader.at += 1
    plan["to"] = names


def _complete(reader: _Reader, plan: dict[str, Any]) -> None:
    """Fields a plan cannot do without, filled from web metadata or marked GAP."""
    signature = plan["signature"]
    if "name" not in signature:
        if "signer" in reader.metadata:
            line, signer = reader.metadata["signer"]
            signature["name"] = signer
            reader.note(line, "guess", f"người ký lấy từ dòng thông tin của trang web: {signer}")
        else:
            signature["name"] = GAP
            reader.note(1, "fill", "không thấy họ tên người ký (signer missing)")
    if not signature.get("authority") and not signature.get("position"):
        signature["position"] = GAP
        reader.note(1, "fill", "không thấy chức vụ người ký (signer's position missing)")
    if "recipients" not in plan:
        first = f"Như Điều {len(plan['sections'])}" if KINDS[plan["kind"]].decides else GAP
        plan["recipients"] = [first]
        reader.note(1, "fill", f"không thấy nơi nhận; ghi tạm '{first}' (recipients missing)")
    if "archive" not in plan:
        plan["archive"] = ["VT"]
        reader.note(1, "fill", "không thấy dòng Lưu; ghi tạm 'VT'")
    if plan["issuer"]["place"] == GAP:
        reader.note(1, "fill", "không thấy địa danh (place missing)")


_ORDER = (
    "kind", "issuer", "number", "date", "year", "period", "subject", "to", "authority",
    "citation_dates", "bases", "bases_in_preamble", "preamble", "numbering", "assignment",
    "separator", "sections", "closing",
    "units", "signature", "recipients", "archive", "drafter", "attached", "appendices", "results",
)  # fmt: skip


def _ordered(plan: dict[str, Any]) -> dict[str, Any]:
    return {key: plan[key] for key in _ORDER if key in plan}


# ---------------------------------------------------------------- YAML

WIDTH = 96
"""Where long text is folded in the YAML, for people to read and diff."""


def _scalar(value: str, indent: int) -> object:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if "\n" in value:
        return LiteralScalarString(value)
    if len(value) + indent <= WIDTH or "  " in value or value != value.strip():
        return value
    folded = FoldedScalarString(value)
    positions, column = [], indent
    for index, char in enumerate(value):
        column += 1
        if char == " " and column > WIDTH - 12 and index + 1 < len(value):
            positions.append(index)
            column = indent
    folded.fold_pos = positions
    return folded


def _prepare(value: object, indent: int = 0) -> object:
    if isinstance(value, dict):
        return {k: _prepare(v, indent + 2) for k, v in value.items()}
    if isinstance(value, list):
        return [_prepare(v, indent + 4) for v in value]
    if isinstance(value, str):
        return _scalar(value, indent + 2)
    return value


def to_yaml(plan: dict[str, Any], header: str) -> str:
    """The plan as YAML with the plan format's key order and long text folded."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(_prepare(plan), stream)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + stream.getvalue()


@dataclass
class Done:
    """What `plangen import` did: the findings, and the written plan's own problems."""

    findings: list[Finding]
    problems: tuple[Any, ...] = ()


def run(
    source_path: Path, target: Path, units_file: Path | None = None, force: bool = False
) -> Done:
    """Read, recognise, write the plan (never over an input), then check it as `validate`."""
    from plangen.diagnostics import PlanError
    from plangen.output import write
    from plangen.sourcetext import read
    from plangen.validation import validate

    inputs = [source_path, *([units_file] if units_file else [])]
    if any(target.resolve() == p.resolve() for p in inputs if p.exists()):
        raise PlanError.at(str(target), "import-input", field="output")
    if target.exists() and not force:
        raise PlanError.at(str(target), "new-exists", field="output")
    known: dict[str, str] = {}
    if units_file is not None:
        from plangen.loader import read as read_yaml

        registry = read_yaml(units_file)
        if not isinstance(registry.data, dict):
            raise PlanError.at(str(units_file), "units-file")
        known = {str(k): str(v) for k, v in registry.data.items()}
    imported = import_source(read(source_path), known)
    used = imported.plan.get("units", {})
    if units_file is not None and used and all(k in known for k in used):
        relative = os.path.relpath(units_file.resolve(), target.resolve().parent)
        imported.plan["units"] = Path(relative).as_posix()
    header = (
        f"Nhập từ (imported from) {source_path.name} bằng plangen import.\n"
        "Xem lại những chỗ ghi [...] và các dòng plangen đã báo (review the reported lines)."
    )
    write(
        target,
        to_yaml(imported.plan, header).encode(),
        reads=inputs,
        suffix=".yaml .yml",
        force=force,
    )
    try:
        checked = validate(target)
        problems: tuple[Any, ...] = checked.warnings
    except PlanError as error:
        problems = error.diagnostics
    return Done(imported.findings, problems)
