"""The pelatihan panel on the home pages: open commitments at the kelurahan (overdue flagged) and the
next diklat, counts at the kecamatan, overdue commitments flagged to Bappeda; through for_user, in a
fixed number of queries."""

import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from pelatihan.models import JenisTindakLanjut, StatusDiklat
from pelatihan.panel import PANEL
from tests.factories import KelurahanFactory
from tests.pelatihan.factories import diklat_di, rencana_di

pytestmark = pytest.mark.django_db


def panel(client, url) -> str:
    body = client.get(url).content.decode()
    match = re.search(r'id="panel-pelatihan".*?</section>', body, re.S)
    assert match, "the pelatihan panel is on the page"
    return re.sub(r"\s+", " ", match.group(0))


@pytest.fixture
def rencana(dua_wilayah):
    hari_ini = timezone.localdate()
    a, b = dua_wilayah["kel_a"], dua_wilayah["kel_b"]
    return {
        "lewat": rencana_di(a, uraian="Destinasi RW 03 lewat", tenggat=hari_ini - dt.timedelta(days=3), jenis=JenisTindakLanjut.DESTINASI),
        "nanti": rencana_di(a, uraian="Dua KPM baru nanti", tenggat=hari_ini + dt.timedelta(days=30), jenis=JenisTindakLanjut.KADER, target_jumlah=2),
        "selesai": rencana_di(a, uraian="Sudah selesai", tenggat=hari_ini - dt.timedelta(days=3), selesai_pada=hari_ini - dt.timedelta(days=5)),
        "b": rencana_di(b, uraian="Ketapang lewat", tenggat=hari_ini - dt.timedelta(days=1)),
    }


def test_kelurahan_komitmen_terbuka_dan_diklat_mendatang(client, operator_a, rencana, dua_wilayah):
    diklat_di(mulai=timezone.localdate() + dt.timedelta(days=10), judul="Pelatihan Pokdarwis mendatang")
    diklat_di(mulai=timezone.localdate() + dt.timedelta(days=12), judul="Diklat yang dibatalkan", status=StatusDiklat.BATAL)
    client.force_login(operator_a)
    teks = panel(client, dua_wilayah["kel_a"].get_absolute_url())
    assert "Destinasi RW 03 lewat" in teks and "Dua KPM baru nanti" in teks and "Sudah selesai" not in teks
    assert teks.count("badge text-bg-danger") == 1  # only the overdue one is flagged
    assert "1 melewati tenggat" in teks and "Ketapang" not in teks
    assert "Pelatihan Pokdarwis mendatang" in teks and "dibatalkan" not in teks
    assert reverse("pelatihan:rencana-list") in teks


def test_kecamatan_angka(client, camat_a, rencana, dua_wilayah):
    client.force_login(camat_a)
    teks = panel(client, dua_wilayah["kec_a"].get_absolute_url())
    assert "Tercatat: 3" in teks and "Selesai: 1" in teks and "Belum selesai: 2" in teks
    assert f"kecamatan={dua_wilayah['kec_a'].kode}&amp;status=terlambat" in teks


def test_kota_terlambat_ditandai_ke_bappeda(client, bappeda, rencana, dua_wilayah):
    rencana_di(dua_wilayah["kel_b"], uraian="Ketapang lewat lagi", tenggat=timezone.localdate() - dt.timedelta(days=9))
    client.force_login(bappeda)
    teks = panel(client, reverse("wilayah:kota"))
    assert "alert-danger" in teks and "3 komitmen melewati tenggat" in teks
    assert "?status=terlambat" in teks
    # the kelurahan with the most overdue first, each linked to its filtered list
    assert teks.index("Ketapang") < teks.index("Kebonsari Wetan")
    assert f"kelurahan={dua_wilayah['kel_b'].kode}&amp;status=terlambat" in teks


def test_kota_tanpa_terlambat(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    assert "Tidak ada komitmen yang melewati tenggat." in panel(client, reverse("wilayah:kota"))


def test_jumlah_kueri_tetap(bappeda, operator_a, camat_a, dua_wilayah, django_assert_max_num_queries):
    def hitung(user, wilayah, tingkat):
        request = RequestFactory().get("/")
        request.user = user
        PANEL[tingkat](request, wilayah)  # warm the scope cache
        with django_assert_max_num_queries(10) as q:
            PANEL[tingkat](request, wilayah)
        return len(q.captured_queries)

    awal = (hitung(operator_a, dua_wilayah["kel_a"], "kelurahan"), hitung(camat_a, dua_wilayah["kec_a"], "kecamatan"), hitung(bappeda, None, "kota"))
    for i in range(8):
        kel = KelurahanFactory(kecamatan=dua_wilayah["kec_a"])
        rencana_di(kel, tenggat=dt.date(2025, 7, 1))
        rencana_di(dua_wilayah["kel_a"], tenggat=dt.date(2025, 7, 1))
        diklat_di(mulai=timezone.localdate() + dt.timedelta(days=i + 1))
    assert (hitung(operator_a, dua_wilayah["kel_a"], "kelurahan"), hitung(camat_a, dua_wilayah["kec_a"], "kecamatan"), hitung(bappeda, None, "kota")) == awal
    assert awal[0] <= 3 + 2 and awal[1] <= 1 + 2 and awal[2] <= 2 + 2
