from django.urls import path

from wilayah.access import public_view

from . import views

app_name = "pud"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
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
