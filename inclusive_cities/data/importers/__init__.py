"""One importer per publisher format. `IMPORTERS` is ordered: the first whose columns match reads the file."""

from __future__ import annotations

from .base import Importer
from .census import CensusTopicPercentages, CountryOfBirthDetailed, EnglishProficiency, MigrantIndicator
from .homeoffice import AsylumSupport, AsylumSupportWorkbook, Resettlement, ResettlementWorkbook
from .iod import IoD2019, IoD2025, IoDWorkbook
from .lamis import LamisLong, LamisWorkbook
from .nomis import NomisCensus
from .population import MidYear2022, MidYear2023, MidYearWorkbook
from .quiz import CensusQuiz
from .scotland import ScotlandCensusOA
from .smallareas import CountryOfBirthSmallAreas, EnglishProficiencyMsoa, MigrantIndicatorMsoa

IMPORTERS: list[Importer] = [
    CountryOfBirthDetailed(),
    CensusTopicPercentages(),
    MigrantIndicatorMsoa(),
    EnglishProficiencyMsoa(),
    MigrantIndicator(),
    EnglishProficiency(),
    CountryOfBirthSmallAreas(),
    CensusQuiz(),
    LamisWorkbook(),
    LamisLong(),
    MidYear2022(),
    MidYear2023(),
    MidYearWorkbook(),
    AsylumSupport(),
    AsylumSupportWorkbook(),
    Resettlement(),
    ResettlementWorkbook(),
    IoD2019(),
    IoD2025(),
    IoDWorkbook(),
    NomisCensus(),
    ScotlandCensusOA(),
]
BY_NAME = {i.name: i for i in IMPORTERS}


def all_indicator_definitions() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for imp in IMPORTERS:
        for code, spec in imp.indicators.items():
            out.setdefault(code, {**spec, "publisher": spec.get("publisher") or imp.publisher, "importer": imp.name})
    return out
