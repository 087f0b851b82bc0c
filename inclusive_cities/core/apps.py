"""App configuration for core."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "inclusive_cities.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django_tasks.signals import task_finished, task_started

        from . import pagecache, tasklease

        connection_created.connect(pagecache.install_write_watch, dispatch_uid="ic-pagecache-writes")
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.model_changed, dispatch_uid=f"ic-pagecache-{signal!r}")
        task_started.connect(tasklease.task_started, dispatch_uid="ic-task-lease-start")
        task_finished.connect(tasklease.task_finished, dispatch_uid="ic-task-lease-end")
