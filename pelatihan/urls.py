from django.urls import path

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

# --- kehadiran dan evaluasi ---
urlpatterns += [
    path("diklat/<int:pk>/kehadiran/", views.KehadiranView.as_view(), name="kehadiran"),
    path("diklat/<int:pk>/kehadiran/rekap/", views.KehadiranRekapView.as_view(), name="kehadiran-rekap"),
    path("diklat/<int:pk>/kehadiran-dan-hasil.xlsx", views.DiklatXlsxView.as_view(), name="diklat-xlsx"),
    path("diklat/<int:pk>/evaluasi/", views.EvaluasiHasilView.as_view(), name="evaluasi-hasil"),
    path("peserta/<int:pk>/evaluasi/", views.EvaluasiView.as_view(), name="evaluasi"),
]
