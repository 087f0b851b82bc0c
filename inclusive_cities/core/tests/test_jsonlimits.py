"""JSON from people is measured before it is parsed: deep nesting is a clear refusal, never a RecursionError."""

import json
import time

import pytest
from django.core.exceptions import ValidationError

from inclusive_cities.core import jsonlimits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 0),
        ('"[[[{{{"', 0),  # brackets inside a string do not count
        ('{"a": [1, {"b": "x\\"]]]["}]}', 3),  # nor after an escaped quote
        ('[[], [[]], {"k": [[[]]]}]', 5),
        ('["never closed [[[[', 1),  # a string that never ends: the rest is text
        (json.dumps({"plan": {}, "priorities": [{"actions": [{"measures": [{"name": "m"}]}]}]}), 7),
    ],
)
def test_depth_is_counted_outside_strings(text, expected):
    assert jsonlimits.depth(text) == expected


def test_a_file_nested_100000_deep_is_refused_at_once_naming_its_depth():
    text = "[" * 100_000 + "]" * 100_000
    started = time.perf_counter()
    with pytest.raises(ValidationError) as caught:
        jsonlimits.loads(text, max_depth=20)
    assert time.perf_counter() - started < 2
    assert caught.value.messages == ["The file nests its data 100000 levels deep; at most 20 levels are accepted."]


def test_recursion_error_is_a_validation_error_too():
    # With the limit set past Python's recursion limit, json.loads itself gives up: that is refused the same way.
    text = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ValidationError, match="more than 1000000 levels deep"):
        jsonlimits.loads(text, max_depth=1_000_000)


def test_a_number_too_long_to_convert_is_refused():
    with pytest.raises(ValidationError, match="number too long"):
        jsonlimits.loads('{"priorities": ' + "9" * 5000 + "}", max_depth=20)


def test_valid_json_within_the_limit_is_parsed_and_bad_json_is_left_to_the_caller():
    assert jsonlimits.loads('{"a": [1, [2, [3]]]}', max_depth=4) == {"a": [1, [2, [3]]]}
    with pytest.raises(ValidationError, match="5 levels deep; at most 4"):
        jsonlimits.loads('{"a": [1, [2, [3, []]]]}', max_depth=4)
    with pytest.raises(json.JSONDecodeError):
        jsonlimits.loads("{not json", max_depth=3)
