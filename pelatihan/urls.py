from django.urls import path

from wilayah.access import public_view

from . import views

app_name = "pelatihan"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("diklat/", views.DiklatListView.as_view(), name="diklat-list"),
    path("diklat/<int:pk>/", views.DiklatDetailView.as_view(), name="diklat-detail"),
    path("peserta/", views.PesertaListView.as_view(), name="peserta-list"),
    path("peserta/<int:pk>/", views.PesertaDetailView.as_view(), name="peserta-detail"),
    path("tindak-lanjut/", views.RencanaListView.as_view(), name="rencana-list"),
    path("tindak-lanjut/<int:pk>/", views.RencanaDetailView.as_view(), name="rencana-detail"),
]

# --- sertifikat ---
urlpatterns += [
    path("diklat/<int:pk>/sertifikat/terbitkan/", views.SertifikatTerbitkanView.as_view(), name="sertifikat-terbitkan"),
    path("peserta/<int:pk>/sertifikat.pdf", views.SertifikatPdfView.as_view(), name="sertifikat-pdf"),
    path("diklat/<int:diklat_pk>/sertifikat/cetak/", views.CetakMulaiView.as_view(), name="cetak-mulai"),
    path("sertifikat/cetak/<int:pk>/", views.CetakDetailView.as_view(), name="cetak-detail"),
    path("sertifikat/cetak/<int:pk>/unduh/", views.CetakUnduhView.as_view(), name="cetak-unduh"),
    path("sertifikat/periksa/", public_view(views.SertifikatPeriksaView.as_view()), name="sertifikat-periksa"),
    path("sertifikat/periksa/<str:kode>/", public_view(views.SertifikatVerifikasiView.as_view()), name="sertifikat-verifikasi"),
]
