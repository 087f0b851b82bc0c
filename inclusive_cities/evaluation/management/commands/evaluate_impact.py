"""Estimate an effect from a panel file or the platform's observations; prints one JSON object.

python manage.py evaluate_impact --panel FILE.csv --unit COL --time COL --outcome COL --cohort COL --method did
python manage.py evaluate_impact --indicator CODE [--category C] --treated CODE:YEAR[,...] --method twfe
"""

import json
from pathlib import Path

import pandas as pd
from django.core.management.base import BaseCommand, CommandError

from inclusive_cities.evaluation import estimators
from inclusive_cities.evaluation.panel import PanelInputs, build_panel, parse_treated

MAX_PANEL_BYTES = 50 * 1024 * 1024
KEYS = (
    "method",
    "att",
    "ci_low",
    "ci_high",
    "p_value",
    "n_units",
    "n_treated",
    "n_periods",
    "pre_trend_p",
    "evidence_level",
    "event_study",
    "weights",
    "summary",
)


class Command(BaseCommand):
    help = "Estimate an impact (two-way fixed effects, staggered DiD, synthetic control, before-after); prints JSON."

    def add_arguments(self, parser):
        parser.add_argument("--panel", help="CSV file: one row per unit and period")
        parser.add_argument("--unit", default="unit")
        parser.add_argument("--time", default="time")
        parser.add_argument("--outcome", default="y")
        parser.add_argument("--cohort", default="cohort", help="first treated period; empty or 0 if never treated")
        parser.add_argument("--indicator", help="an indicator code from the catalogue, instead of --panel")
        parser.add_argument("--category", default="")
        parser.add_argument("--treated", help="CODE:YEAR[,CODE:YEAR...] with --indicator")
        parser.add_argument("--pool", default="all", choices=["all", "nation", "region", "similar"])
        parser.add_argument("--method", required=True, choices=list(estimators.METHODS))
        parser.add_argument("--format", default="json", choices=["json"])

    def handle(self, *args, **o):
        try:
            panel = self._panel(o)
            result = estimators.estimate(panel, o["method"])
        except estimators.PanelError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps({k: result.get(k) for k in KEYS}, indent=2))

    def _panel(self, o):
        if bool(o["panel"]) == bool(o["indicator"]):
            raise CommandError("Give either --panel FILE.csv or --indicator CODE --treated CODE:YEAR, not both.")
        if o["panel"]:
            path = Path(o["panel"])
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            if path.stat().st_size > MAX_PANEL_BYTES:
                raise CommandError(f"{path} is larger than {MAX_PANEL_BYTES // 1024 // 1024} MB.")
            try:
                df = pd.read_csv(path, dtype=str, keep_default_na=False)
            except (pd.errors.ParserError, UnicodeDecodeError) as exc:
                raise CommandError(f"{path} is not a readable CSV file: {exc}") from exc
            return estimators.validate_panel(
                df, unit=o["unit"], time=o["time"], outcome=o["outcome"], cohort=o["cohort"]
            )
        from inclusive_cities.data.models import Indicator

        indicator = Indicator.objects.filter(code=o["indicator"]).first()
        if indicator is None:
            raise CommandError(f'No indicator with code "{o["indicator"]}" in the catalogue.')
        if not o["treated"]:
            raise CommandError("--indicator needs --treated CODE:YEAR[,CODE:YEAR...].")
        inputs = PanelInputs(
            indicator=indicator, category=o["category"], treated=parse_treated(o["treated"]), pool=o["pool"]
        )
        panel = build_panel(inputs)
        return estimators.validate_panel(panel, unit="unit", time="time", outcome="y", cohort="cohort")
