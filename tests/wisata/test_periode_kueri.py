"""A month or year in the query string never gives a 500: bad input shows the current period."""

import pytest
from django.urls import reverse
from django.utils import timezone

from wilayah.periode import bulan_tahun

pytestmark = pytest.mark.django_db

BURUK_BULAN = ["9999-12", "1-1", "0-0", "2025-13", "10000-1", "-1-1", "2025-06-01", "abc", ""]


@pytest.mark.parametrize("bulan", BURUK_BULAN)
def test_kalender_bulan_buruk_menampilkan_bulan_ini(client, bulan):
    response = client.get(reverse("wisata:publik-kalender"), {"bulan": bulan})
    assert response.status_code == 200
    hari_ini = timezone.localdate()
    assert response.context["judul_bulan"] == bulan_tahun(hari_ini.year, hari_ini.month)


@pytest.mark.parametrize("bulan", ["2000-01", "2100-12"])
def test_kalender_di_batas_rentang(client, bulan):
    response = client.get(reverse("wisata:publik-kalender"), {"bulan": bulan})
    assert response.status_code == 200
    assert client.get(reverse("wisata:publik-kalender"), {"bulan": response.context["bulan_sebelum"]}).status_code == 200
    assert client.get(reverse("wisata:publik-kalender"), {"bulan": response.context["bulan_sesudah"]}).status_code == 200


@pytest.mark.parametrize("tahun", ["0", "10000", "-5", "abc", "", "99999999999999999999"])
def test_halaman_kota_tahun_buruk_menampilkan_tahun_ini(client, bappeda, tahun):
    client.force_login(bappeda)
    response = client.get(reverse("wisata:kota"), {"tahun": tahun})
    assert response.status_code == 200
    assert response.context["tahun"] == timezone.localdate().year
