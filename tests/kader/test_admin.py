"""The admin follows the same NIK rule as the portal pages and keeps the Forkom and contest rules."""

from django.urls import reverse

from tests.factories import make_user
from tests.kader.factories import KaderFactory, kepengurusan_kelurahan
from wilayah.roles import CAMAT


def test_admin_masks_nik_for_a_staff_camat_and_shows_it_to_bappeda(client, dua_wilayah, bappeda):
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    change = reverse("admin:kader_kader_change", args=[kader.pk])
    changelist = reverse("admin:kader_kader_changelist")

    camat = make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_staf", is_staff=True)
    client.force_login(camat)
    for url in (change, changelist):
        body = client.get(url).content.decode()
        assert kader.nik not in body, url
        assert kader.nik[:4] + "\u2022" in body, url

    client.force_login(bappeda)
    for url in (change, changelist):
        assert kader.nik in client.get(url).content.decode(), url


def test_admin_cannot_change_a_board_the_portal_would_refuse(client, dua_wilayah):
    """A staff operator sees the city board (read-only in the portal) and may not change it here either."""
    import datetime as dt

    from kader.models import KepengurusanForkom
    from wilayah.roles import OPERATOR_KELURAHAN
    from wilayah.scoping import Tingkat

    board_kota = KepengurusanForkom.objects.create(tingkat=Tingkat.KOTA, periode_mulai=dt.date(2024, 1, 1), periode_selesai=dt.date(2028, 12, 31))
    board_a = kepengurusan_kelurahan(dua_wilayah["kel_a"])
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator_staf", is_staff=True)
    client.force_login(operator)
    data = {"tingkat": Tingkat.KOTA, "periode_mulai": "2024-01-01", "periode_selesai": "2029-12-31",
            "anggota_set-TOTAL_FORMS": "0", "anggota_set-INITIAL_FORMS": "0"}
    assert client.post(reverse("admin:kader_kepengurusanforkom_change", args=[board_kota.pk]), data).status_code == 403
    board_kota.refresh_from_db()
    assert board_kota.periode_selesai == dt.date(2028, 12, 31)
    assert client.get(reverse("admin:kader_kepengurusanforkom_change", args=[board_a.pk])).status_code == 200


def test_nominations_are_read_only_in_the_admin(client, bappeda):
    client.force_login(bappeda)
    assert client.get(reverse("admin:kader_nominasilomba_add")).status_code == 403
