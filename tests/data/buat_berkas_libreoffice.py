#!/usr/bin/env python3
"""Write the spreadsheets in this folder with LibreOffice Calc itself (see README.md).

Run with the system Python that has LibreOffice's UNO bridge, from anywhere:

    apt-get install --no-install-recommends libreoffice-calc-nogui python3-uno
    /usr/bin/python3 tests/data/buat_berkas_libreoffice.py

It starts a private, headless LibreOffice (a throw-away user profile), fills one workbook cell by cell
through the UNO API as a person would (a hidden archive sheet first, the data sheet, an instructions
sheet; text-formatted identifier columns, date cells, a blank row, formulas that fail) and saves it as
.xlsx, .ods, .csv (two dialects), legacy .xls, and password-protected .xlsx and .ods. The test suite
reads the saved files only, so it needs no LibreOffice.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import NamedValue, PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import Locale

FOLDER = Path(__file__).resolve().parent
PIPA = "probolinggo_tests_data"
SANDI = "rahasia"


def properti(**nilai):
    hasil = []
    for nama, isi in nilai.items():
        p = PropertyValue()
        p.Name, p.Value = nama, isi
        hasil.append(p)
    return tuple(hasil)


def sambung(proses):
    lokal = uno.getComponentContext()
    resolver = lokal.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", lokal)
    for _ in range(120):
        if proses.poll() is not None:
            sys.exit(f"soffice ended with {proses.returncode}")
        try:
            ctx = resolver.resolve(f"uno:pipe,name={PIPA};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            time.sleep(0.5)
    sys.exit("soffice did not answer")


def format_angka(doc, kode: str) -> int:
    formats, locale = doc.NumberFormats, Locale("en", "US", "")
    kunci = formats.queryKey(kode, locale, False)
    return kunci if kunci >= 0 else formats.addNew(kode, locale)


def serial(tanggal: dt.date) -> int:
    return (tanggal - dt.date(1899, 12, 30)).days


def isi_buku(doc):
    teks, tanggal = format_angka(doc, "@"), format_angka(doc, "DD/MM/YYYY")
    lembar = doc.Sheets
    data = lembar.getByIndex(0)
    data.Name = "Data Kader"
    lembar.insertNewByName("Arsip 2024", 0)
    lembar.insertNewByName("Petunjuk", 2)

    arsip = lembar.getByName("Arsip 2024")
    for ref, isi in {"A1": "nama", "B1": "nik", "A2": "Arsip Lama", "B2": "3574040000000001"}.items():
        arsip.getCellRangeByName(ref).setString(isi)
    arsip.IsVisible = False  # last year's list, hidden: never imported

    petunjuk = lembar.getByName("Petunjuk")
    petunjuk.getCellRangeByName("A1").setString("Isi lembar Data Kader, satu kader per baris.")
    petunjuk.getCellRangeByName("A2").setString("Contoh (tidak diimpor): Siti Aminah")

    # Whole columns formatted before typing, as the template asks: identifiers as Text, dates. LibreOffice
    # then writes the rows below the data into the .ods as one row repeated about a million times.
    kolom = data.Columns
    kolom.getByIndex(1).NumberFormat = kolom.getByIndex(3).NumberFormat = teks
    kolom.getByIndex(2).NumberFormat = tanggal
    for kolom, judul in enumerate(["nama", "nik", "tanggal_lahir", "telepon", "pekerjaan", "angka", "alamat"]):
        data.getCellByPosition(kolom, 0).setString(judul)
    sel = data.getCellRangeByName
    # Row 2: text NIK and phone, a date cell, =1/0, a number formatted as Text, a two-line address.
    sel("A2").setString("Siti  Aminah")
    sel("B2").setString("3574046505909871")
    sel("C2").setValue(float(serial(dt.date(1985, 3, 12))))
    sel("D2").setString("081234567890")
    sel("E2").setFormula("=1/0")
    sel("F2").setValue(81234567890.0)
    sel("F2").NumberFormat = teks
    sel("G2").setString("Jl. Brantas No. 5\nRT 01 RW 02")
    # Row 3 stays blank. Row 4: a NIK and a phone typed as numbers, a formula with a text result.
    sel("A4").setString("Budi")
    sel("B4").setValue(3574046505909872.0)
    sel("C4").setValue(float(serial(dt.date(1990, 7, 1))))
    sel("D4").setValue(81234567891.0)
    sel("E4").setFormula('=UPPER("guru")')
    sel("F4").setValue(3.0)
    sel("G4").setString("Jl.  Mawar")
    # Row 5: text outside ASCII (Windows-1252 has it), =NA(), a fraction.
    sel("A5").setString("Désy — Café")
    sel("B5").setString("3574046505909873")
    sel("C5").setValue(float(serial(dt.date(2000, 2, 29))))
    sel("E5").setFormula("=NA()")
    sel("F5").setValue(1.5)
    doc.calculateAll()


def simpan(doc, nama: str, filter_: str, *, lembar_csv: str = "", **lain):
    url = uno.systemPathToFileUrl(str(FOLDER / nama))
    doc.storeToURL(url, properti(FilterName=filter_, Overwrite=True, **lain))
    if lembar_csv:  # a CSV of one sheet is saved as "<name>-<sheet>.csv"
        jalur = FOLDER / nama
        jalur.with_name(f"{jalur.stem}-{lembar_csv}{jalur.suffix}").replace(jalur)
    print(f"{nama}: {(FOLDER / nama).stat().st_size:,} bytes")


def main():
    with tempfile.TemporaryDirectory() as profil:
        proses = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation={uno.systemPathToFileUrl(profil)}", f"--accept=pipe,name={PIPA};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "LC_ALL": "C.UTF-8"},
            start_new_session=True,  # soffice starts soffice.bin: end the whole group afterwards
        )  # fmt: skip
        try:
            desktop = sambung(proses)
            doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, properti(Hidden=True))
            isi_buku(doc)
            simpan(doc, "kader_libreoffice.ods", "calc8")
            # CSV of the data sheet (the 2nd): 59 = ";" and 76 = UTF-8 as Indonesian-locale users save it;
            # 44 = "," and 1 = Windows-1252, as Excel's plain "CSV (Comma delimited)" on Windows.
            simpan(doc, "kader_libreoffice_titik_koma.csv", "Text - txt - csv (StarCalc)", FilterOptions="59,34,76,1,,0,false,true,true,false,false,2", lembar_csv="Data Kader")
            simpan(doc, "kader_libreoffice_koma_1252.csv", "Text - txt - csv (StarCalc)", FilterOptions="44,34,1,1,,0,false,true,true,false,false,2", lembar_csv="Data Kader")
            simpan(doc, "terkunci_libreoffice.ods", "calc8", Password=SANDI)
            # Headless LibreOffice has no view, so its Excel export takes the first sheet as the active one
            # and writes it visible: the hidden archive sheet goes last in the Excel files.
            doc.Sheets.moveByName("Arsip 2024", 3)
            simpan(doc, "kader_libreoffice.xlsx", "Calc MS Excel 2007 XML")
            simpan(doc, "kader_libreoffice.xls", "MS Excel 97")
            # OOXML takes its password as EncryptionData, as the Save As dialog passes it; ODF as Password.
            sandi = (NamedValue("CryptoType", "StrongEncryptionDataSpace"), NamedValue("OOXPassword", SANDI))
            simpan(doc, "terkunci_libreoffice.xlsx", "Calc MS Excel 2007 XML", EncryptionData=uno.Any("[]com.sun.star.beans.NamedValue", sandi))
            doc.close(True)
            desktop.terminate()
        finally:
            try:
                proses.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(proses.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    main()
