"""CSV and JSON export of a plan's priorities, actions and updates, and import in the same format.

CSV: one row per action, with its priority's columns repeated (a priority with no actions has one row with the
action columns empty). Codes are separated by semicolons. JSON: {"plan": {...}, "priorities": [{..., "actions":
[{..., "updates": [...]}]}]}. Import validates every row first and reports each problem with its row number;
it writes nothing unless every row is valid, and then writes everything in one transaction.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from inclusive_cities.core import jsonlimits, spreadsheet
from inclusive_cities.core.translated import writing_content
from inclusive_cities.framework.models import Domain, TargetGroup

from . import selectors, services
from .models import ActionPlan, ActionStatus, Direction, Rag, ResourceState, Timescale

try:  # Case studies pinned to priorities and actions, when the evidence app provides them.
    from inclusive_cities.evidence.selectors import attach_pins
except ImportError:  # pragma: no cover - depends on another app
    attach_pins = None

COLUMNS = [
    "priority",
    "priority_description",
    "themes",
    "principles",
    "action",
    "description",
    "lead_organisation",
    "lead_person",
    "partners",
    "success_criteria",
    "timescale",
    "start_date",
    "end_date",
    "target_groups",
    "domains",
    "resource_amount",
    "resource_source",
    "resource_state",
    "status",
    "rag",
]
# Written by the export, not read by the import (pins are made from the evidence base): pinned case studies' titles.
EVIDENCE_COLUMNS = ["priority_evidence_pinned", "evidence_pinned"]
# The Welsh beside the English (issue 14), last so the English columns keep their places; read back on import.
WELSH_COLUMNS = ["priority_cy", "priority_description_cy", "action_cy", "description_cy"]
REQUIRED_COLUMNS = ["priority", "themes", "principles", "action"]
UPDATE_COLUMNS = ["priority", "action", "date", "status", "rag", "narrative", "evidence_url", "measure_values"]
MAX_ROWS = 2000  # priorities and actions in one file
MAX_MEASURES = 100  # measures of one action
# An export nests 7 levels deep (plan > priorities > priority > actions > action > measures > measure); a file
# nested deeper than this is refused before it is parsed (json.loads recurses once per level).
MAX_JSON_DEPTH = 20


def _codes(qs) -> str:
    return ";".join(obj.code for obj in qs)


def _action_row(priority, action) -> dict:
    row = {
        "priority": priority.title,
        "priority_description": priority.description,
        "themes": _codes(priority.themes.all()),
        "principles": _codes(priority.principles.all()),
    }
    if action is None:
        return {**{c: "" for c in COLUMNS}, **row}
    partners = [o.name for o in action.partners.all()]
    if action.partner_names:
        partners += [p.strip() for p in action.partner_names.split(";") if p.strip()]
    return {
        **row,
        "action": action.title,
        "description": action.description,
        "lead_organisation": action.lead_organisation_label,
        # Exported so the lead shows wherever the action does; not read on import (people are not matched by name).
        "lead_person": action.lead_user.display_name if action.lead_user_id else "",
        "partners": ";".join(partners),
        "success_criteria": action.success_criteria,
        "timescale": action.timescale,
        "start_date": action.start_date.isoformat() if action.start_date else "",
        "end_date": action.end_date.isoformat() if action.end_date else "",
        "target_groups": _codes(action.target_groups.all()),
        "domains": _codes(action.domains.all()),
        "resource_amount": str(action.resource_amount) if action.resource_amount is not None else "",
        "resource_source": action.resource_source,
        "resource_state": action.resource_state,
        "status": action.status,
        "rag": action.rag,
    }


def _update_row(priority, action, update) -> dict:
    return {
        "priority": priority.title,
        "action": action.title,
        "date": update.date.isoformat(),
        "status": update.status,
        "rag": update.rag,
        "narrative": update.narrative,
        "evidence_url": update.evidence_url,
        "measure_values": ";".join(f"{v.measure.name}={v.value}" for v in update.values.all()),
    }


def evidence_items(pins, *, build_url=None) -> list[dict]:
    """Pinned case studies as data (the API's and the JSON export's `evidence`): title, public URL (absolute when
    `build_url` makes it so), citation and short name, and the note on why."""
    items = []
    for pin in pins:
        case_study = pin.case_study
        url = case_study.get_absolute_url()
        items.append(
            {
                "case_study": {
                    "slug": case_study.slug,
                    "title": case_study.title,
                    "url": build_url(url) if build_url else url,
                    "citation": case_study.citation,
                },
                "note": pin.note,
            }
        )
    return items


def _plan_tree_with_pins(plan: ActionPlan) -> list:
    """The plan's tree with `.pinned` on each priority and action: the pins to published case studies only, whoever
    exports (a file travels further than the page; a draft or withdrawn case study stays on the platform)."""
    priorities = selectors.plan_tree(plan)
    if attach_pins is not None:
        attach_pins(user=None, priorities=priorities)
    return priorities


def _titles(obj) -> str:
    return "; ".join(pin.case_study.title for pin in getattr(obj, "pinned", []))


def export_csv(plan: ActionPlan, *, what: str = "actions") -> str:
    """The plan's actions (or progress updates) as CSV, in English whatever the page's language, with the Welsh of
    the priorities' and actions' titles and descriptions in columns of their own (`WELSH_COLUMNS`)."""
    with writing_content():
        return _export_csv(plan, what=what)


def _export_csv(plan: ActionPlan, *, what: str = "actions") -> str:
    out = io.StringIO()
    columns = COLUMNS + EVIDENCE_COLUMNS + WELSH_COLUMNS if what == "actions" else UPDATE_COLUMNS
    writer = spreadsheet.dict_writer(out, columns)
    writer.writeheader()
    priorities = _plan_tree_with_pins(plan) if what == "actions" else selectors.plan_tree(plan)
    for priority in priorities:
        actions = list(priority.actions.all())
        if what == "actions":
            for action in actions or [None]:
                row = _action_row(priority, action)
                row["priority_evidence_pinned"] = _titles(priority)
                row["evidence_pinned"] = _titles(action) if action is not None else ""
                row["priority_cy"] = priority.title_cy or ""
                row["priority_description_cy"] = priority.description_cy or ""
                row["action_cy"] = (action.title_cy or "") if action is not None else ""
                row["description_cy"] = (action.description_cy or "") if action is not None else ""
                writer.writerow(row)
        else:
            for action in actions:
                for update in action.updates.all():
                    writer.writerow(_update_row(priority, action, update))
    return out.getvalue()


def _welsh(obj, *names) -> dict:
    """The Welsh of these fields, where there is some (`{"title_cy": ...}`): an English-only plan exports as before."""
    return {f"{name}_cy": getattr(obj, f"{name}_cy") for name in names if getattr(obj, f"{name}_cy", None)}


def export_json(plan: ActionPlan, *, build_url=None) -> dict:
    """The plan as JSON; `evidence` on each priority and action lists the published case studies pinned there
    (the import reads everything else back and leaves `evidence` out: pins are made from the evidence base).
    Text is the English; `title_cy`, `description_cy` and `vision_cy` carry the Welsh where it was given."""
    with writing_content():  # `title` is the English whatever the page's language
        return _export_json(plan, build_url=build_url)


def _export_json(plan: ActionPlan, *, build_url=None) -> dict:
    priorities = []
    for priority in _plan_tree_with_pins(plan):
        actions = []
        for action in priority.actions.all():
            row = _action_row(priority, action)
            item = {k: row[k] for k in COLUMNS[4:]}
            item["title"] = item.pop("action")
            item.update(_welsh(action, "title", "description"))
            for key in ("partners", "target_groups", "domains"):
                item[key] = [v for v in item[key].split(";") if v]
            item["measures"] = [
                {
                    "name": m.name,
                    "indicator_code": m.indicator_code,
                    "category": m.category,
                    "baseline": _num(m.baseline),
                    "baseline_period": m.baseline_period,
                    "target": _num(m.target),
                    "target_date": m.target_date.isoformat() if m.target_date else "",
                    "direction": m.direction,
                    "unit": m.unit,
                    "is_illustrative": m.is_illustrative,
                }
                for m in action.measures.all()
            ]
            item["updates"] = [
                {k: v for k, v in _update_row(priority, action, u).items() if k not in ("priority", "action")}
                for u in action.updates.all()
            ]
            item["evidence"] = evidence_items(getattr(action, "pinned", []), build_url=build_url)
            actions.append(item)
        priorities.append(
            {
                "title": priority.title,
                "description": priority.description,
                **_welsh(priority, "title", "description"),
                "themes": [t.code for t in priority.themes.all()],
                "principles": [p.code for p in priority.principles.all()],
                "actions": actions,
                "evidence": evidence_items(getattr(priority, "pinned", []), build_url=build_url),
            }
        )
    return {
        "plan": {
            "place": plan.place.code,
            "title": plan.title,
            "version": plan.version,
            "status": plan.status,
            "period_start": plan.period_start.isoformat(),
            "period_end": plan.period_end.isoformat(),
            "framework": plan.framework.version,
            "vision": plan.vision,
            **_welsh(plan, "title", "vision"),
        },
        "priorities": priorities,
    }


def _num(value):
    return str(value) if value is not None else None


# --- Import ---------------------------------------------------------------------------------------------------


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


def _split(value) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def rows_from_csv(text: str) -> list[tuple[str, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        raise ImportFailed(
            [
                _("The file is missing the column(s): %(cols)s. The first row must name the columns.")
                % {"cols": ", ".join(missing)}
            ]
        )
    rows = []
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): spreadsheet.unsafe_cell((v or "").strip()) for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        rows.append((_("Row %(n)s") % {"n": n}, row))
        if len(rows) > MAX_ROWS:
            raise ImportFailed([too_many_rows()])
    return rows


def too_many_rows() -> str:
    return _(
        "The file has more than %(max)s rows (priorities and actions); at most %(max)s can be imported at once."
    ) % {"max": MAX_ROWS}


def rows_from_json(text: str) -> list[tuple[str, dict]]:
    try:
        data = jsonlimits.loads(
            text,
            max_depth=MAX_JSON_DEPTH,
            message=_("The file nests its data %(n)s levels deep; a plan export nests at most %(max)s."),
        )
    except ValidationError as error:
        raise ImportFailed(error.messages) from error
    except json.JSONDecodeError as error:
        raise ImportFailed([_("The file is not valid JSON (line %(line)s).") % {"line": error.lineno}]) from error
    if not isinstance(data, dict) or not isinstance(data.get("priorities"), list):
        raise ImportFailed([_("The JSON must be an object with a “priorities” list.")])
    if len(data["priorities"]) > MAX_ROWS:
        raise ImportFailed([too_many_rows()])
    rows = []
    for p_index, priority in enumerate(data["priorities"], start=1):
        if not isinstance(priority, dict):
            raise ImportFailed([_("Priority %(n)s is not an object.") % {"n": p_index}])
        base = {
            "priority": str(priority.get("title") or "").strip(),
            "priority_description": str(priority.get("description") or ""),
            "priority_cy": str(priority.get("title_cy") or "").strip(),
            "priority_description_cy": str(priority.get("description_cy") or ""),
            "themes": priority.get("themes", []),
            "principles": priority.get("principles", []),
        }
        actions = priority.get("actions") or []
        if not isinstance(actions, list):
            raise ImportFailed([_("Priority %(n)s: “actions” must be a list.") % {"n": p_index}])
        if len(rows) + len(actions) > MAX_ROWS:
            raise ImportFailed([too_many_rows()])
        if not actions:
            rows.append((_("Priority %(n)s") % {"n": p_index}, {**base, "action": ""}))
        for a_index, action in enumerate(actions, start=1):
            if not isinstance(action, dict):
                raise ImportFailed([_("Priority %(p)s, action %(a)s is not an object.") % {"p": p_index, "a": a_index}])
            row = {
                **base,
                **{k: v for k, v in action.items() if k in COLUMNS},
                "action": action.get("title", ""),
                "action_cy": action.get("title_cy", ""),
                "description_cy": action.get("description_cy", ""),
            }
            row = {k: (v if isinstance(v, list) else ("" if v is None else str(v).strip())) for k, v in row.items()}
            row["measures"] = action.get("measures") or []
            row["updates"] = action.get("updates") or []
            rows.append((_("Priority %(p)s, action %(a)s") % {"p": p_index, "a": a_index}, row))
    return rows


def _parse_date(value, label, column, errors):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(
            _("%(where)s: %(col)s “%(v)s” is not a date in the form YYYY-MM-DD.")
            % {"where": label, "col": column, "v": value[:40]}
        )
        return None


def _choice(value, choices, label, column, errors, default=""):
    if not value:
        return default
    if value not in choices.values:
        errors.append(
            _("%(where)s: %(col)s “%(v)s” is not one of: %(ok)s.")
            % {"where": label, "col": column, "v": value[:40], "ok": ", ".join(v for v in choices.values if v)}
        )
        return default
    return value


def _lookup(codes, by_code, label, column, errors, what):
    found = []
    for code in codes:
        item = by_code.get(code.upper()) or by_code.get(code)
        if item is None:
            errors.append(
                _("%(where)s: unknown %(what)s code “%(code)s” in %(col)s.")
                % {"where": label, "what": what, "code": code[:40], "col": column}
            )
        else:
            found.append(item)
    return found


MEASURE_NUMBER = forms.DecimalField(max_digits=14, decimal_places=2, required=False)
MEASURE_DATE = forms.DateField(required=False, input_formats=["%Y-%m-%d"])


def _parse_measures(measures, label, errors) -> list[dict]:
    if not isinstance(measures, list):
        errors.append(_("%(where)s: “measures” must be a list.") % {"where": label})
        return []
    if len(measures) > MAX_MEASURES:
        errors.append(
            _("%(where)s: %(n)s measures; an action has at most %(max)s.")
            % {"where": label, "n": len(measures), "max": MAX_MEASURES}
        )
        return []
    parsed = []
    for n, measure in enumerate(measures, start=1):
        if not isinstance(measure, dict):
            errors.append(_("%(where)s: measure %(n)s is not an object.") % {"where": label, "n": n})
            continue
        name = str(measure.get("name") or "").strip()
        code = str(measure.get("indicator_code") or "").strip()
        if code and selectors.catalogue_indicator(code) is None:
            errors.append(
                _("%(where)s: measure %(n)s: “%(code)s” is not an indicator in the data catalogue.")
                % {"where": label, "n": n, "code": code[:100]}
            )
            continue
        if not name and not code:
            errors.append(_("%(where)s: measure %(n)s has no name.") % {"where": label, "n": n})
            continue
        values = {}
        for key in ("baseline", "target"):
            raw = measure.get(key)
            try:
                # The same rule as the measure form and the database column: 14 digits, 2 after the point.
                values[key] = MEASURE_NUMBER.clean(None if raw in (None, "") else str(raw))
            except ValidationError as error:
                errors.append(
                    _("%(where)s: measure %(n)s %(key)s “%(v)s”: %(problem)s")
                    % {"where": label, "n": n, "key": key, "v": str(raw)[:40], "problem": " ".join(error.messages)}
                )
                values[key] = None
        raw_date = str(measure.get("target_date") or "").strip()
        try:
            values["target_date"] = MEASURE_DATE.clean(raw_date or None)
        except ValidationError:
            errors.append(
                _("%(where)s: measure %(n)s target date “%(v)s” is not a date (write it as 2027-03-31).")
                % {"where": label, "n": n, "v": raw_date[:40]}
            )
        direction = str(measure.get("direction") or Direction.HIGHER)
        if direction not in Direction.values:
            errors.append(
                _("%(where)s: measure %(n)s direction “%(v)s” must be “higher” or “lower”.")
                % {"where": label, "n": n, "v": direction[:40]}
            )
        parsed.append(
            {
                "name": name[:250],
                "indicator_code": code,
                "category": str(measure.get("category") or "")[:250],
                "baseline_period": str(measure.get("baseline_period") or "")[:40],
                "direction": direction,
                "unit": str(measure.get("unit") or "")[:40],
                "is_illustrative": measure.get("is_illustrative") is True,
                **values,
            }
        )
    return parsed


def validate_rows(plan: ActionPlan, rows) -> tuple[list, list[str]]:
    """Check every row; return (parsed rows, errors). Nothing is written here."""
    if len(rows) > MAX_ROWS:
        return [], [too_many_rows()]
    if not rows:
        return [], [_("The file has no rows to import.")]
    themes = {t.code: t for t in plan.framework.themes.all()}
    principles = {p.code: p for p in plan.framework.principles.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    domains = {d.code: d for d in Domain.objects.all()}
    organisations = {o.name.lower(): o for o in plan.place.taskforce_organisations.all()}
    errors: list[str] = []
    parsed = []
    for label, row in rows:
        before = len(errors)
        priority = str(row.get("priority", "")).strip()
        if not priority:
            errors.append(_("%(where)s: the priority is empty.") % {"where": label})
        if len(priority) > 200:
            errors.append(_("%(where)s: the priority is longer than 200 characters.") % {"where": label})
        priority_cy = str(row.get("priority_cy", "") or "").strip()
        if len(priority_cy) > 200:
            errors.append(_("%(where)s: the priority in Welsh is longer than 200 characters.") % {"where": label})
        item = {
            "label": label,
            "priority": priority,
            "priority_description": str(row.get("priority_description", ""))[:10000],
            "priority_cy": priority_cy,
            "priority_description_cy": str(row.get("priority_description_cy", "") or "")[:10000],
            "themes": _lookup(_split(row.get("themes")), themes, label, "themes", errors, _("theme")),
            "principles": _lookup(
                _split(row.get("principles")), principles, label, "principles", errors, _("principle")
            ),
        }
        title = str(row.get("action", "")).strip()
        if len(title) > 250:
            errors.append(_("%(where)s: the action title is longer than 250 characters.") % {"where": label})
        title_cy = str(row.get("action_cy", "") or "").strip()
        if len(title_cy) > 250:
            errors.append(_("%(where)s: the action title in Welsh is longer than 250 characters.") % {"where": label})
        if title:
            start = _parse_date(row.get("start_date", ""), label, "start_date", errors)
            end = _parse_date(row.get("end_date", ""), label, "end_date", errors)
            if start and end and end < start:
                errors.append(_("%(where)s: end_date is before start_date.") % {"where": label})
            for message in services.action_date_errors(plan, start, end).values():
                errors.append(f"{label}: {message}")
            amount = None
            if row.get("resource_amount"):
                try:
                    amount = Decimal(str(row["resource_amount"]).replace(",", "").lstrip("£"))
                    if amount < 0 or amount >= Decimal("1e10"):
                        raise InvalidOperation
                except InvalidOperation:
                    errors.append(
                        _("%(where)s: resource_amount “%(v)s” is not an amount of money.")
                        % {"where": label, "v": str(row["resource_amount"])[:40]}
                    )
                    amount = None
            lead = str(row.get("lead_organisation", "")).strip()[:200]
            partner_orgs, partner_names = [], []
            for name in _split(row.get("partners")):
                (
                    partner_orgs.append(organisations[name.lower()])
                    if name.lower() in organisations
                    else partner_names.append(name)
                )
            item["action"] = {
                "title": title,
                "description": str(row.get("description", ""))[:10000],
                "title_cy": title_cy,
                "description_cy": str(row.get("description_cy", "") or "")[:10000],
                "lead_organisation": organisations.get(lead.lower()),
                "lead_organisation_name": "" if lead.lower() in organisations else lead,
                "partners": partner_orgs,
                "partner_names": "; ".join(partner_names)[:500],
                "success_criteria": str(row.get("success_criteria", ""))[:5000],
                "timescale": _choice(row.get("timescale", ""), Timescale, label, "timescale", errors, Timescale.SHORT),
                "start_date": start,
                "end_date": end,
                "target_groups": _lookup(
                    _split(row.get("target_groups")), groups, label, "target_groups", errors, _("target group")
                ),
                "domains": _lookup(_split(row.get("domains")), domains, label, "domains", errors, _("domain")),
                "resource_amount": amount,
                "resource_source": str(row.get("resource_source", ""))[:200],
                "resource_state": _choice(
                    row.get("resource_state", ""), ResourceState, label, "resource_state", errors
                ),
                "status": _choice(
                    row.get("status", ""), ActionStatus, label, "status", errors, ActionStatus.NOT_STARTED
                ),
                "rag": _choice(row.get("rag", ""), Rag, label, "rag", errors),
            }
        if title:
            item["measures"] = _parse_measures(row.get("measures") or [], label, errors)
            item["skipped_updates"] = len(row.get("updates") or []) if isinstance(row.get("updates"), list) else 0
        if len(errors) == before:
            parsed.append(item)
    return parsed, errors


@dataclass
class ImportResult:
    priorities: int
    actions: int
    skipped_updates: int  # progress updates in a JSON export are not imported: progress is posted on a published plan


def import_plan_file(*, plan: ActionPlan, by, text: str, fmt: str) -> ImportResult:
    """Add the file's priorities, actions and measures to an editable plan: all of them, or none."""
    if not plan.is_editable:
        raise ImportFailed([_("This plan can no longer be changed; start a new version to import into.")])
    rows = rows_from_json(text) if fmt == "json" else rows_from_csv(text)
    parsed, errors = validate_rows(plan, rows)
    if errors:
        raise ImportFailed(errors)
    priorities: dict[str, object] = {}
    actions = skipped_updates = 0
    try:
        with transaction.atomic():
            order = plan.priorities.count()
            for item in parsed:
                priority = priorities.get(item["priority"])
                if priority is None:
                    order += 1
                    priority = services.priority_save(
                        plan=plan,
                        by=by,
                        title=item["priority"],
                        description=item["priority_description"],
                        title_cy=item["priority_cy"],
                        description_cy=item["priority_description_cy"],
                        order=order,
                        themes=item["themes"],
                        principles=item["principles"],
                    )
                    priorities[item["priority"]] = priority
                if item.get("action"):
                    action = services.action_create(priority=priority, by=by, order=actions + 1, **item["action"])
                    for measure in item.get("measures", []):
                        services.measure_add(action=action, by=by, **measure)
                    actions += 1
                    skipped_updates += item.get("skipped_updates", 0)
    except ValidationError as error:
        raise ImportFailed([item["label"] + ": " + "; ".join(error.messages)]) from error
    return ImportResult(len(priorities), actions, skipped_updates)
