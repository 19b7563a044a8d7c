"""Background work of the insights: the figures recomputed after a change (`signals.py`) and daily."""

from django_tasks import task


@task()
def recompute_figures() -> int:
    """Compute and keep every figure of the scopes read lately, for the current version
    (`figures.recompute_all`), so that pages read them warm."""
    from .figures import recompute_all, shared_cache
    from .signals import QUEUED_KEY

    shared_cache().delete(QUEUED_KEY)  # a change from now on queues another run
    return recompute_all()


def recompute_figures_daily() -> str:
    """For a daily job just after midnight (`core.periodic.register`): the figures are keyed on the day too
    (quarters and events "held" move on with the clock), so this fills the new day's before pages ask."""
    from .figures import recompute_all

    return f"{recompute_all()} figures computed"
