"""The language of messages: Vietnamese with the English gloss (the default), or English.

The Vietnamese messages (diagnostics.MESSAGES) are the source texts; English comes from
the gettext catalogue `locale/en/LC_MESSAGES/plangen.mo`, each message found by its
code (msgctxt) and its Vietnamese text (msgid). `--lang en`, or an English `PLANGEN_LANG`,
`LANGUAGE`, `LC_ALL`, `LC_MESSAGES` or `LANG` (`en_US.UTF-8`), chooses English.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

DOMAIN = "plangen"
LANGUAGES = ("vi", "en")
"""`vi`: Vietnamese with the English gloss in brackets; `en`: English only."""
ENVIRONMENT = ("PLANGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the language is read from, the first one set (`PLANGEN_LANG`, then gettext's)."""


def _locales() -> Path:
    folder = resources.files("plangen") / "locale"
    assert isinstance(folder, Path), folder
    return folder


LOCALES = _locales()
_GLOSS = re.compile(r"\(([^()]*)\)\s*$")
_translations: gettext.NullTranslations = gettext.NullTranslations()
_english = False


def gloss(text: str) -> str:
    """The English gloss of a message: the words in its last brackets ('' when none)."""
    found = _GLOSS.search(text)
    return found.group(1) if found else ""


def from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """`en` when the first locale variable set names English, else `vi`."""
    for name in ENVIRONMENT:
        value = environ.get(name, "")
        if value:
            return "en" if value.split(":")[0].lower().startswith("en") else "vi"
    return "vi"


def use(language: str) -> None:
    """Word every message from now on in `language` (one of LANGUAGES)."""
    global _translations, _english
    _english = language == "en"
    _translations = (
        gettext.translation(DOMAIN, LOCALES, ["en"]) if _english else gettext.NullTranslations()
    )


def translate(code: str, text: str) -> str:
    """The message `text` (of code `code`) in the language in use; in English, a message
    the catalogue does not have yet reads as its gloss."""
    found = _translations.pgettext(code, text)
    return (gloss(text) or text) if _english and found == text else found
