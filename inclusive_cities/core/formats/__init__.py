"""Date formats as people in the UK write them ("31 March 2014"), for every language the site speaks.

Django's own en-GB formats abbreviate the month ("31 Mar 2014"); these override only what they name.
"""

import datetime
import re

from django.utils import formats, timezone

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def human_date(value, empty: str = "") -> str:
    """A date (or an ISO date string, such as a publisher's period "2014-03-31") as "31 March 2014"; other text, such
    as a year or "2021-22", is returned as it is."""
    if value is None or value == "":
        return empty
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    match = _ISO_DATE.match(str(value).strip())
    if match:
        try:
            return formats.date_format(datetime.date(*(int(part) for part in match.groups())), "DATE_FORMAT")
        except ValueError:
            pass
    return str(value)


_ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def human_dates(text) -> str:
    """Every ISO date inside a text (a publisher's release "2014-03-31, …, 2024-09-30") as "31 March 2014"."""
    if text is None:
        return ""
    return _ISO_IN_TEXT.sub(lambda match: human_date(match.group(0)), str(text))
