"""Real files for upload tests, built in memory: a PNG, a JPEG, a one-page PDF, and .xlsx files written part
by part (the hostile shapes a workbook library would not write)."""

import io
import zipfile

from PIL import Image
from reportlab.pdfgen import canvas


def png_bytes(size=(40, 30), warna="green") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, warna).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(12, 8), warna=(30, 120, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, warna).save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf_bytes(teks="SK Lurah") -> bytes:
    buffer = io.BytesIO()
    halaman = canvas.Canvas(buffer)
    halaman.drawString(72, 720, teks)
    halaman.showPage()
    halaman.save()
    return buffer.getvalue()


# --------------------------------------------------------------------------- .xlsx written part by part

_XLSX_JENIS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
_XLSX_JENIS_TEKS = b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
_XLSX_JENIS_GAYA = b'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
_XLSX_RELASI = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
_XLSX_BUKU = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_REL = b'<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" Target="%s"/>'
XLSX_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _tulis_bagian(z: zipfile.ZipFile, nama: str, isi) -> None:
    with z.open(nama, "w") as f:
        for potongan in [isi] if isinstance(isi, bytes) else isi:
            f.write(potongan)


def xlsx_dari_xml(lembar, *, teks_bersama=None, gaya: bytes | None = None, buku: bytes = _XLSX_BUKU,
                  tanpa_mampat: bool = False, tingkat: int | None = None) -> bytes:  # fmt: skip
    """An .xlsx whose first sheet's XML is ``lembar``, with an optional sharedStrings.xml (``teks_bersama``)
    and styles.xml. ``lembar`` and ``teks_bersama`` are bytes or an iterable of byte chunks written one by
    one (so a sheet of a million rows never sits in memory). ``tanpa_mampat`` stores the parts
    uncompressed; ``tingkat`` is the deflate level."""
    relasi, jenis = _REL % (b"rId1", b"worksheet", b"worksheets/sheet1.xml"), b""
    if teks_bersama is not None:
        relasi, jenis = relasi + _REL % (b"rId2", b"sharedStrings", b"sharedStrings.xml"), jenis + _XLSX_JENIS_TEKS
    if gaya is not None:
        relasi, jenis = relasi + _REL % (b"rId3", b"styles", b"styles.xml"), jenis + _XLSX_JENIS_GAYA
    buffer = io.BytesIO()
    metode = zipfile.ZIP_STORED if tanpa_mampat else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", metode, compresslevel=tingkat) as z:
        z.writestr("[Content_Types].xml", _XLSX_JENIS.replace(b"</Types>", jenis + b"</Types>"))
        z.writestr("_rels/.rels", _XLSX_RELASI)
        z.writestr("xl/workbook.xml", buku)
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + relasi + b"</Relationships>",
        )
        _tulis_bagian(z, "xl/worksheets/sheet1.xml", lembar)
        if teks_bersama is not None:
            _tulis_bagian(z, "xl/sharedStrings.xml", teks_bersama)
        if gaya is not None:
            z.writestr("xl/styles.xml", gaya)
    return buffer.getvalue()


def xlsx_baris_berulang(jumlah: int, baris: bytes = b'<row><c t="inlineStr"><is><t>Budi Santoso</t></is></c><c><v>1</v></c></row>') -> bytes:
    """A header row (nama, nomor) and ``jumlah`` copies of ``baris``: with the default row and a million
    copies, the 0.26 MB "row bomb" of issue 9 (75 MB of sheet XML once inflated)."""

    def potongan():
        yield XLSX_NS + b'<sheetData><row><c t="inlineStr"><is><t>nama</t></is></c><c t="inlineStr"><is><t>nomor</t></is></c></row>'
        blok = baris * 10_000
        for _ in range(jumlah // 10_000):
            yield blok
        yield baris * (jumlah % 10_000)
        yield b"</sheetData></worksheet>"

    return xlsx_dari_xml(potongan(), tingkat=9)
