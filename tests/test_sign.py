"""`plangen sign`: a PAdES signature with a throw-away certificate, validated by pyHanko."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from conftest import run
from plangen.sign import stamp_text

UTC = dt.timezone.utc
WHEN = dt.datetime(2024, 1, 22, 2, 15, 2, tzinfo=UTC)
"""09:15:02 in Vietnam."""


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, x509.Certificate]:
    """A self-signed signing certificate and its PKCS#12 file (password 'pw')."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Phan Quý Phương")])
    now = dt.datetime.now(UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(usage, critical=True)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    path = tmp_path_factory.mktemp("key") / "signer.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", private, certificate, None, serialization.BestAvailableEncryption(b"pw")
        )
    )
    return path, certificate


def validated(pdf: Path, certificate: x509.Certificate) -> dict[str, object]:
    """Field name → pyHanko's validation status, trusting only the test certificate."""
    from pyhanko.keys import load_cert_from_pemder

    pem = pdf.with_suffix(".pem")
    pem.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(pem))])
    reader = PdfFileReader(io.BytesIO(pdf.read_bytes()))
    return {s.field_name: validate_pdf_signature(s, context) for s in reader.embedded_signatures}


def test_the_stamp_shows_number_date_and_time_in_vietnam_time() -> None:
    assert stamp_text("26/KH-UBND", WHEN) == "Số: 26/KH-UBND; 22/01/2024; 09:15:02 +07:00"


def test_the_stamp_breaks_after_a_semicolon_to_stay_inside_its_field() -> None:
    assert stamp_text("26/KH-UBND", WHEN, 140).splitlines() == [
        "Số: 26/KH-UBND;",
        "22/01/2024; 09:15:02 +07:00",
    ]
    assert stamp_text("26/KH-UBND", WHEN, 90).splitlines() == [
        "Số: 26/KH-UBND;",
        "22/01/2024;",
        "09:15:02 +07:00",
    ]


def test_signer_then_seal_both_validate(
    electronic_pdfs: dict[str, Path], key: tuple[Path, x509.Certificate], tmp_path: Path
) -> None:
    p12, certificate = key
    source = tmp_path / "2024.pdf"
    source.write_bytes(electronic_pdfs["2024"].read_bytes())
    signed, sealed = tmp_path / "2024-signed.pdf", tmp_path / "sealed.pdf"
    common = ["--pkcs12", str(p12), "--password", "pw", "--number", "26/KH-UBND"]
    code, printed = run("sign", str(source), *common)
    assert code == 0 and f"{signed} (đã ký số; signed)" in printed, printed
    code, printed = run("sign", str(signed), *common, "--field", "organisation", "-o", str(sealed))
    assert code == 0, printed
    assert source.read_bytes() == electronic_pdfs["2024"].read_bytes(), "input kept"
    status = validated(sealed, certificate)
    assert list(status) == ["signer", "organisation"]
    for field in status.values():
        assert field.bottom_line and field.intact and field.trusted  # type: ignore[attr-defined]
        reported = field.signer_reported_dt  # type: ignore[attr-defined]
        assert reported.utcoffset() == dt.timedelta(hours=7)
    data = sealed.read_bytes()
    assert data.startswith(source.read_bytes()), "incremental: the PDF/A file is kept"
    assert b"/SubFilter /ETSI.CAdES.detached" in data, "PAdES"


def test_the_visible_text_is_times_new_roman_10_pt_with_the_signing_time(
    electronic_pdfs: dict[str, Path], key: tuple[Path, x509.Certificate]
) -> None:
    from plangen.sign import sign

    p12, _ = key
    data = sign(
        electronic_pdfs["2024"].read_bytes(), p12.read_bytes(), "26/KH-UBND", "signer", b"pw", WHEN
    )
    reader = PdfFileReader(io.BytesIO(data))
    [signature] = reader.embedded_signatures
    widget = signature.sig_field
    inner = widget["/AP"]["/N"]
    text = inner.data.decode("latin-1")
    assert "/F1 10 Tf" in text
    font = inner["/Resources"]["/Font"]["/F1"]
    descendant = font["/DescendantFonts"][0]
    assert "LiberationSerif" in font["/BaseFont"] or "TimesNewRoman" in font["/BaseFont"]
    assert "/FontFile2" in descendant["/FontDescriptor"], "embedded, as PDF/A requires"
    shown = [_pdf_string(part) for part in bytes(inner.data).split(b"/ActualText (")[1:]]
    assert shown == ["Số: 26/KH-UBND;", "22/01/2024; 09:15:02 +07:00"]
    assert signature.self_reported_timestamp == WHEN


def _pdf_string(raw: bytes) -> str:
    """A PDF literal string up to its closing parenthesis: UTF-16BE after its byte-order
    mark, else PDFDocEncoding (ASCII here)."""
    out, index = bytearray(), 0
    while raw[index : index + 1] != b")":
        if raw[index : index + 1] == b"\\":
            digits = raw[index + 1 : index + 4]
            out.append(int(digits, 8))
            index += 4
        else:
            out.append(raw[index])
            index += 1
    if out.startswith(b"\xfe\xff"):
        return out[2:].decode("utf-16-be")
    return out.decode("ascii")


def test_a_wrong_password_names_the_key_file(
    electronic_pdfs: dict[str, Path], key: tuple[Path, x509.Certificate], tmp_path: Path
) -> None:
    p12, _ = key
    out = tmp_path / "x.pdf"
    code, printed = run(
        "sign", str(electronic_pdfs["2024"]), "--pkcs12", str(p12), "--password", "no",
        "--number", "26/KH-UBND", "-o", str(out),
    )  # fmt: skip
    assert code == 2 and f"{p12}:1:1:" in printed and "[sign-key]" in printed
    assert not out.exists()


def test_the_number_given_at_issue_is_required(
    electronic_pdfs: dict[str, Path], key: tuple[Path, x509.Certificate]
) -> None:
    p12, _ = key
    code, printed = run("sign", str(electronic_pdfs["2024"]), "--pkcs12", str(p12))
    assert code == 2 and "--number" in printed


def test_the_input_is_never_overwritten(
    electronic_pdfs: dict[str, Path], key: tuple[Path, x509.Certificate]
) -> None:
    p12, _ = key
    pdf = electronic_pdfs["2024"]
    code, printed = run(
        "sign", str(pdf), "--pkcs12", str(p12), "--password", "pw", "--number", "26/KH-UBND",
        "-o", str(pdf),
    )  # fmt: skip
    assert code == 2 and "[sign-overwrite]" in printed


def test_a_field_the_pdf_lacks_is_reported_with_those_it_has(
    electronic_pdfs: dict[str, Path], key: tuple[Path, x509.Certificate], tmp_path: Path
) -> None:
    p12, _ = key
    code, printed = run(
        "sign", str(electronic_pdfs["2024"]), "--pkcs12", str(p12), "--password", "pw",
        "--number", "26/KH-UBND", "--field", "seal", "-o", str(tmp_path / "x.pdf"),
    )  # fmt: skip
    assert code == 2 and "signer, organisation" in printed
