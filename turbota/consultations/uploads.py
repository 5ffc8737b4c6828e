"""Checking a document uploaded for consultation: PDF or DOCX by its content, not by its
name, and no larger than ``TURBOTA_CONSULTATION_UPLOAD_MAX_BYTES`` (default 20 MB)."""

from __future__ import annotations

import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError

from turbota.consultations.enums import DocumentKind

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
CONTENT_TYPES = {
    DocumentKind.PDF: "application/pdf",
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# A DOCX is a zip whose parts name the Word document; a renamed XLSX or ZIP is not one.
_DOCX_PARTS = {"[Content_Types].xml", "word/document.xml"}


def max_bytes() -> int:
    return int(getattr(settings, "TURBOTA_CONSULTATION_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_document(source: IO[bytes], *, name: str, size: int) -> DocumentKind:
    """The document's kind; ``ValidationError`` with a reason a person can act on."""
    if size > max_bytes():
        raise ValidationError(
            f"Файл завеликий: {_megabytes(size)} МБ; найбільше — {_megabytes(max_bytes())} МБ."
        )
    if size == 0:
        raise ValidationError("Файл порожній.")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in DocumentKind.values:
        raise ValidationError("Завантажте документ у форматі PDF або DOCX.")
    source.seek(0)
    kind = DocumentKind.PDF if source.read(5) == b"%PDF-" else _docx_or_none(source)
    source.seek(0)
    if kind is None:
        raise ValidationError(
            "Вміст файлу не є документом PDF чи DOCX (можливо, його пошкоджено або "
            "перейменовано з іншого формату)."
        )
    if kind != extension:
        raise ValidationError(
            f"Файл названо .{extension}, але за вмістом це {DocumentKind(kind).label}: "
            "виправте назву."
        )
    return kind


def _docx_or_none(source: IO[bytes]) -> DocumentKind | None:
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return DocumentKind.DOCX if names >= _DOCX_PARTS else None
