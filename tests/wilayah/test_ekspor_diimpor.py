"""Issue 9, finding 2, the other way: the portal's own exports, their cells neutralised (a quote before
= + - @), go back in through the importers unchanged."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lkk.models import Lembaga
from lkk.resources import LembagaResource
from tests.lkk.factories import LembagaFactory, jenis
from tests.wilayah.test_ekspor import HYPERLINK, JAHAT, sel_xlsx
from tests.wisata.factories import EventFactory
from wilayah.impor import baca_xlsx, jalankan_impor
from wilayah.models import RW
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
