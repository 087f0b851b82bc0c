"""Write the shipped asylum-support figures back into the Home Office's own workbook layout (a test fixture).

The Home Office publishes "Asylum seekers in receipt of support" (immigration system statistics, table Asy_D11)
as an .xlsx with a cover sheet, a notes sheet and a data sheet `Data_Asy_D11` whose header row (Date, Year,
Quarter, Support Type, UK Region, Local Authority, LAD Code, Accommodation Type, People) follows a title line.
The repository has the figures only as humaniverse/asylum's CSV copy of that data sheet, so this script rebuilds
the workbook for six councils, rows unchanged. Run from the repository root:

    python scripts/data/make_homeoffice_asy_d11_fixture.py
"""

import csv
import gzip
import io
from pathlib import Path

import openpyxl

FILES = Path("inclusive_cities/data/files")
SOURCE = FILES / "asylum_support_by_la_2014_2024.csv.gz"
TARGET = FILES / "homeoffice_asylum_support_asy_d11_subset.xlsx"
PLACES = {"E06000023", "E08000012", "W06000015", "E09000030", "E06000016", "S12000049"}


def main() -> None:
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(SOURCE.read_bytes()).decode("utf-8-sig"))))
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Cover_sheet"
    cover.append(["Asylum seekers in receipt of support, by local authority (Asy_D11)"])
    cover.append(["Immigration system statistics, year ending September 2024"])
    cover.append(["Source: Home Office. Subset of six local authorities rebuilt from the published data sheet."])
    notes = wb.create_sheet("Notes")
    notes.append(["Note number", "Note text"])
    notes.append([1, "Counts are of people in receipt of support at the end of each quarter."])
    data = wb.create_sheet("Data_Asy_D11")
    data.append(["Asy_D11: Asylum seekers in receipt of support by local authority, as at the end of each quarter"])
    header = list(rows[0].keys())
    data.append(header)
    for r in rows:
        if r["LAD Code"] in PLACES:
            values = [
                int(r[c]) if c in ("Year", "Quarter") or (c == "People" and r[c].isdigit()) else r[c] for c in header
            ]
            data.append(values)
    wb.save(TARGET)


if __name__ == "__main__":
    main()
