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
