"""The shared printing pieces: letterhead, signature block, the A4 document and the signer form."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import Image, PageBreak, Paragraph

from wilayah.cetak import LEBAR_ISI_A4_LANSKAP, blok_tanda_tangan, dokumen_pdf, gambar_dari_bytes, gaya, kop_surat, paragraf
from wilayah.forms import PenandaTanganForm

pytestmark = pytest.mark.django_db

PENANDA = {
    "penanda_tangan_nama": "Drs. Agus Salim", "penanda_tangan_jabatan": "Lurah Kebonsari Wetan", "penanda_tangan_nip": "197001011990031001",
    "mengetahui_nama": "Budi & Hartono", "mengetahui_jabatan": "Camat Kanigaran", "mengetahui_nip": "196902021990031002",
    "tanggal": dt.date(2025, 5, 26),
}


def _teks(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [baris.strip() for halaman in reader.pages for baris in halaman.extract_text().splitlines() if baris.strip()]


def test_dokumen_dengan_kop_dan_tanda_tangan(dua_wilayah, settings):
    settings.NAMA_WILAYAH = "Kota Probolinggo"
    kel = dua_wilayah["kel_a"]
    kel.alamat_kantor = "Jl. Mastrip No. 1"
    pdf = dokumen_pdf(
        judul="Berita Acara", penulis="Kelurahan Kebonsari Wetan", kop=kop_surat(kelurahan=kel),
        isi=[paragraf("BERITA ACARA FGD", gaya().judul)], tanda_tangan=blok_tanda_tangan(PENANDA, tempat=kel.nama),
    )
    baris = _teks(pdf)
    assert baris[:5] == ["PEMERINTAH KOTA PROBOLINGGO", "KECAMATAN KANIGARAN", "KELURAHAN KEBONSARI WETAN", "Jl. Mastrip No. 1", "BERITA ACARA FGD"]
    teks = "\n".join(baris)
    for kata in ("Mengetahui,", "Kebonsari Wetan, 26 Mei 2025", "Camat Kanigaran", "Lurah Kebonsari Wetan", "Budi & Hartono", "Drs. Agus Salim",
                 "NIP. 197001011990031001", "NIP. 196902021990031002"):
        assert kata in teks, kata
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Berita Acara"


def test_nama_penanda_tangan_bergaris_bawah():
    blok = blok_tanda_tangan(PENANDA, tempat="Ketapang")
    sel = blok._content[0]._cellvalues[0]  # KeepTogether > Table: [acknowledger, signer]
    paragraf_nama = [f.text for kolom in sel for f in kolom if isinstance(f, Paragraph) and ("Agus" in f.text or "Hartono" in f.text)]
    assert len(paragraf_nama) == 2 and all(t.startswith("<u><b>") for t in paragraf_nama)
    nama = [p for kolom in sel for p in kolom if isinstance(p, Paragraph) and "Hartono" in p.text]
    assert any("&amp;" in p.text for p in nama)  # escaped: an ampersand in a name cannot break the PDF


def test_tanpa_mengetahui_dan_tanpa_nip():
    penanda = {"penanda_tangan_nama": "Siti Aminah", "penanda_tangan_jabatan": "Ketua Panitia", "tanggal": dt.date(2025, 1, 2)}
    teks = "\n".join(_teks(dokumen_pdf(judul="Sertifikat", isi=[], tanda_tangan=blok_tanda_tangan(penanda, tempat="Probolinggo"))))
    assert "Probolinggo, 2 Januari 2025" in teks and "Siti Aminah" in teks
    assert "Mengetahui" not in teks and "NIP" not in teks


def test_kop_tingkat_kecamatan_dan_kota(dua_wilayah):
    kec = dua_wilayah["kec_a"]
    teks = _teks(dokumen_pdf(judul="x", isi=[], kop=kop_surat(kecamatan=kec)))
    assert teks[1] == "KECAMATAN KANIGARAN" and teks[2] == f"Kode wilayah {kec.kode}"
    teks = _teks(dokumen_pdf(judul="x", isi=[], kop=kop_surat(instansi="Badan Perencanaan Pembangunan Daerah", alamat="Jl. Panglima Sudirman")))
    assert teks[1:] == ["BADAN PERENCANAAN PEMBANGUNAN DAERAH", "Jl. Panglima Sudirman"]
    assert not any("KECAMATAN" in t for t in teks)


def _data(**ubah):
    data = {k: v for k, v in PENANDA.items() if k != "tanggal"} | {"tanggal": "2025-05-26"}
    return data | ubah


def test_form_menolak_nip_yang_bukan_18_angka():
    for salah in ("123", "19700101199003100A", "1970010119900310011"):
        form = PenandaTanganForm(_data(penanda_tangan_nip=salah, mengetahui_nip=salah))
        assert not form.is_valid()
        assert form.errors["penanda_tangan_nip"] == ["NIP harus 18 angka."] and form.errors["mengetahui_nip"] == ["NIP harus 18 angka."]
    form = PenandaTanganForm(_data(mengetahui_nip="19690202 199003 1002", penanda_tangan_nip=""))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["mengetahui_nip"] == "196902021990031002" and form.cleaned_data["penanda_tangan_nip"] == ""
    assert form.cleaned_data["tanggal"] == dt.date(2025, 5, 26)


def test_form_tanpa_mengetahui():
    form = PenandaTanganForm({"penanda_tangan_nama": "Siti", "penanda_tangan_jabatan": "Ketua", "tanggal": "2025-05-26"}, dengan_mengetahui=False)
    assert form.is_valid(), form.errors
    assert "mengetahui_nama" not in form.fields
    assert not PenandaTanganForm({"penanda_tangan_nama": "Siti", "penanda_tangan_jabatan": "Ketua", "tanggal": "2025-05-26"}).is_valid()


def _png(lebar=20, tinggi=10) -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (lebar, tinggi), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_gambar_dari_bytes_menjaga_perbandingan_dan_tercetak():
    gambar = gambar_dari_bytes(_png(20, 10), lebar=4 * cm)
    assert isinstance(gambar, Image) and gambar.drawWidth == 4 * cm and gambar.drawHeight == 2 * cm
    assert gambar_dari_bytes(_png(), lebar=3 * cm, tinggi=1 * cm).drawHeight == 1 * cm
    pdf = dokumen_pdf(judul="Gambar", isi=[gambar])
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1


def test_halaman_lanskap_dengan_hitungan_halaman_dan_kolom_kiri_tanda_tangan():
    dicatat = []
    penanda = {"penanda_tangan_nama": "Siti Aminah", "penanda_tangan_jabatan": "Kepala BKPSDM", "tanggal": dt.date(2025, 5, 28)}
    kiri = [paragraf("KODE-DI-KIRI", gaya().biasa)]
    pdf = dokumen_pdf(
        judul="Sertifikat", pagesize=landscape(A4), setiap_halaman=dicatat.append,
        isi=[paragraf("Halaman satu", gaya().biasa), PageBreak(), paragraf("Halaman dua", gaya().biasa), PageBreak(),
             paragraf("Halaman tiga", gaya().biasa), blok_tanda_tangan(penanda, tempat="Probolinggo", lebar=LEBAR_ISI_A4_LANSKAP, kiri=kiri)],
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3 and dicatat == [1, 2, 3]
    halaman = reader.pages[0]
    assert float(halaman.mediabox.width) > float(halaman.mediabox.height)  # landscape
    assert LEBAR_ISI_A4_LANSKAP == landscape(A4)[0] - 4 * cm
    assert "KODE-DI-KIRI" in reader.pages[2].extract_text() and "Probolinggo, 28 Mei 2025" in reader.pages[2].extract_text()
