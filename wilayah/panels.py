"""Programme panels on the region home pages.

``wilayah`` imports no programme app. Instead each programme app registers, in its
``AppConfig.ready()``, the panel it shows on a kelurahan, kecamatan or city home page:

    from wilayah.panels import Panel, register_panel
    register_panel(Panel(level="kelurahan", app_label="kader", judul="...",
                         template="kader/panel_kelurahan.html", context=panel_context, urutan=10))

``context(request, wilayah)`` returns the template context; it must read through
``for_user(request.user)`` and run a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LEVELS = ("kelurahan", "kecamatan", "kota")


@dataclass(frozen=True)
class Panel:
    level: str
    app_label: str
    judul: str
    template: str
    context: Callable | None = None
    urutan: int = 100


_registry: dict[str, dict[str, Panel]] = {level: {} for level in LEVELS}


def register_panel(panel: Panel) -> None:
    if panel.level not in LEVELS:
        raise ValueError(f"Tingkat panel tidak dikenal: {panel.level}")
    _registry[panel.level][panel.app_label] = panel


def panels_for(level: str, request, wilayah) -> list[dict]:
    """The panels of one level, in order, each with its rendered context."""
    rendered = []
    for panel in sorted(_registry[level].values(), key=lambda p: (p.urutan, p.app_label)):
        context = panel.context(request, wilayah) if panel.context else {}
        rendered.append({"panel": panel, "template": panel.template, "context": context})
    return rendered
