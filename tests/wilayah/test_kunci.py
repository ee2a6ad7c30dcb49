"""A month's data (issue 11, "Completeness, as DHIS2 reports it"): the rules of ``wilayah.kunci`` (on time by the
cut-off day in Asia/Jakarta, the lock date, when the lock applies, exceptions), the confirmation, exception and
settings services, the kelurahan card and Bappeda's completeness page."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import KecamatanFactory, KelurahanFactory, make_user
from tests.wilayah.factories import konfirmasi, kunci_berlaku, pengecualian, tanggal_terbuka, tanggal_terkunci
from wilayah import kunci
from wilayah.models import KonfirmasiBulan, PengaturanBulan, PengecualianKunci
from wilayah.periode import kode_bulan, tambah_bulan
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")


def wib(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)


# --------------------------------------------------------------------------- dates: on time and the lock


@pytest.mark.parametrize(("tahun", "bulan", "hari_kunci", "harapan"), [
    (2024, 2, 10, dt.date(2024, 3, 10)),   # leap year: 29 February + 10
    (2025, 2, 10, dt.date(2025, 3, 10)),   # 28 February + 10
    (2024, 2, 1, dt.date(2024, 3, 1)),
    (2025, 1, 1, dt.date(2025, 2, 1)),     # 31 January + 1
    (2025, 12, 10, dt.date(2026, 1, 10)),  # into the next year
    (2025, 4, 90, dt.date(2025, 7, 29)),
])  # fmt: skip
def test_tanggal_kunci_is_the_month_end_plus_hari_kunci(tahun, bulan, hari_kunci, harapan):
    assert kunci.tanggal_kunci(tahun, bulan, pengaturan=PengaturanBulan(hari_kunci=hari_kunci)) == harapan


def test_batas_tepat_waktu_is_the_cut_off_day_of_the_next_month():
    pengaturan = PengaturanBulan(hari_tepat_waktu=5)
    assert kunci.batas_tepat_waktu(2025, 6, pengaturan=pengaturan) == dt.date(2025, 7, 5)
    assert kunci.batas_tepat_waktu(2025, 12, pengaturan=pengaturan) == dt.date(2026, 1, 5)
    assert kunci.batas_tepat_waktu(2024, 1, pengaturan=PengaturanBulan(hari_tepat_waktu=28)) == dt.date(2024, 2, 28)


def test_on_time_ends_at_midnight_asia_jakarta_not_utc():
    p = PengaturanBulan(hari_tepat_waktu=5)
    assert kunci.tepat_waktu(wib(2025, 7, 5, 23, 59), 2025, 6, pengaturan=p)
    assert not kunci.tepat_waktu(wib(2025, 7, 6, 0, 0), 2025, 6, pengaturan=p)
    # 6 July 00:30 in Jakarta is still 5 July in UTC: late all the same.
    assert not kunci.tepat_waktu(dt.datetime(2025, 7, 5, 17, 30, tzinfo=dt.UTC), 2025, 6, pengaturan=p)
    assert kunci.akhir_tepat_waktu(2025, 6, pengaturan=p) == wib(2025, 7, 6, 0, 0)


# --------------------------------------------------------------------------- completeness figures


@pytest.fixture
def kota():
    """Kecamatan A with three kelurahan, B with two; confirmations of June 2025 made by hand."""
    kec_a = KecamatanFactory(kode="35.74.04", nama="Kanigaran")
    kec_b = KecamatanFactory(kode="35.74.01", nama="Kademangan")
    a = [KelurahanFactory(kecamatan=kec_a, kode=f"35.74.04.100{i}") for i in range(1, 4)]
    b = [KelurahanFactory(kecamatan=kec_b, kode=f"35.74.01.100{i}") for i in range(1, 3)]
    PengaturanBulan.objects.create(hari_tepat_waktu=5, hari_kunci=10)
    konfirmasi(a[0], tahun=2025, bulan=6, pada=wib(2025, 6, 30, 16, 0))   # before the month ends: on time
    konfirmasi(a[1], tahun=2025, bulan=6, pada=wib(2025, 7, 5, 23, 59))   # the last minute: on time
    konfirmasi(a[2], tahun=2025, bulan=6, pada=wib(2025, 7, 6, 0, 0))     # one minute later: late
    konfirmasi(b[0], tahun=2025, bulan=7, pada=wib(2025, 8, 1, 9, 0))     # another month: not counted
    konfirmasi(b[1], tahun=2024, bulan=6, pada=wib(2024, 7, 1, 9, 0))     # another year: not counted
    return {"kec_a": kec_a, "kec_b": kec_b, "a": a, "b": b}


def test_completeness_on_hand_made_confirmations(kota, django_assert_num_queries):
    from wilayah.models import Kecamatan, Kelurahan

    with django_assert_num_queries(3):
        per = kunci.kelengkapan_per_kecamatan(2025, 6, [kota["kec_a"].pk, kota["kec_b"].pk])
    a, b = per[kota["kec_a"].pk], per[kota["kec_b"].pk]
    assert (a.diharapkan, a.aktual, a.tepat_waktu) == (3, 3, 2)
    assert (a.persen_aktual, a.persen_tepat_waktu) == (100.0, 66.7)
    assert (b.diharapkan, b.aktual, b.tepat_waktu) == (2, 0, 0)
    assert b.persen_aktual == 0.0

    kota_angka = kunci.kelengkapan_wilayah(2025, 6, Kelurahan.objects.all())
    assert (kota_angka.diharapkan, kota_angka.aktual, kota_angka.tepat_waktu) == (5, 3, 2)
    assert (kota_angka.persen_aktual, kota_angka.persen_tepat_waktu) == (60.0, 40.0)
    assert Kecamatan.objects.count() == 2

    # The report's function (laporan) counts the same, in Python from the same rule.
    lengkap = kunci.kelengkapan(2025, 6, Kelurahan.objects.values_list("pk", flat=True))
    assert lengkap.as_dict() == {"diharapkan": 5, "aktual": 3, "tepat_waktu": 2}
    assert lengkap.dikonfirmasi[kota["a"][2].pk][1] is False


def test_a_later_cut_off_day_makes_the_late_one_on_time(kota):
    PengaturanBulan.objects.update(hari_tepat_waktu=6)
    per = kunci.kelengkapan_per_kecamatan(2025, 6, [kota["kec_a"].pk])
    assert per[kota["kec_a"].pk].tepat_waktu == 3


# --------------------------------------------------------------------------- when a month is locked


def test_the_lock_is_not_in_force_until_bappeda_sets_its_first_month(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    lama = tanggal_terkunci()
    assert not kunci.status_bulan(kel.pk, lama.year, lama.month).terkunci  # no settings row at all
    PengaturanBulan.objects.create()
    status = kunci.status_bulan(kel.pk, lama.year, lama.month)
    assert not status.terkunci and not status.berlaku
    kunci.pastikan_terbuka(kel.pk, dt.date(2019, 3, 1), lama)  # history can be recorded


def test_months_before_kunci_mulai_stay_open_for_history(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    lama = tanggal_terkunci()
    kunci_berlaku(mulai=tambah_bulan(lama, 1))
    kunci.pastikan_terbuka(kel.pk, lama, dt.date(2019, 5, 2))
    kunci_berlaku_bulan = tambah_bulan(lama, 1)
    PengaturanBulan.objects.update(kunci_mulai=lama.replace(day=1))
    with pytest.raises(ValidationError) as exc:
        kunci.pastikan_terbuka(kel.pk, dt.date(2019, 5, 2), lama, kunci_berlaku_bulan)
    assert exc.value.code == "bulan_terkunci"


def test_a_month_is_open_until_its_lock_date_and_locked_the_day_after(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    kunci_berlaku(hari_kunci=10)
    juni = dt.date(2025, 6, 20)
    kunci.pastikan_terbuka(kel.pk, juni, hari_ini=dt.date(2025, 7, 10))
    with pytest.raises(ValidationError) as exc:
        kunci.pastikan_terbuka(kel.pk, juni, field="tanggal_mulai", hari_ini=dt.date(2025, 7, 11))
    pesan = exc.value.message_dict["tanggal_mulai"][0]
    assert "Data bulan Juni 2025 sudah dikunci sejak 11 Juli 2025" in pesan
    assert "pengecualian kunci untuk Kelurahan Kebonsari Wetan" in pesan


def test_an_exception_lets_exactly_one_kelurahan_edit_until_its_date(dua_wilayah):
    a, b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    kunci_berlaku()
    lama = tanggal_terkunci()
    hari_ini = timezone.localdate()
    pengecualian(a, tahun=lama.year, bulan=lama.month, berlaku_sampai=hari_ini + dt.timedelta(days=3))
    kunci.pastikan_terbuka(a.pk, lama)
    assert kunci.status_bulan(a.pk, lama.year, lama.month).pengecualian_sampai == hari_ini + dt.timedelta(days=3)
    with pytest.raises(ValidationError):
        kunci.pastikan_terbuka(b.pk, lama)
    other = tambah_bulan(lama, -1)
    with pytest.raises(ValidationError):
        kunci.pastikan_terbuka(a.pk, other)  # only the month granted
    kunci.pastikan_terbuka(a.pk, lama, hari_ini=hari_ini + dt.timedelta(days=3))  # its last day
    with pytest.raises(ValidationError):
        kunci.pastikan_terbuka(a.pk, lama, hari_ini=hari_ini + dt.timedelta(days=4))


def test_pastikan_terbuka_is_cheap(dua_wilayah, django_assert_num_queries):
    kel = dua_wilayah["kel_a"]
    kunci_berlaku()
    sekarang = tanggal_terbuka()
    with django_assert_num_queries(1):  # the settings; no month past its lock date: no exception query
        kunci.pastikan_terbuka(kel.pk, sekarang, sekarang, None)
    for bulan in (1, 2, 3):
        pengecualian(kel, tahun=2001, bulan=bulan)
    with django_assert_num_queries(2):  # settings and exceptions, once for all the dates
        kunci.pastikan_terbuka(kel.pk, dt.date(2001, 1, 1), dt.date(2001, 2, 1), dt.date(2001, 3, 1), dt.date(2001, 3, 9))
    with django_assert_num_queries(3), pytest.raises(ValidationError):  # + the kelurahan's name for the message
        kunci.pastikan_terbuka(kel.pk, dt.date(2001, 1, 1), dt.date(2001, 4, 1))
    with django_assert_num_queries(0):
        kunci.pastikan_terbuka(None, dt.date(2001, 1, 1))
        kunci.pastikan_terbuka(kel.pk, None)


def test_one_checker_for_many_rows_loads_once(dua_wilayah, django_assert_num_queries):
    kunci_berlaku()
    a, b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    lama = tanggal_terkunci()
    pengecualian(a, tahun=lama.year, bulan=lama.month)
    with django_assert_num_queries(3):  # settings, exceptions, b's name
        pemeriksa = kunci.PemeriksaKunci()
        pesan = [pemeriksa.pesan(kel.pk, lama) for kel in [a, b] * 50]
    assert pesan[0] is None and "Ketapang" in pesan[1]


# --------------------------------------------------------------------------- the confirmation


def test_operator_confirms_last_month_once(dua_wilayah, operator_a):
    kel = dua_wilayah["kel_a"]
    lalu = tambah_bulan(timezone.localdate().replace(day=1), -1)
    k = kunci.bulan_konfirmasi(kelurahan=kel, tahun=lalu.year, bulan=lalu.month, acting_user=operator_a)
    assert k.dikonfirmasi_oleh == operator_a and k.kelurahan == kel
    with pytest.raises(ValidationError) as exc:
        kunci.bulan_konfirmasi(kelurahan=kel, tahun=lalu.year, bulan=lalu.month, acting_user=operator_a)
    pesan = exc.value.message_dict["bulan"][0]
    assert "sudah dikonfirmasi lengkap pada" in pesan and f"oleh {operator_a.get_full_name() or operator_a.username}." in pesan
    assert KonfirmasiBulan.objects.count() == 1


def test_a_future_month_or_a_bad_month_is_refused(dua_wilayah, operator_a):
    depan = tambah_bulan(timezone.localdate().replace(day=1), 1)
    with pytest.raises(ValidationError, match="belum dimulai"):
        kunci.bulan_konfirmasi(kelurahan=dua_wilayah["kel_a"], tahun=depan.year, bulan=depan.month, acting_user=operator_a)
    with pytest.raises(ValidationError, match="Bulan tidak dikenal"):
        kunci.bulan_konfirmasi(kelurahan=dua_wilayah["kel_a"], tahun=2025, bulan=13, acting_user=operator_a)
    assert not KonfirmasiBulan.objects.exists()


def test_a_locked_month_cannot_be_confirmed_without_an_exception(dua_wilayah, operator_a, bappeda):
    kunci_berlaku()
    lama = tanggal_terkunci()
    with pytest.raises(ValidationError, match="sudah dikunci sejak"):
        kunci.bulan_konfirmasi(kelurahan=dua_wilayah["kel_a"], tahun=lama.year, bulan=lama.month, acting_user=operator_a)
    kunci.pengecualian_beri(
        kelurahan=dua_wilayah["kel_a"], tahun=lama.year, bulan=lama.month, berlaku_sampai=timezone.localdate(), alasan="Terlambat input",
        acting_user=bappeda,
    )
    kunci.bulan_konfirmasi(kelurahan=dua_wilayah["kel_a"], tahun=lama.year, bulan=lama.month, acting_user=operator_a)
    assert KonfirmasiBulan.objects.count() == 1


def test_read_only_and_camat_and_other_kelurahan_cannot_confirm(dua_wilayah, camat_a, walikota, operator_a):
    ini = timezone.localdate()
    for user in (camat_a, walikota):
        with pytest.raises(PermissionDenied):
            kunci.bulan_konfirmasi(kelurahan=dua_wilayah["kel_a"], tahun=ini.year, bulan=ini.month, acting_user=user)
    with pytest.raises(PermissionDenied):
        kunci.bulan_konfirmasi(kelurahan=dua_wilayah["kel_b"], tahun=ini.year, bulan=ini.month, acting_user=operator_a)
    assert not KonfirmasiBulan.objects.exists()


def test_bappeda_may_confirm_for_a_kelurahan(dua_wilayah, bappeda):
    ini = timezone.localdate()
    kunci.bulan_konfirmasi(kelurahan=dua_wilayah["kel_b"], tahun=ini.year, bulan=ini.month, acting_user=bappeda)
    assert KonfirmasiBulan.objects.get().dikonfirmasi_oleh == bappeda


# --------------------------------------------------------------------------- exceptions and settings


def test_an_exception_is_granted_once_per_kelurahan_and_month_and_updated(dua_wilayah, bappeda):
    kel = dua_wilayah["kel_a"]
    hari_ini = timezone.localdate()
    p1 = kunci.pengecualian_beri(kelurahan=kel, tahun=2025, bulan=3, berlaku_sampai=hari_ini, alasan="Data KPM", acting_user=bappeda)
    p2 = kunci.pengecualian_beri(
        kelurahan=kel, tahun=2025, bulan=3, berlaku_sampai=hari_ini + dt.timedelta(days=7), alasan="Diperpanjang", acting_user=bappeda,
    )
    assert p1.pk == p2.pk and PengecualianKunci.objects.count() == 1
    assert PengecualianKunci.objects.get().alasan == "Diperpanjang"
    with pytest.raises(ValidationError) as exc:
        kunci.pengecualian_beri(kelurahan=kel, tahun=2025, bulan=4, berlaku_sampai=hari_ini - dt.timedelta(days=1), alasan=" ", acting_user=bappeda)
    assert set(exc.value.message_dict) == {"berlaku_sampai", "alasan"}
    kunci.pengecualian_cabut(pengecualian=p2, acting_user=bappeda)
    assert not PengecualianKunci.objects.exists()


def test_only_bappeda_grants_exceptions_and_sets_the_month(dua_wilayah, operator_a, camat_a, walikota, bappeda):
    for user in (operator_a, camat_a, walikota):
        with pytest.raises(PermissionDenied):
            kunci.pengecualian_beri(
                kelurahan=dua_wilayah["kel_a"], tahun=2025, bulan=3, berlaku_sampai=timezone.localdate(), alasan="x", acting_user=user,
            )
        with pytest.raises(PermissionDenied):
            kunci.pengaturan_bulan_ubah(hari_tepat_waktu=7, hari_kunci=20, acting_user=user)
    p = pengecualian(dua_wilayah["kel_a"])
    with pytest.raises(PermissionDenied):
        kunci.pengecualian_cabut(pengecualian=p, acting_user=operator_a)
    assert PengecualianKunci.objects.count() == 1 and not PengaturanBulan.objects.exists()

    pengaturan = kunci.pengaturan_bulan_ubah(hari_tepat_waktu=7, hari_kunci=20, kunci_mulai=dt.date(2026, 1, 17), acting_user=bappeda)
    assert (pengaturan.hari_tepat_waktu, pengaturan.hari_kunci, pengaturan.kunci_mulai) == (7, 20, dt.date(2026, 1, 1))
    kunci.pengaturan_bulan_ubah(hari_tepat_waktu=8, hari_kunci=20, acting_user=bappeda)
    assert PengaturanBulan.objects.get().kunci_mulai == dt.date(2026, 1, 1)  # not given: kept
    with pytest.raises(ValidationError, match="1 sampai 28"):
        kunci.pengaturan_bulan_ubah(hari_tepat_waktu=31, hari_kunci=20, acting_user=bappeda)
    assert PengaturanBulan.objects.get().hari_tepat_waktu == 8


def test_the_first_published_month_starts_the_lock_once():
    kunci.kunci_mulai_bila_kosong(tahun=2026, bulan=3)
    kunci.kunci_mulai_bila_kosong(tahun=2026, bulan=5)
    assert PengaturanBulan.objects.get().kunci_mulai == dt.date(2026, 3, 1)


# --------------------------------------------------------------------------- the kelurahan card


def _kartu(client, user, kel):
    client.force_login(user)
    response = client.get(kel.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_card_shows_the_button_only_to_who_may_confirm(client, dua_wilayah, operator_a, camat_a, walikota, bappeda):
    kel = dua_wilayah["kel_a"]
    for user, tombol in ((operator_a, True), (bappeda, True), (camat_a, False), (walikota, False)):
        html = _kartu(client, user, kel)
        assert "Kelengkapan data bulanan" in html
        assert ("Data bulan ini sudah lengkap" in html) is tombol, user
        assert (reverse("wilayah:kelurahan-konfirmasi", args=[kel.kode]) in html) is tombol, user


def test_the_card_says_who_confirmed_when_and_whether_on_time(client, dua_wilayah, operator_a):
    kel = dua_wilayah["kel_a"]
    ini = timezone.localdate().replace(day=1)
    lalu = tambah_bulan(ini, -1)
    operator_a.first_name, operator_a.last_name = "Sri", "Wahyuni"
    operator_a.save()
    konfirmasi(kel, tahun=lalu.year, bulan=lalu.month, oleh=operator_a, pada=wib(ini.year, ini.month, 6, 8, 0))  # after the 5th: late
    html = _kartu(client, operator_a, kel)
    assert "Sri Wahyuni" in html and "Terlambat" in html
    assert html.count('name="bulan"') == 1, "only this month can still be confirmed"
    assert f'value="{kode_bulan(ini.year, ini.month)}"' in html


def test_confirming_through_the_page(client, dua_wilayah, operator_a):
    kel = dua_wilayah["kel_a"]
    client.force_login(operator_a)
    url = reverse("wilayah:kelurahan-konfirmasi", args=[kel.kode])
    ini = timezone.localdate()
    response = client.post(url, {"bulan": kode_bulan(ini.year, ini.month)}, follow=True)
    assert "dikonfirmasi lengkap" in response.content.decode()
    assert KonfirmasiBulan.objects.filter(kelurahan=kel, tahun=ini.year, bulan=ini.month, dikonfirmasi_oleh=operator_a).exists()
    again = client.post(url, {"bulan": kode_bulan(ini.year, ini.month)}, follow=True)
    assert "sudah dikonfirmasi lengkap pada" in again.content.decode()
    for buruk in ("", "2025-13", "abc", "9999-01"):
        assert client.post(url, {"bulan": buruk}).status_code == 302
    assert KonfirmasiBulan.objects.count() == 1
    # Another kelurahan's page: outside the operator's scope is a 404, and nothing is written.
    assert client.post(reverse("wilayah:kelurahan-konfirmasi", args=[dua_wilayah["kel_b"].kode]), {"bulan": kode_bulan(ini.year, ini.month)}).status_code == 404
    assert KonfirmasiBulan.objects.count() == 1


def test_camat_and_walikota_get_403_on_the_confirm_url(client, dua_wilayah, camat_a, walikota):
    ini = timezone.localdate()
    for user in (camat_a, walikota):
        client.force_login(user)
        response = client.post(reverse("wilayah:kelurahan-konfirmasi", args=[dua_wilayah["kel_a"].kode]), {"bulan": kode_bulan(ini.year, ini.month)})
        assert response.status_code == 403
    assert not KonfirmasiBulan.objects.exists()


def test_the_card_shows_a_locked_month_without_a_button(client, dua_wilayah, operator_a):
    ini = timezone.localdate().replace(day=1)
    kunci_berlaku(mulai=dt.date(2000, 1, 1), hari_kunci=1)
    html = _kartu(client, operator_a, dua_wilayah["kel_a"])
    if timezone.localdate().day >= 2:  # last month ended more than a day ago: locked
        assert "tidak dapat diubah lagi" in html
        assert html.count('name="bulan"') == 1
    assert f'value="{kode_bulan(ini.year, ini.month)}"' in html


# --------------------------------------------------------------------------- Bappeda's page


def test_the_completeness_page_is_city_level(client, dua_wilayah, operator_a, camat_a, walikota, bappeda):
    url = reverse("wilayah:kelengkapan")
    for user in (operator_a, camat_a):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(walikota)
    html = client.get(url).content.decode()
    assert "Kanigaran" in html and "Simpan pengaturan" not in html and "Beri pengecualian" not in html
    client.force_login(bappeda)
    html = client.get(url).content.decode()
    assert "Simpan pengaturan" in html and "Beri pengecualian" in html
    assert "Kunci bulan belum berlaku" in html


def test_the_page_shows_the_month_figures_and_drills_into_a_kecamatan(client, kota, bappeda):
    client.force_login(bappeda)
    response = client.get(reverse("wilayah:kelengkapan"), {"bulan": "2025-06"})
    assert response.context["kota"].aktual == 3 and response.context["kota"].tepat_waktu == 2
    baris = dict((k.kode, r) for k, r in response.context["baris_kecamatan"])
    assert (baris["35.74.04"].aktual, baris["35.74.04"].tepat_waktu) == (3, 2)
    html = response.content.decode()
    assert "Juni 2025" in html and "60.0" in html or "60,0" in html

    response = client.get(reverse("wilayah:kelengkapan"), {"bulan": "2025-06", "kecamatan": "35.74.04"})
    assert response.context["ringkas_kecamatan"].diharapkan == 3
    rows = response.context["baris_kelurahan"]
    assert [tepat for _k, konf, tepat, _p in rows] == [True, True, False]
    # The exception form offers that kecamatan's kelurahan only.
    pilihan = [kode for kode, _n in response.context["form_pengecualian"].fields["kelurahan"].choices if kode]
    assert pilihan == [k.kode for k in kota["a"]]


def test_the_page_runs_a_fixed_number_of_queries(client, bappeda):
    client.force_login(bappeda)
    url = reverse("wilayah:kelengkapan")

    def hitung(dari, sampai, params):
        for i in range(dari, sampai):
            kec = KecamatanFactory(kode=f"35.{70 + i // 90:02d}.{i % 90 + 10:02d}")
            for j in range(3):
                kel = KelurahanFactory(kecamatan=kec, kode=f"{kec.kode}.{1000 + j}")
                if j:
                    konfirmasi(kel, tahun=2025, bulan=6)
                    pengecualian(kel, tahun=2025, bulan=6)
        with CaptureQueriesContext(connection) as q:
            assert client.get(url, params).status_code == 200
        return len(q)

    kecil = hitung(0, 2, {"bulan": "2025-06"})
    besar = hitung(2, 62, {"bulan": "2025-06"})  # more than a page of kecamatan, 186 kelurahan
    assert kecil == besar
    # One kecamatan's kelurahan: 3, then 60 (more than a page).
    tiga = hitung(0, 0, {"bulan": "2025-06", "kecamatan": "35.70.10"})
    besar_kec = KecamatanFactory(kode="35.79.01")
    for j in range(60):
        konfirmasi(KelurahanFactory(kecamatan=besar_kec, kode=f"35.79.01.{2000 + j}"), tahun=2025, bulan=6)
    assert hitung(0, 0, {"bulan": "2025-06", "kecamatan": "35.79.01"}) == tiga


def test_bad_query_strings_fall_back_and_never_500(client, dua_wilayah, bappeda):
    client.force_login(bappeda)
    url = reverse("wilayah:kelengkapan")
    for params in ({"bulan": "9999-12"}, {"bulan": "2025-13"}, {"kecamatan": "x" * 500}, {"page": "abc"}, {"hp": "-1"}):
        response = client.get(url, params)
        assert response.status_code == 200
    ini = timezone.localdate()
    assert client.get(url, {"bulan": "1-1"}).context["bulan"] == ini.month


def test_settings_and_exceptions_through_the_page(client, dua_wilayah, bappeda, walikota):
    client.force_login(bappeda)
    url = reverse("wilayah:kelengkapan-pengaturan") + "?bulan=2025-06"
    response = client.post(url, {"hari_tepat_waktu": 40, "hari_kunci": 10, "kunci_mulai": ""})
    assert response.status_code == 200 and response.context["form_pengaturan"].errors["hari_tepat_waktu"]
    assert not PengaturanBulan.objects.exists()
    response = client.post(url, {"hari_tepat_waktu": 7, "hari_kunci": 15, "kunci_mulai": "2026-01"})
    assert response.status_code == 302 and response["Location"].endswith("?bulan=2025-06")
    assert PengaturanBulan.objects.values_list("hari_tepat_waktu", "hari_kunci", "kunci_mulai").get() == (7, 15, dt.date(2026, 1, 1))

    beri = reverse("wilayah:pengecualian-beri")
    sampai = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = client.post(beri, {"kelurahan": "35.74.99.9999", "bulan": "2025-06", "berlaku_sampai": sampai, "alasan": "x"})
    assert response.status_code == 200 and "tidak ada di wilayah kerja" in str(response.context["form_pengecualian"].errors["kelurahan"])
    response = client.post(beri, {"kelurahan": "35.74.04.1004", "bulan": "2025-06", "berlaku_sampai": "2020-01-01", "alasan": "x"})
    assert response.status_code == 200 and response.context["form_pengecualian"].errors["berlaku_sampai"]
    assert not PengecualianKunci.objects.exists()
    response = client.post(beri, {"kelurahan": "35.74.04.1004", "bulan": "2025-06", "berlaku_sampai": sampai, "alasan": "Koreksi KPM"})
    assert response.status_code == 302
    p = PengecualianKunci.objects.get()
    assert (p.kelurahan, p.tahun, p.bulan, p.diberikan_oleh) == (dua_wilayah["kel_a"], 2025, 6, bappeda)
    html = client.get(reverse("wilayah:kelengkapan")).content.decode()
    assert "Koreksi KPM" in html and reverse("wilayah:pengecualian-cabut", args=[p.pk]) in html

    client.force_login(walikota)
    assert client.post(reverse("wilayah:pengecualian-cabut", args=[p.pk])).status_code == 403
    assert client.post(url, {"hari_tepat_waktu": 9, "hari_kunci": 15}).status_code == 403
    client.force_login(bappeda)
    assert client.post(reverse("wilayah:pengecualian-cabut", args=[p.pk])).status_code == 302
    assert not PengecualianKunci.objects.exists()


def test_operator_sees_only_their_confirmations_and_exceptions(client, dua_wilayah, operator_a):
    mine, other = konfirmasi(dua_wilayah["kel_a"]), konfirmasi(dua_wilayah["kel_b"])
    client.force_login(operator_a)
    html = client.get(reverse("wilayah:konfirmasi-list")).content.decode()
    assert mine.get_absolute_url() in html and other.get_absolute_url() not in html
    assert client.get(other.get_absolute_url()).status_code == 404
    p = pengecualian(dua_wilayah["kel_b"])
    assert client.get(p.get_absolute_url()).status_code == 404
    assert client.post(reverse("wilayah:pengecualian-cabut", args=[p.pk])).status_code == 403


def test_a_new_operator_kelurahan_has_its_own_card(client, dua_wilayah):
    kel = KelurahanFactory(kecamatan=dua_wilayah["kec_b"], kode="35.74.01.1009")
    user = make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="op_baru")
    html = _kartu(client, user, kel)
    assert reverse("wilayah:kelurahan-konfirmasi", args=[kel.kode]) in html


def test_nul_and_junk_in_codes_never_reach_the_database(client, dua_wilayah, bappeda, operator_a):
    client.force_login(bappeda)
    assert client.get(reverse("wilayah:kelengkapan"), {"kecamatan": "35.74\x0004"}).status_code == 200
    response = client.post(reverse("wilayah:pengecualian-beri"), {"kelurahan": "35.74\x00", "bulan": "2025-06", "berlaku_sampai": "2030-01-01", "alasan": "x"})
    assert response.status_code == 200 and response.context["form_pengecualian"].errors["kelurahan"]
    client.force_login(operator_a)
    assert client.post("/wilayah/kelurahan/35.74.04.1004%00/konfirmasi/", {"bulan": "2025-06"}).status_code == 404
    assert not KonfirmasiBulan.objects.exists() and not PengecualianKunci.objects.exists()
