"""Excel import of cadres: preview with every row's error, all-or-nothing confirm, template, scope."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kader.models import Kader
from kader.resources import KOLOM, KaderResource
from tests.kader.factories import KaderFactory, buat_nik

HEADERS = [k.kunci for k in KOLOM]


def baris(i, kode_kelurahan="35.74.04.1004", **ubah):
    lahir = dt.date(1970 + i % 30, i % 12 + 1, i % 28 + 1)
    jk = "P" if i % 2 else "L"
    data = {
        "nik": buat_nik("357404", lahir, jk, i),
        "nama": f"Kader Impor {i}",
        "jenis_kelamin": jk,
        "tempat_lahir": "Probolinggo",
        "tanggal_lahir": lahir.strftime("%d/%m/%Y"),
        "alamat": "Jl. Impor",
        "kelurahan": kode_kelurahan,
        "nomor_rw": 3,
        "telepon": "081234567890",
        "pendidikan": "SMA",
        "pekerjaan": "Petani",
        "bidang_kerja": "Ekonomi, Kesehatan",
        "peran": "Penggerak, pelopor",
        "tanggal_mulai": "02/01/2024",
        "nomor_sk": "188/1/2024",
        "tanggal_sk": "02/01/2024",
        "konfirmasi_nik_luar_wilayah": "",
    }
    data.update(ubah)
    return data


def xlsx(rows, headers=HEADERS, nama="kader.xlsx"):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(list(headers))
    for row in rows:
        ws.append([row.get(h, "") for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(nama, buffer.getvalue())


@pytest.fixture
def url():
    return reverse("kader:kader-impor")


def test_preview_then_confirm_imports_everything_with_history_and_fields(client, operator_a, rw_a, url):
    client.force_login(operator_a)
    response = client.post(url, {"berkas": xlsx([baris(i) for i in range(1, 6)])})
    hasil = response.context["hasil"]
    assert not hasil.ada_galat, hasil.galat
    assert hasil.baru == 5
    assert Kader.objects.count() == 0, "pratinjau tidak boleh menyimpan"
    response = client.post(url, {"token": response.context["token"]})
    assert response.status_code == 302
    assert Kader.objects.count() == 5
    k = Kader.objects.get(nama="Kader Impor 1")
    assert k.rw == rw_a and k.pendidikan == "sma" and k.daftar_peran == ["pelopor", "penggerak"]
    assert sorted(k.bidang_kerja.values_list("nama", flat=True)) == ["Ekonomi", "Kesehatan"]
    assert k.history.get().history_user == operator_a


def test_fifty_bad_rows_among_many_each_named_and_nothing_written(client, operator_a, rw_a, dua_wilayah, url):
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nik=baris(7)["nik"], tanggal_lahir=dt.date(1977, 8, 8), jenis_kelamin="P")
    rows = [baris(i) for i in range(1, 1001)]
    salah = {}
    for n, i in enumerate(range(10, 1000, 20)):  # 50 bad rows, five kinds
        kind = n % 5
        if kind == 0:
            rows[i]["nik"] = "12345"
            salah[i + 2] = "nik"
        elif kind == 1:
            rows[i]["tanggal_lahir"] = "01/01/1950"
            salah[i + 2] = "nik"
        elif kind == 2:
            rows[i]["kelurahan"] = dua_wilayah["kel_b"].kode
            salah[i + 2] = "kelurahan"
        elif kind == 3:
            rows[i]["nomor_rw"] = 99
            salah[i + 2] = "nomor_rw"
        else:
            besok = dt.date.today() + dt.timedelta(days=800)
            rows[i]["tanggal_lahir"] = besok.strftime("%d/%m/%Y")
            salah[i + 2] = "tanggal_lahir"
    # Row 8 (index 6) holds NIK 7, already active in another kelurahan.
    salah[8] = "nik"
    client.force_login(operator_a)
    response = client.post(url, {"berkas": xlsx(rows)})
    hasil = response.context["hasil"]
    assert hasil.ada_galat and not response.context["token"]
    assert hasil.baris_bergalat == 51
    per_baris = {}
    for g in hasil.galat:
        per_baris.setdefault(g.baris, set()).add(g.kunci)
    for nomor, kolom in salah.items():
        assert kolom in per_baris[nomor], (nomor, kolom, per_baris.get(nomor))
    pesan = {g.pesan for g in hasil.galat}
    assert any("16 angka" in p for p in pesan)
    assert any("di luar wilayah kerja Anda" in p for p in pesan)
    assert any("RW 99 tidak tercatat" in p for p in pesan)
    assert any("sudah terdaftar pada KPM aktif lain" in p for p in pesan)
    assert any("masa depan" in p for p in pesan)
    assert Kader.objects.count() == 1


def test_import_does_not_query_per_row(client, operator_a, rw_a, url, django_assert_max_num_queries):
    """The preview page of 400 rows: checks run against data loaded once (the page's own queries
    included). The confirm's writes: ``test_impor_ulang.test_query_count_does_not_grow_with_the_rows``."""
    client.force_login(operator_a)
    berkas = xlsx([baris(i) for i in range(1, 401)])
    with django_assert_max_num_queries(25):
        response = client.post(url, {"berkas": berkas})
    assert response.context["hasil"].baru == 400


def test_duplicate_nik_inside_the_file(client, operator_a, rw_a, url):
    rows = [baris(1), baris(2), baris(1, nama="Kembar")]
    client.force_login(operator_a)
    hasil = client.post(url, {"berkas": xlsx(rows)}).context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(4, "nik")]
    assert "sama dengan baris 2" in hasil.galat[0].pesan


def test_nik_from_outside_needs_the_confirmation_column(client, operator_a, rw_a, url):
    luar = baris(1)
    luar["nik"] = "3513" + luar["nik"][4:]
    client.force_login(operator_a)
    hasil = client.post(url, {"berkas": xlsx([luar])}).context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "konfirmasi_nik_luar_wilayah")]
    assert '"Konfirmasi NIK luar wilayah"' in hasil.galat[0].pesan and '"ya"' in hasil.galat[0].pesan
    response = client.post(url, {"berkas": xlsx([luar | {"konfirmasi_nik_luar_wilayah": "ya"}])})
    assert not response.context["hasil"].ada_galat
    client.post(url, {"token": response.context["token"]})
    assert Kader.objects.get().nik_luar_wilayah


def test_file_that_is_not_xlsx_is_refused(client, operator_a, url):
    client.force_login(operator_a)
    response = client.post(url, {"berkas": SimpleUploadedFile("kader.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")})
    assert "bukan lembar kerja" in response.content.decode()
    assert Kader.objects.count() == 0


def test_missing_columns_are_named(client, operator_a, url):
    client.force_login(operator_a)
    headers = [h for h in HEADERS if h not in ("tanggal_lahir", "kelurahan")]
    response = client.post(url, {"berkas": xlsx([baris(1)], headers=headers)})
    pesan = " ".join(response.context["hasil"].galat_berkas)
    assert "Tanggal lahir" in pesan and "Kelurahan" in pesan, "named by their human headers"
    assert Kader.objects.count() == 0


def test_template_has_the_human_columns_and_the_example_on_the_petunjuk_sheet(client, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("kader:kader-templat"))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert wb.active.title == "Data KPM"
    assert list(rows[0]) == [k.judul_templat for k in KOLOM]
    assert rows[0][:3] == ("NIK *", "Nama *", "Jenis kelamin *")
    petunjuk = {r[0]: r for r in wb["Petunjuk"].iter_rows(values_only=True)}
    assert petunjuk["NIK *"][3] == KaderResource.contoh_baris()["nik"]


def test_example_row_is_itself_valid(client, operator_a, rw_a, url):
    rw_a.nomor = 1
    rw_a.save()
    client.force_login(operator_a)
    response = client.post(url, {"berkas": xlsx([KaderResource.contoh_baris()])})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat


def test_camat_cannot_import(client, camat_a, url):
    client.force_login(camat_a)
    assert client.get(url).status_code == 403


BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]


def test_cells_are_read_by_the_shared_readers(client, operator_a, rw_a, url):
    """What kader refused before wilayah.sel: month names, "sudah" as yes, "RW 03", a phone with +62."""
    data = baris(1)
    lahir = dt.datetime.strptime(data["tanggal_lahir"], "%d/%m/%Y").date()
    data.update(
        nik="3513" + data["nik"][4:],  # from outside the region tree: needs the confirmation column
        tanggal_lahir=f"{lahir.day} {BULAN[lahir.month - 1]} {lahir.year}",
        tanggal_mulai="2 Januari 2024",
        tanggal_sk="02.01.2024",
        konfirmasi_nik_luar_wilayah="sudah",
        nomor_rw="RW 03",
        telepon="+62 812-3456-7890",
        jenis_kelamin="Perempuan" if data["jenis_kelamin"] == "P" else "Laki-laki",
    )
    client.force_login(operator_a)
    response = client.post(url, {"berkas": xlsx([data])})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    k = Kader.objects.get()
    assert (k.tanggal_lahir, k.tanggal_mulai, k.tanggal_sk) == (lahir, dt.date(2024, 1, 2), dt.date(2024, 1, 2))
    assert k.nik_luar_wilayah and k.rw == rw_a and k.telepon == "081234567890", "the one stored phone format"


def test_unreadable_cells_are_named_with_the_value(client, operator_a, rw_a, url):
    rows = [baris(1, tanggal_mulai="31/02/2024"), baris(2, konfirmasi_nik_luar_wilayah="mungkin"), baris(3, telepon="0812 atau 0813")]
    client.force_login(operator_a)
    hasil = client.post(url, {"berkas": xlsx(rows)}).context["hasil"]
    galat = {(g.baris, g.kunci): g.pesan for g in hasil.galat}
    assert "'31/02/2024' tidak ada di kalender" in galat[(2, "tanggal_mulai")]
    assert "Isi 'ya' atau 'tidak'" in galat[(3, "konfirmasi_nik_luar_wilayah")]
    assert "'0812 atau 0813'" in galat[(4, "telepon")]
    assert Kader.objects.count() == 0


def test_export_writes_dates_as_date_cells(client, operator_a, rw_a, url):
    client.force_login(operator_a)
    response = client.post(url, {"berkas": xlsx([baris(1)])})
    client.post(url, {"token": response.context["token"]})
    k = Kader.objects.get()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("kader:kader-ekspor")).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    baris_ekspor = dict(zip(rows[0], rows[1], strict=True))
    assert baris_ekspor["Tanggal lahir"] == dt.datetime.combine(k.tanggal_lahir, dt.time())
    awal = dt.datetime(2024, 1, 2)
    assert (baris_ekspor["Tanggal mulai"], baris_ekspor["Tanggal SK"], baris_ekspor["Tanggal nonaktif"]) == (awal, awal, None)
    assert sheet["E2"].number_format == "DD/MM/YYYY" and sheet["E2"].is_date


def test_cells_as_excel_makes_them_nik_number_refused_names_and_rw_as_typed(client, operator_a, rw_a, url):
    """A NIK typed into a General column arrives as a number (15 significant digits kept): refused, never
    stored; a kelurahan name with a non-breaking or double space and "RW 03" are found."""
    angka = baris(1)
    angka["nik"] = float(angka["nik"])
    ketik = baris(2, kelurahan="Kebonsari\u00a0 Wetan", nomor_rw=f"RW {rw_a.nomor:02d}")
    client.force_login(operator_a)
    hasil = client.post(url, {"berkas": xlsx([angka, ketik])}).context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "nik")]
    assert "Teks" in hasil.galat[0].pesan and "15" in hasil.galat[0].pesan
    hasil = client.post(url, {"berkas": xlsx([ketik])}).context["hasil"]
    assert not hasil.ada_galat, hasil.galat
    assert Kader.objects.count() == 0
