"""Help-desk fixtures on top of the root `world`: city A (Kenya, East & Southern Africa hub),
city B (Morocco, MENA hub); a practitioner of city A; experts of the pool."""

import pytest
from django.core import mail

from accounts.models import Role
from accounts.services import role_grant
from cities.models import Language, PracticeArea, Region
from conftest import make_person
from helpdesk import services
from helpdesk.models import Expert


def area(code: str) -> PracticeArea:
    return PracticeArea.objects.get(code=code)


def make_expert(email, *, areas=(), languages=(), regions=(), available=True, **person) -> Expert:
    user = make_person(email, **person)
    expert = Expert.objects.create(user=user, available=available, bio="Demo expert")
    expert.areas.set([area(code) for code in areas])
    expert.languages.set([Language.objects.get_or_create(code=code)[0] for code in languages])
    expert.regions.set([Region.objects.get(code=code) for code in regions])
    services.expert_enrol(expert=expert)
    return expert


def ask(user, city, *, topic="youth-engagement", language="en", urgency="normal", subject="Youth outreach", **extra):
    return services.help_request_submit(
        asker=user,
        city=city,
        topic=area(topic),
        language=language,
        urgency=urgency,
        subject=subject,
        question=extra.get("question", "How do we start a youth council in City A?"),
    )


@pytest.fixture
def people(world):
    """`world` plus a practitioner of city A and two experts (one the request will be referred to)."""
    practitioner_a = make_person("practitioner-a@example.org")
    role_grant(user=practitioner_a, role=Role.PRACTITIONER, city=world["city A"])
    return {
        **world,
        "practitioner of A": practitioner_a,
        "referred expert": make_expert(
            "expert@example.org", areas=["youth-engagement"], languages=["en"], regions=["esa"]
        ).user,
        "another expert": make_expert(
            "other-expert@example.org", areas=["youth-engagement"], languages=["en"], regions=["mena"]
        ).user,
    }


@pytest.fixture
def help_request(people):
    """A question from the focal point of city A, referred to "referred expert"."""
    created = ask(people["focal point of A"], people["city A"])
    services.help_request_refer(
        request=created,
        expert=people["referred expert"].expert,
        actor=people["hub staff of A's hub"],
        note="Please help",
    )
    mail.outbox.clear()
    return created
