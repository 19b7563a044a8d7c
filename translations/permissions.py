"""Who works on translations in the admin: the Management Unit and translators (their staff
privileges count only after the second factor, `core.visibility`)."""

from core.visibility import is_management_unit, roles_of


def is_translator(user) -> bool:
    from accounts.models import Role

    return any(role.role == Role.TRANSLATOR for role in roles_of(user))


def can_review_translation_reports(user) -> bool:
    """Read the readers' reports (with the reporters' addresses) and close them."""
    return is_management_unit(user) or is_translator(user)
