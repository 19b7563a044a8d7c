"""Phone numbers, read with the kept `phonenumbers` library (Google's libphonenumber data).

A number may be typed as dialled in its country ("079 123 4567" in Jordan) or with its country code;
it is stored in E.164 form ("+962791234567"), the one form every phone and every system understands.
"""

import phonenumbers


def phone_e164(raw: str, *, region: str | None = None) -> str | None:
    """`raw` in E.164 form, reading a number without country code as dialled in `region` (ISO 3166
    alpha-2); None when it is not a number that can exist there."""
    try:
        number = phonenumbers.parse(raw, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
