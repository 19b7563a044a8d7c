"""Numbers read from query strings: whatever is typed in the address bar, a number within bounds, never an error."""


def bounded_int(value, *, default: int = 0, minimum: int = 0, maximum: int) -> int:
    """`value` as a whole number clamped to [minimum, maximum]; `default` when it is not one.

    Clamping matters as much as parsing: `?min_days=99999999999` parses, then overflows a `timedelta`."""
    text = str(value if value is not None else "").strip()
    if not (text.lstrip("+-").isdigit() and text.isascii() and len(text) <= 30):
        return default
    return max(minimum, min(maximum, int(text)))


# Waiting-time filters of the admin queues (`?min_days=`): at most ten years.
MAX_DAYS = 3650
