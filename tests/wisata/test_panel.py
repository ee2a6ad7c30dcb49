"""The wisata panel of a kelurahan or kecamatan: the month's figures without reading the city targets it never prints."""

import pytest
from django.test import RequestFactory
from django.utils import timezone

from tests.factories import RWFactory
from tests.wisata.factories import DestinasiFactory, EventFactory
from wisata.models import Destinasi, TargetProgram
from wisata.panel import panel_kecamatan, panel_kelurahan
from wisata.ringkasan import ringkasan_bulanan, total_kota
from wilayah.scoping import boleh

pytestmark = pytest.mark.django_db


def test_panel_kelurahan_empat_kueri_angka_sama(operator_a, dua_wilayah, django_assert_num_queries):
    kel = dua_wilayah["kel_a"]
    rw1 = RWFactory(kelurahan=kel, nomor=1)
    RWFactory(kelurahan=kel, nomor=2)
    DestinasiFactory(kelurahan=kel, rw=rw1)
    EventFactory(kelurahan=kel, tanggal_mulai=timezone.localdate())
    TargetProgram.objects.create(tahun=timezone.localdate().year, target_destinasi_baru=7, target_event_tahunan=3, target_rw_persen=80)
    request = RequestFactory().get("/")
    request.user = operator_a
    boleh(operator_a, Destinasi)  # the scope and permissions are read once per request (cached on the user)
    with django_assert_num_queries(4):  # the kelurahan (scoped ids as a subquery), covered RWs, destinations, events: no TargetProgram
        ctx = panel_kelurahan(request, kel)
    hari_ini = timezone.localdate()
    penuh = total_kota(ringkasan_bulanan(hari_ini.year, hari_ini.month, kelurahan_ids=[kel.pk]))
    for kunci in ("rw_tercakup", "jumlah_rw", "persen_rw", "destinasi_aktif", "destinasi_pengembangan", "destinasi_potensi", "event_bulan_ini", "rw_belum"):
        assert ctx["total"][kunci] == penuh[kunci], kunci  # what the panel prints: as with the targets read
    assert (ctx["total"]["rw_tercakup"], ctx["total"]["jumlah_rw"], ctx["total"]["event_bulan_ini"]) == (1, 2, 1)


def test_panel_kecamatan_tanpa_target(camat_a, dua_wilayah, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = camat_a
    boleh(camat_a, Destinasi)
    with django_assert_num_queries(4):
        panel_kecamatan(request, dua_wilayah["kec_a"])
