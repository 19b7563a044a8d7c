"""`python manage.py match peers|helpers|pairs --for <slug>`: the engine from the command line,
on the database or, with `--profiles FILE.jsonl`, on a file with no database (docs/matching.md)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from matching.engine import KINDS, Engine, Options
from matching.explain import reasons_text
from matching.profiles import PRACTICE_AREA_CODES, read_profiles


class Command(BaseCommand):
    help = "Rank peers, helpers or learning pairs for one authority (see docs/matching.md)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--for", dest="slug", required=True, help="the asking authority's slug (profile id)")
        parser.add_argument("--area", help="helpers with this one practice area (its code)")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--hub", help="only candidates of this hub (code)")
        parser.add_argument("--region", help="only candidates of this region (code)")
        parser.add_argument("--language", help="only candidates working in this language (ISO 639-1)")
        parser.add_argument("--exclude-own-country", action="store_true")
        parser.add_argument("--diversity", type=int, help="at most N results from one country")
        parser.add_argument("--profiles", help="a JSON Lines file of profiles; no database is used")
        parser.add_argument("--strict", action="store_true", help="stop at the first bad line (exit status 2)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        if options["area"] and options["area"] not in PRACTICE_AREA_CODES:
            raise CommandError(f"unknown practice area {options['area']!r}; known: {', '.join(PRACTICE_AREA_CODES)}")
        try:
            limits = Options(
                hub=options["hub"],
                region=options["region"],
                language=options["language"],
                exclude_own_country=options["exclude_own_country"],
                diversity=options["diversity"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        engine = Engine(self._profiles(options))
        if options["slug"] not in engine:
            raise CommandError(f"no authority {options['slug']!r} among the {len(engine)} profiles")
        if options["kind"] == "helpers":
            matches = engine.helpers(options["slug"], area=options["area"], top=options["top"], options=limits)
        else:
            matches = getattr(engine, options["kind"])(options["slug"], top=options["top"], options=limits)
        rows = []
        for match in matches:
            name = engine.profile(match.id).name
            reasons = [{"code": r.code, "params": r.params} for r in match.reasons]
            texts = reasons_text(reasons, city_name=name)
            rows.append(
                {
                    "id": match.id,
                    "name": name,
                    "score": round(match.score, 4),
                    "components": {key: round(value, 4) for key, value in match.components.items()},
                    "reasons": [{**reason, "text": text} for reason, text in zip(reasons, texts, strict=False)],
                }
            )
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("No suggestions.")
        for rank, row in enumerate(rows, start=1):
            self.stdout.write(f"{rank:>2}. {row['name']} ({row['id']})  {row['score']:.3f}")
            for reason in row["reasons"]:
                self.stdout.write(f"      - {reason['text']}")

    def _profiles(self, options):
        if not options["profiles"]:
            from matching.sources import city_profiles

            return city_profiles()
        try:
            with open(options["profiles"], encoding="utf-8") as handle:
                profiles, errors = read_profiles(handle, strict=options["strict"])
        except OSError as error:
            raise CommandError(f"cannot read {options['profiles']}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{options['profiles']} is not UTF-8 text") from None
        for error in errors:
            self.stderr.write(str(error))
        if options["strict"] and errors:
            sys.exit(2)
        return profiles
