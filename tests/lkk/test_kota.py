"""LKK at city size: the start page and the city panel read the stored figures (``lkk.cakupan_kota``), one row
per kecamatan, with a drill-down to a kecamatan's kelurahan computed live; the terms list keeps a unique order.
Query counts are pinned and equal at two sizes (2 kecamatan x 5 kelurahan, 4 x 20)."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lkk.models import Lembaga
from lkk.ringkasan import KUNCI_CAKUPAN_KOTA, hitung_cakupan_kota, tabel_cakupan
from tests.lkk.factories import jenis
from wilayah.angka import perbarui
from wilayah.models import RT, RW, Kecamatan, Kelurahan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_bersih():
    cache.clear()


def bangun(n_kecamatan: int, n_kelurahan: int, mulai: int = 0) -> list[Kecamatan]:
    """``n_kecamatan`` kecamatan of ``n_kelurahan`` kelurahan, each with 2 RW of 2 RT, an RW institution on
    RW 1, an RT institution on its first RT and a pokmas whose term has ended."""
    hari_ini = timezone.localdate()
    kec = Kecamatan.objects.bulk_create([Kecamatan(kode=f"35.75.{mulai + i + 10:02d}", nama=f"Kecamatan {mulai + i}") for i in range(n_kecamatan)])
    kel = Kelurahan.objects.bulk_create(
        [Kelurahan(kode=f"{k.kode}.{1001 + j}", nama=f"Kelurahan {k.kode}-{j}", kecamatan=k) for k in kec for j in range(n_kelurahan)]
    )
    rw = RW.objects.bulk_create([RW(kelurahan=k, nomor=n) for k in kel for n in (1, 2)])
    rt = RT.objects.bulk_create([RT(rw=r, nomor=n) for r in rw for n in (1, 2)])
    j_rw, j_rt, pokmas = jenis("rw"), jenis("rt"), jenis("pokmas")
    lembaga = []
    for i, k in enumerate(kel):
        r, t = rw[2 * i], rt[4 * i]
        umum = dict(kelurahan=k, nomor_sk=f"1/{k.kode}", tanggal_sk=dt.date(2024, 1, 2), masa_bakti_mulai=dt.date(2024, 1, 2), masa_bakti_selesai=dt.date(2029, 1, 1))
        lembaga += [
            Lembaga(jenis=j_rw, rw=r, nama=f"RW 01 {k.kode}", **umum),
            Lembaga(jenis=j_rt, rw=r, rt=t, nama=f"RT 01/RW 01 {k.kode}", **umum),
            Lembaga(jenis=pokmas, nama=f"Pokmas {k.kode}", **{**umum, "masa_bakti_mulai": dt.date(2015, 1, 1), "masa_bakti_selesai": hari_ini - dt.timedelta(days=1)}),
        ]
    Lembaga.objects.bulk_create(lembaga)
    return kec


def jumlah_query(client, url) -> tuple[int, str]:
    client.get(url)  # the user's scope and permissions are cached after the first request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


# --- the stored figures -----------------------------------------------------------------------------------


def test_city_figures_are_the_coverage_summed_per_kecamatan(db, django_assert_num_queries):
    kec = bangun(2, 3)
    with django_assert_num_queries(6):
        data = hitung_cakupan_kota()
    assert [k["kode"] for k in data["kecamatan"]] == [k.kode for k in kec]
    tabel = tabel_cakupan()
    for k in data["kecamatan"]:
        baris = [b for b in tabel.baris.values() if b.kecamatan_kode == k["kode"]]
        assert k["jumlah_kelurahan"] == 3 and k["jumlah_rw"] == 6 and k["jumlah_rt"] == 12
        assert k["jumlah"] == sum(b.jumlah for b in baris) == 9
        assert k["sk_berlaku"] == sum(b.sk_berlaku for b in baris) == 6 and k["persen_sk"] == 66.7
        assert k["perhatian"] == 3
        sel = dict(zip([j["kode"] for j in data["jenis"]], k["sel"]))
        assert (sel["rw"], sel["rt"], sel["pokmas"]) == ([3, 3, 3], [3, 3, 9], [3, 0, None])
    assert (data["total"]["jumlah_kelurahan"], data["total"]["jumlah"], data["total"]["perhatian"]) == (6, 18, 6)
    bangun(4, 20, mulai=2)
    with django_assert_num_queries(6):
        data = hitung_cakupan_kota()
    assert len(data["kecamatan"]) == 6 and data["total"]["jumlah_kelurahan"] == 86


# --- the start page ---------------------------------------------------------------------------------------


def test_city_start_page_lists_kecamatan_from_the_stored_figures(client, bappeda):
    client.force_login(bappeda)
    bangun(2, 5)
    perbarui(KUNCI_CAKUPAN_KOTA)
    kecil, body = jumlah_query(client, reverse("lkk:index"))
    assert body.count('class="baris-kecamatan"') == 2 and "Kelurahan 35.75.10-0" not in body
    assert "Angka per" in body and 'href="?kecamatan=35.75.10"' in body
    bangun(4, 20, mulai=2)
    perbarui(KUNCI_CAKUPAN_KOTA)
    besar, body = jumlah_query(client, reverse("lkk:index"))
    assert body.count('class="baris-kecamatan"') == 6 and "Kelurahan" not in re.sub(r"<thead.*?</thead>|<tfoot.*?</tfoot>|<p .*?</p>", "", body.split('id="tabel-kecamatan"')[1], flags=re.S)
    assert besar == kecil == 5  # session, user, scope, roles and permissions (one query), the stored row (the 50 rows come from it)


def test_city_table_is_sorted_server_side_and_paginated(client, bappeda):
    client.force_login(bappeda)
    bangun(55, 1)
    perbarui(KUNCI_CAKUPAN_KOTA)
    body = client.get(reverse("lkk:index")).content.decode()
    assert body.count('class="baris-kecamatan"') == 50
    body = client.get(reverse("lkk:index") + "?page=2").content.decode()
    assert body.count('class="baris-kecamatan"') == 5
    body = client.get(reverse("lkk:index") + "?urut=-nama").content.decode()
    nama = re.findall(r'href="\?kecamatan=[^"]+">([^<]+)</a>', body)
    assert nama == sorted(nama, reverse=True)


def test_drill_down_shows_the_kecamatan_kelurahan_live(client, bappeda):
    client.force_login(bappeda)
    kec = bangun(2, 5)
    url = reverse("lkk:index") + f"?kecamatan={kec[0].kode}"
    kecil, body = jumlah_query(client, url)
    assert "Kelurahan 35.75.10-4" in body and "Kelurahan 35.75.11-0" not in body and 'class="baris-kecamatan"' not in body
    assert "Semua kecamatan" in body
    kec = bangun(4, 20, mulai=2)
    besar, body = jumlah_query(client, reverse("lkk:index") + f"?kecamatan={kec[0].kode}")
    assert body.count("Kelurahan 35.75.12-") == 20
    assert besar == kecil == 11  # the city page's but the stored row (not read here), + the kecamatan, the live coverage (5), the flagged count


@pytest.mark.parametrize("kueri", ["kecamatan=99.99.99", "kecamatan=%00", "kecamatan=" + "x" * 500, "urut=zzz&page=abc", "page=99999"])
def test_bad_query_strings_show_the_city_table(client, bappeda, kueri):
    client.force_login(bappeda)
    bangun(2, 2)
    response = client.get(reverse("lkk:index") + "?" + kueri)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="baris-kecamatan"') == 2
    assert ('id="galat-kecamatan"' in body) is kueri.startswith("kecamatan=")


def test_kecamatan_user_sees_its_kelurahan_and_kelurahan_user_its_own(client, camat_a, operator_a, dua_wilayah):
    kec_a = dua_wilayah["kec_a"]
    Kelurahan.objects.create(kode="35.74.04.1005", nama="Kanigaran Dua", kecamatan=kec_a)
    client.force_login(camat_a)
    body = client.get(reverse("lkk:index")).content.decode()
    assert "Kebonsari Wetan" in body and "Kanigaran Dua" in body and "Ketapang" not in body and 'class="baris-kecamatan"' not in body
    # Another kecamatan's code is outside the scope: the field's error, the user's own kelurahan still shown.
    body = client.get(reverse("lkk:index") + f"?kecamatan={dua_wilayah['kec_b'].kode}").content.decode()
    assert 'id="galat-kecamatan"' in body and "Ketapang" not in body and "Kebonsari Wetan" in body
    client.force_login(operator_a)
    body = client.get(reverse("lkk:index")).content.decode()
    assert "Kebonsari Wetan" in body and "Kanigaran Dua" not in body and "Angka per" not in body


def test_kecamatan_user_page_queries_do_not_grow(client, dua_wilayah, camat_a):
    kec_a = dua_wilayah["kec_a"]
    client.force_login(camat_a)
    Kelurahan.objects.bulk_create([Kelurahan(kode=f"35.74.04.{2001 + i}", nama=f"Kel A{i}", kecamatan=kec_a) for i in range(3)])
    kecil, _ = jumlah_query(client, reverse("lkk:index"))
    Kelurahan.objects.bulk_create([Kelurahan(kode=f"35.74.04.{3001 + i}", nama=f"Kel B{i}", kecamatan=kec_a) for i in range(15)])
    besar, body = jumlah_query(client, reverse("lkk:index"))
    assert besar == kecil == 10 and "Kel B14" in body


# --- the city panel -------------------------------------------------------------------------------------


def test_city_panel_reads_the_stored_figures(client, bappeda):
    from django.test import RequestFactory

    from lkk.panel import panel_context

    bangun(2, 5)
    perbarui(KUNCI_CAKUPAN_KOTA)
    request = RequestFactory().get("/")
    request.user = bappeda
    panel_context(request, None)
    with CaptureQueriesContext(connection) as kecil:
        ctx = panel_context(request, None)
    assert (ctx["jumlah"], ctx["sk_berlaku"], ctx["jumlah_perhatian"]) == (30, 20, 10)
    assert dict(ctx["rw_tanpa"])["lembaga RW"] == 10 and dict(ctx["rt_tanpa"])["lembaga RT"] == 30
    assert ctx["angka"].kunci == KUNCI_CAKUPAN_KOTA
    bangun(4, 20, mulai=2)
    perbarui(KUNCI_CAKUPAN_KOTA)
    with CaptureQueriesContext(connection) as besar:
        ctx = panel_context(request, None)
    assert len(besar) == len(kecil) == 1 and ctx["jumlah"] == 270


# --- the terms list -------------------------------------------------------------------------------------


def test_terms_list_order_is_unique_across_pages_with_equal_end_dates(client, bappeda, dua_wilayah, monkeypatch):
    from lkk.views import MasaBaktiView

    monkeypatch.setattr(MasaBaktiView, "paginate_by", 4)
    selesai = timezone.localdate() - dt.timedelta(days=10)
    kel = [dua_wilayah["kel_b"], dua_wilayah["kel_a"]]
    dibuat = Lembaga.objects.bulk_create([
        Lembaga(jenis=jenis("pokmas"), kelurahan=kel[i % 2], nama=f"Pokmas {9 - i}", masa_bakti_mulai=dt.date(2015, 1, 1), masa_bakti_selesai=selesai)
        for i in range(10)
    ])  # fmt: skip
    client.force_login(bappeda)
    halaman = [[o.pk for o in client.get(reverse("lkk:masa-bakti"), {"page": p}).context["object_list"]] for p in (1, 2, 3)]
    semua = [pk for h in halaman for pk in h]
    assert semua == sorted(o.pk for o in dibuat)
    assert [len(h) for h in halaman] == [4, 4, 2]


def test_big_lists_orders_have_their_indexes(rf, bappeda):
    """The terms list orders by (masa_bakti_selesai, pk) over active lembaga: exactly the partial index; the
    pengurus list's order inside a lembaga (-masa_mulai, nama, pk) and a kelurahan's lembaga by name are
    indexes too (their keys are read index-only on PostgreSQL, no sort of every row on disk)."""
    from django.db.models import Q

    from lkk.models import Pengurus
    from lkk.views import MasaBaktiView, PengurusListView

    indeks = {i.name: i for i in Lembaga._meta.indexes}
    perhatian = indeks["lkk_lembaga_perhatian_idx"]
    assert perhatian.fields == ["masa_bakti_selesai", "id"] and perhatian.condition == Q(status="aktif")
    request = rf.get(reverse("lkk:masa-bakti"))
    request.user = bappeda
    view = MasaBaktiView(request=request, kwargs={})
    assert list(view.get_queryset().query.order_by) == ["masa_bakti_selesai", "pk"]
    assert indeks["lkk_lembaga_kel_nama_idx"].fields == ["kelurahan", "nama", "id"]
    urutan = list(PengurusListView().get_base_queryset().query.order_by)
    assert urutan == ["lembaga__kelurahan__kode", "lembaga__nama", "-masa_mulai", "nama"]
    assert {i.name: i for i in Pengurus._meta.indexes}["lkk_pengurus_urutan_idx"].fields == ["lembaga", "-masa_mulai", "nama", "id"]


# --- the start page's rows, formatted once ---------------------------------------------------------------


def test_city_rows_come_formatted_with_their_cell_flags():
    from lkk.ringkasan import cakupan_kota_tampil

    baris = {
        "kode": "35.75.10", "nama": "A", "jumlah_kelurahan": 12, "jumlah_rw": 1250, "jumlah_rt": 4000, "jumlah": 1500, "sk_berlaku": 1499,
        "persen_sk": 99.93, "perhatian": 0, "sel": [[1000, 999, None], [500, 500, 0], [0, 0, 1250]],
    }  # fmt: skip
    (hasil,) = cakupan_kota_tampil([baris])
    assert hasil["teks"] == {
        "jumlah_kelurahan": "12", "jumlah_rw": "1.250", "jumlah_rt": "4.000", "jumlah": "1.500", "sk_berlaku": "1.499", "perhatian": "0", "persen_sk": "99,9%",
    }  # fmt: skip
    assert hasil["sel_teks"] == [("1.000", "999", True, None, False), ("500", "500", False, "0", False), ("0", "0", False, "1.250", True)]
    assert hasil["sel"] == baris["sel"] and hasil["kode"] == "35.75.10"  # the raw values stay (the template compares them)
    (kosong,) = cakupan_kota_tampil([{**baris, "persen_sk": None}])
    assert kosong["teks"]["persen_sk"] is None


def test_city_start_page_formats_each_distinct_count_once(client, bappeda, monkeypatch):
    """A page of 50 kecamatan prints a thousand counts of a few dozen values: each value goes through
    ``wilayah.tampilan.angka`` once (the template filter formatted every cell)."""
    from wilayah import tampilan

    client.force_login(bappeda)
    bangun(3, 2)
    perbarui(KUNCI_CAKUPAN_KOTA)
    client.get(reverse("lkk:index"))
    dipanggil = []
    asli = tampilan.angka
    monkeypatch.setattr(tampilan, "angka", lambda nilai, desimal=0: dipanggil.append((nilai, desimal)) or asli(nilai, desimal))
    body = client.get(reverse("lkk:index")).content.decode()
    assert body.count('class="baris-kecamatan"') == 3
    bulat = [d for d in dipanggil if d[1] == 0]
    assert bulat and len(bulat) <= len(set(bulat)) + 1  # + the flagged count on the button, through the filter


def test_start_page_makes_no_failed_template_lookups(client, bappeda, operator_a, dua_wilayah, monkeypatch):
    """A lookup Django cannot resolve by key or attribute (``{{ c.0 }}`` on a list) costs a ``dir()``; the
    kecamatan table had two thousand a page. The city table, the drill-down and the operator's page have none."""
    import django.template.base

    gagal = []
    monkeypatch.setattr(django.template.base, "dir", lambda obj: gagal.append(type(obj).__name__) or dir(obj), raising=False)
    kec = bangun(2, 3)
    perbarui(KUNCI_CAKUPAN_KOTA)
    client.force_login(bappeda)
    for url in (reverse("lkk:index"), reverse("lkk:index") + f"?kecamatan={kec[0].kode}"):
        assert client.get(url).status_code == 200
    client.force_login(operator_a)
    assert client.get(reverse("lkk:index")).status_code == 200
    assert gagal == []
