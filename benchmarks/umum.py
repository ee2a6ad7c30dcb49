"""Pieces the page benchmarks share (``laporan_bulanan.py``, ``halaman.py``): the one-query baseline
page, a free port, users with a role and scope, and the concurrent load of one URL.

Nothing here sets Django up: the scripts do, before importing this module's Django parts.
"""

from __future__ import annotations

import http.client
import socket
import statistics
import threading
import time
from dataclasses import dataclass, field


def halaman_dasar(request):
    """The baseline: ``base.html`` around one COUNT, for any visitor (the anonymous baseline too).
    Served only by the benchmarks' urlconf (``benchmarks/urls.py``), never by the product."""
    from django.http import HttpResponse
    from django.template import engines

    from wilayah.models import Kelurahan

    templat = engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}<main class="container"><p>{{ n }} kelurahan</p></main>{% endblock %}'
    )
    return HttpResponse(templat.render({"n": Kelurahan.objects.count()}, request))


halaman_dasar.akses_publik = True  # wilayah.access.public_view: the default-deny check lets it through


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pengguna(username: str, peran: str, **lingkup):
    """A user in group ``peran`` with a ``Lingkup`` (``tingkat="kota"`` or ``kelurahan=...``), as
    ``tests/factories.make_user`` makes them (Bappeda users are staff). Reused when it exists."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wilayah.models import Lingkup
    from wilayah.roles import BAPPEDA

    user, baru = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": peran == BAPPEDA})
    if baru:
        user.set_password("bench-x-123")
        user.save()
        user.groups.add(Group.objects.get(name=peran))
        Lingkup.objects.create(user=user, **lingkup)
    return user


@dataclass
class Beban:
    waktu: list[float] = field(default_factory=list)  # seconds, sorted
    detik: float = 0.0
    gagal: list[str] = field(default_factory=list)

    @property
    def p50(self) -> float | None:
        return statistics.median(self.waktu) if self.waktu else None

    @property
    def p95(self) -> float | None:
        return self.waktu[max(0, -(-len(self.waktu) * 95 // 100) - 1)] if self.waktu else None

    @property
    def rps(self) -> float:
        return len(self.waktu) / self.detik if self.detik else 0.0


def minta(port: int, url: str, cookie: str = "", timeout: float = 120) -> tuple[int, int, float]:
    """One GET: (status, body bytes, seconds). It sends ``Accept-Encoding: gzip`` as every browser and
    calendar app does, so the bytes counted are those received (compressed when the server compresses,
    e.g. the kept .ics feed, ``wilayah.publik``); the body is read, not decompressed."""
    t = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    kepala = {"Accept-Encoding": "gzip"}
    if cookie:
        kepala["Cookie"] = cookie
    try:
        conn.request("GET", url, headers=kepala)
        r = conn.getresponse()
        n = len(r.read())
        return r.status, n, time.perf_counter() - t
    finally:
        conn.close()


def beban(port: int, url: str, cookie: str = "", *, klien: int = 8, permintaan: int = 20, batas_detik: float = 20.0,
          pemanasan: int = 1) -> Beban:
    """One warm-up request, then ``klien`` threads, each asking ``url`` ``pemanasan`` times (warm-up:
    every server thread and database connection has served the page; not counted; skipped when the
    first took over 2 s), then, all together, up to ``permintaan``
    times, all stopping once ``batas_detik`` have passed since the start (a request under way is
    finished and counted). Only 200 answers are counted; others go to ``gagal``."""
    hasil, kunci = Beban(), threading.Lock()
    status, _n, t_awal = minta(port, url, cookie)
    if status != 200:
        hasil.gagal.append(f"warm-up {status}")
        return hasil
    if t_awal > 2:
        pemanasan = 0  # a page this slow is its own work, not cold caches: 8 more warm-ups would only cost minutes
    batas = [time.perf_counter() + batas_detik]
    bersama = threading.Barrier(klien, action=lambda: batas.__setitem__(0, time.perf_counter() + batas_detik))

    def satu():
        sendiri, gagal = [], []
        for _ in range(pemanasan):
            try:
                minta(port, url, cookie)
            except OSError:
                pass
        bersama.wait()
        for _ in range(permintaan):
            if time.perf_counter() >= batas[0]:
                break
            try:
                status, _n, t = minta(port, url, cookie)
            except OSError as exc:
                gagal.append(type(exc).__name__)
                continue
            (sendiri.append(t) if status == 200 else gagal.append(str(status)))
        with kunci:
            hasil.waktu.extend(sendiri)
            hasil.gagal.extend(gagal)

    benang = [threading.Thread(target=satu) for _ in range(klien)]
    t = time.perf_counter()
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    hasil.detik = time.perf_counter() - t
    hasil.waktu.sort()
    return hasil
