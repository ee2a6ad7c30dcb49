"""Form helpers for templates.

    {% load formulir %}
    {% ringkasan_galat form %}              the error summary of a form that failed to save
    {% ringkasan_galat form formset %}      ... of a form and its formset
    {% ringkasan_galat form judul=teks %}   ... under another heading than "Data belum tersimpan" (the login)
"""

from django import template

from wilayah.galat import ringkasan_galat as _ringkasan

register = template.Library()


@register.inclusion_tag("wilayah/_galat_form.html")
def ringkasan_galat(*bagian, judul=""):
    return {"daftar_galat": _ringkasan(*bagian), "judul": judul}
