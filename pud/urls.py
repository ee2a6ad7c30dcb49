from django.urls import path

from . import views

app_name = "pud"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # --- B: UMKM ---
    path("umkm/", views.UMKMListView.as_view(), name="umkm-list"),
    path("umkm/tambah/", views.UMKMCreateView.as_view(), name="umkm-create"),
    path("umkm/impor/", views.UMKMImporView.as_view(), name="umkm-impor"),
    path("umkm/impor/templat.xlsx", views.UMKMTemplatView.as_view(), name="umkm-templat"),
    path("umkm/ekspor.xlsx", views.UMKMEksporView.as_view(), name="umkm-ekspor"),
    path("umkm/<int:pk>/", views.UMKMDetailView.as_view(), name="umkm-detail"),
    path("umkm/<int:pk>/ubah/", views.UMKMUpdateView.as_view(), name="umkm-update"),
    path("umkm/<int:pk>/foto/tambah/", views.UMKMFotoTambahView.as_view(), name="umkm-foto-create"),
    path("umkm/foto/<int:pk>/berkas/", views.UMKMFotoBerkasView.as_view(), name="umkm-foto-berkas"),
    path("umkm/foto/<int:pk>/thumbnail/", views.UMKMFotoBerkasView.as_view(file_field="thumbnail"), name="umkm-foto-thumbnail"),
    path("umkm/foto/<int:pk>/hapus/", views.UMKMFotoHapusView.as_view(), name="umkm-foto-hapus"),
]
