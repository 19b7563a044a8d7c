import logging

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import Challenge, Country, PracticeArea, country_name
from core.forms import HttpsURLField, SafeTextMixin
from core.phones import phone_e164

from .letters import keep_pending, read_pending, validate_letter
from .models import JoinApplication

logger = logging.getLogger(__name__)


class BodyKind:
    LOCAL = "local"
    CHOICES = [
        (
            "local",
            _("A sub-national authority (city, town, municipality, district, county, province, state or region)"),
        ),
        ("national", _("A national government or ministry")),
        ("ngo", _("A non-governmental or civil-society organisation")),
        ("company", _("A company")),
        ("other", _("Something else")),
    ]


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Vocabulary terms by id. Ids are checked as small whole numbers before any query: a huge number would
    overflow the database driver (OverflowError) instead of being refused like any unknown choice."""

    def label_from_instance(self, obj):
        return obj.name

    def _check_values(self, value):
        for pk in value:
            if not (isinstance(pk, str) and pk.isascii() and pk.isdigit() and len(pk) <= 18):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(pk)[:20]}
                )
        return super()._check_values(value)


class KeptLetterMixin:
    """A letter field that survives a failed post: a valid upload is kept in private storage
    under a signed token (the hidden `pending_letter` field) until the rest of the form is fixed."""

    letter_required = True
    kept_letter_name = None

    def read_kept_letter(self) -> None:
        kept = read_pending(self.data.get(self.add_prefix("pending_letter"), "")) if self.is_bound else None
        if kept:
            self.kept_letter_name = kept[0]

    def clean_letter(self):
        upload = self.cleaned_data.get("letter")
        if upload:
            validate_letter(upload)
            return upload
        kept = read_pending(self.data.get(self.add_prefix("pending_letter"), ""))
        if kept:
            return kept[1]
        if self.letter_required:
            raise forms.ValidationError(_("Please attach the signed letter of commitment as a PDF."))
        return None

    def keep_letter_for_next_try(self) -> None:
        """After an error elsewhere, keep a valid new letter so it need not be uploaded again."""
        upload = self.files.get(self.add_prefix("letter"))
        if upload is not None and "letter" not in self.errors:
            try:
                token = keep_pending(upload)
            except OSError:  # a full disk: the applicant chooses it again with the next try
                logger.exception("A letter could not be kept for the next try")
                self.letter_not_stored()
                return
            self.data = self.data.copy()
            self.data[self.add_prefix("pending_letter")] = token
            self.kept_letter_name = upload.name

    def letter_not_stored(self) -> None:
        """Writing the letter failed (the server's disk is full): said next to the field; nothing was kept."""
        self.add_error(
            "letter",
            _(
                "Your letter could not be stored: the server has no room for files just now. Nothing was "
                "sent. Please try again in a little while; what you typed is kept, choose the letter again."
            ),
        )


class JoinApplicationForm(SafeTextMixin, KeptLetterMixin, forms.ModelForm):
    body_kind = forms.ChoiceField(
        label=_("Who is applying?"),
        choices=BodyKind.CHOICES,
        widget=forms.RadioSelect,
        help_text=_("Membership is open to sub-national authorities only."),
    )
    challenges = TermChoiceField(
        label=_("Challenges your authority faces"),
        queryset=Challenge.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    priorities = TermChoiceField(
        label=_("Priorities: what you would like help with"),
        queryset=PracticeArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    letter = forms.FileField(
        label=_("Letter of commitment"),
        required=False,
        help_text=_("The signed letter, as a PDF of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    pending_letter = forms.CharField(required=False, widget=forms.HiddenInput)
    # Honeypot: people never see it; form-filling robots do.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = JoinApplication
        fields = [
            "body_kind",
            "authority_name",
            "authority_type",
            "country",
            "region_in_country",
            "population",
            "website",
            "head_name",
            "head_title",
            "focal_name",
            "focal_role",
            "focal_email",
            "focal_phone",
            "focal_languages",
            "challenges",
            "priorities",
            "hopes",
            "letter",
            "consent",
        ]
        widgets = {"hopes": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"website": HttpsURLField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read_kept_letter()
        self.fields["country"].choices = [("", "—")] + sorted(
            ((c.pk, country_name(c.pk)) for c in Country.objects.all()), key=lambda pair: pair[1].casefold()
        )
        self.fields["consent"].required = True
        self.fields["consent"].label = _(
            "I have read the privacy notice and agree that the network stores this application."
        )
        self.fields["population"].min_value = 0

    def is_eligible(self) -> bool:
        return self.data.get("body_kind") == BodyKind.LOCAL

    def clean_population(self):
        population = self.cleaned_data["population"]
        if population is not None and population < 0:
            raise forms.ValidationError(_("The population cannot be negative."))
        return population

    def clean_focal_phone(self):
        """Checked as dialled in the chosen country (or with its own country code), stored in E.164 form."""
        country = self.cleaned_data.get("country")  # cleaned before: it comes first in Meta.fields
        phone = phone_e164(self.cleaned_data["focal_phone"], region=country.pk if country else None)
        if phone is None:
            if country:
                raise forms.ValidationError(
                    _(
                        "This is not a phone number that can exist in %(country)s. Please check it, or give it "
                        "with its country code, e.g. +254 20 123 4567."
                    ),
                    params={"country": country_name(country.pk)},
                )
            raise forms.ValidationError(_("Please give a phone number with its country code, e.g. +254 20 123 4567."))
        return phone


class ApplicantReplyForm(SafeTextMixin, KeptLetterMixin, forms.Form):
    """The applicant's answer to a request for information, with a new letter if asked for one."""

    letter_required = False

    note = forms.CharField(label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    letter = forms.FileField(
        label=_("A new letter of commitment (PDF, optional)"),
        required=False,
        help_text=_("Only if you were asked for a new or corrected letter. At most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    pending_letter = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read_kept_letter()
