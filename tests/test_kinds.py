"""The registry of kinds: one entry says all that differs between kinds."""

from __future__ import annotations

import pytest

from planfiles import plan, write
from plangen import kinds, vn
from plangen.diagnostics import PlanError
from plangen.validation import validate


@pytest.mark.parametrize("key", sorted(kinds.KINDS))
def test_type_codes_and_names_are_those_of_the_decree(key: str) -> None:
    kind = kinds.KINDS[key]
    assert kind.code in {"KH", "QĐ", "BC", "CTr", "TTr", "ĐA", ""}  # "": a công văn has none
    assert kind.type_name == vn.upper(kind.type_name)


def test_every_issued_kind_has_a_bundled_template() -> None:
    from plangen.template import BUNDLED

    assert kinds.ISSUED == ("ke-hoach", "quyet-dinh", "cong-van", "bao-cao")
    for key in kinds.ISSUED:
        assert (BUNDLED / kinds.KINDS[key].template).is_file()


def test_a_field_of_another_kind_is_refused_naming_the_kinds_that_take_it(tmp_path) -> None:
    path = write(tmp_path, plan(to=["Sở Công Thương"], authority="Chủ tịch UBND tỉnh"))
    with pytest.raises(PlanError) as caught:
        validate(path)
    refused = [d for d in caught.value.diagnostics if d.code == "kind-field"]
    assert [(d.field, d.message) for d in refused] == [
        (
            "to",
            "trường 'to' chỉ dùng cho loại văn bản cong-van, bao-cao (field not used by this kind)",
        ),
        (
            "authority",
            "trường 'authority' chỉ dùng cho loại văn bản quyet-dinh (field not used by this kind)",
        ),
    ]


def test_an_unknown_kind_lists_the_kinds_of_the_registry(tmp_path) -> None:
    with pytest.raises(PlanError) as caught:
        validate(write(tmp_path, plan(kind="to-trinh")))
    (problem,) = caught.value.diagnostics
    assert (problem.field, problem.code) == ("kind", "literal_error")
    assert "'ke-hoach', 'quyet-dinh', 'cong-van', 'bao-cao'" in problem.message
