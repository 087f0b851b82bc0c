"""WSGI entry point for gunicorn and friends."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Start-up objects out of the garbage collector's way (inclusive_cities/core/runtime.py says why).
from inclusive_cities.core.runtime import freeze_startup_heap  # noqa: E402

freeze_startup_heap()
