"""Writes to the region tree."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Kecamatan, Kelurahan, kode_kecamatan_validator, kode_kelurahan_validator

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
