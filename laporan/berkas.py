"""The report's PDF and xlsx, from ``IsiLaporan`` (frozen figures only)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from reportlab.platypus import Table

from wilayah.cetak import dokumen_pdf, gaya, kop_surat, paragraf

from .isi import IsiLaporan


def pdf_laporan(isi: IsiLaporan) -> bytes:
    g = gaya()
    alur = [paragraf(isi.judul, g.judul), paragraf(isi.subjudul, g.biasa)]
    for bagian in isi.program:
        alur.append(paragraf(bagian.judul, g.tebal))
        alur.append(Table([["Indikator", "Bulan ini", "Bulan lalu", "Target"]] + [
            [b.label, b.nilai_tampil, b.bulan_lalu_tampil, b.target] for b in bagian.baris
        ]))
    return dokumen_pdf(judul=f"{isi.judul} {isi.subjudul}", isi=alur, kop=kop_surat())


def xlsx_laporan(isi: IsiLaporan) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    ws.append(["Program", "Indikator", "Bulan ini"])
    for bagian in isi.program:
        for b in bagian.baris:
            ws.append([bagian.judul, b.label, b.nilai])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
