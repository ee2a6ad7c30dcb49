"""A list's filter form folds behind "Saring (n)" on a phone (wilayah/_filter_form_isi.html,
wilayah.daftar.jumlah_saringan_aktif): n counts the filters the request sets (ordering and the page
not counted), the form is open when n > 0 or a filter is wrong, and the kept form
(``form_saring_html``, kept per query string) never shows another query's count."""

import re

import pytest
from django.urls import reverse

from kader.filters import KaderFilterSet
from wilayah.daftar import jumlah_saringan_aktif

pytestmark = pytest.mark.django_db

URL = reverse("kader:kader-list")


def _tombol_dan_lipatan(client, url):
    html = client.get(url).content.decode()
    tombol = re.search(r'<button class="([^"]*tombol-saring[^"]*)"[^>]*aria-expanded="(\w+)"[^>]*>(.*?)</button>', html, re.S)
    lipatan = re.search(r'<div class="(collapse saring-lipat[^"]*)" id="saring-daftar">', html)
    teks = re.sub(r"<[^>]+>", "", tombol.group(3)).strip()
    return teks, tombol.group(2), "show" in lipatan.group(1).split(), "collapsed" in tombol.group(1).split()


def test_tanpa_saringan_tombol_tanpa_angka_dan_terlipat(client, operator_a):
    client.force_login(operator_a)
    assert _tombol_dan_lipatan(client, URL) == ("Saring", "false", False, True)
    # ordering and page are not filters
    assert _tombol_dan_lipatan(client, URL + "?urut=-nama&page=2") == ("Saring", "false", False, True)


def test_saringan_aktif_dihitung_dan_terbuka(client, operator_a):
    client.force_login(operator_a)
    assert _tombol_dan_lipatan(client, URL + "?q=Siti&status=aktif&urut=nama") == ("Saring (2)", "true", True, False)
    # the kept form of another query string: its own count
    assert _tombol_dan_lipatan(client, URL + "?q=Siti") == ("Saring (1)", "true", True, False)
    assert _tombol_dan_lipatan(client, URL) == ("Saring", "false", False, True)


def test_saringan_salah_membuka_form(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    teks, terbuka, show, _ = _tombol_dan_lipatan(client, URL + "?kelurahan=999999")
    assert (teks, terbuka, show) == ("Saring (1)", "true", True)


def test_hitungan_dari_data_form(rf, operator_a):
    request = rf.get(URL, {"q": " ", "status": "", "rw": "3", "urut": "nama", "page": "4", "peran": "penggerak"})
    request.user = operator_a
    form = KaderFilterSet(request.GET, request=request).form
    assert jumlah_saringan_aktif(form) == 2  # rw and peran; a blank search, an empty status, order and page are not
