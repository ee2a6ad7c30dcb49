"""What each row of an import does (new, updated, the same as stored: skipped), counted and shown in
the preview (wilayah.impor.HasilPemeriksaan, jalankan_impor, templates/wilayah/impor.html)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from import_export import fields, resources

from tests.factories import RWFactory
from wilayah.impor import HasilPemeriksaan, ImporExcelView, ImporUlangMixin, baca_xlsx, jalankan_impor, nomor_baris_excel
from wilayah.models import RW
from wilayah.resources import RWResource
from wilayah.sel import kunci_nama
from wilayah.sel import NomorWidget, TeksWidget

pytestmark = pytest.mark.django_db


def xlsx(rows, headers=("kode_kelurahan", "nomor_rw", "nama_ketua")) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def url():
    return reverse("wilayah:rw-impor")


@pytest.fixture
def tersimpan(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel, nomor=1, nama_ketua="Ali")
    RWFactory(kelurahan=kel, nomor=2, nama_ketua="Budi")
    return kel.kode


def test_pratinjau_menghitung_dan_menandai_setiap_baris(client, operator_a, url, tersimpan):
    client.force_login(operator_a)
    rows = [(tersimpan, 1, "Ali"), (tersimpan, 2, "Bambang"), (tersimpan, 3, "Cahyo")]
    response = client.post(url, {"berkas": SimpleUploadedFile("rw.xlsx", xlsx(rows))})
    hasil = response.context["hasil"]
    assert (hasil.baru, hasil.diperbarui, hasil.dilewati) == (1, 1, 1)
    assert hasil.jenis_baris == ["dilewati", "diperbarui", "baru"] and not hasil.semua_dilewati
    body = response.content.decode()
    assert "1 baris baru, 1 diperbarui, 1 sama dengan data tersimpan (dilewati)" in body
    assert '<th scope="col">Status</th>' in body
    baris = body.split('<tbody><tr data-jenis="', 1)[1]
    assert baris.startswith('dilewati"') and '<span class="badge text-bg-secondary">Dilewati</span>' in baris
    assert '<tr data-jenis="diperbarui"><td class="text-nowrap"><span class="badge text-bg-warning">Diperbarui</span>' in body
    assert '<tr data-jenis="baru"><td class="text-nowrap"><span class="badge text-bg-success">Baru</span>' in body
    assert 'id="jumlah-dilewati">1<' in body and "Simpan: 1 baru, 1 diperbarui" in body

    response = client.post(url, {"token": response.context["token"]}, follow=True)
    assert "Impor selesai: 1 data baru, 1 diperbarui, 1 sama dengan data tersimpan (dilewati)." in response.content.decode()
    assert sorted(RW.objects.values_list("nomor", "nama_ketua")) == [(1, "Ali"), (2, "Bambang"), (3, "Cahyo")]


def test_semua_baris_sama_berkas_sudah_pernah_diimpor(client, operator_a, url, tersimpan):
    client.force_login(operator_a)
    rows = [(tersimpan, 1, "Ali"), (tersimpan, 2, "Budi")]
    response = client.post(url, {"berkas": SimpleUploadedFile("rw.xlsx", xlsx(rows))})
    hasil = response.context["hasil"]
    assert hasil.semua_dilewati and hasil.jenis_baris == ["dilewati", "dilewati"]
    body = response.content.decode()
    assert "Berkas ini sudah pernah diimpor: semua 2 baris sama dengan data tersimpan. Tidak ada yang akan berubah" in body
    assert not response.context["token"] and 'name="token"' not in body and "Simpan:" not in body
    assert body.count('data-jenis="dilewati"') == 2


def test_baris_bergalat_ditandai_dan_tidak_ada_status_simpan(operator_a, tersimpan):
    rows = [(tersimpan, 1, "Ali"), (tersimpan, "nol", ""), (tersimpan, 4, "Dedi")]
    hasil = jalankan_impor(RWResource(user=operator_a), baca_xlsx(xlsx(rows)), dry_run=True)
    assert hasil.jenis_baris == ["dilewati", "galat", "baru"] and not hasil.semua_dilewati
    assert [g.baris for g in hasil.galat] == [3]


class RWTanpaLaporanLewat(RWResource):
    kode_kelurahan = fields.Field(attribute="kelurahan", column_name="kode_kelurahan")
    nomor = fields.Field(attribute="nomor", column_name="nomor_rw", widget=NomorWidget())
    nama_ketua = fields.Field(attribute="nama_ketua", column_name="nama_ketua", widget=TeksWidget())

    class Meta:
        model = RW
        fields = ("kode_kelurahan", "nomor", "nama_ketua")
        import_id_fields = ("kode_kelurahan", "nomor")
        skip_unchanged = True
        report_skipped = False


def test_baris_dilewati_dihitung_walau_tidak_dilaporkan(operator_a, tersimpan):
    assert not RWTanpaLaporanLewat._meta.report_skipped
    rows = [(tersimpan, 1, "Ali"), (tersimpan, 3, "Cahyo")]
    hasil = jalankan_impor(RWTanpaLaporanLewat(user=operator_a), baca_xlsx(xlsx(rows)), dry_run=True)
    assert (hasil.baru, hasil.dilewati) == (1, 1)
    assert hasil.jenis_baris == [], "which row was skipped is unknown: no row is marked rather than the wrong one"
    assert [k for k, _label, _nilai in hasil.contoh_dengan_jenis(rows)] == ["", ""]


def test_contoh_dengan_jenis():
    hasil = HasilPemeriksaan(jumlah_baris=2, baru=1, dilewati=1, jenis_baris=["baru", "dilewati"])
    assert [(k, str(label), nilai) for k, label, nilai in hasil.contoh_dengan_jenis([("a",), ("b",)])] == [
        ("baru", "Baru", ("a",)), ("dilewati", "Dilewati", ("b",)),
    ]
    assert not hasil.semua_dilewati
    assert HasilPemeriksaan(jumlah_baris=2, dilewati=2).semua_dilewati
    assert not HasilPemeriksaan(jumlah_baris=0).semua_dilewati
    assert not HasilPemeriksaan(jumlah_baris=1, dilewati=1, galat_berkas=["x"]).semua_dilewati


def test_kunci_nama_dan_nomor_baris():
    assert kunci_nama("  Festival\u00a0 Kuliner\tKEBONSARI ") == kunci_nama("festival kuliner kebonsari") == "festival kuliner kebonsari"
    assert kunci_nama(None) == ""
    assert nomor_baris_excel(1) == 2  # the header is row 1


def _view_impor():
    def jalan(resolver):
        for pola in resolver.url_patterns:
            if isinstance(pola, URLResolver):
                yield from jalan(pola)
            else:
                view = getattr(pola.callback, "view_class", None)
                if view is not None and issubclass(view, ImporExcelView):
                    yield view

    return list(jalan(get_resolver()))


def test_impor_yang_bisa_melewati_baris_melaporkannya():
    """Every import that can skip a row reports it, so the preview can mark each row; a repeatable
    import (ImporUlangMixin) builds a fresh row and finds the stored one by its natural key."""
    views = _view_impor()
    assert len(views) >= 4
    for view in views:
        meta = view.resource_class._meta
        ulang = issubclass(view.resource_class, ImporUlangMixin)
        if ulang or meta.skip_unchanged:
            assert meta.report_skipped, view.resource_class
        if ulang:
            assert meta.force_init_instance and not meta.import_id_fields, view.resource_class
            assert issubclass(view.resource_class, resources.ModelResource)
