from django.urls import path

from . import views

app_name = "kader"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("daftar/", views.KaderListView.as_view(), name="kader-list"),
    path("daftar/ekspor/", views.KaderEksporView.as_view(), name="kader-ekspor"),
    path("tambah/", views.KaderCreateView.as_view(), name="kader-create"),
    path("impor/", views.KaderImporView.as_view(), name="kader-impor"),
    path("impor/templat/", views.KaderTemplatView.as_view(), name="kader-templat"),
    path("target/", views.SebaranView.as_view(), name="sebaran"),
    path("<int:pk>/", views.KaderDetailView.as_view(), name="kader-detail"),
    path("<int:pk>/ubah/", views.KaderUpdateView.as_view(), name="kader-update"),
    path("<int:pk>/nonaktifkan/", views.KaderNonaktifView.as_view(), name="kader-nonaktif"),
    path("<int:pk>/aktifkan/", views.KaderAktifkanView.as_view(), name="kader-aktifkan"),
    path("<int:pk>/sk/", views.KaderScanSKView.as_view(), name="kader-scan-sk"),
    path("<int:pk>/foto/", views.KaderFotoView.as_view(), name="kader-foto"),
    path("forkom/", views.ForkomListView.as_view(), name="forkom-list"),
    path("forkom/tambah/", views.ForkomCreateView.as_view(), name="forkom-create"),
    path("forkom/<int:pk>/", views.ForkomDetailView.as_view(), name="forkom-detail"),
    path("forkom/<int:pk>/ubah/", views.ForkomUpdateView.as_view(), name="forkom-update"),
    path("forkom/<int:pk>/anggota/", views.ForkomAnggotaView.as_view(), name="forkom-anggota"),
    path("forkom/<int:pk>/anggota/<int:anggota_pk>/keluarkan/", views.ForkomKeluarkanView.as_view(), name="forkom-keluarkan"),
    path("berprestasi/", views.LombaListView.as_view(), name="lomba-list"),
    path("berprestasi/tambah/", views.LombaCreateView.as_view(), name="lomba-create"),
    path("berprestasi/<int:pk>/", views.LombaDetailView.as_view(), name="lomba-detail"),
    path("berprestasi/<int:pk>/kriteria/", views.KriteriaTambahView.as_view(), name="lomba-kriteria"),
    path("berprestasi/<int:pk>/usulkan/", views.NominasiCreateView.as_view(), name="lomba-usulkan"),
    path("berprestasi/<int:pk>/kirim/", views.LombaKirimView.as_view(), name="lomba-kirim"),
    path("berprestasi/nominasi/", views.NominasiListView.as_view(), name="nominasi-list"),
    path("berprestasi/nominasi/<int:pk>/", views.NominasiDetailView.as_view(), name="nominasi-detail"),
    path("berprestasi/nominasi/<int:pk>/nilai/", views.NilaiView.as_view(), name="nominasi-nilai"),
]
