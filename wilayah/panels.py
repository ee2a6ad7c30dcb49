"""Programme panels on the region home pages.

``wilayah`` imports no programme app. Instead each programme app registers, in its
``AppConfig.ready()``, the panel it shows on a kelurahan, kecamatan or city home page:

    from wilayah.panels import Panel, register_panel
    register_panel(Panel(level="kelurahan", app_label="kader", judul="...",
                         template="kader/panel_kelurahan.html", context=panel_context, urutan=10))

``context(request, wilayah)`` returns the template context; it must read through
``for_user(request.user)`` and run a fixed number of queries.

A panel is rendered on its own (``render_to_string`` with the request: ``panel`` is its context) and the
HTML is kept in the cache for ``PANEL_SIMPAN_DETIK`` seconds per user, session, region, language and day,
and per generation (``wilayah.generasi``) of what it reads: its own app's models, the region tables
(``SUMBER_WILAYAH``) and any ``sumber`` it adds. A save or delete of any of them renders it afresh; a user
reloading a home page (the operator's start page) does not run every programme's queries again. A
panel's template must not hold a form (its CSRF token would be kept too).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .generasi import SUMBER_WILAYAH, generasi

LEVELS = ("kelurahan", "kecamatan", "kota")
#: how long a rendered panel is kept (0: never); every write of what it reads renders it afresh
PANEL_SIMPAN_DETIK = 60


@dataclass(frozen=True)
class Panel:
    level: str
    app_label: str
    judul: str
    template: str
    context: Callable | None = None
    urutan: int = 100
    #: other apps or ``app.model`` labels it reads, beyond its own app and ``SUMBER_WILAYAH``
    sumber: tuple[str, ...] = ()


_registry: dict[str, dict[str, Panel]] = {level: {} for level in LEVELS}


def register_panel(panel: Panel) -> None:
    if panel.level not in LEVELS:
        raise ValueError(f"Tingkat panel tidak dikenal: {panel.level}")
    _registry[panel.level][panel.app_label] = panel


def _render(panel: Panel, request, wilayah) -> str:
    context = panel.context(request, wilayah) if panel.context else {}
    return render_to_string(panel.template, {"panel": context}, request=request)


def _kunci(panel: Panel, request, wilayah) -> str:
    bagian = (
        panel.level, panel.app_label, getattr(wilayah, "pk", ""), request.user.pk, request.session.session_key,
        translation.get_language(), timezone.localdate(), generasi(panel.app_label, *SUMBER_WILAYAH, *panel.sumber),
    )  # fmt: skip
    return "wilayah.panel:" + hashlib.sha256("|".join(map(str, bagian)).encode()).hexdigest()


def panel_html(panel: Panel, request, wilayah) -> str:
    """The panel rendered for this request: kept, or rendered now and kept (see the module docstring)."""
    if PANEL_SIMPAN_DETIK <= 0 or not request.user.is_authenticated:
        return _render(panel, request, wilayah)
    kunci = _kunci(panel, request, wilayah)
    html = cache.get(kunci)
    if html is None:
        html = _render(panel, request, wilayah)
        cache.set(kunci, html, PANEL_SIMPAN_DETIK)
    return html


def panels_for(level: str, request, wilayah) -> list[dict]:
    """The panels of one level, in order, each rendered (``html``)."""
    return [
        {"panel": panel, "html": panel_html(panel, request, wilayah)}
        for panel in sorted(_registry[level].values(), key=lambda p: (p.urutan, p.app_label))
    ]
