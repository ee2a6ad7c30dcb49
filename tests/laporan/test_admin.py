"""Reports in the admin are read-only, even for a superuser: a report is made only by a run."""

import pytest
from django.urls import reverse

from laporan import services
from laporan.models import LaporanBulanan, Sumber
from tests.factories import UserFactory


@pytest.mark.django_db
def test_admin_laporan_hanya_baca(client, dua_wilayah):
    proses = services.laporan_mulai(tahun=2026, bulan=5, sumber=Sumber.PERINTAH)
    services.jalankan_langsung(proses.pk, kirim_surel=False)
    laporan = LaporanBulanan.objects.filter(tingkat="kota").get()
    client.force_login(UserFactory(username="super", is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:laporan_laporanbulanan_changelist")).status_code == 200
    halaman = client.get(reverse("admin:laporan_laporanbulanan_change", args=[laporan.pk]))
    assert halaman.status_code == 200 and b'name="_save"' not in halaman.content
    assert client.get(reverse("admin:laporan_laporanbulanan_add")).status_code == 403
    assert client.post(reverse("admin:laporan_laporanbulanan_delete", args=[laporan.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:laporan_proseslaporan_add")).status_code == 403
    assert LaporanBulanan.objects.filter(pk=laporan.pk).exists()
