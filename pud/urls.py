from django.urls import path

from . import views

app_name = "pud"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # --- A2: kecamatan, kota, putaran ---
    path("kota/", views.KotaView.as_view(), name="kota"),
    path("kecamatan/<str:kode>/", views.KecamatanView.as_view(), name="kecamatan"),
    path("siklus/", views.SiklusListView.as_view(), name="siklus-list"),
    path("siklus/tambah/", views.SiklusCreateView.as_view(), name="siklus-create"),
    path("siklus/<int:pk>/", views.SiklusDetailView.as_view(), name="siklus-detail"),
    path("siklus/<int:pk>/jadwal/", views.SiklusJadwalView.as_view(), name="siklus-jadwal"),
    path("siklus/<int:pk>/tutup/", views.SiklusTutupView.as_view(), name="siklus-tutup"),
    path("siklus/<int:pk>/buka/", views.SiklusBukaView.as_view(), name="siklus-buka"),
    path("siklus/<int:pk>/tetapkan/", views.SiklusTetapkanView.as_view(), name="siklus-tetapkan"),
    path("siklus/<int:pk>/kriteria/tambah/", views.KriteriaCreateView.as_view(), name="kriteria-create"),
    path("kriteria/<int:pk>/ubah/", views.KriteriaUpdateView.as_view(), name="kriteria-update"),
    path("pengajuan/", views.PengajuanListView.as_view(), name="pengajuan-list"),
    path("pengajuan/<int:pk>/jadwal/", views.PengajuanJadwalView.as_view(), name="pengajuan-jadwal"),
    path("usulan/", views.UsulanListView.as_view(), name="usulan-list"),
]
