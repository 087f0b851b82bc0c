"""Settings live in base/dev/test/production; DJANGO_SETTINGS_MODULE picks one."""
