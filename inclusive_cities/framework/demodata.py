"""Demo content for the framework: version 1.0, the domain taxonomies and target groups."""

from . import services


def load() -> str:
    framework = services.framework_load()
    return f"{framework} ({framework.get_status_display()})"
