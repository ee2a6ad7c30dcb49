"""The follow-up pages: the list (filters, scope, pinned queries, export), the detail, the forms and
the two page sections."""

import datetime as dt
import io

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from pelatihan.models import JenisTindakLanjut, RencanaTindakLanjut
from tests.factories import RWFactory
from tests.kader.factories import KaderFactory
from tests.pelatihan.factories import MULAI, diklat_di, peserta_di, rencana_di
from tests.wisata.factories import DestinasiFactory

pytestmark = pytest.mark.django_db
LAMPAU = dt.date(2025, 7, 1)
NANTI = dt.date(2099, 12, 31)


def daftar(client, user, **params):
    client.force_login(user)
    return client.get(reverse("pelatihan:rencana-list"), params)


def uraian(response) -> set[str]:
    return {r.uraian for r in response.context["object_list"]}


@pytest.fixture
def tiga(dua_wilayah):
    """Open and overdue, open and not yet due, done: in kelurahan A; one overdue in B."""
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    return {
        "terlambat": rencana_di(kel_a, uraian="A terlambat", tenggat=LAMPAU, jenis=JenisTindakLanjut.DESTINASI),
        "terbuka": rencana_di(kel_a, uraian="A terbuka", tenggat=NANTI, jenis=JenisTindakLanjut.LAINNYA),
        "selesai": rencana_di(kel_a, uraian="A selesai", tenggat=LAMPAU, selesai_pada=dt.date(2025, 6, 20), jenis=JenisTindakLanjut.DESTINASI),
        "b": rencana_di(kel_b, uraian="B terlambat", tenggat=LAMPAU, jenis=JenisTindakLanjut.DESTINASI),
    }


def test_daftar_dalam_lingkup(client, operator_a, bappeda, tiga):
    assert uraian(daftar(client, operator_a)) == {"A terlambat", "A terbuka", "A selesai"}
    assert uraian(daftar(client, bappeda)) == {"A terlambat", "A terbuka", "A selesai", "B terlambat"}


def test_saring_status(client, bappeda, tiga):
    assert uraian(daftar(client, bappeda, status="terlambat")) == {"A terlambat", "B terlambat"}
    assert uraian(daftar(client, bappeda, status="terbuka")) == {"A terlambat", "A terbuka", "B terlambat"}
    assert uraian(daftar(client, bappeda, status="selesai")) == {"A selesai"}
    r = daftar(client, bappeda, status="entah")
    assert r.status_code == 200 and r.context["filter_form"].errors["status"]


def test_saring_wilayah_jenis_diklat(client, bappeda, camat_a, tiga, dua_wilayah):
    assert uraian(daftar(client, bappeda, kelurahan=dua_wilayah["kel_b"].kode)) == {"B terlambat"}
    assert uraian(daftar(client, bappeda, kecamatan=dua_wilayah["kec_a"].kode)) == {"A terlambat", "A terbuka", "A selesai"}
    assert uraian(daftar(client, bappeda, jenis="lainnya")) == {"A terbuka"}
    assert uraian(daftar(client, bappeda, diklat=tiga["b"].peserta.diklat_id)) == {"B terlambat"}
    # outside the camat's scope: the field's error, nothing of B shown
    r = daftar(client, camat_a, kelurahan=dua_wilayah["kel_b"].kode)
    assert r.status_code == 200 and "kelurahan" in r.context["filter_form"].errors and "B terlambat" not in r.content.decode()


def test_daftar_menandai_terlambat(client, operator_a, tiga):
    isi = daftar(client, operator_a).content.decode()
    assert isi.count('class="table-danger"') == 1 and "Melewati tenggat" in isi


def test_jumlah_kueri_daftar_tetap(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    diklat = diklat_di()
    for i in range(3):
        rencana_di(dua_wilayah["kel_a"], peserta=peserta_di(diklat, dua_wilayah["kel_a"]), tenggat=LAMPAU)
    client.force_login(bappeda)
    url = reverse("pelatihan:rencana-list")
    client.get(url)
    with django_assert_max_num_queries(14) as sedikit:
        client.get(url)
    for i in range(20):
        rencana_di(dua_wilayah["kel_b"], peserta=peserta_di(diklat, dua_wilayah["kel_b"]), jenis=JenisTindakLanjut.KADER, target_jumlah=2)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        r = client.get(url)
    assert len(r.context["object_list"]) == 23


def test_ekspor_dengan_saringan_yang_sama(client, bappeda, tiga):
    client.force_login(bappeda)
    r = client.get(reverse("pelatihan:rencana-export"), {"status": "terlambat"})
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    baris = list(ws.iter_rows(values_only=True))
    judul = list(baris[0])
    isi = {row[judul.index("Uraian komitmen")] for row in baris[1:]}
    assert isi == {"A terlambat", "B terlambat"}
    assert {row[judul.index("Status")] for row in baris[1:]} == {"Melewati tenggat"}
    assert "status=terlambat" in daftar(client, bappeda, status="terlambat").context["export_url"]


def test_ekspor_operator_hanya_kelurahannya(client, operator_a, tiga):
    client.force_login(operator_a)
    ws = load_workbook(io.BytesIO(client.get(reverse("pelatihan:rencana-export")).content)).active
    assert all(row[5] == "Kebonsari Wetan" for row in list(ws.iter_rows(values_only=True))[1:])


def test_detail_di_luar_lingkup_404(client, operator_a, tiga):
    client.force_login(operator_a)
    assert client.get(tiga["b"].get_absolute_url()).status_code == 404
    r = client.get(tiga["terlambat"].get_absolute_url())
    assert r.status_code == 200 and "Melewati tenggat" in r.content.decode() and "Riwayat perubahan" in r.content.decode()


def test_detail_kader_n_dari_target(client, bappeda, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    r = rencana_di(kel, jenis=JenisTindakLanjut.KADER, target_jumlah=3, uraian="Tiga KPM baru")
    r.kader_baru.add(KaderFactory(kelurahan=kel, tanggal_mulai=MULAI, nama="Siti KPM Baru"))
    client.force_login(bappeda)
    isi = client.get(r.get_absolute_url()).content.decode()
    assert "1 dari 3 KPM baru tertaut." in isi and "Siti KPM Baru" in isi


def test_tambah_oleh_camat(client, camat_a, dua_wilayah):
    peserta = peserta_di(diklat_di(), dua_wilayah["kel_a"])
    client.force_login(camat_a)
    url = reverse("pelatihan:rencana-create", args=[peserta.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {"jenis": "destinasi", "uraian": "Destinasi wisata di RW 02", "tenggat": "2025-12-31"})
    assert r.status_code == 302
    rencana = RencanaTindakLanjut.objects.get()
    assert rencana.kelurahan == dua_wilayah["kel_a"] and rencana.peserta == peserta


def test_tambah_tenggat_salah_pesan_tanpa_tulis(client, camat_a, dua_wilayah):
    peserta = peserta_di(diklat_di(), dua_wilayah["kel_a"])
    client.force_login(camat_a)
    r = client.post(reverse("pelatihan:rencana-create", args=[peserta.pk]), {"jenis": "lainnya", "uraian": "x", "tenggat": "2024-01-01"})
    assert r.status_code == 200 and "sebelum diklat dimulai" in r.content.decode()
    assert not RencanaTindakLanjut.objects.exists()


def test_tambah_operator_403_dan_peserta_luar_404(client, operator_a, camat_a, dua_wilayah):
    peserta = peserta_di(diklat_di(), dua_wilayah["kel_a"])
    client.force_login(operator_a)
    assert client.get(reverse("pelatihan:rencana-create", args=[peserta.pk])).status_code == 403
    luar = peserta_di(diklat_di(), dua_wilayah["kel_b"])
    client.force_login(camat_a)
    assert client.get(reverse("pelatihan:rencana-create", args=[luar.pk])).status_code == 404


def test_operator_menautkan_destinasi_pilihan_terbatas(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=3)
    r = rencana_di(kel, jenis=JenisTindakLanjut.DESTINASI, rw=rw)
    cocok = DestinasiFactory(kelurahan=kel, rw=rw, nama="Kampung Mangga RW 03")
    DestinasiFactory(kelurahan=kel, nama="Taman RW lain")
    DestinasiFactory(kelurahan=dua_wilayah["kel_b"], nama="Pantai kelurahan lain")
    client.force_login(operator_a)
    url = reverse("pelatihan:rencana-update", args=[r.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["destinasi"].queryset) == [cocok]
    assert form.fields["tenggat"].disabled and "kader_baru" not in form.fields
    data = {"destinasi": cocok.pk, "catatan": "Sudah dibuka"}
    assert client.post(url, data).status_code == 302
    r.refresh_from_db()
    assert r.destinasi == cocok and r.selesai_pada is not None


def test_operator_menautkan_kader_pilihan_terbatas(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    r = rencana_di(kel, jenis=JenisTindakLanjut.KADER, target_jumlah=1, uraian="Satu KPM baru")
    baru = KaderFactory(kelurahan=kel, tanggal_mulai=MULAI + dt.timedelta(days=10))
    KaderFactory(kelurahan=kel, tanggal_mulai=MULAI - dt.timedelta(days=10))
    KaderFactory(kelurahan=dua_wilayah["kel_b"], tanggal_mulai=MULAI + dt.timedelta(days=10))
    client.force_login(operator_a)
    url = reverse("pelatihan:rencana-update", args=[r.pk])
    assert list(client.get(url).context["form"].fields["kader_baru"].queryset) == [baru]
    assert client.post(url, {"kader_baru": [baru.pk]}).status_code == 302
    r.refresh_from_db()
    assert r.selesai_pada is not None and list(r.kader_baru.all()) == [baru]


def test_walikota_hanya_membaca(client, walikota, tiga):
    client.force_login(walikota)
    assert client.get(tiga["terlambat"].get_absolute_url()).status_code == 200
    assert client.get(reverse("pelatihan:rencana-update", args=[tiga["terlambat"].pk])).status_code == 403
    assert client.post(reverse("pelatihan:rencana-delete", args=[tiga["terlambat"].pk])).status_code == 403


def test_hapus_camat(client, camat_a, operator_a, tiga):
    client.force_login(operator_a)
    assert client.post(reverse("pelatihan:rencana-delete", args=[tiga["terbuka"].pk])).status_code == 403
    client.force_login(camat_a)
    assert client.get(reverse("pelatihan:rencana-delete", args=[tiga["terbuka"].pk])).status_code == 200
    assert client.post(reverse("pelatihan:rencana-delete", args=[tiga["terbuka"].pk])).status_code == 302
    assert not RencanaTindakLanjut.objects.filter(pk=tiga["terbuka"].pk).exists()
    assert client.post(reverse("pelatihan:rencana-delete", args=[tiga["b"].pk])).status_code == 404


def _render(template, user, django_assert_max_num_queries, batas, **context):
    request = RequestFactory().get("/")
    request.user = user
    with django_assert_max_num_queries(batas):
        return " ".join(render_to_string(template, {"request": request, **context}).split())


def test_bagian_diklat(bappeda, operator_a, tiga, dua_wilayah, django_assert_max_num_queries):
    diklat = diklat_di()
    for r in ("terlambat", "terbuka", "selesai", "b"):
        RencanaTindakLanjut.objects.filter(pk=tiga[r].pk).update(peserta=peserta_di(diklat, tiga[r].kelurahan))
    isi = _render("pelatihan/_diklat_rencana.html", bappeda, django_assert_max_num_queries, 4, diklat=diklat)
    assert "Komitmen tercatat: <a" in isi and f"?diklat={diklat.pk}&amp;status=terlambat\">2</a>" in isi
    isi = _render("pelatihan/_diklat_rencana.html", operator_a, django_assert_max_num_queries, 4, diklat=diklat)
    assert "status=terlambat\">1</a>" in isi  # only the operator's kelurahan


def test_bagian_peserta(camat_a, operator_a, tiga, django_assert_max_num_queries):
    peserta = tiga["terlambat"].peserta
    isi = _render("pelatihan/_peserta_rencana.html", camat_a, django_assert_max_num_queries, 6, peserta=peserta)
    assert "A terlambat" in isi and reverse("pelatihan:rencana-create", args=[peserta.pk]) in isi and "list-group-item-danger" in isi
    isi = _render("pelatihan/_peserta_rencana.html", operator_a, django_assert_max_num_queries, 6, peserta=peserta)
    assert "A terlambat" in isi and "Tambah komitmen" not in isi
