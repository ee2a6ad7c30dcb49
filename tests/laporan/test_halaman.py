"""The report pages: who sees which report and file, what the pages say, how many queries they run
(the same at 2 kelurahan as at many), bad input, and starting a run from the dashboard."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from laporan import berkas as berkas_laporan
from laporan import services, tasks
from laporan.models import LaporanBulanan, ProsesLaporan
from laporan.templatetags.grafik_laporan import svg_tren
from laporan.views import nama_berkas
from tests.factories import KecamatanFactory, KelurahanFactory, UserFactory, make_user
from tests.kader.factories import KaderFactory
from wilayah.models import Kelurahan
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import Tingkat

TAHUN, BULAN = 2026, 5


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def buat_laporan(tahun=TAHUN, bulan=BULAN, **kwargs) -> ProsesLaporan:
    """A month's reports as the command makes them (eager in tests)."""
    proses = services.laporan_mulai(tahun=tahun, bulan=bulan, sumber="perintah", **kwargs)
    tasks.siapkan.delay(proses.pk)
    proses.refresh_from_db()
    assert proses.status == ProsesLaporan.Status.SELESAI, proses.pesan
    return proses


def lap(kunci, tahun=TAHUN, bulan=BULAN) -> LaporanBulanan:
    return LaporanBulanan.objects.get(kunci_wilayah=kunci, tahun=tahun, bulan=bulan, terbaru=True)


@pytest.fixture(scope="module")
def _berkas_kecil() -> tuple[bytes, bytes]:
    """A one-page PDF and an empty workbook: real files of their kinds, made once."""
    from openpyxl import Workbook
    from reportlab.pdfgen.canvas import Canvas

    pdf, xlsx = io.BytesIO(), io.BytesIO()
    kanvas = Canvas(pdf)
    kanvas.drawString(72, 720, "uji")
    kanvas.save()
    Workbook().save(xlsx)
    return pdf.getvalue(), xlsx.getvalue()


@pytest.fixture
def berkas_kecil(monkeypatch, _berkas_kecil):
    """The runs of a test make these small files instead of each report's own. These tests are about
    the pages (who sees what, names, types, query counts), not the files' layout, which
    tests/laporan/test_berkas.py reads; making the real ones was most of this module's time."""
    pdf, xlsx = _berkas_kecil
    monkeypatch.setattr(berkas_laporan, "pdf_laporan", lambda isi: pdf)
    monkeypatch.setattr(berkas_laporan, "xlsx_laporan", lambda isi: xlsx)


@pytest.fixture
def dunia(dua_wilayah, berkas_kecil):
    for _i in range(6):
        KaderFactory(kelurahan=dua_wilayah["kel_a"])
    for _i in range(2):
        KaderFactory(kelurahan=dua_wilayah["kel_b"])
    buat_laporan()
    return dua_wilayah


# --------------------------------------------------------------------------- scoping matrix


def _status(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize("halaman", ["detail", "pdf", "xlsx"])
def test_operator_hanya_laporan_kelurahannya(client, dunia, operator_a, halaman):
    a, b = lap(dunia["kel_a"].kode), lap(dunia["kel_b"].kode)
    kec_a, kota = lap(dunia["kec_a"].kode), lap("kota")
    assert _status(client, operator_a, reverse(f"laporan:{halaman}", args=[a.pk])) == 200
    for lain in (b, kec_a, kota):
        assert _status(client, operator_a, reverse(f"laporan:{halaman}", args=[lain.pk])) == 404


@pytest.mark.parametrize("halaman", ["detail", "pdf", "xlsx"])
def test_camat_kecamatan_dan_kelurahannya(client, dunia, camat_a, halaman):
    boleh = [lap(dunia["kel_a"].kode), lap(dunia["kec_a"].kode)]
    tidak = [lap(dunia["kel_b"].kode), lap(dunia["kec_b"].kode), lap("kota")]
    for laporan in boleh:
        assert _status(client, camat_a, reverse(f"laporan:{halaman}", args=[laporan.pk])) == 200
    for laporan in tidak:
        assert _status(client, camat_a, reverse(f"laporan:{halaman}", args=[laporan.pk])) == 404


@pytest.mark.parametrize("peran", [BAPPEDA, KANTOR_WALI_KOTA])
@pytest.mark.parametrize("halaman", ["detail", "pdf", "xlsx"])
def test_kota_melihat_semua(client, dunia, peran, halaman):
    user = make_user(peran, username=f"u{peran.split()[0].lower()}")
    for laporan in LaporanBulanan.objects.all():
        assert _status(client, user, reverse(f"laporan:{halaman}", args=[laporan.pk])) == 200


def test_tanpa_lingkup_dan_anonim_ditolak(client, dunia):
    kota = lap("kota")
    assert client.get(reverse("laporan:pdf", args=[kota.pk])).status_code == 302  # to the login page
    client.force_login(UserFactory(username="tanpa"))
    assert client.get(reverse("laporan:pdf", args=[kota.pk])).status_code == 403
    assert client.get(reverse("laporan:index")).status_code == 403


def test_daftar_mengikuti_lingkup(client, dunia, operator_a, camat_a, bappeda):
    def kunci(user):
        client.force_login(user)
        response = client.get(reverse("laporan:index"))
        assert response.status_code == 200
        return {lap.kunci_wilayah for lap in response.context["object_list"]}

    assert kunci(operator_a) == {dunia["kel_a"].kode}
    assert kunci(camat_a) == {dunia["kel_a"].kode, dunia["kec_a"].kode}
    assert kunci(bappeda) == {dunia["kel_a"].kode, dunia["kel_b"].kode, dunia["kec_a"].kode, dunia["kec_b"].kode, "kota"}


def test_daftar_versi_dan_saringan(client, dunia, bappeda):
    buat_laporan(ulang=True)  # a new version of every report; the old ones are kept
    client.force_login(bappeda)
    url = reverse("laporan:index")
    berlaku = client.get(url).context["object_list"]
    assert {lap.versi for lap in berlaku} == {2}
    semua = client.get(url, {"versi": "semua"}).context["paginator"].count
    assert semua == 10
    assert client.get(url, {"tingkat": "kota"}).context["paginator"].count == 1
    assert client.get(url, {"q": "Ketapang"}).context["paginator"].count == 1
    assert client.get(url, {"bulan": "2026-04"}).context["paginator"].count == 0
    response = client.get(url, {"bulan": "2026-13"})
    assert response.status_code == 200 and response.context["filter_form"].errors["bulan"]


# --------------------------------------------------------------------------- files


def test_berkas_nama_jenis_dan_nosniff(client, dunia, bappeda):
    kota, kel = lap("kota"), lap(dunia["kel_a"].kode)
    client.force_login(bappeda)
    pdf = client.get(reverse("laporan:pdf", args=[kota.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'inline; filename="laporan-kota-{TAHUN}-{BULAN:02d}-v1.pdf"'
    assert pdf["X-Content-Type-Options"] == "nosniff"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    xlsx = client.get(reverse("laporan:xlsx", args=[kel.pk]))
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx["Content-Disposition"] == f'attachment; filename="laporan-{kel.kunci_wilayah}-2026-05-v1.xlsx"'
    assert xlsx["X-Content-Type-Options"] == "nosniff"
    load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert nama_berkas(kel, "pdf") == "laporan-35.74.04.1004-2026-05-v1.pdf"


def test_berkas_hilang_404(client, dunia, bappeda):
    kota = lap("kota")
    kota.pdf.delete(save=False)
    client.force_login(bappeda)
    assert client.get(reverse("laporan:pdf", args=[kota.pk])).status_code == 404


# --------------------------------------------------------------------------- what the pages say


def test_detail_berisi_angka_kelengkapan_versi(client, dunia, operator_a):
    buat_laporan(ulang=True, kelurahan=dunia["kel_a"])
    baru, lama = lap(dunia["kel_a"].kode), LaporanBulanan.objects.get(kunci_wilayah=dunia["kel_a"].kode, versi=1)
    client.force_login(operator_a)
    body = client.get(baru.get_absolute_url()).content.decode()
    assert "KPM aktif" in body and 'data-indikator="aktif"' in body
    assert "5–10" in body and "memenuhi" in body  # 6 KPM within 5-10
    assert 'id="kelengkapan-diharapkan">1<' in body
    assert "Versi 2" in body and reverse("laporan:detail", args=[lama.pk]) in body
    assert "<svg" in body and "<script" not in body.split("</footer>")[0]
    assert reverse("laporan:pdf", args=[baru.pk]) in body


def test_detail_kota_menautkan_kecamatan(client, dunia, walikota):
    client.force_login(walikota)
    body = client.get(lap("kota").get_absolute_url()).content.decode()
    for kec in ("kec_a", "kec_b"):
        assert reverse("laporan:detail", args=[lap(dunia[kec].kode).pk]) in body
    body = client.get(lap(dunia["kec_a"].kode).get_absolute_url()).content.decode()
    assert reverse("laporan:detail", args=[lap(dunia["kel_a"].kode).pk]) in body
    assert "Perlu tindakan" in body and "di luar target" not in body  # Kebonsari Wetan has 6 KPM: within 5-10
    body = client.get(lap(dunia["kec_b"].kode).get_absolute_url()).content.decode()
    assert "KPM aktif 2 orang, di luar target" in body


def test_halaman_walikota(client, dunia, walikota):
    client.force_login(walikota)
    response = client.get(reverse("laporan:walikota"))
    assert response.status_code == 200
    assert response.context["kota"] == lap("kota")
    target = {(t.app, t.indikator.kode): t for t in response.context["target"]}
    sesuai = target[("kader", "kelurahan_sesuai_target")]
    assert sesuai.nilai == 50.0 and sesuai.target == 100 and sesuai.persen == 50.0 and sesuai.memenuhi is False
    peringkat = {(p["app"], p["indikator"].kode): p for p in response.context["peringkat"]}
    aktif = peringkat[("kader", "aktif")]
    assert [r["laporan__kelurahan__nama"] for r in aktif["atas"]] == ["Kebonsari Wetan", "Ketapang"]
    assert [r["laporan__kelurahan__nama"] for r in aktif["bawah"]] == ["Ketapang", "Kebonsari Wetan"]
    body = response.content.decode()
    assert reverse("laporan:pdf", args=[lap("kota").pk]) in body
    assert "Mei 2026" in body
    # every kelurahan one step away: the search, and the kecamatan reports that list them
    response = client.get(reverse("laporan:walikota"), {"q": "ketap"})
    assert [lap.kunci_wilayah for lap in response.context["hasil_cari"]] == [dunia["kel_b"].kode]
    assert len(response.context["kecamatan_page"].object_list) == 2


def test_halaman_walikota_tanpa_laporan(client, walikota):
    client.force_login(walikota)
    response = client.get(reverse("laporan:walikota"))
    assert response.status_code == 200 and response.context["kota"] is None
    assert "belum terbit" in response.content.decode()


def test_halaman_kota_hanya_untuk_lingkup_kota(client, dunia, operator_a, camat_a):
    for user in (operator_a, camat_a):
        client.force_login(user)
        for nama in ("laporan:walikota", "laporan:dasbor"):
            assert client.get(reverse(nama)).status_code == 404


def test_dasbor_tabel_panas_dan_turun(client, dunia, bappeda):
    client.force_login(bappeda)
    response = client.get(reverse("laporan:dasbor"), {"program": "kader"})
    assert response.status_code == 200
    assert [lap.kunci_wilayah for lap, _s in response.context["baris"]] == [dunia["kec_b"].kode, dunia["kec_a"].kode]
    assert response.context["kelengkapan"]["diharapkan"] == 2
    body = response.content.decode()
    assert "sel-capai" in body or "sel-kurang" in body
    assert "belum memenuhi target" in body  # in text, not colour alone
    kode = response.context["kode_bulan"]
    assert f'{reverse("wilayah:kelengkapan")}?bulan={kode}' in body  # the month's completeness in detail
    assert reverse("kader:index") in body and reverse("wisata:index") in body
    # drill down: the kelurahan of kecamatan A
    response = client.get(reverse("laporan:dasbor"), {"program": "kader", "kecamatan": dunia["kec_a"].kode})
    assert [lap.kunci_wilayah for lap, _s in response.context["baris"]] == [dunia["kel_a"].kode]
    aktif = response.context["indikator"].index(next(i for i in response.context["indikator"] if i.kode == "aktif"))
    sel = response.context["baris"][0][1][aktif]
    assert sel.teks == "6" and sel.kelas == "sel-capai"


@pytest.mark.parametrize("bulan", ["9999-12", "1-1", "abc", "", "x" * 3000, "1\x002", "2026-13", "²", "2026-05-01"])
@pytest.mark.parametrize("nama", ["laporan:dasbor", "laporan:walikota"])
def test_bulan_buruk_bukan_500(client, dunia, bappeda, bulan, nama):
    client.force_login(bappeda)
    response = client.get(reverse(nama), {"bulan": bulan, "kecamatan": bulan, "program": bulan, "q": bulan, "page": bulan})
    assert response.status_code == 200
    assert (response.context["tahun"], response.context["bulan"]) in {(TAHUN, BULAN), (2026, 1)} or bulan == ""


def test_bulan_tanpa_laporan(client, dunia, bappeda):
    client.force_login(bappeda)
    response = client.get(reverse("laporan:dasbor"), {"bulan": "2025-01"})
    assert response.status_code == 200 and response.context["induk"] is None
    assert "belum terbit" in response.content.decode()


def test_panel_kelurahan_menautkan_laporan_terakhir(client, dunia, operator_a):
    client.force_login(operator_a)
    body = client.get(dunia["kel_a"].get_absolute_url()).content.decode()
    assert lap(dunia["kel_a"].kode).get_absolute_url() in body
    assert "Belum ada data" not in body.split('id="panel-laporan"')[1]


def test_panel_tanpa_laporan(client, dua_wilayah, operator_a):
    client.force_login(operator_a)
    body = client.get(dua_wilayah["kel_a"].get_absolute_url()).content.decode()
    assert "Belum ada laporan bulanan yang terbit" in body


def test_beranda_peran_kota(client, dua_wilayah, bappeda, walikota, camat_a):
    client.force_login(bappeda)
    assert client.get(reverse("beranda"))["Location"] == reverse("laporan:dasbor")
    client.force_login(walikota)
    assert client.get(reverse("beranda"))["Location"] == reverse("laporan:walikota")
    client.force_login(camat_a)
    assert client.get(reverse("beranda"))["Location"] == dua_wilayah["kec_a"].get_absolute_url()


# --------------------------------------------------------------------------- query counts


def _kueri(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, data or {}).status_code == 200
    return len(ctx.captured_queries)


def _tambah_kelurahan(n: int):
    """``n`` more kelurahan (each with a cadre) in six new kecamatan."""
    kecamatan = [KecamatanFactory(kode=f"35.74.{20 + i:02d}", nama=f"Kec Uji {i}") for i in range(6)]
    for j in range(n):
        kel = KelurahanFactory(kode=f"{kecamatan[j % 6].kode}.{1001 + j}", nama=f"Kel Uji {j}", kecamatan=kecamatan[j % 6])
        KaderFactory(kelurahan=kel)


def test_jumlah_kueri_sama_pada_29_dan_120_kelurahan(client, bappeda, walikota, berkas_kecil, hitung_selalu):
    call_command("muat_wilayah")
    for kel in Kelurahan.objects.all():
        KaderFactory(kelurahan=kel)
    buat_laporan()
    kec = Kelurahan.objects.get(kode="35.74.04.1004").kecamatan.kode
    halaman = [
        (bappeda, reverse("laporan:dasbor"), {}), (bappeda, reverse("laporan:dasbor"), {"kecamatan": kec, "program": "wisata"}),
        (walikota, reverse("laporan:walikota"), {"q": "a"}), (bappeda, reverse("laporan:index"), {}),
    ]  # fmt: skip

    def hitung():
        hasil = []
        for user, url, data in halaman + [(walikota, lap("kota").get_absolute_url(), {}), (walikota, lap(kec).get_absolute_url(), {})]:
            client.force_login(user)
            hasil.append(_kueri(client, url, data))
        return hasil

    sedikit = hitung()
    assert LaporanBulanan.objects.filter(tingkat=Tingkat.KELURAHAN, terbaru=True).count() == 29
    _tambah_kelurahan(91)
    buat_laporan(ulang=True)
    assert LaporanBulanan.objects.filter(tingkat=Tingkat.KELURAHAN, terbaru=True).count() == 120
    assert hitung() == sedikit


def test_jumlah_kueri_dipatok(client, dunia, bappeda, walikota, django_assert_max_num_queries):
    """The counts, pinned (session and user included); the test above shows they do not grow."""
    url_kota = lap("kota").get_absolute_url()
    client.force_login(bappeda)
    with django_assert_max_num_queries(14):
        client.get(reverse("laporan:dasbor"))
    with django_assert_max_num_queries(13):
        client.get(url_kota)
    with django_assert_max_num_queries(10):  # + the page's keys (ids first: wilayah.daftar.PaginatorIdDulu)
        client.get(reverse("laporan:index"))
    client.force_login(walikota)
    with django_assert_max_num_queries(21):
        client.get(reverse("laporan:walikota"), {"q": "ke"})


# --------------------------------------------------------------------------- starting a run


def test_bappeda_memulai_proses(client, dunia, bappeda, django_capture_on_commit_callbacks):
    client.force_login(bappeda)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("laporan:mulai"), {"periode": "2026-04", "kelurahan": "", "ulang": ""})
    proses = ProsesLaporan.objects.get(tahun=2026, bulan=4)
    assert response.status_code == 302 and response["Location"] == reverse("laporan:proses", args=[proses.pk])
    assert proses.sumber == "pengguna" and proses.dibuat_oleh == bappeda
    proses.refresh_from_db()
    assert proses.status == ProsesLaporan.Status.SELESAI
    assert lap("kota", 2026, 4).dibuat_oleh == bappeda
    data = json.loads(client.get(reverse("laporan:proses", args=[proses.pk]), {"kemajuan": "1"}).content)
    assert data["selesai"] is True and data["persen"] == 100 and data["jumlah_laporan"] == proses.jumlah_laporan
    body = client.get(reverse("laporan:proses", args=[proses.pk])).content.decode()
    assert "js/laporan_proses.js" in body and lap("kota", 2026, 4).get_absolute_url() in body


def test_proses_berjalan_json(client, dunia, bappeda):
    proses = services.laporan_mulai(tahun=2026, bulan=3, sumber="pengguna", acting_user=bappeda)
    client.force_login(bappeda)
    response = client.get(reverse("laporan:proses", args=[proses.pk]), {"kemajuan": "1"})
    assert response["Content-Type"] == "application/json" and "no-cache" in response["Cache-Control"]
    assert json.loads(response.content)["selesai"] is False
    # a second start of the same month is a form error, nothing doubled
    response = client.post(reverse("laporan:mulai"), {"periode": "2026-03"})
    assert response.status_code == 200 and "sedang dibuat" in str(response.context["form"].non_field_errors())
    assert ProsesLaporan.objects.filter(tahun=2026, bulan=3).count() == 1


@pytest.mark.parametrize(
    "data, galat",
    [({"periode": "2099-01"}, "periode"), ({"periode": "abc"}, "periode"), ({"periode": ""}, "periode"),
     ({"periode": "2026-04", "kelurahan": "35.74.99.9999"}, "kelurahan"), ({"periode": "2026-04", "kelurahan": "1\x002"}, "kelurahan")],
)  # fmt: skip
def test_masukan_buruk_menjadi_galat_formulir(client, dunia, bappeda, data, galat):
    client.force_login(bappeda)
    sebelum = ProsesLaporan.objects.count()
    response = client.post(reverse("laporan:mulai"), data)
    assert response.status_code == 200 and response.context["form"].errors[galat]
    assert ProsesLaporan.objects.count() == sebelum


@pytest.mark.parametrize("peran", [KANTOR_WALI_KOTA, OPERATOR_KELURAHAN, CAMAT])
def test_selain_bappeda_tidak_dapat_memulai(client, dunia, peran):
    user = make_user(peran, kelurahan=dunia["kel_a"], kecamatan=dunia["kec_a"], username="pencoba")
    client.force_login(user)
    sebelum = ProsesLaporan.objects.count()
    response = client.post(reverse("laporan:mulai"), {"periode": "2026-04"})
    assert response.status_code in (403, 404)
    assert ProsesLaporan.objects.count() == sebelum
    proses = ProsesLaporan.objects.first()
    assert client.get(reverse("laporan:proses", args=[proses.pk])).status_code in (403, 404)


def test_walikota_tidak_melihat_formulir(client, dunia, walikota):
    client.force_login(walikota)
    response = client.get(reverse("laporan:dasbor"))
    assert response.status_code == 200 and "form_mulai" not in response.context
    assert 'action="/laporan/proses/mulai/"' not in response.content.decode()


# --------------------------------------------------------------------------- the chart


def test_grafik_svg_membawa_teks():
    svg = svg_tren([("Jan 26", 3), ("Feb 26", None), ("Mar 26", 5)], judul="KPM aktif")
    assert svg.startswith("<svg") and "<polyline" in svg and 'role="img"' in svg
    assert "KPM aktif: Jan 26: 3; Mar 26: 5" in svg
    assert svg_tren([]) == ""
    assert "<script" not in svg_tren([("<script>", 1)]) and "&lt;script&gt;" in svg_tren([("<script>", 1)])


def test_kuartil_tanpa_warna_bila_kolom_sama_semua():
    """A column of equal values (all zero) has nothing to rank: no shade, not "the highest quartile"."""
    from laporan.views import _kuartil

    assert _kuartil([0, 0, 0, 0], 0) == 0
    assert _kuartil([], 5) == 0
    assert _kuartil([1, 2, 3, 4], 4) == 4 and _kuartil([1, 2, 3, 4], 1) == 1
