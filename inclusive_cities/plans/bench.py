"""Benchmarks for action plans: a published plan for every current UK council, 6 priorities x 8 actions each
(over 17,000 actions), 3 milestones and 2 progress updates per action; then the pages and API people use."""

import datetime

from django.test import Client

from inclusive_cities.core.bench import summary, timed
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Place

from .models import Action, ActionPlan, ActionStatus, Milestone, PlanStatus, Priority, ProgressUpdate, Rag

PRIORITIES, ACTIONS, MILESTONES, UPDATES = 6, 8, 3, 2
STATUSES = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED, ActionStatus.DELAYED]
RAGS = [Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NONE]


def _generate(places, framework) -> int:
    start = datetime.date(2025, 4, 1)
    plans = ActionPlan.objects.bulk_create(
        [
            ActionPlan(
                place=p,
                title=f"Inclusion action plan {p.name}",
                period_start=start,
                period_end=datetime.date(2028, 3, 31),
                vision="A city where everyone who arrives can belong and take part. " * 5,
                framework=framework,
                status=PlanStatus.PUBLISHED,
                published_at=datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC),
            )
            for p in places
        ],
        batch_size=500,
    )
    plans = list(ActionPlan.objects.filter(place__in=places))
    themes = list(framework.themes.all())
    Priority.objects.bulk_create(
        [
            Priority(plan=plan, order=i, title=f"Priority {i + 1}", description="What we will change and why. " * 4)
            for plan in plans
            for i in range(PRIORITIES)
        ],
        batch_size=2000,
    )
    priorities = list(Priority.objects.filter(plan__in=plans))
    Priority.themes.through.objects.bulk_create(
        [Priority.themes.through(priority_id=pr.pk, theme_id=themes[pr.order % len(themes)].pk) for pr in priorities],
        batch_size=5000,
    )
    Action.objects.bulk_create(
        [
            Action(
                priority=pr,
                order=j,
                title=f"Action {pr.order + 1}.{j + 1}",
                description="Who does what, with whom, by when. " * 4,
                lead_organisation_name="City council",
                start_date=start,
                end_date=start + datetime.timedelta(days=120 * (j + 1)),
                status=STATUSES[(pr.pk + j) % len(STATUSES)],
                rag=RAGS[(pr.pk + j) % len(RAGS)],
            )
            for pr in priorities
            for j in range(ACTIONS)
        ],
        batch_size=5000,
    )
    actions = list(Action.objects.filter(priority__plan__in=plans).only("pk", "status", "rag"))
    Milestone.objects.bulk_create(
        [
            Milestone(
                action_id=a.pk,
                title=f"Milestone {k + 1}",
                due_date=start + datetime.timedelta(days=90 * (k + 1)),
                completed_on=start + datetime.timedelta(days=90 * (k + 1)) if (a.pk + k) % 2 else None,
            )
            for a in actions
            for k in range(MILESTONES)
        ],
        batch_size=5000,
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action_id=a.pk,
                date=start + datetime.timedelta(days=60 * (k + 1)),
                status=a.status,
                rag=a.rag,
                narrative="What happened since the last update, and what comes next.",
            )
            for a in actions
            for k in range(UPDATES)
        ],
        batch_size=5000,
    )
    return len(actions)


def run(report) -> None:
    places = list(Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True))
    framework = framework_current()
    actions = _generate(places, framework)
    report("published plans", len(places), "")
    report("actions", actions, "")
    bristol = Place.objects.get(code="E06000023")
    plan = ActionPlan.objects.get(place=bristol)
    action = Action.objects.filter(priority__plan=plan).first()
    facilitator, officer, public = Client(), Client(), Client()
    facilitator.force_login(user_with_role("facilitator", email="bench.plans.fac@example.org"))
    officer.force_login(user_with_role("officer", bristol, email="bench.plans.officer@example.org"))
    base = f"/places/{bristol.code}/plans/{plan.pk}/"
    for label, client, url, repeat in [
        ("network view, every place's plan (ms)", facilitator, "/plans/", 10),
        ("published plan, public page (ms)", public, f"/places/{bristol.code}/plans/current/", 20),
        ("plan dashboard, officer (ms)", officer, base + "dashboard/", 20),
        ("action page with updates (ms)", officer, f"{base}actions/{action.pk}/", 20),
        ("API published plans of a place (ms)", public, f"/api/v1/plans/?place={bristol.code}", 20),
        ("API every published plan, first page (ms)", public, "/api/v1/plans/", 10),
        ("CSV export of actions (ms)", officer, base + "export/actions/", 10),
        ("plan PDF, 48 actions (ms)", officer, base + "pdf/plan/", 3),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        stats = summary(timed(lambda client=client, url=url: client.get(url), repeat))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")
