"""How much of a seed document a built .docx reproduces, sentence by sentence.

The seeds (tests/seeds/, copied from the shared folder) are real documents as plain text:
their formatting is lost, lines are sometimes hard-wrapped, and web pages add cruft around
them. A seed's *document part* runs from a start marker to an end marker; it is cut into
sentences at `.`, `;`, `:`, `?`, table cell bars, line ends and the wide gaps between the columns
of a text copied with its layout (header, signature block), and each sentence must
occur in the document's text. Both sides are compared NFC, case-folded (the decree fixes
capitals, the seeds' copies do not), with dashes, quotes and spaces made uniform.

    python tests/seedtext.py 003 output/vinh-linh-2022.docx   # lists what is missing

The other way round, `added` lists the document's sentences the seed lacks.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).parent / "seeds"


@dataclass(frozen=True)
class Seed:
    """Where a seed's document part is, and what in it is not the document's own text."""

    file: str
    start: str
    end: str | None = None
    noise: tuple[tuple[str, str], ...] = ()
    """Replacements made first: slips of the copy (a stray `BL`, `Noi nhận`), web cruft."""
    skip: tuple[str, ...] = field(default=())
    """Sentences plangen writes in Decree 30's form instead, each with its reason beside it."""

    def text(self) -> str:
        raw = (SEEDS / self.file).read_text(encoding="utf-8")
        begin = raw.index(self.start)
        stop = raw.index(self.end, begin) if self.end else len(raw)
        part = raw[begin:stop]
        for old, new in self.noise:
            assert old in part, f"{self.file}: noise {old!r} not found"
            part = part.replace(old, new)
        return part


def normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("**", "")
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    text = re.sub(r"[“”„]", '"', text).replace("’", "'")
    text = re.sub(r"\s+/", "/", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


_CUT = re.compile(r"(?<=[.;:?])\s+|\s*\|\s*|\n| {8,}|\[\.\.\.\]")


def sentences(seed: Seed) -> list[str]:
    """The seed's document part as sentences, normalised, without rules and empty bits."""
    parts = (normal(piece) for piece in _CUT.split(seed.text()) if piece)
    skipped = {normal(s) for s in seed.skip}
    return [p for p in parts if p and not re.fullmatch(r"[-_*. ]*", p) and p not in skipped]


def document_paragraphs(path: Path) -> list[str]:
    """Every paragraph of the document (tables cell by cell, headers first), as written."""
    from docx import Document

    document = Document(str(path))
    body = document.element.body
    texts = [p.text for p in document.sections[0].first_page_header.paragraphs]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for paragraph in body.iter(f"{w}p"):
        # a line break inside a paragraph ('BỘ NÔNG NGHIỆP' / 'VÀ MÔI TRƯỜNG') reads as a space
        texts.append(
            "".join(
                (node.text or "") if node.tag == f"{w}t" else " "
                for node in paragraph.iter(f"{w}t", f"{w}br")
            )
        )
    return texts


def document_words(path: Path) -> str:
    """Every paragraph of the document, normalised, in one string."""
    return " " + normal(" ".join(document_paragraphs(path))) + " "


def missing(seed: Seed, document: Path) -> tuple[int, list[str]]:
    """How many sentences the seed part has, and those the document lacks."""
    haystack = document_words(document)
    wanted = sentences(seed)
    return len(wanted), [s for s in wanted if s not in haystack]


def added(seed: Seed, document: Path) -> tuple[int, list[str]]:
    """How many sentences the document has, cut as the seed's are, and those the seed part
    lacks: words the author of the document never wrote."""
    haystack = " " + normal(seed.text()) + " "
    pieces = (normal(piece) for text in document_paragraphs(document) for piece in _CUT.split(text))
    found = [p for p in pieces if p and not re.fullmatch(r"[-_*. ]*", p)]
    return len(found), [s for s in found if s not in haystack]


SEED_PARTS = {
    "000": Seed("000_3d9236c85690edf7.txt", "ỦY BAN NHÂN DÂN"),
    # A news item about the letter: its document part is the five numbered assignments.
    "001": Seed("001_4dc75c2b4985b6dc.txt", "1. Sở Công Thương chủ trì", "Thông tin chi tiết"),
    "002": Seed(
        "002_3f2101cc3e4a3fb7.txt",
        "ỦY BAN NHÂN DÂN",
        skip=(
            # A fourth heading level: plangen numbers I./1./a) and the seed's 4.1/4.2 become đ), e).
            "4.1.",
            "4.2.",
            # plangen writes the Decree 30 form '(Kèm theo Kế hoạch số … ngày … tháng … năm …)'.
            "(Kèm theo Kế hoạch hành động số 148/KH-UBND ngày 27/9/2021 của UBND tỉnh)",
        ),
    ),
    "003": Seed(
        "003_765e447fd6987c01.txt",
        "**ỦY BAN NHÂN DÂN",
        noise=(
            ("thực hiện./BL", "thực hiện./."),
            ("Noi nhận: BL", "Nơi nhận:"),
            ("KTHT. giao", "KTHT."),
        ),
    ),
    # The web copy lost some letters (ổ, ể, ữ, ứ, ợ); the decision is written correctly.
    "005": Seed("005_kh-lao-cai-134-2026.txt", "ỦY BAN NHÂN DÂN"),
    "004": Seed(
        "004_1938b4051cc2950b.txt",
        "ỦY BAN NHÂN DÂN",
        noise=(
            ("sửa đi,", "sửa đổi,"),
            ("chuyn giao", "chuyển giao"),
            ("bền vng", "bền vững"),
            ("đáp ng", "đáp ứng"),
            ("Hỗ trsửa", "Hỗ trợ sửa"),
            ("Đẩy mạnh ng dụng", "Đẩy mạnh ứng dụng"),
        ),
    ),
    # The repository's Markdown-like copy: '|' table rows, italics as *…*, the header's rules
    # as dashes; the PDF's line-end hyphens ('NĐ- CP', 'các- bon') are joined again.
    "006": Seed(
        "006_qd-bnnmt-2200-2026.txt",
        "| BỘ NÔNG NGHIỆP",
        noise=(
            ("*", ""),
            (" ------- |", " |"),
            ("  --------------- |", " |"),
            ("NĐ- CP", "NĐ-CP"),
            ("các- bon", "các-bon"),
            # plangen writes the Decree 30 form '(Kèm theo Quyết định số …', without a colon.
            ("Quyết định số: 2200", "Quyết định số 2200"),
        ),
    ),
}


if __name__ == "__main__":
    key, built = sys.argv[1], Path(sys.argv[2])
    total, lacking = missing(SEED_PARTS[key], built)
    for sentence in lacking:
        print("MISSING:", sentence)
    print(f"{total - len(lacking)}/{total} sentences found")
    total, extra = added(SEED_PARTS[key], built)
    for sentence in extra:
        print("NOT IN THE SEED:", sentence)
    print(f"{total - len(extra)}/{total} sentences of the document are in the seed")
