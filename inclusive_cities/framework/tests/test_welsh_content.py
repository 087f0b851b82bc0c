"""The framework in Welsh (issue 14): version 1.0's principle and theme names in Welsh for review, the English names
exact; Welsh pages show the Welsh or the English with a notice; a facilitator writes both languages."""

import importlib
import tomllib

from django.test import Client

from inclusive_cities.core.translated import NOTICE_CY
from inclusive_cities.framework.models import Goal, Principle, Theme
from inclusive_cities.framework.services import FRAMEWORK_TOML

names_migration = importlib.import_module("inclusive_cities.framework.migrations.0003_framework_1_0_welsh_names")


def test_the_welsh_names_in_the_file_and_the_migration_agree_and_the_english_is_exact(framework):
    data = tomllib.loads(FRAMEWORK_TOML.read_text(encoding="utf-8"))
    for model, key in ((Principle, "principles"), (Theme, "themes")):
        in_migration = names_migration.WELSH_NAMES[model.__name__]
        assert {item["code"]: (item["name"], item["name_cy"]) for item in data[key]} == in_migration
        for item in model.objects.filter(framework=framework):
            assert (item.name_en, item.name_cy) == in_migration[item.code]
    assert Principle.objects.get(framework=framework, code="P3").name_en == (
        "Work with newcomers and longer standing residents."
    )


def test_framework_page_in_welsh_shows_welsh_names_and_says_where_the_text_is_english(framework):
    html = Client().get("/cy/framework/").content.decode()
    assert "<strong>Darparu arweinyddiaeth leol i greu newid.</strong>" in html
    assert ">Cysylltu cymunedau.</a>" in html
    # The descriptions have no Welsh yet: shown in English, marked, with the notice.
    assert NOTICE_CY in html and '<div lang="en"><p class="govuk-body">The council uses its standing' in html
    english = Client().get("/framework/").content.decode()
    assert "Darparu arweinyddiaeth" not in english and NOTICE_CY not in english


def test_theme_page_levels_fall_back_with_a_notice(framework):
    html = Client().get("/cy/framework/versions/1.0/themes/T3/").content.decode()
    assert '<h1 class="govuk-heading-l">Cysylltu cymunedau.</h1>' in html
    assert '<td class="govuk-table__cell" lang="en">' in html and NOTICE_CY in html


def test_facilitator_writes_welsh_on_a_draft_and_it_is_copied_to_the_next(as_role, framework):
    client = as_role("facilitator")
    client.post("/framework/versions/new/")
    response = client.post(
        "/cy/framework/versions/1.1/goals/T1.1/edit/",
        {
            "title": "A clearer goal",
            "title_cy": "Nod cliriach",
            "description": "d",
            "description_cy": "",
            **{f"level_{n}": "x" for n in range(5)},
            "level_0_cy": "dim",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(theme__framework__version="1.1", code="T1.1")
    assert (goal.title_en, goal.title_cy, goal.description_cy) == ("A clearer goal", "Nod cliriach", "")
    assert goal.maturity_levels_en == ["x"] * 5 and goal.maturity_levels_cy == ["dim", "", "", "", ""]
    draft_principle = Principle.objects.get(framework__version="1.1", code="P1")
    assert draft_principle.name_cy == "Darparu arweinyddiaeth leol i greu newid."
    page = client.get("/cy/framework/versions/1.1/principles/P1/edit/").content.decode()
    assert 'lang="cy"' in page and "Darparu arweinyddiaeth leol i greu newid.</textarea>" in page
    assert ">\nProvide local leadership to create change.</textarea>" in page
