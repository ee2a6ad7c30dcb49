"""Issue 9, finding 2, the other way: the portal's own exports, their cells neutralised (a quote before
= + - @), go back in through the importers unchanged. Issue 10, point 11: every export is headed by the
import's human headers, with date cells, NIK and phone as text and numbers as numbers, and imports back."""

import datetime as dt
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kader.models import BidangKerja, Kader
from kader.resources import KOLOM_EKSPOR as KOLOM_EKSPOR_KADER
from kader.resources import KaderResource
from lkk.models import Lembaga, Pengurus
from lkk.resources import LembagaResource, PengurusResource
from tests.factories import RWFactory
from tests.kader.factories import KaderFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from tests.wilayah.test_ekspor import HYPERLINK, JAHAT, sel_xlsx
from tests.wisata.factories import EventFactory
from wilayah.impor import baca_xlsx, jalankan_impor
from wilayah.models import RW
from wilayah.templat import ANGKA, PENGENAL, TANGGAL, TELEPON
from wisata.models import Event
from wisata.resources import EventResource



def test_an_exported_lembaga_list_imports_back_unchanged(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    for i, nama in enumerate(JAHAT):  # names as a form stores them: stripped
        LembagaFactory(kelurahan=kel, jenis=jenis("posyandu"), nama=f"{nama.strip()} Melati {i}", kontak_nama="+62 warga", alamat="-")
    client.force_login(operator_a)
    isi = client.get(reverse("lkk:lembaga-ekspor")).content
    assert any(isinstance(c.value, str) and c.value.startswith("'=HYPERLINK") for c in sel_xlsx(isi))
    sebelum = sorted(Lembaga.objects.values_list("nama", "kontak_nama", "alamat"))
    hasil = jalankan_impor(LembagaResource(user=operator_a), baca_xlsx(isi), dry_run=False)
    assert not hasil.ada_galat, hasil.galat
    assert (hasil.baru, Lembaga.objects.count()) == (0, len(JAHAT)), "every row matched its lembaga by name: nothing new"
    assert sorted(Lembaga.objects.values_list("nama", "kontak_nama", "alamat")) == sebelum


def test_an_exported_event_list_imports_back_with_the_same_names(client, operator_a, dua_wilayah):
    for nama in (HYPERLINK, "@Festival", "-Pasar Malam"):
        EventFactory(nama=nama, kelurahan=dua_wilayah["kel_a"], penyelenggara="+Karang Taruna", status="terlaksana", pengunjung=1500)
    client.force_login(operator_a)
    response = client.get(reverse("wisata:event-ekspor"))
    sebelum = sorted(Event.objects.values_list("nama", "penyelenggara", "pengunjung"))
    Event.objects.all().delete()
    hasil = jalankan_impor(EventResource(user=operator_a), baca_xlsx(response.content), dry_run=False)
    assert not hasil.ada_galat, hasil.galat
    assert sorted(Event.objects.values_list("nama", "penyelenggara", "pengunjung")) == sebelum


def test_the_import_page_reads_back_a_quoted_cell_as_typed(client, operator_a, dua_wilayah):
    """A file edited in Excel after the export keeps the quote; the RW import reads "'-Pak Budi" as "-Pak Budi"."""
    wb = openpyxl.Workbook()
    wb.active.append(["kode_kelurahan", "nomor_rw", "nama_ketua"])
    wb.active.append([dua_wilayah["kel_a"].kode, 1, "'-Pak Budi"])
    buffer = io.BytesIO()
    wb.save(buffer)
    client.force_login(operator_a)
    url = reverse("wilayah:rw-impor")
    token = client.post(url, {"berkas": SimpleUploadedFile("rw.xlsx", buffer.getvalue())}).context["token"]
    client.post(url, {"token": token})
    assert RW.objects.get().nama_ketua == "-Pak Budi"


# --- issue 10, point 11: the exports in the import's human headers, typed cells, and back in -----------------


def periksa_sel_bertipe(isi: bytes, nama_lembar: str, kolom) -> openpyxl.worksheet.worksheet.Worksheet:
    """The export's sheet is named for its data, headed by the human headers, with every filled cell typed as its
    column's kind: a date cell DD/MM/YYYY, NIK/phone/codes as text in a Text column, numbers as numbers."""
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    ws = wb.active
    assert ws.title == nama_lembar and ws.freeze_panes == "A2"
    judul = [c.value for c in ws[1]]
    assert judul == [k.judul for k in kolom]
    for row in ws.iter_rows(min_row=2):
        for k, sel in zip(kolom, row, strict=True):
            if sel.value is None:
                continue
            if k.jenis == TANGGAL:
                assert sel.is_date and sel.number_format == "DD/MM/YYYY", (k.kunci, sel.value)
            elif k.jenis in (PENGENAL, TELEPON):
                assert sel.data_type == "s" and sel.number_format == "@", (k.kunci, sel.value)
            elif k.jenis == ANGKA:
                assert sel.data_type == "n", (k.kunci, sel.value)
    return ws


def test_an_exported_cadre_list_imports_back_with_the_same_data(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=3)
    bidang = list(BidangKerja.objects.filter(aktif=True)[:2])
    for i, (telepon, pendidikan) in enumerate((("081234567890", "sma"), ("085712345678", "s1"), ("", ""))):
        k = KaderFactory(kelurahan=kel, rw=rw if i < 2 else None, telepon=telepon, pendidikan=pendidikan, peran=",pelopor,penggerak,",
                         nomor_sk=f"188/{i}/425.304.1/2024" if i else "", tanggal_sk=dt.date(2024, 1, 2) if i else None, pekerjaan="Guru")
        k.bidang_kerja.set(bidang[: i + 1])
    client.force_login(operator_a)
    isi = client.get(reverse("kader:kader-ekspor")).content
    periksa_sel_bertipe(isi, "Data KPM", KOLOM_EKSPOR_KADER)
    medan = ("nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "alamat", "kelurahan_id", "rw_id", "telepon", "pendidikan",
             "pekerjaan", "peran", "tanggal_mulai", "nomor_sk", "tanggal_sk", "status")  # fmt: skip
    sebelum = sorted(Kader.objects.values_list(*medan))
    bidang_sebelum = sorted((k.nik, tuple(sorted(b.pk for b in k.bidang_kerja.all()))) for k in Kader.objects.all())
    Kader.objects.all().delete()
    hasil = jalankan_impor(KaderResource(user=operator_a), baca_xlsx(isi), dry_run=False)
    assert not hasil.ada_galat, (hasil.galat, hasil.galat_berkas)
    assert sorted(Kader.objects.values_list(*medan)) == sebelum
    assert sorted((k.nik, tuple(sorted(b.pk for b in k.bidang_kerja.all()))) for k in Kader.objects.all()) == bidang_sebelum


def test_an_exported_board_list_imports_back_unchanged_and_into_an_empty_portal(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    lpm = LembagaFactory(kelurahan=kel, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    PengurusFactory(lembaga=lpm, nama="Sutrisno", nik="3574041203800012", jenis_kelamin="L", tanggal_lahir=dt.date(1980, 3, 12), telepon="081234567890",
                    jabatan="ketua", nomor_sk_pengangkatan="188/15/425.103/2024", tanggal_sk_pengangkatan=dt.date(2024, 1, 2))
    PengurusFactory(lembaga=lpm, nama="Wati", jabatan="seksi", nama_seksi="Humas", masa_selesai=dt.date(2029, 1, 1))
    client.force_login(operator_a)
    isi = client.get(reverse("lkk:pengurus-ekspor")).content
    periksa_sel_bertipe(isi, "Data Pengurus", PengurusResource.kolom_impor)
    medan = ("lembaga_id", "nama", "nik", "jenis_kelamin", "tanggal_lahir", "telepon", "jabatan", "nama_seksi", "nomor_sk_pengangkatan",
             "tanggal_sk_pengangkatan", "masa_mulai", "masa_selesai", "pernyataan_nonpartai", "tanggal_pernyataan")  # fmt: skip
    sebelum = sorted(Pengurus.objects.values_list(*medan))
    hasil = jalankan_impor(PengurusResource(user=operator_a), baca_xlsx(isi), dry_run=False)
    assert not hasil.ada_galat and (hasil.baru, hasil.diperbarui) == (0, 0), (hasil.galat, hasil.galat_berkas)
    Pengurus.objects.all().delete()
    hasil = jalankan_impor(PengurusResource(user=operator_a), baca_xlsx(isi), dry_run=False)
    assert not hasil.ada_galat and hasil.baru == 2, (hasil.galat, hasil.galat_berkas)
    assert sorted(Pengurus.objects.values_list(*medan)) == sebelum


def test_the_lembaga_and_event_exports_are_typed_and_headed_as_their_templates(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel, nomor=2)
    LembagaFactory(kelurahan=kel, jenis=jenis("posyandu"), nama="Posyandu Melati", rw=RW.objects.get(nomor=2), kontak_telepon="081234567890", status="tidak_aktif")
    EventFactory(nama="Festival", kelurahan=kel, status="terlaksana", pengunjung=1500, transaksi=85_000_000, tahunan=True)
    client.force_login(operator_a)
    ws = periksa_sel_bertipe(client.get(reverse("lkk:lembaga-ekspor")).content, "Data Lembaga", LembagaResource.kolom_impor)
    baris = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]], strict=True))
    assert (baris["RW"], baris["Status"], baris["Telepon kontak"]) == (2, "Tidak aktif", "081234567890")
    ws = periksa_sel_bertipe(client.get(reverse("wisata:event-ekspor")).content, "Data Event", EventResource.kolom_impor)
    baris = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]], strict=True))
    assert (baris["Status"], baris["Event tahunan"], baris["Jumlah pengunjung"], baris["Nilai transaksi (Rp)"]) == ("Terlaksana", "ya", 1500, 85_000_000)
    sebelum = list(Lembaga.objects.values_list("status", "rw_id", "kontak_telepon"))
    hasil = jalankan_impor(LembagaResource(user=operator_a), baca_xlsx(client.get(reverse("lkk:lembaga-ekspor")).content), dry_run=False)
    assert not hasil.ada_galat and list(Lembaga.objects.values_list("status", "rw_id", "kontak_telepon")) == sebelum
