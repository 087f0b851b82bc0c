"""Extension points so that apps can add to shared pages without editing them.

An app registers, in its AppConfig.ready(), a function `(request, place) -> PlaceSection | None`; the place
page shows every section returned, in registration order.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class PlaceSection:
    title: str
    html: str
    order: int = 100


_place_sections: list[Callable] = []


def register_place_section(func: Callable) -> Callable:
    if func not in _place_sections:
        _place_sections.append(func)
    return func


def place_sections(request, place) -> list[PlaceSection]:
    sections = [section for func in _place_sections if (section := func(request, place)) is not None]
    return sorted(sections, key=lambda s: s.order)
