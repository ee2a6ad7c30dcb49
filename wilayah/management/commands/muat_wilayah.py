from django.core.management.base import BaseCommand, CommandError

from wilayah.services import BERKAS_WILAYAH_BAWAAN, BerkasWilayahTidakSah, muat_wilayah


class Command(BaseCommand):
    help = "Memuat kecamatan dan kelurahan dari berkas CSV (bawaan: Kota Probolinggo). Aman dijalankan berulang."

    def add_arguments(self, parser):
        parser.add_argument("berkas", nargs="?", default=str(BERKAS_WILAYAH_BAWAAN), help="Berkas CSV wilayah.")

    def handle(self, *args, berkas, **options):
        try:
            hasil = muat_wilayah(path=berkas)
        except FileNotFoundError as exc:
            raise CommandError(f"Berkas tidak ditemukan: {berkas}") from exc
        except BerkasWilayahTidakSah as exc:
            raise CommandError(f"Berkas wilayah ditolak, tidak ada data yang disimpan. {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Wilayah dimuat: {hasil.kecamatan_baru} kecamatan baru, {hasil.kelurahan_baru} kelurahan baru, "
                f"{hasil.diperbarui} diperbarui."
            )
        )
