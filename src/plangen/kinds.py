"""The registry of kinds (loại văn bản): everything that differs from one kind to another.

A new kind (tờ trình, thông báo, chương trình …) is one entry here and a template
(plangen/templates/make.py); the model, the checks and the wording read what they need
from its `Kind`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plangen import numbering
from plangen.numbering import Level

KIND_FIELDS = ("to", "authority", "reports_on", "results", "attached", "report")
"""Plan fields that only some kinds accept; each `Kind` lists those it does."""


@dataclass(frozen=True)
class Kind:
    """One kind of document, as Phụ lục III Mục I names and codes it (nd30.md §6)."""

    key: str
    """The value of `kind:` in a plan, e.g. `ke-hoach`."""
    code: str
    """Type code in the symbol, `KH` in `26/KH-UBND`; none for a công văn."""
    type_name: str
    """Type name printed above the trích yếu, e.g. `KẾ HOẠCH`."""
    numbering: tuple[Level, ...] = (numbering.PART, numbering.CLAUSE, numbering.POINT)
    """Default section numbering, outermost level first."""
    issued: bool = True
    """Issued on its own, from `<key>.docx`; otherwise only inside a quyết định (`attached`)."""
    titled: bool = True
    """Prints its type name (a công văn does not: its V/v line stands under the Số)."""
    decides: bool = False
    """A quyết định: authority line, 'QUYẾT ĐỊNH:', articles, 'Như Điều n' first recipient."""
    fields: frozenset[str] = frozenset()
    """Which of KIND_FIELDS it accepts."""
    requires: dict[str, str] = field(default_factory=dict)
    """Fields it cannot do without → the message code when one is missing."""
    dated_after: bool = False
    """Often issued early in the year after the one it is on (a báo cáo on 2024, dated
    January 2025): its date may fall in that year, and next year's draft moves it on too."""

    @property
    def template(self) -> str:
        return f"{self.key}.docx"


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("ke-hoach", "KH", "KẾ HOẠCH"),
        Kind(
            "quyet-dinh",
            "QĐ",
            "QUYẾT ĐỊNH",
            numbering=(numbering.ARTICLE, numbering.PART, numbering.CLAUSE, numbering.POINT),
            decides=True,
            fields=frozenset({"authority", "attached"}),
        ),
        Kind(
            "cong-van",
            "",
            "CÔNG VĂN",
            numbering=(numbering.NUMBERED_PARAGRAPH, numbering.LETTERED_PARAGRAPH),
            titled=False,
            fields=frozenset({"to"}),
            requires={"to": "cong-van-to"},
        ),
        Kind(
            "bao-cao",
            "BC",
            "BÁO CÁO",
            fields=frozenset({"to", "reports_on", "results", "report"}),
            dated_after=True,
        ),
        Kind("chuong-trinh", "CTr", "CHƯƠNG TRÌNH", issued=False),
        Kind("de-an", "ĐA", "ĐỀ ÁN", issued=False),
        Kind("to-trinh", "TTr", "TỜ TRÌNH", issued=False),
    )
}
"""Every kind, by key."""

ISSUED = tuple(key for key, kind in KINDS.items() if kind.issued)
"""Kinds a plan file can be (`kind:`)."""
ATTACHABLE = ("chuong-trinh", "ke-hoach", "de-an")
"""Kinds a quyết định can issue or approve (`attached.kind`)."""


def accepting(name: str) -> str:
    """'cong-van, bao-cao': the kinds that accept the field `name`, for messages."""
    return ", ".join(key for key, kind in KINDS.items() if name in kind.fields)
