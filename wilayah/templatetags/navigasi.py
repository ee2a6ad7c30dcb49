"""Links between pages that need no script (the Content Security Policy allows none inline).

    {% load navigasi %}
    <a href="{% url_batal %}">Batal</a>

``url_batal``: where "Batal" on a form leads: the object's own page when the form edits one;
else the page the user came from, when it is a page of this portal; else the home page.
"""

from django import template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

register = template.Library()


@register.simple_tag(takes_context=True)
def url_batal(context) -> str:
    obj = context.get("object")
    if obj is not None and getattr(obj, "pk", None) and hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    request = context.get("request")
    if request is not None:
        asal = request.META.get("HTTP_REFERER", "")
        if asal and url_has_allowed_host_and_scheme(asal, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return asal
    return reverse("beranda")
