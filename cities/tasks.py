"""Background work for the network's open data."""

from django_tasks import task


@task()
def build_export(*, fmt: str, level: str, language: str) -> str:
    """Write the whole network's export file for the current data version (`open_data.build_export_file`)."""
    from .open_data import build_export_file

    path = build_export_file(fmt, level, language)
    return path.name if path else ""
