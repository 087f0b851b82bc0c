"""JSON from people (an uploaded file, a request body) read within limits.

`json.loads` recurses once per level of nesting, so `[[[[…]]]]` 100,000 deep raises RecursionError (a server error)
after using the whole stack. `loads(text, max_depth=…)` measures the nesting first, without recursion, and refuses
a text nested deeper than the limit with a ValidationError saying how deep it is; RecursionError is still caught,
should anything get past the count.
"""

import json
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A complete string (escapes included), a lone quote (a string never closed), or a bracket.
TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[\[\]{}]', re.S)


def depth(text: str) -> int:
    """How deep the text's arrays and objects nest (0 for a plain value), counted in one pass without recursion;
    brackets inside strings do not count."""
    level = deepest = 0
    for match in TOKENS.finditer(text):
        token = match.group()
        if token[0] == '"':
            if len(token) == 1:
                break  # a string that never ends: json.loads will say where
            continue
        if token in "[{":
            level += 1
            deepest = max(deepest, level)
        elif level:
            level -= 1
    return deepest


def loads(text: str, *, max_depth: int, message: str = ""):
    """`json.loads(text)`, refused with a ValidationError when the text nests more than `max_depth` levels deep.

    `message` may use %(n)s (the file's depth) and %(max)s (the limit). A number too long to convert is refused
    too (a ValidationError, not a ValueError); JSONDecodeError is left to the caller."""
    message = message or _("The file nests its data %(n)s levels deep; at most %(max)s levels are accepted.")
    found = depth(text)
    if found > max_depth:
        raise ValidationError(message % {"n": found, "max": max_depth}, code="too_deep")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError as error:  # the count above should make this unreachable
        raise ValidationError(
            message % {"n": _("more than %(max)s") % {"max": max_depth}, "max": max_depth}, code="too_deep"
        ) from error
    except ValueError as error:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise ValidationError(_("The file holds a number too long to read: %(error)s") % {"error": error}) from error
