"""Framework 1.0's principle and theme names in Welsh, supplied for review by a Welsh speaker (issue 14).

Written by the platform's developers and NOT YET CHECKED by a Welsh speaker: docs/translation.md says how to review
them. The English names are the method's own and stay exactly as they are; a Welsh name is filled only where the
English still reads as below and no Welsh has been given yet, so nothing anyone wrote is overwritten. The same names
are in `framework/demo/framework.toml` (`name_cy`) for a new install; a test keeps the two the same.
"""

from django.db import migrations

VERSION = "1.0"
WELSH_NAMES = {
    "Principle": {
        "P1": ("Provide local leadership to create change.", "Darparu arweinyddiaeth leol i greu newid."),
        "P2": (
            "Inclusion is a shared responsibility delivered in partnership.",
            "Mae cynhwysiant yn gyfrifoldeb a rennir, a gyflawnir mewn partneriaeth.",
        ),
        "P3": (
            "Work with newcomers and longer standing residents.",
            "Gweithio gyda newydd-ddyfodiaid a thrigolion hirsefydlog.",
        ),
        "P4": (
            "Use available data and evidence to understand the local context in order to identify core priorities, "
            "set goals, monitor impact and update strategies as needed.",
            "Defnyddio’r data a’r dystiolaeth sydd ar gael i ddeall y cyd-destun lleol er mwyn nodi blaenoriaethau "
            "craidd, gosod nodau, monitro effaith a diweddaru strategaethau yn ôl yr angen.",
        ),
        "P5": (
            "Take action at the local level provide advocacy at the national level learn from best practice "
            "internationally.",
            "Gweithredu ar lefel leol, eirioli ar lefel genedlaethol a dysgu o’r arferion gorau yn rhyngwladol.",
        ),
    },
    "Theme": {
        "T1": (
            "Leading in the development of a shared local story of inclusion.",
            "Arwain y gwaith o ddatblygu stori leol a rennir am gynhwysiant.",
        ),
        "T2": ("Supporting and driving inclusive economic growth.", "Cefnogi ac ysgogi twf economaidd cynhwysol."),
        "T3": ("Connecting communities.", "Cysylltu cymunedau."),
        "T4": (
            "Mainstreaming and building inclusive public services.",
            "Prif ffrydio a datblygu gwasanaethau cyhoeddus cynhwysol.",
        ),
        "T5": (
            "Encouraging civic participation and representation.",
            "Annog cyfranogiad a chynrychiolaeth ddinesig.",
        ),
    },
}


def fill_welsh_names(apps, schema_editor):
    for model_name, names in WELSH_NAMES.items():
        model = apps.get_model("framework", model_name)
        for code, (english, welsh) in names.items():
            model.objects.filter(framework__version=VERSION, code=code, name_en=english).filter(
                name_cy__isnull=True
            ).update(name_cy=welsh)
            model.objects.filter(framework__version=VERSION, code=code, name_en=english, name_cy="").update(
                name_cy=welsh
            )


def clear_welsh_names(apps, schema_editor):
    for model_name, names in WELSH_NAMES.items():
        model = apps.get_model("framework", model_name)
        for code, (_english, welsh) in names.items():
            model.objects.filter(framework__version=VERSION, code=code, name_cy=welsh).update(name_cy=None)


class Migration(migrations.Migration):
    dependencies = [("framework", "0002_welsh_content")]

    operations = [migrations.RunPython(fill_welsh_names, clear_welsh_names)]
