from django.urls import path

from wilayah.access import public_view

from . import views

app_name = "wisata"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("kota/", views.KotaView.as_view(), name="kota"),
    path("kelurahan/<str:kode>/", views.KelurahanWisataView.as_view(), name="kelurahan"),
    path("destinasi/", views.DestinasiListView.as_view(), name="destinasi-list"),
    path("destinasi/tambah/", views.DestinasiCreateView.as_view(), name="destinasi-create"),
    path("destinasi/<int:pk>/", views.DestinasiDetailView.as_view(), name="destinasi-detail"),
    path("destinasi/<int:pk>/ubah/", views.DestinasiUpdateView.as_view(), name="destinasi-update"),
    path("destinasi/<int:pk>/foto/tambah/", views.FotoTambahView.as_view(), name="foto-create"),
    path("foto/", views.FotoListView.as_view(), name="foto-list"),
    path("foto/<int:pk>/", views.FotoDetailView.as_view(), name="foto-detail"),
    path("foto/<int:pk>/berkas/", views.FotoBerkasView.as_view(), name="foto-berkas"),
    path("foto/<int:pk>/thumbnail/", views.FotoThumbnailView.as_view(), name="foto-thumbnail"),
    path("foto/<int:pk>/hapus/", views.FotoHapusView.as_view(), name="foto-hapus"),
    path("event/", views.EventListView.as_view(), name="event-list"),
    path("event/tambah/", views.EventCreateView.as_view(), name="event-create"),
    path("event/ekspor.xlsx", views.EventEksporView.as_view(), name="event-ekspor"),
    path("event/impor/", views.EventImporView.as_view(), name="event-impor"),
    path("event/impor/templat.xlsx", views.EventTemplatView.as_view(), name="event-templat"),
    path("event/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("event/<int:pk>/ubah/", views.EventUpdateView.as_view(), name="event-update"),
    path("target/", views.TargetListView.as_view(), name="target-list"),
    # Public pages: no login, only active destinations and not-cancelled events, no personal data.
    path("jelajah/", public_view(views.KatalogView.as_view()), name="publik-katalog"),
    path("jelajah/destinasi/<int:pk>/", public_view(views.DestinasiPublikView.as_view()), name="publik-destinasi"),
    path("jelajah/foto/<int:pk>/kecil.jpg", public_view(views.FotoPublikView.as_view(ukuran="thumbnail")), name="publik-foto-kecil"),
    path("jelajah/foto/<int:pk>/besar.jpg", public_view(views.FotoPublikView.as_view(ukuran="gambar")), name="publik-foto-besar"),
    path("jelajah/event/", public_view(views.KalenderView.as_view()), name="publik-kalender"),
    path("jelajah/event/<int:pk>/", public_view(views.EventPublikView.as_view()), name="publik-event"),
    path("jelajah/event.ics", public_view(views.EventIcsView.as_view()), name="publik-ics"),
    # The public home, served at "/" for anonymous visitors (wilayah.views.beranda names it by this URL name).
    path("jelajah/beranda/", public_view(views.BerandaPublikView.as_view()), name="publik-beranda"),
]
