"""Reads for the evidence base: who sees which case study, browse with filters, search, recommendations."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from inclusive_cities.accounts.models import PlaceRole
from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.core.pagecache import memoized_on

from . import search
from .models import CaseStudy, CaseStudyStatus, PinnedCaseStudy

SORTS = {
    "title": ("title",),
    "-title": ("-title",),
    "year": ("year", "title"),
    "-year": ("-year", "title"),
    "evidence": ("evidence_rating", "title"),
    "-evidence": ("-evidence_rating", "title"),
    "place": ("place_name", "title"),
    "-place": ("-place_name", "title"),
    "country": ("country", "title"),
    "-country": ("-country", "title"),
}


def visible_q(user) -> Q:
    """Published case studies for everyone; unpublished ones for network staff, the person who submitted them and
    the officers of the place they are credited to."""
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    q = Q(status=CaseStudyStatus.PUBLISHED)
    if user is not None and user.is_authenticated:
        q |= Q(submitted_by=user)
        officer_places = roles.place_ids(PlaceRole.OFFICER)
        if officer_places:
            q |= Q(credited_place_id__in=officer_places)
    return q


def case_studies_visible(*, user) -> QuerySet[CaseStudy]:
    return CaseStudy.objects.filter(visible_q(user))


def case_study_get(*, user, slug: str) -> CaseStudy:
    case_study = (
        case_studies_visible(user=user)
        .select_related("place", "credited_place", "submitted_by", "reviewed_by")
        .prefetch_related("domains__taxonomy", "target_groups")
        .filter(slug=slug[:120])
        .first()
    )
    if case_study is None:
        raise Http404(_("There is no case study “%(slug)s”.") % {"slug": slug[:120]})
    return case_study


def contributions(*, user) -> QuerySet[CaseStudy]:
    """Unpublished case studies this user may see (their place's drafts; every submission for facilitators)."""
    return (
        case_studies_visible(user=user)
        .exclude(status=CaseStudyStatus.PUBLISHED)
        .select_related("credited_place", "submitted_by")
        .order_by("status", "-updated_at")
    )


def review_queue() -> QuerySet[CaseStudy]:
    return CaseStudy.objects.filter(status=CaseStudyStatus.SUBMITTED).order_by("submitted_at")


def filter_case_studies(
    qs: QuerySet[CaseStudy],
    *,
    theme: str = "",
    principle: str = "",
    domain: str = "",
    target_group: str = "",
    country: str = "",
    intervention_type: str = "",
    evidence_min: int | None = None,
    status: str = "",
) -> QuerySet[CaseStudy]:
    if theme:
        qs = qs.filter(theme_codes__contains=f",{theme.upper()[:5]},")
    if principle:
        qs = qs.filter(principle_codes__contains=f",{principle.upper()[:5]},")
    if domain:
        qs = qs.filter(domains__code=domain)
    if target_group:
        qs = qs.filter(target_groups__code=target_group)
    if country:
        qs = qs.filter(country=country)
    if intervention_type:
        qs = qs.filter(intervention_type=intervention_type)
    if evidence_min:
        qs = qs.filter(evidence_rating__gte=evidence_min)
    if status:
        qs = qs.filter(status=status)
    return qs.distinct() if (domain or target_group) else qs


def facets(*, user) -> dict[str, list[str]]:
    qs = case_studies_visible(user=user).order_by("country").values_list("country", flat=True).distinct()
    return {"countries": list(qs)}


@dataclass
class Result:
    case_study: CaseStudy
    score: float
    reasons: list[str] = field(default_factory=list)
    matched_words: list[str] = field(default_factory=list)
    similar_in_meaning: bool = False
    similarity: float | None = None
    title_html: SafeString = SafeString("")
    snippet_html: SafeString = SafeString("")


@dataclass
class SearchResults:
    query: str
    truncated: bool
    mode: str
    hits: list  # search.Hit, best first, at most MAX_RESULTS
    semantic_available: bool
    capped: bool = False
    total: int = 0  # how many matched (at most MAX_RESULTS), whatever the limit
    _pattern: object = None

    def __len__(self) -> int:
        return len(self.hits)

    def explain(self, hits) -> list[Result]:
        """Results with reasons and highlighting, for these hits only (a page), in their order."""
        objects = CaseStudy.objects.select_related("place").in_bulk([h.pk for h in hits])
        return [_explain(objects[h.pk], h, self._pattern) for h in hits if h.pk in objects]

    @property
    def results(self) -> list[Result]:
        return self.explain(self.hits)


def highlight(text: str, pattern, limit: int | None = None) -> SafeString:
    """Escape the text, then wrap matched words in <mark>. Optionally cut around the first match."""
    if limit and len(text) > limit:
        start = 0
        if pattern is not None and (first := pattern.search(text)):
            start = max(0, first.start() - limit // 3)
        text = ("…" if start else "") + text[start : start + limit].strip() + "…"
    if pattern is None:
        return mark_safe(escape(text))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def _explain(case_study: CaseStudy, hit: search.Hit, pattern) -> Result:
    words: list[str] = []
    if pattern is not None and hit.text_rank is not None:
        for text in (case_study.title, case_study.place_name, case_study.summary, case_study.outcomes):
            for match in pattern.finditer(text):
                word = match.group(0).lower()
                if word not in words:
                    words.append(word)
    reasons = []
    if words:
        reasons.append(_("Matched words: %(words)s") % {"words": ", ".join(words[:8])})
    if hit.semantic_rank is not None:
        reasons.append(_("Similar in meaning"))
    return Result(
        case_study=case_study,
        score=round(hit.score, 6),
        reasons=reasons,
        matched_words=words,
        similar_in_meaning=hit.semantic_rank is not None,
        similarity=round(hit.similarity, 3) if hit.similarity is not None else None,
        title_html=highlight(case_study.title, pattern),
        snippet_html=highlight(case_study.summary, pattern, limit=320),
    )


MAX_RESULTS = 200


def search_case_studies(
    *, user, q: str, mode: str = "hybrid", filters: dict | None = None, limit: int | None = None
) -> SearchResults:
    """Ranked case studies for a query among those the user may see and that pass the filters.

    At most `limit` (default MAX_RESULTS) hits are kept; `.results` explains them, `.explain(hits)` a page of them.
    """
    query, truncated = search.clean_query(q)
    candidates = filter_case_studies(case_studies_visible(user=user), **(filters or {}))
    cap = min(limit or MAX_RESULTS, MAX_RESULTS)
    hits = _ranked(query, candidates, mode) if query else []
    capped = len(hits) > cap
    return SearchResults(
        query=query,
        truncated=truncated,
        mode=mode,
        total=min(len(hits), MAX_RESULTS),
        hits=hits[:cap],
        semantic_available=search.semantic_available(),
        capped=capped and limit is None,
        _pattern=search.term_pattern(search.query_terms(query)),
    )


# The tables a ranking reads: case studies, their index and links (evidence), and the domains and target groups the
# filters join (framework). Who may see what is in the candidates' SQL, which is in the key, so roles are not read.
RANKING_READS = ("evidence", "framework")


def _ranked(query: str, candidates, mode: str) -> list[search.Hit]:
    """`search.rank`'s hits (the costly part of a search), kept until the tables the ranking reads change: a progress
    update elsewhere leaves them kept, a new or edited case study is ranked on the next search. The key holds the
    candidates' SQL and parameters, so one viewer's or filter's hits are never another's."""
    sql, params = search.candidates_sql(candidates)
    return memoized_on(
        RANKING_READS,
        "evidence.search_case_studies",
        (query, mode, sql, tuple(params)),
        lambda: search.rank(query, candidates, mode=mode, limit=MAX_RESULTS + 1),
    )


# Rank fusion for recommendations is steeper than search's (RRF_K 60): with K 60 the 1st and the 10th text match
# differ by 15%, so a bare theme match outranked what the text is actually about.
RECOMMEND_K = 5


def _text_closeness(hit) -> float:
    """1 for the best match in both rankings, falling with the rank in each (0 where a ranking lacks it)."""
    parts = [(RECOMMEND_K + 1) / (RECOMMEND_K + r) for r in (hit.text_rank, hit.semantic_rank) if r is not None]
    return sum(parts) / 2


def recommend(
    *, theme_codes, principle_codes, text: str = "", limit: int = 5, text_weight: float = 3.0
) -> list[tuple[CaseStudy, str]]:
    """Published case studies most relevant to a plan's or priority's themes, principles and text.

    Args (keyword-only):
        theme_codes: iterable of framework theme codes, e.g. ["T2", "T4"] (stable across framework versions).
        principle_codes: iterable of principle codes, e.g. ["P1"].
        text: free text (a priority's title and description); matched by words and by meaning.
        limit: how many to return (default 5).
        text_weight: what the best text match adds (default 3); an action's specific words are given more.

    Returns a list of (CaseStudy, reason) pairs, best first, where reason is a sentence such as
    "Same themes: T2; similar in meaning to your text". Only published case studies are ever returned.
    Scoring: each shared theme counts 1, each shared principle 0.5, and the text adds up to `text_weight` (its
    rank by words and by meaning, fused), so text that matches well outranks a bare theme match. Sector words for
    everyday ones (search.GLOSSARY: "English classes" -> ESOL) are added to the text.
    """
    themes = {str(c).upper() for c in theme_codes or []}
    principles = {str(c).upper() for c in principle_codes or []}
    published = CaseStudy.objects.filter(status=CaseStudyStatus.PUBLISHED)
    scores: dict[int, float] = {}
    reasons: dict[int, list[str]] = {}
    shared: dict[int, tuple[list[str], list[str]]] = {}
    if themes or principles:
        condition = Q()
        for code in themes:
            condition |= Q(theme_codes__contains=f",{code[:5]},")
        for code in principles:
            condition |= Q(principle_codes__contains=f",{code[:5]},")
        for pk, t_codes, p_codes in published.filter(condition).values_list("pk", "theme_codes", "principle_codes"):
            same_t = sorted(themes & set(filter(None, t_codes.split(","))))
            same_p = sorted(principles & set(filter(None, p_codes.split(","))))
            scores[pk] = len(same_t) + 0.5 * len(same_p)
            shared[pk] = (same_t, same_p)
    query, _truncated = search.clean_query(search.with_glossary(text))
    if query:
        for hit in search.rank(query, published, limit=50)[:50]:
            scores[hit.pk] = scores.get(hit.pk, 0.0) + text_weight * _text_closeness(hit)
            text_reasons = []
            if hit.text_rank is not None:
                text_reasons.append(_("shares words with your text"))
            if hit.semantic_rank is not None:
                text_reasons.append(_("similar in meaning to your text"))
            reasons[hit.pk] = text_reasons
    best = sorted(scores, key=lambda pk: -scores[pk])[:limit]
    objects = published.select_related("place").in_bulk(best)
    out = []
    for pk in best:
        parts = []
        same_t, same_p = shared.get(pk, ([], []))
        if same_t:
            parts.append(_("Same themes: %(codes)s") % {"codes": ", ".join(same_t)})
        if same_p:
            parts.append(_("same principles: %(codes)s") % {"codes": ", ".join(same_p)})
        parts.extend(reasons.get(pk, []))
        reason = "; ".join(parts)
        out.append((objects[pk], reason[:1].upper() + reason[1:]))
    return out


def tasks_for(user) -> list:
    """Contributed case studies waiting for review, for those who may review them (evidence.review_casestudy:
    facilitators and administrators). One query."""
    from django.urls import reverse

    from inclusive_cities.core.method import Task

    if not roles_of(user).is_network_staff:
        return []
    return [
        Task(
            "case_study_review",
            _("Review the contributed case study “%(title)s”") % {"title": cs.title},
            reverse("evidence:review", args=[cs.slug]),
            place=cs.credited_place,
            due=cs.submitted_at.date() if cs.submitted_at else None,
        )
        for cs in review_queue().select_related("credited_place")
    ]


# --- Evidence pinned to plans --------------------------------------------------------------------------------------


def pins_visible(*, user) -> QuerySet[PinnedCaseStudy]:
    """Pins whose case study the user may see (the plan itself is checked by the page that shows it)."""
    return PinnedCaseStudy.objects.filter(case_study__in=CaseStudy.objects.filter(visible_q(user))).select_related(
        "case_study"
    )


def public_pins() -> QuerySet[PinnedCaseStudy]:
    """Pins whose case study is published: what anyone may see, whoever asks (the public API). Ordered as pinned."""
    return PinnedCaseStudy.objects.filter(case_study__status=CaseStudyStatus.PUBLISHED).select_related("case_study")


def attach_pins(*, user, priorities) -> None:
    """Set `.pinned` (a list of pins the user may see) on each priority and on each of its prefetched actions.
    One query for the whole plan."""
    priorities = list(priorities)
    actions = [a for p in priorities for a in p.actions.all()]
    by_priority: dict[int, list] = {p.pk: [] for p in priorities}
    by_action: dict[int, list] = {a.pk: [] for a in actions}
    pins = pins_visible(user=user).filter(Q(priority_id__in=list(by_priority)) | Q(action_id__in=list(by_action)))
    for pin in pins:
        (by_priority[pin.priority_id] if pin.priority_id else by_action[pin.action_id]).append(pin)
    for priority in priorities:
        priority.pinned = by_priority[priority.pk]
    for action in actions:
        action.pinned = by_action[action.pk]


def pins_for(*, user, priority=None, action=None) -> list[PinnedCaseStudy]:
    target = {"priority": priority} if priority is not None else {"action": action}
    return list(pins_visible(user=user).filter(**target))


def pins_to_manage(*, user, priority=None, action=None) -> list[PinnedCaseStudy]:
    """Every pin on a priority or action, for its plan's editors: `.visible` says whether they may see its case
    study (one they may not see, e.g. withdrawn by another place, is listed without its title, to be removed)."""
    target = {"priority": priority} if priority is not None else {"action": action}
    pins = list(PinnedCaseStudy.objects.select_related("case_study").filter(**target))
    visible = set(
        case_studies_visible(user=user).filter(pk__in=[p.case_study_id for p in pins]).values_list("pk", flat=True)
    )
    for pin in pins:
        pin.visible = pin.case_study_id in visible
    return pins


def pin_get(*, pk: int, priority=None, action=None) -> PinnedCaseStudy:
    """A pin on this priority or action, whatever its case study's state now (so that its plan's editors can
    always remove it)."""
    target = {"priority": priority} if priority is not None else {"action": action}
    pin = PinnedCaseStudy.objects.select_related("case_study").filter(pk=pk, **target).first()
    if pin is None:
        raise Http404
    return pin


def pinnable_case_study(*, user, slug: str) -> CaseStudy | None:
    """A case study the user may see, by its short name, or None. Whether it may be pinned (published) is the
    service's rule, so that a visible draft is refused with a reason rather than not found."""
    return case_studies_visible(user=user).filter(slug=slug[:120]).first()


def target_text(*, priority=None, action=None) -> str:
    """A priority's or an action's own words, for suggestions (an action's priority adds its themes, not words)."""
    if action is not None:
        return " ".join(filter(None, [action.title, action.description]))
    return " ".join(filter(None, [priority.title, priority.description]))
