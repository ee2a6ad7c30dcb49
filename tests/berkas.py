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


# --- hostile files (issue 9: uploads) ------------------------------------------------------------

#: What a hostile upload tries to run: the browser tests watch for each of these effects.
SKRIP = b"<script>document.title='XSS';fetch('/xss-sentinel/');alert('xss')</script>"


def png_dengan_skrip() -> bytes:
    """A real, decodable PNG whose bytes also hold a <script> (in a tEXt chunk): an HTML polyglot."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SKRIP.decode())
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def pdf_dengan_komentar_skrip() -> bytes:
    """A real one-page PDF with a ``%<script>...`` comment line after its header."""
    data = pdf_bytes()
    baris_pertama = data.index(b"\n") + 1
    komentar = b"%" + SKRIP + b"\n"
    # The comment shifts every object; pypdf and browsers repair the offsets, but keep them exact.
    return _geser_xref(data[:baris_pertama] + komentar + data[baris_pertama:], len(komentar))


def _geser_xref(data: bytes, geser: int) -> bytes:
    import re

    awal = data.rindex(b"xref\n")
    bagian = data[awal:]
    bagian = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + geser), bagian)
    bagian = re.sub(rb"startxref\n(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + geser), bagian)
    return data[:awal] + bagian


def png_raksasa(lebar=9500, tinggi=9500) -> bytes:
    """A complete, decodable black-and-white PNG of ``lebar`` x ``tinggi`` pixels, built in a few
    milliseconds (1 bit per pixel, zlib): decoded by Pillow it would take a byte per pixel."""
    import struct
    import zlib

    def chunk(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))

    baris = b"\x00" * (1 + (lebar + 7) // 8)
    kompres = zlib.compressobj(9)
    idat = b"".join(kompres.compress(baris) for _ in range(tinggi)) + kompres.flush()
    ihdr = struct.pack(">IIBBBBB", lebar, tinggi, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def pdf_mentah(katalog=b"", halaman=b"", objek_lain=None, *, di_luar_xref=b"", objstm=None) -> bytes:
    """A one-page PDF written by hand, for the shapes a generator would not write.

    ``katalog``/``halaman``: extra entries of the catalog (object 1) and page (object 3);
    ``objek_lain``: {number: body} from 4 up; ``di_luar_xref``: raw bytes (e.g. an object) written
    before the cross-reference table but listed in none; ``objstm``: {number: body} of objects put
    in one Flate-compressed object stream, with a cross-reference stream instead of a table."""
    import zlib

    objek = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + katalog + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + halaman + b" >>",
        **(objek_lain or {}),
    }
    keluar = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    posisi = {}
    for nomor in sorted(objek):
        posisi[nomor] = len(keluar)
        keluar += b"%d 0 obj\n%s\nendobj\n" % (nomor, objek[nomor])
    keluar += di_luar_xref
    if not objstm:
        ukuran = max(objek) + 1
        xref = len(keluar)
        keluar += b"xref\n0 %d\n0000000000 65535 f \n" % ukuran
        for nomor in range(1, ukuran):
            keluar += b"%010d 00000 n \n" % posisi[nomor] if nomor in posisi else b"0000000000 00000 f \n"
        keluar += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (ukuran, xref)
        return bytes(keluar)
    nomor_stm = max([*objek, *objstm]) + 1
    indeks, isi = [], b""
    for nomor in sorted(objstm):
        indeks.append(b"%d %d" % (nomor, len(isi)))
        isi += objstm[nomor] + b"\n"
    kepala = b" ".join(indeks) + b"\n"
    padat = zlib.compress(kepala + isi)
    posisi[nomor_stm] = len(keluar)
    keluar += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        nomor_stm, len(objstm), len(kepala), len(padat), padat,
    )
    nomor_xref = nomor_stm + 1
    ukuran = nomor_xref + 1
    posisi[nomor_xref] = len(keluar)
    baris = b""
    urutan_stm = {nomor: i for i, nomor in enumerate(sorted(objstm))}
    for nomor in range(ukuran):
        if nomor in posisi:
            baris += bytes([1]) + posisi[nomor].to_bytes(4, "big") + (0).to_bytes(2, "big")
        elif nomor in urutan_stm:
            baris += bytes([2]) + nomor_stm.to_bytes(4, "big") + urutan_stm[nomor].to_bytes(2, "big")
        else:
            baris += bytes([0]) + (0).to_bytes(4, "big") + (65535 if nomor == 0 else 0).to_bytes(2, "big")
    keluar += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        nomor_xref, ukuran, len(baris), baris,
    )
    keluar += b"startxref\n%d\n%%%%EOF\n" % posisi[nomor_xref]
    return bytes(keluar)


def pdf_dari_pypdf(ubah) -> bytes:
    """A one-page PDF written by pypdf after ``ubah(writer)``: what real tools write (add_js, attachments)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf_bytes())))
    ubah(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
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
