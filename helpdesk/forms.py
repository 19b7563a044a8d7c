"""Forms of the help desk: asking, answering, following up, and the staff's steps."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cities.models import City, PracticeArea
from core.forms import SafeTextMixin
from core.i18n import current_language

from .models import MAX_RESOURCES, HelpRequest, Urgency


class TermSelect(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CitySelect(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class PersonSelect(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.email


class AskForm(SafeTextMixin, forms.ModelForm):
    """The question. The authority is asked for only when the person holds a role in several."""

    city = CitySelect(label=_("For which authority?"), queryset=City.objects.none(), empty_label=None)
    topic = TermSelect(
        label=_("Topic"),
        queryset=PracticeArea.objects.all(),
        help_text=_("The practice area closest to your question."),
    )
    language = forms.ChoiceField(
        label=_("Language of the answer"),
        choices=settings.LANGUAGES,
        help_text=_("The help desk answers in this language."),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"), choices=Urgency.choices, initial=Urgency.NORMAL, widget=forms.RadioSelect
    )

    class Meta:
        model = HelpRequest
        fields = ["city", "topic", "language", "urgency", "subject", "question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "question": _(
                "Describe the situation and what you need. Do not include personal details of residents "
                "or anyone at risk."
            ),
        }

    def __init__(self, *args, cities: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.cities = cities
        if len(cities) == 1:
            del self.fields["city"]
        else:
            self.fields["city"].queryset = City.objects.filter(pk__in=[city.pk for city in cities]).order_by("name")
        self.fields["language"].initial = current_language()
        self.fields["question"].max_length = 8000
        self.fields["question"].widget.attrs["maxlength"] = 8000

    @property
    def choose_city(self) -> bool:
        return "city" in self.fields

    def chosen_city(self):
        return self.cleaned_data["city"] if self.choose_city else self.cities[0]


class ResourceChoice(forms.ModelMultipleChoiceField):
    """Published Resource Hub pages, in the chooser's language where translated (else marked with theirs)."""

    def __init__(self, *, include=(), **kwargs):
        from resources.selectors import linkable_resources

        self.language = current_language()
        super().__init__(
            queryset=linkable_resources(self.language, include),
            required=False,
            label=_("Resource Hub reading (optional)"),
            help_text=_(
                "Published resources to read with the answer (at most %(count)s). The person who asked sees "
                "each one in their own language where it is translated."
            )
            % {"count": MAX_RESOURCES},
            widget=forms.SelectMultiple(attrs={"size": 8}),
            **kwargs,
        )

    def label_from_instance(self, obj):
        label = f"{obj.title} ({obj.get_kind_display()})"
        code = obj.locale.language_code
        return label if code == self.language else f"{label} [{code.upper()}]"


class AnswerForm(SafeTextMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=16000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, linked=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: the choices are in the reader's language, with what is linked already.
        self.fields["resources"] = ResourceChoice(include=linked)


class ResourceLinksForm(forms.Form):
    """The Resource Hub reading of a request, changed by the people handling it at any step."""

    def __init__(self, *args, linked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resources"] = ResourceChoice(include=linked)


class FollowUpForm(SafeTextMixin, forms.Form):
    """The asker's word on the answer: solved (close), or not (reopen, saying what is missing)."""

    note = forms.CharField(
        label=_("What is still missing?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed only if the answer did not solve your question."),
    )


class AssignForm(SafeTextMixin, forms.Form):
    assignee = PersonSelect(label=_("Assign to"), queryset=None)
    note = forms.CharField(
        label=_("Internal note (optional)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people


class CloseForm(SafeTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Reason or closing note (e-mailed to the asker; needed if there is no answer)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferForm(SafeTextMixin, forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None)
    note = forms.CharField(
        label=_("Note for the expert (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts


class DraftForm(SafeTextMixin, forms.Form):
    """The anonymised question and answer, as staff edit them before a Resource Hub draft is made."""

    title = forms.CharField(label=_("Title of the Resource Hub item"), max_length=255)
    question = forms.CharField(
        label=_("Question (anonymised)"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )
    answer = forms.CharField(
        label=_("Answer (anonymised)"), max_length=16000, widget=forms.Textarea(attrs={"rows": 12})
    )
    confirm = forms.BooleanField(
        label=_("I have removed the names of people and authorities and anything else that could identify them."),
    )
