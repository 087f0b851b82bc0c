"""Builders for the profile tests: indicators and observations as the importers store them."""

import datetime as dt

from inclusive_cities.core.factories import PlaceFactory
from inclusive_cities.data.models import Indicator, Observation, SmallAreaCount

_counter = {"n": 0}


def indicator(code: str, **kwargs) -> Indicator:
    defaults = {
        "name": code.replace("-", " ").capitalize(),
        "unit": "count",
        "publisher": "ONS",
        "source": "Test table",
    }
    defaults.update(kwargs)
    return Indicator.objects.get_or_create(code=code, defaults=defaults)[0]


def observe(ind: Indicator, place, period: str, value, *, start: dt.date | None = None, disaggregation="", category=""):
    return Observation.objects.update_or_create(
        indicator=ind,
        area_code=place.code if hasattr(place, "code") else place,
        period=period,
        disaggregation=disaggregation,
        category=category,
        defaults={
            "place": place if hasattr(place, "code") else None,
            "period_start": start or dt.date(int(period[:4]), 1, 1),
            "value": value,
        },
    )[0]


def small_world(n_places: int = 3):
    """n places with population, % born outside the UK, country-of-birth counts, asylum support and small areas."""
    population = indicator("population-mid-year", name="Mid-year population estimate")
    born = indicator(
        "census21-born-outside-uk-pct", name="Country of birth", unit="percent", disaggregation="country_of_birth"
    )
    cob = indicator("census21-country-of-birth", name="Country of birth (detailed)", disaggregation="country_of_birth")
    asylum = indicator("asylum-support", name="Asylum seekers in receipt of support")
    places = []
    for i in range(n_places):
        _counter["n"] += 1
        place = PlaceFactory(code=f"E0690{_counter['n']:04d}", name=f"Sampletown {_counter['n']}", region="South West")
        places.append(place)
        observe(population, place, "2022", 100_000 + 1000 * i, start=dt.date(2022, 6, 30))
        for category, value in (("Born in the UK", 80.0 - i), ("Born outside the UK", 20.0 + i)):
            observe(born, place, "2021", value, disaggregation="country_of_birth", category=category)
        for category, value in (
            ("europe", 900),
            ("europe_united_kingdom", 800),
            ("europe_other", 100),
            ("africa", 100),
        ):
            observe(cob, place, "2021", value, disaggregation="country_of_birth", category=category)
        for year in (2020, 2021, 2022, 2023):
            observe(asylum, place, f"{year} Q4", 10 * year - 20_000 + i, start=dt.date(year, 10, 1))
        for level, prefix, areas in (("oa", "E00", 4), ("msoa", "E02", 2)):
            for a in range(areas):
                for category, count in (("Born in the UK", 100 + 10 * a), ("Born outside the UK", 5 + 40 * a)):
                    SmallAreaCount.objects.create(
                        area_code=f"{prefix}{_counter['n']:04d}{a:02d}",  # 9 characters, as ONS codes are
                        level=level,
                        la_code=place.code,
                        variable="country_of_birth_3a",
                        category=category,
                        count=count,
                    )
    observe(born, "E12000009", "2021", 10.5, disaggregation="country_of_birth", category="Born outside the UK")
    observe(born, "E92000001", "2021", 17.4, disaggregation="country_of_birth", category="Born outside the UK")
    return places
