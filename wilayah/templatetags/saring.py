"""A list page's filter form (``wilayah/_filter_form_isi.html``):

    {% load saring %}{{ filter_form|jumlah_saringan_aktif }}

the number of filters the request sets (``wilayah.daftar.jumlah_saringan_aktif``).
"""

from django import template

from wilayah.daftar import jumlah_saringan_aktif as _jumlah

register = template.Library()


@register.filter
def jumlah_saringan_aktif(form) -> int:
    return _jumlah(form)
