"""Active cadres per kelurahan against the 5-to-10 target, for the panels and the city view.

Reads through ``for_user``; two queries whatever the number of kelurahan or cadres.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from wilayah.models import Kelurahan

from .models import PengaturanKader, StatusKader


@dataclass
class Progres:
    kelurahan: Kelurahan | None
    aktif: int
    target_minimal: int
    target_maksimal: int

    @property
    def status(self) -> str:
        if self.aktif < self.target_minimal:
            return "kurang"
        if self.aktif > self.target_maksimal:
            return "lebih"
        return "cukup"

    @property
    def persen(self) -> int:
        """Bar width: the share of the maximum target reached (capped at 100)."""
        return min(100, round(self.aktif * 100 / self.target_maksimal)) if self.target_maksimal else 100

    @property
    def warna(self) -> str:
        return {"kurang": "bg-danger", "cukup": "bg-success", "lebih": "bg-warning"}[self.status]


def progres_kelurahan(user, *, kelurahan_qs=None) -> list[Progres]:
    """One row per kelurahan the user may see (optionally narrowed), in code order. Two queries.

    The count is an annotation on ``Kelurahan.objects.for_user``: a cadre belongs to exactly one
    kelurahan and ``Kader.objects.for_user`` scopes by that kelurahan, so the cadres counted are
    exactly those ``Kader.objects.for_user(user)`` returns (a test holds the two equal)."""
    pengaturan = PengaturanKader.aktif()
    kelurahan_qs = Kelurahan.objects.all() if kelurahan_qs is None else kelurahan_qs
    kelurahan = list(
        kelurahan_qs.for_user(user)
        .select_related("kecamatan")
        .annotate(jumlah_kader_aktif=Count("kader_set", filter=Q(kader_set__status=StatusKader.AKTIF)))
        .order_by("kode")
    )
    return [Progres(k, k.jumlah_kader_aktif, pengaturan.target_minimal, pengaturan.target_maksimal) for k in kelurahan]


def konteks_panel_kelurahan(request, kelurahan) -> dict:
    baris = progres_kelurahan(request.user, kelurahan_qs=Kelurahan.objects.filter(pk=kelurahan.pk))
    return {"progres": baris[0] if baris else None, "kelurahan": kelurahan}


def _ringkas(baris: list[Progres]) -> dict:
    return {
        "baris": baris,
        "kurang": [b for b in baris if b.status == "kurang"],
        "lebih": [b for b in baris if b.status == "lebih"],
        "cukup": [b for b in baris if b.status == "cukup"],
        "total_aktif": sum(b.aktif for b in baris),
        "target_minimal": baris[0].target_minimal if baris else PengaturanKader.aktif().target_minimal,
        "target_maksimal": baris[0].target_maksimal if baris else PengaturanKader.aktif().target_maksimal,
    }


def konteks_panel_kecamatan(request, kecamatan) -> dict:
    return _ringkas(progres_kelurahan(request.user, kelurahan_qs=Kelurahan.objects.filter(kecamatan=kecamatan)))


def konteks_panel_kota(request, _wilayah) -> dict:
    return _ringkas(progres_kelurahan(request.user))
