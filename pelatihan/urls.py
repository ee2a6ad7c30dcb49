from django.urls import path

from . import views

app_name = "pelatihan"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("diklat/", views.DiklatListView.as_view(), name="diklat-list"),
    path("diklat/<int:pk>/", views.DiklatDetailView.as_view(), name="diklat-detail"),
    path("peserta/", views.PesertaListView.as_view(), name="peserta-list"),
    path("peserta/<int:pk>/", views.PesertaDetailView.as_view(), name="peserta-detail"),
    # --- follow-up (rencana tindak lanjut) ---
    path("tindak-lanjut/", views.RencanaListView.as_view(), name="rencana-list"),
    path("tindak-lanjut/ekspor.xlsx", views.RencanaEksporView.as_view(), name="rencana-export"),
    path("tindak-lanjut/<int:pk>/", views.RencanaDetailView.as_view(), name="rencana-detail"),
    path("peserta/<int:peserta_pk>/tindak-lanjut/tambah/", views.RencanaCreateView.as_view(), name="rencana-create"),
    path("tindak-lanjut/<int:pk>/ubah/", views.RencanaUpdateView.as_view(), name="rencana-update"),
    path("tindak-lanjut/<int:pk>/hapus/", views.RencanaDeleteView.as_view(), name="rencana-delete"),
]
