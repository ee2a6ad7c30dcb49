"""Every kader page renders for the roles that use it (and refuses those that may not)."""

import pytest
from django.urls import reverse

from kader.models import LombaKPM
from tests.kader.factories import KaderFactory, kepengurusan_kelurahan, nominasi


@pytest.fixture
def isi(dua_wilayah):
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    board = kepengurusan_kelurahan(dua_wilayah["kel_a"])
    n = nominasi(dua_wilayah["kel_a"])
    return {"kader": kader, "board": board, "nominasi": n, "lomba": n.lomba}


def _urls(isi):
    return [
        reverse("kader:index"),
        reverse("kader:kader-list"),
        reverse("kader:sebaran"),
        isi["kader"].get_absolute_url(),
        reverse("kader:forkom-list"),
        isi["board"].get_absolute_url(),
        reverse("kader:lomba-list"),
        isi["lomba"].get_absolute_url(),
        reverse("kader:nominasi-list"),
        isi["nominasi"].get_absolute_url(),
    ]


@pytest.mark.parametrize("peran", ["operator_a", "camat_a", "bappeda", "walikota"])
def test_read_pages_render(client, request, isi, peran):
    client.force_login(request.getfixturevalue(peran))
    for url in _urls(isi):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Kader Pemberdayaan Masyarakat" in response.content.decode() or "KPM" in response.content.decode(), url


def test_write_pages_for_operator(client, operator_a, isi):
    client.force_login(operator_a)
    for url in (
        reverse("kader:kader-create"),
        reverse("kader:kader-update", args=[isi["kader"].pk]),
        reverse("kader:kader-nonaktif", args=[isi["kader"].pk]),
        reverse("kader:kader-impor"),
        reverse("kader:forkom-create"),
        reverse("kader:lomba-usulkan", args=[isi["lomba"].pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("kader:lomba-create")).status_code == 403


def test_bappeda_opens_a_round(client, bappeda):
    client.force_login(bappeda)
    assert client.get(reverse("kader:lomba-create")).status_code == 200
    response = client.post(reverse("kader:lomba-create"), {"tahun": 2026, "tingkat": "kota", "skala": 5, "jumlah_dikirim": 3})
    lomba = LombaKPM.objects.get(tahun=2026)
    assert response.status_code == 302
    client.post(reverse("kader:lomba-kriteria", args=[lomba.pk]), {"nama": "Inovasi", "bobot": 2, "urutan": 1})
    assert lomba.kriteria_set.get().bobot == 2


def test_admin_pages_for_bappeda(client, bappeda, isi):
    client.force_login(bappeda)
    for name in ("kader_pengaturankader", "kader_bidangkerja", "kader_kader", "kader_lombakpm", "kader_kepengurusanforkom"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
