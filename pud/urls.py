from django.urls import path

from wilayah.access import public_view

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
    # --- A1: pengajuan kelurahan ---
    path("pengajuan/<int:pk>/", views.PengajuanDetailView.as_view(), name="pengajuan-detail"),
    path("pengajuan/<int:pk>/berita-acara/", views.BeritaAcaraView.as_view(), name="pengajuan-berita-acara"),
    path("pengajuan/<int:pk>/berita-acara/berkas/", views.BeritaAcaraBerkasView.as_view(), name="pengajuan-berita-acara-berkas"),
    path("pengajuan/<int:pk>/peserta/tambah/", views.PesertaTambahView.as_view(), name="peserta-create"),
    path("peserta/<int:pk>/hapus/", views.PesertaHapusView.as_view(), name="peserta-hapus"),
    path("pengajuan/<int:pk>/usulan/tambah/", views.UsulanTambahView.as_view(), name="usulan-create"),
    path("usulan/<int:pk>/", views.UsulanDetailView.as_view(), name="usulan-detail"),
    path("usulan/<int:pk>/ubah/", views.UsulanUbahView.as_view(), name="usulan-update"),
    path("usulan/<int:pk>/hapus/", views.UsulanHapusView.as_view(), name="usulan-hapus"),
    path("pengajuan/<int:pk>/kosong/tambah/", views.KosongTambahView.as_view(), name="kosong-create"),
    path("kosong/<int:pk>/hapus/", views.KosongHapusView.as_view(), name="kosong-hapus"),
    path("pengajuan/<int:pk>/langkah/<str:aksi>/", views.LangkahView.as_view(), name="pengajuan-langkah"),
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
    # C: printing and the public catalogue.
    path("pengajuan/<int:pk>/berita-acara.pdf", views.BeritaAcaraPdfView.as_view(), name="pengajuan-berita-acara-pdf"),
    path("siklus/<int:pk>/lampiran.pdf", views.LampiranPdfView.as_view(), name="lampiran-pdf"),
    path("siklus/<int:pk>/lampiran.xlsx", views.LampiranXlsxView.as_view(), name="lampiran-xlsx"),
    # Public pages: no login, only determined PUD of running businesses, no personal data.
    path("produk/", public_view(views.KatalogPublikView.as_view()), name="publik-katalog"),
    path("produk/<int:pk>/", public_view(views.ProdukPublikView.as_view()), name="publik-produk"),
    path("produk/foto/<int:pk>/kecil.jpg", public_view(views.FotoPublikView.as_view(ukuran="thumbnail")), name="publik-foto-kecil"),
    path("produk/foto/<int:pk>/besar.jpg", public_view(views.FotoPublikView.as_view(ukuran="gambar")), name="publik-foto-besar"),
]
