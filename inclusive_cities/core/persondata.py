"""A person's data: everything held about them (export) and erasure that keeps history without their identity.

Every row in every model that points at the person's account (a foreign key or one-to-one to the user model,
history records' `history_user` included) is theirs to see. Erasure anonymises the account and its own history rows
(email, full name, job title), makes it unusable for signing in, ends its sessions, and leaves the rows that point
at it in place: audit history keeps "who" as an anonymous account instead of a person.
"""

import json
import logging

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

audit = logging.getLogger("inclusive_cities.audit")
PERSONAL_FIELDS = ("email", "full_name", "job_title")


def _rows_pointing_at(user):
    User = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is User and not field.many_to_many:
                rows = model._default_manager.filter(**{field.name: user})
                if rows.exists():
                    yield f"{model._meta.label}.{field.name}", rows
            elif field.many_to_many and field.concrete and field.related_model is User:
                rows = model._default_manager.filter(**{field.name: user})
                if rows.exists():
                    yield f"{model._meta.label}.{field.name}", rows


def person_export(*, user, by: str) -> dict:
    """Everything held about `user`, as JSON-ready data: the account, then each model's rows pointing at it."""
    account = serializers.serialize("python", [user], fields=None)[0]
    account["fields"].pop("password", None)
    data = {"account": account, "related": {}}
    for label, rows in _rows_pointing_at(user):
        data["related"][label] = serializers.serialize("python", rows)
    audit.info("person data exported", extra={"subject_user": user.pk, "by": by})
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def person_erase(*, user, by: str) -> None:
    """Anonymise `user`: no email, name or job title anywhere in the account or its history, no sign-in."""
    placeholder = f"erased-{user.pk}@erased.invalid"
    user.email = placeholder
    user.full_name = ""
    user.job_title = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    history = getattr(user, "history", None)
    if history is not None:
        history.model.objects.filter(id=user.pk).update(email=placeholder, full_name="", job_title="")
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    audit.warning("person erased", extra={"subject_user": user.pk, "by": by})
