"""Messages in Vietnamese with the English gloss, or in English only (--lang, PLANGEN_LANG,
LANG …), from the gettext catalogue made from diagnostics.MESSAGES."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from conftest import PLANS, run
from plangen.cli import main
from plangen.diagnostics import MESSAGES
from plangen.language import from_environment, gloss
from plangen.locale import make

CORPUS = Path(__file__).parent / "corpus"
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯà-ỹÀ-Ỹ]")
"""A letter only Vietnamese uses (the English messages quote none of the corpus's text)."""


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"LANGUAGE": "vi:en", "LANG": "en_US.UTF-8"}, "vi"),
        ({"PLANGEN_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
        ({"PLANGEN_LANG": "en"}, "en"),
    ],
)
def test_the_language_comes_from_the_environment(environ: dict[str, str], language: str) -> None:
    assert from_environment(environ) == language


def test_lang_en_words_every_message_in_english_only() -> None:
    code, printed = run("--lang", "en", "validate", str(CORPUS / "many-errors.yaml"))
    assert code == 2
    lines = printed.splitlines()
    assert (
        f"{CORPUS / 'many-errors.yaml'}:79:11: archive[0]: the archive line must start with VT"
        in (printed)
    )
    assert "no unit 'SXD' in the units registry; did you mean 'SKHDT'? [unknown-unit]" in printed
    assert lines[-1] == "plangen: 3 error(s)"
    assert not [line for line in lines if VIETNAMESE.search(line.split(": ", 2)[-1])]


def test_lang_en_is_also_the_words_of_commands(tmp_path: Path) -> None:
    code, printed = run("--lang", "en", "build", str(PLANS / "2024.yaml"), "-o", str(tmp_path))
    assert code == 0 and printed == f"{tmp_path / '2024.docx'} (written)\n"
    code, printed = run("--lang", "en", "validate", str(PLANS / "2024.yaml"))
    assert printed == f"{PLANS / '2024.yaml'}: valid\n"


def test_an_english_lang_chooses_english_and_vietnamese_stays_the_default() -> None:
    plan = str(CORPUS / "unknown-key.yaml")
    english = CliRunner(env={"PLANGEN_LANG": None, "LANG": "en_US.UTF-8"}).invoke(
        main, ["validate", plan]
    )
    assert "unknown key 'titel'; did you mean 'title'? [extra_forbidden]" in english.output
    default = CliRunner(env={"PLANGEN_LANG": None, "LANG": "C.UTF-8"}).invoke(
        main, ["validate", plan]
    )
    assert "khóa không hợp lệ 'titel'; có phải 'title'? (did you mean) (unknown key)" in (
        default.output
    )


def test_every_message_has_english_with_the_same_placeholders() -> None:
    """From the catalogue, or (a message added since `make` last ran) its gloss."""
    catalogue = {m.context: m for m in read_po(io.BytesIO(make.PO.read_bytes())) if m.id}
    assert set(catalogue) <= set(MESSAGES), "run python -m plangen.locale.make"
    translated = 0
    for code, text in MESSAGES.items():
        entry = catalogue.get(code)
        if entry is None or entry.id != text or entry.fuzzy:
            assert gloss(text), f"{code}: no English yet; run python -m plangen.locale.make"
            continue
        assert _fields(entry.string) == _fields(text), code
        assert entry.string != text or not re.sub(r"\{\w+\}", "", text).strip(), code
        translated += 1
    assert translated >= 110


def test_the_shipped_catalogue_is_the_po_file_compiled() -> None:
    po = make.PO.read_bytes()
    assert make.po_bytes(make.catalog(read_po(io.BytesIO(po)))) == po
    assert make.MO.read_bytes() == make.compiled(po)
