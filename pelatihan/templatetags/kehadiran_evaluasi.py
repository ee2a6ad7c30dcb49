"""The attendance and evaluation sections of the diklat and participant pages: each asks its own
figures (a fixed number of queries) and whether the user organises (``for_user(user, "kelola")``).

    {% load kehadiran_evaluasi %}
    {% kehadiran_diklat diklat as k %}   {% evaluasi_diklat diklat as e %}
    {% kehadiran_peserta peserta as k %} {% evaluasi_peserta peserta as e %}
"""

from django import template

from pelatihan import rekap
from pelatihan.models import Evaluasi, Peserta

register = template.Library()


def _user(context):
    request = context.get("request")
    return request.user if request is not None else context.get("user")


@register.simple_tag(takes_context=True)
def kehadiran_diklat(context, diklat) -> dict:
    """Days recorded, participants, completed (count and rate), whether the user records attendance. Three queries."""
    user = _user(context)
    return {"ringkasan": rekap.ringkasan_kehadiran(user, diklat), "boleh_kelola": rekap.boleh_kelola(user, diklat)}


@register.simple_tag(takes_context=True)
def evaluasi_diklat(context, diklat) -> dict:
    """Responses / participants and the average overall rating. One query."""
    return rekap.angka_evaluasi(_user(context), diklat)


@register.simple_tag(takes_context=True)
def kehadiran_peserta(context, peserta) -> dict:
    """The participant's days with their status, days present, completion. Two queries."""
    hari, hadir, lulus = rekap.peserta_kehadiran(peserta)
    return {"hari": hari, "hari_hadir": hadir, "lulus": lulus, "boleh_kelola": Peserta.objects.for_user(_user(context), "kelola").filter(pk=peserta.pk).exists()}


@register.simple_tag(takes_context=True)
def evaluasi_peserta(context, peserta) -> dict:
    """Whether the participant's evaluation is in, and whether the user may enter it now (organiser,
    present at least one day: ``dengan_kehadiran``). Two queries."""
    evaluasi = Evaluasi.objects.filter(peserta=peserta).first()
    boleh = Peserta.objects.for_user(_user(context), "kelola").filter(pk=peserta.pk).dengan_kehadiran().filter(hari_hadir__gt=0).exists()
    return {"evaluasi": evaluasi, "boleh_isi": boleh}
