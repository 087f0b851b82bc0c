"""Write the shipped resettlement figures back into the Home Office's own workbook layout (a test fixture).

The Home Office publishes "Resettlement by local authority" (immigration system statistics, detailed table
Res_D01) as an .xlsx with a cover sheet, a contents sheet, a notes sheet and a data sheet `Data_Res_D01` whose
header row follows a title line. The repository has the figures only as humaniverse/asylum's CSV copy of that
data sheet (with an added `Date` column and the quarter as a bare number), so this script rebuilds the
workbook for seven councils: the rows are unchanged, except that the Date column is dropped and the quarter is
written as the Home Office writes it ("2019 Q3"). Run from the repository root:

    python scripts/data/make_homeoffice_res_d01_fixture.py
"""

import csv
from pathlib import Path

import openpyxl

FILES = Path("inclusive_cities/data/files")
SOURCE = FILES / "resettlement_by_la_2014_2024.csv"
TARGET = FILES / "homeoffice_resettlement_res_d01_subset.xlsx"
# Bradford, Coventry, Bristol, Sheffield, Leeds, City of Edinburgh, and Glasgow under its pre-2018 code.
PLACES = {"E08000032", "E08000026", "E06000023", "E08000019", "E08000035", "S12000036", "S12000046"}
HEADER = ["Year", "Quarter", "UK Region", "LAD Code", "Local Authority", "Resettlement Scheme", "Persons"]


def main() -> None:
    with SOURCE.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["LAD Code"] in PLACES]
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Cover_sheet"
    cover.append(["Resettlement by local authority (Res_D01)"])
    cover.append(["Immigration system statistics, year ending September 2024"])
    cover.append(["Source: Home Office. Subset of seven local authorities rebuilt from the published data sheet."])
    contents = wb.create_sheet("Contents")
    contents.append(["Sheet", "Title"])
    contents.append(["Notes", "Notes on the data"])
    contents.append(["Data_Res_D01", "Resettlement by local authority and scheme"])
    notes = wb.create_sheet("Notes")
    notes.append(["Note number", "Note text"])
    notes.append([1, "Counts are of people arriving in the quarter under a resettlement scheme."])
    data = wb.create_sheet("Data_Res_D01")
    data.append(["Res_D01: Resettlement by local authority, arrivals in each quarter"])
    data.append(HEADER)
    for r in rows:
        data.append(
            [
                int(r["Year"]),
                f"{r['Year']} Q{r['Quarter']}",
                r["UK Region"],
                r["LAD Code"],
                r["Local Authority"],
                r["Resettlement Scheme"],
                int(r["Persons"]) if r["Persons"].isdigit() else r["Persons"],
            ]
        )
    wb.save(TARGET)


if __name__ == "__main__":
    main()
