"""Issue 9 (UU 27/2022): the log of full NIKs seen, exported or run into, and the daily limit of
NIK lookups through imports (``wilayah.nik``). The programmes' pages, exports and imports that write
it are tested in ``tests/kader/test_akses_nik.py`` and ``tests/lkk/test_akses_nik.py``."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from kader.models import Kader
from tests.factories import UserFactory, make_user
from tests.kader.factories import KaderFactory
from wilayah.models import AksesNIK
from wilayah.nik import (
    BATAS_PEMERIKSAAN_NIK_HARIAN,
    batasi_pemeriksaan_nik,
    catat_akses_nik,
    catat_nik_penuh,
    nik_per_kelurahan,
    nik_untuk,
    simpan_catatan_tertunda,
)
from wilayah.roles import CAMAT, KANTOR_WALI_KOTA

pytestmark = pytest.mark.django_db


def test_catat_satu_baris_menyimpan_nik_tersamar_dan_pengguna(operator_a, dua_wilayah):
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    catat_akses_nik(operator_a, AksesNIK.Jenis.LIHAT, kader, keterangan="Halaman detail KPM")
    entri = AksesNIK.objects.get()
    assert (entri.pengguna, entri.nama_pengguna, entri.jenis, entri.jumlah) == (operator_a, "operator_a", "lihat", 1)
    assert entri.content_type.model_class() is Kader and entri.object_id == str(kader.pk) and entri.objek == kader.nama
    assert entri.nik_samaran == kader.nik[:4] + "\u2022" * 8 + kader.nik[-4:]
    assert kader.nik not in str(vars(entri))


def test_catat_model_dan_daftar_baris(operator_a, dua_wilayah, django_assert_num_queries):
    kader = [KaderFactory(kelurahan=dua_wilayah["kel_a"]) for _ in range(3)]
    catat_akses_nik(operator_a, AksesNIK.Jenis.EKSPOR, Kader, jumlah=120)
    entri = AksesNIK.objects.get()
    assert (entri.jumlah, entri.object_id, entri.nik_samaran) == (120, "", "")
    with django_assert_num_queries(1):  # one INSERT for every row
        catat_akses_nik(operator_a, AksesNIK.Jenis.BENTROK, kader)
    assert AksesNIK.objects.filter(jenis="bentrok").count() == 3


def test_catat_nik_penuh_hanya_yang_diberikan_penuh(operator_a, camat_a, bappeda, dua_wilayah):
    """The rule of who reads a NIK in full is ``boleh_lihat_nik_penuh``'s: an operator's own kelurahan only."""
    kel_a, kel_b = dua_wilayah["kel_a"].pk, dua_wilayah["kel_b"].pk
    baris = [("3574046505900001", kel_a), ("3574016505900002", kel_b), ("", kel_a)]
    assert catat_nik_penuh(camat_a, AksesNIK.Jenis.LIHAT, Kader, baris) == 0
    assert not AksesNIK.objects.exists()
    assert catat_nik_penuh(operator_a, AksesNIK.Jenis.LIHAT, Kader, baris) == 1
    assert catat_nik_penuh(bappeda, AksesNIK.Jenis.LIHAT, Kader, baris) == 2
    assert list(AksesNIK.objects.order_by("pk").values_list("nama_pengguna", "jumlah")) == [("operator_a", 1), ("bappeda", 2)]


def test_catatan_bertahan_walau_transaksinya_dibatalkan(operator_a, dua_wilayah):
    """An import preview is always rolled back, a refused save too: the record is written again at the end of the request."""
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    with transaction.atomic():
        catat_akses_nik(operator_a, AksesNIK.Jenis.BENTROK, kader)
        catat_akses_nik(operator_a, AksesNIK.Jenis.PERIKSA_IMPOR, Kader, jumlah=7)
        transaction.set_rollback(True)
    assert not AksesNIK.objects.exists()
    simpan_catatan_tertunda()
    assert sorted(AksesNIK.objects.values_list("jenis", "jumlah")) == [("bentrok", 1), ("periksa_impor", 7)]
    simpan_catatan_tertunda()  # nothing pending any more
    assert AksesNIK.objects.count() == 2


def test_catatan_yang_tidak_dibatalkan_tidak_ditulis_dua_kali(operator_a, dua_wilayah):
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    with transaction.atomic():
        catat_akses_nik(operator_a, AksesNIK.Jenis.LIHAT, kader)
    simpan_catatan_tertunda()
    assert AksesNIK.objects.count() == 1


def test_batas_harian_menolak_tanpa_mencatat(operator_a, monkeypatch):
    monkeypatch.setattr("wilayah.nik.BATAS_PEMERIKSAAN_NIK_HARIAN", 10)
    batasi_pemeriksaan_nik(operator_a, Kader, 6)
    batasi_pemeriksaan_nik(operator_a, Kader, 4)
    with pytest.raises(ValidationError) as exc:
        batasi_pemeriksaan_nik(operator_a, Kader, 1)
    pesan = exc.value.messages[0]
    assert "Batas pemeriksaan NIK" in pesan and "10 NIK per pengguna per hari" in pesan and "Tidak ada data yang disimpan" in pesan
    assert list(AksesNIK.objects.values_list("jumlah", flat=True).order_by("pk")) == [6, 4]
    # Yesterday's lookups do not count today; another user has their own count.
    AksesNIK.objects.update(waktu=AksesNIK.objects.get(jumlah=6).waktu - dt.timedelta(days=1))
    batasi_pemeriksaan_nik(operator_a, Kader, 10)
    batasi_pemeriksaan_nik(UserFactory(username="lain"), Kader, 10)


def test_batas_sebenarnya_cukup_untuk_kelurahan_tetapi_tidak_untuk_10000_nik(operator_a):
    """A kelurahan's whole cadre and board lists (a few hundred NIKs), previewed and confirmed a few
    times a day, stay under the limit; the 10,000 NIKs of the finding do not."""
    for _ in range(6):
        batasi_pemeriksaan_nik(operator_a, Kader, 400)
    with pytest.raises(ValidationError):
        batasi_pemeriksaan_nik(operator_a, Kader, 10_000)
    assert 2_400 < BATAS_PEMERIKSAAN_NIK_HARIAN < 10_000


def test_yang_melihat_semua_nik_tidak_dibatasi_tetapi_dicatat(bappeda, monkeypatch):
    monkeypatch.setattr("wilayah.nik.BATAS_PEMERIKSAAN_NIK_HARIAN", 10)
    batasi_pemeriksaan_nik(bappeda, Kader, 11)
    batasi_pemeriksaan_nik(UserFactory(username="root", is_superuser=True), Kader, 11)
    assert AksesNIK.objects.filter(jenis="periksa_impor", jumlah=11).count() == 2


# --- the admin: read by Bappeda, written by nobody ---


def test_admin_catatan_hanya_dibaca_bappeda(client, bappeda, dua_wilayah, operator_a):
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    catat_akses_nik(operator_a, AksesNIK.Jenis.LIHAT, kader)
    entri = AksesNIK.objects.get()
    changelist = reverse("admin:wilayah_aksesnik_changelist")
    change = reverse("admin:wilayah_aksesnik_change", args=[entri.pk])

    client.force_login(bappeda)
    assert client.get(changelist).status_code == 200
    daftar = client.get(changelist)
    assert "operator_a" in daftar.content.decode()
    # The "kind of data" filter offers only what the log holds, not every model of the site.
    [pilihan] = [f for f in daftar.context["cl"].filter_specs if f.title == "jenis data"]
    assert [label for _, label in pilihan.lookup_choices] == [str(ContentType.objects.get_for_model(kader))]
    halaman = client.get(change)
    assert halaman.status_code == 200 and not halaman.context["has_change_permission"]
    assert client.get(reverse("admin:wilayah_aksesnik_add")).status_code == 403
    assert client.get(reverse("admin:wilayah_aksesnik_delete", args=[entri.pk])).status_code == 403
    assert client.post(change, {"jenis": "ekspor", "jumlah": "0"}).status_code == 403
    entri.refresh_from_db()
    assert entri.jenis == "lihat"

    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:wilayah_aksesnik_add")).status_code == 403
    assert client.post(reverse("admin:wilayah_aksesnik_delete", args=[entri.pk]), {"post": "yes"}).status_code == 403
    assert AksesNIK.objects.count() == 1


@pytest.mark.parametrize("peran", [CAMAT, KANTOR_WALI_KOTA])
def test_peran_lain_tidak_membaca_catatan(client, dua_wilayah, peran):
    user = make_user(peran, kecamatan=dua_wilayah["kec_a"] if peran == CAMAT else None, username="staf", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:wilayah_aksesnik_changelist")).status_code == 403



def test_nik_per_kelurahan_seperti_nik_untuk_dan_aturan_ditanya_sekali_per_kelurahan(operator_a, camat_a, bappeda, dua_wilayah, monkeypatch):
    import wilayah.nik

    baris = [("3574044211900003", dua_wilayah["kel_a"].pk), ("3574010101900001", dua_wilayah["kel_b"].pk), ("", dua_wilayah["kel_a"].pk)] * 3
    for user in (operator_a, camat_a, bappeda):
        assert [nik_per_kelurahan(user)(n, k) for n, k in baris] == [nik_untuk(user, n, k) for n, k in baris]
    asli, ditanya = wilayah.nik.boleh_lihat_nik_penuh, []
    monkeypatch.setattr(wilayah.nik, "boleh_lihat_nik_penuh", lambda user, k: ditanya.append(k) or asli(user, k))
    tampil = nik_per_kelurahan(operator_a)
    assert [tampil(n, k) for n, k in baris][:2] == ["3574044211900003", "3574••••••••0001"]
    assert sorted(ditanya) == sorted([dua_wilayah["kel_a"].pk, dua_wilayah["kel_b"].pk])
