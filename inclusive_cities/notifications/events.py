"""What each kind of notification is about, who is told, and the permission that decides who may be told.

Each event names the candidates (the people it concerns) and a view permission on the object; `notify` keeps
only the candidates that permission allows, so a notification reaches no one who cannot see the object. The
message names only the object the recipient may see, and the link goes to its page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inclusive_cities.accounts.models import NetworkRole, PlaceRole

from .models import Kind


@dataclass(frozen=True)
class Event:
    kind: str
    perm: str  # the view permission the recipient must hold on `target(obj)`
    candidates: Callable  # obj -> iterable of users
    message: Callable  # obj -> str
    url: Callable  # obj -> str
    target: Callable = lambda obj: obj  # the object the permission is checked on
    place: Callable = lambda obj: getattr(obj, "place", None)


def place_people(place, *roles):
    User = get_user_model()
    qs = User.objects.filter(is_active=True, place_roles__place=place)
    if roles:
        qs = qs.filter(place_roles__role__in=roles)
    return qs.distinct()


def facilitators():
    return get_user_model().objects.filter(is_active=True, network_roles__role=NetworkRole.FACILITATOR).distinct()


def _plan_msg(text):
    return lambda plan: text % {"place": plan.place.name, "title": plan.title, "v": plan.version}


def _plan_url(plan):
    return plan.get_absolute_url()


def _comment_candidates(comment):
    people = set(place_people(comment.plan.place, PlaceRole.OFFICER))
    root = comment
    while root.parent_id:
        root = root.parent
        if root.author_id:
            people.add(root.author)
    return people


def _action_lead(action):
    plan = action.priority.plan
    if action.lead_user_id:
        return [action.lead_user]
    return place_people(plan.place, PlaceRole.OFFICER)


def _action_url(action):
    plan = action.priority.plan
    return reverse("plans:progress_add", args=[plan.place.code, plan.pk, action.pk])


EVENTS: dict[str, Event] = {
    e.kind: e
    for e in [
        Event(
            Kind.REVIEW_REQUESTED,
            "plans.view_comments",
            lambda plan: set(place_people(plan.place, PlaceRole.OFFICER, PlaceRole.PARTNER)) | set(facilitators()),
            _plan_msg(
                gettext_lazy("%(place)s’s plan “%(title)s” (version %(v)s) is in review: your comments are welcome.")
            ),
            lambda plan: _plan_url(plan) + "#review",
        ),
        Event(
            Kind.SIGNOFF_AWAITED,
            "plans.view_actionplan",
            lambda plan: place_people(plan.place, PlaceRole.SPONSOR),
            _plan_msg(gettext_lazy("%(place)s’s plan “%(title)s” (version %(v)s) waits for your sign-off.")),
            lambda plan: reverse("plans:plan_step", args=[plan.place.code, plan.pk, "sign-off"]),
        ),
        Event(
            Kind.COMMENT_POSTED,
            "plans.view_comments",
            _comment_candidates,
            lambda c: (
                _("New review comment on %(place)s’s plan “%(title)s”.")
                % {"place": c.plan.place.name, "title": c.plan.title}
            ),
            lambda c: _plan_url(c.plan) + "#review",
            target=lambda c: c.plan,
            place=lambda c: c.plan.place,
        ),
        Event(
            Kind.COMMENT_RESOLVED,
            "plans.view_comments",
            lambda c: [c.author] if c.author_id else [],
            lambda c: _("Your review comment on “%(title)s” was resolved.") % {"title": c.plan.title},
            lambda c: _plan_url(c.plan) + "#review",
            target=lambda c: c.plan,
            place=lambda c: c.plan.place,
        ),
        Event(
            Kind.SIGNED_OFF,
            "plans.view_actionplan",
            lambda plan: set(place_people(plan.place, PlaceRole.OFFICER)) | set(facilitators()),
            _plan_msg(gettext_lazy("%(place)s’s plan “%(title)s” (version %(v)s) is signed off and ready to publish.")),
            _plan_url,
        ),
        Event(
            Kind.RETURNED_TO_DRAFT,
            "plans.view_actionplan",
            lambda plan: place_people(plan.place, PlaceRole.OFFICER, PlaceRole.SPONSOR),
            _plan_msg(gettext_lazy("%(place)s’s plan “%(title)s” (version %(v)s) was returned to draft for changes.")),
            _plan_url,
        ),
        Event(
            Kind.PUBLISHED,
            "plans.view_actionplan",
            lambda plan: set(place_people(plan.place)) | set(facilitators()),
            _plan_msg(gettext_lazy("%(place)s’s plan “%(title)s” (version %(v)s) is published.")),
            _plan_url,
        ),
        Event(
            Kind.UPDATE_DUE,
            "plans.post_progress",
            _action_lead,
            lambda a: (
                _("A progress update is due on “%(title)s” (%(place)s).")
                % {"title": a.title, "place": a.priority.plan.place.name}
            ),
            _action_url,
            place=lambda a: a.priority.plan.place,
        ),
        Event(
            Kind.UPDATE_OVERDUE,
            "plans.post_progress",
            _action_lead,
            lambda a: (
                _("A progress update is overdue on “%(title)s” (%(place)s).")
                % {"title": a.title, "place": a.priority.plan.place.name}
            ),
            _action_url,
            place=lambda a: a.priority.plan.place,
        ),
        Event(
            Kind.PARTNER_ANSWER_REQUESTED,
            "assessments.view_assessment",
            lambda req: [req.partner],
            lambda req: (
                _("%(place)s asks for your answers to its self-assessment “%(title)s”.")
                % {"place": req.assessment.place.name, "title": req.assessment.title}
            ),
            lambda req: req.assessment.get_absolute_url(),
            target=lambda req: req.assessment,
            place=lambda req: req.assessment.place,
        ),
        Event(
            Kind.ASSESSMENT_READY,
            "assessments.view_assessment",
            lambda a: place_people(a.place, PlaceRole.SPONSOR),
            lambda a: (
                _("%(place)s’s self-assessment “%(title)s” is ready: check the answers and confirm it.")
                % {"place": a.place.name, "title": a.title}
            ),
            lambda a: reverse("assessments:check", args=[a.place.code, a.pk]),
        ),
        Event(
            Kind.CASE_STUDY_SUBMITTED,
            "evidence.review_casestudy",
            lambda cs: facilitators(),
            lambda cs: _("A case study was submitted for review: “%(title)s”.") % {"title": cs.title},
            lambda cs: reverse("evidence:review", args=[cs.slug]),
            place=lambda cs: cs.credited_place,
        ),
        Event(
            Kind.CASE_STUDY_PUBLISHED,
            "evidence.view_casestudy",
            lambda cs: [cs.submitted_by] if cs.submitted_by_id else [],
            lambda cs: _("Your case study “%(title)s” is published.") % {"title": cs.title},
            lambda cs: reverse("evidence:detail", args=[cs.slug]),
            place=lambda cs: cs.credited_place,
        ),
        # Peer learning (exchange): the exchange services name the people concerned (programme members, the two
        # places' officers, a thread's followers) and pass them as `candidates`; the view permission still decides.
        Event(
            Kind.CONVENING_NEW,
            "exchange.view_convening",
            lambda c: [],
            lambda c: _("A convening was recorded: “%(title)s”.") % {"title": c.title},
            lambda c: c.get_absolute_url(),
            place=lambda c: None,
        ),
        Event(
            Kind.PARTNERSHIP_PROPOSED,
            "exchange.view_partnership",
            lambda p: [],
            lambda p: _("A learning partnership is proposed: %(partnership)s.") % {"partnership": p},
            lambda p: p.get_absolute_url(),
            place=lambda p: None,
        ),
        Event(
            Kind.THREAD_REPLY,
            "exchange.view_thread",
            lambda post: [],
            lambda post: _("A new reply in “%(title)s”.") % {"title": post.thread.title},
            lambda post: post.thread.get_absolute_url(),
            target=lambda post: post.thread,
            place=lambda post: None,
        ),
        Event(
            Kind.SURVEY_INVITATION,
            "exchange.answer_survey",
            lambda s: [],
            lambda s: _("You are invited to answer the survey “%(title)s”.") % {"title": s.title},
            lambda s: s.answer_url(),
            place=lambda s: None,
        ),
    ]
}
