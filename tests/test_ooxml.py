"""Word XML as text: escaped everywhere, formatting on runs, tracked changes around them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from plangen import ooxml
from plangen.ooxml import Revisions, Run

NS = {"w": ooxml.W}
W = f"{{{ooxml.W}}}"


def parse(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{ooxml.W}">{xml}</w:body>')


def test_text_is_escaped_and_braces_are_character_references() -> None:
    assert ooxml.text("a<b & {{c}}") == "a&lt;b &amp; &#123;&#123;c&#125;&#125;"


XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\ufffe\uffff")
).map(lambda value: "".join(c for c in value if c in "\t\n" or c >= " "))


@given(XML_TEXT)
def test_any_text_reads_back_as_itself_and_nothing_in_it_is_jinja(value: str) -> None:
    escaped = ooxml.text(value)
    assert "{" not in escaped and "}" not in escaped  # docxtpl rewrites '{_{' and the like
    element = etree.fromstring(f'<w:t xmlns:w="{ooxml.W}" w:v="{escaped}">{escaped}</w:t>')
    assert (element.text or "") == value
    assert element.get(f"{W}v") == value.replace("\t", " ").replace("\n", " ")


def test_values_in_attributes_cannot_add_attributes() -> None:
    marks = Revisions('x" w:foo="y', '2025"')
    (ins,) = parse(marks.run("insert", Run("chữ"))).findall("w:ins", NS)
    assert dict(ins.attrib) == {
        W + "id": "1",
        W + "author": 'x" w:foo="y',
        W + "date": '2025"',
    }


def test_a_bold_run_stays_bold_when_it_is_tracked() -> None:
    marks = Revisions("plangen", "2025-01-01T00:00:00Z")
    root = parse(
        ooxml.paragraph("Dieu", marks.run("delete", Run("Điều 1. ", bold=True)))
        + ooxml.paragraph("Dieu", marks.run("insert", Run("Điều 2. ", bold=True)))
    )
    deleted = root.find(".//w:del/w:r", NS)
    inserted = root.find(".//w:ins/w:r", NS)
    assert (
        deleted.find("w:rPr/w:b", NS) is not None
        and deleted.find("w:delText", NS).text == "Điều 1. "
    )
    assert (
        inserted.find("w:rPr/w:b", NS) is not None and inserted.find("w:t", NS).text == "Điều 2. "
    )
    assert [e.get(W + "id") for e in root.iter(f"{{{ooxml.W}}}del", f"{{{ooxml.W}}}ins")] == [
        "1",
        "2",
    ]


def test_a_paragraph_mark_can_be_tracked() -> None:
    marks = Revisions("a", "d")
    p = parse(ooxml.paragraph("NoiDung", ooxml.runs([Run("x")]), mark=marks.mark("insert")))
    assert p.find("w:p/w:pPr/w:rPr/w:ins", NS) is not None
    assert p.find("w:p/w:pPr/w:pStyle", NS).get(f"{{{ooxml.W}}}val") == "NoiDung"


def test_a_table_repeats_its_header_row_and_never_splits_a_row() -> None:
    rows = [[("H", Run("TT")), ("H", Run("Nội dung"))], [("C", Run("1")), ("C", Run("a", True))]]
    table = parse(ooxml.table(ooxml.Table([500, 1500], rows))).find("w:tbl", NS)
    found = table.findall("w:tr", NS)
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in found] == [True, False]
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in found)
    assert [c.get(W + "w") for c in table.findall("w:tblGrid/w:gridCol", NS)] == ["500", "1500"]
    assert [r.find("w:rPr/w:b", NS) is not None for r in table.iter(W + "r")] == [
        False,
        False,
        False,
        True,
    ]


def test_a_template_run_deleted_keeps_its_properties_and_its_text_becomes_deleted_text() -> None:
    marks = Revisions("a", "d")
    shape = (
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Số: 26</w:t><w:br/><w:t>x</w:t></w:r>'
    )
    (run,) = parse(marks.wrap("delete", ooxml.deleted(shape))).findall("w:del/w:r", NS)
    assert run.find("w:rPr/w:b", NS) is not None and run.find("w:t", NS) is None
    assert [t.text for t in run.findall("w:delText", NS)] == ["Số: 26", "x"]


def test_an_appendix_section_is_landscape_a4_numbered_from_one_and_the_body_s_is_kept() -> None:
    portrait = parse(
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgNumType w:fmt="decimal"/>'
        "<w:titlePg/></w:sectPr>"
    )[0]
    section = parse(
        ooxml.section_break(etree.tostring(ooxml.landscape(portrait), encoding="unicode"))
    )
    size = section.find("w:p/w:pPr/w:sectPr/w:pgSz", NS)
    assert (size.get(W + "w"), size.get(W + "h"), size.get(W + "orient")) == (
        "16838",
        "11906",
        "landscape",
    )
    assert section.find("w:p/w:pPr/w:sectPr/w:pgNumType", NS).get(W + "start") == "1"
    assert section.find("w:p/w:pPr/w:sectPr/w:titlePg", NS) is not None
    assert portrait.find("w:pgSz", NS).get(W + "orient") is None
    assert portrait.find("w:pgNumType", NS).get(W + "start") is None
