"""The event file can be uploaded again (issue 10, point 7): a second upload updates or skips, never duplicates."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import RWFactory
from tests.wisata.factories import EventFactory
from wilayah.impor import baca_xlsx, jalankan_impor
from wisata.models import Event
from wisata.resources import EventResource
from wisata.ringkasan import progres_target

pytestmark = pytest.mark.django_db

KOLOM = ["nama", "kelurahan", "rw", "kategori", "tanggal_mulai", "tanggal_selesai", "tahunan", "penyelenggara", "status", "pengunjung", "catatan_dampak"]


def xlsx(rows, kolom=KOLOM) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(kolom)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def berkas(rows, kolom=KOLOM):
    return SimpleUploadedFile("event.xlsx", xlsx(rows, kolom))


def baris(i, kelurahan="35.74.04.1004"):
    """A city-file row: every other event is annual, all in 2025."""
    return [f"Festival {i}", kelurahan, 1, "Kuliner", f"{i:02d}/03/2025", f"{i:02d}/03/2025", "ya" if i % 2 else "tidak", "Karang Taruna", "terlaksana", 100 * i, f"Dampak {i}"]


@pytest.fixture
def rw(dua_wilayah):
    return RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)


def event_tahunan_tercapai() -> int:
    return next(b.tercapai for b in progres_target(2025, hari_ini=datetime.date(2025, 12, 31)).butir if b.kode == "event_tahunan")


def impor(client, url, rows, kolom=KOLOM):
    """Preview then confirm (when there is something to confirm); the preview response."""
    response = client.post(url, {"berkas": berkas(rows, kolom)})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    if response.context["token"]:
        assert client.post(url, {"token": response.context["token"]}).status_code == 302
    return response


def test_berkas_yang_sama_diunggah_dua_kali_tidak_menggandakan_event(client, operator_a, rw):
    client.force_login(operator_a)
    url = reverse("wisata:event-impor")
    rows = [baris(i) for i in range(1, 13)]
    pertama = impor(client, url, rows)
    assert pertama.context["hasil"].jenis_baris == ["baru"] * 12
    assert Event.objects.count() == 12
    tahunan = event_tahunan_tercapai()
    assert tahunan == 6

    kedua = client.post(url, {"berkas": berkas(rows)})
    hasil = kedua.context["hasil"]
    assert (hasil.baru, hasil.diperbarui, hasil.dilewati) == (0, 0, 12)
    assert hasil.jenis_baris == ["dilewati"] * 12 and hasil.semua_dilewati
    body = kedua.content.decode()
    assert "sudah pernah diimpor" in body and "Tidak ada yang akan berubah" in body
    assert body.count('data-jenis="dilewati"') == 12 and "Dilewati</span>" in body
    assert not kedua.context["token"], "nothing to confirm"
    assert Event.objects.count() == 12
    assert event_tahunan_tercapai() == tahunan, "the annual-events target does not move"

    # Forced through anyway (the resource directly, written): still nothing new.
    hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx(rows)), dry_run=False)
    assert (hasil.baru, hasil.dilewati) == (0, 12) and Event.objects.count() == 12
    assert all(e.history.count() == 1 for e in Event.objects.all()), "a skipped row writes no history"


def test_baris_yang_diubah_diperbarui_dengan_riwayat_oleh_pengimpor(client, operator_a, rw):
    client.force_login(operator_a)
    url = reverse("wisata:event-impor")
    rows = [baris(i) for i in range(1, 4)]
    impor(client, url, rows)
    ubah = [list(r) for r in rows]
    ubah[1][9] = 999  # visitors of the second event
    ubah[2][0] = "  FESTIVAL\u00a0 3 "  # the same name, spelled with other case and spaces: the same event
    response = client.post(url, {"berkas": berkas(ubah)})
    hasil = response.context["hasil"]
    assert hasil.jenis_baris == ["dilewati", "diperbarui", "diperbarui"]
    assert (hasil.baru, hasil.diperbarui, hasil.dilewati) == (0, 2, 1)
    body = response.content.decode()
    assert "0 baris baru, 2 diperbarui, 1 sama dengan data tersimpan (dilewati)" in body
    assert 'data-jenis="diperbarui"' in body and "Diperbarui</span>" in body and "Dilewati</span>" in body
    assert Event.objects.get(nama="Festival 2").pengunjung == 200, "the preview writes nothing"
    response = client.post(url, {"token": response.context["token"]}, follow=True)
    assert "0 data baru, 2 diperbarui, 1 sama dengan data tersimpan (dilewati)" in response.content.decode()
    assert Event.objects.count() == 3
    kedua = Event.objects.get(nama="Festival 2")
    assert kedua.pengunjung == 999
    terakhir = kedua.history.order_by("-history_id").first()
    assert (terakhir.history_type, terakhir.history_user, kedua.history.count()) == ("~", operator_a, 2)
    assert Event.objects.filter(nama="FESTIVAL\u00a0 3").exists()


def test_event_sama_dua_kali_dalam_satu_berkas_galat_menyebut_baris_sebelumnya(client, operator_a, rw):
    client.force_login(operator_a)
    kembar = baris(2)
    kembar[0] = "festival   2"
    kembar[9] = 50
    rows = [baris(1), baris(2), baris(3), kembar]
    hasil = client.post(reverse("wisata:event-impor"), {"berkas": berkas(rows)}).context["hasil"]
    assert [(g.baris, g.kolom) for g in hasil.galat] == [(5, "")]
    assert "sama dengan baris 3" in hasil.galat[0].pesan and "nama event, tanggal mulai dan kelurahan" in hasil.galat[0].pesan
    assert not Event.objects.exists()


def test_tanggal_atau_kelurahan_lain_adalah_event_lain(operator_a, dua_wilayah, rw):
    """The key is name + start date + kelurahan: next year's edition, or the same name elsewhere, is new."""
    EventFactory(nama="Festival 1", kelurahan=dua_wilayah["kel_b"], tanggal_mulai=datetime.date(2025, 3, 1))
    EventFactory(nama="Festival 1", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=datetime.date(2024, 3, 1))
    hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx([baris(1)])), dry_run=False)
    assert hasil.jenis_baris == ["baru"] and Event.objects.count() == 3


def test_kolom_yang_tidak_ada_di_berkas_tetap_tersimpan(operator_a, dua_wilayah, rw):
    jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx([baris(1)])), dry_run=False)
    Event.objects.update(deskripsi="Ditulis di formulir")
    tanpa_dampak = KOLOM[:-1]
    hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx([baris(1)[:-1]], tanpa_dampak)), dry_run=False)
    assert hasil.jenis_baris == ["dilewati"], "a column the file leaves out is not a change"
    e = Event.objects.get()
    assert (e.catatan_dampak, e.deskripsi) == ("Dampak 1", "Ditulis di formulir")


def test_dua_event_tersimpan_yang_sama_ditolak_bukan_ditebak(operator_a, dua_wilayah, rw):
    """Events doubled by an earlier upload: which one to update is not guessed."""
    for _ in range(2):
        EventFactory(nama="Festival 1", kelurahan=dua_wilayah["kel_a"], tanggal_mulai=datetime.date(2025, 3, 1))
    hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx([baris(1)])), dry_run=False)
    assert [g.baris for g in hasil.galat] == [2] and "Ada 2 data tersimpan" in hasil.galat[0].pesan
    assert Event.objects.count() == 2 and not Event.objects.filter(pengunjung=100).exists()


def test_unggah_ulang_satu_kueri_pencarian_per_baris(operator_a, rw):
    """A second upload looks each row up once: the queries grow by a fixed number per row."""
    rows = [baris(i) for i in range(1, 21)]
    jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx(rows)), dry_run=False)

    def kueri(n):
        with CaptureQueriesContext(connection) as ctx:
            hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(xlsx(rows[:n])), dry_run=True)
        assert hasil.dilewati == n
        return len(ctx)

    assert kueri(20) - kueri(10) <= 10 * 3  # savepoint, release, one lookup


def _kueri_impor(user, rows, *, dry_run):
    """(queries, result); a bulk write counted once: SQLite caps a statement's parameters, so Django splits
    a bulk insert or update into batches (``bulk_batch_size``); PostgreSQL writes 500 rows a statement."""
    data = baca_xlsx(xlsx(rows))
    with CaptureQueriesContext(connection) as ctx:
        hasil = jalankan_impor(EventResource(user=user), data, dry_run=dry_run)
    assert not hasil.ada_galat, hasil.galat
    tulis = [q["sql"].split(" ", 3)[:3] for q in ctx.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    batch = {
        "wisata_event": connection.ops.bulk_batch_size([f.name for f in Event._meta.concrete_fields], rows),
        "wisata_historicalevent": connection.ops.bulk_batch_size([f.name for f in Event.history.model._meta.concrete_fields], rows),
    }
    jenis = {(t[0], t[2 if t[0] == "INSERT" else 1].strip('"')) for t in tulis}
    lebih = sum(len([t for t in tulis if (t[0], t[2 if t[0] == "INSERT" else 1].strip('"')) == j]) - 1 for j in jenis)
    assert lebih <= sum(-(-len(rows) // min(b, 500)) for b in batch.values()), "only the backend's batches repeat a write"
    return len(ctx) - lebih, hasil


@pytest.mark.parametrize("dry_run", [True, False])
def test_impor_kueri_tetap_berapa_pun_barisnya(operator_a, rw, dry_run):
    """Issue 14: the import runs a fixed number of queries whatever the number of rows (it ran ~14 a row):
    10 rows and 60 rows, new, then the same file again (all skipped), then changed (all updated)."""
    sepuluh = [baris(i) for i in range(1, 11)]
    enam_puluh = [baris(i, kelurahan="35.74.04.1004") for i in range(1, 29)] + [
        [f"Pasar {i}", "35.74.04.1004", 1, "Kuliner", f"{1 + i % 28:02d}/04/2025", f"{1 + i % 28:02d}/04/2025", "tidak", "Pokmas", "rencana", None, ""]
        for i in range(32)
    ]
    _kueri_impor(operator_a, sepuluh[:1], dry_run=True)  # the user's permissions, cached on the user
    n10, hasil10 = _kueri_impor(operator_a, sepuluh, dry_run=dry_run)
    Event.objects.all().delete()
    n60, hasil60 = _kueri_impor(operator_a, enam_puluh, dry_run=dry_run)
    assert (hasil10.baru, hasil60.baru) == (10, 60)
    assert n10 == n60 == (14 if dry_run else 13)  # the preview rolls back to a savepoint
    if dry_run:
        return
    assert Event.objects.count() == 60 and Event.history.filter(history_type="+").count() >= 60
    ulang10, h = _kueri_impor(operator_a, enam_puluh[:10], dry_run=True)
    ulang60, h60 = _kueri_impor(operator_a, enam_puluh, dry_run=True)
    assert (h.dilewati, h60.dilewati) == (10, 60) and ulang10 == ulang60 == 9
    ubah = [r[:10] + [f"Dampak baru {r[0]}"] for r in enam_puluh]
    ubah10, h = _kueri_impor(operator_a, ubah[:10], dry_run=False)
    ubah60, h60 = _kueri_impor(operator_a, ubah, dry_run=False)
    assert (h.diperbarui, h60.diperbarui) == (10, 50) and h60.dilewati == 10
    assert ubah10 == ubah60 == 13
    assert Event.objects.get(nama="Pasar 31").catatan_dampak == "Dampak baru Pasar 31"
    assert Event.history.filter(history_type="~", nama="Pasar 31").get().history_user == operator_a
