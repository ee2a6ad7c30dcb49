"""Monthly figures for all kelurahan (hand-made data), the target progress on home pages and the city view."""

import datetime as dt

from django.urls import reverse

from kader.models import Kader, PengaturanKader, StatusKader
from wilayah.scoping import boleh
from kader.progres import progres_kelurahan
from kader.ringkasan import ringkasan_bulanan
from wilayah.angka import perbarui
from tests.factories import KelurahanFactory
from tests.kader.factories import KaderFactory, banyak_kader


def _kader(kelurahan, mulai, jk="L", nonaktif=None):
    extra = {"status": StatusKader.NONAKTIF, "alasan_nonaktif": "Pindah", "tanggal_nonaktif": nonaktif} if nonaktif else {}
    return KaderFactory(kelurahan=kelurahan, tanggal_mulai=mulai, jenis_kelamin=jk, **extra)


def test_ringkasan_on_hand_made_data(dua_wilayah, django_assert_max_num_queries):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    kosong = KelurahanFactory(kecamatan=dua_wilayah["kec_a"], kode="35.74.04.1009", nama="Kosong")
    _kader(kel_a, dt.date(2024, 1, 5), "P")  # active before March
    _kader(kel_a, dt.date(2025, 3, 10), "L")  # new in March
    _kader(kel_a, dt.date(2025, 3, 31), "P")  # new on the last day
    _kader(kel_a, dt.date(2025, 4, 1), "L")  # starts after March: not counted
    _kader(kel_a, dt.date(2023, 1, 1), "L", nonaktif=dt.date(2025, 3, 15))  # left in March
    _kader(kel_a, dt.date(2023, 1, 1), "P", nonaktif=dt.date(2025, 5, 1))  # left later: active at end of March
    _kader(kel_b, dt.date(2022, 1, 1), "L", nonaktif=dt.date(2024, 12, 31))  # left before March
    with django_assert_max_num_queries(3):
        hasil = ringkasan_bulanan(2025, 3)
    a = hasil[kel_a.pk]
    assert (a.aktif, a.aktif_perempuan, a.aktif_laki_laki, a.baru, a.nonaktif) == (4, 3, 1, 2, 1)
    assert a.status_target == "kurang" and (a.target_minimal, a.target_maksimal) == (5, 10)
    b = hasil[kel_b.pk]
    assert (b.aktif, b.baru, b.nonaktif) == (0, 0, 0)
    assert hasil[kosong.pk].aktif == 0
    assert set(hasil) == {kel_a.pk, kel_b.pk, kosong.pk}
    assert a.as_dict()["status_target"] == "kurang"


def test_ringkasan_query_count_does_not_grow(dua_wilayah, django_assert_max_num_queries):
    for i in range(30):
        KelurahanFactory(kecamatan=dua_wilayah["kec_a"], kode=f"35.74.04.{2000 + i}")
    banyak_kader(dua_wilayah["kel_a"], 300)
    with django_assert_max_num_queries(3):
        hasil = ringkasan_bulanan(2025, 3)
    assert hasil[dua_wilayah["kel_a"].pk].aktif == 300


def test_target_is_configurable_and_status_follows(dua_wilayah, bappeda):
    banyak_kader(dua_wilayah["kel_a"], 6)
    baris = {p.kelurahan.pk: p for p in progres_kelurahan(bappeda)}
    assert baris[dua_wilayah["kel_a"].pk].status == "cukup"
    assert baris[dua_wilayah["kel_b"].pk].status == "kurang"
    PengaturanKader.objects.update(target_minimal=2, target_maksimal=4)
    baris = {p.kelurahan.pk: p for p in progres_kelurahan(bappeda)}
    assert baris[dua_wilayah["kel_a"].pk].status == "lebih"
    assert baris[dua_wilayah["kel_a"].pk].persen == 100


def test_progress_counts_equal_for_user_counts(dua_wilayah, operator_a, camat_a, bappeda):
    banyak_kader(dua_wilayah["kel_a"], 3)
    banyak_kader(dua_wilayah["kel_b"], 2, mulai=100)
    banyak_kader(dua_wilayah["kel_a"], 2, mulai=200, status="nonaktif")
    for user in (operator_a, camat_a, bappeda):
        total = sum(p.aktif for p in progres_kelurahan(user))
        assert total == Kader.objects.for_user(user).aktif().count()


def test_kelurahan_home_shows_progress_bar(client, operator_a, dua_wilayah):
    banyak_kader(dua_wilayah["kel_a"], 3)
    banyak_kader(dua_wilayah["kel_b"], 7, mulai=100)
    client.force_login(operator_a)
    body = client.get(dua_wilayah["kel_a"].get_absolute_url()).content.decode()
    assert 'id="progres-kader"' in body
    assert 'data-aktif="3"' in body and "3 KPM aktif dari target 5-10" in body
    assert "di bawah target" in body


def test_city_view_lists_below_and_above(client, walikota, dua_wilayah):
    """City level: one row per kecamatan with its kelurahan below/above the target (stored figures);
    the kelurahan by name only in a kecamatan's drill-down (formerly every kelurahan on the city page)."""
    banyak_kader(dua_wilayah["kel_a"], 2)
    banyak_kader(dua_wilayah["kel_b"], 11, mulai=100)
    client.force_login(walikota)
    response = client.get(reverse("kader:sebaran"))
    baris = {b["kode"]: b for b in response.context["tabel"].halaman.object_list}
    assert (baris["35.74.04"]["kurang"], baris["35.74.04"]["lebih"]) == (1, 0)
    assert (baris["35.74.01"]["kurang"], baris["35.74.01"]["lebih"]) == (0, 1)
    response = client.get(reverse("kader:sebaran"), {"kecamatan": "35.74.04"})
    assert [p.kelurahan.nama for p in response.context["kurang"]] == ["Kebonsari Wetan"]
    assert response.context["lebih"] == []
    body = client.get(reverse("wilayah:kota")).content.decode()
    assert "Kebonsari Wetan" not in body and "Ketapang" not in body  # the city panel counts, it does not list
    panel = body[body.index('id="panel-kader"'):]
    assert "13 KPM aktif" in panel


def test_camat_city_view_is_limited_to_kecamatan(client, camat_a, dua_wilayah):
    client.force_login(camat_a)
    response = client.get(reverse("kader:sebaran"))
    assert [p.kelurahan.nama for p in response.context["baris"]] == ["Kebonsari Wetan"]


def test_kecamatan_home_panel_lists_its_kelurahan_only(client, camat_a, dua_wilayah):
    banyak_kader(dua_wilayah["kel_a"], 12)
    banyak_kader(dua_wilayah["kel_b"], 1, mulai=100)
    client.force_login(camat_a)
    body = client.get(dua_wilayah["kec_a"].get_absolute_url()).content.decode()
    assert "12 KPM aktif" in body and "Kebonsari Wetan (12)" in body
    assert "Ketapang" not in body


def test_panels_run_a_fixed_number_of_queries(rf, bappeda, dua_wilayah, django_assert_max_num_queries):
    from kader.progres import konteks_panel_kelurahan, konteks_panel_kota

    banyak_kader(dua_wilayah["kel_a"], 300)
    request = rf.get("/")
    request.user = bappeda
    boleh(bappeda, Kader)  # the user's scope and permissions are read once per request (cached on the user)
    perbarui()  # the city panel reads the stored figures (wilayah.angka): one query
    with django_assert_max_num_queries(1):
        konteks = konteks_panel_kota(request, None)
    assert konteks["total"]["kpm_aktif"] == 300
    with django_assert_max_num_queries(3):
        assert konteks_panel_kelurahan(request, dua_wilayah["kel_a"])["progres"].aktif == 300


def test_ringkasan_lewat_registri_dan_kelurahan_ids(dua_wilayah, django_assert_max_num_queries):
    from wilayah.ringkasan import program, rekap_kota

    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    _kader(kel_a, dt.date(2024, 1, 5), "P")
    _kader(kel_a, dt.date(2025, 3, 10), "L")
    _kader(kel_a, dt.date(2023, 1, 1), "L", nonaktif=dt.date(2025, 3, 15))
    banyak_kader(kel_b, 6, mulai=100)
    kader = program("kader")
    langsung = ringkasan_bulanan(2025, 3)
    with django_assert_max_num_queries(3):
        lewat_registri = kader.ringkasan_bulanan(2025, 3)
    assert lewat_registri == langsung
    assert (lewat_registri[kel_a.pk].aktif, lewat_registri[kel_a.pk].baru, lewat_registri[kel_a.pk].nonaktif) == (2, 1, 1)
    with django_assert_max_num_queries(3):
        hanya_a = kader.ringkasan_bulanan(2025, 3, kelurahan_ids=[kel_a.pk])
    assert hanya_a == {kel_a.pk: langsung[kel_a.pk]}
    from wilayah.models import Kelurahan

    with django_assert_max_num_queries(3):  # a queryset of ids stays a subquery
        assert set(kader.ringkasan_bulanan(2025, 3, kelurahan_ids=Kelurahan.objects.filter(pk=kel_b.pk).values("pk"))) == {kel_b.pk}
    kota = rekap_kota(kader.indikator, lewat_registri)
    assert kota["aktif"] == langsung[kel_a.pk].aktif + langsung[kel_b.pk].aktif
    assert kota["kelurahan_sesuai_target"] == 50.0  # Ketapang has 6 (within 5-10), Kebonsari Wetan 2
