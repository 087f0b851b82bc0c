"""ONS Local Area Migration Indicators (LAMIS), 2021 edition: the long CSV and the original workbook."""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext_lazy as _

from .base import FileProblem, Importer, Obs, Problem, Table, is_xlsx, lamis_period, parse_value, ragged, sheet_rows

LAMIS_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/migrationwithintheuk/datasets/"
    "localareamigrationindicatorsunitedkingdom"
)
GEO = "Local authorities (2021 boundaries), counties, regions and nations of the UK"
APS_CAVEAT = (
    "Annual Population Survey estimates (thousands) with a 95% confidence interval: small areas have wide "
    "intervals. The survey covers people in households only, so it misses people in hotels, hostels and other "
    "communal establishments and is likely to undercount recent migrants and asylum seekers (seed 002, section "
    "7.2). Northern Ireland is available at country level only."
)
COB = "Country of birth is not citizenship (seed 002, section 7.2)."

# (sheet indicator, measure) -> indicator code, name, unit, definition, caveat, themes, domains
MEASURES = {
    ("migration_flows", "ltim_inflow"): (
        "lamis-long-term-international-inflow",
        "Long-term international migration: inflow",
        "count",
        "Estimated people arriving from abroad to live in the area for at least a year, mid-year to mid-year.",
        "Modelled estimates; revised methods since 2021 are not reflected.",
        ["T2", "T4"],
        ["ho-stability"],
    ),
    ("migration_flows", "ltim_outflow"): (
        "lamis-long-term-international-outflow",
        "Long-term international migration: outflow",
        "count",
        "Estimated people leaving the area to live abroad for at least a year, mid-year to mid-year.",
        "Modelled estimates.",
        ["T4"],
        ["ho-stability"],
    ),
    ("migration_flows", "internal_inflow"): (
        "lamis-internal-inflow",
        "Internal migration: inflow",
        "count",
        "People moving into the area from elsewhere in the UK, mid-year to mid-year.",
        "Based on administrative registers (GP, HESA).",
        ["T4"],
        [],
    ),
    ("migration_flows", "internal_outflow"): (
        "lamis-internal-outflow",
        "Internal migration: outflow",
        "count",
        "People moving out of the area to elsewhere in the UK, mid-year to mid-year.",
        "Based on administrative registers.",
        ["T4"],
        [],
    ),
    ("migration_flows", "population"): (
        "lamis-mid-year-population",
        "Mid-year population (as published with LAMIS)",
        "count",
        "Mid-year resident population estimate given alongside the migration flows.",
        "Estimates from before the 2021 Census; later rebased estimates differ.",
        ["T4"],
        [],
    ),
    ("short_term_migration_inflows", "stim_inflow"): (
        "lamis-short-term-international-inflow",
        "Short-term international migration: inflow",
        "count",
        "Estimated people arriving for 3 to 12 months, mid-year to mid-year (England and Wales).",
        "Modelled estimates; the last year is provisional.",
        ["T2"],
        [],
    ),
    ("short_term_migration_inflows", "population"): (
        "lamis-stim-population",
        "Mid-year population (short-term migration sheet)",
        "count",
        "Mid-year population given alongside the short-term inflows.",
        "",
        ["T4"],
        [],
    ),
    ("non_uk_born_population", "non_uk_born"): (
        "lamis-non-uk-born-population",
        "Population born outside the UK (APS)",
        "count",
        "Estimated residents born outside the UK, calendar year, from the Annual Population Survey.",
        f"{APS_CAVEAT} {COB}",
        ["T1", "T3", "T4"],
        ["ho-bonds", "ho-bridges"],
    ),
    ("non_uk_born_population", "ci_95_plus_minus"): (
        "lamis-non-uk-born-population-ci",
        "Population born outside the UK: 95% confidence interval (±)",
        "count",
        "Half-width of the 95% confidence interval of the APS estimate of residents born outside the UK.",
        APS_CAVEAT,
        ["T4"],
        [],
    ),
    ("non_uk_born_population", "resident_population"): (
        "lamis-aps-resident-population",
        "Resident population (APS)",
        "count",
        "Resident population the APS estimates are based on, calendar year.",
        APS_CAVEAT,
        ["T4"],
        [],
    ),
    ("non_british_population", "non_british"): (
        "lamis-non-british-population",
        "Population with non-British nationality (APS)",
        "count",
        "Estimated residents who are not British nationals, calendar year, from the Annual Population Survey.",
        f"{APS_CAVEAT} Nationality is not country of birth.",
        ["T5"],
        ["ho-rights"],
    ),
    ("non_british_population", "ci_95_plus_minus"): (
        "lamis-non-british-population-ci",
        "Population with non-British nationality: 95% confidence interval (±)",
        "count",
        "Half-width of the 95% confidence interval of the APS estimate of non-British residents.",
        APS_CAVEAT,
        ["T5"],
        [],
    ),
    ("non_british_population", "resident_population"): (
        "lamis-aps-resident-population-nationality",
        "Resident population (APS, nationality sheet)",
        "count",
        "Resident population given with the nationality estimates.",
        APS_CAVEAT,
        ["T4"],
        [],
    ),
    ("nino_registrations", "nino_registrations"): (
        "lamis-nino-registrations",
        "National Insurance number registrations of adult overseas nationals",
        "count",
        "New NINo registrations to adults from overseas, calendar year, by the area of their address.",
        "Counts people when they register to work or claim benefits, not when they arrive; people who do not work or claim are missing, and leaving is not recorded.",
        ["T2"],
        ["ho-work"],
    ),
    ("nino_registrations", "population_16_64"): (
        "lamis-population-16-64",
        "Population aged 16 to 64",
        "count",
        "Mid-year population aged 16 to 64 given with the NINo registrations.",
        "",
        ["T2"],
        [],
    ),
    ("gp_registrations", "gp_registrations_new_migrant"): (
        "lamis-gp-registrations-new-migrants",
        "New GP registrations of migrants",
        "count",
        "Patients registering with a GP for the first time who were previously living abroad (flag 4), mid-year to mid-year.",
        "Only people who register with a GP are counted; England, Wales and Northern Ireland (Scotland ':' not available).",
        ["T4"],
        ["ho-health"],
    ),
    ("gp_registrations", "population"): (
        "lamis-gp-population",
        "Mid-year population (GP registrations sheet)",
        "count",
        "Mid-year population given with the GP registrations.",
        "",
        ["T4"],
        [],
    ),
    ("births_to_non_uk_born_mothers", "live_births_all"): (
        "lamis-live-births",
        "Live births",
        "count",
        "All live births to mothers usually resident in the area, calendar year.",
        "",
        ["T4"],
        ["ho-health"],
    ),
    ("births_to_non_uk_born_mothers", "live_births_non_uk_born_mother"): (
        "lamis-births-non-uk-born-mothers",
        "Live births to mothers born outside the UK",
        "count",
        "Live births to mothers born outside the UK, calendar year.",
        COB,
        ["T4"],
        ["ho-health"],
    ),
    ("births_to_non_uk_born_mothers", "pct_live_births_non_uk_born_mother"): (
        "lamis-births-non-uk-born-mothers-pct",
        "Share of live births to mothers born outside the UK",
        "percent",
        "Percentage of live births to mothers born outside the UK, calendar year.",
        COB,
        ["T4"],
        ["ho-health"],
    ),
}


def _indicators():
    out = {}
    for i, (code, name, unit, definition, caveat, themes, domains) in enumerate(MEASURES.values()):
        out[code] = {
            "name": name,
            "definition": definition,
            "unit": unit,
            "source": "ONS Local area migration indicators, UK (2021 edition)",
            "source_url": LAMIS_URL,
            "geography": GEO,
            "period_covered": "2008 to 2020 (varies by indicator)",
            "caveats": caveat,
            "theme_codes": themes,
            "domains": domains,
            "order": 100 + i,
        }
    return out


INDICATORS = _indicators()


def lamis_obs(row: int, indicator: str, measure: str, code: str, name: str, period: str, value, flag: str):
    """The observation for one LAMIS cell, or a Problem."""
    spec = MEASURES.get((indicator, measure))
    if spec is None:
        return Problem(row, _("Unknown LAMIS indicator/measure “%(i)s / %(m)s”.") % {"i": indicator, "m": measure})
    p = lamis_period(period or "")
    if p is None:
        return None  # rows with no period (the workbook's "None" column) carry no figure for a period: skipped
    parsed = parse_value(value)
    if parsed is None:
        return Problem(row, _("“%(value)s” in column “value” is not a number or a known symbol.") % {"value": value})
    v, status, symbol = parsed
    flag = (flag or "").strip()
    if flag == "p" and v is not None:
        status = "provisional"
    elif flag and v is None:
        status = "suppressed" if flag == "c" else "not_available"
    elif flag == "0~":
        status = "estimated"
    return Obs(
        indicator=spec[0],
        area_code=code.strip(),
        area_name=name,
        period=p[0],
        period_start=p[1],
        period_end=p[2],
        value=v,
        status=status,
        flag=flag or symbol,
        row=row,
    )


class LamisLong(Importer):
    name = "lamis_long"
    period_source = _("the column “period”")
    label = _("ONS local area migration indicators 2021 (long CSV)")
    publisher = "Office for National Statistics"
    required = ("indicator", "area_code", "area_name", "period", "measure", "value", "flag")
    indicators = INDICATORS

    def records(self, table, ctx):
        for row, r in table.rows:
            if p := ragged(row, r):
                yield p
                continue
            o = lamis_obs(
                row, r["indicator"], r["measure"], r["area_code"], r["area_name"], r["period"], r["value"], r["flag"]
            )
            if o is not None:
                yield o


# The workbook: sheet name -> (indicator key, {column header start: measure})
SHEETS = {
    "Migration Flows": "migration_flows",
    "Short-Term Migration Inflows": "short_term_migration_inflows",
    "Non-UK Born Population": "non_uk_born_population",
    "Non-British Population": "non_british_population",
    "NINo Registrations": "nino_registrations",
    "GP Registrations": "gp_registrations",
    "Births to Non-UK Born Mothers": "births_to_non_uk_born_mothers",
}

CODE_RE = re.compile(r"^[EWSNK]\d{8}$")


def workbook_measure(sheet: str, group: str, head: str) -> str | None:
    h, g = (head or "").lower(), (group or "").lower()
    if "population estimate" in h:
        return "population_16_64" if "16 to 64" in h else "population"
    if "resident population" in h:
        return "resident_population"
    if "ci +/-" in h:
        return "ci_95_plus_minus"
    if "inflow" == h.strip() or "outflow" == h.strip():
        kind = "ltim" if "long-term" in g else "internal" if "internal" in g else None
        return f"{kind}_{h.strip()}" if kind else None
    if "short-term" in h:
        return "stim_inflow"
    if "non-uk born estimate" in h:
        return "non_uk_born"
    if "non-british estimate" in h:
        return "non_british"
    if "nino" in h:
        return "nino_registrations"
    if "gp registrations" in h:
        return "gp_registrations_new_migrant"
    if "all live births" in h:
        return "live_births_all"
    if "percentage" in h:
        return "pct_live_births_non_uk_born_mother"
    if "mothers born outside" in h:
        return "live_births_non_uk_born_mother"
    return None


class LamisWorkbook(Importer):
    """The original ONS workbook (2021lamistables.xlsx): one sheet per indicator, periods across the columns."""

    name = "lamis_workbook"
    period_source = _("the period row above each sheet's table")
    label = _("ONS local area migration indicators 2021 (original xlsx workbook)")
    publisher = "Office for National Statistics"
    indicators = INDICATORS

    def _open(self, content: bytes):
        import openpyxl

        try:
            return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise FileProblem(_("The spreadsheet cannot be opened: %(error)s") % {"error": exc}) from exc

    def recognise_workbook(self, content: bytes) -> bool:
        wb = self._open(content)
        try:
            return {"Migration Flows", "Non-UK Born Population"} <= set(wb.sheetnames)
        finally:
            wb.close()

    def read(self, content: bytes) -> Table:
        if not is_xlsx(content):
            raise FileProblem(_("The LAMIS workbook importer reads .xlsx spreadsheets."))
        wb = self._open(content)
        table = Table(header=["sheet", "row", "indicator", "area_code", "area_name", "period", "measure", "value"])
        try:
            missing = [sheet for sheet in SHEETS if sheet not in wb.sheetnames]
            if missing:
                raise FileProblem(
                    _("The workbook has no sheet named %(sheets)s: it is not the ONS workbook as published.")
                    % {"sheets": ", ".join(f"“{name}”" for name in missing)}
                )
            for sheet, indicator in SHEETS.items():
                rows = sheet_rows(wb[sheet], sheet)
                header_at = next((i for i, r in enumerate(rows) if r and r[0] == "Area Code"), None)
                if header_at is None:
                    raise FileProblem(
                        _("The sheet “%(sheet)s” has no header row starting with “Area Code”.") % {"sheet": sheet}
                    )
                heads = rows[header_at]
                groups = self._filled(rows[header_at - 1]) if header_at >= 1 else [None] * len(heads)
                period_row = next(
                    (rows[j] for j in range(header_at - 1, -1, -1) if any(lamis_period(str(c or "")) for c in rows[j])),
                    None,
                )
                periods = self._filled(period_row or (), backfill_first=True)
                for n, r in enumerate(rows[header_at + 1 :], start=header_at + 2):
                    if not r or not isinstance(r[0], str) or not r[0].strip():
                        continue
                    # Notes under the table are text only; a row with figures whose code is malformed is kept, so
                    # that the import reports it (an unknown area code, with its row) instead of dropping it.
                    has_figures = any(isinstance(c, (int, float)) for c in r[2:])
                    if not CODE_RE.match(r[0].strip()) and not has_figures:
                        continue
                    for col in range(2, min(len(r), len(heads))):
                        group = groups[col] if col < len(groups) else ""
                        measure = workbook_measure(sheet, group, heads[col] or group)
                        period = periods[col] if col < len(periods) else None
                        if measure is None or not period:
                            continue
                        table.rows.append(
                            (
                                f"{sheet}!{n}",
                                {
                                    "sheet": sheet,
                                    "indicator": indicator,
                                    "area_code": r[0],
                                    "area_name": r[1] or "",
                                    "period": str(period).strip(),
                                    "measure": measure,
                                    "value": r[col],
                                },
                            )
                        )
        finally:
            wb.close()
        return table

    @staticmethod
    def _filled(row, backfill_first: bool = False) -> list:
        out, last = [], None
        for c in row:
            if c not in (None, "") and str(c).strip():
                last = str(c).strip()
            out.append(last)
        if backfill_first:
            for i in range(len(out)):
                if out[i] is None:
                    nxt = next((v for v in out[i:] if v is not None), None)
                    out[i] = nxt
                else:
                    break
        return out

    def records(self, table, ctx):
        for row, r in table.rows:
            value, flag = r["value"], ""
            if isinstance(value, str) and value.strip() in (":", "c", ".", "0~", "x", ".."):
                flag = value.strip()
            o = lamis_obs(row, r["indicator"], r["measure"], r["area_code"], r["area_name"], r["period"], value, flag)
            if isinstance(o, Problem):
                o.message = f"{r['sheet']}: {o.message}"
            if o is not None:
                yield o
