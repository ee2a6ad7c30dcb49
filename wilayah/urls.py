from django.urls import path

from . import views

app_name = "wilayah"

urlpatterns = [
    path("kota/", views.KotaView.as_view(), name="kota"),
    path("kecamatan/", views.KecamatanListView.as_view(), name="kecamatan-list"),
    path("kecamatan/<str:kode>/", views.KecamatanDetailView.as_view(), name="kecamatan-detail"),
    path("kelurahan/", views.KelurahanListView.as_view(), name="kelurahan-list"),
    path("kelurahan/<str:kode>/", views.KelurahanDetailView.as_view(), name="kelurahan-detail"),
    path("kelurahan/<str:kode>/konfirmasi/", views.KonfirmasiBulanView.as_view(), name="kelurahan-konfirmasi"),
    path("rw/", views.RWListView.as_view(), name="rw-list"),
    path("rw/tambah/", views.RWCreateView.as_view(), name="rw-create"),
    path("rw/impor/", views.RWImporView.as_view(), name="rw-impor"),
    path("rw/templat.xlsx", views.RWTemplatView.as_view(), name="rw-templat"),
    path("rw/<int:pk>/", views.RWDetailView.as_view(), name="rw-detail"),
    path("rw/<int:pk>/ubah/", views.RWUpdateView.as_view(), name="rw-update"),
    path("rt/", views.RTListView.as_view(), name="rt-list"),
    path("rt/tambah/", views.RTCreateView.as_view(), name="rt-create"),
    path("rt/<int:pk>/", views.RTDetailView.as_view(), name="rt-detail"),
]

# Accounts of kelurahan and kecamatan operators (Bappeda, superusers).
urlpatterns += [
    path("akun/", views.AkunListView.as_view(), name="akun-list"),
    path("akun/tambah/", views.AkunCreateView.as_view(), name="akun-create"),
    path("akun/<int:pk>/", views.AkunDetailView.as_view(), name="akun-detail"),
    path("akun/<int:pk>/ubah/", views.AkunUpdateView.as_view(), name="akun-update"),
    path("akun/<int:pk>/status/", views.AkunStatusView.as_view(), name="akun-status"),
    path("akun/<int:pk>/kata-sandi/", views.AkunSandiView.as_view(), name="akun-sandi"),
    path("akun/<int:pk>/buka-kunci/", views.AkunBukaKunciView.as_view(), name="akun-buka-kunci"),
]

# A month's data: completeness (DHIS2's expected / actual / on time) and the lock (wilayah.kunci).
urlpatterns += [
    path("kelengkapan/", views.KelengkapanView.as_view(), name="kelengkapan"),
    path("kelengkapan/pengaturan/", views.PengaturanBulanView.as_view(), name="kelengkapan-pengaturan"),
    path("kelengkapan/konfirmasi/", views.KonfirmasiBulanListView.as_view(), name="konfirmasi-list"),
    path("kelengkapan/konfirmasi/<int:pk>/", views.KonfirmasiBulanDetailView.as_view(), name="konfirmasi-detail"),
    path("kelengkapan/pengecualian/", views.PengecualianKunciListView.as_view(), name="pengecualian-list"),
    path("kelengkapan/pengecualian/beri/", views.PengecualianBeriView.as_view(), name="pengecualian-beri"),
    path("kelengkapan/pengecualian/<int:pk>/", views.PengecualianKunciDetailView.as_view(), name="pengecualian-detail"),
    path("kelengkapan/pengecualian/<int:pk>/cabut/", views.PengecualianCabutView.as_view(), name="pengecualian-cabut"),
]

# Every programme's targets on one page (wilayah.target): Bappeda sets them, the mayor's office reads them.
urlpatterns += [path("target/", views.TargetView.as_view(), name="target")]

# Region pickers that scale (wilayah.pilih): at most 50 regions of the user's scope, searched, by parent.
from .pilih import TINGKAT, PilihWilayahView  # noqa: E402

urlpatterns += [
    path(f"pilih/{tingkat}/", PilihWilayahView.as_view(model=model), name=f"pilih-{tingkat}") for tingkat, model in TINGKAT.items()
]
