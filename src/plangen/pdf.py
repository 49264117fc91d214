"""Word → PDF (bản PDF) through LibreOffice, shared by `build --pdf`, `check --render` and tests.

One `soffice --headless` process converts a whole batch (starting LibreOffice costs more
than converting), with a private profile so parallel runs never share one, and a timeout.
A PDF is only as right as its fonts: the fonts the document names are looked up before
(fontconfig's `fc-match`), and the fonts the PDF embeds are read after, so a fallback
font (DejaVu in place of Times New Roman) is reported rather than printed unnoticed.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from plangen.diagnostics import Diagnostic, PlanError, Severity, message
from plangen.output import write

FilterOptions = Mapping[str, bool | int | str]
"""Options of LibreOffice's writer_pdf_Export filter, e.g. {"SelectPdfVersion": 2} for PDF/A-2b."""

SUBSTITUTES = {
    "times new roman": ("liberation serif", 2),
    "arial": ("liberation sans", 2),
    "courier new": ("liberation mono", 2),
}
"""Metric-compatible stand-ins (family, least major version) that lay a page out the same."""

SYMBOL_FONTS = ("opensymbol",)
"""LibreOffice's own font for bullets and symbols: never a fallback for text."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TYPES = {bool: "boolean", int: "long", str: "string"}
_BASE_FONT = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/\[\]<>()]+)")


@dataclass(frozen=True)
class Pdf:
    """One converted document: where its PDF is, the fonts it embeds, and font warnings."""

    source: Path
    path: Path
    fonts: tuple[str, ...]
    warnings: tuple[Diagnostic, ...] = ()


def _problem(path: Path, code: str, **params: object) -> Diagnostic:
    severity: Severity = "warning" if code.startswith("font") else "error"
    return Diagnostic(str(path), 1, 1, "pdf", message(code, params), code, severity)


def soffice() -> str:
    """The LibreOffice program, or PlanError (exit 2) saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise PlanError([_problem(Path("soffice"), "pdf-no-libreoffice")])
    return found


def needed_fonts(docx: Path) -> set[str]:
    """The font families the document's text asks for: in its runs, the styles it uses
    (with the styles they are based on), the defaults, and theme fonts they name.
    Nothing for a file that is not a Word package (LibreOffice reads other formats too)."""
    if not zipfile.is_zipfile(docx):
        return set()
    with zipfile.ZipFile(docx) as package:
        names = set(package.namelist())

        def part(name: str) -> etree._Element | None:
            return etree.fromstring(package.read(name)) if name in names else None

        texts = [
            part(name)
            for name in sorted(names)
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)
        ]
        styles, theme = part("word/styles.xml"), part("word/theme/theme1.xml")
    sources = [t for t in texts if t is not None]
    if styles is not None:
        by_id = {s.get(f"{_W}styleId"): s for s in styles.iter(f"{_W}style")}
        wanted = {n.get(f"{_W}val") for t in sources for n in t.iter(f"{_W}pStyle", f"{_W}rStyle")}
        wanted |= {i for i, s in by_id.items() if s.get(f"{_W}default") in ("1", "true")}
        while wanted:
            style = by_id.get(wanted.pop())
            if style is not None and style not in sources:
                sources.append(style)
                based = style.find(f"{_W}basedOn")
                if based is not None:
                    wanted.add(based.get(f"{_W}val"))
        sources += styles.findall(f"{_W}docDefaults")
    fonts: set[str] = set()
    for source in sources:
        for node in source.iter(f"{_W}rFonts"):
            fonts |= {node.get(f"{_W}{a}") or "" for a in ("ascii", "hAnsi")}
            for attr in ("asciiTheme", "hAnsiTheme"):
                scheme = (node.get(f"{_W}{attr}") or "")[:5]  # "minorHAnsi" → "minor"
                if theme is not None and scheme:
                    found = theme.find(f".//{_A}{scheme}Font/{_A}latin")
                    fonts.add(found.get("typeface") or "" if found is not None else "")
    return {font for font in fonts if font}


@functools.cache
def _match(family: str) -> tuple[str, int] | None:
    """The family fontconfig would use for `family`, and its major version."""
    if not shutil.which("fc-match"):
        return None
    shown = subprocess.run(
        ["fc-match", "-f", "%{family}|%{fontversion}", family],
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout
    name, _, version = shown.partition("|")
    return name.split(",")[0].strip().casefold(), int(version or 0) >> 16


def missing_fonts(docx: Path) -> list[Diagnostic]:
    """A warning for each font the document needs that is neither installed nor stood in for
    by a metric-compatible one (Times New Roman ← Liberation Serif 2)."""
    out = []
    for family in sorted(needed_fonts(docx)):
        matched = _match(family)
        if matched is None:
            continue
        name, version = matched
        wanted, least = SUBSTITUTES.get(family.casefold(), (family.casefold(), 0))
        if name != family.casefold() and (name != wanted or version < least):
            out.append(_problem(docx, "font-missing", font=family, used=name))
    return out


def _key(font: str) -> str:
    return re.sub(r"[^a-z]", "", font.casefold())


def fallback_fonts(docx: Path, fonts: Sequence[str]) -> list[Diagnostic]:
    """A warning for each embedded font that is none of the fonts the document names,
    nor their stand-ins: text set in a fallback font because a glyph or font was missing."""
    allowed = [*SYMBOL_FONTS]
    for family in needed_fonts(docx):
        allowed += [_key(family), _key(SUBSTITUTES.get(family.casefold(), ("", 0))[0])]
    allowed = [a for a in allowed if a]
    return [
        _problem(docx, "font-fallback", font=font)
        for font in sorted(set(fonts))
        if not any(_key(font).startswith(a) for a in allowed)
    ]


def embedded_fonts(pdf: bytes) -> tuple[str, ...]:
    """The base fonts a LibreOffice PDF embeds (subset prefix removed), in order of first use."""
    names = (m.decode("latin-1") for m in _BASE_FONT.findall(pdf))
    return tuple(dict.fromkeys(names))


def _filter(options: FilterOptions | None) -> str:
    if not options:
        return "pdf"
    typed = {key: {"type": _TYPES[type(value)], "value": value} for key, value in options.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(typed, separators=(",", ":"))


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run LibreOffice in its own process group, so a timeout ends soffice.bin too."""
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def up_to_date(docx: Path, *made: Path) -> bool:
    """Whether every file in `made` (the PDF, an electronic document's record) was written
    since `docx` last was, so converting again would change nothing."""
    try:
        since = docx.stat().st_mtime_ns
        return all(path.stat().st_mtime_ns >= since for path in made)
    except OSError:
        return False


def convert(
    jobs: Sequence[tuple[Path, Path]],
    options: FilterOptions | None = None,
    timeout: float | None = None,
) -> list[Pdf | PlanError]:
    """Convert each (docx, pdf) pair with one LibreOffice process; each PDF written atomically.

    A document LibreOffice could not convert is a PlanError in its place, so the others
    are still written; a missing LibreOffice or a timeout (default: one minute plus ten
    seconds a document) raises PlanError for the whole batch (exit 2).
    """
    if not jobs:
        return []
    program = soffice()
    timeout = timeout or 60 + 10 * len(jobs)
    with tempfile.TemporaryDirectory(prefix="plangen-pdf-") as temp:
        work = Path(temp)
        inputs = []
        for index, (docx, _) in enumerate(jobs):
            # numbered names: two documents called X.docx in different folders stay apart
            inputs.append(work / "in" / f"{index}.docx")
            inputs[-1].parent.mkdir(exist_ok=True)
            inputs[-1].symlink_to(docx.resolve())
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            _filter(options),
            "--outdir",
            str(work / "out"),
            *map(str, inputs),
        ]
        try:
            shown = _run(command, timeout)
        except subprocess.TimeoutExpired:
            raise PlanError(
                [_problem(jobs[0][0], "pdf-timeout", seconds=int(timeout), count=len(jobs))]
            ) from None
        results: list[Pdf | PlanError] = []
        for index, (docx, target) in enumerate(jobs):
            produced = work / "out" / f"{index}.pdf"
            if not produced.is_file():
                said = (shown.stderr + shown.stdout).splitlines()
                reason = next(
                    (e for e in said if e.startswith("Error")), f"exit {shown.returncode}"
                )
                results.append(PlanError([_problem(docx, "pdf-failed", reason=reason)]))
                continue
            data = produced.read_bytes()
            write(target, data, reads=[docx], suffix=".pdf")
            fonts = embedded_fonts(data)
            warnings = [*missing_fonts(docx), *fallback_fonts(docx, fonts)]
            results.append(Pdf(docx, target, fonts, tuple(warnings)))
    return results
