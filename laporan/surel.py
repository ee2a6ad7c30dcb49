"""E-mail when the city report is ready (Django's e-mail; the console backend in the embedded default)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from wilayah.roles import BAPPEDA, KANTOR_WALI_KOTA

from .models import LaporanBulanan


def penerima_laporan_kota() -> list[str]:
    """The addresses of the active users of the mayor's office and Bappeda."""
    User = get_user_model()
    return sorted(set(
        User.objects.filter(is_active=True, groups__name__in=[BAPPEDA, KANTOR_WALI_KOTA]).exclude(email="")
        .values_list("email", flat=True)
    ))


def kirim_laporan_kota(laporan_id: int) -> int:
    laporan = LaporanBulanan.objects.get(pk=laporan_id)
    alamat = getattr(settings, "ALAMAT_PORTAL", "").rstrip("/")
    tautan = f"{alamat}{reverse('laporan:detail', kwargs={'pk': laporan.pk})}"
    subjek = _("Laporan bulanan %(periode)s sudah siap") % {"periode": laporan.periode}
    isi = _(
        "Laporan bulanan %(wilayah)s untuk %(periode)s sudah selesai dibuat.\n\nBuka laporan: %(tautan)s\n"
    ) % {"wilayah": laporan.nama_wilayah, "periode": laporan.periode, "tautan": tautan}
    pesan = [(subjek, isi, None, [email]) for email in penerima_laporan_kota()]
    return send_mass_mail(pesan, fail_silently=False) if pesan else 0
