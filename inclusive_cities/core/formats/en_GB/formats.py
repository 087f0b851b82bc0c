"""British English: "31 March 2014", "31 March 2014, 14:30", "March 2014"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
