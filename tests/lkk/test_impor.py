"""Excel import/export of lembaga and pengurus through the shared preview (wilayah.impor)."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lkk.models import Jabatan, Lembaga, Pengurus
from lkk.resources import LembagaResource, PengurusResource
from tests.factories import RWFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis

pytestmark = pytest.mark.django_db

KOLOM_LEMBAGA = ["kode_kelurahan", "jenis", "nama", "nomor_rw", "nomor_sk", "tanggal_sk", "masa_bakti_mulai"]
KOLOM_PENGURUS = ["kode_kelurahan", "jenis_lembaga", "nama_lembaga", "nama", "nik", "telepon", "jabatan", "masa_mulai", "pernyataan_nonpartai", "tanggal_pernyataan"]


def xlsx(headers, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("data.xlsx", buffer.getvalue())


def test_lembaga_import_preview_then_confirm(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel, nomor=1)
    RWFactory(kelurahan=kel, nomor=2)
    client.force_login(operator_a)
    url = reverse("lkk:lembaga-impor")
    rows = [
        (kel.kode, "rw", "RW 01", 1, "188/1/2024", "02/01/2024", dt.datetime(2024, 1, 2)),
        (kel.kode, "posyandu", "Posyandu Mawar", 2, "", "", ""),
        (kel.kode, "lpm", "LPM Kebonsari Wetan", "", "188/2/2024", "2024-01-02", "2024-01-02"),
    ]
    response = client.post(url, {"berkas": xlsx(KOLOM_LEMBAGA, rows)})
    hasil = response.context["hasil"]
    assert not hasil.ada_galat, hasil.galat
    assert hasil.baru == 3 and not Lembaga.objects.exists()
    response = client.post(url, {"token": response.context["token"]})
    assert response.status_code == 302
    rw01 = Lembaga.objects.get(nama="RW 01")
    assert rw01.rw.nomor == 1 and rw01.masa_bakti_selesai == dt.date(2029, 1, 1) and rw01.satu_per_wilayah
    assert Lembaga.objects.count() == 3


def test_lembaga_import_lists_every_bad_row_and_writes_nothing(client, operator_a, dua_wilayah):
    kel_a, kel_b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    RWFactory(kelurahan=kel_a, nomor=1)
    RWFactory(kelurahan=kel_b, nomor=5)
    client.force_login(operator_a)
    rows = [
        (kel_a.kode, "rw", "RW 01", 1, "", "", ""),
        (kel_b.kode, "pokmas", "Pokmas luar", "", "", "", ""),  # another kelurahan
        (kel_a.kode, "rw", "RW 05", 5, "", "", ""),  # RW of another kelurahan
        (kel_a.kode, "rw", "RW 01 lagi", 1, "", "", ""),  # second RW institution in RW 1
        (kel_a.kode, "arisan", "Arisan", "", "", "", ""),  # unknown type
        (kel_a.kode, "pokmas", "Pokmas tanggal", "", "", "", "31/02/2024"),
        (kel_a.kode, "pokmas", "Pokmas terbalik", "", "", "", "2024-01-01"),
    ]
    headers = KOLOM_LEMBAGA + ["masa_bakti_selesai"]
    rows = [r + (("2023-01-01",) if r[2] == "Pokmas terbalik" else ("",)) for r in rows]
    response = client.post(reverse("lkk:lembaga-impor"), {"berkas": xlsx(headers, rows)})
    hasil = response.context["hasil"]
    baris = {(g.baris, g.kunci) for g in hasil.galat}
    assert (3, "kode_kelurahan") in baris
    assert (4, "nomor_rw") in baris
    assert any(b == 5 for b, _ in baris)
    assert (6, "jenis") in baris
    assert any(b == 7 for b, _ in baris)
    assert (8, "masa_bakti_selesai") in baris
    assert 2 not in {b for b, _ in baris}
    pesan = " ".join(g.pesan for g in hasil.galat)
    assert "Ketapang (35.74.01.1001) di luar wilayah kerja Anda" in pesan and "RW ini sudah mempunyai lembaga jenis ini." in pesan
    assert not response.context["token"] and not Lembaga.objects.exists()


def test_pengurus_import_applies_board_rules_across_rows(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    lpm = LembagaFactory(kelurahan=kel, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    kt = LembagaFactory(kelurahan=kel, jenis=jenis("karang-taruna"), nama="Karang Taruna Tunas Muda")
    client.force_login(operator_a)
    url = reverse("lkk:pengurus-impor")
    rows = [
        (kel.kode, "lpm", "LPM Kebonsari Wetan", "Sutrisno", "", "081234567890", "Ketua", "02/01/2024", "ya", "02/01/2024"),
        (kel.kode, "lpm", "lpm kebonsari  wetan", "Bambang", "", "", "ketua", "01/06/2024", "ya", "01/06/2024"),  # second ketua
        (kel.kode, "karang-taruna", "Karang Taruna Tunas Muda", "Sutrisno", "", "+62 812-3456-7890", "Bendahara", "02/01/2024", "ya", "02/01/2024"),  # double post
        (kel.kode, "karang-taruna", "Karang Taruna Tunas Muda", "Wati", "", "", "Seksi Olahraga", "02/01/2024", "tidak", ""),  # no declaration
        (kel.kode, "karang-taruna", "Karang Taruna Tunas Muda", "Dewi", "3574", "", "sekretaris", "02/01/2024", "ya", "02/01/2024"),  # bad NIK
    ]
    response = client.post(url, {"berkas": xlsx(KOLOM_PENGURUS, rows)})
    hasil = response.context["hasil"]
    galat = {g.baris: (g.kunci, g.pesan) for g in hasil.galat}
    assert 2 not in galat
    assert galat[3][0] == "jabatan" and "sudah mempunyai Ketua Sutrisno" in galat[3][1]
    assert "sudah menjabat Ketua di LPM Kebonsari Wetan" in galat[4][1]
    assert galat[5][0] == "pernyataan_nonpartai"
    assert galat[6][0] == "nik"
    assert not Pengurus.objects.exists()

    ok = [rows[0], (kel.kode, "karang-taruna", "Karang Taruna Tunas Muda", "Wati", "", "", "Seksi Olahraga", "02/01/2024", "ya", "02/01/2024")]
    response = client.post(url, {"berkas": xlsx(KOLOM_PENGURUS, ok)})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    assert Pengurus.objects.get(lembaga=lpm).jabatan == Jabatan.KETUA
    wati = Pengurus.objects.get(lembaga=kt)
    assert (wati.jabatan, wati.nama_seksi, wati.masa_selesai) == (Jabatan.SEKSI, "Olahraga", dt.date(2029, 1, 1))


def test_pengurus_import_refuses_lembaga_out_of_scope(client, operator_a, dua_wilayah):
    kel_b = dua_wilayah["kel_b"]
    LembagaFactory(kelurahan=kel_b, jenis=jenis("lpm"), nama="LPM Ketapang")
    client.force_login(operator_a)
    rows = [(kel_b.kode, "lpm", "LPM Ketapang", "Sutrisno", "", "", "ketua", "02/01/2024", "ya", "02/01/2024")]
    hasil = client.post(reverse("lkk:pengurus-impor"), {"berkas": xlsx(KOLOM_PENGURUS, rows)}).context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "kode_kelurahan")]
    assert "Ketapang (35.74.01.1001) di luar wilayah kerja Anda" in hasil.galat[0].pesan
    assert not Pengurus.objects.exists()


def test_export_is_scoped_and_masks_nik_for_camat(client, operator_a, camat_a, dua_wilayah):
    a = LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas A")
    LembagaFactory(kelurahan=dua_wilayah["kel_b"], nama="Pokmas B")
    PengurusFactory(lembaga=a, nama="Sutrisno", nik="3574041203800012")
    for user, nik in ((operator_a, "3574041203800012"), (camat_a, "3574••••••••0012")):
        client.force_login(user)
        wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("lkk:lembaga-ekspor")).content))
        nama = [row[2] for row in wb.active.iter_rows(min_row=2, values_only=True)]
        assert nama == ["Pokmas A"]
        wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("lkk:pengurus-ekspor")).content))
        rows = list(wb.active.iter_rows(values_only=True))
        assert wb.active.title == "Data Pengurus"
        assert rows[0][:5] == ("Kode kelurahan", "Jenis lembaga", "Nama lembaga", "Nama", "NIK")
        assert wb.active["E2"].data_type == "s" and wb.active["E2"].number_format == "@", "NIK as a Text cell"
        assert [r[3] for r in rows[1:]] == ["Sutrisno"] and rows[1][4] == nik


def test_templates_download_with_the_import_columns_and_no_example_row(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    for name, resource, lembar in (("lkk:lembaga-templat", LembagaResource, "Data Lembaga"), ("lkk:pengurus-templat", PengurusResource, "Data Pengurus")):
        wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse(name)).content))
        rows = list(wb.active.iter_rows(values_only=True))
        assert wb.active.title == lembar
        assert [k.kunci for k in resource.kolom_impor] == [f.column_name for f in resource(user=operator_a).get_import_fields()]
        assert list(rows[0]) == [k.judul_templat for k in resource.kolom_impor]
        assert all(v is None for row in rows[1:] for v in row), "the example row lives on the Petunjuk sheet"


def test_cells_are_read_by_the_shared_readers(client, operator_a, dua_wilayah):
    """What lkk refused (or misread) before wilayah.sel: month names, "RW.01", "x" as yes (it was no),
    a phone number cell that lost its leading 0, "Perempuan"."""
    kel = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel, nomor=1)
    client.force_login(operator_a)
    url = reverse("lkk:lembaga-impor")
    rows = [(kel.kode, "posyandu", "Posyandu Melati", "RW.01", "188/1/2024", "2 Januari 2024", "2-Jan-2024")]
    response = client.post(url, {"berkas": xlsx(KOLOM_LEMBAGA, rows)})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    posyandu = Lembaga.objects.get(nama="Posyandu Melati")
    assert (posyandu.rw.nomor, posyandu.tanggal_sk, posyandu.masa_bakti_mulai) == (1, dt.date(2024, 1, 2), dt.date(2024, 1, 2))

    LembagaFactory(kelurahan=kel, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    url = reverse("lkk:pengurus-impor")
    headers = KOLOM_PENGURUS + ["jenis_kelamin"]
    rows = [(kel.kode, "lpm", "LPM Kebonsari Wetan", "Sri", "", 81234567890, "Wakil Ketua", "2 Januari 2024", "x", "02 Jan 2024", "Perempuan")]
    response = client.post(url, {"berkas": xlsx(headers, rows)})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    sri = Pengurus.objects.get(nama="Sri")
    assert (sri.jabatan, sri.masa_mulai, sri.tanggal_pernyataan) == (Jabatan.WAKIL_KETUA, dt.date(2024, 1, 2), dt.date(2024, 1, 2))
    assert sri.pernyataan_nonpartai and sri.telepon == "081234567890" and sri.jenis_kelamin == "P"


def test_unreadable_yes_no_is_an_error_not_a_silent_no(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    LembagaFactory(kelurahan=kel, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    client.force_login(operator_a)
    rows = [(kel.kode, "lpm", "LPM Kebonsari Wetan", "Sutrisno", "", "", "ketua", "02/01/2024", "mungkin", "02/01/2024")]
    hasil = client.post(reverse("lkk:pengurus-impor"), {"berkas": xlsx(KOLOM_PENGURUS, rows)}).context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "pernyataan_nonpartai")]
    assert "Isi 'ya' atau 'tidak'" in hasil.galat[0].pesan
    assert not Pengurus.objects.exists()


def test_board_import_writes_through_the_service_door(client, operator_a, dua_wilayah):
    """The same door as the form: the NIK rules with their confirmation column, and the history
    records who imported (the service sets it, not the request)."""
    kel = dua_wilayah["kel_a"]
    LembagaFactory(kelurahan=kel, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    client.force_login(operator_a)
    url = reverse("lkk:pengurus-impor")
    kolom = KOLOM_PENGURUS + ["konfirmasi_nik_luar_wilayah"]
    baris = [kel.kode, "lpm", "LPM Kebonsari Wetan", "Pendatang", "3578041203800012", "", "sekretaris", "02/01/2024", "ya", "02/01/2024"]
    hasil = client.post(url, {"berkas": xlsx(kolom, [baris + [""]])}).context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "konfirmasi_nik_luar_wilayah")]
    assert "bukan kode kecamatan di wilayah ini" in hasil.galat[0].pesan
    response = client.post(url, {"berkas": xlsx(kolom, [baris + ["ya"]])})
    assert not response.context["hasil"].ada_galat
    client.post(url, {"token": response.context["token"]})
    p = Pengurus.objects.get()
    assert p.nik_luar_wilayah and p.history.get().history_user == operator_a
