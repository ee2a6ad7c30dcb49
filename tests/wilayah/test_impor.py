"""The shared Excel import (wilayah.impor), exercised through the RW import."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wilayah.models import RW


def xlsx(rows, headers=("kode_kelurahan", "nomor_rw", "nama_ketua")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("rw.xlsx", buffer.getvalue())


@pytest.fixture
def url():
    return reverse("wilayah:rw-impor")


def test_preview_writes_nothing_then_confirm_imports_all(client, operator_a, dua_wilayah, url):
    client.force_login(operator_a)
    kode = dua_wilayah["kel_a"].kode
    response = client.post(url, {"berkas": xlsx([(kode, 1, "Ali"), (kode, 2, "Budi"), (kode, 3, "")])})
    assert response.status_code == 200
    assert response.context["hasil"].baru == 3 and not response.context["hasil"].ada_galat
    assert RW.objects.count() == 0, "pratinjau tidak boleh menyimpan"
    token = response.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    assert sorted(RW.objects.values_list("nomor", "nama_ketua")) == [(1, "Ali"), (2, "Budi"), (3, "")]
    # The token is single-use.
    response = client.post(url, {"token": token}, follow=True)
    assert "kedaluwarsa" in response.content.decode()
    assert RW.objects.count() == 3


def test_bad_rows_are_all_listed_and_nothing_written(client, operator_a, dua_wilayah, url):
    client.force_login(operator_a)
    kode_a, kode_b = dua_wilayah["kel_a"].kode, dua_wilayah["kel_b"].kode
    rows = [(kode_a, n, "") for n in range(1, 41)]
    rows[4] = (kode_b, 5, "")  # another kelurahan: out of the operator's scope
    rows[9] = (kode_a, "sepuluh", "")
    rows[19] = ("99.99.99.9999", 20, "")
    response = client.post(url, {"berkas": xlsx(rows)})
    hasil = response.context["hasil"]
    assert hasil.ada_galat and not response.context["token"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(6, "kode_kelurahan"), (11, "nomor_rw"), (21, "kode_kelurahan")]
    assert "Ketapang (35.74.01.1001) di luar wilayah kerja Anda" in hasil.galat[0].pesan
    assert "tidak dikenal" in hasil.galat[2].pesan, "an unknown code is not told 'outside your area'"
    body = response.content.decode()
    assert "tidak ada data yang disimpan" in body
    assert RW.objects.count() == 0


def test_confirm_rechecks_every_row_and_writes_nothing_if_one_fails(client, operator_a, dua_wilayah, url):
    client.force_login(operator_a)
    kode = dua_wilayah["kel_a"].kode
    response = client.post(url, {"berkas": xlsx([(kode, 1, "Ali"), (kode, 2, "Budi")])})
    token = response.context["token"]
    # Between preview and confirm Bappeda moves the operator to another kelurahan:
    # the confirm re-checks the scope and refuses every row, writing nothing.
    operator_a.lingkup.kelurahan = dua_wilayah["kel_b"]
    operator_a.lingkup.save()
    response = client.post(url, {"token": token})
    assert response.status_code == 200
    assert response.context["hasil"].baris_bergalat == 2
    assert RW.objects.count() == 0


def test_rw_numbers_as_operators_type_them(client, operator_a, dua_wilayah, url):
    """Before wilayah.sel the RW import refused "RW 01" and "02"-as-text; 0 is still refused."""
    client.force_login(operator_a)
    kode = dua_wilayah["kel_a"].kode
    response = client.post(url, {"berkas": xlsx([(kode, "RW 01", ""), (kode, "RW.02", ""), (kode, "03", ""), (kode, 4.0, "")])})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    assert sorted(RW.objects.values_list("nomor", flat=True)) == [1, 2, 3, 4]
    hasil = client.post(url, {"berkas": xlsx([(kode, 0, "")])}).context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "nomor_rw")]
    assert "1 atau lebih" in hasil.galat[0].pesan


@pytest.mark.parametrize(
    "berkas, pesan",
    [
        (SimpleUploadedFile("rw.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "bukan lembar kerja"),
        (SimpleUploadedFile("rw.xlsx", b"PK\x03\x04rusak"), "tidak dapat dibaca"),
    ],
)
def test_not_an_xlsx_is_refused(client, operator_a, url, berkas, pesan):
    client.force_login(operator_a)
    response = client.post(url, {"berkas": berkas})
    assert pesan in response.content.decode()
    assert RW.objects.count() == 0


def test_missing_columns_are_named(client, operator_a, dua_wilayah, url):
    client.force_login(operator_a)
    response = client.post(url, {"berkas": xlsx([(dua_wilayah["kel_a"].kode,)], headers=("kode_kelurahan",))})
    assert "Kolom wajib tidak ada di baris 1: Nomor RW." in response.content.decode()
    assert RW.objects.count() == 0


def test_import_needs_add_permission(client, camat_a, url):
    client.force_login(camat_a)
    assert client.get(url).status_code == 403


def test_template_has_columns_and_example(client, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("wilayah:rw-templat"))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(wb.active.values)
    assert rows[0] == ("Kode kelurahan *", "Nomor RW *", "Nama ketua RW")
    assert all(v is None for row in rows[1:] for v in row), "the example lives on the Petunjuk sheet"
    petunjuk = {r[0]: r for r in wb["Petunjuk"].iter_rows(values_only=True)}
    assert petunjuk["Kode kelurahan *"][1] == "Ya" and petunjuk["Kode kelurahan *"][3] == "35.74.04.1004"


def test_parsed_rows_survive_the_wait_between_preview_and_confirm():
    import datetime as dt
    from decimal import Decimal

    import tablib

    from wilayah.impor import BerkasTerbaca, baca_xlsx, berkas_dari_bytes, berkas_ke_bytes

    dataset = tablib.Dataset(
        ("Ali", dt.date(1985, 3, 12), dt.datetime(2025, 5, 26, 8, 30), 3, 1.5, Decimal("1250000.50"), None, '{"__date__": "x"}'),
        headers=["nama", "lahir", "waktu", "rw", "nilai", "uang", "kosong", "teks_mirip_json"],
    )
    kembali = berkas_dari_bytes(berkas_ke_bytes(BerkasTerbaca(dataset=dataset, nomor_baris=[2]))).dataset
    assert kembali.headers == dataset.headers
    assert list(kembali[0]) == list(dataset[0])
    assert type(kembali[0][1]) is dt.date and type(kembali[0][2]) is dt.datetime

    # Blank rows in the workbook are skipped; short rows are padded to the header width.
    upload = xlsx([("35.74.04.1004", 1), (None, None, None), ("35.74.04.1004", 2, "Budi")])
    parsed = baca_xlsx(upload.read())
    assert len(parsed) == 2 and parsed[0] == ("35.74.04.1004", 1, None)


def test_unconfirmed_previews_are_cleaned_after_a_day(client, operator_a, dua_wilayah, url, settings):
    import os
    import time
    from pathlib import Path

    from wilayah.tasks import bersihkan_pratinjau_impor

    client.force_login(operator_a)
    kode = dua_wilayah["kel_a"].kode
    for nomor in (1, 2):
        client.post(url, {"berkas": xlsx([(kode, nomor, "")])})
    folder = Path(settings.MEDIA_ROOT) / "impor_sementara"
    lama, baru = sorted(folder.glob("*.json"))
    dua_hari_lalu = time.time() - 2 * 24 * 3600
    os.utime(lama, (dua_hari_lalu, dua_hari_lalu))
    assert bersihkan_pratinjau_impor.delay().get() == 1
    assert not lama.exists() and baru.exists()
    assert "wilayah.bersihkan_pratinjau_impor" in {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
