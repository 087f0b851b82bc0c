"""What every read API shares: strict pagination, a cap on search text, and the error statuses in the schema."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    """Per client address, for anonymous callers; the rate is read from settings at each request."""

    def get_rate(self):
        return settings.API_THROTTLE_ANON


class UserThrottle(UserRateThrottle):
    """Per account, for signed-in callers."""

    def get_rate(self):
        return settings.API_THROTTLE_USER


def positive_int(params, name: str, *, maximum: int | None = None) -> int | None:
    """A whole number from 1 (to `maximum`), or None when absent; a clear 400 otherwise."""
    raw = params.get(name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: _("Give a whole number for %(name)s.") % {"name": name}}) from None
    if value < 1 or (maximum is not None and value > maximum):
        raise ValidationError(
            {name: _("%(name)s must be from 1 to %(max)s.") % {"name": name, "max": maximum or "∞"}}
            if maximum
            else {name: _("%(name)s must be 1 or more.") % {"name": name}}
        )
    return value


class StrictPagination(PageNumberPagination):
    """Page numbers and sizes outside what the schema allows are refused with a 400 naming the parameter.

    A page past the last one is a 404, as the schema says.
    """

    page_size_query_param = "page_size"

    def get_page_size(self, request):
        size = positive_int(request.query_params, self.page_size_query_param, maximum=self.max_page_size)
        return size or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        positive_int(request.query_params, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        for param in params:
            param["schema"]["minimum"] = 1
            if param["name"] == self.page_size_query_param:
                param["schema"]["maximum"] = self.max_page_size
                param["schema"]["default"] = self.page_size
        return params


def text_param(name: str, description: str = "", *, max_length: int | None = None, min_length: int = 0):
    """An OpenAPI query parameter for free text, with the length cap that `capped_text` applies."""
    from drf_spectacular.utils import OpenApiParameter

    # No NUL character (capped_text refuses one: no text can hold it, and PostgreSQL rejects it).
    schema = {"type": "string", "maxLength": max_length or settings.MAX_QUERY_LENGTH, "pattern": "^[^\\u0000]*$"}
    if min_length:
        schema["minLength"] = min_length
    return OpenApiParameter(name, schema, description=description)


def capped_text(params, name: str, *, max_length: int | None = None) -> str:
    """A text parameter, stripped; refused with a 400 when longer than the cap (searches cost by length) or when it
    holds a NUL character (no text can, and PostgreSQL refuses one in a query: a 500 otherwise)."""
    value = (params.get(name) or "").strip()
    if "\x00" in value:
        raise ValidationError({name: _("%(name)s holds a null character, which no text can contain.") % {"name": name}})
    limit = max_length or settings.MAX_QUERY_LENGTH
    if len(value) > limit:
        raise ValidationError(
            {name: _("%(name)s is too long: at most %(max)s characters.") % {"name": name, "max": limit}}
        )
    return value


ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong: `detail`, or one list of messages per parameter.",
    "additionalProperties": True,
}


def document_error_statuses(result, generator, request, public):
    """drf-spectacular post-processing hook: every status the API can answer is in the document.

    400 for a parameter out of range or malformed, 404 for a page past the last (paginated lists), 429 when the
    client's throttle is used up.
    """
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "400",
                {
                    "description": "A parameter is malformed or out of range.",
                    "content": {"application/json": {"schema": ERROR_SCHEMA}},
                },
            )
            responses.setdefault(
                "429",
                {
                    "description": "Too many requests from this client; retry later.",
                    "content": {"application/json": {"schema": ERROR_SCHEMA}},
                },
            )
            params = operation.get("parameters", [])
            if any(p.get("name") == "page" for p in params) or any(p.get("name") == "place" for p in params):
                responses.setdefault(
                    "404",
                    {
                        "description": "No such page, or no such place or indicator.",
                        "content": {"application/json": {"schema": ERROR_SCHEMA}},
                    },
                )
            for param in params:
                if param.get("name") == "format" and "enum" in param["schema"] and "" not in param["schema"]["enum"]:
                    # `?format=` (empty) means the default, JSON, as DRF reads it.
                    param["schema"]["enum"] = [*param["schema"]["enum"], ""]
            if any(p.get("name") == "format" and "csv" in p["schema"].get("enum", []) for p in params):
                # `?format=csv` answers in CSV, errors included.
                for status in ("200", "400", "404", "429"):
                    if status in responses:
                        responses[status].setdefault("content", {}).setdefault(
                            "text/csv", {"schema": {"type": "string", "description": "CSV with a header row"}}
                        )
            if any(p.get("name") == "page" for p in params):
                responses.setdefault(
                    "404",
                    {
                        "description": "The page asked for is past the last page.",
                        "content": {"application/json": {"schema": ERROR_SCHEMA}},
                    },
                )
    return result
