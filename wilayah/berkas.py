"""Upload checks shared by the programmes: by content, never by file name."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

UKURAN_MAKS_BAWAAN = 5 * 1024 * 1024  # 5 MB
FORMAT_GAMBAR = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def validasi_ukuran(berkas, maks: int = UKURAN_MAKS_BAWAAN) -> None:
    if berkas.size > maks:
        raise ValidationError(
            _("Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s.") % {"ukuran": filesizeformat(berkas.size), "maks": filesizeformat(maks)},
            code="berkas_terlalu_besar",
        )


def _baca(berkas) -> bytes:
    berkas.seek(0)
    data = berkas.read()
    berkas.seek(0)
    return data


def jenis_gambar(data: bytes) -> str | None:
    """The image format (JPEG, PNG, WEBP) when the bytes are a whole, readable image; else None."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            return img.format if img.format in FORMAT_GAMBAR else None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def adalah_pdf(data: bytes) -> bool:
    """True when the bytes are a PDF that a reader can open and that has at least one page."""
    if not data.lstrip()[:5] == b"%PDF-":
        return False
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(io.BytesIO(data)).pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return False


def validasi_gambar(berkas, maks: int = UKURAN_MAKS_BAWAAN) -> None:
    validasi_ukuran(berkas, maks)
    if jenis_gambar(_baca(berkas)) is None:
        raise ValidationError(_("Berkas bukan gambar yang sah (JPEG, PNG atau WEBP)."), code="bukan_gambar")


def validasi_pdf_atau_gambar(berkas, maks: int = UKURAN_MAKS_BAWAAN) -> None:
    validasi_ukuran(berkas, maks)
    data = _baca(berkas)
    if not adalah_pdf(data) and jenis_gambar(data) is None:
        raise ValidationError(_("Berkas harus PDF atau gambar (JPEG, PNG, WEBP) yang sah; isi berkas ini bukan keduanya."), code="bukan_pdf_atau_gambar")


def gambar_bersih(data: bytes, *, ukuran_maks: tuple[int, int] | None = None, format_keluar: str = "JPEG") -> bytes:
    """Re-encode an image without its EXIF (location, camera), optionally shrunk to fit ``ukuran_maks``."""
    with Image.open(io.BytesIO(data)) as img:
        from PIL import ImageOps

        img = ImageOps.exif_transpose(img)
        if format_keluar == "JPEG" and img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        if ukuran_maks:
            img.thumbnail(ukuran_maks)
        keluar = io.BytesIO()
        img.save(keluar, format=format_keluar, quality=85)
        return keluar.getvalue()
