"""Spreadsheets of the pelatihan programme: imports (django-import-export) and exports
(``wilayah.templat.LembarEkspor``, every cell neutralised when written)."""

# --- diklat ---

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy

from wilayah.templat import ANGKA, TANGGAL, Kolom, LembarEkspor

from .models import Instansi

KOLOM_EKSPOR_DIKLAT = (
    Kolom("judul", gettext_lazy("Judul")),
    Kolom("jenis", gettext_lazy("Jenis")),
    Kolom("penyelenggara", gettext_lazy("Penyelenggara")),
    Kolom("penyelenggara_lain", gettext_lazy("Penyelenggara bersama")),
    Kolom("cakupan", gettext_lazy("Cakupan")),
    Kolom("tanggal_mulai", gettext_lazy("Tanggal mulai"), jenis=TANGGAL),
    Kolom("tanggal_selesai", gettext_lazy("Tanggal selesai"), jenis=TANGGAL),
    Kolom("sesi", gettext_lazy("Jumlah sesi"), jenis=ANGKA),
    Kolom("sasaran", gettext_lazy("Sasaran peserta")),
    Kolom("kuota", gettext_lazy("Kuota"), jenis=ANGKA),
    Kolom("peserta", gettext_lazy("Peserta terdaftar"), jenis=ANGKA),
    Kolom("persen_hadir_minimal", gettext_lazy("Kehadiran minimal (%)"), jenis=ANGKA),
    Kolom("status", gettext_lazy("Status")),
)


def ekspor_diklat(queryset) -> LembarEkspor:
    """The (already scoped, filtered and ordered) diklat as one sheet, a row each. Three queries."""
    lembar = LembarEkspor(str(gettext_lazy("Daftar diklat")), KOLOM_EKSPOR_DIKLAT)
    baris = (
        queryset.select_related("penyelenggara", "kecamatan", "kelurahan")
        .prefetch_related(Prefetch("penyelenggara_lain", queryset=Instansi.objects.order_by("nama")))
        .annotate(ekspor_sesi=Count("sesi_set", distinct=True), ekspor_peserta=Count("peserta_set", distinct=True))
    )
    for d in baris:
        lembar.append([
            d.judul, d.get_jenis_display(), d.penyelenggara.nama, ", ".join(i.nama for i in d.penyelenggara_lain.all()), str(d.cakupan_label),
            d.tanggal_mulai, d.tanggal_selesai, d.ekspor_sesi, d.sasaran, d.kuota, d.ekspor_peserta, d.persen_hadir_minimal, d.get_status_display(),
        ])  # fmt: skip
    return lembar
