"""CSV files that people open in spreadsheet programs: no cell is read as a formula (CSV injection).

A text cell that starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe, as OWASP advises;
numbers, dates and empty cells pass unchanged. Every CSV download and the CSV API renderer write through here."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unsafe_cell(value: str) -> str:
    """Undo safe_cell when our own export is imported again, so it reads as it was written."""
    if value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


class _Writer:
    def __init__(self, inner):
        self._inner = inner

    def writerow(self, row):
        return self._inner.writerow([safe_cell(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class _DictWriter:
    def __init__(self, inner):
        self._inner = inner

    def writeheader(self):
        return self._inner.writeheader()

    def writerow(self, row: dict):
        return self._inner.writerow({k: safe_cell(v) for k, v in row.items()})

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(f, **kwargs) -> _Writer:
    """csv.writer whose text cells are made safe."""
    return _Writer(csv.writer(f, **kwargs))


def dict_writer(f, fieldnames, **kwargs) -> _DictWriter:
    """csv.DictWriter whose text cells are made safe."""
    return _DictWriter(csv.DictWriter(f, fieldnames=fieldnames, **kwargs))
