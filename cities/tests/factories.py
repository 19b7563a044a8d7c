"""Test data: authorities built on the vocabulary the migrations load."""

import factory

from cities.models import (
    Challenge,
    City,
    CityChallenge,
    CityNeed,
    CityOffer,
    Country,
    FocalPoint,
    PracticeArea,
    Stage,
)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    slug = factory.Sequence(lambda n: f"town-{n}")
    name = factory.Sequence(lambda n: f"Town {n}")
    name_en = factory.LazyAttribute(lambda o: o.name)
    authority_type = "municipality"
    country = factory.LazyFunction(lambda: Country.objects.get(code="KE"))
    settlement_type = "urban"
    population = 120_000
    latitude = -1.28
    longitude = 36.82
    stage = Stage.MEMBER


def add_challenge(city, code, intensity="significant"):
    return CityChallenge.objects.create(city=city, challenge=Challenge.objects.get(code=code), intensity=intensity)


def add_offer(city, code, maturity="established"):
    return CityOffer.objects.create(city=city, practice_area=PracticeArea.objects.get(code=code), maturity=maturity)


def add_need(city, code, priority="high"):
    return CityNeed.objects.create(city=city, practice_area=PracticeArea.objects.get(code=code), priority=priority)


def add_focal_point(city, visibility="staff", **extra):
    values = {"name": "Amina Example", "role": "Coordinator", "email": "amina@example.org", "phone": "+254 700 000000"}
    values.update(extra)
    return FocalPoint.objects.create(city=city, visibility=visibility, **values)
