from django.urls import path

from wilayah.access import public_view

from . import views

app_name = "pelatihan"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("diklat/", views.DiklatListView.as_view(), name="diklat-list"),
    path("diklat/<int:pk>/", views.DiklatDetailView.as_view(), name="diklat-detail"),
    # --- follow-up (rencana tindak lanjut) ---
    path("tindak-lanjut/", views.RencanaListView.as_view(), name="rencana-list"),
    path("tindak-lanjut/ekspor.xlsx", views.RencanaEksporView.as_view(), name="rencana-export"),
    path("tindak-lanjut/<int:pk>/", views.RencanaDetailView.as_view(), name="rencana-detail"),
    # --- diklat ---
    path("diklat/ekspor/", views.DiklatEksporView.as_view(), name="diklat-ekspor"),
    path("diklat/baru/", views.DiklatCreateView.as_view(), name="diklat-create"),
    path("diklat/<int:pk>/ubah/", views.DiklatUpdateView.as_view(), name="diklat-update"),
    path("diklat/<int:pk>/status/", views.DiklatStatusView.as_view(), name="diklat-status"),
    path("diklat/<int:pk>/hapus/", views.DiklatHapusView.as_view(), name="diklat-delete"),
    path("diklat/<int:diklat_pk>/sesi/baru/", views.SesiCreateView.as_view(), name="sesi-create"),
    path("sesi/<int:pk>/ubah/", views.SesiUpdateView.as_view(), name="sesi-update"),
    path("sesi/<int:pk>/hapus/", views.SesiHapusView.as_view(), name="sesi-delete"),
    path("sesi/<int:sesi_pk>/materi/baru/", views.MateriCreateView.as_view(), name="materi-create"),
    path("materi/<int:pk>/ubah/", views.MateriUpdateView.as_view(), name="materi-update"),
    path("materi/<int:pk>/hapus/", views.MateriHapusView.as_view(), name="materi-delete"),
    path("narasumber/", views.NarasumberListView.as_view(), name="narasumber-list"),
    path("narasumber/baru/", views.NarasumberCreateView.as_view(), name="narasumber-create"),
    path("narasumber/<int:pk>/ubah/", views.NarasumberUpdateView.as_view(), name="narasumber-update"),
    path("instansi/", views.InstansiListView.as_view(), name="instansi-list"),
    path("instansi/baru/", views.InstansiCreateView.as_view(), name="instansi-create"),
    path("instansi/<int:pk>/ubah/", views.InstansiUpdateView.as_view(), name="instansi-update"),
    # --- peserta ---
    path("peserta/", views.PesertaListView.as_view(), name="peserta-list"),
    path("peserta/ekspor/", views.PesertaEksporView.as_view(), name="peserta-export"),
    path("peserta/<int:pk>/", views.PesertaDetailView.as_view(), name="peserta-detail"),
    path("peserta/<int:pk>/ubah/", views.PesertaUpdateView.as_view(), name="peserta-update"),
    path("peserta/<int:pk>/hapus/", views.PesertaDeleteView.as_view(), name="peserta-delete"),
    path("diklat/<int:pk>/peserta/daftar/", views.PesertaCreateView.as_view(), name="peserta-create"),
    path("diklat/<int:pk>/peserta/impor/", views.PesertaImporView.as_view(), name="peserta-import"),
    path("diklat/<int:pk>/peserta/templat/", views.PesertaTemplatView.as_view(), name="peserta-template"),
]

# --- kehadiran dan evaluasi ---
urlpatterns += [
    path("diklat/<int:pk>/kehadiran/", views.KehadiranView.as_view(), name="kehadiran"),
    path("diklat/<int:pk>/kehadiran/rekap/", views.KehadiranRekapView.as_view(), name="kehadiran-rekap"),
    path("diklat/<int:pk>/kehadiran-dan-hasil.xlsx", views.DiklatXlsxView.as_view(), name="diklat-xlsx"),
    path("diklat/<int:pk>/evaluasi/", views.EvaluasiHasilView.as_view(), name="evaluasi-hasil"),
    path("peserta/<int:pk>/evaluasi/", views.EvaluasiView.as_view(), name="evaluasi"),
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
    path("peserta/<int:peserta_pk>/tindak-lanjut/tambah/", views.RencanaCreateView.as_view(), name="rencana-create"),
    path("tindak-lanjut/<int:pk>/ubah/", views.RencanaUpdateView.as_view(), name="rencana-update"),
    path("tindak-lanjut/<int:pk>/hapus/", views.RencanaDeleteView.as_view(), name="rencana-delete"),
]
