"""Deep pages without large OFFSETs (wilayah.daftar.PaginatorIdDulu, every FilteredListMixin list):
a page's keys come from a narrow pk query, its rows by pk; the same number of queries on every page,
the plain queryset's order on every page, no row repeated or skipped where the sort key ties, and the
key/count queries leave out the aggregates and joins only the shown columns need."""

import datetime as dt
import re

import pytest
from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kader.models import Kader
from tests.kader.factories import KaderFactory
from wilayah.daftar import FilteredListMixin, PaginatorIdDulu, ordered_with_pk, tanpa_agregat_lepas
from wilayah.models import RT, RW

PER_HALAMAN = 50  # KaderListView.paginate_by


@pytest.fixture
def kader_kembar(dua_wilayah):
    """125 cadres sharing three names and two start dates: the sort keys tie everywhere."""
    kel = dua_wilayah["kel_a"]
    for i in range(125):
        KaderFactory(kelurahan=kel, nama=["Ani", "Budi", "Citra"][i % 3], tanggal_mulai=dt.date(2023, 1, 2 + i % 2))
    return kel


def _halaman(client, query):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("kader:kader-list") + query)
    assert response.status_code == 200
    return response, ctx.captured_queries


def _urutan_polos(**filter):
    """The order the plain queryset gives (what OFFSET paging showed)."""
    return list(ordered_with_pk(Kader.objects.filter(**filter).order_by("nama", "pk")).values_list("pk", flat=True))


def test_kader_list_pages_follow_the_plain_order_without_repeat_or_skip(client, bappeda, kader_kembar):
    client.force_login(bappeda)
    semua = []
    for nomor in (1, 2, 3):
        response, _ = _halaman(client, f"?page={nomor}")
        semua += [k.pk for k in response.context["object_list"]]
    assert semua == _urutan_polos()
    assert len(set(semua)) == 125


@pytest.mark.parametrize("urut", ["nama", "-nama", "tanggal_mulai", "-tanggal_mulai", "kelurahan"])
def test_every_offered_order_pages_without_repeat_or_skip(client, bappeda, kader_kembar, urut):
    from kader.filters import KaderFilterSet

    client.force_login(bappeda)
    semua = []
    for nomor in (1, 2, 3):
        response, _ = _halaman(client, f"?urut={urut}&page={nomor}")
        semua += [k.pk for k in response.context["object_list"]]
    polos = list(Kader.objects.order_by(*KaderFilterSet.URUTAN[urut]).values_list("pk", flat=True))
    assert semua == polos


def test_same_number_of_queries_on_the_first_and_the_last_page(client, bappeda, kader_kembar):
    client.force_login(bappeda)
    _, pertama = _halaman(client, "?page=1")
    _, terakhir = _halaman(client, "?page=3")
    _, jauh = _halaman(client, "?page=999999")  # past the end: the last page
    assert len(pertama) == len(terakhir) == len(jauh)


def test_only_the_key_query_has_an_offset_and_it_selects_the_pk_alone(client, bappeda, kader_kembar):
    """The rule itself: a deep page never makes the database skip wide rows (OFFSET over SELECT *)."""
    client.force_login(bappeda)
    _, queries = _halaman(client, "?page=3")
    tabel = Kader._meta.db_table
    offset = [q["sql"] for q in queries if "OFFSET" in q["sql"].upper()]
    assert len(offset) == 1
    kolom = re.match(r"SELECT (.*?) FROM", offset[0], re.S).group(1)
    assert kolom == f'"{tabel}"."id" AS "pk"'  # only the key: no name, no NIK, no joined kelurahan
    baris = [q["sql"] for q in queries if f'FROM "{tabel}"' in q["sql"] and '"nik"' in q["sql"]]
    assert baris and all("OFFSET" not in q.upper() and '"id" IN (' in q for q in baris)


def test_count_leaves_out_select_related_joins(client, bappeda, kader_kembar):
    client.force_login(bappeda)
    response, queries = _halaman(client, "?page=2")
    assert response.context["paginator"].count == 125
    hitung = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and f'"{Kader._meta.db_table}"' in q["sql"]]
    assert len(hitung) == 1 and "JOIN" not in hitung[0].upper()


@pytest.mark.parametrize(("nilai", "nomor"), [("abc", 1), ("", 1), ("%00", 1), ("1.5", 1), ("nan", 1), ("0", 3), ("-3", 3), ("4", 3), ("9" * 40, 3), ("2", 2), ("2.0", 1)])
def test_bad_page_values_show_the_first_or_the_last_page(client, bappeda, kader_kembar, nilai, nomor):
    client.force_login(bappeda)
    response, _ = _halaman(client, f"?page={nilai}")
    assert response.context["page_obj"].number == nomor
    polos = _urutan_polos()
    awal = (nomor - 1) * PER_HALAMAN
    assert [k.pk for k in response.context["object_list"]] == polos[awal:awal + PER_HALAMAN]


def test_every_filtered_list_view_pages_ids_first():
    assert FilteredListMixin.paginator_class is PaginatorIdDulu


# --- the paginator on its own --------------------------------------------------------------------------


@pytest.fixture
def rw_rt(dua_wilayah):
    """23 RW with 0-3 RT each, numbers tied across the two kelurahan."""
    rws = RW.objects.bulk_create([RW(kelurahan=dua_wilayah["kel_a" if n % 2 else "kel_b"], nomor=n // 2 + 1) for n in range(23)])
    RT.objects.bulk_create([RT(rw=rw, nomor=m + 1) for i, rw in enumerate(rws) for m in range(i % 4)])
    return rws


def _semua_halaman(qs, per=5):
    paginator = PaginatorIdDulu(qs, per)
    hasil = []
    for nomor in paginator.page_range:
        hasil += list(paginator.page(nomor).object_list)
    return paginator, hasil


def test_aggregate_column_is_computed_for_the_page_rows_only_and_keys_do_not_join_the_children(rw_rt):
    qs = ordered_with_pk(RW.objects.select_related("kelurahan").annotate(jumlah_rt=Count("rt_set")).order_by("nomor"))
    kunci = tanpa_agregat_lepas(qs)
    sql = str(kunci.values_list("pk", flat=True)[5:10].query)
    assert RT._meta.db_table not in sql and "GROUP BY" not in sql.upper()
    with CaptureQueriesContext(connection) as ctx:
        paginator, hasil = _semua_halaman(qs)
    hitung = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"].upper()]
    assert len(hitung) == 1 and RT._meta.db_table not in hitung[0]
    assert paginator.count == 23
    assert [(rw.pk, rw.jumlah_rt) for rw in hasil] == [(rw.pk, rw.jumlah_rt) for rw in qs]


def test_filter_across_a_many_relation_keeps_rows_unique(rw_rt):
    """The grouping stays when a filter joins the children: no RW listed once per RT."""
    qs = ordered_with_pk(RW.objects.filter(rt_set__nomor__gte=1).annotate(jumlah_rt=Count("rt_set")).order_by("nomor"))
    _, hasil = _semua_halaman(qs)
    assert [rw.pk for rw in hasil] == [rw.pk for rw in qs]
    assert len({rw.pk for rw in hasil}) == len(hasil) == RW.objects.filter(rt_set__isnull=False).distinct().count()


def test_order_by_the_aggregate_keeps_it(rw_rt):
    qs = ordered_with_pk(RW.objects.annotate(jumlah_rt=Count("rt_set")).order_by("-jumlah_rt", "nomor"))
    assert tanpa_agregat_lepas(qs) is qs
    _, hasil = _semua_halaman(qs)
    assert [rw.pk for rw in hasil] == [rw.pk for rw in qs]


def test_annotations_over_an_aggregate_go_with_it_and_come_back_on_the_rows(rw_rt):
    from django.db.models import F

    qs = ordered_with_pk(RW.objects.annotate(jumlah_rt=Count("rt_set")).annotate(plus=F("jumlah_rt") + 1).order_by("nomor"))
    assert RT._meta.db_table not in str(tanpa_agregat_lepas(qs).values_list("pk", flat=True).query)
    _, hasil = _semua_halaman(qs)
    assert [(rw.pk, rw.plus) for rw in hasil] == [(rw.pk, rw.plus) for rw in qs]


def test_a_plain_list_is_paged_as_django_does():
    daftar = list(range(12))
    assert list(PaginatorIdDulu(daftar, 5).page(3).object_list) == list(Paginator(daftar, 5).page(3).object_list) == [10, 11]


def test_orphans_and_an_empty_list(dua_wilayah):
    RW.objects.bulk_create([RW(kelurahan=dua_wilayah["kel_a"], nomor=n) for n in range(1, 12)])
    qs = ordered_with_pk(RW.objects.order_by("nomor"))
    paginator = PaginatorIdDulu(qs, 5, orphans=1)
    assert paginator.num_pages == 2 and [rw.nomor for rw in paginator.page(2).object_list] == list(range(6, 12))
    kosong = PaginatorIdDulu(RW.objects.none(), 5)
    assert kosong.count == 0 and list(kosong.get_page(7).object_list) == []


def test_every_kader_order_on_its_own_columns_runs_one_way_on_an_index():
    """A deep page by an offered order reads an index in one direction (mixed ASC/DESC would sort)."""
    from kader.filters import KaderFilterSet

    indeks = {tuple(i.fields) for i in Kader._meta.indexes}
    for urut, kunci in KaderFilterSet.URUTAN.items():
        if any("__" in k for k in kunci):
            continue  # ordered by another table's column: no single index serves it
        assert len({k.startswith("-") for k in kunci}) == 1, urut
        assert tuple(k.lstrip("-").replace("pk", "id") for k in kunci) in indeks, urut
    assert ("status", "nama", "id") in indeks  # ?status=... in the default order


# --- a whole province's count, kept briefly -----------------------------------------------------------


@pytest.fixture
def simpan_dari_lima(monkeypatch):
    monkeypatch.setattr("wilayah.daftar.HITUNGAN_SIMPAN_MIN", 5)


def _jumlah_kueri_hitung(qs):
    with CaptureQueriesContext(connection) as ctx:
        jumlah = PaginatorIdDulu(qs, 5).count
    return jumlah, sum("COUNT(" in q["sql"].upper() for q in ctx.captured_queries)


def test_large_count_is_counted_once_then_kept(rw_rt, simpan_dari_lima):
    qs = ordered_with_pk(RW.objects.order_by("nomor"))
    assert _jumlah_kueri_hitung(qs) == (23, 1)
    assert _jumlah_kueri_hitung(qs) == (23, 0)  # the next request of the same list reads the kept count


def test_small_count_is_always_counted(rw_rt, monkeypatch):
    monkeypatch.setattr("wilayah.daftar.HITUNGAN_SIMPAN_MIN", 24)
    qs = ordered_with_pk(RW.objects.order_by("nomor"))
    assert _jumlah_kueri_hitung(qs) == (23, 1)
    assert _jumlah_kueri_hitung(qs) == (23, 1)


def test_kept_count_is_per_filter_and_scope(rw_rt, dua_wilayah, simpan_dari_lima):
    semua = ordered_with_pk(RW.objects.order_by("nomor"))
    satu = ordered_with_pk(RW.objects.filter(kelurahan=dua_wilayah["kel_a"]).order_by("nomor"))
    assert _jumlah_kueri_hitung(semua) == (23, 1)
    assert _jumlah_kueri_hitung(satu) == (11, 1)  # another WHERE: not the whole list's count


def test_a_save_or_delete_renews_the_kept_count(rw_rt, dua_wilayah, simpan_dari_lima):
    qs = ordered_with_pk(RW.objects.order_by("nomor"))
    assert _jumlah_kueri_hitung(qs) == (23, 1)
    baru = RW.objects.create(kelurahan=dua_wilayah["kel_a"], nomor=99)
    assert _jumlah_kueri_hitung(qs) == (24, 1)
    baru.delete()
    assert _jumlah_kueri_hitung(qs) == (23, 1)
    RT.objects.create(rw=rw_rt[0], nomor=50)  # another model's write leaves this list's count kept
    assert _jumlah_kueri_hitung(qs) == (23, 0)


def test_list_page_reads_a_kept_count(client, bappeda, kader_kembar, simpan_dari_lima):
    client.force_login(bappeda)
    _, pertama = _halaman(client, "")
    response, kedua = _halaman(client, "")
    assert response.context["paginator"].count == 125
    assert len(kedua) == len(pertama) - 1


# --- a list that fits on its first page needs no COUNT ------------------------------------------------


def _halaman_pertama(qs, per, orphans=0, nomor=1):
    """(rows of page ``nomor``, count, number of COUNT queries, number of queries)."""
    with CaptureQueriesContext(connection) as ctx:
        paginator = PaginatorIdDulu(qs, per, orphans=orphans)
        page = paginator.get_page(nomor)
        baris = [rw.pk for rw in page.object_list]
        ada_lain = page.has_other_pages()
        jumlah = paginator.count
    hitung = sum("COUNT(" in q["sql"].upper() for q in ctx.captured_queries)
    return baris, jumlah, ada_lain, hitung, len(ctx.captured_queries)


@pytest.mark.parametrize("nomor", [1, "1", None, "abc"])
def test_a_list_that_fits_on_the_first_page_is_counted_from_its_keys(rw_rt, nomor):
    qs = ordered_with_pk(RW.objects.order_by("nomor"))
    urutan = list(qs.values_list("pk", flat=True))
    assert _halaman_pertama(qs, 25, nomor=nomor) == (urutan, 23, False, 0, 2)  # keys, rows: no COUNT
    assert _halaman_pertama(qs, 23) == (urutan, 23, False, 0, 2)


def test_orphans_that_fit_on_the_first_page_are_counted_from_its_keys(rw_rt):
    qs = ordered_with_pk(RW.objects.order_by("nomor"))
    urutan = list(qs.values_list("pk", flat=True))
    assert _halaman_pertama(qs, 20, orphans=3) == (urutan, 23, False, 0, 2)  # Django shows 20 + 3 orphans on one page
    assert [rw.pk for rw in Paginator(qs, 20, orphans=3).page(1).object_list] == urutan


def test_a_list_longer_than_the_first_page_is_still_counted(rw_rt):
    qs = ordered_with_pk(RW.objects.order_by("nomor"))
    urutan = list(qs.values_list("pk", flat=True))
    assert _halaman_pertama(qs, 22) == (urutan[:22], 23, True, 1, 3)
    assert _halaman_pertama(qs, 20, orphans=2) == (urutan[:20], 23, True, 1, 3)
    assert _halaman_pertama(qs, 5, nomor=2)[:4] == (urutan[5:10], 23, True, 1)  # other pages count first, as before


def test_an_empty_list_shows_an_empty_first_page_without_a_count(dua_wilayah):
    assert _halaman_pertama(ordered_with_pk(RW.objects.order_by("nomor")), 5) == ([], 0, False, 0, 1)
    paginator = PaginatorIdDulu(ordered_with_pk(RW.objects.order_by("nomor")), 5, allow_empty_first_page=False)
    with pytest.raises(EmptyPage):
        paginator.page(1)  # a paginator that refuses an empty first page still counts to say so


def test_an_operators_short_list_runs_no_count(client, operator_a, dua_wilayah):
    for i in range(7):
        KaderFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response, queries = _halaman(client, "")
    assert response.context["paginator"].count == 7 and len(response.context["object_list"]) == 7
    assert not [q for q in queries if "COUNT(" in q["sql"].upper() and Kader._meta.db_table in q["sql"]]
    assert "7 kader" in response.content.decode()
