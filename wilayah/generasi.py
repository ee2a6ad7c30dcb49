"""Generations of the data: a token per model and per app that every save or delete renews, so a value
kept in the cache can name the state it was computed from and is simply not found once that changes.

    from wilayah.generasi import generasi
    kunci = f"...|{generasi('kader', 'wilayah.rw')}|..."     # app labels or "app.model" labels

``data_berubah`` is connected (``wilayah.apps``) to ``post_save``, ``post_delete`` and ``m2m_changed`` of
every model: it renews the token of the model (``app_label.model``) and of its app (``app_label``).

The tokens live in the default cache. Without a shared cache (``CACHE_URL`` unset: each process has its
own memory) a write renews the tokens of the process that made it only; what another process keeps is
then bounded by the time it keeps it (each user says how long). Bulk writes (``bulk_create``,
``update()``) send no signal: the same bound holds for them. Everything kept this way is kept for
about a minute.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache

_AWALAN = "wilayah.generasi:"

#: What every page part kept per user reads besides its own app: the regions, the user's scope and
#: permissions (``auth``), the stored figures. Panels (``wilayah.panels``) and list filter forms
#: (``wilayah.daftar.form_saring_html``) put these tokens in their keys.
SUMBER_WILAYAH = ("wilayah.kecamatan", "wilayah.kelurahan", "wilayah.rw", "wilayah.rt", "wilayah.lingkup", "wilayah.angkatersimpan", "auth")


def generasi(*label: str) -> str:
    """The current tokens of the labels (app labels or ``app_label.model``, lower case), joined."""
    nilai = cache.get_many([_AWALAN + lbl.lower() for lbl in label])
    return ".".join(nilai.get(_AWALAN + lbl.lower(), "0") for lbl in label)


def perbarui(model) -> None:
    """Renew the tokens of ``model`` and of its app."""
    token = uuid.uuid4().hex
    cache.set_many({_AWALAN + model._meta.label_lower: token, _AWALAN + model._meta.app_label: token}, None)


def data_berubah(sender, **kwargs) -> None:
    """Receiver of ``post_save``/``post_delete``/``m2m_changed`` (whose sender is the through model)."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: only after the change
    perbarui(sender)
