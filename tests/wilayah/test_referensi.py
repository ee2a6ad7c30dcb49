"""Reference rows come back after a flush (wilayah.referensi): transactional tests flush the database
when they end, and a later test in the same worker must still find the fields of work, categories,
lembaga types and institutions the data migrations made."""

import pytest
from django.apps import apps
from django.core.management.sql import emit_post_migrate_signal

pytestmark = pytest.mark.django_db

REFERENSI = ["kader.BidangKerja", "kader.PengaturanKader", "wisata.KategoriWisata", "lkk.JenisLembaga", "pelatihan.Instansi"]


@pytest.mark.parametrize("label", REFERENSI)
def test_empty_reference_table_is_filled_again_after_post_migrate(label):
    model = apps.get_model(label)
    jumlah = model.objects.count()
    assert jumlah > 0  # the data migration made them
    model.objects.all().delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert model.objects.count() == jumlah


def test_a_filled_table_is_left_as_edited():
    BidangKerja = apps.get_model("kader.BidangKerja")
    pertama = BidangKerja.objects.order_by("pk").first()
    pertama.nama = "Ekonomi kreatif"
    pertama.save()
    jumlah = BidangKerja.objects.count()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert BidangKerja.objects.count() == jumlah and not BidangKerja.objects.filter(nama="Ekonomi").exists()
