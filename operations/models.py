from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataAction(models.TextChoices):
    EXPORT = "export", _("exported")
    ERASE = "erase", _("erased")


class PersonalDataRequest(models.Model):
    """The record of a person's data handed over or erased by the Management Unit: who, whose, when, why.

    A person known only by an address (an applicant, an event's guest) is recorded by a keyed digest of it,
    never the address: the record of an erasure must not keep what was erased, yet staff can still answer
    "did we handle this address?" (`personal_data.address_digest`)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("done by")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("person")
    )
    action = models.CharField(_("action"), max_length=20, choices=PersonalDataAction.choices)
    address_digest = models.CharField(_("address (keyed digest)"), max_length=64, blank=True, editable=False)
    note = models.TextField(_("the request"), blank=True, max_length=2000)
    summary = models.JSONField(_("records"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal data request")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.person_id}"
