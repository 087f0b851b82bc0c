"""The five source documents the method comes from, and the one helper that cites them in words people read.

Demo records and help texts refer to the documents by their file numbers ("seed 004, Table 3"): short and exact for
the people who write them, meaningless to everyone else. `cite_sources` turns every such label into the document's
title, publisher and year, keeping what follows (the section), wherever text reaches a person: pages (the
`cite_sources` filter around every page body in `base.html` and `core/pdf_base.html`), PDFs and the API
(`CitedSerializerMixin`). Stored values are left as written.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SourceDocument:
    number: str
    title: Promise
    publisher: Promise
    year: int
    about: Promise

    @property
    def citation(self) -> str:
        return f"{self.title} ({self.publisher}, {self.year})"


SOURCE_DOCUMENTS = {
    doc.number: doc
    for doc in [
        SourceDocument(
            "000",
            _("Integrating and including migrants in European city planning and policy"),
            _("University of Oxford"),
            2021,
            _("The research behind the integration model, the Action Towards Inclusion network and Inclusive Cities."),
        ),
        SourceDocument(
            "001",
            _("Inclusive Cities Framework policy brief"),
            _("COMPAS"),
            2020,
            _("The five core principles and five thematic areas of the framework."),
        ),
        SourceDocument(
            "002",
            _("Inclusive practices for newcomers at city level"),
            _("COMPAS"),
            2017,
            _("The approach, the UK context, examples of innovation from overseas, data sources and measuring tools."),
        ),
        SourceDocument(
            "003",
            _("Lighting the way"),
            _("UCL Policy Lab"),
            2023,
            _("Success factors and recommendations, with action-plan items from Bristol and Sheffield."),
        ),
        SourceDocument(
            "004",
            _("Inclusive Cities learning report, phase one"),
            _("COMPAS"),
            2019,
            _("How the first phase ran, what participants said and what was learnt by theme."),
        ),
    ]
}

_NUMBER = r"00[0-4]"
# "seed 004", "Seed 004's", "seeds 000 and 003"; and "the seeds"/"the seed" on their own.
_NUMBERED = re.compile(rf"\b[Ss]eeds?\s+({_NUMBER}(?:(?:,\s*|\s+and\s+){_NUMBER})*)\b")
_BARE = re.compile(r"\b([Tt]he)\s+seed(s?)\b")


def citation(number: str) -> str:
    """'Inclusive Cities learning report, phase one (COMPAS, 2019)' for '004'."""
    return SOURCE_DOCUMENTS[number].citation


def _numbered(match: re.Match) -> str:
    numbers = re.findall(_NUMBER, match.group(1))
    cited = [citation(n) for n in numbers]
    if len(cited) == 1:
        return cited[0]
    return ", ".join(cited[:-1]) + " " + str(_("and")) + " " + cited[-1]


def _bare(match: re.Match) -> str:
    return f"{match.group(1)} {_('source documents') if match.group(2) else _('source document')}"


def cite_sources(text):
    """Text with every internal document label replaced by its citation; anything else unchanged."""
    if not text or "eed" not in str(text):
        return text
    value = str(text)
    value = _NUMBERED.sub(_numbered, value)
    return _BARE.sub(_bare, value)


def cite_sources_in(data):
    """`cite_sources` on every string inside an API answer (dicts and lists walked)."""
    if isinstance(data, str):
        return cite_sources(data)
    if isinstance(data, dict):
        return {key: cite_sources_in(value) for key, value in data.items()}
    if isinstance(data, list):
        return [cite_sources_in(value) for value in data]
    return data


class CitedSerializerMixin:
    """A serializer whose texts (sources, visions, descriptions) read document labels as citations."""

    def to_representation(self, instance):
        return cite_sources_in(super().to_representation(instance))
