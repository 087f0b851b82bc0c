"""Demo: a consultation on Liverpool's demo plan in review, open from the day the demo is loaded for four weeks,
with no answers (no invented answer counts). Idempotent."""

import datetime

from django.utils import timezone

from inclusive_cities.accounts.models import User
from inclusive_cities.plans.models import ActionPlan, PlanStatus

from . import services
from .models import Consultation

LIVERPOOL = "E08000012"


def load() -> str:
    plan = ActionPlan.objects.filter(place__code=LIVERPOOL, status=PlanStatus.IN_REVIEW).first()
    if plan is None or not plan.priorities.exists():
        return "no Liverpool plan in review: no demo consultation"
    if Consultation.objects.filter(plan=plan).exists():
        return "demo consultation already there"
    officer = User.objects.filter(email="officer.liverpool@demo.inclusive-cities.test").first()
    today = timezone.localdate()
    services.consultation_open(
        plan=plan,
        by=officer,
        priorities=list(plan.priorities.all()),
        languages=["en-gb", "cy"],
        title=f"Have your say on {plan.title}",
        title_cy=f"Dweud eich dweud: {plan.title}",
        introduction=(
            "A demonstration consultation on the draft plan while it is in review. It has no answers yet: answer it "
            "to see how the results, moderation and 'you said, we did' pages work."
        ),
        opens_on=today,
        closes_on=today + datetime.timedelta(days=28),
    )
    return "1 demo consultation opened (no answers)"
