"""Kader list pages through wilayah.daftar: scope of the choices, the export of a filtered list, bad input, query counts."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kader.models import StatusKader
from tests.factories import RWFactory
from tests.kader.factories import KaderFactory, kepengurusan_kelurahan, lomba, nominasi
from wilayah.scoping import Tingkat

GARBAGE = "?q=%00&status=mati&peran=raja&bidang=abc&kelurahan=99999999999999999999999&rw=1.5&urut=--&tingkat=x&kecamatan=-1&lomba=x&page=zz"


def _nama_ekspor(response):
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_export_link_carries_the_filters_and_exports_only_the_filtered_rows(client, bappeda, dua_wilayah):
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=4)
    KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Ani", peran=",pelopor,", rw=rw)
    KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Budi", peran=",penggerak,")
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nama="Citra", peran=",pelopor,")
    client.force_login(bappeda)
    query = f"kelurahan={dua_wilayah['kel_a'].pk}&peran=pelopor&page=1"
    response = client.get(reverse("kader:kader-list") + "?" + query)
    export_url = response.context["export_url"]
    assert export_url == reverse("kader:kader-ekspor") + f"?kelurahan={dua_wilayah['kel_a'].pk}&peran=pelopor"
    assert export_url.replace("&", "&amp;") in response.content.decode()
    assert _nama_ekspor(client.get(export_url)) == ["Ani"]
    assert _nama_ekspor(client.get(reverse("kader:kader-ekspor") + "?rw=4")) == ["Ani"]
    assert _nama_ekspor(client.get(reverse("kader:kader-ekspor"))) == ["Ani", "Budi", "Citra"]


def test_kelurahan_outside_the_scope_is_neither_offered_nor_honoured(client, operator_a, dua_wilayah):
    KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Ani")
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nama="Citra")
    client.force_login(operator_a)
    query = f"?kelurahan={dua_wilayah['kel_b'].pk}"
    response = client.get(reverse("kader:kader-list") + query)
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert list(form.fields["kelurahan"].queryset) == [dua_wilayah["kel_a"]]
    assert "kelurahan" in form.errors
    assert [k.nama for k in response.context["object_list"]] == ["Ani"]
    assert "Ketapang" not in response.content.decode()
    assert _nama_ekspor(client.get(reverse("kader:kader-ekspor") + query)) == ["Ani"]


def test_invalid_input_is_reported_and_ignored_not_a_500(client, bappeda, dua_wilayah):
    KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Ani")
    KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Budi", status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2024, 1, 1))
    client.force_login(bappeda)
    response = client.get(reverse("kader:kader-list") + "?status=aktif&rw=satu")
    assert response.status_code == 200
    assert set(response.context["filter_form"].errors) == {"rw"}
    assert [k.nama for k in response.context["object_list"]] == ["Ani"]  # the valid filter still applies
    assert "invalid-feedback" in response.content.decode()


@pytest.mark.parametrize("name", ["kader:kader-list", "kader:kader-ekspor", "kader:forkom-list", "kader:nominasi-list"])
@pytest.mark.parametrize("peran", ["operator_a", "camat_a", "bappeda"])
def test_garbage_query_strings_give_200(client, request, dua_wilayah, name, peran):
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nama="Citra Ketapang")
    client.force_login(request.getfixturevalue(peran))
    response = client.get(reverse(name) + GARBAGE)
    assert response.status_code == 200
    if peran != "bappeda" and name != "kader:kader-ekspor":
        assert "Citra Ketapang" not in response.content.decode()


def test_masked_roles_get_no_nik_search_from_the_filterset(client, camat_a, dua_wilayah):
    a = KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Ani")
    client.force_login(camat_a)
    response = client.get(reverse("kader:kader-ekspor") + f"?q={a.nik[:8]}")
    assert _nama_ekspor(response) == []  # the export obeys the same rule as the page
    form = client.get(reverse("kader:kader-list")).context["filter_form"]
    assert form.fields["q"].label == "Cari nama"


def test_order_ends_with_pk(client, bappeda, dua_wilayah):
    kembar = [KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Sama") for _ in range(3)]
    client.force_login(bappeda)
    for urut in ("", "?urut=kelurahan", "?urut=tanggal_mulai"):
        assert [k.pk for k in client.get(reverse("kader:kader-list") + urut).context["object_list"]] == [k.pk for k in kembar], urut
    for urut in ("?urut=-nama", "?urut=-tanggal_mulai"):  # descending: pk descending too (one index serves both ways)
        assert [k.pk for k in client.get(reverse("kader:kader-list") + urut).context["object_list"]] == [k.pk for k in kembar][::-1], urut


# --- Forkom and nominations ------------------------------------------------------------------------


def test_forkom_filters_by_level_and_kecamatan(client, bappeda, camat_a, dua_wilayah):
    from kader.models import KepengurusanForkom

    a = kepengurusan_kelurahan(dua_wilayah["kel_a"])
    b = kepengurusan_kelurahan(dua_wilayah["kel_b"])
    kota = KepengurusanForkom.objects.create(tingkat=Tingkat.KOTA, periode_mulai=dt.date(2024, 1, 1), periode_selesai=dt.date(2028, 1, 1))
    kec_a = KepengurusanForkom.objects.create(tingkat=Tingkat.KECAMATAN, kecamatan=dua_wilayah["kec_a"], periode_mulai=dt.date(2024, 1, 1), periode_selesai=dt.date(2028, 1, 1))
    client.force_login(bappeda)
    url = reverse("kader:forkom-list")

    def pks(query):
        return {b.pk for b in client.get(url + query).context["object_list"]}

    assert pks("") == {a.pk, b.pk, kota.pk, kec_a.pk}
    assert pks("?tingkat=kota") == {kota.pk}
    assert pks(f"?kecamatan={dua_wilayah['kec_a'].pk}") == {a.pk, kec_a.pk}
    client.force_login(camat_a)
    response = client.get(url + f"?kecamatan={dua_wilayah['kec_b'].pk}")
    assert list(response.context["filter_form"].fields["kecamatan"].queryset) == [dua_wilayah["kec_a"]]
    assert {b.pk for b in response.context["object_list"]} == {a.pk, kota.pk, kec_a.pk}


def test_nominations_filter_by_round_kelurahan_and_name(client, bappeda, operator_a, dua_wilayah):
    l24, l25 = lomba(2024), lomba(2025)
    n_a = nominasi(dua_wilayah["kel_a"], l25)
    n_b = nominasi(dua_wilayah["kel_b"], l24)
    client.force_login(bappeda)
    url = reverse("kader:nominasi-list")

    def pks(query):
        return [n.pk for n in client.get(url + query).context["object_list"]]

    assert pks(f"?lomba={l24.pk}") == [n_b.pk]
    assert pks(f"?kelurahan={dua_wilayah['kel_a'].pk}") == [n_a.pk]
    assert pks(f"?q={n_b.kader.nama[:8]}&lomba={l24.pk}") == [n_b.pk]
    client.force_login(operator_a)
    assert pks(f"?kelurahan={dua_wilayah['kel_b'].pk}") == [n_a.pk]


def _isi_forkom_nominasi(dua_wilayah, n):
    for kel in (dua_wilayah["kel_a"], dua_wilayah["kel_b"]):
        for i in range(n):
            kepengurusan_kelurahan(kel, periode_mulai=dt.date(2000 + i, 1, 1), periode_selesai=dt.date(2050, 1, 1))
            nominasi(kel, lomba(2000 + i))


@pytest.mark.parametrize("peran", ["operator_a", "bappeda"])
@pytest.mark.parametrize("name", ["kader:forkom-list", "kader:nominasi-list"])
def test_forkom_and_nomination_lists_run_a_fixed_number_of_queries(client, request, dua_wilayah, name, peran):
    client.force_login(request.getfixturevalue(peran))
    url = reverse(name) + f"?kelurahan={dua_wilayah['kel_a'].pk}&tingkat=kelurahan"
    _isi_forkom_nominasi(dua_wilayah, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as kecil:
        assert client.get(url).status_code == 200
    _isi_forkom_nominasi(dua_wilayah, 12)
    with CaptureQueriesContext(connection) as besar:
        assert client.get(url).status_code == 200
    assert len(besar) == len(kecil)


def test_baris_tabel_kader(client, bappeda, dua_wilayah):
    """The list's cells (built in the view, unpacked by the template): link, NIK as shown, kelurahan, RW,
    role labels, work fields in their order, start date, status; "-" for what is empty."""
    from kader.models import BidangKerja

    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=4)
    ani = KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Ani & <Ana>", peran=",pelopor,penggerak,", rw=rw, tanggal_mulai=dt.date(2024, 8, 7))
    budi = KaderFactory(
        kelurahan=dua_wilayah["kel_b"], nama="Budi", peran="", tanggal_mulai=dt.date(2023, 1, 31), status=StatusKader.NONAKTIF,
        tanggal_nonaktif=dt.date(2024, 1, 1), alasan_nonaktif="Pindah",
    )
    b2, b1 = BidangKerja.objects.create(nama="A uji sosial", urutan=2), BidangKerja.objects.create(nama="Z uji ekonomi & UMKM", urutan=1)
    ani.bidang_kerja.set([b2, b1])
    client.force_login(bappeda)
    html = client.get(reverse("kader:kader-list")).content.decode()
    assert (
        f'<td class="kolom-nama"><a href="{ani.get_absolute_url()}">Ani &amp; &lt;Ana&gt;</a></td>\n'
        f'    <td>{dua_wilayah["kel_a"].nama} <span class="small text-body-secondary text-nowrap">RW 04</span></td>\n'
        '    <td class="kolom-status"><span class="badge text-bg-success">Aktif</span></td>\n'
        f'    <td class="d-none d-md-table-cell font-monospace small">{ani.nik}</td>\n'
        '    <td class="d-none d-md-table-cell small">Pelopor, Penggerak</td>\n    <td class="d-none d-md-table-cell small">Z uji ekonomi &amp; UMKM, A uji sosial</td>\n'
        '    <td class="d-none d-md-table-cell small text-nowrap">7 Agustus 2024</td>'
    ) in html
    assert (
        f'<td class="kolom-nama"><a href="{budi.get_absolute_url()}">Budi</a></td>\n'
        f"    <td>{dua_wilayah['kel_b'].nama}</td>\n"
        '    <td class="kolom-status"><span class="badge text-bg-secondary">Nonaktif</span></td>\n'
        f'    <td class="d-none d-md-table-cell font-monospace small">{budi.nik}</td>\n'
        '    <td class="d-none d-md-table-cell small">-</td>\n    <td class="d-none d-md-table-cell small">-</td>\n'
        '    <td class="d-none d-md-table-cell small text-nowrap">31 Januari 2023</td>'
    ) in html
