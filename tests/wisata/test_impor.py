"""Event import from the city's spreadsheet: preview with row errors, nothing written, then all at once."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import RWFactory
from wilayah.impor import baca_xlsx, jalankan_impor
from wisata.models import Event
from wisata.resources import EventResource

pytestmark = pytest.mark.django_db

KOLOM = ["nama", "kelurahan", "rw", "kategori", "tanggal_mulai", "tanggal_selesai", "tahunan", "penyelenggara", "status", "pengunjung", "umkm_terlibat", "transaksi"]


def xlsx(rows, kolom=KOLOM) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(kolom)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def baris_baik(i=1, kelurahan="35.74.04.1004"):
    return [f"Event {i}", kelurahan, 1, "Kuliner", datetime.datetime(2025, 3, i), f"{i:02d}-03-2025", "ya" if i % 2 else "tidak", "Karang Taruna", "terlaksana", 100 * i, i, "Rp 1.500.000"]


def test_impor_pratinjau_lalu_simpan(client, operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    client.force_login(operator_a)
    url = reverse("wisata:event-impor")
    response = client.post(url, {"berkas": SimpleUploadedFile("event.xlsx", xlsx([baris_baik(i) for i in range(1, 6)]))})
    assert response.status_code == 200
    assert "Semua baris benar" in response.content.decode()
    assert not Event.objects.exists(), "pratinjau tidak menulis apa pun"
    token = response.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    assert Event.objects.count() == 5
    e = Event.objects.get(nama="Event 3")
    assert (e.tanggal_mulai, e.tahunan, e.transaksi, e.rw.nomor, e.kelurahan) == (datetime.date(2025, 3, 3), True, 1_500_000, 1, dua_wilayah["kel_a"])


def test_tanggal_salah_format_galat_baris_dan_kolom_tanpa_menulis(client, operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    buruk = baris_baik(2)
    buruk[5] = "2025/31/12"  # tanggal_selesai in a format nobody can read
    negatif = baris_baik(3)
    negatif[9] = -10
    terbalik = baris_baik(4)
    terbalik[5] = "01-02-2025"
    luar = baris_baik(5, kelurahan="35.74.01.1001")
    client.force_login(operator_a)
    response = client.post(reverse("wisata:event-impor"), {"berkas": SimpleUploadedFile("e.xlsx", xlsx([baris_baik(1), buruk, negatif, terbalik, luar]))})
    galat = {(g.baris, g.kunci): g.pesan for g in response.context["hasil"].galat}
    assert "tidak dikenali" in galat[(3, "tanggal_selesai")] and "2025/31/12" in galat[(3, "tanggal_selesai")]
    assert "negatif" in galat[(4, "pengunjung")]
    assert "sebelum tanggal mulai" in galat[(5, "tanggal_selesai")]
    assert "di luar wilayah kerja" in galat[(6, "kelurahan")]
    assert not any(b == 2 for b, _ in galat)
    body = response.content.decode()
    assert "tidak ada data yang disimpan" in body and "Tanggal selesai" in body, "the column is named by its human header"
    assert not Event.objects.exists()


def test_resource_langsung_semua_atau_tidak_sama_sekali(operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    buruk = baris_baik(2)
    buruk[4] = "besok"
    hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx([baris_baik(1), buruk])), dry_run=False)
    assert hasil.ada_galat and [(g.baris, g.kunci) for g in hasil.galat] == [(3, "tanggal_mulai")]
    assert not Event.objects.exists()


def test_templat_excel_berisi_kolom_dan_contoh(client, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("wisata:event-templat"))
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[1]]
    assert ws.title == "Data Event"
    assert header[:6] == ["Nama event *", "Kelurahan *", "RW", "Kategori *", "Tanggal mulai *", "Tanggal selesai *"]
    assert ws.cell(row=2, column=1).value is None, "no example row on the data sheet"
    assert "Festival Kuliner Kebonsari" in [c.value for row in ws.parent["Petunjuk"].iter_rows() for c in row]


def test_camat_tidak_boleh_impor(client, camat_a):
    client.force_login(camat_a)
    assert client.get(reverse("wisata:event-impor")).status_code == 403


def test_ekspor_hanya_lingkup_pengguna_dan_bisa_diimpor_kembali(client, operator_a, dua_wilayah):
    from tests.wisata.factories import EventFactory

    EventFactory(nama="Event Kebonsari", kelurahan=dua_wilayah["kel_a"], tahunan=True, status="terlaksana", transaksi=2_500_000)
    EventFactory(nama="Event Ketapang", kelurahan=dua_wilayah["kel_b"])
    client.force_login(operator_a)
    response = client.get(reverse("wisata:event-ekspor"))
    assert response.status_code == 200
    dataset = baca_xlsx(response.content)
    assert [r[0] for r in dataset] == ["Event Kebonsari"]
    asal = Event.objects.get(nama="Event Kebonsari")
    baris = dict(zip(dataset.headers, dataset[0], strict=True))
    assert (baris["Tanggal mulai"], baris["Tanggal selesai"], baris["Event tahunan"], baris["Nilai transaksi (Rp)"]) == (
        datetime.datetime.combine(asal.tanggal_mulai, datetime.time()), datetime.datetime.combine(asal.tanggal_selesai, datetime.time()), "ya", 2_500_000
    ), "every export writes dates as date cells, numbers as numbers, under the human headers"
    Event.objects.all().delete()
    hasil = jalankan_impor(EventResource(user=operator_a), dataset, dry_run=False)
    assert not hasil.ada_galat
    e = Event.objects.get()
    assert (e.nama, e.tahunan, e.transaksi, e.kelurahan) == ("Event Kebonsari", True, 2_500_000, dua_wilayah["kel_a"])


def test_sel_dibaca_pembaca_bersama(client, operator_a, dua_wilayah):
    """What wisata refused before wilayah.sel: month names, "sudah" as yes, "RW 01"."""
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    baris = baris_baik(1)
    baris[2], baris[4], baris[5], baris[6] = "RW 01", "17 Agustus 2025", "18-Agu-2025", "sudah"
    client.force_login(operator_a)
    url = reverse("wisata:event-impor")
    response = client.post(url, {"berkas": SimpleUploadedFile("e.xlsx", xlsx([baris]))})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    e = Event.objects.get()
    assert (e.tanggal_mulai, e.tanggal_selesai, e.tahunan, e.rw.nomor) == (datetime.date(2025, 8, 17), datetime.date(2025, 8, 18), True, 1)


def test_tanggal_kosong_dan_kata_tahunan_yang_tidak_dikenal(operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    baris = baris_baik(1)
    baris[4], baris[6] = "", "kadang"
    hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx([baris])), dry_run=True)
    galat = {g.kunci: g.pesan for g in hasil.galat}
    assert galat["tanggal_mulai"] == "Tanggal wajib diisi."
    assert "Isi 'ya' atau 'tidak'" in galat["tahunan"] and "tahunan, sekali" in galat["tahunan"]
