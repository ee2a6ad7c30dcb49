"""The PUD pages of the kecamatan, the city and round management (issue 12, helper A2).

Routing of the PUD home per scope, the kota and kecamatan pages' scoping, figures and fixed query
counts, the FGD schedule (the real 2021 round: 29 kelurahan, 3 a day, weekdays only: 10 working days),
closing and reopening a round, the bulk decree (all or nothing), the lists, and bad ``?siklus=`` values.
"""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pud.models import KategoriKosong, KategoriPUD, KriteriaPUD, LangkahPUD, PengajuanPUD, Siklus, StatusPengajuan, StatusSiklus
from tests.factories import KecamatanFactory, KelurahanFactory
from tests.pud.factories import pengajuan_berstatus, pengajuan_di, pengajuan_lengkap, siklus_terbuka, usulan_di

pytestmark = pytest.mark.django_db

# --------------------------------------------------------------------------- helpers


def _hari_kerja_depan(hari=7) -> dt.date:
    """A Monday at least ``hari`` days from today."""
    tanggal = timezone.localdate() + dt.timedelta(days=hari)
    return tanggal + dt.timedelta(days=(7 - tanggal.weekday()) % 7)


def _jumlah_kueri(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


_nomor = itertools.count(2001)


def _kelurahan_baru(kecamatan, n):
    """``n`` new kelurahan of ``kecamatan`` (codes of their own: the factory's may meet the fixtures')."""
    return [KelurahanFactory(kecamatan=kecamatan, kode=f"{kecamatan.kode}.{next(_nomor)}") for _ in range(n)]


# --------------------------------------------------------------------------- the PUD home routes by scope


def test_index_operator_ke_pengajuan_putaran_terbuka(client, dua_wilayah, operator_a):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    pengajuan_di(dua_wilayah["kel_b"])
    client.force_login(operator_a)
    response = client.get(reverse("pud:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("pud:pengajuan-detail", kwargs={"pk": pengajuan.pk})


def test_index_operator_tanpa_putaran_terbuka(client, dua_wilayah, operator_a):
    siklus = siklus_terbuka(2025)
    pengajuan_di(dua_wilayah["kel_a"], siklus=siklus)
    siklus.status, siklus.ditutup_pada = StatusSiklus.DITUTUP, timezone.now()
    siklus.save()
    client.force_login(operator_a)
    response = client.get(reverse("pud:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="tanpa-putaran"' in body
    assert "Penetapan PUD 2025" in body  # the earlier round, read only


def test_index_camat_ke_kecamatannya(client, dua_wilayah, camat_a):
    client.force_login(camat_a)
    response = client.get(reverse("pud:index"))
    assert response["Location"] == reverse("pud:kecamatan", kwargs={"kode": dua_wilayah["kec_a"].kode})


@pytest.mark.parametrize("peran", ["bappeda", "walikota", "superuser"])
def test_index_kota_ke_progres_kota(client, db, peran, request, django_user_model):
    user = django_user_model.objects.create_superuser("super", password="x") if peran == "superuser" else request.getfixturevalue(peran)
    client.force_login(user)
    response = client.get(reverse("pud:index"))
    assert response["Location"] == reverse("pud:kota")


# --------------------------------------------------------------------------- kota


def test_tanpa_putaran_sama_sekali(client, dua_wilayah, bappeda, camat_a):
    client.force_login(bappeda)
    for url in (reverse("pud:kota"), reverse("pud:siklus-list"), reverse("pud:kecamatan", kwargs={"kode": dua_wilayah["kec_a"].kode})):
        response = client.get(url)
        assert response.status_code == 200 and "Belum ada putaran PUD" in response.content.decode(), url
    assert "Buka putaran baru" in client.get(reverse("pud:siklus-list")).content.decode()
    client.force_login(camat_a)
    assert "Buka putaran baru" not in client.get(reverse("pud:siklus-list")).content.decode()


def test_kota_hanya_lingkup_kota(client, dua_wilayah, operator_a, camat_a, bappeda, walikota):
    siklus_terbuka()
    url = reverse("pud:kota")
    for user, status in ((operator_a, 404), (camat_a, 404), (bappeda, 200), (walikota, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status, user


def _dunia_progres(dua_wilayah):
    """kec_a: draf without FGD, draf with FGD, diajukan, diverifikasi; kec_b: ditetapkan, dikembalikan."""
    kec_a, kec_b = dua_wilayah["kec_a"], dua_wilayah["kec_b"]
    a = [dua_wilayah["kel_a"], *_kelurahan_baru(kec_a, 3)]
    b = [dua_wilayah["kel_b"], *_kelurahan_baru(kec_b, 1)]
    pengajuan_di(a[0], jadwal_fgd=dt.date(2026, 10, 5))
    pengajuan_lengkap(a[1])
    pengajuan_berstatus(a[2], StatusPengajuan.DIAJUKAN)
    pengajuan_berstatus(a[3], StatusPengajuan.DIVERIFIKASI)
    pengajuan_berstatus(b[0], StatusPengajuan.DITETAPKAN)
    dikembalikan = pengajuan_di(b[1])
    usulan_di(dikembalikan, KategoriPUD.AGRO)
    KategoriKosong.objects.create(pengajuan=dikembalikan, kategori=KategoriPUD.BUDAYA, alasan="Belum ada sanggar yang aktif.")
    dikembalikan.status = StatusPengajuan.DIKEMBALIKAN
    dikembalikan.save()
    return kec_a, kec_b


def test_kota_angka_progres(client, dua_wilayah, bappeda):
    kec_a, kec_b = _dunia_progres(dua_wilayah)
    client.force_login(bappeda)
    response = client.get(reverse("pud:kota"))
    total = response.context["total"]
    assert (total.kelurahan, total.terjadwal, total.fgd, total.diajukan, total.diverifikasi, total.ditetapkan, total.dikembalikan) == (6, 1, 4, 3, 2, 1, 1)
    per = {p.kode: p for p in response.context["per_kecamatan"]}
    assert (per[kec_a.kode].kelurahan, per[kec_a.kode].fgd, per[kec_a.kode].diajukan, per[kec_a.kode].diverifikasi, per[kec_a.kode].ditetapkan) == (4, 3, 2, 1, 0)
    assert (per[kec_b.kode].kelurahan, per[kec_b.kode].fgd, per[kec_b.kode].diajukan, per[kec_b.kode].ditetapkan, per[kec_b.kode].dikembalikan) == (2, 1, 1, 1, 1)
    kategori = {k["kode"]: k for k in response.context["per_kategori"]}
    # Main nominations: 4 complete kelurahan in every category, the returned one in agro only.
    assert (kategori["agro"]["ada"], kategori["agro"]["ditetapkan"], kategori["agro"]["tidak_ada"], kategori["agro"]["belum"]) == (5, 1, 0, 1)
    assert (kategori["budaya"]["ada"], kategori["budaya"]["tidak_ada"], kategori["budaya"]["belum"]) == (4, 1, 1)
    body = response.content.decode()
    assert reverse("pud:kecamatan", kwargs={"kode": kec_a.kode}) in body
    assert siklus_terbuka().get_absolute_url() in body


def test_kota_jumlah_kueri_tetap(client, dua_wilayah, bappeda):
    siklus_terbuka()
    client.force_login(bappeda)
    url = reverse("pud:kota")
    pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    pengajuan_di(dua_wilayah["kel_b"])
    sedikit = _jumlah_kueri(client, url)
    for i, kel in enumerate(_kelurahan_baru(dua_wilayah["kec_a"], 4) + _kelurahan_baru(KecamatanFactory(kode="35.74.05"), 4)):
        (pengajuan_berstatus(kel, StatusPengajuan.DIVERIFIKASI) if i % 2 else pengajuan_di(kel))
    assert PengajuanPUD.objects.count() == 10
    assert _jumlah_kueri(client, url) == sedikit
    assert sedikit <= 10  # session, user, scope, permissions, the rounds, per kecamatan, per category (2)


def test_siklus_buruk_tidak_500(client, dua_wilayah, bappeda, camat_a):
    lama = siklus_terbuka(2025)
    lama.status, lama.ditutup_pada = StatusSiklus.DITUTUP, timezone.now()
    lama.save()
    baru = siklus_terbuka(2026)
    for user, url in ((bappeda, reverse("pud:kota")), (camat_a, reverse("pud:kecamatan", kwargs={"kode": dua_wilayah["kec_a"].kode}))):
        client.force_login(user)
        for nilai in ("abc", "0", "-1", "999999", "99999999999999999999", "1\x002", "\u00b2", ""):
            response = client.get(url, {"siklus": nilai})
            assert response.status_code == 200, nilai
            assert response.context["siklus"] == baru  # the open round
        assert client.get(url, {"siklus": lama.pk}).context["siklus"] == lama


# --------------------------------------------------------------------------- kecamatan


def test_kecamatan_lingkup(client, dua_wilayah, operator_a, camat_a, bappeda, walikota):
    siklus_terbuka()
    url_a = reverse("pud:kecamatan", kwargs={"kode": dua_wilayah["kec_a"].kode})
    url_b = reverse("pud:kecamatan", kwargs={"kode": dua_wilayah["kec_b"].kode})
    client.force_login(operator_a)
    assert client.get(url_a).status_code == 404
    client.force_login(camat_a)
    assert client.get(url_a).status_code == 200
    assert client.get(url_b).status_code == 404
    assert client.get(reverse("pud:kecamatan", kwargs={"kode": "35.74.99"})).status_code == 404
    for user in (bappeda, walikota):
        client.force_login(user)
        assert client.get(url_b).status_code == 200


def test_kecamatan_isi_dan_tombol(client, dua_wilayah, camat_a, walikota, bappeda):
    kec_a = dua_wilayah["kec_a"]
    diajukan = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    kel_2, kel_3 = _kelurahan_baru(kec_a, 2)
    diverifikasi = pengajuan_berstatus(kel_2, StatusPengajuan.DIVERIFIKASI)
    draf = pengajuan_di(kel_3)
    KategoriKosong.objects.create(pengajuan=draf, kategori=KategoriPUD.KERAJINAN, alasan="Tidak ada perajin di kelurahan ini.")
    url = reverse("pud:kecamatan", kwargs={"kode": kec_a.kode})
    langkah = lambda pk, aksi: reverse("pud:pengajuan-langkah", kwargs={"pk": pk, "aksi": aksi})  # noqa: E731

    client.force_login(camat_a)
    body = client.get(url).content.decode()
    produk = diajukan.usulan_set.get(kategori=KategoriPUD.AGRO, utama=True)
    assert produk.produk in body and produk.umkm.nama_usaha in body
    assert "tidak ada: Tidak ada perajin di kelurahan ini." in body
    assert "belum" in body
    assert langkah(diajukan.pk, "verifikasi") in body and langkah(diajukan.pk, "kembalikan") in body
    assert langkah(diverifikasi.pk, "batal_verifikasi") in body
    assert langkah(diverifikasi.pk, "tetapkan") not in body  # not the camat's step
    assert f"/pengajuan/{draf.pk}/langkah/" not in body

    client.force_login(walikota)
    body = client.get(url).content.decode()
    assert "/langkah/" not in body  # reads, takes no step
    assert produk.produk in body

    client.force_login(bappeda)
    body = client.get(url).content.decode()
    assert langkah(diverifikasi.pk, "tetapkan") in body
    assert langkah(diajukan.pk, "verifikasi") not in body


def test_kecamatan_jumlah_kueri_tetap(client, dua_wilayah, camat_a):
    kec_a = dua_wilayah["kec_a"]
    pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    pengajuan_di(_kelurahan_baru(kec_a, 1)[0])
    client.force_login(camat_a)
    url = reverse("pud:kecamatan", kwargs={"kode": kec_a.kode})
    sedikit = _jumlah_kueri(client, url)
    for i, kel in enumerate(_kelurahan_baru(kec_a, 8)):
        (pengajuan_berstatus(kel, [StatusPengajuan.DIAJUKAN, StatusPengajuan.DIVERIFIKASI][i % 2]) if i % 3 else pengajuan_di(kel))
    assert PengajuanPUD.objects.filter(kelurahan__kecamatan=kec_a).count() == 10
    assert _jumlah_kueri(client, url) == sedikit
    assert sedikit <= 14  # ... the kecamatan, the rounds, the kelurahan with nominations (3), one per step the camat holds (3)


# --------------------------------------------------------------------------- the FGD schedule


def test_jadwal_29_kelurahan_3_sehari_10_hari_kerja(client, db, bappeda):
    siklus = siklus_terbuka()
    kecamatan = [KecamatanFactory(kode=f"35.74.0{i}") for i in range(1, 6)]
    for i in range(29):
        pengajuan_di(_kelurahan_baru(kecamatan[i % 5], 1)[0], siklus=siklus)
    client.force_login(bappeda)
    mulai = _hari_kerja_depan() - dt.timedelta(days=2)  # a Saturday: the schedule starts on the Monday
    response = client.post(reverse("pud:siklus-jadwal", kwargs={"pk": siklus.pk}), {"mulai": mulai.isoformat(), "kelurahan_per_hari": 3, "tempat": "Aula Kecamatan"})
    assert response.status_code == 302
    tanggal = list(PengajuanPUD.objects.filter(siklus=siklus).values_list("jadwal_fgd", flat=True))
    hari = sorted(set(tanggal))
    assert len(hari) == 10
    assert hari[0] == mulai + dt.timedelta(days=2)
    assert all(h.weekday() < 5 for h in hari)
    assert max(tanggal.count(h) for h in hari) == 3
    assert set(PengajuanPUD.objects.values_list("jadwal_tempat", flat=True)) == {"Aula Kecamatan"}
    halaman = client.get(response["Location"])
    assert halaman.status_code == 200 and halaman.context["hari"]["jumlah"] == 10
    assert "10 hari FGD" in halaman.content.decode()


def test_jadwal_putaran_berhalaman_dan_urutan_tetap(client, db, bappeda):
    """A province's schedule is read page by page (never thousands of rows at once), each row once."""
    from pud.views import JADWAL_PER_HALAMAN

    siklus = siklus_terbuka()
    kec = KecamatanFactory(kode="35.74.01")
    semua = [pengajuan_di(k, siklus=siklus) for k in _kelurahan_baru(kec, JADWAL_PER_HALAMAN + 5)]
    PengajuanPUD.objects.filter(siklus=siklus).update(jadwal_fgd=_hari_kerja_depan())  # one day: only the tie-breakers order them
    client.force_login(bappeda)
    url = reverse("pud:siklus-detail", kwargs={"pk": siklus.pk})
    satu, dua = client.get(url), client.get(url + "?page=2")
    dilihat = [p.pk for p in satu.context["jadwal"]] + [p.pk for p in dua.context["jadwal"]]
    assert len(satu.context["jadwal"]) == JADWAL_PER_HALAMAN and sorted(dilihat) == sorted(p.pk for p in semua)
    assert client.get(url + "?page=x").status_code == 200


def test_jadwal_tanggal_lalu_ditolak(client, db, bappeda, dua_wilayah):
    siklus = siklus_terbuka()
    pengajuan_di(dua_wilayah["kel_a"])
    client.force_login(bappeda)
    response = client.post(reverse("pud:siklus-jadwal", kwargs={"pk": siklus.pk}), {"mulai": "2020-01-06", "kelurahan_per_hari": 3})
    assert response.status_code == 200
    assert response.context["form"].errors["mulai"]
    assert not PengajuanPUD.objects.filter(jadwal_fgd__isnull=False).exists()


def test_jadwal_hanya_bappeda(client, dua_wilayah, camat_a, walikota):
    siklus = siklus_terbuka()
    pengajuan_di(dua_wilayah["kel_a"])
    for user in (camat_a, walikota):
        client.force_login(user)
        assert client.get(reverse("pud:siklus-jadwal", kwargs={"pk": siklus.pk})).status_code == 403
        response = client.post(reverse("pud:siklus-jadwal", kwargs={"pk": siklus.pk}), {"mulai": _hari_kerja_depan().isoformat(), "kelurahan_per_hari": 3})
        assert response.status_code == 403
    assert not PengajuanPUD.objects.filter(jadwal_fgd__isnull=False).exists()


def test_ubah_jadwal_akhir_pekan_ditolak(client, dua_wilayah, bappeda):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    client.force_login(bappeda)
    url = reverse("pud:pengajuan-jadwal", kwargs={"pk": pengajuan.pk})
    sabtu = _hari_kerja_depan() + dt.timedelta(days=5)
    response = client.post(url, {"jadwal_fgd": sabtu.isoformat(), "jadwal_tempat": "Kantor Kelurahan"})
    assert response.status_code == 200
    assert "akhir pekan" in " ".join(response.context["form"].errors["jadwal_fgd"])
    pengajuan.refresh_from_db()
    assert pengajuan.jadwal_fgd is None
    senin = _hari_kerja_depan()
    response = client.post(url, {"jadwal_fgd": senin.isoformat(), "jadwal_tempat": "Kantor Kelurahan"})
    assert response.status_code == 302
    pengajuan.refresh_from_db()
    assert (pengajuan.jadwal_fgd, pengajuan.jadwal_tempat) == (senin, "Kantor Kelurahan")


def test_ubah_jadwal_setelah_diajukan_404_dan_tautan_hanya_yang_boleh(client, dua_wilayah, bappeda, walikota):
    diajukan = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    draf = pengajuan_di(dua_wilayah["kel_b"])
    client.force_login(bappeda)
    assert client.get(reverse("pud:pengajuan-jadwal", kwargs={"pk": diajukan.pk})).status_code == 404
    body = client.get(siklus_terbuka().get_absolute_url()).content.decode()
    assert reverse("pud:pengajuan-jadwal", kwargs={"pk": draf.pk}) in body
    assert reverse("pud:pengajuan-jadwal", kwargs={"pk": diajukan.pk}) not in body
    client.force_login(walikota)
    body = client.get(siklus_terbuka().get_absolute_url()).content.decode()
    assert "/jadwal/" not in body and "/tutup/" not in body and 'id="form-tetapkan"' not in body
    assert client.get(reverse("pud:pengajuan-jadwal", kwargs={"pk": draf.pk})).status_code == 403


# --------------------------------------------------------------------------- opening, closing, reopening


def test_buka_putaran_baru(client, dua_wilayah, bappeda):
    client.force_login(bappeda)
    response = client.post(reverse("pud:siklus-create"), {"tahun": 2027, "nama": "", "batas_pengajuan": "", "catatan": ""})
    assert response.status_code == 302
    siklus = Siklus.objects.get(tahun=2027)
    assert response["Location"] == siklus.get_absolute_url()
    assert siklus.nama == "Penetapan PUD 2027"
    assert PengajuanPUD.objects.filter(siklus=siklus).count() == 2
    assert KriteriaPUD.objects.filter(siklus=siklus).count() == 6
    # A second open round is refused on the form.
    response = client.post(reverse("pud:siklus-create"), {"tahun": 2028, "nama": "Kedua"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Siklus.objects.filter(tahun=2028).exists()


def test_tutup_dan_buka_kembali(client, dua_wilayah, bappeda, walikota):
    siklus = siklus_terbuka()
    client.force_login(walikota)
    assert client.post(reverse("pud:siklus-tutup", kwargs={"pk": siklus.pk})).status_code == 403
    client.force_login(bappeda)
    response = client.post(reverse("pud:siklus-tutup", kwargs={"pk": siklus.pk}))
    assert response["Location"] == siklus.get_absolute_url()
    siklus.refresh_from_db()
    assert siklus.status == StatusSiklus.DITUTUP and siklus.ditutup_pada
    assert "Buka kembali" in client.get(siklus.get_absolute_url()).content.decode()
    client.post(reverse("pud:siklus-buka", kwargs={"pk": siklus.pk}))
    siklus.refresh_from_db()
    assert siklus.status == StatusSiklus.DIBUKA and siklus.ditutup_pada is None
    # Reopening is refused while another round is open: a message, nothing changes.
    client.post(reverse("pud:siklus-tutup", kwargs={"pk": siklus.pk}))
    Siklus.objects.create(tahun=2027, nama="Penetapan PUD 2027")
    response = client.post(reverse("pud:siklus-buka", kwargs={"pk": siklus.pk}), follow=True)
    assert "Masih ada putaran PUD lain yang dibuka" in response.content.decode()
    siklus.refresh_from_db()
    assert siklus.status == StatusSiklus.DITUTUP
    assert client.get(reverse("pud:siklus-tutup", kwargs={"pk": siklus.pk})).status_code == 405


# --------------------------------------------------------------------------- the bulk decree


def test_tetapkan_banyak_semua_atau_tidak_sama_sekali(client, dua_wilayah, bappeda):
    siklus = siklus_terbuka()
    v1 = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIVERIFIKASI)
    v2 = pengajuan_berstatus(dua_wilayah["kel_b"], StatusPengajuan.DIVERIFIKASI)
    belum = pengajuan_berstatus(_kelurahan_baru(dua_wilayah["kec_a"], 1)[0], StatusPengajuan.DIAJUKAN)
    client.force_login(bappeda)
    detail = client.get(siklus.get_absolute_url())
    assert [p.pk for p in detail.context["calon_tetapkan"]] == sorted([v1.pk, v2.pk], key=lambda pk: PengajuanPUD.objects.get(pk=pk).kelurahan.kode)
    url = reverse("pud:siklus-tetapkan", kwargs={"pk": siklus.pk})
    data = {"nomor_keputusan": "100.3.3.3/45/KEP/425.012/2026", "tanggal_keputusan": "2026-11-02"}
    response = client.post(url, data | {"pengajuan": [v1.pk, v2.pk, belum.pk]})
    assert response.status_code == 200
    assert "tidak dapat diambil pada status Diajukan" in " ".join(response.context["form"].non_field_errors())
    assert not PengajuanPUD.objects.filter(status=StatusPengajuan.DITETAPKAN).exists()
    assert not LangkahPUD.objects.exists()
    response = client.post(url, data | {"pengajuan": [v1.pk, v2.pk]})
    assert response["Location"] == siklus.get_absolute_url()
    assert set(PengajuanPUD.objects.filter(status=StatusPengajuan.DITETAPKAN).values_list("pk", flat=True)) == {v1.pk, v2.pk}
    assert set(PengajuanPUD.objects.filter(pk__in=[v1.pk, v2.pk]).values_list("nomor_keputusan", flat=True)) == {data["nomor_keputusan"]}


def test_tetapkan_hanya_bappeda_dan_nomor_wajib(client, dua_wilayah, bappeda, walikota, camat_a):
    siklus = siklus_terbuka()
    v1 = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIVERIFIKASI)
    url = reverse("pud:siklus-tetapkan", kwargs={"pk": siklus.pk})
    for user in (walikota, camat_a):
        client.force_login(user)
        assert client.post(url, {"pengajuan": [v1.pk], "nomor_keputusan": "1", "tanggal_keputusan": "2026-11-02"}).status_code == 403
    client.force_login(bappeda)
    response = client.post(url, {"pengajuan": [v1.pk], "nomor_keputusan": "", "tanggal_keputusan": "2026-11-02"})
    assert response.status_code == 200 and response.context["form"].errors["nomor_keputusan"]
    v1.refresh_from_db()
    assert v1.status == StatusPengajuan.DIVERIFIKASI


# --------------------------------------------------------------------------- criteria


def test_kriteria_tambah_dan_ubah(client, db, bappeda, walikota):
    siklus = siklus_terbuka()
    client.force_login(walikota)
    assert client.get(reverse("pud:kriteria-create", kwargs={"pk": siklus.pk})).status_code == 403
    client.force_login(bappeda)
    response = client.post(reverse("pud:kriteria-create", kwargs={"pk": siklus.pk}), {"nama": "Kemasan", "keterangan": "Kemasan menarik.", "bobot": 2, "urutan": 7})
    assert response.status_code == 302
    kriteria = KriteriaPUD.objects.get(siklus=siklus, nama="Kemasan")
    response = client.post(reverse("pud:kriteria-update", kwargs={"pk": kriteria.pk}), {"nama": "Kemasan", "keterangan": "", "bobot": 3, "urutan": 7})
    assert response["Location"].startswith(siklus.get_absolute_url())
    kriteria.refresh_from_db()
    assert kriteria.bobot == 3
    # The same name twice in a round: the service's message on the form.
    response = client.post(reverse("pud:kriteria-create", kwargs={"pk": siklus.pk}), {"nama": "Kemasan", "bobot": 1, "urutan": 8})
    assert response.status_code == 200 and response.context["form"].errors
    assert "Kemasan" in client.get(siklus.get_absolute_url()).content.decode()


# --------------------------------------------------------------------------- the lists


def test_daftar_pengajuan_dan_usulan_menyaring(client, dua_wilayah, camat_a, bappeda):
    diajukan = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    draf = pengajuan_di(_kelurahan_baru(dua_wilayah["kec_a"], 1)[0])
    luar = pengajuan_di(dua_wilayah["kel_b"])
    alternatif = usulan_di(diajukan, KategoriPUD.AGRO, utama=False, produk="Sirup mangga alternatif")
    client.force_login(camat_a)
    body = client.get(reverse("pud:pengajuan-list"), {"status": "diajukan"}).content.decode()
    assert diajukan.get_absolute_url() in body and draf.get_absolute_url() not in body and luar.get_absolute_url() not in body
    response = client.get(reverse("pud:usulan-list"), {"jenis": "alternatif"})
    assert list(response.context["object_list"]) == [alternatif]
    assert alternatif.get_absolute_url() in response.content.decode()
    # A kecamatan outside the scope is an invalid choice, shown and not applied.
    response = client.get(reverse("pud:pengajuan-list"), {"kecamatan": dua_wilayah["kec_b"].kode})
    assert response.status_code == 200 and response.context["filter_form"].errors["kecamatan"]
    assert luar.get_absolute_url() not in response.content.decode()
    client.force_login(bappeda)
    assert luar.get_absolute_url() in client.get(reverse("pud:pengajuan-list")).content.decode()


def test_halaman_siklus_dapat_dibuka_semua_peran(client, dua_wilayah, operator_a, camat_a, bappeda, walikota):
    siklus = siklus_terbuka()
    pengajuan_di(dua_wilayah["kel_a"])
    pengajuan_di(dua_wilayah["kel_b"])
    for user in (operator_a, camat_a, bappeda, walikota):
        client.force_login(user)
        assert client.get(reverse("pud:siklus-list")).status_code == 200
        response = client.get(siklus.get_absolute_url())
        assert response.status_code == 200
        jumlah = len(response.context["jadwal"])
        assert jumlah == (2 if user in (bappeda, walikota) else 1), user
    client.force_login(operator_a)
    assert client.get(reverse("pud:siklus-create")).status_code == 403
