"""Root URLconf. Every view is either declared public or served through the scoping mechanism
(``wilayah.access``); ``tests/wilayah/test_default_deny.py`` walks this tree to hold that."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wilayah.access import public_view
from wilayah.forms import MasukForm
from wilayah.views import GantiSandiView, beranda

admin.site.site_header = "Administrasi Portal Pemberdayaan Kota Probolinggo"
admin.site.site_title = "Admin Portal Pemberdayaan"
admin.site.index_title = "Bappeda: administrasi data kota"

urlpatterns = [
    path("", beranda, name="beranda"),
    # Account pages handle only the user's own account, no region-bound data.
    path("masuk/", public_view(auth_views.LoginView.as_view(authentication_form=MasukForm, redirect_authenticated_user=True)), name="login"),
    path("keluar/", public_view(auth_views.LogoutView.as_view()), name="logout"),
    path("akun/kata-sandi/", public_view(GantiSandiView.as_view()), name="password_change"),
    path("akun/kata-sandi/selesai/", public_view(auth_views.PasswordChangeDoneView.as_view()), name="password_change_done"),
    path("wilayah/", include("wilayah.urls")),
    path("kader/", include("kader.urls")),
    path("lkk/", include("lkk.urls")),
    path("pud/", include("pud.urls")),
    path("wisata/", include("wisata.urls")),
    path("pelatihan/", include("pelatihan.urls")),
    path("laporan/", include("laporan.urls")),
    path("admin/", admin.site.urls),
]
