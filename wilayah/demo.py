"""Demo data for clicking through the portal: regions, RWs and one user per role.

``python manage.py demo_data`` runs this, then the ``demo.muat_demo()`` of every programme app
that has one. Everything here is idempotent.
"""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .models import RT, RW, Kecamatan, Kelurahan, Lingkup
from .roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from .scoping import Tingkat
from .services import muat_wilayah

#: Colours of the demo pictures.
WARNA_CONTOH = [(214, 120, 40), (60, 130, 90), (70, 100, 170), (180, 60, 90), (120, 120, 60)]


def gambar_contoh(judul: str, warna) -> bytes:
    """A 960x640 JPEG with diagonal stripes and a caption: the demo data's photos (destinations, UMKM)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (960, 640), warna)
    draw = ImageDraw.Draw(img)
    for i in range(0, 640, 40):
        draw.line([(0, i), (960, i + 200)], fill=tuple(min(255, c + 30) for c in warna), width=8)
    draw.text((40, 560), judul, fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, format="JPEG")
    return out.getvalue()

DEMO_PASSWORD = "Probolinggo-Demo-2026"
DEMO_KELURAHAN = "35.74.04.1004"  # Kebonsari Wetan, Kanigaran (seed 001)
DEMO_KECAMATAN = "35.74.04"  # Kanigaran

# username, full name, role, level, region code, jabatan, staff
DEMO_USERS = [
    ("lurah.kebonsariwetan", "Lurah Kebonsari Wetan", OPERATOR_KELURAHAN, Tingkat.KELURAHAN, DEMO_KELURAHAN, "Lurah", False),
    ("pemmas.kebonsariwetan", "Kasi Pemmas Kebonsari Wetan", OPERATOR_KELURAHAN, Tingkat.KELURAHAN, DEMO_KELURAHAN, "Kasi Pemmas", False),
    ("camat.kanigaran", "Camat Kanigaran", CAMAT, Tingkat.KECAMATAN, DEMO_KECAMATAN, "Camat", False),
    ("bappeda", "Staf Bappeda Litbang", BAPPEDA, Tingkat.KOTA, None, "Staf Bappeda", True),
    ("walikota", "Kantor Wali Kota", KANTOR_WALI_KOTA, Tingkat.KOTA, None, "Staf Kantor Wali Kota", False),
]


def _rw_count(kelurahan: Kelurahan) -> int:
    # A stable, plausible number of RW per kelurahan (4 to 12); the real figure is entered by the kelurahan.
    return 4 + int(kelurahan.kode[-2:]) % 9


@transaction.atomic
def muat_demo(stdout=None) -> list[tuple[str, str, str]]:
    muat_wilayah()
    for kelurahan in Kelurahan.objects.all():
        existing = set(RW.objects.filter(kelurahan=kelurahan).values_list("nomor", flat=True))
        RW.objects.bulk_create(
            [RW(kelurahan=kelurahan, nomor=n) for n in range(1, _rw_count(kelurahan) + 1) if n not in existing]
        )
    for rw in RW.objects.filter(kelurahan__kode=DEMO_KELURAHAN):
        existing = set(RT.objects.filter(rw=rw).values_list("nomor", flat=True))
        RT.objects.bulk_create([RT(rw=rw, nomor=n) for n in range(1, 5) if n not in existing])

    User = get_user_model()
    credentials = []
    for username, full_name, role, tingkat, kode, jabatan, staff in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last, "is_staff": staff})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.set([Group.objects.get(name=role)])
        Lingkup.objects.update_or_create(
            user=user,
            defaults={
                "tingkat": tingkat,
                "kelurahan": Kelurahan.objects.get(kode=kode) if tingkat == Tingkat.KELURAHAN else None,
                "kecamatan": Kecamatan.objects.get(kode=kode) if tingkat == Tingkat.KECAMATAN else None,
                "jabatan": jabatan,
            },
        )
        credentials.append((username, DEMO_PASSWORD, role))
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    credentials.append(("admin", DEMO_PASSWORD, "Superuser"))
    return credentials
