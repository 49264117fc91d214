"""Sửa bản sao (copy repair): words a copy damaged, made whole where the document shows them.

Legal websites' copies drop letters their old fonts lacked ('chuyn giao' for 'chuyển
giao', 'ng dụng' for 'ứng dụng'), and a PDF's text keeps a line-end hyphen as '- ' ('NĐ-
CP'). A word is taken as lost a letter only when it cannot be Vietnamese as it stands (it
has no vowel) or occurs nowhere else, and it is restored only when putting back one letter
gives a word that the same document writes elsewhere next to the same neighbour, and one
such word only; a split word is joined only where the document writes it joined. Word
files are never touched; each repair is a guess the import lists with its line.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
"""The accented letters a copy may have lost (lower case, precomposed)."""
_VOWELS = set("aeiouy" + LETTERS) - {"đ"}
_WORD = re.compile(r"\w+")
_CLAUSE = re.compile(r"[.,;:!?()\"“”]")


def _pairs(texts: list[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for clause in _CLAUSE.split(text.lower()):
            found = _WORD.findall(clause)
            words.update(found)
            pairs.update(itertools.pairwise(found))
    return words, pairs


def _damaged(word: str, count: int) -> bool:
    return word.isalpha() and word.islower() and (count == 1 or not set(word) & _VOWELS)


def _confirmed(
    pairs: Counter[tuple[str, str]], before: str | None, word: str, after: str | None, sure: bool
) -> bool:
    """Whether the document writes `word` next to these neighbours elsewhere: one of them
    for a word that cannot stand as written (`sure`), else each it has."""
    seen = [
        pairs[(before, word)] > 0 if before else None,
        pairs[(word, after)] > 0 if after else None,
    ]
    known = [s for s in seen if s is not None]
    return any(known) if sure else bool(known) and all(known)


def restore(texts: list[str]) -> list[tuple[int, int, str, str]]:
    """The restorations to make in `texts`: (index of the text, offset of the word in it,
    word as written, word restored)."""
    words, pairs = _pairs(texts)
    out: list[tuple[int, int, str, str]] = []
    for index, text in enumerate(texts):
        found = list(_WORD.finditer(text))
        for at, match in enumerate(found):
            written, word = match.group(), match.group().lower()
            if not _damaged(word, words[word]):
                continue
            before = after = None
            if at and not _CLAUSE.search(text[found[at - 1].end() : match.start()]):
                before = found[at - 1].group().lower()
            if at + 1 < len(found) and not _CLAUSE.search(
                text[match.end() : found[at + 1].start()]
            ):
                after = found[at + 1].group().lower()
            sure = not set(word) & _VOWELS
            choices = {
                candidate
                for position in range(len(word) + 1)
                for letter in LETTERS
                if words[candidate := word[:position] + letter + word[position:]]
                and _confirmed(pairs, before, candidate, after, sure)
            }
            if len(choices) == 1:
                (choice,) = choices
                if written[0].isupper():
                    choice = choice[0].upper() + choice[1:]
                out.append((index, match.start(), written, choice))
    return out


_SPLIT = re.compile(r"(?<![\w-])(\w+)- (\w+)(?![\w-])")


def rejoin(texts: list[str]) -> list[tuple[int, int, str, str]]:
    """Words a copy split at a line-end hyphen ('NĐ- CP'), where the document writes them
    joined ('NĐ-CP'): (index of the text, offset, as written, joined)."""
    joined = Counter(m.group() for t in texts for m in re.finditer(r"\w+-\w+", t))
    return [
        (index, match.start(), match.group(), f"{match[1]}-{match[2]}")
        for index, text in enumerate(texts)
        for match in _SPLIT.finditer(text)
        if joined[f"{match[1]}-{match[2]}"]
    ]
