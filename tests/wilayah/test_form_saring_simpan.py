"""A list page's filter form kept a minute (wilayah.daftar.form_saring_html): a reload renders no field and
runs no query of the choices, a write of what the choices read renders it afresh at once, and a kept form
is never another user's nor another filter's."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kader.models import BidangKerja
from tests.factories import KelurahanFactory

pytestmark = [pytest.mark.django_db, pytest.mark.form_saring_disimpan]

URL = reverse("kader:kader-list")


def _kunjungi(client, url=URL):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    awal = html.index('role="search"')
    return html[awal : html.index("</form>", awal)], [q["sql"] for q in ctx.captured_queries]


def _opsi(form_html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', form_html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_second_visit_renders_the_same_form_without_the_choice_queries(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    pertama, kueri_pertama = _kunjungi(client)
    kedua, kueri_kedua = _kunjungi(client)
    assert kedua == pertama and "Ekonomi" in _opsi(kedua, "bidang")
    assert any('FROM "kader_bidangkerja"' in q for q in kueri_pertama)
    assert not any('FROM "kader_bidangkerja"' in q for q in kueri_kedua)
    assert len(kueri_kedua) == len(kueri_pertama) - 1


def test_a_new_choice_shows_at_once(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    assert "Perikanan" not in _opsi(_kunjungi(client)[0], "bidang")
    BidangKerja.objects.create(nama="Perikanan", urutan=1)
    assert "Perikanan" in _opsi(_kunjungi(client)[0], "bidang")
    BidangKerja.objects.filter(nama="Perikanan").get().delete()
    assert "Perikanan" not in _opsi(_kunjungi(client)[0], "bidang")


def test_a_new_region_shows_at_once(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    url = reverse("wilayah:rw-list") + f"?kecamatan={dua_wilayah['kec_a'].kode}"
    assert _opsi(_kunjungi(client, url)[0], "kelurahan") == ["Semua kelurahan", "Kelurahan Kebonsari Wetan"]
    KelurahanFactory(kode="35.74.04.1099", nama="Baru", kecamatan=dua_wilayah["kec_a"])
    assert _opsi(_kunjungi(client, url)[0], "kelurahan") == ["Semua kelurahan", "Kelurahan Kebonsari Wetan", "Kelurahan Baru"]


def test_kept_per_filter_values_and_errors(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    kosong, _ = _kunjungi(client)
    dicari, _ = _kunjungi(client, URL + "?q=Siti")
    assert 'value="Siti"' in dicari and 'value="Siti"' not in kosong
    assert 'value="Siti"' not in _kunjungi(client, URL + "?page=2")[0]
    salah, _ = _kunjungi(client, URL + "?kelurahan=999999")
    assert "invalid-feedback" in salah and "invalid-feedback" not in _kunjungi(client)[0]
    assert "invalid-feedback" in _kunjungi(client, URL + "?kelurahan=999999")[0]


def test_never_another_users_form(client, operator_a, bappeda, dua_wilayah):
    client.force_login(bappeda)
    kota, _ = _kunjungi(client)
    client.force_login(operator_a)
    kelurahan, _ = _kunjungi(client)
    assert "Ketapang" in kota and "Ketapang" not in kelurahan  # the other kelurahan: not in the operator's pickers
    assert "Cari nama" in kelurahan or "NIK" in kelurahan


def test_not_kept_when_turned_off(client, operator_a, dua_wilayah, monkeypatch):
    monkeypatch.setattr("wilayah.daftar.FORM_SARING_SIMPAN_DETIK", 0)
    client.force_login(operator_a)
    _kunjungi(client)
    assert any('FROM "kader_bidangkerja"' in q for q in _kunjungi(client)[1])
