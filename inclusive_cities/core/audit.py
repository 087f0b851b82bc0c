"""Audit history: who changed what and when, from django-simple-history records."""

from dataclasses import dataclass
from datetime import datetime

from inclusive_cities.core.formats import human_date


@dataclass
class HistoryRow:
    when: datetime
    who: str
    action: str
    changes: list[tuple[str, str, str]]
    reason: str


ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def history_rows(obj, limit: int = 200) -> list[HistoryRow]:
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = record.instance._meta.get_field(change.field)
                changes.append((str(field.verbose_name), _short(change.old), _short(change.new)))
        user = record.history_user
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=user.display_name if user else "System",
                action=ACTIONS.get(record.history_type, record.history_type),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return rows


def _short(value, length: int = 300) -> str:
    text = human_date(value)
    return text if len(text) <= length else text[: length - 1] + "…"
