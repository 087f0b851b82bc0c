"""Write the shipped mid-year population figures back into ONS's own workbook layout (test fixtures).

ONS publishes "Population estimates for the UK, England, Wales, Scotland and Northern Ireland" (mid-2022:
mye22final.xlsx; mid-2023: mye23tablesuk.xlsx; https://www.ons.gov.uk/peoplepopulationandcommunity/
populationandmigration/populationestimates/datasets/populationestimatesforukenglandandwalesscotlandandnorthernireland)
as a workbook with Cover, Contents and Notes sheets and tables MYE1 to MYE5. Its sheet `MYE2 - Persons` has title
and note lines on rows 1 to 7 and, on row 8, the header `Code, Name, Geography, All ages, 0, 1, ..., 89, 90+`; the
first data row (the United Kingdom, K02000001) is row 9. The repository has the figures only as CSV copies of the
first four columns, so this script rebuilds the sheet with those four columns and every row, unchanged. The age
columns are left out because the copies do not have them (no figure is invented); the title, cover and notes text
is ours. Run from the repository root:

    python scripts/data/make_ons_mye_workbook_fixtures.py
"""

import csv
from pathlib import Path

import openpyxl

FILES = Path("inclusive_cities/data/files")
EDITIONS = [
    (
        "ons_mye_mid2022_population_uk_la.csv",
        "ons_mye_mid2022_mye2_persons_uk.xlsx",
        "Population estimates for the UK, England, Wales, Scotland and Northern Ireland: mid-2022",
        "the UK",
        "mid-2022",
    ),
    (
        "ons_mye_mid2023_population_ew_la.csv",
        "ons_mye_mid2023_mye2_persons_ew.xlsx",
        "Population estimates for England and Wales: mid-2023",
        "England and Wales",
        "mid-2023",
    ),
]
NOTE = (
    "Test copy rebuilt by the Inclusive Cities platform from the all-ages figures of the CSV copy named in "
    "inclusive_cities/data/files/SOURCES.md; ONS's sheet also has one column per year of age (0 to 89, 90+)."
)


def build(source: str, target: str, release: str, where: str, period: str) -> None:
    rows = list(csv.reader((FILES / source).open(encoding="utf-8-sig", newline="")))
    header, body = rows[0], rows[1:]
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Cover"
    cover.append([release])
    cover.append(
        ["Annual estimates of the usually resident population on 30 June, by administrative area, age and sex."]
    )
    cover.append([NOTE])
    contents = wb.create_sheet("Contents")
    contents.append(["Table of contents"])
    contents.append(["Worksheet", "Description"])
    contents.append(["MYE2 - Persons", f"Population estimates by administrative area, persons, {period}"])
    notes = wb.create_sheet("Notes")
    notes.append(["Notes"])
    notes.append(["Note number", "Note text"])
    notes.append(["Note 1", "Figures may not add exactly because of rounding."])
    data = wb.create_sheet("MYE2 - Persons")
    data.append([f"MYE2 - Persons: population estimates by administrative area, {where}, {period}"])
    data.append(["This worksheet contains one table."])
    data.append([NOTE])
    data.append(["Source: Office for National Statistics"])
    data.append(["Units: number of people"])
    data.append(["Geography: administrative areas"])
    data.append([])
    data.append(["Code", "Name", "Geography", "All ages"])
    assert header[:3] == ["Code", "Name", "Geography"], header
    for code, name, geography, people in body:
        data.append([code, name, geography, int(people)])
    wb.save(FILES / target)


if __name__ == "__main__":
    for edition in EDITIONS:
        build(*edition)
