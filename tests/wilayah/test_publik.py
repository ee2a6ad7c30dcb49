"""wilayah.publik: a public page built once per state of its data for anonymous visitors, its tanda kept
and forgotten by saves and deletes, conditional answers, a gzip copy for clients that accept it."""

import gzip

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import KecamatanFactory, UserFactory
from wilayah.models import Kecamatan
from wilayah.publik import SumberTanda, Tanda, daftarkan_tanda, halaman_publik, lupakan_tanda, tanda

pytestmark = pytest.mark.django_db


class _Hitungan:
    """A source whose state is a number the test changes, counting how often it is read and pages built."""

    def __init__(self):
        self.versi, self.dibaca, self.dibangun = 1, 0, 0

    def hitung(self, hari_ini):
        self.dibaca += 1
        return Tanda(isi=str(self.versi), diubah=timezone.now().replace(microsecond=0))

    def view(self, request):
        self.dibangun += 1
        return HttpResponse(f"halaman {self.versi} {request.GET.urlencode()} " * 200, content_type="text/plain; charset=utf-8")


@pytest.fixture
def sumber():
    h = _Hitungan()
    s = SumberTanda(nama=f"uji.{id(h)}", hitung=h.hitung, model=())
    return h, s


def _minta(view, path="/publik/", user=None, **kepala):
    request = RequestFactory().get(path, **kepala)
    request.user = user or AnonymousUser()
    return view(request)


def test_dibangun_sekali_per_keadaan_dan_tanda_disimpan(sumber):
    h, s = sumber
    view = halaman_publik(s)(h.view)
    pertama = _minta(view)
    kedua = _minta(view)
    assert (h.dibaca, h.dibangun) == (1, 1), "the second visitor reads neither the tanda's query nor builds the page"
    assert kedua.content == pertama.content and kedua["ETag"] == pertama["ETag"] and kedua["Last-Modified"]
    h.versi = 2
    lupakan_tanda(s)
    ketiga = _minta(view)
    assert h.dibangun == 2 and ketiga["ETag"] != pertama["ETag"] and b"halaman 2" in ketiga.content


def test_saringan_dan_halaman_disimpan_terpisah(sumber):
    h, s = sumber
    view = halaman_publik(s)(h.view)
    a = _minta(view, "/publik/?kecamatan=1")
    b = _minta(view, "/publik/?kecamatan=2")
    assert h.dibangun == 2 and a["ETag"] != b["ETag"] and b"kecamatan=2" in b.content
    assert _minta(view, "/publik/?kecamatan=1").content == a.content and h.dibangun == 2


def test_304_bila_etag_atau_waktu_sama(sumber):
    h, s = sumber
    view = halaman_publik(s)(h.view)
    pertama = _minta(view)
    assert _minta(view, HTTP_IF_NONE_MATCH=pertama["ETag"]).status_code == 304
    assert _minta(view, HTTP_IF_MODIFIED_SINCE=pertama["Last-Modified"]).status_code == 304
    assert _minta(view, HTTP_IF_NONE_MATCH='"lain"').status_code == 200
    assert h.dibangun == 1


def test_pengguna_masuk_tidak_pernah_disimpan(sumber):
    h, s = sumber
    view = halaman_publik(s)(h.view)
    user = UserFactory()
    for _ in range(2):
        response = _minta(view, user=user)
        assert response.status_code == 200 and not response.has_header("ETag")
    assert h.dibangun == 2 and h.dibaca == 0
    _minta(view)
    assert h.dibangun == 3, "an anonymous visitor never gets a signed-in visitor's page"


def test_salinan_gzip_untuk_yang_menerimanya(sumber):
    h, s = sumber
    view = halaman_publik(s, gzip_juga=True)(h.view)
    polos = _minta(view)
    assert not polos.has_header("Content-Encoding") and "Accept-Encoding" in polos["Vary"]
    padat = _minta(view, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert padat["Content-Encoding"] == "gzip" and "Accept-Encoding" in padat["Vary"]
    assert gzip.decompress(padat.content) == polos.content and len(padat.content) < len(polos.content)
    assert padat["ETag"] == "W/" + polos["ETag"]
    assert _minta(view, HTTP_IF_NONE_MATCH=padat["ETag"], HTTP_ACCEPT_ENCODING="gzip").status_code == 304
    assert _minta(view).content == polos.content, "a client without gzip still gets plain text"
    assert h.dibangun == 1, "the gzip copy is kept when the page is built"


def test_halaman_tanpa_query_tidak_membuat_entri_baru(sumber):
    h, s = sumber
    view = halaman_publik(s, baca_query=False)(h.view)
    pertama = _minta(view, "/feed/")
    kedua = _minta(view, "/feed/?x=1")
    assert h.dibangun == 1 and kedua["ETag"] == pertama["ETag"]


def test_keadaan_baru_menimpa_entri_halaman(sumber):
    """One entry per page: a new state of the data rebuilds it in place (old states take no memory)."""
    from django.core.cache import cache

    h, s = sumber
    view = halaman_publik(s)(h.view)
    _minta(view)
    kunci = set(cache._cache)
    h.versi = 2
    lupakan_tanda(s)
    assert b"halaman 2" in _minta(view).content and h.dibangun == 2
    assert set(cache._cache) == kunci


def test_simpan_atau_hapus_model_melupakan_tanda():
    h = _Hitungan()
    s = SumberTanda(nama="uji.model", hitung=h.hitung, model=(Kecamatan,))
    daftarkan_tanda(s)
    try:
        tanda(s)
        tanda(s)
        assert h.dibaca == 1
        kec = KecamatanFactory()
        tanda(s)
        assert h.dibaca == 2, "a save forgets the kept tanda"
        kec.delete()
        tanda(s)
        assert h.dibaca == 3, "a delete forgets it too"
    finally:
        for sinyal in (post_save, post_delete):
            sinyal.disconnect(sender=Kecamatan, dispatch_uid="wilayah.publik:uji.model:wilayah.Kecamatan")
