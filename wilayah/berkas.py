"""Uploaded files, in one place: checked by content, stored under a name derived from the content,
served so that no file can run script in the portal's origin.

- Check: ``validasi_gambar`` / ``validasi_pdf_atau_gambar`` (also the model validators of
  ``BerkasField``). Size first; the kind comes from the bytes, never from the name. An image's pixel
  count is read from its header before any decoding (``BATAS_PIKSEL``) and it is decoded once
  (``buka_gambar``); a PDF is refused when it carries JavaScript, automatic actions, Launch or
  embedded files (``periksa_pdf``). ``foto_bersih`` re-encodes a photo without its EXIF; ``simpan_foto``
  stores it with its thumbnail on a gallery row (wisata's destinations, PUD's UMKM).
- Store: ``BerkasField`` (a FileField) names every stored file ``<random hex>.<extension of the
  sniffed content>`` (``.bin`` when it is neither image nor PDF), whatever the uploader called it.
- Serve: ``respons_berkas`` takes the content type from the stored bytes' magic, serves anything
  but an image or a PDF as an attachment, and sends ``Content-Security-Policy: sandbox`` and
  ``X-Content-Type-Options: nosniff`` with every file.
- Files stored before: ``namai_ulang_menurut_isi`` (called by the data migrations).
"""

from __future__ import annotations

import io
import re
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from PIL import Image, ImageOps, UnidentifiedImageError

UKURAN_MAKS_BAWAAN = 5 * 1024 * 1024  # 5 MB
#: Most pixels an uploaded image may have: a 48 MP phone photo bins to 12 MP; 40 MP leaves room and
#: keeps one decoded RGB image near 120 MB.
BATAS_PIKSEL = 40_000_000
#: A scanned decree has tens of objects, a 300-page text PDF about a thousand; a PDF with more than
#: this is refused rather than walked for seconds (about 60 microseconds an object).
BATAS_OBJEK_PDF = 10_000
#: Most bytes the object streams of one PDF may decompress to while it is checked.
BATAS_DEKOMPRESI_PDF = 64 * 1024 * 1024


@dataclass(frozen=True)
class Jenis:
    """A kind of content the portal stores: its extension, content type, and whether it is an image."""

    ekstensi: str
    content_type: str
    gambar: bool


JPEG = Jenis("jpg", "image/jpeg", True)
PNG = Jenis("png", "image/png", True)
WEBP = Jenis("webp", "image/webp", True)
PDF = Jenis("pdf", "application/pdf", False)
FORMAT_GAMBAR = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}  # Pillow's format name -> kind
EKSTENSI_LAIN = "bin"  # neither image nor PDF: stored and served as opaque bytes


def jenis_dari_kepala(kepala: bytes) -> Jenis | None:
    """The kind of content by its first bytes (magic numbers) alone; None when it is none of ours."""
    if kepala.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if kepala[:4] == b"RIFF" and kepala[8:12] == b"WEBP":
        return WEBP
    if kepala.startswith(b"%PDF-"):
        return PDF
    return None


class _TidakTerbaca(Exception):
    """The bytes are not a readable file of the expected kind (each validator words its message)."""


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


def _sudah_diperiksa(berkas) -> bool:
    """A stored file (checked when it was uploaded, or renamed by the migration), or one this module made."""
    if getattr(berkas, "_committed", False):
        return True
    asli = getattr(berkas, "_file", None) or berkas
    return getattr(asli, "isi_diperiksa", False)


# --------------------------------------------------------------------------- images


def _buka_kepala_gambar(data: bytes) -> Image.Image:
    """The image (JPEG, PNG or WEBP) opened from its header only, not decoded: its kind agrees with
    its first bytes and its pixel count is within ``BATAS_PIKSEL``. ``ValidationError`` when it has
    too many pixels; ``_TidakTerbaca`` when it is no image of ours."""
    jenis = jenis_dari_kepala(data)
    if jenis is None or not jenis.gambar:
        raise _TidakTerbaca
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=list(FORMAT_GAMBAR))  # reads the header only
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("Gambar terlalu besar: paling banyak %(batas)s megapiksel. Perkecil gambar lalu unggah lagi.") % {"batas": BATAS_PIKSEL // 1_000_000},
            code="piksel_terlalu_banyak",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _TidakTerbaca from exc
    if FORMAT_GAMBAR.get(img.format) is not jenis:
        img.close()
        raise _TidakTerbaca
    lebar, tinggi = img.size
    if lebar * tinggi > BATAS_PIKSEL:
        img.close()
        raise ValidationError(
            _("Gambar terlalu besar: %(lebar)s × %(tinggi)s piksel; paling banyak %(batas)s megapiksel. Perkecil gambar lalu unggah lagi.")
            % {"lebar": lebar, "tinggi": tinggi, "batas": BATAS_PIKSEL // 1_000_000},
            code="piksel_terlalu_banyak",
        )
    return img


def buka_gambar(data: bytes) -> Image.Image:
    """The decoded image (JPEG, PNG or WEBP): its size is checked from the header
    (``_buka_kepala_gambar``), then it is decoded once. ``ValidationError`` when it has too many
    pixels; ``_TidakTerbaca`` otherwise."""
    img = _buka_kepala_gambar(data)
    try:
        img.load()
    except (OSError, SyntaxError, ValueError) as exc:
        img.close()
        raise _TidakTerbaca from exc
    return img


def _pesan_bukan_gambar() -> ValidationError:
    return ValidationError(_("Berkas bukan gambar yang sah (JPEG, PNG atau WEBP)."), code="bukan_gambar")


def jpeg_bersih(img: Image.Image, ukuran_maks: tuple[int, int] | None = None) -> bytes:
    """A decoded image re-encoded as JPEG without its EXIF (location, camera), turned upright and
    optionally shrunk to fit ``ukuran_maks``; ``img`` itself is left as it was."""
    hasil = ImageOps.exif_transpose(img)  # a copy
    if hasil.mode not in ("RGB", "L"):
        hasil = hasil.convert("RGB")
    if ukuran_maks:
        hasil.thumbnail(ukuran_maks)
    keluar = io.BytesIO()
    hasil.save(keluar, format="JPEG", quality=85)
    return keluar.getvalue()


def foto_bersih(berkas, *ukuran_maks: tuple[int, int] | None, maks: int = UKURAN_MAKS_BAWAAN) -> list[ContentFile]:
    """An uploaded photo checked (size, kind, pixel count) and decoded once, then re-encoded without
    EXIF once per size in ``ukuran_maks``; the files returned pass the model validators unchecked."""
    validasi_ukuran(berkas, maks)
    try:
        img = buka_gambar(_baca(berkas))
    except _TidakTerbaca as exc:
        raise _pesan_bukan_gambar() from exc
    with img:
        hasil = [ContentFile(jpeg_bersih(img, ukuran), name="foto.jpg") for ukuran in ukuran_maks]
    for berkas_baru in hasil:
        berkas_baru.isi_diperiksa = True
    return hasil


UKURAN_FOTO = (1600, 1600)
UKURAN_THUMBNAIL = (480, 360)


def simpan_foto(foto, berkas, *, gambar: str = "gambar", thumbnail: str = "thumbnail",
                ukuran: tuple[int, int] = UKURAN_FOTO, ukuran_thumbnail: tuple[int, int] = UKURAN_THUMBNAIL):
    """Store an uploaded photo on the unsaved row ``foto`` and save it: checked and decoded once, re-encoded
    without EXIF in two sizes (``foto_bersih``) into the file fields ``gambar`` and ``thumbnail``. A refused
    upload is a ``ValidationError`` on ``gambar``, before anything is written; when saving fails midway the
    files already written are removed. The caller checks who may add the photo (the gallery's owner row)."""
    try:
        besar, kecil = foto_bersih(berkas, ukuran, ukuran_thumbnail)
    except ValidationError as exc:
        raise ValidationError({gambar: exc.messages}) from exc
    try:
        with transaction.atomic():
            getattr(foto, gambar).save(besar.name, besar, save=False)
            getattr(foto, thumbnail).save(kecil.name, kecil, save=False)
            foto.save()
    except Exception:
        for field in (getattr(foto, gambar), getattr(foto, thumbnail)):
            if field and field.name:
                field.storage.delete(field.name)
        raise
    return foto


# --------------------------------------------------------------------------- PDFs

#: Names that make a PDF do something when opened or clicked, or carry other files, mapped to what
#: the refusal calls them. ``/OpenAction`` is checked apart: a plain destination (open at page 1,
#: as LibreOffice writes) is allowed, an action dictionary is not.
NAMA_TERLARANG = {
    "/JS": _l("JavaScript"),
    "/JavaScript": _l("JavaScript"),
    "/AA": _l("aksi otomatis (/AA)"),
    "/Launch": _l("perintah menjalankan program (/Launch)"),
    "/EmbeddedFiles": _l("berkas sisipan"),
    "/EmbeddedFile": _l("berkas sisipan"),
    "/EF": _l("berkas sisipan"),
    "/RichMedia": _l("media sisipan"),
    "/XFA": _l("formulir XFA"),
    "/SubmitForm": _l("aksi pengiriman formulir"),
    "/ImportData": _l("aksi impor data"),
    "/GoToE": _l("tautan ke berkas sisipan"),
}
_NAMA_BERESCAPE = re.compile(rb"/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*#[0-9A-Fa-f]{2}[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")
_KEPALA_OBJEK = re.compile(rb"(?<![0-9])([0-9]{1,10})[\x00\t\n\x0c\r ]+([0-9]{1,5})[\x00\t\n\x0c\r ]+obj(?![A-Za-z])[\x00\t\n\x0c\r ]*")


def _tolak_pdf(apa: str) -> ValidationError:
    return ValidationError(
        _("PDF ini memuat %(apa)s, yang tidak diizinkan pada berkas unggahan. Cetak ulang dokumen ke PDF atau pindai ulang, lalu unggah lagi.")
        % {"apa": apa},
        code="pdf_berbahaya",
    )


def _pdf_tak_terperiksa() -> ValidationError:
    return ValidationError(
        _("PDF ini tidak dapat diperiksa seluruhnya (strukturnya rusak atau tidak lazim). Simpan ulang sebagai PDF biasa atau pindai ulang, lalu unggah lagi."),
        code="pdf_tak_terperiksa",
    )


def _nama_tanpa_escape(nama: bytes) -> str:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), nama).decode("latin-1")


def _periksa_nama_berescape(data: bytes) -> None:
    """Names spelled with #xx escapes anywhere in the raw bytes (``/J#61vaScript``), even where no
    parser looks: no honest PDF escapes these names."""
    for m in _NAMA_BERESCAPE.finditer(data):
        nama = _nama_tanpa_escape(m.group())
        if nama in NAMA_TERLARANG:
            raise _tolak_pdf(NAMA_TERLARANG[nama])
        if nama == "/OpenAction":
            raise _tolak_pdf(_("aksi otomatis saat dibuka (/OpenAction)"))


class _Anggaran:
    """What checking one PDF may still spend: objects walked, bytes decompressed."""

    def __init__(self):
        self.objek = BATAS_OBJEK_PDF
        self.byte = BATAS_DEKOMPRESI_PDF

    def pakai(self, *, objek: int = 0, byte: int = 0) -> None:
        self.objek -= objek
        self.byte -= byte
        if self.objek < 0 or self.byte < 0:
            raise ValueError("PDF too large to walk")


def _objek_dalam_objstm(stream, reader, anggaran: _Anggaran):
    """Every object an object stream holds, read by the stream's own index (also those no
    cross-reference stream points to)."""
    from pypdf.generic import read_object

    isi = stream.get_data()
    n, pertama = int(stream["/N"]), int(stream["/First"])
    anggaran.pakai(objek=max(n, 0), byte=len(isi))
    indeks = isi[:pertama].split()
    if n < 0 or len(indeks) < 2 * n:
        raise ValueError("object stream index too short")
    buf = io.BytesIO(isi)
    for i in range(n):
        buf.seek(pertama + int(indeks[2 * i + 1]))
        yield read_object(buf, reader)


def _periksa_objek(akar, reader, anggaran: _Anggaran) -> None:
    """Walk one object's direct structure (indirect references are walked as objects of their own)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

    tumpukan = [akar]
    while tumpukan:
        obj = tumpukan.pop()
        if isinstance(obj, NameObject):
            if obj in NAMA_TERLARANG:
                raise _tolak_pdf(NAMA_TERLARANG[obj])
        elif isinstance(obj, DictionaryObject):
            for kunci, nilai in obj.items():
                if kunci == "/OpenAction":
                    tujuan = nilai.get_object() if isinstance(nilai, IndirectObject) else nilai
                    if not isinstance(tujuan, ArrayObject):
                        raise _tolak_pdf(_("aksi otomatis saat dibuka (/OpenAction)"))
                tumpukan.append(NameObject(kunci))
                tumpukan.append(nilai)
            if isinstance(obj, StreamObject) and obj.get("/Type") == "/ObjStm":
                tumpukan.extend(_objek_dalam_objstm(obj, reader, anggaran))
        elif isinstance(obj, ArrayObject):
            tumpukan.extend(obj)


def _semua_objek(reader, data: bytes, anggaran: _Anggaran):
    """The trailer, every object the cross-reference data lists (as a reader resolves it), and every
    other object written in the file (``N G obj``: one no table lists, an older revision), read where
    it stands. Objects inside object streams come from walking those streams. Counted before any is read."""
    from pypdf.generic import IndirectObject, read_object

    tercatat = [(num, gen) for gen, entri in reader.xref.items() for num in entri if not reader.xref_free_entry.get(gen, {}).get(num)]
    lain = [m for m in _KEPALA_OBJEK.finditer(data) if reader.xref.get(int(m.group(2)), {}).get(int(m.group(1))) != m.start()]
    anggaran.pakai(objek=len(tercatat) + len(lain))
    yield reader.trailer
    for num, gen in tercatat:
        obj = reader.get_object(IndirectObject(num, gen, reader))
        if obj is None:
            raise ValueError(f"object {num} {gen} unreadable")
        yield obj
    stream = io.BytesIO(data)
    for m in lain:
        stream.seek(m.end())
        yield read_object(stream, reader)


def periksa_pdf(data: bytes) -> None:
    """Refuse a PDF that can run script or act on its own: JavaScript, OpenAction or /AA actions,
    Launch, embedded files (``NAMA_TERLARANG``). Every object is walked, those in object streams and
    those no cross-reference table lists included; a PDF that cannot be walked to the end is refused.
    ``_TidakTerbaca`` when the bytes are not a PDF with at least one page."""
    from pypdf import PdfReader

    if jenis_dari_kepala(data) is not PDF:
        raise _TidakTerbaca
    _periksa_nama_berescape(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise ValidationError(
                    _("PDF ini terkunci (terenkripsi) sehingga isinya tidak dapat diperiksa. Simpan ulang tanpa kunci, lalu unggah lagi."), code="pdf_terkunci"
                )
            if len(reader.pages) == 0:
                raise _TidakTerbaca
    except (ValidationError, _TidakTerbaca):
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to parse untrusted bytes means "not a PDF"
        raise _TidakTerbaca from exc
    anggaran = _Anggaran()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for obj in _semua_objek(reader, data, anggaran):
                _periksa_objek(obj, reader, anggaran)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - a PDF that cannot be walked to the end is refused
        raise _pdf_tak_terperiksa() from exc


# --------------------------------------------------------------------------- validators


def validasi_gambar(berkas, maks: int = UKURAN_MAKS_BAWAAN) -> None:
    """An uploaded image: at most ``maks`` bytes, JPEG/PNG/WEBP by content, within ``BATAS_PIKSEL``."""
    if _sudah_diperiksa(berkas):
        return
    validasi_ukuran(berkas, maks)
    try:
        buka_gambar(_baca(berkas)).close()
    except _TidakTerbaca as exc:
        raise _pesan_bukan_gambar() from exc


def validasi_pdf_atau_gambar(berkas, maks: int = UKURAN_MAKS_BAWAAN) -> None:
    """An uploaded scan: an image as ``validasi_gambar`` or a PDF that passes ``periksa_pdf``."""
    if _sudah_diperiksa(berkas):
        return
    validasi_ukuran(berkas, maks)
    data = _baca(berkas)
    try:
        if jenis_dari_kepala(data) is PDF:
            periksa_pdf(data)
        else:
            buka_gambar(data).close()
    except _TidakTerbaca as exc:
        raise ValidationError(
            _("Berkas harus PDF atau gambar (JPEG, PNG, WEBP) yang sah; isi berkas ini bukan keduanya."), code="bukan_pdf_atau_gambar"
        ) from exc


# --------------------------------------------------------------------------- storing


def _kepala(berkas) -> bytes:
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    return kepala


def nama_menurut_isi(berkas) -> str:
    """A fresh file name for ``berkas``: random, with the extension of what its bytes are."""
    jenis = jenis_dari_kepala(_kepala(berkas))
    return f"{uuid.uuid4().hex}.{jenis.ekstensi if jenis else EKSTENSI_LAIN}"


class BerkasFieldFile(FieldFile):
    def save(self, name, content, save=True):
        super().save(nama_menurut_isi(content), content, save)


VALIDATOR = {"gambar": validasi_gambar, "pdf_atau_gambar": validasi_pdf_atau_gambar}
ACCEPT = {"gambar": "image/jpeg,image/png,image/webp", "pdf_atau_gambar": "application/pdf,image/jpeg,image/png,image/webp"}


class BerkasField(models.FileField):
    """A FileField whose stored name comes from the content (``nama_menurut_isi``) and whose new
    uploads are checked by content (``terima``: "gambar" or "pdf_atau_gambar") wherever the model
    is validated: forms through the services, the admin, imports."""

    attr_class = BerkasFieldFile

    def __init__(self, *args, terima: str = "gambar", **kwargs):
        if terima not in VALIDATOR:
            raise ValueError(f"terima: {terima!r}")
        self.terima = terima
        super().__init__(*args, **kwargs)
        self.default_validators = [VALIDATOR[terima]]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["terima"] = self.terima
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.widget.attrs.setdefault("accept", ACCEPT[self.terima])
        return field


# --------------------------------------------------------------------------- serving


def respons_berkas(berkas: FieldFile, *, sebagai_lampiran: bool = False, cache_control: str | None = None) -> FileResponse:
    """The response for a stored file. Its content type comes from its bytes (a name ending ``.bin``
    is never trusted as anything); an image or a PDF is shown inline, anything else is an
    ``application/octet-stream`` attachment; every file response is sandboxed (no script, no
    same-origin access) and not sniffed. A file missing on disk is a 404."""
    if not berkas:
        raise Http404
    try:
        berkas.open("rb")
        kepala = _kepala(berkas)
    except OSError as exc:
        raise Http404 from exc
    jenis = None if berkas.name.endswith(f".{EKSTENSI_LAIN}") else jenis_dari_kepala(kepala)
    nama = f"{PurePosixPath(berkas.name).stem}.{jenis.ekstensi if jenis else EKSTENSI_LAIN}"
    response = _terkurung(FileResponse(
        berkas,
        as_attachment=sebagai_lampiran or jenis is None,
        filename=nama,
        content_type=jenis.content_type if jenis else "application/octet-stream",
    ))
    if cache_control:
        response["Cache-Control"] = cache_control
    return response


def respons_berkas_buatan(berkas: FieldFile, *, nama: str, content_type: str, sebagai_lampiran: bool) -> FileResponse:
    """The response for a file the portal made itself (a report's PDF or xlsx): its type is known, not
    sniffed (``respons_berkas`` is for uploads and would call an xlsx ``.bin``), under a name that says
    what it is; sandboxed and not sniffed by the browser, as every file. A file missing on disk is a 404."""
    if not berkas:
        raise Http404
    try:
        berkas.open("rb")
    except OSError as exc:
        raise Http404 from exc
    return _terkurung(FileResponse(berkas, as_attachment=sebagai_lampiran, filename=nama, content_type=content_type))


def _terkurung(response: FileResponse) -> FileResponse:
    """Every file the portal serves: no script, no same-origin access, no type sniffing."""
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --------------------------------------------------------------------------- files stored before


def jenis_tersimpan(data: bytes, terima: str = "pdf_atau_gambar") -> Jenis | None:
    """What a stored file is, for the rename: an image whose header reads and fits ``BATAS_PIKSEL``
    (not decoded), or, where the field takes PDFs (``terima``), a PDF that passes ``periksa_pdf``;
    None for anything else."""
    jenis = jenis_dari_kepala(data)
    if jenis is PDF:
        if terima != "pdf_atau_gambar":
            return None
        try:
            periksa_pdf(data)
        except (ValidationError, _TidakTerbaca):
            return None
        return PDF
    try:
        _buka_kepala_gambar(data).close()
    except (ValidationError, _TidakTerbaca):
        return None
    return jenis


_NAMA_DARI_ISI = re.compile(r"^[0-9a-f]{32}\.([a-z]+)$")


def namai_ulang_menurut_isi(model, *kolom: str) -> dict[str, int]:
    """Move every stored file of ``model``'s fields ``kolom`` to a name derived from its content
    (``jenis_tersimpan``; ``.bin`` for anything else, which is then served only as an attachment)
    and point the row at it. A file missing on disk is left as it is. The old files are removed
    after the transaction commits. For the data migrations; returns counts by outcome."""
    hitung = {"dipindah": 0, "sudah": 0, "hilang": 0}
    for field_name in kolom:
        field = model._meta.get_field(field_name)
        storage, terima = field.storage, getattr(field, "terima", "pdf_atau_gambar")
        baris = model._default_manager.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True})
        for pk, nama in baris.values_list("pk", field_name).order_by("pk").iterator():
            try:
                with storage.open(nama, "rb") as f:
                    data = f.read()
            except (FileNotFoundError, OSError):
                hitung["hilang"] += 1
                continue
            jenis = jenis_tersimpan(data, terima)
            ekstensi = jenis.ekstensi if jenis else EKSTENSI_LAIN
            lama = PurePosixPath(nama)
            cocok = _NAMA_DARI_ISI.match(lama.name)
            if cocok and cocok.group(1) == ekstensi:
                hitung["sudah"] += 1
                continue
            baru = storage.save(str(lama.parent / f"{uuid.uuid4().hex}.{ekstensi}"), ContentFile(data))
            model._default_manager.filter(pk=pk).update(**{field_name: baru})
            transaction.on_commit(lambda nama=nama: storage.delete(nama))
            hitung["dipindah"] += 1
    return hitung
