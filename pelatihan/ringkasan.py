"""The pelatihan programme's monthly figures, for every kelurahan at once (registered in ``apps.py``).

``ringkasan_bulanan(tahun, bulan, *, kelurahan_ids=None)`` -> ``{kelurahan_id: RingkasanPelatihan}``,
three queries whatever the number of kelurahan, participants or commitments. ``laporan`` reads it
only through ``wilayah.ringkasan``.

Counting rules (the same everywhere):

- A session is *held in the month* when its days overlap the month; cancelled diklat do not count.
  ``peserta``: the kelurahan's participants of sessions held in the month (participants from a
  kecamatan office belong to no kelurahan row); ``diklat``: the diklat those participants attended
  (a city diklat counts once in each kelurahan that sent someone, so a kecamatan's or the city's
  sum counts kelurahan-diklat pairs).
- Completion is ``PesertaQuerySet.dengan_kehadiran`` (the one place the rule lives). It is read for
  the participants of sessions that *ended in the month* (``peserta_selesai_sesi``); ``lulus`` those
  who completed; ``persen_lulus`` the ratio of the sums.
- Commitments (``RencanaTindakLanjut``) recorded (``dibuat``) on or before the month's last day, as of
  that day (as of today while the month runs): open and overdue by ``RencanaQuerySet.terbuka`` and
  ``terlambat`` (open with ``tenggat`` before that day), done the others. Overdue commitments are the
  "needs action" line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wilayah.models import Kelurahan
from wilayah.periode import batas_bulan
from wilayah.ringkasan import Agregasi, Indikator, Ringkasan, untuk_filter_in

from .models import Peserta, RencanaTindakLanjut, StatusDiklat


@dataclass
class RingkasanPelatihan(Ringkasan):
    """One kelurahan's diklat figures for one month (rules: the module's docstring)."""

    # The first two are the programme's key figures (the report's trend charts and regions table).
    INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
        Indikator("peserta", _("Peserta diklat bulan ini"), "orang", perubahan=True),
        Indikator("persen_lulus", _("Kelulusan peserta diklat"), "%", Agregasi.RASIO, pembilang="lulus", penyebut="peserta_selesai_sesi"),
        Indikator("diklat", _("Diklat yang diikuti peserta kelurahan"), "diklat", perubahan=True),
        Indikator("peserta_selesai_sesi", _("Peserta diklat yang berakhir bulan ini"), "orang"),
        Indikator("lulus", _("Peserta yang menyelesaikan diklat bulan ini"), "orang", perubahan=True),
        Indikator("rencana", _("Komitmen tindak lanjut tercatat"), "komitmen"),
        Indikator("rencana_terbuka", _("Komitmen tindak lanjut belum selesai"), "komitmen"),
        Indikator("rencana_selesai", _("Komitmen tindak lanjut selesai"), "komitmen"),
        Indikator("persen_rencana_selesai", _("Komitmen tindak lanjut yang selesai"), "%", Agregasi.RASIO, pembilang="rencana_selesai", penyebut="rencana"),
        Indikator("rencana_terlambat", _("Komitmen tindak lanjut melewati tenggat"), "komitmen",
                  tindakan=_("{nilai} komitmen tindak lanjut diklat melewati tenggat: catat perkembangannya atau selesaikan")),
    )

    kelurahan_id: int
    diklat: int = 0
    peserta: int = 0
    peserta_selesai_sesi: int = 0
    lulus: int = 0
    rencana: int = 0
    rencana_terbuka: int = 0
    rencana_selesai: int = 0
    rencana_terlambat: int = 0


def ringkasan_bulanan(tahun: int, bulan: int, *, kelurahan_ids=None, hari_ini: date | None = None) -> dict[int, RingkasanPelatihan]:
    """The month's diklat figures of every kelurahan (or of ``kelurahan_ids``). Three queries."""
    awal, akhir = batas_bulan(tahun, bulan)
    pada = min(akhir, hari_ini or timezone.localdate())
    kelurahan = Kelurahan.objects.all()
    peserta = Peserta.objects.filter(kelurahan__isnull=False)
    rencana = RencanaTindakLanjut.objects.filter(dibuat__lte=pada)
    if kelurahan_ids is not None:
        kelurahan_ids = untuk_filter_in(kelurahan_ids)
        kelurahan = kelurahan.filter(pk__in=kelurahan_ids)
        peserta = peserta.filter(kelurahan_id__in=kelurahan_ids)
        rencana = rencana.filter(kelurahan_id__in=kelurahan_ids)

    # 1. the kelurahan
    hasil = {pk: RingkasanPelatihan(kelurahan_id=pk) for pk in kelurahan.order_by("kode").values_list("pk", flat=True)}

    # 2. participants of sessions held in the month, with the completion rule
    diklat_per: dict[int, set[int]] = {}
    baris_peserta = (
        peserta.filter(sesi__tanggal_mulai__lte=akhir, sesi__tanggal_selesai__gte=awal)
        .exclude(diklat__status=StatusDiklat.BATAL)
        .dengan_kehadiran()
        .order_by()
        .values_list("kelurahan_id", "diklat_id", "sesi__tanggal_selesai", "lulus")
    )
    for kelurahan_id, diklat_id, selesai, lulus in baris_peserta:
        baris = hasil.get(kelurahan_id)
        if baris is None:
            continue
        baris.peserta += 1
        diklat_per.setdefault(kelurahan_id, set()).add(diklat_id)
        if selesai <= akhir:
            baris.peserta_selesai_sesi += 1
            baris.lulus += int(bool(lulus))
    for kelurahan_id, diklat in diklat_per.items():
        hasil[kelurahan_id].diklat = len(diklat)

    # 3. commitments recorded by the month's end, as of that day
    semua = RencanaTindakLanjut.objects.all()
    for r in (
        rencana.order_by()
        .values("kelurahan_id")
        .annotate(
            n=Count("pk"),
            terbuka=Count("pk", filter=Q(pk__in=semua.terbuka(pada).values("pk"))),
            terlambat=Count("pk", filter=Q(pk__in=semua.terlambat(pada).values("pk"))),
        )
    ):
        baris = hasil.get(r["kelurahan_id"])
        if baris is None:
            continue
        baris.rencana, baris.rencana_terbuka, baris.rencana_terlambat = r["n"], r["terbuka"], r["terlambat"]
        baris.rencana_selesai = r["n"] - r["terbuka"]
    return hasil
