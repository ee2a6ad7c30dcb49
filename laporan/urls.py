from django.urls import path

from . import views

app_name = "laporan"

urlpatterns = [
    path("", views.LaporanListView.as_view(), name="index"),
    path("wali-kota/", views.WalikotaView.as_view(), name="walikota"),
    path("dasbor/", views.DasborView.as_view(), name="dasbor"),
    path("proses/mulai/", views.MulaiProsesView.as_view(), name="mulai"),
    path("proses/<int:pk>/", views.ProsesDetailView.as_view(), name="proses"),
    path("<int:pk>/", views.LaporanDetailView.as_view(), name="detail"),
    path("<int:pk>/pdf/", views.LaporanPdfView.as_view(), name="pdf"),
    path("<int:pk>/xlsx/", views.LaporanXlsxView.as_view(), name="xlsx"),
]
