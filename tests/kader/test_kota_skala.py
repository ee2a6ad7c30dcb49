"""City pages by level (issue 14): /wilayah/kota/, /kader/ and /kader/target/ for a city user read the
stored city figures (wilayah.angka) and list kecamatan, never one row per kelurahan; a kecamatan opens
its kelurahan (?kecamatan=<kode>), counted live. Query counts are pinned and do not grow with the data."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kader.models import Kader
from tests.factories import make_user
from tests.kader.factories import banyak_kader
from wilayah.angka import perbarui
from wilayah.models import RW, Kecamatan, Kelurahan
from wilayah.roles import BAPPEDA, CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

# (kode, nama, kader per kelurahan by position, RW per kelurahan): 20 kelurahan each.
KECAMATAN = [
    ("35.74.10", "Zeta", lambda j: 6, 0),  # every kelurahan within the 5-10 target
    ("35.74.11", "Alfa", lambda j: 2 if j < 10 else 6, 1),  # 10 below
    ("35.74.12", "Mawar", lambda j: 12 if j < 5 else 1, 2),  # 5 above, 15 below
]
_nik = {"n": 0}


def bangun(kecamatan=KECAMATAN, per_kecamatan=20):
    for kode, nama, kader, rw in kecamatan:
        kec = Kecamatan.objects.create(kode=kode, nama=nama)
        kelurahan = Kelurahan.objects.bulk_create(
            [Kelurahan(kode=f"{kode}.{1001 + j:04d}", nama=f"Kelurahan {nama} {j:03d}", kecamatan=kec) for j in range(per_kecamatan)]
        )
        RW.objects.bulk_create([RW(kelurahan=k, nomor=n) for k in kelurahan for n in range(1, rw + 1)])
        for j, kel in enumerate(kelurahan):
            banyak_kader(kel, kader(j), mulai=_nik["n"])
            _nik["n"] += kader(j)


@pytest.fixture
def kota(db):
    bangun()
    return make_user(BAPPEDA, username="bappeda_skala")


def _kode_baris(html: str) -> list[str]:
    return re.findall(r'<tr class="baris-kecamatan">\s*<td>\s*([\d.]+)</td>', html)


def _kueri(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


HALAMAN = [
    ("wilayah:kota", ""),
    ("kader:index", ""),
    ("kader:sebaran", ""),
    ("kader:sebaran", "?kecamatan=35.74.11"),
    ("kader:sebaran", "?urut=-kurang&page=2"),
]
# Pinned: the page's own queries (session, user, scope, permissions, the stored row...). The city page's
# figure is a ceiling: it includes every programme's city panel, which other programmes may make cheaper.
TEPAT = {"kader:index": 5, "kader:sebaran": 5}
BATAS_KOTA = 22


@pytest.mark.parametrize("nama, qs", HALAMAN)
def test_kueri_tetap_walau_data_dua_kali_lipat(client, kota, nama, qs, django_assert_num_queries, django_assert_max_num_queries, panel_tanpa_simpan):
    client.force_login(kota)
    url = reverse(nama) + qs
    perbarui()  # the Celery task (beat) stores the city figures; the page only reads them
    client.get(url)
    sedikit = _kueri(client, url)
    if nama == "wilayah:kota":
        with django_assert_max_num_queries(BATAS_KOTA):
            client.get(url)
    else:
        with django_assert_num_queries(TEPAT[nama] + (4 if "kecamatan=" in qs else 0)):  # the drill-down counts live
            client.get(url)
    bangun([(f"35.74.{20 + i}", f"Baru {i}", lambda j: j % 12, 1) for i in range(3)], per_kecamatan=20)
    perbarui()
    assert _kueri(client, url) == sedikit


def test_halaman_kota_satu_baris_per_kecamatan(client, kota):
    client.force_login(kota)
    for url in (reverse("wilayah:kota"), reverse("kader:sebaran")):
        html = client.get(url).content.decode()
        assert _kode_baris(html) == ["35.74.10", "35.74.11", "35.74.12"], url
        assert "Kelurahan Alfa 000" not in html and 'class="baris-kelurahan"' not in html
        assert "Angka per " in html  # says when the stored figures were computed
    html = client.get(reverse("wilayah:kota")).content.decode()
    assert reverse("wilayah:kecamatan-detail", kwargs={"kode": "35.74.11"}) in html  # drill-down to its kelurahan
    assert "?kecamatan=35.74.11" in client.get(reverse("kader:sebaran")).content.decode()


def test_angka_kader_per_kecamatan(client, kota):
    client.force_login(kota)
    baris = {b["kode"]: b for b in client.get(reverse("kader:sebaran")).context["tabel"].halaman.object_list}
    assert [(baris[k]["kurang"], baris[k]["cukup"], baris[k]["lebih"], baris[k]["kpm_aktif"]) for k in sorted(baris)] == [
        (0, 20, 0, 120), (10, 10, 0, 80), (15, 0, 5, 75),
    ]  # fmt: skip
    assert Kader.objects.aktif().count() == 275
    html = client.get(reverse("kader:index")).content.decode()
    assert "275 kader aktif di 60 kelurahan; 25 kelurahan masih di bawah target." in html


URUT_SEBARAN = {
    "kode": ["35.74.10", "35.74.11", "35.74.12"], "-kode": ["35.74.12", "35.74.11", "35.74.10"],
    "nama": ["35.74.11", "35.74.12", "35.74.10"], "-nama": ["35.74.10", "35.74.12", "35.74.11"],
    "kelurahan": ["35.74.10", "35.74.11", "35.74.12"], "-kelurahan": ["35.74.10", "35.74.11", "35.74.12"],  # ties: kode
    "kpm": ["35.74.12", "35.74.11", "35.74.10"], "-kpm": ["35.74.10", "35.74.11", "35.74.12"],
    "kurang": ["35.74.10", "35.74.11", "35.74.12"], "-kurang": ["35.74.12", "35.74.11", "35.74.10"],
    "lebih": ["35.74.10", "35.74.11", "35.74.12"], "-lebih": ["35.74.12", "35.74.10", "35.74.11"],
    "persen": ["35.74.12", "35.74.11", "35.74.10"], "-persen": ["35.74.10", "35.74.11", "35.74.12"],
    "tak_dikenal": ["35.74.10", "35.74.11", "35.74.12"],
}  # fmt: skip
URUT_KOTA = {
    "kode": ["35.74.10", "35.74.11", "35.74.12"], "-kode": ["35.74.12", "35.74.11", "35.74.10"],
    "nama": ["35.74.11", "35.74.12", "35.74.10"], "-nama": ["35.74.10", "35.74.12", "35.74.11"],
    "kelurahan": ["35.74.10", "35.74.11", "35.74.12"], "-kelurahan": ["35.74.10", "35.74.11", "35.74.12"],
    "rw": ["35.74.10", "35.74.11", "35.74.12"], "-rw": ["35.74.12", "35.74.11", "35.74.10"],
    "__init__": ["35.74.10", "35.74.11", "35.74.12"],
}  # fmt: skip


@pytest.mark.parametrize("urut", sorted(URUT_SEBARAN))
def test_urut_sebaran(client, kota, urut):
    client.force_login(kota)
    assert _kode_baris(client.get(reverse("kader:sebaran"), {"urut": urut}).content.decode()) == URUT_SEBARAN[urut]


@pytest.mark.parametrize("urut", sorted(URUT_KOTA))
def test_urut_kota(client, kota, urut):
    client.force_login(kota)
    assert _kode_baris(client.get(reverse("wilayah:kota"), {"urut": urut}).content.decode()) == URUT_KOTA[urut]


def test_tautan_urut_dan_halaman_buruk(client, kota):
    client.force_login(kota)
    html = client.get(reverse("kader:sebaran"), {"urut": "kurang", "page": "999"}).content.decode()
    assert 'href="?urut=-kurang"' in html and _kode_baris(html) == URUT_SEBARAN["kurang"]


def test_drill_down_kelurahan_kecamatan_itu_saja(client, kota):
    client.force_login(kota)
    response = client.get(reverse("kader:sebaran"), {"kecamatan": "35.74.12"})
    html = response.content.decode()
    assert html.count('class="baris-kelurahan"') == 20
    assert "Kelurahan Mawar 000" in html and "Kelurahan Alfa" not in html and "Kelurahan Zeta" not in html
    assert 'class="baris-kecamatan"' not in html
    assert len(response.context["kurang"]) == 15 and len(response.context["lebih"]) == 5


@pytest.mark.parametrize("nilai", ["99.99.99", "abc", "35.74.1", "1"])
def test_kecamatan_tak_dikenal_galat_formulir(client, kota, nilai):
    client.force_login(kota)
    response = client.get(reverse("kader:sebaran"), {"kecamatan": nilai})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="galat-kecamatan"' in html
    assert _kode_baris(html) == ["35.74.10", "35.74.11", "35.74.12"]  # the city table, nothing else


def test_camat_melihat_kelurahannya_dan_kecamatan_lain_galat(client, kota):
    camat = make_user(CAMAT, kecamatan=Kecamatan.objects.get(kode="35.74.11"), username="camat_alfa")
    client.force_login(camat)
    html = client.get(reverse("kader:sebaran")).content.decode()
    assert html.count('class="baris-kelurahan"') == 20 and "Kelurahan Mawar" not in html and 'class="baris-kecamatan"' not in html
    response = client.get(reverse("kader:sebaran"), {"kecamatan": "35.74.12"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="galat-kecamatan"' in html
    assert html.count('class="baris-kelurahan"') == 20 and "Kelurahan Mawar" not in html
    html = client.get(reverse("kader:index")).content.decode()
    assert "80 kader aktif di 20 kelurahan; 10 kelurahan masih di bawah target." in html
    assert "Angka per " not in html  # counted live for its own kecamatan


def test_operator_melihat_kelurahannya_sendiri(client, kota):
    kel = Kelurahan.objects.get(kode="35.74.12.1001")
    client.force_login(make_user(OPERATOR_KELURAHAN, kelurahan=kel, username="operator_mawar"))
    html = client.get(reverse("kader:sebaran")).content.decode()
    assert html.count('class="baris-kelurahan"') == 1 and "Kelurahan Mawar 000" in html


def test_angka_tersimpan_bukan_dihitung_per_permintaan(client, kota):
    """The city figures are those the task stored; a cadre added afterwards shows after the next refresh."""
    client.force_login(kota)
    perbarui()
    banyak_kader(Kelurahan.objects.get(kode="35.74.10.1001"), 1, mulai=90_000)
    assert "275 kader aktif" in client.get(reverse("kader:index")).content.decode()
    perbarui()
    assert "276 kader aktif" in client.get(reverse("kader:index")).content.decode()
