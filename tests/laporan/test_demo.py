"""The demo reports: made by the run's own services, every one finished, and made once."""

import datetime as dt

from laporan import berkas as berkas_laporan
from laporan import demo
from laporan.models import LaporanBulanan, ProsesLaporan
from wilayah import demo as demo_wilayah
from wilayah.models import Kecamatan, Kelurahan, KonfirmasiBulan, PengaturanBulan


def test_demo_laporan_selesai_dan_idempoten(db, mailoutbox, monkeypatch):
    monkeypatch.setattr(demo, "BULAN_DEMO", 2)  # the rule, not the size: two months are enough
    # ... and placeholder files: the demo's real PDFs and workbooks are made by tests/wilayah/test_demo_data.py
    monkeypatch.setattr(berkas_laporan, "pdf_laporan", lambda isi: b"%PDF-1.4 uji")
    monkeypatch.setattr(berkas_laporan, "xlsx_laporan", lambda isi: b"PK uji")
    demo_wilayah.muat_demo()
    demo.muat_demo()
    wilayah = Kelurahan.objects.count() + Kecamatan.objects.count() + 1
    assert LaporanBulanan.objects.count() == demo.BULAN_DEMO * wilayah
    assert not LaporanBulanan.objects.exclude(status=LaporanBulanan.Status.SELESAI).exists()
    assert LaporanBulanan.objects.filter(terbaru=True).count() == demo.BULAN_DEMO * wilayah
    assert all(lap.pdf and lap.xlsx for lap in LaporanBulanan.objects.filter(tingkat="kota"))
    assert set(ProsesLaporan.objects.values_list("status", flat=True)) == {ProsesLaporan.Status.SELESAI}
    assert mailoutbox == []  # the demo sends no e-mail
    assert KonfirmasiBulan.objects.count() == len(demo.KONFIRMASI_DEMO)
    assert not KonfirmasiBulan.objects.filter(dikonfirmasi_oleh=None).exists()  # a page would say "a deleted user"
    pertama = LaporanBulanan.objects.order_by("tahun", "bulan").first()
    assert PengaturanBulan.aktif().kunci_mulai == dt.date(pertama.tahun, pertama.bulan, 1)  # the first published month locks
    demo.muat_demo()
    assert LaporanBulanan.objects.count() == demo.BULAN_DEMO * wilayah
    assert ProsesLaporan.objects.count() == demo.BULAN_DEMO
