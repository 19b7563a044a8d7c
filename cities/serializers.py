"""The public record of a member authority: the one list of fields that exports
and the API may show. Focal points and internal data never appear here."""

from core.i18n import LANGUAGE_CODES

from .models import City, country_name
from .selectors import Taxonomy


def city_public_record(city: City, taxonomy: Taxonomy) -> dict:
    region_code = taxonomy.countries.get(city.country_id)
    hub_code = taxonomy.hub_of_country(city.country_id)
    return {
        "slug": city.slug,
        "name": city.name,
        "names": city.names(),
        "authority_type": city.authority_type,
        "country": city.country_id,
        "country_name": country_name(city.country_id),
        "region": region_code,
        "hub": hub_code,
        "settlement_type": city.settlement_type,
        "population": city.population,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "date_joined": city.date_joined.isoformat() if city.date_joined else None,
        "stage": city.stage,
        "isc_seat": city.isc_seat,
        "contributing_member": city.contributing_member,
        "working_languages": [language.code for language in city.working_languages.all()],
        "descriptions": {code: getattr(city, f"description_{code}") for code in LANGUAGE_CODES},
        "challenges": [
            {"code": taxonomy.challenge_ids[item.challenge_id], "intensity": item.intensity}
            for item in city.challenges.all()
        ],
        "offers": [
            {"code": taxonomy.practice_area_ids[item.practice_area_id], "maturity": item.maturity}
            for item in city.offers.all()
        ],
        "needs": [
            {"code": taxonomy.practice_area_ids[item.practice_area_id], "priority": item.priority}
            for item in city.needs.all()
        ],
        "url": city.get_absolute_url(),
        "is_demo": city.is_demo,
    }


CSV_COLUMNS = [
    "slug",
    "name",
    *[f"name_{code}" for code in LANGUAGE_CODES],
    "authority_type",
    "country",
    "country_name",
    "region",
    "hub",
    "settlement_type",
    "population",
    "latitude",
    "longitude",
    "date_joined",
    "stage",
    "isc_seat",
    "contributing_member",
    "working_languages",
    "challenges",
    "offers",
    "needs",
    "url",
    "is_demo",
]


def csv_header() -> list[str]:
    return CSV_COLUMNS


def safe_cell(value) -> str:
    # Cells that a spreadsheet would read as a formula are prefixed with a quote.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_row(record: dict) -> list[str]:
    flat = dict(record)
    for code in LANGUAGE_CODES:
        flat[f"name_{code}"] = record["names"][code]
    flat["working_languages"] = " ".join(record["working_languages"])
    flat["challenges"] = " ".join(f"{item['code']}:{item['intensity']}" for item in record["challenges"])
    flat["offers"] = " ".join(f"{item['code']}:{item['maturity']}" for item in record["offers"])
    flat["needs"] = " ".join(f"{item['code']}:{item['priority']}" for item in record["needs"])
    return [safe_cell(flat[column]) for column in CSV_COLUMNS]


def geojson_feature(record: dict) -> dict:
    properties = {key: value for key, value in record.items() if key not in ("latitude", "longitude")}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
        "properties": properties,
    }
