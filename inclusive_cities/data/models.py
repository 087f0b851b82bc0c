"""Local data: the indicator catalogue, observations per area and period, small-area counts, imports.

Design notes (stable: part B's profiles, map and indices read these):
- An `Observation` is one figure for one area, period and (optional) category. `area_code` is always the
  current ONS code the figure is stored under (a local authority, region, nation, K04...); `place` points at
  the `network.Place` with that code when there is one (regions and nations are not places), so
  `?place=<code>` filters on `area_code` and works for every area. When an importer maps a code from an
  old boundary to the current one, the file's code is kept in `source_area_code`.
- Totals have an empty `disaggregation` and `category`; a breakdown (e.g. country of birth) sets
  `disaggregation` (what the breakdown is, e.g. "country_of_birth") and `category` (the group, e.g.
  "Europe: EU countries").
- `value` is NULL when the publisher gives no figure; `status` says why and `flag` keeps the publisher's
  symbol ("c", "x", "..", ":").
- Themes are per framework version, so an indicator stores the theme codes ("T1".."T5") it informs as a list
  and the pages resolve them against the current framework version. Domains are stable, so they are a
  many-to-many to `framework.Domain`.
- `SmallAreaCount` holds Census counts for output areas, LSOAs and MSOAs (for segregation indices).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel


class Unit(models.TextChoices):
    COUNT = "count", _("count of people")
    PERCENT = "percent", _("percentage")
    RATE = "rate", _("rate")
    RANK = "rank", _("rank")
    SCORE = "score", _("score")
    NUMBER = "number", _("number")


class Indicator(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.COUNT)
    source = models.CharField(_("source"), max_length=300, blank=True, help_text=_("The dataset or table."))
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    source_url = models.URLField(_("source link"), blank=True, max_length=500)
    licence = models.CharField(_("licence"), max_length=100, default="Open Government Licence v3.0")
    geography = models.CharField(_("geography"), max_length=300, blank=True)
    period_covered = models.CharField(_("period covered"), max_length=100, blank=True)
    caveats = models.TextField(_("caveats"), blank=True)
    disaggregation = models.CharField(
        _("broken down by"), max_length=60, blank=True, help_text=_("Empty when the indicator is a single figure.")
    )
    theme_codes = models.JSONField(_("themes (codes)"), default=list, blank=True)
    domains = models.ManyToManyField("framework.Domain", verbose_name=_("integration domains"), blank=True)
    importer = models.CharField(_("importer"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("data:indicator_detail", args=[self.code])

    @property
    def disaggregation_label(self) -> str:
        return self.disaggregation.replace("_", " ")


class ObservationStatus(models.TextChoices):
    OK = "ok", _("published figure")
    ESTIMATED = "estimated", _("estimate")
    PROVISIONAL = "provisional", _("provisional")
    SUPPRESSED = "suppressed", _("suppressed by the publisher")
    NOT_AVAILABLE = "not_available", _("not available")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued: waiting for the background worker")
    RUNNING = "running", _("running")
    FAILED = "failed", _("failed, nothing written: it can be tried again")
    APPLIED = "applied", _("applied")
    REJECTED = "rejected", _("rejected, nothing written")
    UNCHANGED = "unchanged", _("already imported, nothing changed")
    NEEDS_CONFIRMATION = "needs_confirmation", _("revises published figures: waiting for confirmation, nothing written")
    CONFIRMED = "confirmed", _("revisions confirmed (see the import that applied them)")
    ROLLED_BACK = "rolled_back", _("rolled back: its figures returned to what they were before")


class Import(models.Model):
    importer = models.CharField(_("importer"), max_length=60)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    release = models.CharField(
        _("release"), max_length=200, blank=True, help_text=_("The publisher's release (vintage), e.g. “mid-2022”.")
    )
    periods = models.CharField(_("periods in the file"), max_length=300, blank=True)
    period_given = models.CharField(
        _("period given by the person importing"),
        max_length=40,
        blank=True,
        help_text=_("Only for layouts without one."),
    )
    place = models.ForeignKey(
        "network.Place",
        verbose_name=_("for the place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when a place's officer imported figures for their own place."),
    )
    revisions_accepted = models.BooleanField(_("revisions confirmed"), default=False)
    revisions = models.JSONField(
        _("revisions waiting for confirmation"), default=list, blank=True, help_text=_("Figures the file would change.")
    )
    pending_file = models.CharField(max_length=500, blank=True, editable=False)
    small_areas_before = models.JSONField(default=list, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("applied by")
    )
    rolled_back_at = models.DateTimeField(_("rolled back at"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rolled back by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=300)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("observations created"), default=0)
    rows_updated = models.PositiveIntegerField(_("observations updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("observations unchanged"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True, help_text=_("e.g. old codes mapped to new."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    duration_s = models.FloatField(_("seconds"), default=0)
    # The run in the background: queued -> running -> an outcome above, or failed (a caught error, or a worker that
    # stopped mid-import: see services.import_check_lost). A failed import keeps its file in `pending_file`.
    task_id = models.CharField(_("background task"), max_length=64, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    failure = models.TextField(_("why it failed"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["importer", "sha256"])]
        constraints = [
            models.UniqueConstraint(
                fields=["importer", "sha256"],
                condition=models.Q(status="applied"),
                name="data_import_unique_applied_checksum",
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.importer}, {self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("data:import_detail", args=[self.pk])

    @property
    def file_kept(self) -> bool:
        """Whether the uploaded file is still on the server (a failed import can then be tried again)."""
        from pathlib import Path

        return bool(self.pending_file) and Path(self.pending_file).is_file()

    @property
    def format_label(self) -> str:
        """The format as its publisher names it (never the internal importer code)."""
        from .importers import BY_NAME

        importer = BY_NAME.get(self.importer)
        return str(importer.label) if importer else ""

    @property
    def summary(self) -> str:
        """The outcome as a sentence."""
        from django.utils.translation import ngettext

        if self.status == ImportStatus.APPLIED or self.status == ImportStatus.ROLLED_BACK:
            parts = []
            if self.rows_created:
                parts.append(
                    ngettext("%(n)s figure was added", "%(n)s figures were added", self.rows_created)
                    % {"n": f"{self.rows_created:,}"}
                )
            if self.rows_updated:
                parts.append(
                    ngettext("%(n)s figure was revised", "%(n)s figures were revised", self.rows_updated)
                    % {"n": f"{self.rows_updated:,}"}
                )
            if self.rows_unchanged:
                parts.append(
                    ngettext("%(n)s was already up to date", "%(n)s were already up to date", self.rows_unchanged)
                    % {"n": f"{self.rows_unchanged:,}"}
                )
            if not parts:
                text = str(_("The file was imported; it held no figures to store."))
            elif len(parts) == 1:
                text = parts[0] + "."
            else:
                text = ", ".join(parts[:-1]) + str(_(" and ")) + parts[-1] + "."
            if self.status == ImportStatus.ROLLED_BACK:
                text += " " + str(_("It has since been rolled back."))
            return text
        if self.status == ImportStatus.NEEDS_CONFIRMATION:
            n = len(self.revisions)
            return ngettext(
                "The file would revise %(n)s figure already published; nothing is written until you confirm.",
                "The file would revise %(n)s figures already published; nothing is written until you confirm.",
                n,
            ) % {"n": f"{n:,}"}
        if self.status == ImportStatus.REJECTED:
            n = len(self.problems)
            return ngettext(
                "The file was not imported because of %(n)s problem; nothing was written.",
                "The file was not imported because of %(n)s problems; nothing was written.",
                n,
            ) % {"n": n}
        if self.status == ImportStatus.CONFIRMED:
            return str(_("The revisions were confirmed and applied by a later import."))
        if self.status == ImportStatus.QUEUED:
            return str(_("The file is waiting for the background worker; nothing is written yet."))
        if self.status == ImportStatus.RUNNING:
            return str(_("The file is being imported; its figures appear all at once when it finishes."))
        if self.status == ImportStatus.FAILED:
            return str(_("The import failed and nothing was written: %(why)s") % {"why": self.failure})
        return str(_("This file had already been imported; nothing was changed."))


class Observation(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area_code = models.CharField(_("area code"), max_length=16)
    area_name = models.CharField(_("area name"), max_length=200, blank=True)
    place = models.ForeignKey(
        "network.Place", on_delete=models.CASCADE, null=True, blank=True, related_name="observations"
    )
    period = models.CharField(_("period"), max_length=40, help_text=_('e.g. "2021", "2024-09-30", "2019/20".'))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"), null=True, blank=True)
    disaggregation = models.CharField(_("broken down by"), max_length=60, blank=True, default="")
    category = models.CharField(_("category"), max_length=250, blank=True, default="")
    value = models.FloatField(_("value"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ObservationStatus.choices, default=ObservationStatus.OK
    )
    flag = models.CharField(_("publisher's symbol"), max_length=8, blank=True, default="")
    source_area_code = models.CharField(
        _("code in the file"), max_length=16, blank=True, default="", help_text=_("Set when an old code was mapped.")
    )
    source_import = models.ForeignKey(
        Import, on_delete=models.SET_NULL, null=True, blank=True, related_name="observations"
    )
    source_row = models.CharField(_("row in the file"), max_length=40, blank=True, default="")
    first_import = models.ForeignKey(
        Import,
        verbose_name=_("import that added it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category_label = models.CharField(_("category (readable)"), max_length=250, blank=True, default="")
    is_subtotal = models.BooleanField(_("subtotal of other categories"), default=False)

    class Meta:
        ordering = ["indicator_id", "area_code", "period_start", "disaggregation", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period", "disaggregation", "category"],
                name="data_observation_unique",
            )
        ]
        indexes = [
            models.Index(fields=["place", "indicator"], name="data_obs_place_ind"),
            models.Index(fields=["indicator", "period"], name="data_obs_ind_period"),
            models.Index(fields=["area_code", "indicator", "period_start"], name="data_obs_area_ind"),
        ]

    def __str__(self) -> str:
        cat = f" [{self.category}]" if self.category else ""
        return f"{self.indicator_id} {self.area_code} {self.period}{cat}: {self.value}"


class RevisionKind(models.TextChoices):
    CHANGED = "changed", _("changed")
    UNCHANGED = "unchanged", _("unchanged")
    ROLLED_BACK = "rolled_back", _("returned to its earlier value by a roll-back")


class ObservationRevision(models.Model):
    """A figure's history: what an import found and did to a figure that already existed (its earlier value and
    the import that had set it stay here when a later release revises it). Figures an import added are the
    observations whose `first_import` is that import."""

    source_import = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="revision_rows")
    observation = models.ForeignKey(
        Observation, on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=RevisionKind.choices)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    area_code = models.CharField(_("area code"), max_length=16)
    area_name = models.CharField(_("area name"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=40)
    disaggregation = models.CharField(max_length=60, blank=True, default="")
    category = models.CharField(max_length=250, blank=True, default="")
    row = models.CharField(_("row in the file"), max_length=40, blank=True, default="")
    old_value = models.FloatField(_("earlier value"), null=True, blank=True)
    old_status = models.CharField(max_length=20, blank=True, default="")
    old_flag = models.CharField(max_length=8, blank=True, default="")
    old_import = models.ForeignKey(
        Import,
        verbose_name=_("import that set the earlier value"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    new_value = models.FloatField(_("new value"), null=True, blank=True)
    new_status = models.CharField(max_length=20, blank=True, default="")
    new_flag = models.CharField(max_length=8, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_import_id", "pk"]
        indexes = [models.Index(fields=["source_import", "kind"], name="data_rev_import_kind")]

    def __str__(self) -> str:
        return f"{self.area_code} {self.period} {self.category}: {self.old_value} -> {self.new_value}"


class AreaLevel(models.TextChoices):
    OA = "oa", _("output area")
    LSOA = "lsoa", _("lower layer super output area (LSOA)")
    MSOA = "msoa", _("middle layer super output area (MSOA)")


class SmallAreaCount(models.Model):
    """A Census count for one small area and category (e.g. MSOA E02003012, born outside the UK, 1234).

    `la_code` is the 2021 local authority the area lies in; `parent_code` its immediate parent (OA -> LSOA ->
    MSOA -> LA) where the file says so. `variable` names the table/classification, e.g. "country_of_birth_3a",
    "migrant_indicator", "english_proficiency".
    """

    area_code = models.CharField(_("area code"), max_length=12)
    area_name = models.CharField(_("area name"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=4, choices=AreaLevel.choices)
    parent_code = models.CharField(_("parent area code"), max_length=12, blank=True)
    la_code = models.CharField(_("local authority code"), max_length=12)
    variable = models.CharField(_("variable"), max_length=60)
    category = models.CharField(_("category"), max_length=100)
    count = models.IntegerField(_("count"))
    period = models.CharField(_("period"), max_length=20, default="2021")
    source_import = models.ForeignKey(Import, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variable", "area_code", "category"], name="data_smallarea_unique")
        ]
        indexes = [models.Index(fields=["la_code", "variable", "level"], name="data_small_la_var_lvl")]

    def __str__(self) -> str:
        return f"{self.area_code} {self.variable}/{self.category}: {self.count}"
