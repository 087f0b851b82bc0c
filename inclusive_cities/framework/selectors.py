"""Reads for the framework: the current published version, versions a user may see, lookups by code."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from inclusive_cities.accounts.roles import roles_of

from .models import DomainTaxonomy, Framework, FrameworkStatus, Goal, TargetGroup, Theme


def visible_q(user) -> Q:
    if roles_of(user).is_network_staff:
        return Q()
    return Q(status=FrameworkStatus.PUBLISHED)


def framework_versions(*, user) -> QuerySet[Framework]:
    return Framework.objects.filter(visible_q(user)).order_by("status", "-published_at")


def framework_current() -> Framework | None:
    return Framework.objects.filter(status=FrameworkStatus.PUBLISHED).order_by("-published_at").first()


def framework_draft() -> Framework | None:
    return Framework.objects.filter(status=FrameworkStatus.DRAFT).first()


def framework_get(*, user, version: str) -> Framework:
    framework = Framework.objects.filter(visible_q(user), version=version[:20]).first()
    if framework is None:
        raise Http404(_("There is no framework version “%(v)s”.") % {"v": version[:20]})
    return framework


def framework_full(framework: Framework):
    """The framework with principles, themes and goals loaded in three queries."""
    return {
        "principles": list(framework.principles.all()),
        "themes": list(framework.themes.prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("code")))),
    }


def theme_get(*, framework: Framework, code: str) -> Theme:
    theme = framework.themes.prefetch_related("goals").filter(code=code.upper()[:10]).first()
    if theme is None:
        raise Http404(_("There is no theme “%(code)s” in this version.") % {"code": code[:10]})
    return theme


def taxonomies() -> QuerySet[DomainTaxonomy]:
    return DomainTaxonomy.objects.prefetch_related("domains")


def target_groups() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.all()


# --- Comparing two versions: what changed, goal by goal, and what stays comparable ---------------------------


def _goal_text(goal: Goal) -> tuple:
    """What an assessor reads for a goal: if any of it changes, answers on the two versions are not the same
    question."""
    return (goal.title.strip(), goal.description.strip(), [str(t).strip() for t in goal.maturity_levels or []])


def framework_diff(old: Framework, new: Framework) -> dict:
    """Goal by goal (keyed by goal code, the stable key across versions) and principle by principle.

    Each row has a `change`: "unchanged", "changed" (same code, different text), "added" or "removed". A theme is
    comparable across the two versions when it has the same goals with unchanged text; a principle when its name
    and description are unchanged. Assessment scores are mapped across versions only for comparable themes.
    """
    a, b = framework_full(old), framework_full(new)
    old_themes = {t.code: t for t in a["themes"]}
    new_themes = {t.code: t for t in b["themes"]}
    themes = []
    for code in sorted(set(old_themes) | set(new_themes)):
        ot, nt = old_themes.get(code), new_themes.get(code)
        og = {g.code: g for g in ot.goals.all()} if ot else {}
        ng = {g.code: g for g in nt.goals.all()} if nt else {}
        goals = []
        for gcode in sorted(set(og) | set(ng), key=_code_key):
            before, after = og.get(gcode), ng.get(gcode)
            if before is None:
                change = "added"
            elif after is None:
                change = "removed"
            else:
                change = "unchanged" if _goal_text(before) == _goal_text(after) else "changed"
            goals.append({"code": gcode, "old": before, "new": after, "change": change})
        name_changed = bool(ot and nt and ot.name.strip() != nt.name.strip())
        comparable = bool(ot and nt) and all(g["change"] == "unchanged" for g in goals)
        themes.append(
            {
                "code": code,
                "old": ot,
                "new": nt,
                "goals": goals,
                "comparable": comparable,
                "name_changed": name_changed,
                "changed": name_changed or not comparable,
            }
        )
    old_p = {p.code: p for p in a["principles"]}
    new_p = {p.code: p for p in b["principles"]}
    principles = []
    for code in sorted(set(old_p) | set(new_p)):
        op, np_ = old_p.get(code), new_p.get(code)
        same = bool(op and np_) and (op.name.strip(), op.description.strip()) == (
            np_.name.strip(),
            np_.description.strip(),
        )
        principles.append({"code": code, "old": op, "new": np_, "comparable": same})
    return {
        "old": old,
        "new": new,
        "themes": themes,
        "principles": principles,
        "changed_goals": sum(1 for t in themes for g in t["goals"] if g["change"] != "unchanged"),
        "comparable_themes": {t["code"] for t in themes if t["comparable"]},
        "comparable_principles": {p["code"] for p in principles if p["comparable"]},
    }


def _code_key(code: str):
    return [int(part) if part.isdigit() else part for part in code.replace("T", "").split(".")]


def newer_version(framework: Framework | None) -> Framework | None:
    """The current published version when it is newer than `framework` (for the banner on a place's plan or
    assessment that uses an older version), else None."""
    if framework is None or framework.is_draft:
        return None
    current = framework_current()
    if current is None or current.pk == framework.pk:
        return None
    if framework.published_at and current.published_at and current.published_at <= framework.published_at:
        return None
    return current
