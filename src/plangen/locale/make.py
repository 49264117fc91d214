"""Write the English message catalogue from diagnostics.MESSAGES, and compile it.

Run `python -m plangen.locale.make` after adding or changing a message, word the new
entries of `en/LC_MESSAGES/plangen.po` (a new message starts from its English gloss, the
words in its last brackets; a changed one keeps its old English, marked fuzzy), then run
it again to compile `plangen.mo`. The tests check that every message has a reviewed
English text with the same placeholders, and that the .mo is the compiled .po.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from plangen.diagnostics import MESSAGES
from plangen.language import gloss

HERE = Path(__file__).resolve().parent
PO = HERE / "en" / "LC_MESSAGES" / "plangen.po"
MO = PO.with_suffix(".mo")
_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)  # fixed: same input, same bytes


def _catalog() -> Catalog:
    return Catalog(
        locale="en",
        domain="plangen",
        project="plangen",
        header_comment="# English messages of plangen (python -m plangen.locale.make).",
        creation_date=_DATE,
        revision_date=_DATE,
        fuzzy=False,
    )


def catalog(previous: Catalog | None = None) -> Catalog:
    """Every message of MESSAGES, with its English from `previous` where it has one."""
    known = {m.context: m for m in previous or [] if m.id and m.context}
    made = _catalog()
    for code, text in MESSAGES.items():
        old = known.get(code)
        if old is not None and old.id == text:
            made.add(text, old.string, context=code, flags=old.flags)
        elif old is not None:
            made.add(text, old.string, context=code, flags={"fuzzy"})
        else:
            made.add(text, gloss(text), context=code, flags={"fuzzy"})
    return made


def compiled(po: bytes) -> bytes:
    """The .mo of a .po file's bytes."""
    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po)))
    return out.getvalue()


def po_bytes(made: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, made, width=100, no_location=True)
    return out.getvalue()


def main() -> None:
    previous = read_po(io.BytesIO(PO.read_bytes())) if PO.exists() else None
    data = po_bytes(catalog(previous))
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(data)
    MO.write_bytes(compiled(data))


if __name__ == "__main__":
    main()
