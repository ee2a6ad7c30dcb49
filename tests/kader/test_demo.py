from kader import demo
from kader.models import AnggotaForkom, Kader, NominasiLomba
from wilayah import demo as wilayah_demo


def test_demo_is_idempotent_and_valid(db):
    wilayah_demo.muat_demo()
    demo.muat_demo()
    jumlah = (Kader.objects.count(), AnggotaForkom.objects.count(), NominasiLomba.objects.count())
    demo.muat_demo()
    assert (Kader.objects.count(), AnggotaForkom.objects.count(), NominasiLomba.objects.count()) == jumlah
    assert jumlah[0] >= 6 and jumlah[1] == 3 and jumlah[2] == 2
    for kader in Kader.objects.all():
        kader.full_clean()
