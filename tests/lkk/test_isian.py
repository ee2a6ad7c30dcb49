"""Issue 15, LKK: a fresh decree proposes its term, a board entered in one go, compact board rows, the coverage
matrix on a phone, headings and error summaries on every LKK form, the printed list's wording."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from lkk import services
from lkk.models import Jabatan, Lembaga, Pengurus
from tests.factories import RWFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from tests.lkk.test_impor import xlsx

pytestmark = pytest.mark.django_db

NIK_KETUA = "3574041203800012"  # Kanigaran, 12 March 1980, male
NIK_SEKRETARIS = "3574045506850003"  # Kanigaran, 15 June 1985, female
NIK_BENDAHARA = "3574040101900004"  # Kanigaran, 1 January 1990, male


def polos(response) -> str:
    """The page's text without tags: "Awal masa jabatan: Isi ..." as read, not split by the summary's link."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode()))


def hari_ini():
    from lkk.models import hari_ini as h

    return h()


def teks(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- 1. A fresh decree proposes its term ----------------------------------------------------------


def lembaga_baru(kel, **kwargs) -> Lembaga:
    data = {"jenis": jenis("lpm"), "nama": "LPM Kebonsari Wetan", "kelurahan": kel, "nomor_sk": "188/12/425.103/2024", "tanggal_sk": dt.date(2024, 1, 2)}
    data.update(kwargs)
    return Lembaga(**data)


def test_sk_date_without_term_proposes_start_and_end_by_type(operator_a, dua_wilayah):
    lpm = services.lembaga_simpan(acting_user=operator_a, lembaga=lembaga_baru(dua_wilayah["kel_a"]))
    assert (lpm.masa_bakti_mulai, lpm.masa_bakti_selesai) == (dt.date(2024, 1, 2), dt.date(2029, 1, 1))

    pokmas = jenis("pokmas")
    pokmas.masa_bakti_tahun = 3
    pokmas.save()
    lbg = services.lembaga_simpan(acting_user=operator_a, lembaga=lembaga_baru(dua_wilayah["kel_a"], jenis=pokmas, nama="Pokmas Sinar Mulia"))
    assert (lbg.masa_bakti_mulai, lbg.masa_bakti_selesai) == (dt.date(2024, 1, 2), dt.date(2027, 1, 1))


def test_a_term_typed_by_the_user_is_kept(operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    lbg = services.lembaga_simpan(acting_user=operator_a, lembaga=lembaga_baru(
        kel, masa_bakti_mulai=dt.date(2024, 2, 1), masa_bakti_selesai=dt.date(2027, 6, 30)))
    assert (lbg.masa_bakti_mulai, lbg.masa_bakti_selesai) == (dt.date(2024, 2, 1), dt.date(2027, 6, 30))
    # Only the end typed: the start is the SK date, the end stays.
    lbg = services.lembaga_simpan(acting_user=operator_a, lembaga=lembaga_baru(
        kel, jenis=jenis("pokmas"), nama="Pokmas A", masa_bakti_selesai=dt.date(2026, 12, 31)))
    assert (lbg.masa_bakti_mulai, lbg.masa_bakti_selesai) == (dt.date(2024, 1, 2), dt.date(2026, 12, 31))
    # No SK date: nothing to propose.
    lbg = services.lembaga_simpan(acting_user=operator_a, lembaga=lembaga_baru(kel, jenis=jenis("pokmas"), nama="Pokmas B", nomor_sk="", tanggal_sk=None))
    assert (lbg.masa_bakti_mulai, lbg.masa_bakti_selesai) == (None, None)


def test_an_end_before_the_start_is_refused_with_both_dates(operator_a, dua_wilayah):
    with pytest.raises(ValidationError) as exc:
        services.lembaga_simpan(acting_user=operator_a, lembaga=lembaga_baru(dua_wilayah["kel_a"], masa_bakti_selesai=dt.date(2023, 12, 31)))
    assert exc.value.message_dict["masa_bakti_selesai"] == [
        "Akhir masa bakti (31 Desember 2023) harus sesudah awal masa bakti (2 Januari 2024)."
    ]
    assert not Lembaga.objects.exists()


def test_a_fresh_decree_entered_in_the_form_reads_valid_on_the_institution_page(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    url = reverse("lkk:lembaga-create")
    form = teks(client.get(url))
    assert "js/lkk_masa_bakti.js" in form and "data-masa-bakti-tahun" in form
    sk = hari_ini() - dt.timedelta(days=10)
    data = {"jenis": jenis("lpm").pk, "nama": "LPM Kebonsari Wetan", "kelurahan": dua_wilayah["kel_a"].pk, "nomor_sk": "188/12/425.103/2024",
            "tanggal_sk": sk.isoformat(), "masa_bakti_mulai": "", "masa_bakti_selesai": "", "status": "aktif"}  # fmt: skip
    response = client.post(url, data, follow=True)
    lbg = Lembaga.objects.get()
    assert lbg.masa_bakti_mulai == sk and lbg.masa_bakti_selesai == sk.replace(year=sk.year + 5) - dt.timedelta(days=1)
    halaman = teks(response)
    assert ">berlaku<" in halaman and "tidak berlaku" not in halaman and "belum dicatat" not in halaman


def test_the_form_refuses_an_end_before_the_start_with_the_summary(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    data = {"jenis": jenis("lpm").pk, "nama": "LPM Kebonsari Wetan", "kelurahan": dua_wilayah["kel_a"].pk, "nomor_sk": "188/12",
            "tanggal_sk": "2024-01-02", "masa_bakti_mulai": "2024-01-02", "masa_bakti_selesai": "2023-01-01", "status": "aktif"}  # fmt: skip
    halaman = teks(client.post(reverse("lkk:lembaga-create"), data))
    assert 'id="ringkasan-galat"' in halaman and 'href="#id_masa_bakti_selesai"' in halaman
    assert "Akhir masa bakti (1 Januari 2023) harus sesudah awal masa bakti (2 Januari 2024)." in halaman
    assert not Lembaga.objects.exists()


def test_the_import_proposes_the_same_term(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    client.force_login(operator_a)
    url = reverse("lkk:lembaga-impor")
    berkas = xlsx(["kode_kelurahan", "jenis", "nama", "nomor_sk", "tanggal_sk"], [(kel.kode, "lpm", "LPM Kebonsari Wetan", "188/2/2024", "02/01/2024")])
    response = client.post(url, {"berkas": berkas})
    assert not response.context["hasil"].ada_galat
    client.post(url, {"token": response.context["token"]})
    lbg = Lembaga.objects.get()
    assert (lbg.masa_bakti_mulai, lbg.masa_bakti_selesai) == (dt.date(2024, 1, 2), dt.date(2029, 1, 1))


# --- 2. A board entered in one go -----------------------------------------------------------------


def data_susunan(baris, **sk):
    data = {
        "sk-nomor_sk_pengangkatan": "188/20/425.103/2024", "sk-tanggal_sk_pengangkatan": "2024-01-02", "sk-masa_mulai": "", "sk-masa_selesai": "",
        "sk-tanggal_pernyataan": "", "baris-TOTAL_FORMS": str(max(len(baris), 3)), "baris-INITIAL_FORMS": "0",
        "baris-MIN_NUM_FORMS": "1", "baris-MAX_NUM_FORMS": "40",
    }  # fmt: skip
    data.update({f"sk-{k}": v for k, v in sk.items()})
    bawaan = ["ketua", "sekretaris", "bendahara"]
    for i in range(max(len(baris), 3)):
        if i < len(baris):
            for k, v in {"pernyataan_nonpartai": "on", **baris[i]}.items():
                data[f"baris-{i}-{k}"] = v
        elif i < 3:
            data[f"baris-{i}-jabatan"] = bawaan[i]  # an untouched row, as the page proposes it
    return data


TIGA = [
    {"nama": "Sutrisno", "jabatan": "ketua", "nik": NIK_KETUA},
    {"nama": "Siti Aminah", "jabatan": "sekretaris", "nik": NIK_SEKRETARIS, "jenis_kelamin": "P"},
    {"nama": "Bambang", "jabatan": "bendahara", "nik": NIK_BENDAHARA},
]


@pytest.fixture
def lpm(dua_wilayah):
    return LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")


def test_board_page_asks_the_decree_once_and_offers_three_rows(client, operator_a, lpm):
    client.force_login(operator_a)
    halaman = teks(client.get(reverse("lkk:pengurus-susunan", args=[lpm.pk])))
    assert "<h1 class=\"h4\">Catat susunan pengurus LPM Kebonsari Wetan</h1>" in halaman
    assert halaman.count('name="sk-nomor_sk_pengangkatan"') == 1 and "baris-nomor_sk_pengangkatan" not in halaman
    for i in range(3):
        assert f'name="baris-{i}-nama"' in halaman and f'name="baris-{i}-nik"' in halaman
    assert "baris-__prefix__-nama" in halaman and "js/lkk_susunan.js" in halaman
    # The institution page links to it, and still to the single form.
    detail = teks(client.get(lpm.get_absolute_url()))
    assert reverse("lkk:pengurus-susunan", args=[lpm.pk]) in detail and "Catat susunan pengurus" in detail
    assert reverse("lkk:pengurus-create", args=[lpm.pk]) in detail


def test_a_board_of_three_is_saved_with_the_decree_and_the_term_by_type(client, operator_a, lpm):
    client.force_login(operator_a)
    response = client.post(reverse("lkk:pengurus-susunan", args=[lpm.pk]), data_susunan(TIGA))
    assert response.status_code == 302 and response["Location"] == lpm.get_absolute_url()
    dewan = {p.nama: p for p in Pengurus.objects.filter(lembaga=lpm)}
    assert set(dewan) == {"Sutrisno", "Siti Aminah", "Bambang"}
    for p in dewan.values():
        assert (p.nomor_sk_pengangkatan, p.tanggal_sk_pengangkatan) == ("188/20/425.103/2024", dt.date(2024, 1, 2))
        assert (p.masa_mulai, p.masa_selesai) == (dt.date(2024, 1, 2), dt.date(2029, 1, 1))
        assert p.pernyataan_nonpartai and p.tanggal_pernyataan == dt.date(2024, 1, 2)
    assert dewan["Sutrisno"].jabatan == Jabatan.KETUA and dewan["Siti Aminah"].nik == NIK_SEKRETARIS
    # One member added later with the single form still works.
    url = reverse("lkk:pengurus-create", args=[lpm.pk])
    response = client.post(url, {"nama": "Wahyu", "jabatan": "anggota", "masa_mulai": "2024-03-01", "pernyataan_nonpartai": "on", "tanggal_pernyataan": "2024-03-01"})
    assert response.status_code == 302 and Pengurus.objects.filter(lembaga=lpm).count() == 4


def test_untouched_proposed_rows_are_skipped(client, operator_a, lpm):
    client.force_login(operator_a)
    url = reverse("lkk:pengurus-susunan", args=[lpm.pk])
    halaman = teks(client.get(url))
    # The rows proposing ketua/sekretaris/bendahara are new rows, not "initial" ones that would be required.
    assert 'name="baris-TOTAL_FORMS" value="3"' in halaman and 'name="baris-INITIAL_FORMS" value="0"' in halaman
    assert re.search(r'name="baris-2-jabatan".*?<option value="bendahara" selected>', halaman)
    assert client.post(url, data_susunan(TIGA[:2])).status_code == 302
    assert sorted(Pengurus.objects.values_list("nama", flat=True)) == ["Siti Aminah", "Sutrisno"]


def test_a_typed_term_is_kept_for_the_whole_board(client, operator_a, lpm):
    client.force_login(operator_a)
    data = data_susunan(TIGA[:1], masa_mulai="2024-02-01", masa_selesai="2027-01-31")
    assert client.post(reverse("lkk:pengurus-susunan", args=[lpm.pk]), data).status_code == 302
    p = Pengurus.objects.get()
    assert (p.masa_mulai, p.masa_selesai) == (dt.date(2024, 2, 1), dt.date(2027, 1, 31))


def test_one_wrong_nik_refuses_the_whole_board_and_names_the_row(client, operator_a, lpm):
    client.force_login(operator_a)
    baris = [TIGA[0], {**TIGA[1], "nik": "357404550685"}, TIGA[2]]
    response = client.post(reverse("lkk:pengurus-susunan", args=[lpm.pk]), data_susunan(baris))
    assert response.status_code == 200
    halaman = teks(response)
    assert 'id="ringkasan-galat"' in halaman and "Baris 2: NIK" in halaman and 'href="#id_baris-1-nik"' in halaman
    assert "Baris 1" not in halaman and "Baris 3" not in halaman
    assert not Pengurus.objects.exists()
    # What was typed stays in the rows.
    assert 'value="Sutrisno"' in halaman and 'value="Bambang"' in halaman


def test_a_nik_whose_birth_date_does_not_match_refuses_the_board(client, operator_a, lpm):
    client.force_login(operator_a)
    baris = [TIGA[0], {**TIGA[1], "tanggal_lahir": "1985-06-16"}]
    halaman = teks(client.post(reverse("lkk:pengurus-susunan", args=[lpm.pk]), data_susunan(baris)))
    assert "Baris 2: NIK" in halaman or "Baris 2: Tanggal lahir" in halaman
    assert not Pengurus.objects.exists()


def test_two_ketua_in_one_board_refuse_it_on_the_second_row(client, operator_a, lpm):
    client.force_login(operator_a)
    baris = [TIGA[0], {"nama": "Bambang", "jabatan": "ketua"}]
    halaman = teks(client.post(reverse("lkk:pengurus-susunan", args=[lpm.pk]), data_susunan(baris)))
    assert "Baris 2: Jabatan" in halaman and "sudah mempunyai Ketua Sutrisno" in halaman
    assert not Pengurus.objects.exists()


def test_a_ketua_already_in_office_refuses_the_new_board(client, operator_a, lpm):
    PengurusFactory(lembaga=lpm, nama="Ketua Lama", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2023, 1, 1))
    client.force_login(operator_a)
    halaman = teks(client.post(reverse("lkk:pengurus-susunan", args=[lpm.pk]), data_susunan(TIGA)))
    assert "Baris 1: Jabatan" in halaman and "Ketua Lama" in halaman
    assert list(Pengurus.objects.values_list("nama", flat=True)) == ["Ketua Lama"]


def test_a_board_needs_one_member_and_a_start(client, operator_a, lpm):
    client.force_login(operator_a)
    url = reverse("lkk:pengurus-susunan", args=[lpm.pk])
    halaman = teks(client.post(url, data_susunan([])))
    assert "Baris 1: Nama" in halaman and not Pengurus.objects.exists()
    halaman = polos(client.post(url, data_susunan(TIGA, nomor_sk_pengangkatan="", tanggal_sk_pengangkatan="")))
    assert "Awal masa jabatan: Isi awal masa jabatan atau tanggal SK pengangkatan." in halaman
    halaman = polos(client.post(url, data_susunan(TIGA, masa_mulai="2024-01-02", masa_selesai="2023-01-01")))
    assert "Akhir masa jabatan: Akhir masa jabatan harus sesudah awal masa jabatan." in halaman
    assert halaman.count("Akhir masa jabatan harus sesudah") == 2  # once in the summary, once at the field: not per row
    assert not Pengurus.objects.exists()


def test_the_board_page_is_scoped(client, operator_a, walikota, dua_wilayah):
    lain = LembagaFactory(kelurahan=dua_wilayah["kel_b"])
    client.force_login(operator_a)
    assert client.get(reverse("lkk:pengurus-susunan", args=[lain.pk])).status_code == 404
    assert client.post(reverse("lkk:pengurus-susunan", args=[lain.pk]), data_susunan(TIGA)).status_code == 404
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(walikota)
    assert client.post(reverse("lkk:pengurus-susunan", args=[lpm.pk]), data_susunan(TIGA)).status_code == 403
    assert not Pengurus.objects.exists()


def test_the_service_rolls_back_every_row_when_one_is_refused(operator_a, lpm):
    baris = [Pengurus(lembaga=lpm, nama="A", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2024, 1, 2), pernyataan_nonpartai=True, tanggal_pernyataan=dt.date(2024, 1, 2)),
             Pengurus(lembaga=lpm, nama="B", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2024, 1, 2), pernyataan_nonpartai=True, tanggal_pernyataan=dt.date(2024, 1, 2))]  # fmt: skip
    with pytest.raises(services.SusunanDitolak) as exc:
        services.susunan_pengurus_simpan(acting_user=operator_a, pengurus=baris)
    assert list(exc.value.per_baris) == [1] and exc.value.messages[0].startswith("Baris 2: ")
    assert not Pengurus.objects.exists() and baris[0].pk is None


# --- Board rows compact on a phone ----------------------------------------------------------------


def test_board_table_shows_name_and_post_first_and_hides_the_rest_below_md(client, operator_a, lpm):
    PengurusFactory(lembaga=lpm, nama="Sutrisno", jabatan=Jabatan.KETUA, nik=NIK_KETUA)
    client.force_login(operator_a)
    halaman = teks(client.get(lpm.get_absolute_url()))
    tabel = halaman[halaman.index('class="table table-sm bg-white tabel-pengurus"'):]
    kepala = re.findall(r"<th[^>]*>([^<]*)</th>", tabel[: tabel.index("</thead>")])
    assert kepala[:2] == ["Nama", "Jabatan"]
    assert tabel[: tabel.index("</thead>")].count("d-none d-md-table-cell") == 4
    assert 'class="font-monospace d-none d-md-table-cell"' in tabel
    assert "css/lkk.css" in halaman


# --- 3. The printed list -------------------------------------------------------------------------


def pdf_teks(client, kel) -> str:
    data = {
        "penanda_tangan_nama": "Drs. Agus Salim", "penanda_tangan_jabatan": "Lurah", "penanda_tangan_nip": "197001011990031001",
        "mengetahui_nama": "Budi", "mengetahui_jabatan": "Camat", "mengetahui_nip": "196902021990031002", "tanggal": "2025-05-26",
    }  # fmt: skip
    response = client.post(reverse("lkk:cetak", args=[kel.kode]), data)
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_pdf_number_column_reads_no_and_the_rw_is_not_repeated(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw1, rw2 = RWFactory(kelurahan=kel, nomor=1), RWFactory(kelurahan=kel, nomor=2)
    LembagaFactory(kelurahan=kel, jenis=jenis("rw"), rw=rw1, nama="RW 01 Kebonsari Wetan")
    LembagaFactory(kelurahan=kel, jenis=jenis("posyandu"), rw=rw2, nama="Posyandu Melati")
    client.force_login(operator_a)
    isi = pdf_teks(client, kel)
    baris = isi.splitlines()
    assert "No." in baris and "Tidak" not in isi and "Tid" not in baris
    assert "RW 01 Kebonsari Wetan" in isi and "(RW 01)" not in isi.replace("\n", " ") and "(RW" not in isi.split("Posyandu")[0]
    assert "Posyandu Melati (RW 02)" in isi.replace("\n", " ")


def test_name_with_region_is_said_once(dua_wilayah):
    kel_rw = Lembaga(nama="RW 1 Kebonsari", rw=RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1))
    assert kel_rw.nama_berwilayah == "RW 1 Kebonsari"  # "RW 1" names "RW 01"
    kel_rw.nama = "Posyandu RW Satu"
    assert kel_rw.nama_berwilayah == "Posyandu RW Satu (RW 01)"


# --- 4. The coverage matrix on a phone ------------------------------------------------------------


def test_coverage_matrix_is_a_keyboard_region_with_a_sticky_first_column_and_no_empty_header(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    for url in (reverse("lkk:index"), reverse("lkk:index") + f"?kecamatan={dua_wilayah['kec_a'].kode}"):
        halaman = client.get(url).content.decode()
        wadah = re.search(r'<div class="table-responsive gulir-cakupan"[^>]*>', halaman).group(0)
        assert 'tabindex="0"' in wadah and 'role="region"' in wadah and 'aria-label="Cakupan LKK per' in wadah
        assert re.search(r"<th[^>]*>\s*</th>", halaman) is None
        assert "css/lkk.css" in halaman
    assert 'class="kolom-tetap' in halaman  # the kelurahan column of the drill-down stays in view


def test_coverage_matrix_of_a_kelurahan_user(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    halaman = client.get(reverse("lkk:index")).content.decode()
    assert re.search(r'<div class="table-responsive gulir-cakupan" tabindex="0" role="region" aria-label="Cakupan LKK per kelurahan', halaman)
    assert re.search(r'<th scope="row" class="kolom-tetap[^"]*"><a href="[^"]*">Kebonsari Wetan</a>', halaman)
    assert re.search(r"<th[^>]*>\s*</th>", halaman) is None


# --- 5. Headings and the error summary on every LKK form ------------------------------------------


def judul(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def test_headings_say_what_is_added_or_changed(client, operator_a, lpm):
    ketua = PengurusFactory(lembaga=lpm, nama="Sutrisno", jabatan=Jabatan.KETUA)
    posyandu = LembagaFactory(kelurahan=lpm.kelurahan, jenis=jenis("posyandu"), nama="Melati")
    client.force_login(operator_a)
    assert judul(client.get(reverse("lkk:lembaga-create"))) == "Tambah lembaga LKK"
    assert judul(client.get(reverse("lkk:lembaga-update", args=[lpm.pk]))) == "Ubah lembaga LPM Kebonsari Wetan"
    assert judul(client.get(reverse("lkk:lembaga-update", args=[posyandu.pk]))) == "Ubah lembaga Posyandu Melati"
    assert judul(client.get(reverse("lkk:pengurus-create", args=[lpm.pk]))) == "Tambah pengurus LPM Kebonsari Wetan"
    assert judul(client.get(reverse("lkk:pengurus-update", args=[ketua.pk]))) == "Ubah pengurus LPM Sutrisno"
    assert judul(client.get(reverse("lkk:pengurus-berhenti", args=[ketua.pk]))) == "Catat pemberhentian Sutrisno, Ketua LPM"
    assert "Tambah data" not in client.get(reverse("lkk:lembaga-create")).content.decode()


@pytest.mark.parametrize("nama", ["lembaga-create", "lembaga-update", "pengurus-create", "pengurus-update", "pengurus-berhenti", "cetak"])
def test_every_lkk_form_prints_the_error_summary_above_it(client, operator_a, lpm, nama):
    ketua = PengurusFactory(lembaga=lpm, nama="Sutrisno", jabatan=Jabatan.KETUA)
    args = {"lembaga-create": [], "lembaga-update": [lpm.pk], "pengurus-create": [lpm.pk], "pengurus-update": [ketua.pk],
            "pengurus-berhenti": [ketua.pk], "cetak": [lpm.kelurahan.kode]}[nama]  # fmt: skip
    client.force_login(operator_a)
    data = {"nama": "", "tanggal": "bukan tanggal", "jenis": "", "jabatan": ""}
    halaman = client.post(reverse(f"lkk:{nama}", args=args), data).content.decode()
    halaman = halaman[halaman.index("<main"):]  # the page's own form, not the navbar's logout form
    assert 'id="ringkasan-galat"' in halaman
    assert halaman.index('id="ringkasan-galat"') < halaman.index('<form method="post"')
