from django.urls import path

from . import views

app_name = "lkk"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("lembaga/", views.LembagaListView.as_view(), name="lembaga-list"),
    path("lembaga/tambah/", views.LembagaCreateView.as_view(), name="lembaga-create"),
    path("lembaga/<int:pk>/", views.LembagaDetailView.as_view(), name="lembaga-detail"),
    path("lembaga/<int:pk>/ubah/", views.LembagaUpdateView.as_view(), name="lembaga-update"),
    path("lembaga/<int:pk>/sk/", views.BerkasSKView.as_view(), name="lembaga-sk"),
    path("lembaga/<int:lembaga_pk>/pengurus/tambah/", views.PengurusCreateView.as_view(), name="pengurus-create"),
    path("lembaga/<int:lembaga_pk>/pengurus/susunan/", views.SusunanPengurusView.as_view(), name="pengurus-susunan"),
    path("pengurus/", views.PengurusListView.as_view(), name="pengurus-list"),
    path("pengurus/<int:pk>/", views.PengurusDetailView.as_view(), name="pengurus-detail"),
    path("pengurus/<int:pk>/ubah/", views.PengurusUpdateView.as_view(), name="pengurus-update"),
    path("pengurus/<int:pk>/berhenti/", views.BerhentiView.as_view(), name="pengurus-berhenti"),
    path("masa-bakti/", views.MasaBaktiView.as_view(), name="masa-bakti"),
    path("cetak/<str:kode>/", views.CetakView.as_view(), name="cetak"),
    path("lembaga/impor/", views.LembagaImporView.as_view(), name="lembaga-impor"),
    path("lembaga/templat.xlsx", views.LembagaTemplatView.as_view(), name="lembaga-templat"),
    path("lembaga/ekspor.xlsx", views.LembagaEksporView.as_view(), name="lembaga-ekspor"),
    path("pengurus/impor/", views.PengurusImporView.as_view(), name="pengurus-impor"),
    path("pengurus/templat.xlsx", views.PengurusTemplatView.as_view(), name="pengurus-templat"),
    path("pengurus/ekspor.xlsx", views.PengurusEksporView.as_view(), name="pengurus-ekspor"),
]
