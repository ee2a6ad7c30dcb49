"""The province generator makes valid rows, and every page's query count does not grow with the data.

``benchmarks/provinsi.py`` writes with ``bulk_create`` (no ``clean()``): ``test_baris_sah`` runs
``full_clean()`` on a sample of every model's rows of a small build. ``test_kueri_tetap`` builds the
province at 13 kelurahan and at 20 times that (260) and asks each page of ``benchmarks.halaman.HALAMAN``
(the load benchmark's list: city-wide Bappeda user, kelurahan operator, anonymous) at both sizes:
the number of queries must be the same (issue 14: "query counts constant between 1/20 and full size").
"""

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client

from benchmarks.halaman import ANONIM, HALAMAN, hitung_kueri, pengguna_bench, url_pada
from benchmarks.provinsi import bangun

KECIL, BESAR = 13, 260


def _sampel(qs, n=40):
    """The first, last and evenly spread rows (the generator's variants rotate with the row number)."""
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    langkah = max(1, len(ids) // n)
    return list(qs.model._default_manager.filter(pk__in=ids[::langkah] + ids[-3:]))


@pytest.mark.django_db
def test_baris_sah():
    from kader.models import Kader
    from lkk.models import Lembaga, Pengurus
    from wilayah.models import RT, RW, Kecamatan, Kelurahan
    from wilayah.nik import kode_nik_kecamatan
    from wisata.models import Destinasi, Event

    p = bangun(n_kelurahan=26)
    assert (p.kecamatan, p.kelurahan, p.rw, p.rt) == (2, 26, 130, 520)
    assert (Kader.objects.count(), Lembaga.objects.count(), Pengurus.objects.count()) == (p.kader, p.lembaga, p.pengurus)
    assert 240 <= p.kader <= 280 and p.lembaga == 122 and 900 <= p.pengurus <= 930
    for model in (Kecamatan, Kelurahan, RW, RT, Kader, Lembaga, Pengurus, Destinasi, Event):
        for obj in _sampel(model.objects.all()):
            obj.full_clean()
    # every NIK is unique, starts with its kelurahan's kecamatan code and is recognised as from the region
    nik = list(Kader.objects.values_list("nik", "kelurahan__kecamatan__kode")) + list(
        Pengurus.objects.values_list("nik", "lembaga__kelurahan__kecamatan__kode")
    )
    assert len({n for n, _k in nik}) == len(nik)
    assert all(n[:6] == k.replace(".", "") for n, k in nik)
    assert {n[:6] for n, _k in nik} <= kode_nik_kecamatan()
    # cadres per kelurahan vary around ten: some below five, some above ten (the 5-10 target)
    from django.db.models import Count

    per_kel = list(Kelurahan.objects.annotate(n=Count("kader_set")).values_list("n", flat=True))
    assert min(per_kel) < 5 and max(per_kel) > 10


def _hitung_semua(n_kelurahan):
    """{(role, url): (status, queries)} for every page of HALAMAN on a province of ``n_kelurahan``."""
    hasil = {}
    with transaction.atomic():
        bangun(n_kelurahan=n_kelurahan)
        caches["default"].clear()
        users = pengguna_bench()
        klien = {}
        for peran, user in users.items():
            klien[peran] = Client()
            if user is not None:
                klien[peran].force_login(user)
        kelurahan = users["kelurahan"].lingkup.kelurahan
        for peran, url, _label in HALAMAN:
            status, n_kueri, _bita, _detik = hitung_kueri(klien[peran], url_pada(url, n_kelurahan, kelurahan))
            hasil[(peran, url)] = (status, n_kueri)
        transaction.set_rollback(True)
    caches["default"].clear()
    return hasil


@pytest.mark.django_db
def test_kueri_tetap(monkeypatch, hitung_selalu):
    # Every list counts its rows on every request here: a count kept in the cache only from 10,000 rows
    # up (wilayah.daftar.hitung, tested in tests/wilayah/test_halaman_dalam.py) would be one query fewer
    # at the larger size only.
    monkeypatch.setattr("wilayah.daftar.HITUNGAN_SIMPAN_MIN", float("inf"))
    # Nor does a list take its count from a first page that holds it all (hitung_selalu): a city list fits on
    # one page of the small build only.
    # Likewise every home page renders its panels afresh (wilayah.panels keeps them a minute otherwise).
    monkeypatch.setattr("wilayah.panels.PANEL_SIMPAN_DETIK", 0)
    kecil, besar = _hitung_semua(KECIL), _hitung_semua(BESAR)
    assert {p for p, _u, _l in HALAMAN} == {"kota", "kelurahan", ANONIM}
    salah = []
    for p, u, _l in HALAMAN:
        (s_kecil, q_kecil), (s_besar, q_besar) = kecil[(p, u)], besar[(p, u)]
        if {s_kecil, s_besar} != {200}:
            salah.append(f"{p} {u}: status {s_kecil} at {KECIL} kelurahan, {s_besar} at {BESAR}")
        elif q_kecil != q_besar:
            salah.append(f"{p} {u}: {q_kecil} queries at {KECIL} kelurahan, {q_besar} at {BESAR}")
    assert not salah, "pages whose query count grows with the data (or that do not answer 200):\n" + "\n".join(salah)
