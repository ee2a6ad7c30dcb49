"""Templates ask the same question as views: ``wilayah.scoping.boleh`` / ``boleh_atas``.

    {% load akses %}
    {% if request.user|boleh:"kader.add_kader" %}...{% endif %}          (an action on a model)
    {% boleh_atas object "change" as bisa_ubah %}{% if bisa_ubah %}...     (an action on this row)
"""

from django import template
from django.apps import apps
from django.urls import resolve, reverse

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


@register.simple_tag(takes_context=True)
def dapat_dibuka(context, nama_url: str) -> bool:
    """May the user open the page at this URL name (without parameters)? For links: a page is linked
    only to who may open it (``ScopedViewMixin.dapat_dibuka``).

        {% dapat_dibuka "wilayah:akun-list" as boleh_akun %}{% if boleh_akun %}<a ...>{% endif %}
    """
    view_class = getattr(resolve(reverse(nama_url)).func, "view_class", None)
    request = context.get("request")
    user = request.user if request is not None else context.get("user")
    return view_class is not None and hasattr(view_class, "dapat_dibuka") and view_class.dapat_dibuka(user)
