"""Ký số (`plangen sign`): a PAdES signature from a PKCS#12 file into one of the PDF's fields.

For testing, and for offices that sign with a PKCS#12 file rather than a token. The
visible text is what Phụ lục I, Phần I, II.8.b asks of the organisation's signature:
the number and symbol, then the signing time (date; hh:mm:ss; Vietnam time zone in
ISO 8601), in Times New Roman 10 pt, upright, black, e.g.
`Số: 26/KH-UBND; 22/01/2024; 09:15:02 +07:00`. The signing time written into the
signature is the time shown. The signature is an incremental update, so the PDF/A
file and the other empty fields stay as they were.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from functools import lru_cache

from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

from plangen import places

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")
"""Giờ Việt Nam: UTC+07:00 all year."""

FONT = "Times New Roman"

MARGIN = 1
"""Points between the stamp's text and its field's edges."""


def stamp_text(number: str, when: dt.datetime, width: float | None = None) -> str:
    """'Số: 26/KH-UBND; 22/01/2024; 09:15:02 +07:00' (Phụ lục I, Phần I, II.8.b) on one line,
    or broken after the number, then between date and time, so that at 10 pt no line is
    wider than `width` points and the text keeps its size inside the field."""
    local = when.astimezone(VIETNAM)
    clock = local.isoformat(timespec="seconds")[11:]  # '09:15:02+07:00'
    code, day, time = f"Số: {number}", f"{local:%d/%m/%Y}", f"{clock[:8]} {clock[8:]}"
    layouts = [
        [f"{code}; {day}; {time}"],
        [f"{code};", f"{day}; {time}"],
        [f"{code};", f"{day};", time],
    ]
    for lines in layouts:
        if width is None or max(map(text_width, lines)) <= width - 2 * MARGIN:
            break
    return "\n".join(lines)


def text_width(text: str, size: float = 10) -> float:
    """Printed width in points, from the font's own advance widths."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(_font_1000()))
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    return sum(metrics[cmap[ord(c)]][0] for c in text if ord(c) in cmap) * size / 1000


def font_file() -> str:
    """The file fontconfig gives for Times New Roman (Liberation Serif where it stands in)."""
    found = shutil.which("fc-match")
    if found:
        shown = subprocess.run(
            [found, "-f", "%{file}", f"{FONT}:style=Regular"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
        if shown.endswith((".ttf", ".otf")):
            return shown
    raise FileNotFoundError(f"no font file for {FONT} (fc-match)")


@lru_cache(maxsize=1)
def _font_1000() -> bytes:
    """The font rescaled to 1000 units per em: pyHanko 0.38 writes glyph widths (/W) in the
    font's own units, which PDF reads as thousandths of an em, so a 2048-unit TrueType font
    would print with every letter twice as far apart."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(font_file())
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    if "FFTM" in font:  # FontForge's timestamps, which fontTools' subsetter reports and drops
        del font["FFTM"]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


class _Font(GlyphAccumulatorFactory):
    """The stamp's font, read from memory at 1000 units per em (see `_font_1000`)."""

    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        return GlyphAccumulator(
            writer=writer, font_handle=io.BytesIO(_font_1000()), font_size=self.font_size
        )


class KeyFileError(ValueError):
    """The PKCS#12 file cannot be read: damaged, or the password is wrong."""


def sign(
    pdf: bytes,
    pkcs12: bytes,
    number: str,
    field: str,
    passphrase: bytes | None = None,
    when: dt.datetime | None = None,
) -> bytes:
    """`pdf` signed into its empty field `field`, with the decree's visible text.

    KeyFileError for a PKCS#12 file that cannot be read; ValueError for a field the PDF
    does not have empty.
    """
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(pkcs12, [], passphrase=passphrase)
    except ValueError as exc:
        raise KeyFileError(str(exc.__cause__ or exc)) from None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    empty = {name: ref for name, value, ref in fields.enumerate_sig_fields(writer) if value is None}
    if field not in empty:
        raise ValueError(f"no empty signature field '{field}' (empty: {', '.join(empty) or '-'})")
    x0, _, x1, _ = (float(v) for v in empty[field].get_object()["/Rect"])
    at = (when or dt.datetime.now(VIETNAM)).astimezone(VIETNAM).replace(microsecond=0)
    seal = field == places.ORGANISATION
    style = TextStampStyle(
        stamp_text="%(text)s",
        text_box_style=TextBoxStyle(
            font=_Font(font_file()),
            font_size=10,
            box_layout_rule=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(MARGIN),
            ),
        ),
        border_width=0,
        background=None,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            # the seal's place covers the signer's left third: its text keeps to its top left,
            # clear of the signer's, which is centred
            x_align=(layout.AxisAlignment.ALIGN_MIN if seal else layout.AxisAlignment.ALIGN_MID),
            y_align=(layout.AxisAlignment.ALIGN_MAX if seal else layout.AxisAlignment.ALIGN_MID),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,  # 10 pt, as the decree says
        ),
    )
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)

    class AtTime(signers.PdfSigner):
        """Signs with the time the stamp shows."""

        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = at
            return session

    out = io.BytesIO()
    AtTime(meta, signer=signer, stamp_style=style).sign_pdf(
        writer,
        existing_fields_only=True,
        appearance_text_params={"text": stamp_text(number, at, abs(x1 - x0))},
        output=out,
    )
    return out.getvalue()
