"""LKK list pages through wilayah.daftar: exports of the filtered list, choices in scope, bad input, query counts."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lkk.models import Jabatan
from tests.factories import RTFactory, RWFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis

GARBAGE = "?q=%00&jenis=abc&kelurahan=99999999999999999999999&rw=-1&status_sk=kadaluarsa&status=x&jabatan=raja&menjabat=mungkin&page=x"


def _kolom(response, index):
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_lembaga_export_is_the_filtered_list_and_the_link_carries_the_filters(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    LembagaFactory(kelurahan=kel, jenis=jenis("posyandu"), nama="Posyandu Mawar")
    LembagaFactory(kelurahan=kel, nama="Pokmas Sinar")
    LembagaFactory(kelurahan=dua_wilayah["kel_b"], jenis=jenis("posyandu"), nama="Posyandu Ketapang")
    client.force_login(operator_a)
    query = f"jenis={jenis('posyandu').pk}"
    response = client.get(reverse("lkk:lembaga-list") + "?" + query)
    assert response.context["export_url"] == reverse("lkk:lembaga-ekspor") + "?" + query
    assert response.context["export_url"] in response.content.decode()
    assert _kolom(client.get(response.context["export_url"]), 2) == ["Posyandu Mawar"]
    assert sorted(_kolom(client.get(reverse("lkk:lembaga-ekspor")), 2)) == ["Pokmas Sinar", "Posyandu Mawar"]


def test_pengurus_export_is_the_filtered_list(client, bappeda, dua_wilayah):
    a = LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="LPM A")
    b = LembagaFactory(kelurahan=dua_wilayah["kel_b"], nama="LPM B")
    PengurusFactory(lembaga=a, nama="Sutrisno", jabatan=Jabatan.KETUA)
    PengurusFactory(lembaga=a, nama="Wati")
    PengurusFactory(lembaga=b, nama="Joko", jabatan=Jabatan.KETUA)
    PengurusFactory(lembaga=b, nama="Lama", masa_mulai=dt.date(2015, 1, 1), masa_selesai=dt.date(2019, 12, 31))
    client.force_login(bappeda)
    response = client.get(reverse("lkk:pengurus-list") + "?jabatan=ketua")
    assert response.context["export_url"] == reverse("lkk:pengurus-ekspor") + "?jabatan=ketua"
    assert sorted(_kolom(client.get(response.context["export_url"]), 3)) == ["Joko", "Sutrisno"]
    kel_a = f"?kelurahan={dua_wilayah['kel_a'].pk}"
    assert sorted(_kolom(client.get(reverse("lkk:pengurus-ekspor") + kel_a), 3)) == ["Sutrisno", "Wati"]
    assert _kolom(client.get(reverse("lkk:pengurus-ekspor") + "?menjabat=tidak"), 3) == ["Lama"]
    assert [p.nama for p in client.get(reverse("lkk:pengurus-list") + "?q=wat").context["object_list"]] == ["Wati"]


def test_rw_and_kelurahan_outside_the_scope_are_neither_offered_nor_honoured(client, operator_a, dua_wilayah):
    rw_a, rw_b = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1), RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=1)
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], rw=rw_a, nama="Pokmas A")
    LembagaFactory(kelurahan=dua_wilayah["kel_b"], rw=rw_b, nama="Pokmas B")
    client.force_login(operator_a)
    for query in (f"?rw={rw_b.pk}", f"?kelurahan={dua_wilayah['kel_b'].pk}", f"?kelurahan={dua_wilayah['kel_b'].pk}&rw={rw_b.pk}"):
        response = client.get(reverse("lkk:lembaga-list") + query)
        assert response.status_code == 200
        form = response.context["filter_form"]
        assert list(form.fields["rw"].queryset) == [rw_a], query
        assert list(form.fields["kelurahan"].queryset) == [dua_wilayah["kel_a"]]
        assert form.errors, query
        assert [o.nama for o in response.context["object_list"]] == ["Pokmas A"]
        assert _kolom(client.get(reverse("lkk:lembaga-ekspor") + query), 2) == ["Pokmas A"]


def test_rw_choices_follow_the_chosen_kelurahan(client, bappeda, dua_wilayah):
    rw_a, rw_b = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1), RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=1)
    client.force_login(bappeda)
    form = client.get(reverse("lkk:lembaga-list") + f"?kelurahan={dua_wilayah['kel_a'].pk}").context["filter_form"]
    assert list(form.fields["rw"].queryset) == [rw_a]
    form = client.get(reverse("lkk:lembaga-list")).context["filter_form"]
    assert set(form.fields["rw"].queryset) == {rw_a, rw_b}


def test_masa_bakti_filters(client, bappeda, dua_wilayah):
    hari_ini = timezone.localdate()
    habis = dict(masa_bakti_mulai=dt.date(2015, 1, 1), masa_bakti_selesai=hari_ini - dt.timedelta(days=1))
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="LPM Habis", jenis=jenis("lpm"), **habis)
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas Habis", **habis)
    LembagaFactory(kelurahan=dua_wilayah["kel_b"], nama="Pokmas Ketapang", **habis)
    client.force_login(bappeda)
    url = reverse("lkk:masa-bakti")

    def nama(query):
        return sorted(o.nama for o in client.get(url + query).context["object_list"])

    assert nama("") == ["LPM Habis", "Pokmas Habis", "Pokmas Ketapang"]
    assert nama(f"?jenis={jenis('pokmas').pk}") == ["Pokmas Habis", "Pokmas Ketapang"]
    assert nama(f"?kelurahan={dua_wilayah['kel_b'].pk}") == ["Pokmas Ketapang"]


@pytest.mark.parametrize("name", ["lkk:lembaga-list", "lkk:lembaga-ekspor", "lkk:pengurus-list", "lkk:pengurus-ekspor", "lkk:masa-bakti"])
@pytest.mark.parametrize("peran", ["operator_a", "bappeda"])
def test_garbage_query_strings_give_200(client, request, dua_wilayah, name, peran):
    PengurusFactory(lembaga=LembagaFactory(kelurahan=dua_wilayah["kel_b"], nama="Pokmas Ketapang"), nama="Joko Ketapang")
    client.force_login(request.getfixturevalue(peran))
    response = client.get(reverse(name) + GARBAGE)
    assert response.status_code == 200
    if peran == "operator_a" and "ekspor" not in name:
        assert "Ketapang" not in response.content.decode()


def _isi(dua_wilayah, n):
    hari_ini = timezone.localdate()
    for kel in (dua_wilayah["kel_a"], dua_wilayah["kel_b"]):
        for _ in range(n):
            lembaga = LembagaFactory(kelurahan=kel, rw=RWFactory(kelurahan=kel), masa_bakti_mulai=dt.date(2015, 1, 1), masa_bakti_selesai=hari_ini)
            PengurusFactory(lembaga=lembaga)


@pytest.mark.parametrize("peran", ["operator_a", "bappeda"])
@pytest.mark.parametrize("name", ["lkk:pengurus-list", "lkk:masa-bakti"])
def test_pengurus_and_masa_bakti_lists_run_a_fixed_number_of_queries(client, request, dua_wilayah, name, peran):
    client.force_login(request.getfixturevalue(peran))
    url = reverse(name) + f"?kelurahan={dua_wilayah['kel_a'].pk}&jenis={jenis('pokmas').pk}&menjabat=ya"
    _isi(dua_wilayah, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as kecil:
        assert client.get(url).status_code == 200
    _isi(dua_wilayah, 15)
    with CaptureQueriesContext(connection) as besar:
        assert client.get(url).status_code == 200
    assert len(besar) == len(kecil)


@pytest.mark.parametrize("name", ["lkk:lembaga-list", "lkk:masa-bakti"])
def test_lembaga_lists_read_only_the_columns_a_row_prints(client, bappeda, dua_wilayah, name):
    """A page of lembaga reads its rows without the address, contacts or SK file (``KOLOM_DAFTAR_LEMBAGA``)
    and nothing later (the label, type, kelurahan of each row are in the row query); the export reads whole rows."""
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=3)
    hari_ini = timezone.localdate()
    for nomor in (7, 8, 9):
        rt = RTFactory(rw=rw, nomor=nomor)
        LembagaFactory(kelurahan=kel, jenis=jenis("rt"), rw=rw, rt=rt, alamat="Jl. Rahasia 1", kontak_email="x@contoh.id", masa_bakti_selesai=hari_ini)
    client.force_login(bappeda)
    client.get(reverse(name))
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(reverse(name)).content.decode()
    assert body.count("/RW 03") == 3 and "RT 07/RW 03" in body and "Jl. Rahasia" not in body
    baris = [q["sql"] for q in ctx.captured_queries if '"lkk_lembaga"."nama"' in q["sql"] and '"lkk_lembaga"."id" IN' in q["sql"]]
    assert len(baris) == 1 and '"alamat"' not in baris[0] and '"kontak_email"' not in baris[0] and '"berkas_sk"' not in baris[0]
    LembagaFactory(kelurahan=kel, jenis=jenis("rt"), rw=rw, rt=RTFactory(rw=rw, nomor=10), masa_bakti_selesai=hari_ini)
    with CaptureQueriesContext(connection) as lagi:
        client.get(reverse(name))
    assert len(lagi) == len(ctx)
    if name == "lkk:lembaga-list":
        lembar = openpyxl.load_workbook(io.BytesIO(client.get(reverse("lkk:lembaga-ekspor")).content)).active
        assert any("Jl. Rahasia 1" in row for row in lembar.iter_rows(values_only=True))


def test_url_per_pk_is_reverse_reversed_once():
    from wilayah.baris import url_per_pk

    for nama in ("lkk:lembaga-detail", "lkk:pengurus-detail"):
        url = url_per_pk(nama)
        assert [url(pk) for pk in (1, 7, 918273645, 10**12)] == [reverse(nama, kwargs={"pk": pk}) for pk in (1, 7, 918273645, 10**12)]


def test_list_rows_link_to_their_detail_pages(client, bappeda, dua_wilayah):
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"], masa_bakti_selesai=timezone.localdate())
    pengurus = PengurusFactory(lembaga=lembaga)
    client.force_login(bappeda)
    for name in ("lkk:lembaga-list", "lkk:masa-bakti", "lkk:pengurus-list"):
        assert f'href="{lembaga.get_absolute_url()}"' in client.get(reverse(name)).content.decode()
    assert f'href="{pengurus.get_absolute_url()}"' in client.get(reverse("lkk:pengurus-list")).content.decode()


def test_pengurus_list_asks_who_sees_full_niks_once_per_kelurahan(client, operator_a, dua_wilayah, monkeypatch):
    from wilayah import nik

    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"])
    for n in range(4):
        PengurusFactory(lembaga=lembaga, nik=f"357401010190{n:04d}")
    client.force_login(operator_a)
    ditanya = []
    asli = nik.boleh_lihat_nik_penuh
    monkeypatch.setattr(nik, "boleh_lihat_nik_penuh", lambda user, kelurahan_id: ditanya.append(kelurahan_id) or asli(user, kelurahan_id))
    body = client.get(reverse("lkk:pengurus-list")).content.decode()
    assert "3574010101900003" in body and ditanya == [dua_wilayah["kel_a"].pk]


def test_lembaga_list_prints_each_rows_status_label(client, bappeda, dua_wilayah):
    from lkk.models import Status

    LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas Lama", status=Status.TIDAK_AKTIF)
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas Baru")
    client.force_login(bappeda)
    body = client.get(reverse("lkk:lembaga-list")).content.decode()
    assert body.count("<td>Tidak aktif</td>") == 1 and body.count("<td>Aktif</td>") == 1


def test_pengurus_list_reads_only_the_columns_a_row_prints(client, bappeda, dua_wilayah):
    """A page of board members reads no phone, SK or birth date, nor the lembaga's type; the export reads whole rows."""
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas Melati")
    PengurusFactory(lembaga=lembaga, nama="Siti Aminah", telepon="081234567890", jabatan=Jabatan.SEKSI, nama_seksi="Humas")
    client.force_login(bappeda)
    client.get(reverse("lkk:pengurus-list"))
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(reverse("lkk:pengurus-list")).content.decode()
    assert "Siti Aminah" in body and "Seksi Humas" in body and "Pokmas Melati" in body and dua_wilayah["kel_a"].nama in body
    baris = [q["sql"] for q in ctx.captured_queries if '"lkk_pengurus"."nama"' in q["sql"] and '"lkk_pengurus"."id" IN' in q["sql"]]
    assert len(baris) == 1 and '"telepon"' not in baris[0] and '"nomor_sk_pengangkatan"' not in baris[0] and "lkk_jenislembaga" not in baris[0]
    lembar = openpyxl.load_workbook(io.BytesIO(client.get(reverse("lkk:pengurus-ekspor")).content)).active
    assert any("081234567890" in row for row in lembar.iter_rows(values_only=True))


def test_masa_bakti_rows_are_plain_cells(client, bappeda, dua_wilayah):
    """The terms list's rows come as tuples built once a page: link, name, RW/RT label, type, kelurahan,
    kecamatan, end of term as "j F Y" (an unrecorded one prints "-") and its flag."""
    kel = dua_wilayah["kel_a"]
    rw = RWFactory(kelurahan=kel, nomor=4)
    habis = LembagaFactory(kelurahan=kel, jenis=jenis("rw"), rw=rw, nama="LPMK RW 04", masa_bakti_selesai=dt.date(2024, 3, 5))
    tanpa = LembagaFactory(kelurahan=kel, nama="Pokmas Tanpa", masa_bakti_mulai=None, masa_bakti_selesai=None)
    client.force_login(bappeda)
    response = client.get(reverse("lkk:masa-bakti"))
    baris = {b[1]: b for b in response.context["baris"]}
    assert baris["LPMK RW 04"] == (habis.get_absolute_url(), "LPMK RW 04", "RW 04", str(habis.jenis), kel.nama, kel.kecamatan.nama, "5 Maret 2024", "habis")
    assert baris["Pokmas Tanpa"][2] == "" and baris["Pokmas Tanpa"][6:] == ("", "tanpa")
    body = response.content.decode()
    assert "<td>5 Maret 2024</td>" in body and "<td>-</td>" in body and "belum dicatat" in body and 'href="' + tanpa.get_absolute_url() + '"' in body


def test_lembaga_list_rows_are_plain_cells(client, bappeda, dua_wilayah):
    """The lembaga list's rows come as tuples built once a page: link, name, type, kelurahan, RW/RT label,
    SK number and date, end of term ("j F Y"; "" when not recorded), whether it has ended, status label."""
    kel = dua_wilayah["kel_a"]
    lama = LembagaFactory(kelurahan=kel, nama="Pokmas Lama", tanggal_sk=dt.date(2019, 1, 2), masa_bakti_mulai=dt.date(2019, 1, 2), masa_bakti_selesai=dt.date(2024, 1, 1))
    LembagaFactory(kelurahan=kel, nama="Pokmas Kosong", nomor_sk="", tanggal_sk=None, masa_bakti_mulai=None, masa_bakti_selesai=None)
    client.force_login(bappeda)
    response = client.get(reverse("lkk:lembaga-list"))
    baris = {b[1]: b for b in response.context["baris"]}
    assert baris["Pokmas Lama"] == (lama.get_absolute_url(), "Pokmas Lama", str(lama.jenis), kel.nama, "", lama.nomor_sk, "2 Januari 2019", "1 Januari 2024", True, "Aktif")
    assert baris["Pokmas Kosong"][5:9] == ("", "", "", False)
    body = response.content.decode()
    assert "<small>2 Januari 2019</small>" in body and "1 Januari 2024 <span class=\"badge text-bg-danger\">habis</span>" in body


def test_pengurus_rows_are_plain_cells(client, bappeda, camat_a, dua_wilayah):
    """The board list's rows come as tuples built once a page; the NIK as the user may see it (Bappeda in
    full, a camat masked)."""
    kel = dua_wilayah["kel_a"]
    lembaga = LembagaFactory(kelurahan=kel, nama="Pokmas Dahlia")
    p = PengurusFactory(lembaga=lembaga, nama="Budi", nik="3574010101900001", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2024, 1, 2), masa_selesai=dt.date(2029, 1, 2))
    client.force_login(bappeda)
    (baris,) = client.get(reverse("lkk:pengurus-list")).context["baris"]
    assert baris == (p.get_absolute_url(), "Budi", "3574010101900001", p.jabatan_label, lembaga.get_absolute_url(), "Pokmas Dahlia", kel.nama, "2 Januari 2024", "2 Januari 2029")
    client.force_login(camat_a)
    (baris,) = client.get(reverse("lkk:pengurus-list")).context["baris"]
    assert baris[2] != "3574010101900001" and baris[2].startswith("3574") and baris[2].endswith("0001")


def test_post_label_reads_as_the_choice_label():
    from django.utils import translation

    from lkk.models import Pengurus

    with translation.override("id"):
        for jabatan in Jabatan:
            p = Pengurus(jabatan=jabatan, nama_seksi="")
            assert p.jabatan_label == p.get_jabatan_display() == Jabatan(jabatan).label
        assert Pengurus(jabatan=Jabatan.SEKSI, nama_seksi="Humas").jabatan_label == "Seksi Humas"
        assert Pengurus(jabatan="lama", nama_seksi="").jabatan_label == "lama"  # a value no longer offered: as stored
