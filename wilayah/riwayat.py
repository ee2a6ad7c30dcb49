"""The change history shown on a record's page (django-simple-history), one helper for every programme.

``riwayat_perubahan(obj, user)`` returns the latest history records of ``obj``, newest first, each
with the fields that changed against the record before it: label, old and new value as users read
them (choices by their label, yes/no, dates as ``26 Mei 2025``, a foreign key by its name) and a
NIK masked for whoever may not read it in full (``wilayah.nik.boleh_lihat_nik_penuh``). Template:
``wilayah/_riwayat.html``. A fixed number of queries: the records, then one per related model named
in the changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .nik import KOLOM_NIK, boleh_lihat_nik_penuh, samarkan_nik

KOLOM_DIABAIKAN = {"id", "dibuat", "diubah"}


@dataclass
class Perubahan:
    field: str
    label: str
    lama: str
    baru: str


@dataclass
class EntriRiwayat:
    rec: object  # the historical record
    perubahan: list[Perubahan] = field(default_factory=list)
    objek: str = ""  # which row, when a history covers several (``riwayat_model``)

    @property
    def history_date(self):
        return self.rec.history_date

    @property
    def history_user(self):
        return self.rec.history_user

    @property
    def history_type(self) -> str:
        return self.rec.history_type

    @property
    def alasan(self) -> str:
        return self.rec.history_change_reason or ""

    @property
    def label_perubahan(self) -> list[str]:
        return [p.label for p in self.perubahan]


def kelurahan_id_dari(obj) -> int | None:
    """The kelurahan id of a region-bound row, by its ``scope_kelurahan_lookup`` ("kelurahan", "lembaga__kelurahan", "pk")."""
    lookup = getattr(type(obj), "scope_kelurahan_lookup", None)
    if lookup is None:
        return None
    if lookup == "pk":
        return obj.pk
    *jalan, akhir = lookup.split("__")
    for langkah in jalan:
        obj = getattr(obj, langkah, None)
        if obj is None:
            return None
    return getattr(obj, f"{akhir}_id", None)


def _tampil(model_field, nilai, label_fk: dict) -> str:
    if nilai in (None, ""):
        return "-"
    if model_field.is_relation:
        return label_fk.get((model_field.related_model, nilai), str(nilai))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(nilai, nilai))
    if isinstance(model_field, models.BooleanField):
        return _("ya") if nilai else _("tidak")
    if isinstance(nilai, dt.datetime):
        return date_format(nilai, "j F Y H:i")
    if isinstance(nilai, dt.date):
        return date_format(nilai, "j F Y")
    return str(nilai)


def riwayat_perubahan(obj, user, *, batas: int = 30) -> list[EntriRiwayat]:
    """See the module docstring."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: batas + 1])
    pasangan = list(zip(records, records[1:] + [None]))
    return _entri(type(obj), pasangan, batas, nik_penuh=boleh_lihat_nik_penuh(user, kelurahan_id_dari(obj)))


def riwayat_model(model, *, batas: int = 30, sebut_baris: bool = True) -> list[EntriRiwayat]:
    """The latest history records of every row of ``model`` (a city-wide table without NIKs, such as the
    targets), newest first, each against the same row's record before it; ``sebut_baris``: each entry
    names its row (``objek``), for a table of several rows (a target per year)."""
    # The historical model's plain manager: ``model.history`` builds a HistoryManager on every read.
    catatan = model.history.model._default_manager
    records = list(catatan.select_related("history_user").order_by("-history_date", "-history_id")[:batas])
    # The record before each one of the same row: one query over the rows shown (a small table).
    semua = list(catatan.filter(id__in={rec.id for rec in records}).order_by("id", "history_date", "history_id"))
    lama_dari = {}
    for a, b in zip(semua, semua[1:]):
        if a.id == b.id:
            lama_dari[b.history_id] = a
    pasangan = [(rec, lama_dari.get(rec.history_id)) for rec in records]
    hasil = _entri(model, pasangan, batas, nik_penuh=False)
    if sebut_baris:
        for entri in hasil:
            entri.objek = str(entri.rec.instance)
    return hasil


def _entri(model, pasangan, batas: int, *, nik_penuh: bool) -> list[EntriRiwayat]:
    mentah: list[tuple[object, list]] = []
    fk_ids: dict = {}
    for baru, lama in pasangan:
        changes = []
        if lama is not None and baru.history_type == "~":
            for change in baru.diff_against(lama).changes:
                if change.field in KOLOM_DIABAIKAN:
                    continue
                model_field = model._meta.get_field(change.field)
                if model_field.is_relation:
                    fk_ids.setdefault(model_field.related_model, set()).update(v for v in (change.old, change.new) if v)
                changes.append((model_field, change.old, change.new))
        mentah.append((baru, changes))
    label_fk = {}
    for related, ids in fk_ids.items():
        label_fk.update({(related, o.pk): str(o) for o in related._default_manager.filter(pk__in=ids).select_related()})
    hasil = []
    for rec, changes in mentah[:batas]:
        entri = EntriRiwayat(rec=rec)
        for model_field, lama, baru in changes:
            if model_field.name == KOLOM_NIK and not nik_penuh:
                lama, baru = samarkan_nik(lama), samarkan_nik(baru)
            entri.perubahan.append(
                Perubahan(field=model_field.name, label=str(model_field.verbose_name), lama=_tampil(model_field, lama, label_fk), baru=_tampil(model_field, baru, label_fk))
            )
        hasil.append(entri)
    return hasil
