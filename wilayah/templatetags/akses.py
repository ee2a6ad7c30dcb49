"""Templates ask the same question as views: ``wilayah.scoping.boleh`` / ``boleh_atas``.

    {% load akses %}
    {% if request.user|boleh:"kader.add_kader" %}...{% endif %}          (an action on a model)
    {% boleh_atas object "change" as bisa_ubah %}{% if bisa_ubah %}...     (an action on this row)
"""

from django import template
from django.apps import apps

from wilayah.scoping import boleh as _boleh
from wilayah.scoping import boleh_atas as _boleh_atas

register = template.Library()


@register.filter
def boleh(user, izin: str) -> bool:
    """``"app.action_model"`` (as Django's permission names): may ``user`` do it?"""
    app_label, kode = izin.split(".", 1)
    action, model_name = kode.split("_", 1)
    return _boleh(user, apps.get_model(app_label, model_name), action)


@register.simple_tag(takes_context=True)
def boleh_atas(context, obj, action: str) -> bool:
    return _boleh_atas(context["request"].user, obj, action)
