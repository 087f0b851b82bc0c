"""Demo content for peer learning: the programmes' real convenings (seed 004, seed 000), the participant survey
template, and a learning report drafted from those records. Idempotent: keyed by programme and title.

No survey answers are invented (seed 004 reports only selected comments, no counts), so the demo survey shows
"fewer than 5 answers"; and no national barriers are recorded, since no seed says which place raised which.
"""

import datetime
import tomllib
from pathlib import Path

from django.db import transaction

from inclusive_cities.framework.models import Principle, Theme
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Cohort, Place, Programme
from inclusive_cities.network.services import international_place_code, place_for_demo

from . import services
from .models import (
    ActionArising,
    Convening,
    ConveningOutput,
    LearningPoint,
    LearningReport,
    ParticipationKind,
    Survey,
    SurveyState,
)

DEMO = Path(__file__).parent / "demo" / "convenings.toml"


def _place(ref) -> Place:
    if isinstance(ref, str):
        return Place.objects.get(code=ref)
    if ref.get("code"):
        return Place.objects.get(code=ref["code"])
    code = international_place_code(ref["name"], ref["country"])
    if len(code) <= Place._meta.get_field("code").max_length:
        place = place_for_demo(code="", name=ref["name"], country=ref["country"])
    else:
        # network's generated code can be longer than Place.code allows (PostgreSQL refuses it): cut to fit
        place, _created = Place.objects.get_or_create(
            code=code[: Place._meta.get_field("code").max_length],
            defaults={"name": ref["name"], "official_name": ref["name"], "country": ref["country"]},
        )
    if ref.get("official") and place.official_name != ref["official"]:
        place.official_name = ref["official"]
        place.save(update_fields=["official_name"])
    return place


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def load_convenings(path: Path = DEMO) -> int:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    framework = framework_current()
    created = 0
    for row in data["convenings"]:
        programme = Programme.objects.get(code=row["programme"])
        places = (
            [(_place(r), ParticipationKind.MEMBER) for r in row.get("members", [])]
            + [(_place(r), ParticipationKind.ASSOCIATE) for r in row.get("associates", [])]
            + [(_place(r), ParticipationKind.GUEST) for r in row.get("guests", [])]
        )
        fields = {
            "kind": row["kind"],
            "host": _place(row["host"]) if row.get("host") else None,
            "start_date": _date(row.get("start")),
            "end_date": _date(row.get("end")),
            "dates_note": row.get("dates_note", ""),
            "location": row.get("location", ""),
            "aims": "\n".join(row["aims"]),
            "attendees": "\n".join(row.get("attendees", [])),
            "notes_network_only": True,
            "source": row["source"],
        }
        convening = Convening.objects.filter(programme=programme, title=row["title"]).first()
        if convening is None:
            convening = services.convening_create(
                by=None, programme=programme, title=row["title"], places=places, notify=False, **fields
            )
            created += 1
        else:
            services.convening_update(convening=convening, by=None, places=places, **fields)
        for out in row.get("outputs", []):
            ConveningOutput.objects.get_or_create(
                convening=convening,
                title=out["title"],
                defaults={"kind": out["kind"], "body": out.get("body", ""), "is_public": out.get("public", False)},
            )
        for point in row.get("points", []):
            text = f"{point['text']} (Source: {row['point_source']}.)"
            if not LearningPoint.objects.filter(convening=convening, text=text).exists():
                lp = LearningPoint.objects.create(convening=convening, text=text, is_public=point.get("public", False))
                if framework:
                    lp.themes.set(Theme.objects.filter(framework=framework, code__in=point.get("themes", [])))
                    lp.principles.set(
                        Principle.objects.filter(framework=framework, code__in=point.get("principles", []))
                    )
        for action in row.get("actions", []):
            ActionArising.objects.get_or_create(convening=convening, text=action["text"])
    return created


def load() -> str:
    created = load_convenings()
    programme = Programme.objects.get(code="inclusive-cities")
    cohort = Cohort.objects.filter(code="ic-phase-one").first()
    survey = Survey.objects.filter(programme=programme, title__startswith="Participant survey").first()
    if survey is None:
        survey = services.survey_from_template(by=None, programme=programme, cohort=cohort)
        survey.state = SurveyState.CLOSED
        survey.closes_on = datetime.date(2019, 1, 31)
        survey.save()
    title = "Learning from phase one (drafted from the platform's records)"
    report = LearningReport.objects.filter(programme=programme, title=title).first()
    if report is None:
        report = services.report_start(
            by=None,
            programme=programme,
            title=title,
            period_start=datetime.date(2017, 3, 1),
            period_end=datetime.date(2019, 6, 30),
        )
        services.report_publish(report=report, by=None)
    return f"{created} convenings created; survey template “{survey.title}”; learning report “{report.title}”"
