"""The compiled whole-network loop (`matching/kernel.py`) gives exactly the NumPy path's lists."""

import json
import random

import pytest

from matching import kernel
from matching.engine import Engine, Match, Options
from matching.profiles import Profile
from matching.services import _Encoder, _stored

from .test_engine import random_profile

pytestmark = pytest.mark.skipif(not kernel.available(), reason="numba is not installed")

OPTIONS = [
    Options(),
    Options(hub="esa"),
    Options(region="europe"),
    Options(language="fr"),
    Options(exclude_own_country=True),
    Options(hub="mena", exclude_own_country=True),
]


def numpy_path(engine, *args, **kwargs):
    engine.use_kernel = False
    try:
        return list(engine.top_all(*args, **kwargs))
    finally:
        engine.use_kernel = True


@pytest.fixture(scope="module")
def network():
    """3,600 authorities at several stages (several tiles of candidates), many of them exact clones so
    that equal scores are common and the ties must be broken by id as the NumPy path does."""
    rng = random.Random(23)
    stages = ("member", "member", "member", "joining", "applicant", "left")
    templates = [random_profile(rng, i, stages=stages) for i in range(60)]
    fields = Profile.__dataclass_fields__
    clones = [
        Profile(**{**{f: getattr(t, f) for f in fields}, "id": f"c{rng.randrange(10**6):06d}-{i}"})
        for i, t in enumerate(rng.choice(templates) for _ in range(3600))
    ]
    engine = Engine(clones)
    assert 0 < engine._m < len(engine) and engine._m > 2 * kernel.TILE
    return engine


@pytest.mark.parametrize("option", OPTIONS)
def test_compiled_lists_equal_the_numpy_lists_bit_for_bit(network, option):
    chosen = network.ids[::13]
    calls = []
    compiled = kernel.top_block

    def counted(*args):
        calls.append(1)
        return compiled(*args)

    kernel.top_block = counted
    try:
        fast = list(network.top_all(chosen, top=10, needs_top=5, options=option, block_size=17, explain=False))
    finally:
        kernel.top_block = compiled
    assert calls  # the compiled loop did the work
    slow = numpy_path(network, chosen, top=10, needs_top=5, options=option, block_size=17, explain=False)
    assert [asker for asker, _ in fast] == chosen
    for (asker, found), (_, expected) in zip(fast, slow, strict=True):
        assert list(found) == list(expected), asker
        for key, matches in found.items():
            assert [(m.id, m.score) for m in matches] == [(m.id, m.score) for m in expected[key]], (asker, key)


def test_compiled_lists_carry_the_same_components_and_reasons(network):
    chosen = network.ids[5::97]
    fast = list(network.top_all(chosen, top=7, needs_top=3, block_size=4, workers=2))
    assert fast == numpy_path(network, chosen, top=7, needs_top=3, block_size=4)


@pytest.mark.parametrize("kinds", [("peers",), ("helpers",), ("pairs",), ("helpers", "pairs")])
def test_compiled_lists_for_some_kinds_only(network, kinds):
    chosen = network.ids[::211]
    fast = list(network.top_all(chosen, kinds=kinds, top=4, explain=False))
    assert all(set(found) == set(kinds) for _, found in fast)
    assert fast == numpy_path(network, chosen, kinds=kinds, top=4, explain=False)


@pytest.mark.parametrize("option", [*OPTIONS, Options(diversity=1)])
def test_top_scores_are_the_lists_of_top_all(network, option):
    """The lean form the recompute stores: the same lists, keys, order and float scores (the NumPy path
    for diversity, which the compiled loop does not do)."""
    chosen = network.ids[3::29]
    expected = [
        (asker, key, [m.id for m in matches], [m.score for m in matches])
        for asker, found in numpy_path(network, chosen, top=10, needs_top=5, options=option, explain=False)
        for key, matches in found.items()
    ]
    assert list(network.top_scores(chosen, top=10, needs_top=5, options=option, block_size=9, workers=2)) == expected


def test_an_asker_outside_the_candidates_and_a_network_smaller_than_a_tile():
    rng = random.Random(3)
    profiles = [random_profile(rng, i, stages=("member", "applicant")) for i in range(40)]
    engine = Engine(profiles)
    fast = list(engine.top_all(top=3, needs_top=2, explain=False))
    assert fast == numpy_path(engine, top=3, needs_top=2, explain=False)
    assert list(Engine([]).top_scores()) == []


@pytest.mark.parametrize(
    "ids, scores",
    [
        ([], []),
        (["kampala", "zarqa-2"], [0.612345678, 1.0]),
        (["ciudad-de-méxico", 'o"brien\\x'], [0.1, 3.0517578125e-05]),
    ],
)
def test_the_stored_json_is_what_json_dumps_writes(ids, scores):
    matches = [Match(i, s, {}, []) for i, s in zip(ids, scores, strict=True)]
    expected = json.JSONEncoder(separators=(", ", ": ")).encode(_stored(matches))
    assert _Encoder()(ids, scores) == expected
    assert json.loads(expected) == [[i, round(s, 4)] for i, s in zip(ids, scores, strict=True)]


def test_a_web_process_never_imports_numba():
    """numba costs about 126 MB a process: only the background recompute's first compiled call imports it."""
    import subprocess
    import sys

    code = (
        "import os, sys, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.test'; django.setup(); "
        "import config.urls, cities.services, matching.engine, matching.services; "
        "from matching import kernel; assert kernel.available(); print('numba' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
