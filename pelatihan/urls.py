from django.urls import path

from . import views

app_name = "pelatihan"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("diklat/", views.DiklatListView.as_view(), name="diklat-list"),
    path("diklat/<int:pk>/", views.DiklatDetailView.as_view(), name="diklat-detail"),
    path("tindak-lanjut/", views.RencanaListView.as_view(), name="rencana-list"),
    path("tindak-lanjut/<int:pk>/", views.RencanaDetailView.as_view(), name="rencana-detail"),
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
