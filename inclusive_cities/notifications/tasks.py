"""Emails go through the background queue, never in the request."""

from django_tasks import task


@task()
def send_notification_email(notification_id: int) -> bool:
    from .services import email_notification

    return email_notification(notification_id)
