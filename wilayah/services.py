"""Writes to the region tree, and the common door every programme's save service goes through.

``simpan_dalam_lingkup`` is the core of a save service (HackSoft style: keyword-only arguments,
the acting user, one transaction: its own, so a service that only prepares the row and calls it
needs no second one): the user may add or change this model, a stored row is one
they may change as stored, ``full_clean`` runs (with the service's own multi-row rules), the row is
saved, and the row as saved still lies where they may act (a kelurahan operator cannot move a
record to another kelurahan). Anything refused rolls back and leaves no uploaded file behind.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import RT, RW, Kecamatan, Kelurahan, kode_kecamatan_validator, kode_kelurahan_validator
from .scoping import boleh, boleh_atas


def pastikan_boleh(acting_user, model, action: str) -> None:
    """PermissionDenied unless the user may ``action`` rows of ``model`` at all."""
    if not boleh(acting_user, model, action):
        raise PermissionDenied


def ambil_untuk(acting_user, obj, action: str, *, kunci: bool = False):
    """The stored row of ``obj`` if the user may ``action`` it (locked with ``kunci`` inside a
    transaction); PermissionDenied otherwise."""
    qs = type(obj)._default_manager.for_user(acting_user, action)
    if kunci:
        # Only the row itself: a scope or the default ordering may outer-join nullable regions.
        qs = qs.select_for_update(of=("self",))
    baris = qs.filter(pk=obj.pk).first() if obj.pk is not None else None
    if baris is None:
        raise PermissionDenied
    return baris


def simpan_dalam_lingkup(
    obj,
    *,
    acting_user,
    kolom_lingkup: str = NON_FIELD_ERRORS,
    berkas: Iterable[str] = (),
    aturan: Callable | None = None,
):
    """Validate and save ``obj`` (new or stored) for ``acting_user``; see the module docstring.

    ``kolom_lingkup``: the field a "outside your region" refusal is shown on; ``berkas``: file
    fields whose new upload is removed again when saving fails (a replaced file is removed after
    commit); ``aturan(obj)``: the service's multi-row rules, run after the single-row checks and
    before the database constraints are checked."""
    model = type(obj)
    baru = obj._state.adding
    action = "add" if baru else "change"
    if baru:
        pastikan_boleh(acting_user, model, "add")
        lama = {}
    else:
        ambil_untuk(acting_user, obj, "change")
        lama = dict(zip(berkas, model._default_manager.filter(pk=obj.pk).values_list(*berkas).first() or ())) if berkas else {}
    obj._history_user = acting_user  # django-simple-history: who changed it, outside requests too
    try:
        with transaction.atomic():
            obj.full_clean(validate_constraints=aturan is None)
            if aturan is not None:
                aturan(obj)
                obj.validate_constraints()
            obj.save()
            if not boleh_atas(acting_user, obj, action):
                raise ValidationError({kolom_lingkup: _("Data ini di luar wilayah kerja Anda.")})
    except BaseException:
        for field in berkas:
            terunggah = getattr(obj, field)
            if terunggah and terunggah.name and terunggah.name != lama.get(field):
                terunggah.storage.delete(terunggah.name)
        raise
    for field, nama_lama in lama.items():
        terunggah = getattr(obj, field)
        if nama_lama and terunggah.name != nama_lama:
            storage = terunggah.storage
            transaction.on_commit(lambda storage=storage, nama=nama_lama: storage.delete(nama))
    return obj


def rw_simpan(*, acting_user, rw: RW) -> RW:
    return simpan_dalam_lingkup(rw, acting_user=acting_user, kolom_lingkup="kelurahan")


def rt_simpan(*, acting_user, rt: RT) -> RT:
    return simpan_dalam_lingkup(rt, acting_user=acting_user, kolom_lingkup="rw")

KOLOM_WILAYAH = ("kode_kecamatan", "nama_kecamatan", "kode_kelurahan", "nama_kelurahan")
BERKAS_WILAYAH_BAWAAN = Path(__file__).resolve().parent / "data" / "wilayah_kota_probolinggo.csv"


class BerkasWilayahTidakSah(ValueError):
    """The region file is malformed; the message names the line."""


@dataclass
class HasilMuatWilayah:
    kecamatan_baru: int = 0
    kelurahan_baru: int = 0
    diperbarui: int = 0


def _baca_baris(teks: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(teks))
    kolom = tuple(reader.fieldnames or ())
    hilang = [k for k in KOLOM_WILAYAH if k not in kolom]
    if hilang:
        raise BerkasWilayahTidakSah(f"Baris 1: kolom wajib tidak ada: {', '.join(hilang)}.")
    baris_list = []
    kecamatan_nama: dict[str, str] = {}
    kode_kelurahan_terlihat: set[str] = set()
    for nomor, baris in enumerate(reader, start=2):
        nilai = {k: (baris.get(k) or "").strip() for k in KOLOM_WILAYAH}
        kosong = [k for k, v in nilai.items() if not v]
        if kosong:
            raise BerkasWilayahTidakSah(f"Baris {nomor}: kolom {', '.join(kosong)} kosong.")
        try:
            kode_kecamatan_validator(nilai["kode_kecamatan"])
            kode_kelurahan_validator(nilai["kode_kelurahan"])
        except ValidationError as exc:
            raise BerkasWilayahTidakSah(f"Baris {nomor}: {' '.join(exc.messages)}") from exc
        if not nilai["kode_kelurahan"].startswith(nilai["kode_kecamatan"] + "."):
            raise BerkasWilayahTidakSah(
                f"Baris {nomor}: kode kelurahan {nilai['kode_kelurahan']} tidak berada di kecamatan {nilai['kode_kecamatan']}."
            )
        lama = kecamatan_nama.setdefault(nilai["kode_kecamatan"], nilai["nama_kecamatan"])
        if lama != nilai["nama_kecamatan"]:
            raise BerkasWilayahTidakSah(
                f"Baris {nomor}: kecamatan {nilai['kode_kecamatan']} bernama '{lama}' di baris sebelumnya, di sini '{nilai['nama_kecamatan']}'."
            )
        if nilai["kode_kelurahan"] in kode_kelurahan_terlihat:
            raise BerkasWilayahTidakSah(f"Baris {nomor}: kode kelurahan {nilai['kode_kelurahan']} muncul dua kali.")
        kode_kelurahan_terlihat.add(nilai["kode_kelurahan"])
        baris_list.append(nilai)
    if not baris_list:
        raise BerkasWilayahTidakSah("Berkas tidak berisi satu baris wilayah pun.")
    return baris_list


def muat_wilayah(*, path: Path | str = BERKAS_WILAYAH_BAWAAN) -> HasilMuatWilayah:
    """Load kecamatan and kelurahan from a CSV; idempotent; a malformed file writes nothing."""
    try:
        teks = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BerkasWilayahTidakSah("Berkas bukan teks UTF-8 (CSV).") from exc
    baris_list = _baca_baris(teks)
    hasil = HasilMuatWilayah()
    with transaction.atomic():
        kecamatan_by_kode = {k.kode: k for k in Kecamatan.objects.all()}
        kelurahan_by_kode = {k.kode: k for k in Kelurahan.objects.all()}
        for baris in baris_list:
            kecamatan = kecamatan_by_kode.get(baris["kode_kecamatan"])
            if kecamatan is None:
                kecamatan = Kecamatan.objects.create(kode=baris["kode_kecamatan"], nama=baris["nama_kecamatan"])
                kecamatan_by_kode[kecamatan.kode] = kecamatan
                hasil.kecamatan_baru += 1
            elif kecamatan.nama != baris["nama_kecamatan"]:
                kecamatan.nama = baris["nama_kecamatan"]
                kecamatan.save(update_fields=["nama"])
                hasil.diperbarui += 1
            kelurahan = kelurahan_by_kode.get(baris["kode_kelurahan"])
            if kelurahan is None:
                kelurahan_by_kode[baris["kode_kelurahan"]] = Kelurahan.objects.create(
                    kode=baris["kode_kelurahan"], nama=baris["nama_kelurahan"], kecamatan=kecamatan
                )
                hasil.kelurahan_baru += 1
            elif kelurahan.nama != baris["nama_kelurahan"] or kelurahan.kecamatan_id != kecamatan.pk:
                kelurahan.nama, kelurahan.kecamatan = baris["nama_kelurahan"], kecamatan
                kelurahan.save(update_fields=["nama", "kecamatan"])
                hasil.diperbarui += 1
    return hasil
