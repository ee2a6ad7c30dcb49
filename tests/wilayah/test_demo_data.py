import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from laporan import demo as demo_laporan
from laporan.models import LaporanBulanan
from wilayah.models import RW, Kelurahan, Lingkup


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_gives_a_user_per_role(monkeypatch):
    # The command's wiring, not the size of each app's demo: one month of reports instead of six
    # (each report is a PDF and a workbook, twice the suite's slowest test; tests/laporan/test_demo.py
    # checks the months of the reports' demo, each app's test_demo.py its own demo made once).
    monkeypatch.setattr(demo_laporan, "BULAN_DEMO", 1)
    call_command("demo_data")
    counts = (get_user_model().objects.count(), RW.objects.count(), Lingkup.objects.count(), LaporanBulanan.objects.count())
    call_command("demo_data")
    assert (get_user_model().objects.count(), RW.objects.count(), Lingkup.objects.count(), LaporanBulanan.objects.count()) == counts
    assert Kelurahan.objects.count() == 29
    assert LaporanBulanan.objects.filter(tingkat="kota").count() == 1  # the programme apps' demos ran
    assert RW.objects.filter(kelurahan__kode="35.74.04.1004").exists()
    roles = set(get_user_model().objects.values_list("groups__name", flat=True))
    assert {"Operator Kelurahan", "Camat", "Bappeda", "Kantor Wali Kota"} <= roles
    assert get_user_model().objects.get(username="lurah.kebonsariwetan").check_password("Probolinggo-Demo-2026")
