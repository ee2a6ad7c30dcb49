"""A temporary password from Bappeda must be replaced before anything else: the flag on the scope row
(set by wilayah.akun with every temporary password), the middleware that holds every page until then
(wilayah.middleware), and the portal's password page that clears it (wilayah.views.GantiSandiView)."""

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from tests.factories import PASSWORD, UserFactory
from wilayah import akun
from wilayah.middleware import WajibGantiSandiMiddleware
from wilayah.models import RW, Lingkup
from wilayah.roles import CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

PESAN = "Ganti kata sandi sementara Anda sebelum melanjutkan."
SANDI_BARU = "Kebonsari-Wetan-2025"
MIDDLEWARE = "wilayah.middleware.WajibGantiSandiMiddleware"


@pytest.fixture
def sementara(bappeda, dua_wilayah):
    """An operator Bappeda has just created: (account, temporary password, a client logged in with it)."""
    operator, sandi = akun.akun_buat(
        acting_user=bappeda, username="kasi.baru", nama_lengkap="Siti Rahayu", peran=OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"]
    )
    client = Client()
    assert client.login(request=RequestFactory().get("/"), username="kasi.baru", password=sandi)
    return operator, sandi, client


def ganti(client, lama, baru=SANDI_BARU, **kwargs):
    return client.post(reverse("password_change"), {"old_password": lama, "new_password1": baru, "new_password2": baru}, **kwargs)


def wajib(user) -> bool:
    return Lingkup.objects.get(user=user).wajib_ganti_sandi


# --------------------------------------------------------------------------- the flag


def test_akun_baru_dan_atur_ulang_menandai_wajib_ganti(bappeda, operator_a, dua_wilayah):
    assert not wajib(operator_a)  # existing accounts are not flagged (default False)
    baru, _ = akun.akun_buat(acting_user=bappeda, username="camat.baru", nama_lengkap="Budi", peran=CAMAT, kecamatan=dua_wilayah["kec_a"])
    assert wajib(baru)
    akun.akun_atur_ulang_sandi(acting_user=bappeda, akun=operator_a)
    assert wajib(operator_a)


def test_superuser_tidak_pernah_wajib_ganti(dua_wilayah):
    """A superuser set by hand, even with a flagged scope row, is never held (and the service never flags one)."""
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    Lingkup.objects.create(user=admin, tingkat="kota", wajib_ganti_sandi=True)
    assert not akun.wajib_ganti_sandi(admin)
    assert not akun.wajib_ganti_sandi(AnonymousUser())
    client = Client()
    client.force_login(admin)
    assert client.get(reverse("admin:index")).status_code == 200


def test_halaman_akun_menunjukkan_status_kata_sandi(client, bappeda, sementara):
    operator, sandi, sesi_operator = sementara
    client.force_login(bappeda)
    halaman = reverse("wilayah:akun-detail", args=[operator.pk])
    assert "Masih kata sandi sementara" in client.get(halaman).content.decode()
    ganti(sesi_operator, sandi)
    assert "Bukan kata sandi sementara" in client.get(halaman).content.decode()


# --------------------------------------------------------------------------- held until replaced


def test_login_dengan_sandi_sementara_mendarat_di_halaman_ganti(sementara):
    operator, sandi, _ = sementara
    client = Client()
    response = client.post(reverse("login"), {"username": operator.username, "password": sandi}, follow=True)
    assert response.request["PATH_INFO"] == reverse("password_change")
    assert PESAN in response.content.decode()


@pytest.mark.parametrize(
    "halaman",
    ["beranda", "wilayah:kelurahan-list", "wilayah:rw-list", "kader:index", "laporan:index", "login", "admin:index", "admin:password_change"],
)
def test_setiap_halaman_dialihkan_ke_ganti_sandi(sementara, halaman):
    _, _, client = sementara
    response = client.get(reverse(halaman))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    assert PESAN in client.get(response["Location"]).content.decode()


def test_halaman_admin_staf_juga_dialihkan(camat_a):
    """A staff account (only a superuser manages one) with a temporary password does not reach the admin either."""
    camat_a.is_staff = True
    camat_a.save()
    Lingkup.objects.filter(user=camat_a).update(wajib_ganti_sandi=True)
    client = Client()
    client.force_login(camat_a)
    response = client.get(reverse("admin:wilayah_lingkup_changelist"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")


def test_post_di_tempat_lain_ditolak_tanpa_menulis(sementara, dua_wilayah):
    operator, sandi, client = sementara
    data = {"kelurahan": dua_wilayah["kel_a"].pk, "nomor": 7, "nama_ketua": "Pak RW"}
    response = client.post(reverse("wilayah:rw-create"), data)
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    assert not RW.objects.exists()
    # The same POST after the password is replaced does write (so the refusal above was the middleware's).
    ganti(client, sandi)
    assert client.post(reverse("wilayah:rw-create"), data).status_code == 302
    assert RW.objects.filter(kelurahan=dua_wilayah["kel_a"], nomor=7).exists()


def test_halaman_ganti_sandi_dan_keluar_tetap_terbuka(sementara):
    _, _, client = sementara
    assert client.get(reverse("password_change")).status_code == 200
    assert client.get(reverse("password_change_done")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("jalur", ["/static/css/portal.css", "/media/foto/a.jpg", "/admin/logout/", "/keluar/"])
def test_berkas_statis_media_dan_keluar_bebas(sementara, jalur):
    operator, _, _ = sementara
    request = RequestFactory().get(jalur)
    request.user = operator
    try:
        request.resolver_match = resolve(jalur)
    except Exception:  # static and media are not in the URLconf
        request.resolver_match = None
    assert WajibGantiSandiMiddleware(lambda r: None).process_view(request, None, (), {}) is None
    request = RequestFactory().get("/kader/")
    request.user, request.resolver_match, request._messages = operator, resolve("/kader/"), CookieStorage(request)
    assert WajibGantiSandiMiddleware(lambda r: None).process_view(request, None, (), {}) is not None


# --------------------------------------------------------------------------- replacing it


def test_ganti_sandi_menghapus_tanda_dan_membuka_halaman(sementara, dua_wilayah):
    operator, sandi, client = sementara
    response = ganti(client, sandi)
    assert response.status_code == 302 and response["Location"] == reverse("beranda")
    operator.refresh_from_db()
    assert operator.check_password(SANDI_BARU) and not wajib(operator)
    assert client.get(reverse("beranda"))["Location"] == dua_wilayah["kel_a"].get_absolute_url()
    assert client.get(dua_wilayah["kel_a"].get_absolute_url()).status_code == 200  # the session stayed
    catatan = akun.riwayat_akun(operator)[0]
    assert catatan.change_message == "Kata sandi sementara diganti oleh pengguna." and catatan.user == operator


def test_sandi_baru_sama_dengan_sementara_ditolak(sementara):
    operator, sandi, client = sementara
    response = ganti(client, sandi, baru=sandi)
    assert response.status_code == 200
    assert "Kata sandi baru harus berbeda dari kata sandi lama." in response.context["form"].errors["new_password1"]
    operator.refresh_from_db()
    assert operator.check_password(sandi) and wajib(operator)
    assert not LogEntry.objects.filter(user=operator).exists()


def test_validator_django_tetap_berlaku(sementara):
    operator, sandi, client = sementara
    response = ganti(client, sandi, baru="password123")
    assert response.status_code == 200 and response.context["form"].errors["new_password2"]
    assert wajib(operator)


def test_ganti_sandi_biasa_tanpa_catatan_sementara(client, operator_a):
    client.force_login(operator_a)
    response = ganti(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    assert not LogEntry.objects.filter(object_id=str(operator_a.pk)).exists()


def test_form_tidak_menyimpan_sendiri(operator_a):
    from wilayah.forms import GantiSandiForm

    with pytest.raises(RuntimeError):
        GantiSandiForm(operator_a).save()


# --------------------------------------------------------------------------- cost


def _jumlah_kueri(user, url, middleware) -> int:
    """Queries of one GET of ``url`` by ``user`` through ``middleware`` (a fresh client: a client's handler
    keeps the middleware it loaded first). A first GET warms the caches."""
    with override_settings(MIDDLEWARE=middleware):
        client = Client()
        client.force_login(user)
        client.get(url)
        with CaptureQueriesContext(connection) as kueri:
            assert client.get(url).status_code == 200
    return len(kueri)


@pytest.mark.parametrize("peran", ["operator_a", "bappeda", "camat_a"])
def test_middleware_tanpa_kueri_tambahan(request, peran, dua_wilayah):
    """The flag is read with the scope row the page loads anyway (lingkup_of): no query on portal pages,
    at most one on the admin's."""
    user = request.getfixturevalue(peran)
    assert MIDDLEWARE in settings.MIDDLEWARE
    tanpa = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    halaman = [user.lingkup.get_home_url(), reverse("wilayah:kelurahan-list"), reverse("kader:index"), reverse("password_change")]
    for url in halaman:
        assert _jumlah_kueri(user, url, settings.MIDDLEWARE) == _jumlah_kueri(user, url, tanpa), url
    if user.is_staff:
        url = reverse("admin:index")
        assert _jumlah_kueri(user, url, settings.MIDDLEWARE) - _jumlah_kueri(user, url, tanpa) <= 1
