"""The participants' section of a diklat's page (``templates/pelatihan/_diklat_peserta.html``):
registered against the quota, by unsur, and what the user may do, in a fixed number of queries."""

from django import template
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse

from wilayah.scoping import boleh

from .. import services
from ..models import Peserta, UnsurPeserta

register = template.Library()


@register.simple_tag(takes_context=True)
def ringkasan_peserta(context, diklat) -> dict:
    user = context["request"].user
    per_unsur = dict(Peserta.objects.filter(diklat=diklat).order_by().values_list("unsur").annotate(n=Count("pk")))
    jumlah = sum(per_unsur.values())
    boleh_daftar = False
    if boleh(user, Peserta, "add"):
        try:
            services.periksa_pendaftaran(user, diklat)
            boleh_daftar = True
        except ValidationError:
            pass
    return {
        "jumlah": jumlah,
        "kuota": diklat.kuota,
        "sisa": max(0, diklat.kuota - jumlah),
        "persen": round(100 * jumlah / diklat.kuota) if diklat.kuota else 0,
        "per_unsur": [(label, per_unsur[nilai]) for nilai, label in UnsurPeserta.choices if per_unsur.get(nilai)],
        "url_daftar": f"{reverse('pelatihan:peserta-list')}?diklat={diklat.pk}",
        "boleh_daftar": boleh_daftar,
    }
