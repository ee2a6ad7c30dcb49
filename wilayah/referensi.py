"""Reference rows a programme starts with (fields of work, tourism categories, lembaga types, institutions)
come from data migrations. ``flush`` (and every transactional test, which flushes when it ends) empties
them while the migrations stay applied; ``flush`` then sends ``post_migrate``. ``isi_bila_kosong``
connects, for one model, a receiver that fills the table again when it is empty; a table with rows,
edited or not, is left alone.

    # in AppConfig.ready()
    from wilayah.referensi import isi_bila_kosong
    from .referensi import isi_bidang_kerja
    isi_bila_kosong(self, "BidangKerja", isi_bidang_kerja)

``isi`` takes the model class (the data migration passes its historical model), as each app's
``referensi.py`` functions do.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models.signals import post_migrate


def isi_bila_kosong(app_config, nama_model: str, isi: Callable) -> None:
    def penerima(sender, using="default", **kwargs):
        model = app_config.get_model(nama_model)
        if not model._default_manager.using(using).exists():
            isi(model)

    post_migrate.connect(penerima, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}.isi_bila_kosong.{nama_model}")
