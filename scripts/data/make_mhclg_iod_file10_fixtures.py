"""Write the shipped indices of deprivation district summaries back into MHCLG's own workbook layout (fixtures).

MHCLG publishes the English Indices of Deprivation "File 10: local authority district summaries (lower-tier)"
(IoD2019: File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx; IoD2025: File_10_-_IoD2025_Local_
Authority_District_Summaries__lower-tier_.xlsx; https://www.gov.uk/government/collections/english-indices-of-
deprivation) with a Notes sheet and then one sheet per domain (IMD, Income, Employment, Education, Health, Crime,
Barriers, Living, IDACI, IDAOPI). Each domain sheet has its header on row 1 and the districts below it; columns A to
H are the district code and name ("Local Authority District code (2019)"; "(2024)" in IoD2025), then
"<domain> - Average rank", "- Rank of average rank", "- Average score", "- Rank of average score", "- Proportion of
LSOAs in most deprived 10% nationally" and "- Rank of proportion of LSOAs in most deprived 10% nationally". The
repository has these figures only as Trafford Data Lab's long CSV copies (which read columns A to H of sheets 2 to
11), so this script writes them back, every district and every figure unchanged. The IMD sheet's extent and local
concentration columns and the Income and Employment scale columns are left out because the copies do not have them;
the IMD sheet's headers keep the trailing space the published file has; the Notes text is ours. Run from the
repository root:

    python scripts/data/make_mhclg_iod_file10_fixtures.py
"""

import csv
from pathlib import Path

import openpyxl

FILES = Path("inclusive_cities/data/files")
SHEETS = {  # sheet -> the prefix of its column headers
    "IMD": "IMD",
    "Income": "Income",
    "Employment": "Employment",
    "Education": "Education, Skills and Training",
    "Health": "Health Deprivation and Disability",
    "Crime": "Crime",
    "Barriers": "Barriers to Housing and Services",
    "Living": "Living Environment",
    "IDACI": "IDACI",
    "IDAOPI": "IDAOPI",
}
MEASURES = [
    ("average_rank", "Average rank", float),
    ("rank_average_rank", "Rank of average rank", int),
    ("average_score", "Average score", float),
    ("rank_average_score", "Rank of average score", int),
    ("proportion_bottom_decile", "Proportion of LSOAs in most deprived 10% nationally", float),
    ("rank_proportion_bottom_decile", "Rank of proportion of LSOAs in most deprived 10% nationally", int),
]
EDITIONS = [
    # source, target, edition, boundary year, code column, name column, the copy's domain name per sheet
    (
        "mhclg_iod2019_lad_summaries.csv",
        "mhclg_iod2019_file10_lad_summaries.xlsx",
        2019,
        2019,
        "lad19cd",
        "lad19nm",
        [
            "Index of Multiple Deprivation",
            "Income",
            "Employment",
            "Education, Skills and Training",
            "Health and Disability",
            "Crime",
            "Barriers to Housing and Services",
            "Living Environment",
            "Income Deprivation Affecting Children",
            "Income Deprivation Affecting Older People",
        ],
    ),
    (
        "mhclg_iod2025_lad_summaries.csv",
        "mhclg_iod2025_file10_lad_summaries.xlsx",
        2025,
        2024,
        "area_code",
        "area_name",
        [
            "Index of Multiple Deprivation",
            "Income Deprivation",
            "Employment Deprivation",
            "Education, Skills and Training Deprivation",
            "Health Deprivation and Disability",
            "Crime",
            "Barriers to Housing and Services",
            "Living Environment Deprivation",
            "Income Deprivation Affecting Children",
            "Income Deprivation Affecting Older People",
        ],
    ),
]


def build(source, target, edition, boundary, code_column, name_column, domains) -> None:
    rows = list(csv.DictReader((FILES / source).open(encoding="utf-8-sig", newline="")))
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes.append([f"English Indices of Deprivation {edition}: File 10, local authority district summaries"])
    notes.append(
        [
            "Test copy rebuilt by the Inclusive Cities platform from the long CSV copy named in "
            "inclusive_cities/data/files/SOURCES.md (columns A to H of each domain sheet)."
        ]
    )
    notes.append([f"Districts are those of {boundary}. Rank 1 is the most deprived."])
    for (sheet, prefix), domain in zip(SHEETS.items(), domains, strict=True):
        ws = wb.create_sheet(sheet)
        space = " " if sheet == "IMD" else ""
        ws.append(
            [f"Local Authority District code ({boundary})", f"Local Authority District name ({boundary})"]
            + [f"{prefix} - {text}{space}" for _key, text, _kind in MEASURES]
        )
        mine = [r for r in rows if r["index_domain"] == domain]
        assert mine, (source, domain)
        for r in mine:
            ws.append([r[code_column], r[name_column]] + [kind(float(r[key])) for key, _text, kind in MEASURES])
    wb.save(FILES / target)


if __name__ == "__main__":
    for edition in EDITIONS:
        build(*edition)
