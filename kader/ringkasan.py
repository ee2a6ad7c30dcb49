"""The kader programme's figures for one month, for every kelurahan at once.

``laporan`` reads this (and only this) from the app, through ``wilayah.ringkasan`` (registered in
``apps.py``). Three queries whatever the number of kelurahan or cadres; plain data keyed by
kelurahan id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from wilayah.models import Kelurahan
from wilayah.periode import batas_bulan
from wilayah.ringkasan import Agregasi, Indikator, Ringkasan, Target, untuk_filter_in

from .models import Kader, PengaturanKader, StatusKader


@dataclass(frozen=True)
class RingkasanKader(Ringkasan):
    INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
        Indikator(
            "aktif", _("KPM aktif"), "orang", target=Target(minimal_dari="target_minimal", maksimal_dari="target_maksimal"),
            tindakan=_("KPM aktif {nilai} orang, di luar target {target} orang per kelurahan"),
        ),
        Indikator("aktif_perempuan", _("KPM aktif perempuan"), "orang"),
        Indikator("aktif_laki_laki", _("KPM aktif laki-laki"), "orang"),
        Indikator("baru", _("KPM baru bulan ini"), "orang", perubahan=True),
        Indikator("nonaktif", _("KPM berhenti bulan ini"), "orang", perubahan=True),
        Indikator(
            "kelurahan_sesuai_target", _("Kelurahan dengan jumlah KPM aktif sesuai target"), "%", Agregasi.CAPAIAN_TARGET,
            sumber="aktif", target=Target(minimal_dari="target_minimal", maksimal_dari="target_maksimal"),
        ),
    )

    kelurahan_id: int
    aktif: int  # active on the last day of the month
    aktif_perempuan: int
    aktif_laki_laki: int
    baru: int  # started during the month
    nonaktif: int  # deactivated during the month
    target_minimal: int
    target_maksimal: int

    @property
    def status_target(self) -> str:
        """"kurang" (below the minimum), "cukup" or "lebih" (above the maximum)."""
        if self.aktif < self.target_minimal:
            return "kurang"
        if self.aktif > self.target_maksimal:
            return "lebih"
        return "cukup"

    def as_dict(self) -> dict:
        return super().as_dict() | {"status_target": self.status_target}


def ringkasan_bulanan(tahun: int, bulan: int, *, kelurahan_ids=None) -> dict[int, RingkasanKader]:
    """Figures of ``bulan``/``tahun`` for every kelurahan of the region tree, or for those of
    ``kelurahan_ids`` (zeros where none)."""
    awal, akhir = batas_bulan(tahun, bulan)
    pengaturan = PengaturanKader.aktif()
    aktif_pada_akhir = Q(tanggal_mulai__lte=akhir) & (Q(status=StatusKader.AKTIF) | Q(tanggal_nonaktif__gt=akhir))
    kader = Kader.objects.all()
    kelurahan = Kelurahan.objects.order_by("kode")
    if kelurahan_ids is not None:
        kelurahan_ids = untuk_filter_in(kelurahan_ids)
        kader = kader.filter(kelurahan_id__in=kelurahan_ids)
        kelurahan = kelurahan.filter(pk__in=kelurahan_ids)
    baris = (
        kader.order_by()
        .values("kelurahan_id")
        .annotate(
            aktif=Count("pk", filter=aktif_pada_akhir),
            aktif_perempuan=Count("pk", filter=aktif_pada_akhir & Q(jenis_kelamin="P")),
            aktif_laki_laki=Count("pk", filter=aktif_pada_akhir & Q(jenis_kelamin="L")),
            baru=Count("pk", filter=Q(tanggal_mulai__range=(awal, akhir))),
            nonaktif=Count("pk", filter=Q(tanggal_nonaktif__range=(awal, akhir))),
        )
    )
    per_kelurahan = {b.pop("kelurahan_id"): b for b in baris}
    kosong = {"aktif": 0, "aktif_perempuan": 0, "aktif_laki_laki": 0, "baru": 0, "nonaktif": 0}
    return {
        kelurahan_id: RingkasanKader(
            kelurahan_id=kelurahan_id,
            target_minimal=pengaturan.target_minimal,
            target_maksimal=pengaturan.target_maksimal,
            **per_kelurahan.get(kelurahan_id, kosong),
        )
        for kelurahan_id in kelurahan.values_list("pk", flat=True)
    }
