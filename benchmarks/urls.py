"""The benchmarks' urlconf: the portal's, plus the one-query baseline page ``/bench/dasar/``
(``benchmarks.umum.halaman_dasar``). Used by ``benchmarks/pengaturan.py``; not part of the product."""

from django.urls import include, path

from benchmarks.umum import halaman_dasar

urlpatterns = [path("bench/dasar/", halaman_dasar, name="bench-dasar"), path("", include("probolinggo_portal.urls"))]
