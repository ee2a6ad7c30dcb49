import pytest

from wilayah import demo as demo_wilayah
from wisata import demo
from wisata.models import Destinasi, Event, FotoDestinasi, StatusDestinasi

pytestmark = pytest.mark.django_db


def test_demo_idempoten():
    demo_wilayah.muat_demo()
    demo.muat_demo()
    jumlah = (Destinasi.objects.count(), Event.objects.count(), FotoDestinasi.objects.count())
    demo.muat_demo()
    assert (Destinasi.objects.count(), Event.objects.count(), FotoDestinasi.objects.count()) == jumlah
    assert Destinasi.objects.filter(kelurahan__kode="35.74.04.1004", status=StatusDestinasi.AKTIF).count() == 3
    assert Event.objects.filter(tahunan=True).count() == 2
    assert jumlah[2] == 5
