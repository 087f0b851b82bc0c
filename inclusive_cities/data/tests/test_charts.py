"""The shared chart helper: every chart is an accessible SVG that carries its data table and CSV."""

import csv
import io
import re
from urllib.parse import unquote

from inclusive_cities.core.charts import bar_chart, csv_response, line_chart


def test_bar_chart_svg_is_named_and_carries_every_value_in_its_table():
    chart = bar_chart(
        chart_id="cob", title="Country of birth", labels=["UK", "EU", "Other"], values=[80.5, 9.5, 10.0], unit="%"
    )
    assert 'role="img"' in chart.svg
    assert 'aria-labelledby="cob-title cob-desc"' in chart.svg
    assert '<title id="cob-title">Country of birth</title>' in chart.svg
    assert chart.svg.count("<rect") == 3
    assert chart.rows == [["UK", 80.5], ["EU", 9.5], ["Other", 10.0]]
    html = chart.html()
    assert "<table" in html and html.count('<tr class="govuk-table__row">') == 4  # header + 3 rows
    assert "Data table: Country of birth" in html and "80.5%" in html
    assert 'download="cob.csv"' in html


def test_csv_download_holds_the_same_rows_as_the_table():
    chart = line_chart(
        chart_id="ts", title="People", x_labels=["2020", "2021"], series={"A": [1, 2], "B": [3, None]}, source="ONS"
    )
    rows = list(csv.reader(io.StringIO(chart.csv_text())))
    assert rows[:3] == [["Period", "A", "B"], ["2020", "1", "3"], ["2021", "2", ""]]
    assert rows[-1] == ["Source", "ONS"]
    inline = unquote(chart.download_href.split(",", 1)[1])
    assert inline == chart.csv_text()
    response = csv_response(chart)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="ts.csv"' in response["Content-Disposition"]


def test_line_chart_draws_a_line_per_series_and_escapes_labels():
    chart = line_chart(
        chart_id="x", title="A <b> & c", x_labels=["1", "2", "3"], series={"s1": [1, 2, 3], "s2": [3, 2, 1]}
    )
    assert len(re.findall("<polyline", chart.svg)) == 2
    assert "A &lt;b&gt; &amp; c" in chart.svg and "<b>" not in chart.svg


def test_the_same_svg_renders_in_a_weasyprint_pdf(tmp_path):
    from weasyprint import HTML

    chart = bar_chart(
        chart_id="pdf", title="Passports held", labels=["UK", "Non-UK", "None"], values=[76.5, 12.0, 11.5], unit="%"
    )
    series = line_chart(chart_id="pdf2", title="Support", x_labels=["2022", "2023", "2024"], series={"A": [1, 5, 3]})
    pdf = HTML(string=f"<html><body><h1>Charts</h1>{chart.svg}{series.svg}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF")
    (tmp_path / "charts.pdf").write_bytes(pdf)
    assert len(pdf) > 2000
