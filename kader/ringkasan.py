"""The kader programme's figures for one month, for every kelurahan at once.

``laporan`` reads this (and only this) from the app. Three queries whatever the number of
kelurahan or cadres; plain data keyed by kelurahan id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db.models import Count, Q

from wilayah.models import Kelurahan
from wilayah.periode import batas_bulan

from .models import Kader, PengaturanKader, StatusKader


@dataclass(frozen=True)
class RingkasanKader:
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
        return asdict(self) | {"status_target": self.status_target}


def ringkasan_bulanan(tahun: int, bulan: int) -> dict[int, RingkasanKader]:
    """Figures of ``bulan``/``tahun`` for every kelurahan of the region tree (zeros where none)."""
    awal, akhir = batas_bulan(tahun, bulan)
    pengaturan = PengaturanKader.aktif()
    aktif_pada_akhir = Q(tanggal_mulai__lte=akhir) & (Q(status=StatusKader.AKTIF) | Q(tanggal_nonaktif__gt=akhir))
    baris = (
        Kader.objects.order_by()
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
        for kelurahan_id in Kelurahan.objects.order_by("kode").values_list("pk", flat=True)
    }
