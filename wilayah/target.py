"""One page where Bappeda sets every programme's targets (``/wilayah/target/``, issue 15).

The KPM target (5 to 10 active cadres per kelurahan) used to be edited in the Django admin and the
tourism targets on a wisata page: two places. Each programme now registers a section here from its
``AppConfig.ready`` (``wilayah`` imports no app):

    from wilayah.target import BagianTarget, daftarkan
    daftarkan(BagianTarget(kode="kader", judul=_("Kader KPM"), model=PengaturanKader,
                           buat_form=..., simpan=..., template_isi="kader/_target.html"))

``buat_form(user, data)`` builds the section's form (bound when ``data`` is given) on the row it
changes; ``simpan(form, user)`` is the app's write door (a service); ``template_isi`` prints the
section's current values with ``konteks(user, form)`` (``form``: the section's form on the page, or
None for a reader, so the values may reuse the row the form read). A section is shown to whoever may view its model and
editable by whoever may change it (``wilayah.scoping.boleh``); its change history
(django-simple-history, every row of the model) is shown under it. PUD and diklat targets join by
registering a section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .scoping import boleh


@dataclass(frozen=True)
class BagianTarget:
    kode: str
    judul: str
    model: type
    buat_form: Callable  # (user, data | None) -> form
    simpan: Callable  # (form, user) -> saved object
    template_isi: str
    konteks: Callable = field(default=lambda user, form: {})
    keterangan: str = ""
    urutan: int = 100
    #: the model holds several rows (a target per year): each history entry names its row
    sebut_baris: bool = False
    #: the model actions that let a user save this section (either suffices: a new year is an "add")
    aksi_ubah: tuple[str, ...] = ("change",)

    def boleh_lihat(self, user) -> bool:
        return boleh(user, self.model, "view")

    def boleh_ubah(self, user) -> bool:
        return any(boleh(user, self.model, aksi) for aksi in self.aksi_ubah)


_BAGIAN: dict[str, BagianTarget] = {}


def daftarkan(bagian: BagianTarget) -> None:
    """Register (or replace, on a second ``ready``) a programme's section."""
    _BAGIAN[bagian.kode] = bagian


def bagian_target(kode: str) -> BagianTarget | None:
    return _BAGIAN.get(kode)


def bagian_untuk(user) -> list[BagianTarget]:
    """The sections ``user`` may read, in page order."""
    return sorted((b for b in _BAGIAN.values() if b.boleh_lihat(user)), key=lambda b: (b.urutan, b.kode))
