"""KPM Berprestasi: nominations, jury scores, computed weighted ranking, sending on to the province."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kader import services
from kader.models import KriteriaLomba, LombaKPM, NominasiLomba, StatusKader
from tests.factories import make_user
from tests.kader.factories import KaderFactory
from wilayah.roles import BAPPEDA


@pytest.fixture
def lomba(db):
    lomba = LombaKPM.objects.create(tahun=2025, skala=100, jumlah_dikirim=2)
    KriteriaLomba.objects.create(lomba=lomba, nama="Inovasi", bobot=3, urutan=1)
    KriteriaLomba.objects.create(lomba=lomba, nama="Dampak", bobot=1, urutan=2)
    return lomba


def _k(lomba):
    return {k.nama: k.pk for k in lomba.kriteria_set.all()}


def test_operator_nominates_only_own_active_cadres(lomba, operator_a, dua_wilayah):
    sendiri = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    luar = KaderFactory(kelurahan=dua_wilayah["kel_b"])
    nonaktif = KaderFactory(kelurahan=dua_wilayah["kel_a"], status=StatusKader.NONAKTIF, alasan_nonaktif="x", tanggal_nonaktif=dt.date(2024, 1, 1))
    services.lomba_usulkan(lomba=lomba, kader=sendiri, prestasi="Bank sampah", acting_user=operator_a)
    for kader in (luar, nonaktif):
        with pytest.raises(ValidationError):
            services.lomba_usulkan(lomba=lomba, kader=kader, prestasi="x", acting_user=operator_a)
    with pytest.raises(ValidationError, match="sudah diusulkan"):
        services.lomba_usulkan(lomba=lomba, kader=sendiri, prestasi="lagi", acting_user=operator_a)


def test_camat_cannot_nominate(lomba, camat_a, dua_wilayah):
    with pytest.raises(PermissionDenied):
        services.lomba_usulkan(lomba=lomba, kader=KaderFactory(kelurahan=dua_wilayah["kel_a"]), prestasi="x", acting_user=camat_a)


def test_juries_and_scale(lomba, operator_a, bappeda, dua_wilayah):
    n = services.lomba_usulkan(lomba=lomba, kader=KaderFactory(kelurahan=dua_wilayah["kel_a"]), prestasi="x", acting_user=operator_a)
    k = _k(lomba)
    with pytest.raises(PermissionDenied):
        services.lomba_beri_nilai(nominasi=n, nilai={k["Inovasi"]: 80}, acting_user=operator_a)
    with pytest.raises(ValidationError, match="1 sampai 100"):
        services.lomba_beri_nilai(nominasi=n, nilai={k["Inovasi"]: 101}, acting_user=bappeda)
    lomba.skala = 5
    lomba.save()
    with pytest.raises(ValidationError, match="1 sampai 5"):
        services.lomba_beri_nilai(nominasi=n, nilai={k["Inovasi"]: 6}, acting_user=bappeda)
    # A jury list on the round replaces "every Bappeda user".
    juri = make_user(BAPPEDA, username="juri_tamu")
    lomba.juri.add(juri)
    with pytest.raises(PermissionDenied):
        services.lomba_beri_nilai(nominasi=n, nilai={k["Inovasi"]: 4}, acting_user=bappeda)
    services.lomba_beri_nilai(nominasi=n, nilai={k["Inovasi"]: 4}, acting_user=juri)


def test_ranking_is_the_weighted_average_and_top_are_sent(lomba, operator_a, bappeda, dua_wilayah):
    juri2 = make_user(BAPPEDA, username="juri2")
    k = _k(lomba)
    a, b, c = (services.lomba_usulkan(lomba=lomba, kader=KaderFactory(kelurahan=dua_wilayah["kel_a"], nama=nama), prestasi="x", acting_user=operator_a) for nama in "ABC")
    # A: Inovasi (80, 60) -> 70, Dampak 90 -> (3*70 + 1*90) / 4 = 75.00
    services.lomba_beri_nilai(nominasi=a, nilai={k["Inovasi"]: 80, k["Dampak"]: 90}, acting_user=bappeda)
    services.lomba_beri_nilai(nominasi=a, nilai={k["Inovasi"]: 60}, acting_user=juri2)
    # B: Inovasi 90, Dampak 10 -> (270 + 10) / 4 = 70.00
    services.lomba_beri_nilai(nominasi=b, nilai={k["Inovasi"]: 90, k["Dampak"]: 10}, acting_user=bappeda)
    # C: Inovasi 50, Dampak 100 -> (150 + 100) / 4 = 62.50
    services.lomba_beri_nilai(nominasi=c, nilai={k["Inovasi"]: 50, k["Dampak"]: 100}, acting_user=bappeda)
    baris = services.peringkat_lomba(lomba)
    assert [(b_.nominasi.kader.nama, b_.skor, b_.peringkat) for b_ in baris] == [
        ("A", Decimal("75.00"), 1),
        ("B", Decimal("70.00"), 2),
        ("C", Decimal("62.50"), 3),
    ]
    with pytest.raises(PermissionDenied):
        services.lomba_kirim_ke_provinsi(lomba=lomba, acting_user=operator_a)
    terkirim = services.lomba_kirim_ke_provinsi(lomba=lomba, acting_user=bappeda)
    assert [n.kader.nama for n in terkirim] == ["A", "B"]
    assert list(NominasiLomba.objects.order_by("peringkat").values_list("peringkat", "dikirim_ke_provinsi")) == [(1, True), (2, True), (3, False)]
    with pytest.raises(ValidationError, match="sudah dikirim"):
        services.lomba_kirim_ke_provinsi(lomba=lomba, acting_user=bappeda)
    with pytest.raises(ValidationError):
        services.lomba_beri_nilai(nominasi=c, nilai={k["Inovasi"]: 100}, acting_user=bappeda)


def test_pages_nominate_score_and_rank(client, lomba, operator_a, bappeda, dua_wilayah):
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Siti Juara")
    client.force_login(operator_a)
    response = client.post(reverse("kader:lomba-usulkan", args=[lomba.pk]), {"kader": kader.pk, "prestasi": "Bank sampah RW 03"})
    assert response.status_code == 302
    nominasi = NominasiLomba.objects.get()
    # The operator sees the nominee but no scoring form.
    body = client.get(nominasi.get_absolute_url()).content.decode()
    assert "Siti Juara" in body and "Simpan nilai" not in body
    client.force_login(bappeda)
    k = _k(lomba)
    response = client.post(reverse("kader:nominasi-nilai", args=[nominasi.pk]), {f"kriteria_{k['Inovasi']}": 90, f"kriteria_{k['Dampak']}": 70})
    assert response.status_code == 302
    body = client.get(lomba.get_absolute_url()).content.decode()
    assert "85" in body  # (3*90 + 70) / 4
    client.post(reverse("kader:lomba-kirim", args=[lomba.pk]))
    assert NominasiLomba.objects.get().dikirim_ke_provinsi
