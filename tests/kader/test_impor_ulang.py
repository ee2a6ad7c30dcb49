"""The cadre import can be repeated (issue 10): the NIK is the natural key. A row whose NIK is an active
cadre the user may change updates it, or is skipped when nothing differs; a NIK outside what the user may
change stays an error; all or nothing; a fixed number of queries whatever the number of rows."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kader import services
from kader.models import BidangKerja, Kader
from kader.resources import KaderResource
from tests.factories import RWFactory, make_user
from tests.kader.factories import KaderFactory, buat_nik
from tests.kader.test_impor import HEADERS, baris, xlsx
from wilayah.impor import baca_xlsx, jalankan_impor
from wilayah.models import AksesNIK
from wilayah.riwayat import riwayat_perubahan
from wilayah.roles import BAPPEDA

pytestmark = pytest.mark.django_db

URL = "kader:kader-impor"


def unggah(client, rows, **kwargs):
    """Preview a file through the page; returns (the preview's result, its confirm token)."""
    response = client.post(reverse(URL), {"berkas": xlsx(rows, **kwargs)})
    assert response.status_code == 200
    return response.context["hasil"], response.context["token"]


def impor(client, rows, **kwargs):
    """Preview and confirm a file through the page; returns the preview's result."""
    hasil, token = unggah(client, rows, **kwargs)
    assert not hasil.ada_galat, hasil.galat + hasil.galat_berkas
    if hasil.semua_dilewati:
        assert not token, "nothing would change: no save step is offered"
    else:
        assert client.post(reverse(URL), {"token": token}).status_code == 302
    return hasil


def keadaan():
    """Everything an import writes: the cadres as stored, their history rows and their fields of work."""
    return (
        list(Kader.objects.order_by("pk").values()),
        Kader.history.count(),
        sorted(Kader.bidang_kerja.through.objects.values_list("kader_id", "bidangkerja_id")),
    )


def test_the_same_file_twice_changes_nothing_and_the_preview_says_skipped(client, operator_a, rw_a):
    rows = [baris(i) for i in range(1, 6)]
    client.force_login(operator_a)
    pertama = impor(client, rows)
    assert (pertama.baru, pertama.diperbarui, pertama.dilewati) == (5, 0, 0)
    assert pertama.jenis_baris == ["baru"] * 5
    sebelum = keadaan()

    hasil, token = unggah(client, rows)
    assert not hasil.ada_galat and not token, "nothing would change: no save step is offered"
    assert (hasil.baru, hasil.diperbarui, hasil.dilewati) == (0, 0, 5)
    assert hasil.jenis_baris == ["dilewati"] * 5
    assert keadaan() == sebelum, "a second upload of the same file writes nothing, not even a history row"


def test_a_changed_phone_updates_that_cadre_with_a_history_row_naming_the_importer(client, operator_a, rw_a):
    rows = [baris(i) for i in range(1, 4)]
    client.force_login(operator_a)
    impor(client, rows)
    kader = Kader.objects.get(nik=rows[1]["nik"])
    riwayat = Kader.history.count()

    rows[1]["telepon"] = "0857 1234 5678"
    hasil, token = unggah(client, rows)
    assert (hasil.baru, hasil.diperbarui, hasil.dilewati) == (0, 1, 2)
    assert hasil.jenis_baris == ["dilewati", "diperbarui", "dilewati"]
    kader.refresh_from_db()
    assert kader.telepon == "081234567890", "the preview writes nothing"

    client.post(reverse(URL), {"token": token})
    kader.refresh_from_db()
    assert kader.telepon == "085712345678"
    assert Kader.objects.count() == 3
    assert Kader.history.count() == riwayat + 1
    terakhir = kader.history.order_by("-history_id").first()
    assert (terakhir.history_type, terakhir.history_user, terakhir.history_change_reason) == ("~", operator_a, "Impor Excel")
    assert terakhir.telepon == "085712345678" and terakhir.nama == kader.nama
    # The cadre's page shows who changed what.
    entri = riwayat_perubahan(kader, operator_a)[0]
    assert (entri.history_user, entri.alasan) == (operator_a, "Impor Excel")
    assert [(p.field, p.lama, p.baru) for p in entri.perubahan] == [("telepon", "081234567890", "085712345678")]


def test_an_update_replaces_the_fields_of_work_as_a_set(client, operator_a, rw_a):
    client.force_login(operator_a)
    impor(client, [baris(1), baris(2)])
    hasil = impor(client, [baris(1, bidang_kerja="Sosial, kesehatan"), baris(2)])
    assert (hasil.diperbarui, hasil.dilewati) == (1, 1)
    satu, dua = (Kader.objects.get(nik=baris(i)["nik"]) for i in (1, 2))
    assert sorted(satu.bidang_kerja.values_list("nama", flat=True)) == ["Kesehatan", "Sosial"]
    assert sorted(dua.bidang_kerja.values_list("nama", flat=True)) == ["Ekonomi", "Kesehatan"]
    assert satu.history.count() == 2, "a change of the fields of work alone is recorded too"


def test_a_column_left_out_of_the_file_changes_nothing(client, operator_a, rw_a):
    client.force_login(operator_a)
    impor(client, [baris(1)])
    tanpa = [h for h in HEADERS if h not in ("telepon", "bidang_kerja", "nomor_rw")]
    hasil = impor(client, [baris(1, nama="Nama Baru")], headers=tanpa)
    assert hasil.diperbarui == 1
    k = Kader.objects.get()
    assert (k.nama, k.telepon, k.rw) == ("Nama Baru", "081234567890", rw_a)
    assert k.bidang_kerja.count() == 2


def test_an_empty_cell_in_a_column_of_the_file_empties_the_stored_value(client, operator_a, rw_a):
    client.force_login(operator_a)
    impor(client, [baris(1)])
    impor(client, [baris(1, telepon="", bidang_kerja="", nomor_rw="")])
    k = Kader.objects.get()
    assert (k.telepon, k.rw, k.bidang_kerja.count()) == ("", None, 0)


def test_a_blank_confirmation_keeps_a_stored_confirmation_of_a_nik_from_outside(client, operator_a, rw_a):
    luar = baris(1)
    luar["nik"] = "3513" + luar["nik"][4:]
    client.force_login(operator_a)
    impor(client, [luar | {"konfirmasi_nik_luar_wilayah": "ya"}])
    hasil = impor(client, [luar])
    assert hasil.dilewati == 1
    assert Kader.objects.get().nik_luar_wilayah


def test_a_nik_of_a_cadre_outside_the_users_region_stays_an_error_and_is_logged(client, operator_a, rw_a, dua_wilayah):
    lahir = dt.date(1980, 4, 4)
    lain = KaderFactory(kelurahan=dua_wilayah["kel_b"], nik=buat_nik("357404", lahir, "L", 77), tanggal_lahir=lahir, jenis_kelamin="L")
    rows = [baris(1), baris(2) | {"nik": lain.nik, "tanggal_lahir": "04/04/1980", "jenis_kelamin": "L"}]
    client.force_login(operator_a)
    sebelum = keadaan()
    hasil, token = unggah(client, rows)
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(3, "nik")]
    assert "sudah terdaftar pada KPM aktif lain" in hasil.galat[0].pesan
    assert not token
    assert keadaan() == sebelum
    bentrok = AksesNIK.objects.filter(jenis=AksesNIK.Jenis.BENTROK)
    assert list(bentrok.values_list("nama_pengguna", "object_id")) == [("operator_a", str(lain.pk))]


def test_a_nik_twice_in_one_file_names_the_earlier_row_also_for_a_stored_cadre(client, operator_a, rw_a):
    client.force_login(operator_a)
    impor(client, [baris(1)])
    hasil, _token = unggah(client, [baris(2), baris(1), baris(1, nama="Kembar")])
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(4, "nik")]
    assert "sama dengan baris 3" in hasil.galat[0].pesan


def test_moving_a_cadre_to_another_kelurahan_by_spreadsheet_is_a_row_error(client, dua_wilayah):
    bappeda = make_user(BAPPEDA, username="bappeda_impor")
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=3)
    RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=3)
    client.force_login(bappeda)
    impor(client, [baris(1)])
    sebelum = keadaan()
    hasil, token = unggah(client, [baris(1, kelurahan=dua_wilayah["kel_b"].kode)])
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "kelurahan")]
    assert "terdaftar di Kelurahan Kebonsari Wetan" in hasil.galat[0].pesan and "tidak memindahkan" in hasil.galat[0].pesan
    assert not token and keadaan() == sebelum


def test_all_or_nothing_when_one_row_of_a_mixed_new_and_update_file_is_bad(operator_a, rw_a):
    """The confirm checks again: a row that went bad since the preview refuses the whole file, new rows and updates alike."""
    resource = lambda: KaderResource(user=operator_a)  # noqa: E731
    assert not jalankan_impor(resource(), baca_xlsx(xlsx([baris(1), baris(2)]).read()), dry_run=False).ada_galat
    sebelum = keadaan()
    rows = [baris(1, telepon="085711112222"), baris(3), baris(4, tanggal_mulai="31/02/2024"), baris(2, nama="Berubah")]
    for dry_run in (True, False):
        hasil = jalankan_impor(resource(), baca_xlsx(xlsx(rows).read()), dry_run=dry_run)
        assert [(g.baris, g.kunci) for g in hasil.galat] == [(4, "tanggal_mulai")]
        assert hasil.jenis_baris == ["diperbarui", "baru", "baru", "diperbarui"]
        assert keadaan() == sebelum


def test_a_database_refusal_at_confirm_writes_nothing_and_says_so(operator_a, rw_a, monkeypatch):
    """A race the checks cannot see (the same NIK recorded meanwhile): the whole file is rolled back."""
    from django.db import IntegrityError

    assert not jalankan_impor(KaderResource(user=operator_a), baca_xlsx(xlsx([baris(1)]).read()), dry_run=False).ada_galat
    sebelum = keadaan()

    def bentrok(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: kader_kader.nik")

    monkeypatch.setattr(services, "kader_tambah_massal", bentrok)
    hasil = jalankan_impor(KaderResource(user=operator_a), baca_xlsx(xlsx([baris(1, telepon="085712345678"), baris(2)]).read()), dry_run=False)
    assert hasil.galat_berkas and "Tidak ada yang disimpan" in hasil.galat_berkas[0]
    assert keadaan() == sebelum


def _kueri(user, rows, *, dry_run):
    dataset = baca_xlsx(xlsx(rows).read())
    with CaptureQueriesContext(connection) as q:
        hasil = jalankan_impor(KaderResource(user=user), dataset, dry_run=dry_run)
    assert not hasil.ada_galat, hasil.galat
    return len(q), hasil


@pytest.mark.parametrize("dry_run", [True, False], ids=["pratinjau", "konfirmasi"])
def test_query_count_does_not_grow_with_the_rows(operator_a, rw_a, dry_run):
    """New rows, updated rows and skipped rows: the same queries for 3 rows as for 30 (SQLite puts at most 37
    new cadres in one INSERT, hence 30), the rows of each kind in one file."""
    jumlah = {}
    for n in (3, 30):
        awal = 1000 * n
        lama = [baris(i) for i in range(awal, awal + 2 * n)]
        assert not jalankan_impor(KaderResource(user=operator_a), baca_xlsx(xlsx(lama).read()), dry_run=False).ada_galat
        rows = lama[:n] + [r | {"telepon": "085700000000"} for r in lama[n:]] + [baris(i) for i in range(awal + 2 * n, awal + 3 * n)]
        jumlah[n], hasil = _kueri(operator_a, rows, dry_run=dry_run)
        assert (hasil.dilewati, hasil.diperbarui, hasil.baru) == (n, n, n)
    assert jumlah[3] == jumlah[30], jumlah
    assert jumlah[30] <= 26  # 26: the month lock's settings, once per file (wilayah.kunci.PemeriksaKunci)


def test_the_bulk_update_door_checks_permission_region_and_fields(operator_a, camat_a, dua_wilayah):
    a = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    b = KaderFactory(kelurahan=dua_wilayah["kel_b"])
    a.telepon = b.telepon = "0857"
    with pytest.raises(PermissionDenied):
        services.kader_ubah_massal(acting_user=camat_a, kader_list=[a], kolom={"telepon"})
    with pytest.raises(ValidationError, match="di luar wilayah kerja"):
        services.kader_ubah_massal(acting_user=operator_a, kader_list=[a, b], kolom={"telepon"})
    a.kelurahan = dua_wilayah["kel_b"]
    with pytest.raises(ValueError):
        services.kader_ubah_massal(acting_user=operator_a, kader_list=[a], kolom={"telepon", "kelurahan"})
    assert set(Kader.objects.values_list("telepon", flat=True)) == {""}
    assert Kader.history.filter(history_type="~").count() == 0

    a.kelurahan = dua_wilayah["kel_a"]
    sosial = BidangKerja.objects.get(nama="Sosial")
    services.kader_ubah_massal(acting_user=operator_a, kader_list=[a], kolom={"telepon"}, bidang_kerja=[[sosial.pk]])
    a.refresh_from_db()
    assert a.telepon == "0857" and list(a.bidang_kerja.all()) == [sosial]
    assert a.history.order_by("-history_id").first().history_user == operator_a


def test_the_bulk_update_writes_every_kind_of_value_per_cadre(operator_a, dua_wilayah, rw_a):
    """Texts, dates, booleans, a foreign key set to NULL and a choice, different for each cadre, land on the
    right cadre (PostgreSQL writes them with one UPDATE ... FROM VALUES per slice, SQLite one by one)."""
    a = KaderFactory(kelurahan=dua_wilayah["kel_a"], rw=rw_a)
    b = KaderFactory(kelurahan=dua_wilayah["kel_a"], rw=rw_a)
    a.nama, a.tanggal_mulai, a.rw, a.nik_luar_wilayah, a.pendidikan = "Siti Aminah", dt.date(2020, 2, 29), None, True, "s1"
    b.nama, b.tanggal_mulai, b.rw, b.nik_luar_wilayah, b.pendidikan = "Budi O'Neil", dt.date(2021, 12, 31), rw_a, False, ""
    kolom = {"nama", "tanggal_mulai", "rw", "nik_luar_wilayah", "pendidikan"}
    services.kader_ubah_massal(acting_user=operator_a, kader_list=[a, b], kolom=kolom)
    tersimpan = {k.pk: k for k in Kader.objects.all()}
    assert (tersimpan[a.pk].nama, tersimpan[a.pk].tanggal_mulai, tersimpan[a.pk].rw_id, tersimpan[a.pk].nik_luar_wilayah, tersimpan[a.pk].pendidikan) == (
        "Siti Aminah", dt.date(2020, 2, 29), None, True, "s1"
    )
    assert (tersimpan[b.pk].nama, tersimpan[b.pk].tanggal_mulai, tersimpan[b.pk].rw_id, tersimpan[b.pk].nik_luar_wilayah, tersimpan[b.pk].pendidikan) == (
        "Budi O'Neil", dt.date(2021, 12, 31), rw_a.pk, False, ""
    )


def test_the_resource_refuses_django_import_export_s_row_path(operator_a):
    with pytest.raises(NotImplementedError):
        KaderResource(user=operator_a).import_data(baca_xlsx(xlsx([baris(1)]).read()), dry_run=True)
