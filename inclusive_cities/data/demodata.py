"""Demo content for the data app: every publisher's file shipped in data/files, imported through the importers.

Idempotent: a file whose checksum an importer has already applied is skipped, so a second run changes nothing
(and leaves any edits to catalogue entries alone). All values are the publishers' own; nothing is illustrative.
"""

from __future__ import annotations

import time
from pathlib import Path

from . import services
from .models import ImportStatus

FILES = Path(__file__).resolve().parent / "files"

# (file, importer) in the order they are loaded. The reshaped mid-year CSVs carry no period: the loader says it.
PERIODS = {"ons_mye_mid2022_population_uk_la.csv": "mid-2022", "ons_mye_mid2023_population_ew_la.csv": "mid-2023"}
DEMO_FILES = [
    ("ons_mye_mid2022_population_uk_la.csv", "ons_mye_2022_uk"),
    ("ons_mye_mid2023_population_ew_la.csv", "ons_mye_2023_ew"),
    ("census2021_migration_topics_ltla_percentages.csv.gz", "census2021_topics_pct"),
    ("census2021_ts012_country_of_birth_detailed_ltla.csv.gz", "census2021_ts012"),
    ("census2021_ts019_migrant_indicator_ltla_summed_from_msoa.csv", "census2021_ts019_ltla"),
    ("census2021_ts029_english_proficiency_ltla_summed_from_msoa.csv", "census2021_ts029_ltla"),
    ("ons_census2021_quiz_indicators_ltla.csv", "ons_census2021_quiz"),
    ("census2021_ts004_country_of_birth_3a_msoa_la_ew.csv.gz", "census2021_ts004_small_areas"),
    ("census2021_ts004_country_of_birth_oa_lsoa_msoa_8cities.csv.gz", "census2021_ts004_small_areas"),
    ("census2021_ts019_migrant_indicator_msoa.csv.gz", "census2021_ts019_msoa"),
    ("census2021_ts029_english_proficiency_msoa.csv.gz", "census2021_ts029_msoa"),
    ("ons_lamis_2021lamistables.xlsx", "lamis_workbook"),
    ("asylum_support_by_la_2014_2024.csv.gz", "homeoffice_asylum_support"),
    ("resettlement_by_la_2014_2024.csv", "homeoffice_resettlement"),
    ("mhclg_iod2019_lad_summaries.csv", "mhclg_iod2019_lad"),
    ("mhclg_iod2025_lad_summaries.csv", "mhclg_iod2025_lad"),
]


def load() -> str:
    started = time.perf_counter()
    applied, skipped, created, failed = 0, 0, 0, []
    for file_name, importer in DEMO_FILES:
        content = (FILES / file_name).read_bytes()
        if services.already_imported(content=content, importer_name=importer):
            skipped += 1
            continue
        record = services.import_file(
            content=content, file_name=file_name, importer_name=importer, period=PERIODS.get(file_name, "")
        )
        if record.status == ImportStatus.APPLIED:
            applied += 1
            created += record.rows_created
        else:
            failed.append(f"{file_name}: {record.problems[:1]}")
    summary = (
        f"{applied} files imported ({created} records), {skipped} already imported, "
        f"in {time.perf_counter() - started:.1f} s"
    )
    if failed:
        summary += "; FAILED: " + "; ".join(failed)
    return summary
