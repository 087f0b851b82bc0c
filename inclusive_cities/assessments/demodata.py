"""Illustrative demo self-assessments (made up, and marked so): seven places share, one keeps its own private,
and Bristol has two confirmed assessments a year apart so that change shows. Idempotent: an assessment that
already exists (same place and title) is left exactly as it is, with any edits people made."""

import datetime
import random

from django.db import transaction

from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Place

from .models import Answer, Assessment, Confidence, Sharing, Status

# (place code, title, sharing, confirmed on, mean level the made-up answers centre on)
DEMO = [
    ("E06000023", "Baseline 2025 (illustrative)", Sharing.NETWORK, datetime.date(2025, 3, 14), 1.4),
    ("E06000023", "Review 2026 (illustrative)", Sharing.NETWORK, datetime.date(2026, 3, 20), 2.3),
    ("E08000012", "Baseline 2026 (illustrative)", Sharing.PUBLIC, datetime.date(2026, 2, 5), 2.1),
    ("W06000015", "Baseline 2026 (illustrative)", Sharing.NETWORK, datetime.date(2026, 1, 28), 1.8),
    ("S12000049", "Baseline 2026 (illustrative)", Sharing.NETWORK, datetime.date(2026, 4, 2), 2.0),
    ("E08000019", "Baseline 2026 (illustrative)", Sharing.PUBLIC, datetime.date(2026, 5, 11), 1.6),
    ("E08000025", "Baseline 2025 (illustrative)", Sharing.NETWORK, datetime.date(2025, 11, 3), 1.9),
    ("E06000043", "Baseline 2026 (illustrative)", Sharing.NETWORK, datetime.date(2026, 6, 9), 2.4),
    ("E08000026", "Baseline 2026 (illustrative)", Sharing.PRIVATE, datetime.date(2026, 2, 17), 1.5),
]

EVIDENCE = (
    "Illustrative answer made up for the demo; a real place would describe its documents, decisions and activity."
)


def _level(rng: random.Random, centre: float) -> int | None:
    if rng.random() < 0.08:  # a few questions left unanswered, as in real self-assessments
        return None
    return max(0, min(4, round(rng.gauss(centre, 0.9))))


@transaction.atomic
def load() -> str:
    framework = framework_current()
    if framework is None:
        return "no published framework: demo assessments skipped"
    themes = list(framework.themes.prefetch_related("goals"))
    principles = list(framework.principles.all())
    sponsor = None
    from inclusive_cities.accounts.models import User

    sponsor = User.objects.filter(email="sponsor.bristol@demo.inclusive-cities.test").first()
    created = 0
    for code, title, sharing, confirmed_at, centre in DEMO:
        place = Place.objects.filter(code=code).first()
        if place is None or Assessment.objects.filter(place=place, title=title).exists():
            continue
        rng = random.Random(f"{code}-{title}")
        assessment = Assessment.objects.create(
            place=place,
            framework=framework,
            title=title,
            sharing=sharing,
            status=Status.CONFIRMED,
            confirmed_at=confirmed_at,
            confirmed_by=sponsor if code == "E06000023" else None,
            is_illustrative=True,
        )
        answers = []
        for theme in themes:
            # Each place is made a little stronger in some themes than others, so the heat map has a shape.
            bias = rng.uniform(-0.7, 0.7)
            for goal in theme.goals.all():
                level = _level(rng, centre + bias)
                answers.append(
                    Answer(
                        assessment=assessment,
                        goal=goal,
                        level=level,
                        evidence=EVIDENCE if level is not None else "",
                        confidence=rng.choice(Confidence.values) if level is not None else "",
                    )
                )
            for principle in principles:
                level = _level(rng, centre + bias)
                answers.append(
                    Answer(
                        assessment=assessment,
                        principle=principle,
                        theme=theme,
                        level=level,
                        evidence=EVIDENCE if level is not None else "",
                        confidence=rng.choice(Confidence.values) if level is not None else "",
                    )
                )
        Answer.objects.bulk_create(answers)
        created += 1
    return f"{created} illustrative self-assessments created"
