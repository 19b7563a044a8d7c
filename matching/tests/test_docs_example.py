"""The worked example of docs/matching.md, read from the page itself: its three cities go through
the engine and every number and reason the page prints must come out (so the page cannot rot)."""

import re
from pathlib import Path

import pytest

from matching.engine import Engine
from matching.profiles import read_profiles

DOC = (Path(__file__).resolve().parents[2] / "docs" / "matching.md").read_text(encoding="utf-8")
EXAMPLE = DOC.split("## Worked example", 1)[1].split("\n## ", 1)[0]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def section(title: str) -> str:
    """The text from the paragraph starting with **title** to the next bold paragraph title."""
    return re.split(r"\n\*\*(?=[A-Z])", EXAMPLE.split(f"**{title}", 1)[1], maxsplit=1)[0]


def table(text: str) -> dict[str, list[str]]:
    """{row name: cells} of the Markdown table in `text` (the header and rule rows left out)."""
    rows = [line.strip().strip("|").split("|") for line in text.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [cell.strip() for cell in cells[1:]] for cells in rows[1:] if cells[0].strip()}


def result(cell: str) -> float:
    """The figure a cell arrives at: its last number ("1 / (1.75 + 1.5 − 1) = 0.4444" -> 0.4444)."""
    return float(NUMBER.findall(cell)[-1])


def codes(sentence: str) -> list[str]:
    return re.findall(r"`([a-z_]+)`", sentence)


@pytest.fixture(scope="module")
def engine():
    block = EXAMPLE.split("```", 2)[1]
    profiles, errors = read_profiles(block.splitlines(), strict=True)
    assert not errors and [p.id for p in profiles] == ["riverton", "lakeside", "hillfield"]
    return Engine(profiles)


def assert_as_printed(value: float, printed: float) -> None:
    """The page rounds to 4 places."""
    assert value == pytest.approx(printed, abs=5e-5 + 1e-9)


def test_peers_as_the_page_prints_them(engine):
    text = section("Peers.")
    rows = table(text)
    matches = engine.peers("riverton")
    assert [m.id.title() for m in matches] == list(rows)  # same cities, same order
    for match in matches:
        challenges, context, languages, score = rows[match.id.title()]
        assert_as_printed(match.components["challenges"], result(challenges))
        assert_as_printed(match.components["context"], result(context))
        assert_as_printed(match.components["languages"], result(languages))
        assert_as_printed(match.score, result(score))
    lakeside = matches[0]
    printed = text.split("Reasons for Lakeside:", 1)[1].split("\n\n", 1)[0]
    assert [r.code for r in lakeside.reasons] == codes(printed)
    params = {r.code: r.params for r in lakeside.reasons}
    assert params["shared_challenges"]["challenges"] == ["online-hate"]
    assert params["same_region"] == {"region": "esa"}
    assert params["same_authority_type"] == {"authority_type": "city"}
    assert params["same_settlement_type"] == {"settlement_type": "urban"}
    assert params["shared_languages"] == {"languages": ["en", "sw"]}
    assert (
        "(esa)" in printed
        and "(online-hate)" in printed
        and "(city)" in printed
        and "(urban)" in printed
        and "(en, sw)" in printed
    )


def test_helpers_as_the_page_prints_them(engine):
    text = section("Helpers")
    rows = table(text)
    matches = engine.helpers("riverton")
    assert [m.id.title() for m in matches] == list(rows)
    for match in matches:
        help_, transfer, score = rows[match.id.title()]
        assert_as_printed(match.components["help"], result(help_))
        assert_as_printed(match.components["transfer"], result(transfer))
        assert_as_printed(match.score, result(score))
    hillfield = {m.id: m for m in matches}["hillfield"]
    printed = re.search(r"Hillfield's reasons start with (.*?): the best", text, re.S).group(1)
    expected = re.findall(r"`(can_help)` ([a-z-]+) \(([a-z]+), ([a-z]+)\)", printed)
    found = [
        (r.code, r.params.get("area"), r.params.get("maturity"), r.params.get("priority")) for r in hillfield.reasons
    ]
    assert found[: len(expected)] == expected and len(expected) == 2


def test_pairs_as_the_page_prints_them(engine):
    text = section("Pairs.")
    (lakeside,) = engine.pairs("riverton")  # Hillfield is "not a pair"
    assert lakeside.id == "lakeside" and "Hillfield" in text and "not a pair" in text
    printed_help, printed_back = (float(n) for n in re.search(r"√\(([\d.]+) × ([\d.]+)\)", text).groups())
    assert_as_printed(lakeside.components["help"], printed_help)
    assert_as_printed(lakeside.components["help_back"], printed_back)
    assert_as_printed(lakeside.score, float(re.search(r"\*\*([\d.]+)\*\*", text).group(1)))
    exchanged = [(r.code, r.params["area"]) for r in lakeside.reasons if r.code in ("can_help", "can_learn")]
    assert exchanged == re.findall(r"`(can_help|can_learn)`\s+([a-z-]+)", text)
