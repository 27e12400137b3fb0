"""Text extraction from the kinds of files clinicians attach."""

from __future__ import annotations

from pathlib import Path

import pytest

from murmur.context_documents.extraction import (
    DocumentKind,
    ExtractionError,
    extract_text,
    kind_of,
)
from tests.context_documents.files import blank_pdf, docx_with, pdf_with_text


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "file"
    path.write_bytes(data)
    return path


def test_pdf_text_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, pdf_with_text(["Referral letter", "Metformin 500 mg twice daily"]))
    text = extract_text(path, DocumentKind.PDF)
    assert "Referral letter" in text
    assert "Metformin 500 mg twice daily" in text


def test_pdf_without_text_layer_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no text layer"):
        extract_text(_write(tmp_path, blank_pdf()), DocumentKind.PDF)


def test_broken_pdf_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="PDF"):
        extract_text(_write(tmp_path, b"%PDF-1.4 nothing else"), DocumentKind.PDF)


def test_docx_paragraphs_and_tables_are_read(tmp_path: Path) -> None:
    data = docx_with(["Past history: asthma"], table=[["Drug", "Dose"], ["Salbutamol", "100 mcg"]])
    text = extract_text(_write(tmp_path, data), DocumentKind.DOCX)
    assert "Past history: asthma" in text
    assert "Salbutamol | 100 mcg" in text


def test_not_really_a_docx_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="DOCX"):
        extract_text(_write(tmp_path, b"plain words"), DocumentKind.DOCX)


def test_plain_text_in_latin1_is_read(tmp_path: Path) -> None:
    text = extract_text(_write(tmp_path, "Dolor torácico".encode("latin-1")), DocumentKind.TEXT)
    assert text == "Dolor torácico"


def test_images_give_no_text(tmp_path: Path) -> None:
    assert extract_text(_write(tmp_path, b"\x89PNG\r\n"), DocumentKind.IMAGE) == ""


@pytest.mark.parametrize(
    ("media_type", "filename", "kind"),
    [
        ("application/pdf", "x", DocumentKind.PDF),
        ("text/plain; charset=utf-8", "x", DocumentKind.TEXT),
        ("image/jpeg", "x", DocumentKind.IMAGE),
        ("application/octet-stream", "letter.DOCX", DocumentKind.DOCX),
        ("application/zip", "letter.docx", None),
        ("application/octet-stream", "movie.mp4", None),
    ],
)
def test_kinds(media_type: str, filename: str, kind: DocumentKind | None) -> None:
    assert kind_of(media_type, filename) == kind
