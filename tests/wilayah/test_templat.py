"""Issue 10, point 11: templates a person reads, human headers read back, the column declarations (wilayah.templat).

The templates are downloaded through their views and filled in with openpyxl at the cell level, as a person
fills them in Excel: the data sheet, text in the Text-formatted columns, date cells in the date columns.
"""

import datetime as dt
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from kader.models import BidangKerja, Kader
from kader.resources import KaderResource
from lkk.models import Lembaga, Pengurus
from lkk.resources import LembagaResource, PengurusResource
from tests.factories import RWFactory
from tests.kader.factories import buat_nik
from tests.lkk.factories import LembagaFactory, jenis
from tests.wisata.factories import kategori
from wilayah.impor import ImporExcelView, baca_xlsx, jalankan_impor, kolom_wajib
from wilayah.models import RW
from wilayah.resources import RWResource
from wilayah.templat import (
    ANGKA,
    FORMAT_TANGGAL,
    FORMAT_TEKS,
    PENGENAL,
    PILIHAN,
    TANGGAL,
    TELEPON,
    YA_TIDAK,
    BARIS_TEMPLAT,
    Kolom,
    BukuEkspor,
    LembarEkspor,
    judul_kolom,
    normalkan_judul,
    peta_judul,
    terjemahkan_judul,
)
from pelatihan.resources import PesertaResource
from pud.resources import UMKMResource
from wisata.models import Event
from tests.pelatihan.factories import diklat_di, sesi_di
from wisata.resources import EventResource

pytestmark = pytest.mark.django_db

TEMPLAT = {
    "wilayah:rw-templat": RWResource,
    "kader:kader-templat": KaderResource,
    "lkk:lembaga-templat": LembagaResource,
    "lkk:pengurus-templat": PengurusResource,
    "wisata:event-templat": EventResource,
    "pud:umkm-templat": UMKMResource,
    "pelatihan:peserta-template": PesertaResource,
}
# A template of one diklat's participants is under that diklat's address (a city diklat of one session:
# the class's columns, no "Sesi").
ARGUMEN_TEMPLAT = {"pelatihan:peserta-template": lambda: {"pk": diklat_di().pk}}
# Its "Sesi" column is asked only of a diklat of several sessions: the declarations are read on one.
ARGUMEN_RESOURCE = {PesertaResource: lambda: {"diklat": _diklat_dua_sesi()}}


def _diklat_dua_sesi():
    diklat = diklat_di()
    sesi_di(diklat, mulai=datetime.date(2025, 6, 2), hari=1, tempat="Aula Kecamatan")
    return diklat


def unduh(client, nama_url) -> openpyxl.Workbook:
    argumen = ARGUMEN_TEMPLAT.get(nama_url)
    response = client.get(reverse(nama_url, kwargs=argumen() if argumen else None))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def isi_templat(wb: openpyxl.Workbook, resource_class, baris: list[dict]) -> bytes:
    """``baris`` ({key: value}) typed into the data sheet under the columns' headers, from row 2."""
    ws = wb[str(resource_class.nama_lembar)]
    kolom = {c.value: c.column for c in ws[1]}
    judul = {k.kunci: k.judul_templat for k in resource_class.kolom_impor}
    for nomor, isi in enumerate(baris, start=2):
        for kunci, nilai in isi.items():
            ws.cell(row=nomor, column=kolom[judul[kunci]], value=nilai)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def semua_impor():
    get_resolver().url_patterns  # every URLconf, so every view module, imported
    kelas, tumpukan = set(), [ImporExcelView]
    while tumpukan:
        for sub in tumpukan.pop().__subclasses__():
            kelas.add(sub)
            tumpukan.append(sub)
    return {k for k in kelas if k.resource_class is not None}


# --------------------------------------------------------------------------- the declarations


def test_making_a_resource_loads_nothing(operator_a, django_assert_num_queries):
    """The import page (its column list), the template and the exports make a resource: its lookups (regions,
    types, every lembaga in scope) are loaded by the first row that needs them, not by the constructor."""
    for view in semua_impor():
        with django_assert_num_queries(0):
            view.resource_class(user=operator_a)


def test_every_import_declares_its_columns_once_with_a_sheet_name(operator_a):
    impor = semua_impor()
    assert {v.resource_class for v in impor} == set(TEMPLAT.values()), "a new import needs its template test here"
    for view in impor:
        argumen = ARGUMEN_RESOURCE.get(view.resource_class)
        resource = view.resource_class(user=operator_a, **(argumen() if argumen else {}))
        kolom = resource.kolom_impor
        assert str(resource.nama_lembar).startswith("Data "), view
        assert [k.kunci for k in kolom] == [f.column_name for f in resource.get_import_fields()], view
        assert len({normalkan_judul(k.judul) for k in kolom}) == len(kolom), f"{view}: two columns with one header"
        # Every spelling (header or key) of a column names that column and no other.
        for k in kolom:
            assert peta_judul(kolom)[normalkan_judul(k.judul)] == k.kunci and peta_judul(kolom)[normalkan_judul(k.kunci)] == k.kunci
        assert set(resource.contoh_baris()) == {k.kunci for k in kolom}


def test_a_column_of_an_unknown_kind_is_refused_at_declaration():
    with pytest.raises(ValueError, match="Jenis kolom tidak dikenal"):
        Kolom("nik", "NIK", jenis="nomor")


def test_judul_kolom_gives_the_human_header_of_every_key(operator_a):
    judul = judul_kolom(KaderResource(user=operator_a))
    assert (judul["jenis_kelamin"], judul["nomor_rw"], judul["konfirmasi_nik_luar_wilayah"]) == ("Jenis kelamin", "RW", "Konfirmasi NIK luar wilayah")
    assert kolom_wajib(KaderResource(user=operator_a))[:3] == ["NIK", "Nama", "Jenis kelamin"]


# --------------------------------------------------------------------------- reading headers

KOLOM_UJI = (Kolom("jenis_kelamin", "Jenis kelamin", wajib=True), Kolom("nomor_rw", "RW"), Kolom("nik", "NIK", wajib=True))


@pytest.mark.parametrize(
    "header,kunci",
    [
        ("Jenis kelamin", "jenis_kelamin"),
        ("Jenis kelamin *", "jenis_kelamin"),
        ("  JENIS   KELAMIN*", "jenis_kelamin"),
        ("Jenis\u00a0kelamin", "jenis_kelamin"),
        ("jenis_kelamin", "jenis_kelamin"),
        ("Jenis_Kelamin", "jenis_kelamin"),
        ("rw", "nomor_rw"),
        ("nomor_rw", "nomor_rw"),
        ("Nomor RW", "nomor_rw"),
        ("nik *", "nik"),
    ],
)
def test_a_header_names_its_column_by_human_header_or_old_key_in_any_spelling(header, kunci):
    headers, galat = terjemahkan_judul(KOLOM_UJI, [header, "Catatan", None])
    assert (headers, galat) == ([kunci, "Catatan", ""], []), "an unknown column stays as it is (and is ignored)"


def test_a_column_given_twice_is_the_files_error():
    headers, galat = terjemahkan_judul(KOLOM_UJI, ["NIK", "Jenis kelamin", "nik *"])
    assert galat == ["Kolom 'NIK' ada 2 kali di baris 1 (kolom A, C); hapus yang tidak dipakai, lalu unggah lagi."]


def xlsx(headers, rows) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(list(headers))
    for row in rows:
        wb.active.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_file_with_human_headers_imports_and_old_key_headers_still_do(operator_a, dua_wilayah):
    kode = dua_wilayah["kel_a"].kode
    baru = xlsx(["Kode Kelurahan *", "Nomor\u00a0RW  *", " nama ketua rw", "Catatan"], [(kode, 1, "Ali", "abaikan"), (kode, "RW 02", "Budi", "")])
    lama = xlsx(["kode_kelurahan", "nomor_rw", "nama_ketua"], [(kode, 3, "Citra")])
    for isi in (baru, lama):
        dataset = baca_xlsx(isi)
        headers = list(dataset.headers)
        hasil = jalankan_impor(RWResource(user=operator_a), dataset, dry_run=False)
        assert not hasil.ada_galat, (hasil.galat, hasil.galat_berkas)
        assert dataset.headers == headers, "the file's own headers stay for the preview"
    assert sorted(RW.objects.values_list("nomor", "nama_ketua")) == [(1, "Ali"), (2, "Budi"), (3, "Citra")]


def test_missing_columns_and_row_errors_are_named_by_the_human_header(operator_a, dua_wilayah):
    hasil = jalankan_impor(RWResource(user=operator_a), baca_xlsx(xlsx(["Kode kelurahan"], [(dua_wilayah["kel_a"].kode,)])), dry_run=True)
    assert hasil.galat_berkas == ["Kolom wajib tidak ada di baris 1: Nomor RW. Tulis judul kolom seperti di templat, atau unduh templatnya."]
    hasil = jalankan_impor(RWResource(user=operator_a), baca_xlsx(xlsx(["nomor_rw", "kode_kelurahan"], [("sepuluh", "99.99")])), dry_run=True)
    # One row, two errors: in the order of the template's columns, named as the template names them.
    assert [(g.baris, g.kolom, g.kunci) for g in hasil.galat] == [(2, "Kode kelurahan", "kode_kelurahan"), (2, "Nomor RW", "nomor_rw")]
    hasil = jalankan_impor(RWResource(user=operator_a), baca_xlsx(xlsx(["NIK", "Kode kelurahan", "kode_kelurahan", "Nomor RW"], [])), dry_run=True)
    assert "Kolom 'Kode kelurahan' ada 2 kali di baris 1 (kolom B, C)" in hasil.galat_berkas[0]


def test_the_import_page_names_the_required_columns_by_their_headers(client, operator_a):
    client.force_login(operator_a)
    body = client.get(reverse("kader:kader-impor")).content.decode()
    assert "<code>Jenis kelamin</code>" in body and "<code>jenis_kelamin</code>" not in body


# --------------------------------------------------------------------------- the templates


@pytest.mark.parametrize("nama_url", TEMPLAT)
def test_the_template_is_a_data_sheet_a_person_reads_and_a_petunjuk_sheet(client, operator_a, nama_url):
    resource_class = TEMPLAT[nama_url]
    client.force_login(operator_a)
    wb = unduh(client, nama_url)
    ws = wb.active
    kolom = resource_class.kolom_impor
    assert wb.sheetnames[:2] == [str(resource_class.nama_lembar), "Petunjuk"] and wb.index(ws) == 0
    assert set(wb.sheetnames) <= {str(resource_class.nama_lembar), "Petunjuk", "Daftar"}
    assert [c.value for c in ws[1]] == [f"{k.judul} *" if k.wajib else k.judul for k in kolom]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
    assert ws.max_row == BARIS_TEMPLAT + 1 and all(c.value is None for row in ws.iter_rows(min_row=2) for c in row), "no example row"
    for i, k in enumerate(kolom, start=1):
        huruf = openpyxl.utils.get_column_letter(i)
        harapan = {PENGENAL: FORMAT_TEKS, TELEPON: FORMAT_TEKS, PILIHAN: FORMAT_TEKS, YA_TIDAK: FORMAT_TEKS, TANGGAL: FORMAT_TANGGAL}.get(k.jenis, "General")
        assert ws[f"{huruf}2"].number_format == ws[f"{huruf}{BARIS_TEMPLAT + 1}"].number_format == harapan, k.kunci
        assert ws.column_dimensions[huruf].width >= len(k.judul), k.kunci
    # A drop-down on every choice and yes/no column, and on nothing else.
    berdaftar = {str(r).split(":")[0].rstrip("0123456789") for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    harapan = {openpyxl.utils.get_column_letter(i) for i, k in enumerate(kolom, start=1) if k.jenis in (PILIHAN, YA_TIDAK)}
    assert berdaftar == harapan
    assert all(dv.type == "list" and dv.showDropDown in (None, False) for dv in ws.data_validations.dataValidation)
    # The Petunjuk sheet: every column with whether it is required, what to write and its example.
    petunjuk = {r[0]: r for r in wb["Petunjuk"].iter_rows(values_only=True) if r[0]}
    for k in kolom:
        nama, wajib, penjelasan, contoh = petunjuk[k.judul_templat][:4]
        assert wajib == ("Ya" if k.wajib else "Tidak") and penjelasan, k.kunci
        assert (contoh or "") == ("" if k.contoh is None else str(k.contoh)), k.kunci
        if k.jenis == TANGGAL:
            assert "26/05/2025" in penjelasan
    if "Daftar" in wb.sheetnames:
        assert wb["Daftar"].sheet_state == "hidden"


def test_the_kader_templates_lists_are_the_users_and_the_references(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    ws = unduh(client, "kader:kader-templat").active
    rumus = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert rumus["C2"] == '"L,P"'
    assert rumus["G2"] == '"Kebonsari Wetan"', "only the kelurahan of the user's area"
    assert rumus["Q2"] == '"ya,tidak"'
    bidang = ",".join(BidangKerja.objects.filter(aktif=True).values_list("nama", flat=True))
    assert rumus["L2"] == f'"{bidang}"'


def test_a_long_list_or_one_with_commas_goes_to_the_hidden_daftar_sheet(client, operator_a):
    BidangKerja.objects.bulk_create([BidangKerja(nama=f"Bidang kerja tambahan nomor {i}") for i in range(12)])
    BidangKerja.objects.create(nama="Sosial, budaya")
    client.force_login(operator_a)
    wb = unduh(client, "kader:kader-templat")
    dv = next(dv for dv in wb.active.data_validations.dataValidation if str(dv.sqref).startswith("L2"))
    daftar = wb["Daftar"]
    assert daftar.sheet_state == "hidden"
    assert dv.formula1 == f"'Daftar'!$A$2:$A${BidangKerja.objects.filter(aktif=True).count() + 1}"
    nilai = [c.value for c in daftar["A"][1:]]
    assert "Sosial, budaya" in nilai and set(nilai) == set(BidangKerja.objects.filter(aktif=True).values_list("nama", flat=True))
    assert len(",".join(nilai)) > 255


def test_the_template_queries_do_not_grow_with_the_lists(client, operator_a, django_assert_max_num_queries):
    client.force_login(operator_a)
    client.get(reverse("kader:kader-templat"))
    BidangKerja.objects.bulk_create([BidangKerja(nama=f"Bidang {i}") for i in range(50)])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("kader:kader-templat")).status_code == 200


def siti(kel, **ubah):
    data = {
        "nik": buat_nik("357404", dt.date(1990, 5, 25), "P", 7),
        "nama": "Siti Rahayu",
        "jenis_kelamin": "P",
        "tempat_lahir": "Probolinggo",
        "tanggal_lahir": dt.date(1990, 5, 25),
        "alamat": "Jl. Brantas 3",
        "kelurahan": kel.nama,
        "nomor_rw": 3,
        "telepon": "081234567890",
        "pendidikan": "SMA/SMK/sederajat",
        "bidang_kerja": "Ekonomi, Kesehatan",
        "peran": "Pelopor",
        "tanggal_mulai": dt.date(2024, 1, 2),
        "nomor_sk": "188/7/425.304.1/2024",
        "tanggal_sk": "2 Januari 2024",
    }
    return data | ubah


def test_the_filled_template_imports_through_the_page_and_the_petunjuk_example_never_does(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel, nomor=3)
    client.force_login(operator_a)
    url = reverse("kader:kader-impor")
    kosong = SimpleUploadedFile("templat.xlsx", isi_templat(unduh(client, "kader:kader-templat"), KaderResource, []))
    hasil = client.post(url, {"berkas": kosong}).context["hasil"]
    assert hasil.galat_berkas == ["Berkas tidak berisi baris data."], "the Petunjuk example is not a row"

    isi = isi_templat(unduh(client, "kader:kader-templat"), KaderResource, [siti(kel)])
    ws = openpyxl.load_workbook(io.BytesIO(isi)).active
    assert ws["A2"].data_type == "s" and ws["E2"].is_date, "a NIK typed in the Text column stays text"
    response = client.post(url, {"berkas": SimpleUploadedFile("templat.xlsx", isi)})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    client.post(url, {"token": response.context["token"]})
    k = Kader.objects.get()
    assert (k.nik, k.nama, k.tanggal_lahir, k.telepon, k.rw.nomor, k.pendidikan, k.tanggal_sk) == (
        siti(kel)["nik"], "Siti Rahayu", dt.date(1990, 5, 25), "081234567890", 3, "sma", dt.date(2024, 1, 2),
    )
    assert sorted(b.nama for b in k.bidang_kerja.all()) == ["Ekonomi", "Kesehatan"]
    assert not Kader.objects.filter(nik=KaderResource.contoh_baris()["nik"]).exists()


def test_every_other_template_filled_with_its_example_imports_back(client, operator_a, dua_wilayah):
    """The Petunjuk examples, typed into the data sheets, are valid rows: the template and the importer agree."""
    kel = dua_wilayah["kel_a"]
    RWFactory(kelurahan=kel, nomor=2)  # the lembaga example's RW; RW 1 comes from the RW example, RW 3 is the event's
    RWFactory(kelurahan=kel, nomor=3)
    LembagaFactory(kelurahan=kel, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    kategori("kuliner")
    client.force_login(operator_a)
    kasus = [
        ("wilayah:rw-templat", RWResource, {}),
        ("lkk:lembaga-templat", LembagaResource, {"tanggal_sk": dt.date(2024, 1, 2)}),
        ("lkk:pengurus-templat", PengurusResource, {"masa_mulai": dt.date(2024, 1, 2)}),
        ("wisata:event-templat", EventResource, {"kelurahan": kel.nama, "tanggal_mulai": dt.date(2025, 8, 17)}),
    ]
    for nama_url, resource_class, ubah in kasus:
        isi = isi_templat(unduh(client, nama_url), resource_class, [resource_class.contoh_baris() | ubah])
        hasil = jalankan_impor(resource_class(user=operator_a), baca_xlsx(isi), dry_run=False)
        assert not hasil.ada_galat and hasil.baru == 1, (nama_url, hasil.galat, hasil.galat_berkas)
    assert RW.objects.get(nomor=1).nama_ketua == "Budi Santoso"
    assert Lembaga.objects.filter(nama="Posyandu Melati", tanggal_sk=dt.date(2024, 1, 2)).exists()
    assert Pengurus.objects.get().nama == "Sutrisno"
    assert Event.objects.get().tanggal_mulai == dt.date(2025, 8, 17)


# --------------------------------------------------------------------------- the export writer


def test_the_export_writer_types_every_cell_and_neutralises_text():
    kolom = (
        Kolom("nik", "NIK", jenis=PENGENAL),
        Kolom("tanggal", "Tanggal", jenis=TANGGAL),
        Kolom("jumlah", "Jumlah", jenis=ANGKA),
        Kolom("telepon", "Telepon", jenis=TELEPON),
        Kolom("tahunan", "Tahunan", jenis=YA_TIDAK),
        Kolom("nama", "Nama"),
    )
    lembar = LembarEkspor("Data Uji", kolom)
    lembar.append(["3574046505900001", dt.date(2025, 5, 26), 1500, "+6281234567890", True, "=1+1\x01"])
    lembar.append([None, None, 0, "", False, ""])
    with pytest.raises(ValueError):
        lembar.append(["terlalu sedikit"])
    wb = openpyxl.load_workbook(io.BytesIO(lembar.ke_xlsx()))
    ws = wb.active
    assert wb.sheetnames == ["Data Uji"] and ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["NIK", "Tanggal", "Jumlah", "Telepon", "Tahunan", "Nama"] and ws["A1"].font.b
    a, b, c, d, e, f = ws[2]
    assert (a.value, a.data_type, a.number_format) == ("3574046505900001", "s", "@")
    assert (b.value, b.is_date, b.number_format) == (dt.datetime(2025, 5, 26), True, "DD/MM/YYYY")
    assert (c.value, c.data_type) == (1500, "n")
    assert (d.value, d.number_format) == ("'+6281234567890", "@")
    assert (e.value, f.value, f.data_type) == ("ya", "'=1+1", "s")
    assert [c.value for c in ws[3]] == [None, None, 0, None, "tidak", None]



def test_a_workbook_of_several_sheets_writes_each_as_alone():
    """``BukuEkspor`` (the pelatihan attendance and results workbook): sheets in order, the first active,
    each with its headers, formats and neutralised cells; names must be given and differ."""
    satu = LembarEkspor("Kehadiran", (Kolom("nama", "Nama"), Kolom("tanggal", "Tanggal", jenis=TANGGAL), Kolom("hadir", "Hadir", jenis=ANGKA)))
    satu.append(["=1+1", dt.date(2025, 5, 26), 3])
    dua = LembarEkspor("Evaluasi", (Kolom("materi", "Materi"), Kolom("rata", "Rata-rata", jenis=ANGKA)))
    dua.append(["@SUM(A1)", 4.5])
    wb = openpyxl.load_workbook(io.BytesIO(BukuEkspor([satu, dua]).ke_xlsx()))
    assert wb.sheetnames == ["Kehadiran", "Evaluasi"] and wb.active.title == "Kehadiran"
    a, b, c = wb["Kehadiran"][2]
    assert (a.value, b.value, b.number_format, c.value) == ("'=1+1", dt.datetime(2025, 5, 26), "DD/MM/YYYY", 3)
    assert [x.value for x in wb["Evaluasi"][2]] == ["'@SUM(A1)", 4.5] and wb["Evaluasi"].freeze_panes == "A2"
    for salah in ([], [satu, LembarEkspor("Kehadiran", satu.kolom)]):
        with pytest.raises(ValueError):
            BukuEkspor(salah).ke_xlsx()


# --------------------------------------------------------------------------- files saved by LibreOffice Calc

DATA = Path(__file__).resolve().parent.parent / "data"  # made by tests/data/buat_templat_libreoffice.py


def test_the_template_filled_and_saved_by_libreoffice_imports(operator_a, dua_wilayah):
    """LibreOffice keeps the Text and date formats as column styles and drops the empty formatted cells."""
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=3)
    dataset = baca_xlsx((DATA / "templat_kpm_diisi_libreoffice.xlsx").read_bytes())
    hasil = jalankan_impor(KaderResource(user=operator_a), dataset, dry_run=False)
    assert not hasil.ada_galat and hasil.baru == 1, (hasil.galat, hasil.galat_berkas)
    k = Kader.objects.get()
    assert (k.nik, k.nama, k.tanggal_lahir, k.telepon, k.rw, k.tanggal_sk) == (
        buat_nik("357404", dt.date(1990, 5, 25), "P", 7), "Siti Rahayu", dt.date(1990, 5, 25), "081234567890", rw, dt.date(2024, 1, 2),
    )


def test_the_export_saved_again_by_libreoffice_imports(operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=3)
    hasil = jalankan_impor(KaderResource(user=operator_a), baca_xlsx((DATA / "ekspor_kpm_libreoffice.xlsx").read_bytes()), dry_run=False)
    assert not hasil.ada_galat and hasil.baru == 1, (hasil.galat, hasil.galat_berkas)
    k = Kader.objects.get()
    assert (k.nama, k.jenis_kelamin, k.tanggal_lahir, k.telepon, k.pendidikan, k.peran, k.tanggal_mulai) == (
        "Budi Ekspor", "L", dt.date(1985, 8, 17), "085712345678", "s1", ",penggerak,", dt.date(2023, 3, 1),
    )
