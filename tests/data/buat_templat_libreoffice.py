"""Makes the LibreOffice-saved files of ``tests/wilayah/test_templat.py`` (the suite itself needs no LibreOffice):

- ``templat_kpm_diisi_libreoffice.xlsx``: the portal's cadre template, one row typed into the data sheet
  (NIK and phone as text in their Text columns, dates as date cells), then opened and saved by LibreOffice Calc;
- ``ekspor_kpm_libreoffice.xlsx``: the portal's cadre export of one cadre, saved again by LibreOffice Calc.

Both come from the world of the tests (``tests/conftest.py::dua_wilayah``: kelurahan 35.74.04.1004 Kebonsari
Wetan, RW 3). Run from the project folder (about half a minute: it migrates a throw-away SQLite database):

    DEBUG=1 DATABASE_URL=sqlite:////tmp/buat_templat.sqlite3 .venv/bin/python tests/data/buat_templat_libreoffice.py
"""

import datetime as dt
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent
sys.path.insert(0, str(DATA.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.core.management import call_command  # noqa: E402

from kader.models import Kader  # noqa: E402
from kader.resources import KaderResource, ekspor_kader  # noqa: E402
from tests.factories import KecamatanFactory, KelurahanFactory, RWFactory, make_user  # noqa: E402
from tests.kader.factories import buat_nik  # noqa: E402
from wilayah.roles import OPERATOR_KELURAHAN  # noqa: E402
from wilayah.templat import TemplatImpor  # noqa: E402

# The row typed into the template (the test checks the imported cadre against it).
BARIS_TEMPLAT = {
    "NIK *": buat_nik("357404", dt.date(1990, 5, 25), "P", 7),
    "Nama *": "Siti Rahayu",
    "Jenis kelamin *": "P",
    "Tempat lahir *": "Probolinggo",
    "Tanggal lahir *": dt.date(1990, 5, 25),
    "Alamat *": "Jl. Brantas 3",
    "Kelurahan *": "Kebonsari Wetan",
    "RW": 3,
    "Nomor telepon": "081234567890",
    "Pendidikan terakhir": "SMA/SMK/sederajat",
    "Bidang kerja": "Ekonomi, Kesehatan",
    "Peran": "Pelopor",
    "Tanggal mulai *": dt.date(2024, 1, 2),
    "Nomor SK": "188/7/425.304.1/2024",
    "Tanggal SK": dt.date(2024, 1, 2),
}


def simpan_dengan_libreoffice(isi: bytes, nama: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asal = Path(folder) / nama
        asal.write_bytes(isi)
        env = os.environ | {"HOME": folder}
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(DATA), str(asal)], check=True, env=env)
    print("ditulis:", DATA / nama)


def main():
    call_command("migrate", verbosity=0)
    kecamatan = KecamatanFactory(kode="35.74.04", nama="Kanigaran")
    kelurahan = KelurahanFactory(kode="35.74.04.1004", nama="Kebonsari Wetan", kecamatan=kecamatan)
    rw = RWFactory(kelurahan=kelurahan, nomor=3)
    user = make_user(OPERATOR_KELURAHAN, kelurahan=kelurahan, username="operator_a")

    wb = openpyxl.load_workbook(io.BytesIO(TemplatImpor(KaderResource(user=user), user).ke_xlsx()))
    ws = wb.active
    kolom = {c.value: c.column for c in ws[1]}
    for judul, nilai in BARIS_TEMPLAT.items():
        ws.cell(row=2, column=kolom[judul], value=nilai)
    buffer = io.BytesIO()
    wb.save(buffer)
    simpan_dengan_libreoffice(buffer.getvalue(), "templat_kpm_diisi_libreoffice.xlsx")

    lahir = dt.date(1985, 8, 17)
    Kader.objects.create(
        nik=buat_nik("357404", lahir, "L", 9), nama="Budi Ekspor", jenis_kelamin="L", tempat_lahir="Probolinggo", tanggal_lahir=lahir,
        alamat="Jl. Suroyo 1", kelurahan=kelurahan, rw=rw, telepon="085712345678", pendidikan="s1", peran=",penggerak,",
        tanggal_mulai=dt.date(2023, 3, 1), nomor_sk="188/9/425.304.1/2023", tanggal_sk=dt.date(2023, 3, 1),
    )  # fmt: skip
    simpan_dengan_libreoffice(ekspor_kader(Kader.objects.all(), user=user).ke_xlsx(), "ekspor_kpm_libreoffice.xlsx")


if __name__ == "__main__":
    main()
