"""The monthly report's PDF and xlsx (``laporan/berkas.py``), built through the real run (services and
tasks, eager without a broker) on hand-made data, and read back: the PDF with pypdf, the xlsx with openpyxl.

Kebonsari Wetan (Kanigaran), May 2026, by hand:
- KPM: 3 active since 2023 and 1 started on 10 May 2026: 4 active (target 5-10: not met), 1 new;
- wisata: 3 RW, one with an active destination: coverage 1/3 = 33,3%, 2 RW without a destination;
- LKK: one institution whose term ended on 1 January 2026 (needs a new SK), one valid until 2029.
Its neighbour Sukabumi (same kecamatan) has 6 active KPM (within the target) and no RW.
Ketapang (Kademangan) is named like a formula, so every sheet holding it must neutralise it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import ClassVar

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from laporan import services, tasks
from laporan.berkas import BATAS_TINDAKAN, nama_lembar_aman, pdf_laporan, xlsx_laporan
from laporan.isi import isi_laporan
from laporan.models import AngkaBulanan, LaporanBulanan
from tests.factories import KecamatanFactory, KelurahanFactory, RWFactory
from tests.kader.factories import KaderFactory
from tests.lkk.factories import LembagaFactory
from tests.wisata.factories import DestinasiFactory
from wilayah import ringkasan as registri
from wilayah.models import KonfirmasiBulan
from wilayah.ringkasan import Indikator, ProgramRingkasan, Ringkasan
from wilayah.scoping import Tingkat

TAHUN, BULAN = 2026, 5
NAMA_RUMUS = "=HYPERLINK(\"http://contoh.invalid\",\"klik\")"


def _teks_pdf(data: bytes) -> str:
    """The PDF's text, whitespace squeezed (a wrapped cell splits a line)."""
    teks = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", teks)


def _jumlah_halaman(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _buat_bulan(tahun=TAHUN, bulan=BULAN):
    proses = services.laporan_mulai(tahun=tahun, bulan=bulan, sumber="perintah")
    tasks.siapkan.delay(proses.pk)
    return proses


def _laporan(tingkat, kunci, tahun=TAHUN, bulan=BULAN) -> LaporanBulanan:
    return LaporanBulanan.objects.select_related("kelurahan", "kecamatan").get(
        tingkat=tingkat, kunci_wilayah=kunci, tahun=tahun, bulan=bulan, terbaru=True
    )


@pytest.fixture
def kota(db):
    kanigaran = KecamatanFactory(kode="35.74.04", nama="Kanigaran")
    kademangan = KecamatanFactory(kode="35.74.01", nama="Kademangan")
    kebonsari = KelurahanFactory(kode="35.74.04.1004", nama="Kebonsari Wetan", kecamatan=kanigaran)
    sukabumi = KelurahanFactory(kode="35.74.04.1005", nama="Sukabumi", kecamatan=kanigaran)
    ketapang = KelurahanFactory(kode="35.74.01.1001", nama=NAMA_RUMUS, kecamatan=kademangan)
    for _i in range(3):
        KaderFactory(kelurahan=kebonsari, tanggal_mulai=dt.date(2023, 1, 2))
    KaderFactory(kelurahan=kebonsari, tanggal_mulai=dt.date(2026, 5, 10))
    for _i in range(6):
        KaderFactory(kelurahan=sukabumi, tanggal_mulai=dt.date(2023, 1, 2))
    DestinasiFactory(kelurahan=kebonsari, tanggal_aktif=dt.date(2025, 6, 1))
    RWFactory(kelurahan=kebonsari, nomor=20)
    RWFactory(kelurahan=kebonsari, nomor=21)
    LembagaFactory(kelurahan=kebonsari, masa_bakti_mulai=dt.date(2021, 1, 1), masa_bakti_selesai=dt.date(2026, 1, 1))
    LembagaFactory(kelurahan=kebonsari)
    KonfirmasiBulan.objects.create(kelurahan=kebonsari, tahun=TAHUN, bulan=BULAN, dikonfirmasi_pada=timezone.make_aware(dt.datetime(2026, 6, 3, 9)))
    return {"kanigaran": kanigaran, "kademangan": kademangan, "kebonsari": kebonsari, "sukabumi": sukabumi, "ketapang": ketapang}


def test_berkas_laporan_kelurahan_dari_proses_nyata(kota):
    _buat_bulan()
    lap = _laporan(Tingkat.KELURAHAN, "35.74.04.1004")
    assert lap.status == LaporanBulanan.Status.SELESAI
    teks = _teks_pdf(lap.pdf.read())
    assert "KEBONSARI WETAN" in teks
    assert "Mei 2026" in teks
    assert "33,3%" in teks
