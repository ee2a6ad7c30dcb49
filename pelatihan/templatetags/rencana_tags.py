"""The follow-up sections of the diklat and participant pages (``_diklat_rencana.html``,
``_peserta_rencana.html``): read through ``for_user``, one query each."""

from django import template

from wilayah.scoping import boleh

from ..models import RencanaTindakLanjut
from ..panel import _hitung, daftar_url

register = template.Library()


@register.simple_tag(takes_context=True)
def rencana_diklat(context, diklat) -> dict:
    """The commitments of this diklat's participants the user may see: counted (open, overdue,
    done) with links to the list filtered by this diklat."""
    from django.utils import timezone

    user = context["request"].user
    angka = _hitung(RencanaTindakLanjut.objects.for_user(user).filter(peserta__diklat=diklat), timezone.localdate())
    angka["url"] = daftar_url(diklat=diklat.pk)
    angka["url_terlambat"] = daftar_url(diklat=diklat.pk, status="terlambat")
    angka["url_terbuka"] = daftar_url(diklat=diklat.pk, status="terbuka")
    return angka


@register.simple_tag(takes_context=True)
def rencana_peserta(context, peserta) -> dict:
    """The participant's commitments the user may see, and whether they may add one."""
    user = context["request"].user
    daftar = list(RencanaTindakLanjut.objects.for_user(user).filter(peserta=peserta).select_related("rw", "destinasi").order_by("tenggat", "pk"))
    return {"daftar": daftar, "boleh_tambah": boleh(user, RencanaTindakLanjut, "add")}
