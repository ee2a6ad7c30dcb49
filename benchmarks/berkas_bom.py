"""Benchmark: how fast a pixel bomb is refused, and what a real phone photo costs (issue 9, finding 7).

Run:  .venv/bin/python benchmarks/berkas_bom.py
It builds a throwaway SQLite database and media folder in a temporary folder (removed afterwards).
The bomb is the finding's file: a 9500 x 9500 RGB PNG of one colour (about 260 KB), which was
accepted as a destination photo after 4.8 s and three decodings. Prints, for each step, the best of
5 runs.
"""

import os
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
tmp = tempfile.TemporaryDirectory(prefix="bench_berkas_")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{tmp.name}/media"
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "True")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from wilayah.berkas import foto_bersih, validasi_gambar  # noqa: E402


def png_rgb(lebar: int, tinggi: int) -> bytes:
    """One-colour RGB PNG, compressed row by row (never the whole raw image in memory)."""

    def chunk(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))

    baris = b"\x00" + b"\x00" * (3 * lebar)
    kompres = zlib.compressobj(9)
    idat = b"".join(kompres.compress(baris) for _ in range(tinggi)) + kompres.flush()
    ihdr = struct.pack(">IIBBBBB", lebar, tinggi, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def ukur(label: str, fn, kali: int = 5):
    terbaik, hasil = float("inf"), None
    for _ in range(kali):
        mulai = time.perf_counter()
        hasil = fn()
        terbaik = min(terbaik, time.perf_counter() - mulai)
    print(f"{label:<52} {terbaik * 1000:9.2f} ms")
    return hasil


def main():
    import io

    from PIL import Image

    bom = png_rgb(9500, 9500)
    print(f"bomb: 9500 x 9500 RGB PNG, {len(bom) / 1024:.0f} KB")

    def tolak_validator():
        try:
            validasi_gambar(SimpleUploadedFile("bom.png", bom))
        except Exception as exc:  # noqa: BLE001
            return exc
        raise AssertionError("bomb accepted")

    pesan = ukur("validasi_gambar refuses the bomb", tolak_validator)
    print(f"  message: {pesan.messages[0]}")

    foto = io.BytesIO()
    Image.effect_noise((4000, 3000), 60).convert("RGB").save(foto, format="JPEG", quality=80)
    foto = foto.getvalue()
    print(f"phone photo: 4000 x 3000 JPEG, {len(foto) / 1e6:.1f} MB")
    ukur("foto_bersih: photo + thumbnail from one decoding", lambda: foto_bersih(SimpleUploadedFile("f.jpg", foto), (1600, 1600), (480, 360), maks=10**8))

    call_command("migrate", verbosity=0)
    from tests.wisata.factories import DestinasiFactory
    from wilayah.models import Kecamatan, Kelurahan, Lingkup

    kec = Kecamatan.objects.create(kode="35.74.04", nama="Kanigaran")
    kel = Kelurahan.objects.create(kode="35.74.04.1004", nama="Kebonsari Wetan", kecamatan=kec)
    user = get_user_model().objects.create_user("bench_lurah", password="x")
    user.groups.add(Group.objects.get(name="Operator Kelurahan"))
    Lingkup.objects.create(user=user, tingkat="kelurahan", kelurahan=kel)
    destinasi = DestinasiFactory(kelurahan=kel)
    client = Client()
    client.force_login(user)
    url = reverse("wisata:foto-create", args=[destinasi.pk])

    def unggah_bom():
        response = client.post(url, {"gambar": SimpleUploadedFile("bom.png", bom, "image/png")})
        assert response.status_code == 200 and "megapiksel" in response.content.decode()

    ukur("POST the bomb as a destination photo (refused)", unggah_bom)


if __name__ == "__main__":
    try:
        main()
    finally:
        tmp.cleanup()
