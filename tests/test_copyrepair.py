"""Copy repair: a word a copy printed without an accented letter, or split at a line-end
hyphen, is made whole only where the same document writes it so."""

from __future__ import annotations

from plangen.copyrepair import rejoin, restore


def test_a_word_without_a_vowel_gets_back_the_letter_its_neighbour_shows() -> None:
    texts = ["Ứng dụng công nghệ thông tin.", "Đẩy mạnh ng dụng công nghệ."]
    assert restore(texts) == [(1, 9, "ng", "ứng")]


def test_a_word_seen_once_needs_both_neighbours_to_agree() -> None:
    # 'vi phạm' is a word, even though 'phối hợp với' makes 'hợp với' familiar.
    texts = ["Phối hợp với các sở.", "Xử lý các trường hợp vi phạm."]
    assert restore(texts) == []
    texts = ["Chuyển giao công nghệ mới.", "Hỗ trợ chuyn giao công nghệ."]
    assert restore(texts) == []  # 'trợ chuyển' is not written elsewhere
    texts = ["Hỗ trợ chuyển giao công nghệ mới.", "Hỗ trợ chuyn giao công nghệ."]
    assert restore(texts) == [(1, 7, "chuyn", "chuyển")]


def test_no_restoration_when_the_document_never_shows_the_word_or_shows_two() -> None:
    assert restore(["Phát triển bền vng."]) == []
    texts = ["ứng dụng mới.", "ưng dụng cũ.", "Đẩy mạnh ng dụng."]
    assert restore(texts) == []  # 'ứng dụng' and 'ưng dụng': which one, nobody can tell


def test_a_word_split_at_a_line_end_hyphen_is_joined_where_the_document_writes_it_joined() -> None:
    texts = ["Căn cứ Nghị định số 180/2026/NĐ-CP;", "Nghị định số 180/2026/NĐ- CP quy định."]
    assert rejoin(texts) == [(1, 22, "NĐ- CP", "NĐ-CP")]
    assert rejoin(["Sản xuất công- nông nghiệp."]) == []  # never written joined: kept
