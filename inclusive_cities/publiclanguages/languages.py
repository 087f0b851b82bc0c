"""The fixed list of further languages a place may offer its public pages in, for newcomers.

Each language has its code (used in addresses), its BCP 47 tag (for `lang` attributes), its name in English (an
interface string, translated like any other) and its own name in its own script (never translated), and its writing
direction. Native names follow the Unicode CLDR / Django's own `LANG_INFO` where those have them.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str
    tag: str
    name: str | Promise
    native: str
    rtl: bool = False

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


LANGUAGES = [
    Language("ar", "ar", _("Arabic"), "العربية", rtl=True),
    Language("am", "am", _("Amharic"), "አማርኛ"),
    Language("bn", "bn", _("Bengali"), "বাংলা"),
    Language("zh-hans", "zh-Hans", _("Chinese (simplified)"), "简体中文"),
    Language("fa", "fa", _("Persian (Farsi)"), "فارسی", rtl=True),
    Language("fr", "fr", _("French"), "Français"),
    Language("ku", "ku", _("Kurdish (Kurmanji)"), "Kurdî"),
    Language("ckb", "ckb", _("Kurdish (Sorani)"), "کوردی", rtl=True),
    Language("lt", "lt", _("Lithuanian"), "Lietuvių"),
    Language("ps", "ps", _("Pashto"), "پښتو", rtl=True),
    Language("pl", "pl", _("Polish"), "Polski"),
    Language("pt", "pt", _("Portuguese"), "Português"),
    Language("pa", "pa", _("Punjabi (Gurmukhi)"), "ਪੰਜਾਬੀ"),
    Language("ro", "ro", _("Romanian"), "Română"),
    Language("ru", "ru", _("Russian"), "Русский"),
    Language("so", "so", _("Somali"), "Soomaali"),
    Language("es", "es", _("Spanish"), "Español"),
    Language("ti", "ti", _("Tigrinya"), "ትግርኛ"),
    Language("tr", "tr", _("Turkish"), "Türkçe"),
    Language("uk", "uk", _("Ukrainian"), "Українська"),
    Language("ur", "ur", _("Urdu"), "اردو", rtl=True),
]
BY_CODE = {language.code: language for language in LANGUAGES}
CODES = list(BY_CODE)
CHOICES = [(language.code, language.name) for language in LANGUAGES]


def language(code: str) -> Language | None:
    return BY_CODE.get(code)
