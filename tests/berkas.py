"""Real files for upload tests, built in memory: a PNG, a JPEG, a one-page PDF."""

import io

from PIL import Image
from reportlab.pdfgen import canvas


def png_bytes(size=(40, 30), warna="green") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, warna).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(12, 8), warna=(30, 120, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, warna).save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf_bytes(teks="SK Lurah") -> bytes:
    buffer = io.BytesIO()
    halaman = canvas.Canvas(buffer)
    halaman.drawString(72, 720, teks)
    halaman.showPage()
    halaman.save()
    return buffer.getvalue()
