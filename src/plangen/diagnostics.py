"""Problems found in plan files, as values with a location, and the one error the CLI shows.

Messages are looked up by a stable code, Vietnamese first with the English gist in
brackets, so tools can match the code and people can read the text.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from plangen.language import translate

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]

MESSAGES: dict[str, str] = {
    # files and syntax
    "file-missing": "không tìm thấy tệp (file not found)",
    "folder-empty": "thư mục không có tệp kế hoạch .yaml nào (no plan files in the folder)",
    "file-is-dir": "đây là thư mục, không phải tệp YAML (a folder, not a file)",
    "file-unreadable": "không đọc được tệp: {reason} (cannot read file)",
    "file-special": "không phải tệp thường (FIFO, thiết bị, socket); chỉ đọc tệp thường (not a regular file)",
    "file-too-large": "tệp quá lớn: {size} byte, tối đa {limit} byte (file too large)",
    "file-empty": "tệp rỗng, chưa có nội dung kế hoạch (empty file)",
    "file-binary": "tệp nhị phân, không phải văn bản YAML (binary file)",
    "encoding-utf16": "tệp được lưu dạng UTF-16; hãy lưu lại dạng UTF-8 (saved as UTF-16: save as UTF-8)",
    "encoding-invalid": "byte 0x{byte} không hợp lệ trong UTF-8; hãy lưu tệp dạng UTF-8 (invalid UTF-8)",
    "git-revision": "phiên bản git '{revision}' không hợp lệ (invalid git revision)",
    "git-failed": "không đọc được từ git: {reason} (cannot read from git)",
    "git-path": "tệp phải nằm trong cùng phiên bản git (a file named from a revision must be in that revision)",
    "output-unwritable": "không ghi được tệp kết quả: {reason} (cannot write output)",
    "stdout-unwritable": "không ghi được ra đầu ra chuẩn: {reason} (cannot write the standard output)",
    "output-is-input": "tệp kết quả chính là tệp đầu vào {input}; chọn tên khác (the output is an input file)",
    "output-is-dir": "tệp kết quả là một thư mục; ghi '/' ở cuối để ghi vào trong thư mục (the output is a folder)",
    "output-special": "tệp kết quả không phải tệp thường (FIFO, thiết bị); chỉ ghi tệp thường (not a regular file)",
    "output-suffix": "tệp kết quả phải có đuôi {suffix}; dùng --force nếu đúng ý, hoặc '/' ở cuối cho thư mục (wrong extension)",
    "output-collision": "tệp kết quả {output} trùng với của {other}; hai kế hoạch không ghi cùng một tệp (two plans, one output)",
    "docx-invalid": "không phải tệp .docx hợp lệ: {reason} (not a .docx)",
    "import-format": "không nhập được tệp '{suffix}': chỉ nhận .docx, .txt, .md (cannot import this kind of file)",
    "import-input": "tệp kết quả trùng với tệp nguồn; chọn tên khác bằng -o (the output would overwrite an input)",
    "template-not-word": "mẫu không phải văn bản Word .docx (a template must be a Word document)",
    "template-invalid": "mẫu văn bản hỏng: {reason} (a broken template)",
    "template-jinja": "mẫu có lệnh không được phép trong {part}: {problem}; mẫu chỉ dùng {{{{ tên }}}}, if và for (only placeholders, if and for)",
    "template-placeholders": "mẫu thiếu chỗ điền {missing}, có chỗ điền lạ {unknown} (template placeholders missing or unknown)",
    "template-tables": "mẫu cần bảng tiêu đề và bảng chữ ký (the header and signature tables are missing)",
    "new-exists": "tệp đã có; dùng --force để ghi đè (file exists: use --force to overwrite)",
    "init-not-empty": "thư mục không rỗng; dùng --force để chỉ thêm các tệp còn thiếu (folder not empty: --force adds the missing files)",
    "init-not-folder": "đã có một tệp trùng tên, không phải thư mục (a file, not a folder)",
    "yaml-syntax": "lỗi cú pháp YAML: {problem} (YAML syntax error)",
    "yaml-tab": "dùng phím Tab để thụt lề; YAML chỉ cho phép dấu cách (tabs are not allowed for indentation)",
    "yaml-root": "nội dung gốc phải là các cặp khóa: giá trị, không phải {found} (the root must be a mapping)",
    "yaml-duplicate-key": "khóa '{key}' bị lặp, đã có ở dòng {first} (duplicate key)",
    "yaml-too-deep": "cấu trúc lồng quá sâu (quá {limit} cấp) (nesting too deep)",
    "yaml-too-many-nodes": "quá nhiều phần tử sau khi mở rộng alias (quá {limit}) (alias expansion too large)",
    "yaml-number-form": "'{value}' là số viết theo YAML 1.1 (bát phân 010, giờ phút 1:30, thập lục phân 0x…) nên in ra số khác; viết số thập phân, hoặc đặt trong ngoặc kép nếu là chữ (ambiguous number: write it in decimal, or quote it)",
    "yaml-number-long": "số dài quá {limit} chữ số (number too long)",
    "yaml-negative-zero": "'{value}' là số 0 âm; viết 0 (negative zero)",
    "yaml-tag": "thẻ YAML '{tag}' không được dùng; plangen chỉ đọc văn bản, số, true/false và danh sách, bảng (YAML tags are not allowed)",
    "yaml-alias-cycle": "alias nằm trong chính giá trị nó trỏ tới (a recursive alias)",
    "yaml-key-type": "khóa phải là văn bản, không phải {found} (keys must be text)",
    # schema (pydantic error types)
    "missing": "thiếu trường bắt buộc (required field missing)",
    "extra_forbidden": "khóa không hợp lệ '{key}'{hint} (unknown key)",
    "type": "sai kiểu: cần {expected}, nhận được {found} (wrong type)",
    "literal_error": "giá trị '{input}' không hợp lệ; chọn một trong: {expected} (not allowed)",
    "date": "ngày không hợp lệ '{input}'; viết dạng YYYY-MM-DD, ví dụ 2024-01-22 (invalid date)",
    "number": "cần một số, nhận được '{input}' (not a number)",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge} (too small)",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le} (too large)",
    "too_short": "cần ít nhất {min_length} phần tử (too few items)",
    "string_too_long": "dài quá {max_length} ký tự (too long)",
    "string_pattern_mismatch": "sai định dạng '{input}' (does not match {pattern})",
    "control-char": "có ký tự điều khiển {char} không được phép trong văn bản (control character)",
    "empty-text": "văn bản rỗng (empty text)",
    "text-bidi": "ký tự điều khiển chiều viết {char} ở ký tự thứ {position}: chữ hiện ra khác chữ thật; hãy xóa (a bidi control makes the text read differently)",
    "text-invisible": "ký tự vô hình {char} ở ký tự thứ {position} (khoảng trắng độ rộng 0, BOM); hãy xóa (an invisible character)",
    "text-nonchar": "ký tự {char} ở ký tự thứ {position} không phải chữ (a Unicode noncharacter)",
    "decimal": "số không hợp lệ: {detail} (invalid number)",
    "invalid": "giá trị không hợp lệ: {detail}",
    # meaning rules
    "unknown-unit": "không có đơn vị '{key}' trong danh mục units{hint} (unknown unit)",
    "duplicate-id": "mã '{id}' bị trùng, đã dùng ở {first} (duplicate id)",
    "extends-unknown-id": "không có mục, nhiệm vụ hay chỉ tiêu mã '{id}' trong kế hoạch gốc{hint} (unknown id)",
    "extends-shape": "cần {expected} (wrong shape)",
    "extends-add": "mỗi mục 'add' cần đúng một trong section/task/target, cùng 'after: MÃ' hoặc 'into: MÃ' (task và target bắt buộc có) (add needs one of section/task/target and where to put it)",
    "extends-add-kind": "'after' phải là mã của một {kind} cùng loại (after must name a sibling of the same kind)",
    "extends-alone": "change/replace/remove/add chỉ dùng trong tệp có 'extends: <kế hoạch gốc>' (only with extends)",
    "extends-cycle": "các tệp dẫn chiếu lẫn nhau thành vòng (extends/reports_on cycle)",
    "extends-too-long": "chuỗi tệp dẫn chiếu dài quá {limit} tệp (extends/reports_on chain too long)",
    "units-file": "danh mục đơn vị phải là các cặp mã: tên đơn vị (units file must be a mapping)",
    "date-plan-year": "ngày ban hành {date} không thuộc năm {year} hoặc năm trước đó (date outside the plan year)",
    "date-basis-order": "văn bản căn cứ ngày {basis} không thể sau ngày ban hành kế hoạch {plan} (basis after the plan)",
    "period-order": "năm bắt đầu {start} sau năm kết thúc {end} (period reversed)",
    "period-year": "năm kế hoạch {year} nằm ngoài thời kỳ {start}–{end} (year outside the period)",
    "due-invalid": "{detail}",
    "due-outside": "thời hạn '{due}' nằm ngoài thời kỳ kế hoạch {start}–{end} (deadline outside the plan period)",
    "task-lead": "nhiệm vụ cần 'lead' (cơ quan chủ trì), trừ khi có các nhiệm vụ con 'tasks' (a task needs a lead unless it groups tasks)",
    "duty-empty": "nhiệm vụ của đơn vị cần 'text' hoặc 'items' (a duty needs text or items)",
    "budget-amount-text": "dòng kinh phí ghi số tiền {amount} nhưng lời văn không nêu số đó (the line's text does not state its amount)",
    "budget-line-words": "dòng kinh phí cần 'source' hoặc 'text' (a budget line needs words)",
    "target-not-stated": "chỉ tiêu có giá trị {value} nhưng lời văn ({where}) không nêu số đó (the target's wording does not state its value)",
    "budget-year": "năm {year} không có trong 'years' của kinh phí {years} (year not among the budget's years)",
    "budget-total": "tổng kinh phí ghi {stated} nhưng tổng các nguồn là {computed} (stated total differs from the sum)",
    "basis-incomplete": "căn cứ cần 'text', hoặc 'type' cùng 'number' hay 'subject' (incomplete citation)",
    "basis-proposal": "sau 'Theo đề nghị của' cần 'issuer' (cơ quan đề nghị) hoặc 'text' (the proposing body is missing)",
    "basis-both": "căn cứ dùng 'text' thì không ghi thêm type/number/date/issuer/subject (text or structured, not both)",
    "signature-tm": "'TM.' phải đi với tên tập thể (ví dụ Ủy ban nhân dân), không phải chức vụ '{collective}' (TM. needs a collective body)",
    "signature-head": "quyền hạn '{authority}.' cần trường 'head' (chức vụ người đứng đầu) (authority needs head)",
    "signature-position": "quyền hạn '{authority}.' cần trường 'position' (chức vụ người ký) (position needed)",
    "signature-deputy": "ký thay (KT.) thì người ký phải là cấp phó, ví dụ 'Phó {head}' hay 'Thứ trưởng', không phải '{position}' (KT. needs a deputy)",
    "signature-deputy-for": "'deputy_for' (KT. dưới TL./TUQ.) chỉ dùng với authority TL hoặc TUQ (deputy_for needs TL or TUQ)",
    "signature-acting": "ký quyền (Q.) không ghi thêm 'position' (Q. takes no position line)",
    "signature-no-position": "cần 'position' (chức vụ người ký) khi không ký thay/thừa lệnh (position needed)",
    "signature-honorific": "họ tên người ký không kèm học hàm, học vị '{prefix}' (no academic titles before the name)",
    "archive-vt": "dòng Lưu phải bắt đầu bằng VT (văn thư), ví dụ [VT, KTTH] (archive must start with VT)",
    "recipient-archive": "dòng 'Lưu: …' ghi ở trường archive, không ghi trong recipients (archive line belongs in archive)",
    "appendix-unmentioned": "có phụ lục nhưng nội dung không nhắc đến 'Phụ lục' (Decree 30: the body must point to its appendices)",
    "appendix-missing": "nội dung nhắc đến 'Phụ lục' nhưng kế hoạch không có phụ lục; bỏ qua nếu đó là phụ lục của văn bản khác (body mentions an appendix that does not exist)",
    "appendix-no-tasks": "phụ lục 'table: tasks' nhưng kế hoạch không có nhiệm vụ nào (task table without tasks)",
    "appendix-columns": "hàng có {found} ô nhưng bảng có {expected} cột (row and column counts differ)",
    "section-depth": "mục lồng quá {count} cấp ({levels}); hãy dùng gạch đầu dòng (items) (too deeply nested)",
    "recipient-first": "nơi nhận đầu tiên phải là '- {first};' (Decree 30: first recipient)",
    "kind-field": "trường '{field}' chỉ dùng cho loại văn bản {kinds} (field not used by this kind)",
    "report-plan-missing": "mục 'report:' cần 'reports_on: <tệp kế hoạch>' hoặc 'results' (a report section needs the plan reported on, or results of its own)",
    "report-result-alone": "báo cáo không có 'reports_on' nên kết quả cần '{field}' (a report on no plan names its targets and tasks)",
    "report-unknown-id": "kế hoạch được báo cáo không có chỉ tiêu/nhiệm vụ mã '{id}' (unknown id)",
    "report-no-result": "chưa có kết quả cho '{id}' của kế hoạch (no result given)",
    "cong-van-to": "công văn cần 'to' (Kính gửi) (a công văn needs addressees)",
    "item-depth": "gạch đầu dòng lồng quá 2 cấp (-, +) (bullets nested too deeply)",
    "budget-review": "kinh phí chép từ kế hoạch năm trước: xác nhận hoặc sửa, rồi bỏ dòng review (budget carried over: confirm it)",
    "task-review": "nhiệm vụ '{title}' làm một lần, chép từ kế hoạch năm trước: xác nhận, sửa hoặc bỏ, rồi bỏ dòng review (one-off task carried over: confirm it)",
    "target-review": "chỉ tiêu '{name}' chép từ kế hoạch năm trước: xác nhận hoặc sửa, rồi bỏ dòng review (target carried over: confirm it)",
    "draft": "chưa có số hoặc ngày ban hành: văn bản là dự thảo (draft: no number or date)",
    "pdf-signature-place": "không tìm thấy khối chữ ký trên bản PDF ({place}): không đặt được ô ký số (signature block not found on the rendered pages)",
    "sign-overwrite": "không ghi đè tệp đang ký; chọn tệp khác bằng -o (refusing to overwrite the input)",
    "sign-key": "không đọc được tệp khóa PKCS#12: {reason} (cannot read the PKCS#12 file; wrong password?)",
    "sign-field": "không ký được: {reason} (cannot sign)",
    "final-draft": "văn bản ban hành chính thức (issue: final) cần số và ngày ban hành (a final document needs its number and date)",
    "abbreviation-unused": "chữ viết tắt '{key}' được khai báo nhưng không dùng trong văn bản (abbreviation not used)",
    # PDF through LibreOffice
    "pdf-no-libreoffice": "không tìm thấy LibreOffice (soffice) để tạo PDF; hãy cài gói libreoffice-writer (LibreOffice is not installed)",
    "pdf-timeout": "LibreOffice quá {seconds} giây mà chưa chuyển xong {count} văn bản sang PDF (LibreOffice timed out)",
    "pdf-failed": "LibreOffice không chuyển được văn bản sang PDF: {reason} (conversion failed)",
    "font-missing": "chưa cài phông '{font}', LibreOffice sẽ thay bằng '{used}' nên bản PDF khác văn bản; hãy cài phông này (Times New Roman: gói fonts-liberation2) (font not installed)",
    "font-fallback": "PDF dùng phông thay thế '{font}', không phải phông của văn bản (the PDF embeds a fallback font)",
    "number-form": "số/ký hiệu '{symbol}' sai thể thức Nghị định 30 (symbol not in Decree 30 form)",
    # the words around messages, and what commands say
    "did-you-mean": "; có phải '{word}'? (did you mean)",
    "warning": "cảnh báo (warning)",
    "errors": "{count} lỗi ({count} error(s))",
    "valid": "hợp lệ (valid)",
    "written": "đã ghi; written",
    "unchanged": "không đổi; unchanged",
    "failed": "không ghi được, lỗi ở dưới; failed, see below",
    "not-valid": "không hợp lệ, lỗi ở dưới; not valid, see below",
    "summary": "đã ghi {built}, không đổi {unchanged}, lỗi {failed} (built {built}, unchanged {unchanged}, failed {failed})",
    "pdf-unchanged": "PDF không đổi; PDF unchanged",
    "created": "đã tạo; created",
    "kept": "đã có, giữ nguyên; kept",
    "watch-kept": "giữ bản trước (last good output kept)",
    "watch-ready": "đang theo dõi {count} tệp, Ctrl-C để dừng (watching {count} files)",
    "redline-written": "đã ghi bản so sánh có đánh dấu thay đổi; redline written",
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a plan file and where it is."""

    path: str
    line: int
    column: int
    field: str
    message: str
    code: str = ""
    severity: Severity = "error"
    excerpt: str = ""
    """The offending source line with a caret under the column, for syntax errors."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        tag = "" if self.severity == "error" else f"{message('warning')}: "
        return f"{where}: {self.field or '-'}: {tag}{self.message} [{self.code}]{self.excerpt}"


@dataclass(frozen=True)
class Problem:
    """A problem found on the data, located later by the file it came from."""

    loc: Loc
    code: str
    params: dict[str, object] = field(default_factory=dict)
    severity: Severity = "error"
    at_key: bool = False


def message(code: str, params: Mapping[str, object] | None = None) -> str:
    """The message for `code` in the language in use (language.py), filled in with `params`."""
    template = translate(code, MESSAGES.get(code, code + ": {detail}"))
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError):
        return template


def field_name(loc: Loc) -> str:
    """`sections[2].tasks[0].due` from `("sections", 2, "tasks", 0, "due")`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class PlanError(Exception):
    """Every error found in the plans, so the user fixes them in one pass (exit code 2)."""

    exit_code = 2

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(sorted(diagnostics))
        super().__init__("\n".join(map(str, self.diagnostics)))

    def __reduce__(self) -> tuple[type[PlanError], tuple[tuple[Diagnostic, ...]]]:
        return PlanError, (self.diagnostics,)

    @property
    def errors(self) -> Sequence[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @classmethod
    def at(
        cls, path: str, code: str, line: int = 1, column: int = 1, field: str = "", **params: object
    ) -> PlanError:
        """The error `code` about the file `path` itself, or one place in it."""
        return cls([Diagnostic(path, line, column, field, message(code, params), code)])


_TYPE_NAMES = {
    "string": "văn bản (text)",
    "int": "số nguyên (integer)",
    "float": "số (number)",
    "decimal": "số (number)",
    "bool": "true/false",
    "list": "danh sách (list)",
    "dict": "bảng khóa: giá trị (mapping)",
    "model": "bảng khóa: giá trị (mapping)",
    "model_attributes": "bảng khóa: giá trị (mapping)",
    "date": "ngày (date)",
    "literal": "giá trị cho phép",
    "none": "để trống (null)",
}
_NUMBER_PARSING = {"int_parsing", "float_parsing", "decimal_parsing", "int_from_float"}
_DATE_ERRORS = {
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_future",
    "date_past",
}


def describe(value: object) -> str:
    """How a YAML value looks to the user, for 'expected X, got Y' messages."""
    if value is None:
        return "ô trống (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (boolean)"
    if isinstance(value, (int, float)):
        return f"số {value}"
    if isinstance(value, str):
        return f"văn bản '{value[:40]}'"
    if isinstance(value, list):
        return "danh sách (list)"
    if isinstance(value, dict):
        return "bảng khóa: giá trị (mapping)"
    return type(value).__name__


def _resolve(loc: Loc, data: object, keep_last: bool) -> Loc:
    """The part of a pydantic `loc` that names places in the data.

    Pydantic inserts union member names ('str', 'ItemNode', 'function-after[…]') into
    `loc`; those are dropped so the field reads as the user wrote it.
    """
    out: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
            out.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            out.append(part)
        elif index == len(loc) - 1 and keep_last and isinstance(part, str):
            out.append(part)
    return tuple(out)


def hint(key: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """`; có phải 'X'? (did you mean)` for the known word closest to a mistyped `key`, or ''."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=cutoff)
    return message("did-you-mean", {"word": close[0]}) if close else ""


def _problem(err: Mapping[str, Any], loc: Loc, vocabulary: Iterable[str]) -> Problem:
    error_type = str(err["type"])
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if error_type == "missing":
        return Problem(loc, "missing", at_key=False)
    if error_type == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        suggestion = hint(key, vocabulary)
        return Problem(loc, "extra_forbidden", {"key": key, "hint": suggestion}, at_key=True)
    if error_type in _NUMBER_PARSING:
        return Problem(loc, "number", {"input": value})
    if error_type in _DATE_ERRORS:
        return Problem(loc, "date", {"input": value})
    if error_type.endswith("_type"):
        expected = _TYPE_NAMES.get(error_type[: -len("_type")], error_type)
        return Problem(loc, "type", {"expected": expected, "found": describe(value)})
    if error_type == "literal_error":
        return Problem(loc, "literal_error", {"input": value, "expected": ctx.get("expected")})
    if error_type in {
        "greater_than_equal",
        "less_than_equal",
        "too_short",
        "string_too_long",
        "string_pattern_mismatch",
    }:
        return Problem(loc, error_type, {**ctx, "input": value})
    if error_type == "value_error":
        text = str(ctx.get("error", err.get("msg", "")))
        if text.startswith("control character"):
            return Problem(loc, "control-char", {"char": text.split()[-1]})
        if text.startswith(("bidi character", "invisible character", "nonchar character")):
            character, _, char, position = text.split()
            return Problem(loc, f"text-{character}", {"char": char, "position": position})
        if text == "empty text":
            return Problem(loc, "empty-text")
        return Problem(loc, "invalid", {"detail": text})
    if error_type.startswith("decimal"):
        return Problem(loc, "decimal", {"detail": err.get("msg", error_type)})
    return Problem(loc, "invalid", {"detail": err.get("msg", error_type)})


def from_validation(
    errors: Iterable[Mapping[str, Any]], data: object, vocabulary: Iterable[str]
) -> list[Problem]:
    """Problems from pydantic's errors, one per place, in the user's field names.

    Where a union tried several shapes, the error that went deepest into the data, or
    one the value met in a shape of its own type (a range), explains the mistake; the
    other shapes' 'wrong type' errors there or above go (`due: 0` is a year out of
    range, not also "not text").
    """
    vocabulary = list(vocabulary)
    problems: dict[tuple[Loc, str], Problem] = {}
    for err in errors:
        error_type = str(err["type"])
        loc = _resolve(
            tuple(err["loc"]), data, keep_last=error_type in {"missing", "extra_forbidden"}
        )
        problem = _problem(err, loc, vocabulary)
        key = (loc, problem.code)
        if problem.code == "type" and key in problems:
            old = problems[key].params
            expected = f"{old['expected']} hoặc {problem.params['expected']}"
            problem = Problem(loc, "type", {**old, "expected": expected})
        problems[key] = problem
    deep = {p.loc for p in problems.values() if p.code != "type"}
    return [
        p
        for p in problems.values()
        if p.code != "type" or not any(d[: len(p.loc)] == p.loc for d in deep)
    ]
