"""Background work of translations: one machine translation job (`jobs.translation_job_run`)."""

from django_tasks import task


@task()
def run_translation_job(*, job_id: int) -> str:
    """Translate one page into one language (`TranslationJob`); the job records the outcome."""
    from .jobs import translation_job_run

    return translation_job_run(job_id=job_id)
