"""Cells as people make them in Excel and LibreOffice, through the lkk and wisata imports (issue 10):
a NIK in a number cell, phones that lost their 0, a year alone or a two-digit year in a date column,
kelurahan names with non-breaking or double spaces, "RW 03". Workbooks are built cell by cell with
openpyxl (number cells with number formats, date-formatted cells) and read by the portal's reader."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lkk.models import Lembaga, Pengurus
from lkk.resources import LembagaResource, PengurusResource
from tests.factories import RTFactory, RWFactory
from tests.lkk.factories import LembagaFactory, jenis
from tests.wisata.factories import kategori
from wilayah.impor import baca_xlsx, jalankan_impor
from wisata.models import Event
from wisata.resources import EventResource

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
NIK_BENAR = "3574041203800012"


def xlsx(headers, rows) -> bytes:
    """A workbook written cell by cell: a value (str, number, date) as it is, or (value, number_format)
    for a cell with a format, like Excel writes a number typed into a "General" or a date column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for c, h in enumerate(headers, start=1):
        ws.cell(row=1, column=c, value=h)
    for r, row in enumerate(rows, start=2):
        for c, nilai in enumerate(row, start=1):
            if isinstance(nilai, tuple):
                nilai, format_angka = nilai
                ws.cell(row=r, column=c, value=nilai).number_format = format_angka
            elif nilai not in ("", None):
                ws.cell(row=r, column=c, value=nilai)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def galat(hasil) -> dict:
    return {(g.baris, g.kunci): g.pesan for g in hasil.galat}


# --------------------------------------------------------------------------- lkk: lembaga

KOLOM_LEMBAGA = ["kode_kelurahan", "jenis", "nama", "nomor_rw", "nomor_rt", "tanggal_sk", "masa_bakti_mulai"]


@pytest.fixture
def rw03(dua_wilayah):
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=3)
    RTFactory(rw=rw, nomor=4)
    return rw


def test_lembaga_kelurahan_by_name_as_typed_and_rw_03_are_found(client, operator_a, dua_wilayah, rw03):
    client.force_login(operator_a)
    url = reverse("lkk:lembaga-impor")
    rows = [
        (f"Kebonsari{NBSP}Wetan", "posyandu", "Posyandu Melati", "RW 03", "", "02/01/2024", "02/01/2024"),
        ("kebonsari  wetan ", "pokmas", "Pokmas Sinar", "RW. 3", "RT 04", "26 Mei 2025", "17-Agu-2025"),
        ("3574041004", "LPM", "LPM Kebonsari Wetan", "", "", ((45659, "General")), dt.datetime(2025, 1, 2)),
    ]
    response = client.post(url, {"berkas": SimpleUploadedFile("lembaga.xlsx", xlsx(KOLOM_LEMBAGA, rows))})
    hasil = response.context["hasil"]
    assert not hasil.ada_galat, hasil.galat
    client.post(url, {"token": response.context["token"]})
    melati, sinar, lpm = (Lembaga.objects.get(nama=n) for n in ("Posyandu Melati", "Pokmas Sinar", "LPM Kebonsari Wetan"))
    assert melati.kelurahan == sinar.kelurahan == lpm.kelurahan == dua_wilayah["kel_a"]
    assert melati.rw == sinar.rw == rw03 and sinar.rt.nomor == 4
    assert (sinar.tanggal_sk, sinar.masa_bakti_mulai) == (dt.date(2025, 5, 26), dt.date(2025, 8, 17))
    assert lpm.tanggal_sk == dt.date(2025, 1, 2), "a number cell in the serial range is a date cell that lost its format"


def test_lembaga_messages_that_do_not_mislead(operator_a, dua_wilayah, rw03):
    rows = [
        ("Kebonsari", "pokmas", "A", "", "", "", ""),  # unknown kelurahan
        (f"Ketapang{NBSP}", "pokmas", "B", "", "", "", ""),  # a kelurahan outside the operator's area
        ("Kebonsari Wetan", "pokmas", "C", "RW 07", "", "", ""),  # an RW the kelurahan does not have
        ("Kebonsari Wetan", "pokmas", "D", "RW 03", "RT 09", "", ""),
        ("Kebonsari Wetan", "arisan", "E", "", "", "", ""),
    ]
    hasil = jalankan_impor(LembagaResource(user=operator_a), baca_xlsx(xlsx(KOLOM_LEMBAGA, rows)), dry_run=True)
    g = galat(hasil)
    assert g[(2, "kode_kelurahan")] == (
        "Kelurahan 'Kebonsari' tidak dikenal; tulis kode Kemendagri (seperti 35.74.04.1004) atau nama kelurahan (seperti Kebonsari Wetan)."
    )
    assert g[(3, "kode_kelurahan")] == "Kelurahan Ketapang (35.74.01.1001) di luar wilayah kerja Anda; isi hanya kelurahan di wilayah kerja Anda."
    assert g[(4, "nomor_rw")] == "RW 07 tidak tercatat di Kebonsari Wetan."
    assert g[(5, "nomor_rt")] == "RT 09 tidak tercatat di RW 03 Kebonsari Wetan."
    assert "tidak dikenal" in g[(6, "jenis")]
    assert not any("RW RW" in p for p in g.values())
    assert not Lembaga.objects.exists()


@pytest.mark.parametrize(
    "sel, pesan",
    [
        ((2025, "General"), "Tanggal '2025' hanya berisi tahun; tulis tanggal lengkap seperti 26/05/2025."),
        ("2025", "Tanggal '2025' hanya berisi tahun; tulis tanggal lengkap seperti 26/05/2025."),
        ((2025, "DD/MM/YYYY"), "Tanggal 17/07/1905 adalah angka 2025 yang dibaca spreadsheet sebagai tanggal"),  # LibreOffice, a date column
        ("26/05/25", "Tahun pada tanggal '26/05/25' hanya 2 angka, bisa berarti 1925 atau 2025; tulis tahun dengan 4 angka"),
        ("26 Mei 25", "Tahun pada tanggal '26 Mei 25' hanya 2 angka"),
        ((123, "General"), "Sel berisi angka 123, bukan tanggal"),
        ("01/01/2125", "di luar tahun 1900 sampai 2100"),
    ],
)
def test_lembaga_date_columns_refuse_what_would_be_a_guess(operator_a, dua_wilayah, sel, pesan):
    rows = [("35.74.04.1004", "pokmas", "Pokmas Uji", "", "", sel, "02/01/2024")]
    hasil = jalankan_impor(LembagaResource(user=operator_a), baca_xlsx(xlsx(KOLOM_LEMBAGA, rows)), dry_run=False)
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "tanggal_sk")]
    assert pesan in hasil.galat[0].pesan
    assert not Lembaga.objects.exists()


# --------------------------------------------------------------------------- lkk: pengurus

KOLOM_PENGURUS = ["kode_kelurahan", "jenis_lembaga", "nama_lembaga", "nama", "nik", "telepon", "jabatan", "masa_mulai", "pernyataan_nonpartai",
                  "tanggal_pernyataan", "konfirmasi_nik_luar_wilayah"]  # fmt: skip


def pengurus(nama, nik="", telepon="", jabatan="anggota", kelurahan="35.74.04.1004", lembaga="LPM Kebonsari Wetan", masa_mulai="02/01/2024"):
    return (kelurahan, "lpm", lembaga, nama, nik, telepon, jabatan, masa_mulai, "ya", "02/01/2024", "")


@pytest.fixture
def lpm(dua_wilayah):
    return LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")


def test_pengurus_nik_in_a_number_cell_is_refused_never_stored(client, operator_a, lpm):
    """…9871 typed into the template's "General" NIK column arrives as 3574046505909870."""
    client.force_login(operator_a)
    rows = [
        pengurus("Sutrisno", nik=(3574046505909870, "General")),
        pengurus("Bambang", nik=(3574046505909870, "0")),
        pengurus("Wati", nik="3,57405E+15"),  # from a CSV saved off such a column
        pengurus("Dewi", nik=NIK_BENAR),
    ]
    response = client.post(reverse("lkk:pengurus-impor"), {"berkas": SimpleUploadedFile("pengurus.xlsx", xlsx(KOLOM_PENGURUS, rows))})
    assert response.status_code == 200
    g = galat(response.context["hasil"])
    assert set(g) == {(2, "nik"), (3, "nik"), (4, "nik")}
    assert g[(2, "nik")].startswith("NIK '3574046505909870' tersimpan sebagai angka, bukan teks")
    assert "Format Sel > Teks" in g[(2, "nik")] and "tanda petik (')" in g[(2, "nik")]
    assert g[(4, "nik")].startswith("NIK '3,57405E+15' tersimpan sebagai angka")
    assert "Semua baris benar" not in response.content.decode() and not response.context["token"]
    assert not Pengurus.objects.exists()


def test_pengurus_phone_that_lost_its_zero_is_restored_or_refused(operator_a, lpm):
    rows = [
        pengurus("Sri", telepon=(81234567890, "General")),
        pengurus("Budi", telepon=(6281298765432, "0")),
        pengurus("Ani", telepon="+62 813-1111-2222"),
        pengurus("Tono", telepon=(62335420000, "General")),  # +62 335... or a 062x area code without its 0?
        pengurus("Rina", telepon="0812-34"),
    ]
    hasil = jalankan_impor(PengurusResource(user=operator_a), baca_xlsx(xlsx(KOLOM_PENGURUS, rows)), dry_run=True)
    g = galat(hasil)
    assert set(g) == {(5, "telepon"), (6, "telepon")}
    assert g[(5, "telepon")].startswith("Nomor telepon 62335420000 tersimpan sebagai angka dan 0 di depannya hilang")
    assert "terlalu pendek" in g[(6, "telepon")]
    hasil = jalankan_impor(PengurusResource(user=operator_a), baca_xlsx(xlsx(KOLOM_PENGURUS, rows[:3])), dry_run=False)
    assert not hasil.ada_galat, hasil.galat
    assert dict(Pengurus.objects.values_list("nama", "telepon")) == {"Sri": "081234567890", "Budi": "081298765432", "Ani": "081311112222"}


def test_pengurus_lembaga_and_kelurahan_found_by_name_as_typed(operator_a, dua_wilayah, lpm):
    rows = [
        pengurus("Sutrisno", kelurahan=f"Kebonsari{NBSP}Wetan", lembaga=f"lpm  kebonsari{NBSP}wetan", jabatan="ketua"),
        pengurus("Bambang", kelurahan="Kel. Kebonsari Wetan", lembaga="LPM Kebonsari Wetan "),
        pengurus("Luar", kelurahan="Ketapang"),
        pengurus("Hilang", lembaga="LPM Kebonsari Barat"),
    ]
    hasil = jalankan_impor(PengurusResource(user=operator_a), baca_xlsx(xlsx(KOLOM_PENGURUS, rows)), dry_run=True)
    g = galat(hasil)
    assert set(g) == {(4, "kode_kelurahan"), (5, "nama_lembaga")}
    assert "Ketapang (35.74.01.1001) di luar wilayah kerja Anda" in g[(4, "kode_kelurahan")]
    assert g[(5, "nama_lembaga")] == "Lembaga 'LPM Kebonsari Barat' (Lembaga Pemberdayaan Masyarakat) tidak ada di Kebonsari Wetan; impor lembaganya dulu."


@pytest.mark.parametrize(
    "sel, pesan",
    [
        ((2025, "General"), "hanya berisi tahun"),
        ("02/01/24", "hanya 2 angka, bisa berarti 1924 atau 2024"),
        ((2024, "DD/MM/YYYY"), "adalah angka 2024 yang dibaca spreadsheet sebagai tanggal"),
    ],
)
def test_pengurus_dates_go_through_the_same_rules(operator_a, lpm, sel, pesan):
    hasil = jalankan_impor(PengurusResource(user=operator_a), baca_xlsx(xlsx(KOLOM_PENGURUS, [pengurus("Sri", masa_mulai=sel)])), dry_run=True)
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "masa_mulai")]
    assert pesan in hasil.galat[0].pesan


# --------------------------------------------------------------------------- wisata: events

KOLOM_EVENT = ["nama", "kelurahan", "rw", "kategori", "tanggal_mulai", "tanggal_selesai", "tahunan", "status"]


def event(nama, kelurahan="Kebonsari Wetan", rw="RW 03", kat="Kuliner", mulai="17-Agu-2025", selesai="18 Agustus 2025"):
    return (nama, kelurahan, rw, kat, mulai, selesai, "ya", "terlaksana")


def test_event_import_reads_cells_as_people_make_them(client, operator_a, dua_wilayah, rw03):
    kategori("kuliner")
    client.force_login(operator_a)
    url = reverse("wisata:event-impor")
    rows = [
        event("Festival A", kelurahan=f"Kebonsari{NBSP}Wetan", rw="RW.03", kat=f"kuliner{NBSP}"),
        event("Festival B", kelurahan="KEBONSARI  WETAN", rw=(3, "General"), mulai=(45886, "General"), selesai=dt.datetime(2025, 8, 18)),
    ]
    response = client.post(url, {"berkas": SimpleUploadedFile("event.xlsx", xlsx(KOLOM_EVENT, rows))})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    for e in Event.objects.all():
        assert (e.kelurahan, e.rw, e.tanggal_mulai, e.tanggal_selesai) == (dua_wilayah["kel_a"], rw03, dt.date(2025, 8, 17), dt.date(2025, 8, 18))
    assert Event.objects.count() == 2


def test_event_import_refuses_guesses_with_their_own_messages(operator_a, dua_wilayah, rw03):
    kategori("kuliner")
    rows = [
        event("Tahun saja", mulai=(2025, "General")),
        event("Dua angka", mulai="17/08/25"),
        event("Dua angka nama bulan", selesai="18 Agu 25"),
        event("RW lain", rw="RW 07"),
        event("Luar", kelurahan="Ketapang"),
        event("Tidak ada", kelurahan="Kebonsari Timur"),
    ]
    hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx(KOLOM_EVENT, rows)), dry_run=False)
    g = galat(hasil)
    assert g[(2, "tanggal_mulai")] == "Tanggal '2025' hanya berisi tahun; tulis tanggal lengkap seperti 26/05/2025."
    assert "bisa berarti 1925 atau 2025; tulis tahun dengan 4 angka" in g[(3, "tanggal_mulai")]
    assert "Tahun pada tanggal '18 Agu 25' hanya 2 angka" in g[(4, "tanggal_selesai")]
    assert g[(5, "rw")] == "RW 07 tidak tercatat di Kebonsari Wetan."
    assert "Ketapang (35.74.01.1001) di luar wilayah kerja Anda" in g[(6, "kelurahan")]
    assert "Kelurahan 'Kebonsari Timur' tidak dikenal" in g[(7, "kelurahan")]
    assert not Event.objects.exists()


# --------------------------------------------------------------------------- queries do not grow per row


def kueri_per_panggilan(resource, metode: str) -> list[int]:
    """Wrap ``resource.metode`` to record how many queries each call runs."""
    asli, hitungan = getattr(resource, metode), []

    def dibungkus(*args, **kwargs):
        tangkap = CaptureQueriesContext(connection)
        try:
            with tangkap:
                return asli(*args, **kwargs)
        finally:
            hitungan.append(len(tangkap))

    setattr(resource, metode, dibungkus)
    return hitungan


def test_lkk_lookups_run_no_query_per_row(operator_a, dua_wilayah, rw03, lpm, django_assert_max_num_queries):
    LembagaResource(user=operator_a)  # the user's scope and permissions, cached on the user as in a request
    with django_assert_max_num_queries(6):  # scope, every kelurahan, RWs, types of institution
        resource = LembagaResource(user=operator_a)
    hitungan = kueri_per_panggilan(resource, "before_import_row")
    rows = [("Kebonsari  Wetan", "pokmas", f"Pokmas {i}", "RW 03", "RT 04" if i % 2 else "", "02/01/2024", "02/01/2024") for i in range(12)]
    hasil = jalankan_impor(resource, baca_xlsx(xlsx(KOLOM_LEMBAGA, rows)), dry_run=True)
    assert not hasil.ada_galat, hasil.galat
    assert len(hitungan) == 12 and sum(hitungan) <= 1, hitungan  # the RTs, loaded on first use

    with django_assert_max_num_queries(7):  # the same, and the institutions
        resource = PengurusResource(user=operator_a)
    hitungan = kueri_per_panggilan(resource, "before_import_row")
    rows = [pengurus(f"Anggota {i}", kelurahan=f"Kebonsari{NBSP}Wetan", telepon=f"08123456{i:04d}") for i in range(12)]
    hasil = jalankan_impor(resource, baca_xlsx(xlsx(KOLOM_PENGURUS, rows)), dry_run=True)
    assert not hasil.ada_galat, hasil.galat
    assert hitungan == [0] * 12


def test_wisata_lookups_run_a_fixed_number_of_queries(operator_a, dua_wilayah, rw03):
    kategori("kuliner")
    EventResource(user=operator_a)._muat_pilihan()  # the user's scope and permissions, cached on the user as in a request
    resource = EventResource(user=operator_a)
    hitungan = kueri_per_panggilan(resource, "import_instance")
    rows = [event(f"Festival {i}", kelurahan=f"kebonsari{NBSP}wetan", rw=f"RW. {3}") for i in range(12)]
    hasil = jalankan_impor(resource, baca_xlsx(xlsx(KOLOM_EVENT, rows)), dry_run=True)
    assert not hasil.ada_galat, hasil.galat
    assert len(hitungan) == 12 and hitungan[0] <= 4 and hitungan[1:] == [0] * 11, hitungan
