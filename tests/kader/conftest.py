import datetime as dt

import pytest

from tests.factories import RWFactory


@pytest.fixture
def rw_a(dua_wilayah):
    return RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=3)


@pytest.fixture
def rw_b(dua_wilayah):
    return RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=3)


@pytest.fixture
def data_kader(dua_wilayah, rw_a):
    """Valid POST data for a woman born 25 May 1990 in Kanigaran (NIK 357404 650590 0001)."""
    return {
        "nik": "3574046505900001",
        "nama": "Siti Aminah",
        "jenis_kelamin": "P",
        "tempat_lahir": "Probolinggo",
        "tanggal_lahir": "1990-05-25",
        "alamat": "Jl. Suroyo 10",
        "kelurahan": dua_wilayah["kel_a"].pk,
        "rw": rw_a.pk,
        "telepon": "081234567890",
        "pendidikan": "sma",
        "pekerjaan": "Wiraswasta",
        "tanggal_mulai": dt.date(2024, 1, 2).isoformat(),
        "peran_kpm": ["penggerak", "perencana"],
    }
