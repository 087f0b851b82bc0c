"""Writes for the framework: loading the first version, drafting, editing a draft, publishing."""

import tomllib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inclusive_cities.core.translated import welsh_values, writing_content

from .models import Domain, DomainTaxonomy, Framework, FrameworkStatus, Goal, Principle, TargetGroup, Theme

FRAMEWORK_TOML = Path(__file__).resolve().parent / "demo" / "framework.toml"


@transaction.atomic
def framework_load(*, path: Path = FRAMEWORK_TOML) -> Framework:
    """Load the framework's first version, the domain taxonomies and the target groups. Idempotent. A principle's or
    theme's `name_cy` in the file is its Welsh name (supplied for review: docs/translation.md)."""
    with writing_content():
        return _framework_load(path)


def _framework_load(path: Path) -> Framework:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    head = data["framework"]
    framework = Framework.objects.filter(version=head["version"]).first()
    if framework is None:
        framework = Framework.objects.create(
            name=head["name"],
            version=head["version"],
            summary=head.get("summary", ""),
            source=head.get("source", ""),
            source_url=head.get("source_url", ""),
            status=FrameworkStatus.PUBLISHED,
            published_at=timezone.now(),
            change_note=_("First version, from the Inclusive Cities policy brief (seed 001)."),
        )
        for item in data["principles"]:
            Principle.objects.create(
                framework=framework,
                code=item["code"],
                name=item["name"],
                name_cy=item.get("name_cy", ""),
                description=item.get("description", ""),
                source=item.get("source", ""),
            )
        for item in data["themes"]:
            theme = Theme.objects.create(
                framework=framework,
                code=item["code"],
                name=item["name"],
                name_cy=item.get("name_cy", ""),
                description=item.get("description", ""),
                what_good_looks_like=item.get("what_good_looks_like", ""),
                source=item.get("source", ""),
            )
            for goal in item.get("goals", []):
                Goal.objects.create(
                    theme=theme,
                    code=goal["code"],
                    title=goal["title"],
                    description=goal.get("description", ""),
                    maturity_levels=goal.get("maturity_levels", []),
                )
    for tax in data.get("domain_taxonomies", []):
        taxonomy, _created = DomainTaxonomy.objects.get_or_create(
            code=tax["code"],
            defaults={"name": tax["name"], "description": tax.get("description", ""), "source": tax.get("source", "")},
        )
        for order, dom in enumerate(tax.get("domains", [])):
            Domain.objects.get_or_create(
                code=dom["code"],
                defaults={
                    "taxonomy": taxonomy,
                    "name": dom["name"],
                    "group": dom.get("group", ""),
                    "description": dom.get("description", ""),
                    "order": order,
                },
            )
    for order, grp in enumerate(data.get("target_groups", [])):
        TargetGroup.objects.get_or_create(
            code=grp["code"],
            defaults={
                "name": grp["name"],
                "description": grp.get("description", ""),
                "is_newcomer": grp.get("is_newcomer", True),
                "children_and_young_people": grp.get("children_and_young_people", False),
                "source": grp.get("source", ""),
                "order": order,
            },
        )
    return framework


def _next_version(version: str) -> str:
    major, _sep, minor = version.partition(".")
    candidate = f"{major}.{int(minor or 0) + 1}"
    while Framework.objects.filter(version=candidate).exists():
        major, _sep, minor = candidate.partition(".")
        candidate = f"{major}.{int(minor) + 1}"
    return candidate


@transaction.atomic
def framework_draft_create(*, source: Framework, by) -> Framework:
    """Copy a published version into a new draft that a facilitator can edit."""
    if Framework.objects.filter(status=FrameworkStatus.DRAFT).exists():
        raise ValidationError(_("A draft version already exists. Publish or discard it before starting another."))
    if source.is_draft:
        raise ValidationError(_("A new draft must start from a published version."))
    # English active: `name` reads and writes the English; the Welsh is copied by name.
    with writing_content():
        draft = Framework.objects.create(
            name=source.name,
            version=_next_version(source.version),
            summary=source.summary,
            source=source.source,
            source_url=source.source_url,
            based_on=source,
            created_by=by,
            status=FrameworkStatus.DRAFT,
        )
        for principle in source.principles.all():
            Principle.objects.create(
                framework=draft,
                code=principle.code,
                name=principle.name,
                description=principle.description,
                **welsh_values(principle, ("name", "description")),
                source=principle.source,
            )
        for theme in source.themes.prefetch_related("goals"):
            copy = Theme.objects.create(
                framework=draft,
                code=theme.code,
                name=theme.name,
                description=theme.description,
                what_good_looks_like=theme.what_good_looks_like,
                **welsh_values(theme, ("name", "description", "what_good_looks_like")),
                source=theme.source,
            )
            Goal.objects.bulk_create(
                Goal(
                    theme=copy,
                    code=g.code,
                    title=g.title,
                    description=g.description,
                    maturity_levels=g.maturity_levels,
                    **welsh_values(g, ("title", "description", "maturity_levels")),
                )
                for g in theme.goals.all()
            )
    return draft


def _require_draft(framework: Framework) -> None:
    if not framework.is_draft:
        raise ValidationError(
            _("Version %(v)s is published and cannot change. Start a new draft.") % {"v": framework.version}
        )


@transaction.atomic
def framework_item_update(*, item, by, **fields):
    """Change a principle, theme or goal of a draft version."""
    framework = item.theme.framework if isinstance(item, Goal) else item.framework
    _require_draft(framework)
    with writing_content():
        for key, value in fields.items():
            setattr(item, key, value)
        item._change_reason = f"Edited by {by}"
        item.save()
    return item


@transaction.atomic
def goal_add(*, theme: Theme, title: str, description: str, by, title_cy: str = "", description_cy: str = "") -> Goal:
    _require_draft(theme.framework)
    numbers = [int(c.split(".")[-1]) for c in theme.goals.values_list("code", flat=True) if c.split(".")[-1].isdigit()]
    with writing_content():
        return Goal.objects.create(
            theme=theme,
            code=f"{theme.code}.{max(numbers, default=0) + 1}",
            title=title,
            title_cy=title_cy,
            description=description,
            description_cy=description_cy,
        )


@transaction.atomic
def framework_publish(*, framework: Framework, by, change_note: str) -> Framework:
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    _require_draft(framework)
    problems = []
    if framework.principles.count() != 5:
        problems.append(_("the framework needs exactly five principles"))
    if framework.themes.count() != 5:
        problems.append(_("the framework needs exactly five thematic areas"))
    empty = [t.code for t in framework.themes.all() if not t.goals.exists()]
    if empty:
        problems.append(_("these themes have no goals: %(codes)s") % {"codes": ", ".join(empty)})
    if not change_note.strip():
        problems.append(_("say what changed in this version"))
    if problems:
        raise ValidationError(_("This version cannot be published yet: %(p)s.") % {"p": "; ".join(problems)})
    framework.status = FrameworkStatus.PUBLISHED
    framework.published_at = timezone.now()
    framework.published_by = by
    framework.change_note = change_note.strip()
    framework.save()
    return framework


@transaction.atomic
def framework_draft_discard(*, framework: Framework, by) -> None:
    _require_draft(framework)
    framework.delete()
