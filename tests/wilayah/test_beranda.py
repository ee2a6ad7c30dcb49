"""Each user lands on the home page of their scope; pages are Indonesian."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import RWFactory, UserFactory
from wilayah.angka import perbarui
from wilayah.models import Kelurahan


def test_anonymous_gets_the_public_home_with_a_way_in(client, db):
    """Issue 15: "/" is the public home for a visitor (served there, named by URL: BERANDA_PUBLIK), not the login page."""
    response = client.get(reverse("beranda"))
    assert response.status_code == 200
    assert f'href="{reverse("login")}"' in response.content.decode()


def test_login_page_is_indonesian(client, db):
    response = client.get(reverse("login"))
    body = response.content.decode()
    assert '<html lang="id">' in body
    assert "Masuk ke Portal Pemberdayaan" in body
    assert "Nama pengguna" in body  # Django's own form labels, translated


def test_operator_lands_on_kelurahan_with_rws_and_panels(client, operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=9)
    client.force_login(operator_a)
    response = client.get(reverse("beranda"), follow=True)
    assert response.redirect_chain[-1][0] == dua_wilayah["kel_a"].get_absolute_url()
    body = response.content.decode()
    assert "Kelurahan Kebonsari Wetan" in body and "RW 01" in body and "RW 09" not in body
    for app in ("kader", "lkk", "pud", "wisata", "pelatihan"):
        assert f'id="panel-{app}"' in body
    assert "Kader Pemberdayaan Masyarakat" in body


def test_camat_lands_on_kecamatan(client, camat_a, dua_wilayah):
    client.force_login(camat_a)
    response = client.get(reverse("beranda"), follow=True)
    assert response.redirect_chain[-1][0] == dua_wilayah["kec_a"].get_absolute_url()
    body = response.content.decode()
    assert "Kebonsari Wetan" in body and "Ketapang" not in body


@pytest.mark.parametrize("fixture, halaman", [("bappeda", "laporan:dasbor"), ("walikota", "laporan:walikota")])
def test_city_roles_land_on_their_report_pages(client, dua_wilayah, request, fixture, halaman):
    """Bappeda's home is the report dashboard, the Kantor Wali Kota's the mayor's page (issue 11);
    the city page stays open to both."""
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(reverse("beranda"), follow=True)
    assert response.redirect_chain[-1][0] == reverse(halaman)
    body = client.get(reverse("wilayah:kota")).content.decode()
    assert "Kanigaran" in body and "Kademangan" in body


def test_city_page_is_404_for_kelurahan_and_kecamatan_users(client, operator_a, camat_a):
    for user in (operator_a, camat_a):
        client.force_login(user)
        assert client.get(reverse("wilayah:kota")).status_code == 404


def test_user_without_scope_is_told_to_contact_bappeda(client, db):
    client.force_login(UserFactory(username="baru"))
    response = client.get(reverse("beranda"))
    assert response.status_code == 403
    assert "belum memiliki wilayah kerja" in response.content.decode()
    assert "hubungi Bappeda" in response.content.decode()


def test_superuser_without_scope_sees_city(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(reverse("beranda"))["Location"] == reverse("wilayah:kota")


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["kota", "kecamatan", "kelurahan"])
def test_home_pages_query_count_does_not_grow_with_data(client, bappeda, page):
    """Every home page (and the programme panels on it) runs a fixed number of queries."""
    call_command("muat_wilayah")
    kelurahan = Kelurahan.objects.get(kode="35.74.04.1004")
    url = {
        "kota": reverse("wilayah:kota"),
        "kecamatan": kelurahan.kecamatan.get_absolute_url(),
        "kelurahan": kelurahan.get_absolute_url(),
    }[page]
    client.force_login(bappeda)
    for k in Kelurahan.objects.all():
        RWFactory(kelurahan=k, nomor=1)
    perbarui()  # the city figures are stored (wilayah.angka) by the Celery task, not computed by the page
    sedikit = _queries(client, url)
    for k in Kelurahan.objects.all():
        for nomor in range(2, 6):
            RWFactory(kelurahan=k, nomor=nomor)
    perbarui()
    assert _queries(client, url) == sedikit


def test_operator_adds_rw_only_in_own_kelurahan(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    url = reverse("wilayah:rw-create")
    response = client.post(url, {"kelurahan": dua_wilayah["kel_b"].pk, "nomor": 4})
    assert response.status_code == 200
    assert "kelurahan" in response.context["form"].errors
    assert not dua_wilayah["kel_b"].rw_set.exists()
    response = client.post(url, {"kelurahan": dua_wilayah["kel_a"].pk, "nomor": 4, "nama_ketua": "Pak Slamet"})
    assert response.status_code == 302
    assert dua_wilayah["kel_a"].rw_set.get().nomor == 4
    # The same number twice is refused with a message.
    response = client.post(url, {"kelurahan": dua_wilayah["kel_a"].pk, "nomor": 4})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert dua_wilayah["kel_a"].rw_set.count() == 1


def test_camat_cannot_add_rw(client, camat_a):
    client.force_login(camat_a)
    assert client.get(reverse("wilayah:rw-create")).status_code == 403


def test_password_change_works(client, operator_a):
    client.force_login(operator_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": "rahasia-uji-123", "new_password1": "Kebonsari-Baru-2026!", "new_password2": "Kebonsari-Baru-2026!"},
    )
    assert response.status_code == 302
    operator_a.refresh_from_db()
    assert operator_a.check_password("Kebonsari-Baru-2026!")


def test_out_of_scope_and_forbidden_pages_speak_indonesian(client, operator_a, camat_a, dua_wilayah):
    client.force_login(operator_a)
    response = client.get(dua_wilayah["kel_b"].get_absolute_url())
    assert response.status_code == 404
    assert "di luar wilayah kerja Anda" in response.content.decode()
    client.force_login(camat_a)
    response = client.get(reverse("wilayah:rw-create"))
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()
