"""Background work for the network's open data."""

from django_tasks import task


@task()
def build_export(*, fmt: str, level: str, language: str) -> str:
    """Write the whole network's export file for the current data version (`open_data.build_export_file`)."""
    from .open_data import build_export_file

    path = build_export_file(fmt, level, language)
    return path.name if path else ""


@task()
def build_public_exports() -> list[str]:
    """Write every public export (each format and language) for the current data version: enqueued
    after each change of member data (`open_data.exports_changed`), so readers find them built."""
    from core.i18n import LANGUAGE_CODES

    from .open_data import FORMATS, build_export_file

    built = []
    for fmt in FORMATS:
        for language in LANGUAGE_CODES:
            path = build_export_file(fmt, "public", language)
            if path is not None:
                built.append(path.name)
    return built
