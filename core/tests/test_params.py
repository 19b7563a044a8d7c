import pytest

from core.params import bounded_int


@pytest.mark.parametrize(
    "value, expected",
    [
        ("7", 7),
        (" 12 ", 12),
        ("", 0),
        (None, 0),
        ("abc", 0),
        ("1e9", 0),
        ("٣", 0),  # digits of other scripts are not taken as numbers
        ("-5", 0),
        ("9" * 30, 3650),
        ("9" * 300, 0),
        ("-" + "9" * 25, 0),
    ],
)
def test_a_query_string_number_is_always_a_number_within_bounds(value, expected):
    assert bounded_int(value, maximum=3650) == expected
