"""Debian's Apertium, a local rule-based engine, for the pairs whose packages are installed.

Debian has English↔Spanish (`apertium-eng-spa`) and French↔Spanish (`apertium-fr-es`) among the
site's languages; nothing for Arabic, nor English↔French: those pairs go to another engine or to a
person. Pairs come from `apertium -l`. A batch is one `apertium -u -f html <mode>` run, its texts
separated by `<hr id="sN">` elements, which the HTML mode keeps in place.

Options (settings.TRANSLATION_ENGINES["apertium"]): `BINARY` (default `apertium`), `TIMEOUT`.
"""

import re
import subprocess

from wagtail_localize.machine_translators.base import BaseMachineTranslator

from .base import EngineMixin, PermanentEngineError, TransientEngineError

# Apertium names modes with two- or three-letter codes.
CODES = {"en": "en", "eng": "en", "es": "es", "spa": "es", "fr": "fr", "fra": "fr", "ar": "ar", "ara": "ar"}
MODE_RE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})$")
SEPARATOR_RE = re.compile(r"""\s*<hr\s+id="?s(\d+)"?\s*/?>\s*""")


class ApertiumEngine(EngineMixin, BaseMachineTranslator):
    engine_name = "apertium"
    display_name = "Apertium"

    def binary(self) -> str:
        return self.options.get("BINARY", "apertium")

    def timeout(self) -> float:
        return float(self.options.get("TIMEOUT", 60))

    def _run(self, arguments: list[str], text: str = "") -> str:
        try:
            done = subprocess.run(
                [self.binary(), *arguments],
                input=text,
                capture_output=True,
                text=True,
                timeout=self.timeout(),
                check=False,
            )
        except FileNotFoundError:
            raise PermanentEngineError(f"{self.binary()} is not installed (apt-get install apertium apertium-eng-spa)")
        except subprocess.TimeoutExpired:
            raise TransientEngineError("no answer within the timeout")
        if done.returncode != 0:
            raise PermanentEngineError(f"apertium stopped with code {done.returncode}: {done.stderr.strip()[:200]}")
        return done.stdout

    def modes(self) -> dict[tuple[str, str], str]:
        """(source, target) → the Apertium mode that translates it."""
        found = {}
        for line in self._run(["-l"]).split():
            match = MODE_RE.match(line.strip())
            if match and match.group(1) in CODES and match.group(2) in CODES:
                found.setdefault((CODES[match.group(1)], CODES[match.group(2)]), line.strip())
        return found

    def discover_pairs(self):
        return set(self.modes())

    def send_batch(self, source, target, texts):
        mode = self.modes().get((source, target))
        if mode is None:
            raise PermanentEngineError(f"no Apertium mode for {source}→{target}")
        edges = []
        for text in texts:
            stripped = text.strip()
            start = text.index(stripped) if stripped else len(text)
            edges.append((text[:start], text[start + len(stripped) :], stripped))
        joined = "".join(f'<hr id="s{index}">{stripped}' for index, (_l, _t, stripped) in enumerate(edges))
        output = self._run(["-u", "-f", "html", mode], joined)
        parts = SEPARATOR_RE.split(output)
        # ["", "0", text0, "1", text1, ...]
        found = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
        if sorted(found) != list(range(len(texts))):
            raise PermanentEngineError("the texts of a batch could not be told apart in Apertium's output")
        return [lead + found[index].strip() + trail for index, (lead, trail, _s) in enumerate(edges)]
