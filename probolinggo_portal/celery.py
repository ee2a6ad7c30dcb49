"""The Celery application. Tasks live in the apps (``@shared_task``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")

app = Celery("probolinggo_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
