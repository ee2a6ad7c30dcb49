"""Form helpers for templates.

    {% load formulir %}
    {% ringkasan_galat form %}              the error summary of a form that failed to save
    {% ringkasan_galat form formset %}      ... of a form and its formset
"""

from django import template

from wilayah.galat import ringkasan_galat as _ringkasan

register = template.Library()


@register.inclusion_tag("wilayah/_galat_form.html")
def ringkasan_galat(*bagian):
    return {"daftar_galat": _ringkasan(*bagian)}
