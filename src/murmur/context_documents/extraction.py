"""Text out of the files clinicians attach: PDF (pypdf), DOCX (python-docx), plain text.
Images are kept but not read: Murmur has no OCR."""

from __future__ import annotations

import enum
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_TEXT_CHARS = 200_000


class DocumentKind(enum.StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"
    IMAGE = "image"


_BY_MEDIA_TYPE = {
    "application/pdf": DocumentKind.PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DocumentKind.DOCX,
}
_BY_EXTENSION = {
    ".pdf": DocumentKind.PDF,
    ".docx": DocumentKind.DOCX,
    ".txt": DocumentKind.TEXT,
    ".md": DocumentKind.TEXT,
    ".csv": DocumentKind.TEXT,
    ".png": DocumentKind.IMAGE,
    ".jpg": DocumentKind.IMAGE,
    ".jpeg": DocumentKind.IMAGE,
    ".gif": DocumentKind.IMAGE,
    ".webp": DocumentKind.IMAGE,
    ".tif": DocumentKind.IMAGE,
    ".tiff": DocumentKind.IMAGE,
    ".heic": DocumentKind.IMAGE,
}
_GENERIC = ("", "application/octet-stream", "binary/octet-stream")


class ExtractionError(Exception):
    """The file is of a known kind but its text cannot be read; the message says why."""


def kind_of(media_type: str, filename: str) -> DocumentKind | None:
    media_type = media_type.split(";", maxsplit=1)[0].strip().lower()
    if media_type in _BY_MEDIA_TYPE:
        return _BY_MEDIA_TYPE[media_type]
    if media_type.startswith("text/"):
        return DocumentKind.TEXT
    if media_type.startswith("image/"):
        return DocumentKind.IMAGE
    if media_type in _GENERIC:
        return _BY_EXTENSION.get(Path(filename).suffix.lower())
    return None


def extract_text(path: Path, kind: DocumentKind) -> str:
    if kind == DocumentKind.IMAGE:
        return ""
    readers = {DocumentKind.PDF: _pdf, DocumentKind.DOCX: _docx, DocumentKind.TEXT: _plain}
    text = readers[kind](path).strip()
    if not text:
        raise ExtractionError(f"the {kind} file has no readable text")
    return text[:MAX_TEXT_CHARS]


def _pdf(path: Path) -> str:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise ExtractionError("the PDF is password-protected")
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as error:
        raise ExtractionError(f"the PDF could not be read: {error}") from None
    if not text.strip():
        raise ExtractionError("the PDF has no text layer (a scan?); Murmur does not do OCR")
    return text


def _docx(path: Path) -> str:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise ExtractionError("the DOCX file could not be read: not a Word document") from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(line for line in lines if line.strip())


def _plain(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ExtractionError("the text file is binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")
