"""A document issued with a decision (`attached`, Mẫu 1.3): its own opening, tasks, appendix,
checks and page numbers, and a '(Kèm theo Quyết định …)' line naming whom the source names."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from docx.oxml.ns import qn

from conftest import TEST_PLANS, run
from docxprops import Doc
from planfiles import diagnose, where, write
from plangen.conformance import check_files

DECISION: dict[str, Any] = yaml.safe_load((TEST_PLANS / "qd-attached.yaml").read_text("utf-8"))


def decision(**attached: Any) -> dict[str, Any]:
    """The test decision, its attached plan's keys replaced (None removes a key)."""
    data = copy.deepcopy(DECISION)
    for key, value in attached.items():
        if value is None:
            data["attached"].pop(key, None)
        else:
            data["attached"][key] = value
    return data


WITH_APPENDIX = {
    "preamble": "Để triển khai kịp thời, UBND huyện ban hành Kế hoạch với các nội dung sau:",
    "sections": [
        {"title": "Mục đích, yêu cầu", "items": ["Triển khai có hiệu quả các nhiệm vụ (CCN)."]},
        {
            "title": "Nhiệm vụ",
            "text": "Chi tiết tại Phụ lục kèm theo.",
            "tasks": [{"id": "t1", "title": "Quy hoạch cụm công nghiệp", "lead": "KTHT"}],
        },
    ],
    "appendices": [{"title": "Danh mục nhiệm vụ", "table": "tasks", "by": "issuer"}],
}


def built(folder: Path, data: dict[str, Any]) -> Doc:
    out = folder / "qd.docx"
    code, output = run("build", str(write(folder, data)), "-o", str(out))
    assert code == 0, output
    return Doc(out)


def test_the_issued_plan_opens_with_its_own_upright_paragraph(tmp_path: Path) -> None:
    doc = built(tmp_path, decision(**WITH_APPENDIX) | {"abbreviations": {"CCN": "cụm công nghiệp"}})
    after = [doc.para(p) for p in doc.tables()[2].itersiblings(qn("w:p"))]
    texts = [p for p in after if p.text]
    reference, opening = texts[2], texts[3]
    assert reference.text.endswith("của Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh)")
    assert opening.text == WITH_APPENDIX["preamble"]
    assert opening.all("italic") == {False}


def test_its_tasks_feed_its_own_appendix_which_cites_the_decision(tmp_path: Path) -> None:
    doc = built(tmp_path, decision(**WITH_APPENDIX) | {"abbreviations": {"CCN": "cụm công nghiệp"}})
    table = doc.tables()[3]
    rows = [[doc.para(p).text for p in tr.iter(qn("w:p"))] for tr in table.findall(qn("w:tr"))]
    assert rows[1][:3] == ["1", "Quy hoạch cụm công nghiệp", "Phòng Kinh tế và Hạ tầng"]
    texts = [p.text for p in doc.body_paragraphs()]
    assert (
        "(Kèm theo Quyết định số 120/QĐ-UBND ngày 10 tháng 02 năm 2022 "
        "của Ủy ban nhân dân huyện Vĩnh Linh)"
    ) in texts  # the appendix names the agency, as `by: issuer` says


def test_the_issued_plan_is_numbered_on_its_own_from_an_unnumbered_first_page(
    tmp_path: Path,
) -> None:
    doc = built(tmp_path, decision(**WITH_APPENDIX) | {"abbreviations": {"CCN": "cụm công nghiệp"}})
    decision_, issued, appendix = doc.sections()
    for section in (decision_, issued, appendix):
        assert section.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.find(qn("w:titlePg")) is not None
    assert issued.find(qn("w:pgSz")).get(qn("w:orient")) is None
    assert appendix.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"


def located(folder: Path, data: dict[str, Any], code: str, needle: str) -> None:
    found = [d for d in diagnose(folder, data) if d.code == code]
    assert [(d.line, d.column) for d in found] == [where(folder / "plan.yaml", needle)]


def test_a_deadline_of_the_issued_plan_is_checked(tmp_path: Path) -> None:
    task = {"id": "t1", "title": "Quy hoạch", "lead": "KTHT", "due": "Quý II/2030"}
    data = decision(sections=[{"title": "Nhiệm vụ", "tasks": [task]}])
    located(tmp_path, data, "due-outside", "Quý II/2030")


def test_an_abbreviation_used_only_in_the_issued_plan_is_used(tmp_path: Path) -> None:
    data = decision(**WITH_APPENDIX) | {"abbreviations": {"CCN": "cụm công nghiệp"}}
    assert [d.code for d in diagnose(tmp_path, data)] == []


def test_an_appendix_mentioned_only_in_the_issued_plan_is_its_own(tmp_path: Path) -> None:
    data = decision(**{**WITH_APPENDIX, "appendices": None})
    data["abbreviations"] = {"CCN": "cụm công nghiệp"}
    located(tmp_path, data, "appendix-missing", "text: |Chi tiết tại Phụ lục")  # at the mention


def test_an_appendix_of_the_issued_plan_must_be_mentioned_in_it(tmp_path: Path) -> None:
    sections = copy.deepcopy(WITH_APPENDIX["sections"])
    del sections[1]["text"]
    data = decision(**{**WITH_APPENDIX, "sections": sections})
    data["abbreviations"] = {"CCN": "cụm công nghiệp"}
    located(tmp_path, data, "appendix-unmentioned", "  |appendices:")


def test_the_appendix_words_a_task_as_the_table_does_and_joins_units_per_role(
    tmp_path: Path,
) -> None:
    task = {
        "id": "t1",
        "title": "Tổ chức Hội nghị triển khai nội dung của Nghị định.",
        "table_title": "Tổ chức Hội nghị triển khai Nghị định.",
        "lead": ["KTHT", "TCKH"],
        "support": ["VP", "LQ", "DV"],
        "separator": {"lead": ", ", "support": "và"},
        "due": "Quý III, IV/2022",
    }
    data = decision(
        **{
            **WITH_APPENDIX,
            "sections": [{"title": "Nhiệm vụ", "text": "Phụ lục kèm theo.", "tasks": [task]}],
        }
    )
    data["units"] |= {
        "TCKH": "Phòng Tài chính - Kế hoạch",
        "VP": "Văn phòng",
        "LQ": "các cơ quan có liên quan",
        "DV": "các đơn vị",
    }
    doc = built(tmp_path, data)
    row = [doc.para(p).text for p in doc.tables()[3].findall(qn("w:tr"))[1].iter(qn("w:p"))]
    assert row[1:4] == [
        "Tổ chức Hội nghị triển khai Nghị định.",
        "Phòng Kinh tế và Hạ tầng, Phòng Tài chính - Kế hoạch",
        "Văn phòng, các cơ quan có liên quan và các đơn vị",
    ]
    body = [p.text for p in doc.body_paragraphs()]
    assert "1. Tổ chức Hội nghị triển khai nội dung của Nghị định." in body


def test_an_appendix_the_issued_text_never_points_to_may_be_acknowledged(tmp_path: Path) -> None:
    sections = copy.deepcopy(WITH_APPENDIX["sections"])
    del sections[1]["text"]
    appendix = {**WITH_APPENDIX["appendices"][0], "quiet": ["appendix-unmentioned"]}
    data = decision(**{**WITH_APPENDIX, "sections": sections, "appendices": [appendix]})
    data["abbreviations"] = {"CCN": "cụm công nghiệp"}
    assert [d.code for d in diagnose(tmp_path, data)] == []


def r73(doc: Doc) -> str:
    (results,) = check_files([doc.path])
    assert isinstance(results, list), results
    return next(r.status for r in results if r.rule.id == "R73")


def test_check_reads_the_issued_plan_where_it_points_to_its_appendix(tmp_path: Path) -> None:
    data = decision(**WITH_APPENDIX) | {"abbreviations": {"CCN": "cụm công nghiệp"}}
    assert r73(built(tmp_path, data)) == "pass"
    sections = copy.deepcopy(WITH_APPENDIX["sections"])
    del sections[1]["text"]
    appendix = {**WITH_APPENDIX["appendices"][0], "quiet": ["appendix-unmentioned"]}
    silent = decision(**{**WITH_APPENDIX, "sections": sections, "appendices": [appendix]})
    assert r73(built(tmp_path, silent | {"abbreviations": data["abbreviations"]})) == "fail"
