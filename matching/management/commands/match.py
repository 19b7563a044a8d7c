"""`python manage.py match peers|helpers|pairs --for <slug>[,<slug>...]`: the engine from the command
line, on the database or, with `--profiles FILE.jsonl`, on a file with no database (docs/matching.md).

Many askers in one run (`--for a,b,c`, `--askers FILE`, `--for-all`) give JSON Lines with `--json`:
one object per asker. Output is UTF-8 whatever the terminal's encoding."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cities.vocabulary import HUBS, REGIONS
from matching.engine import KINDS, Engine, Options
from matching.explain import reasons_text
from matching.profiles import PRACTICE_AREA_CODES, read_profiles


def _utf8(stream) -> None:
    """Write UTF-8 even when the terminal (LC_ALL=C, PYTHONIOENCODING=ascii) says otherwise:
    city names are in every script, and a UnicodeEncodeError half-way through a run loses it."""
    target = getattr(stream, "_out", stream)
    encoding = (getattr(target, "encoding", None) or "").lower().replace("-", "")
    if hasattr(target, "reconfigure") and encoding != "utf8":
        target.reconfigure(encoding="utf-8")


class Command(BaseCommand):
    help = "Rank peers, helpers or learning pairs for one or many authorities (see docs/matching.md)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        askers = parser.add_mutually_exclusive_group(required=True)
        askers.add_argument(
            "--for", dest="slug", help="the asking authority's slug (profile id); several separated by commas"
        )
        askers.add_argument("--askers", help="a file of asking slugs, one a line ('#' starts a comment)")
        askers.add_argument("--for-all", action="store_true", help="every authority asks (JSON Lines with --json)")
        parser.add_argument("--area", help="helpers with this one practice area (its code)")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--hub", help="only candidates of this hub (code)")
        parser.add_argument("--region", help="only candidates of this region (code)")
        parser.add_argument("--language", help="only candidates working in this language (ISO 639-1)")
        parser.add_argument("--exclude-own-country", action="store_true")
        parser.add_argument("--diversity", type=int, help="at most N results from one country")
        parser.add_argument("--profiles", help="a JSON Lines file of profiles; no database is used")
        parser.add_argument("--strict", action="store_true", help="stop at the first bad line (exit status 2)")
        parser.add_argument(
            "--json", action="store_true", help="print JSON (one asker: a list; several: JSON Lines, one per asker)"
        )

    def execute(self, *args, **options):
        _utf8(options.get("stdout") or sys.stdout)
        _utf8(options.get("stderr") or sys.stderr)
        return super().execute(*args, **options)

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        if options["area"] and options["area"] not in PRACTICE_AREA_CODES:
            raise CommandError(f"unknown practice area {options['area']!r}; known: {', '.join(PRACTICE_AREA_CODES)}")
        engine = Engine(self._profiles(options))
        limits = self._limits(engine, options)
        askers = self._askers(engine, options)
        several = len(askers) != 1 or options["for_all"] or options["askers"] or "," in (options["slug"] or "")
        area = options["area"] if options["kind"] == "helpers" else None
        found = engine.top_many(options["kind"], askers, area=area, top=options["top"], options=limits)
        for slug, matches in found:
            rows = self._rows(engine, matches)
            if options["json"]:
                if several:
                    self.stdout.write(
                        json.dumps({"for": slug, "kind": options["kind"], "matches": rows}, ensure_ascii=False)
                    )
                else:
                    self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
                continue
            if several:
                self.stdout.write(f"{engine.profile(slug).name} ({slug})")
            if not rows:
                self.stdout.write("No suggestions.")
            for rank, row in enumerate(rows, start=1):
                self.stdout.write(f"{rank:>2}. {row['name']} ({row['id']})  {row['score']:.3f}")
                for reason in row["reasons"]:
                    self.stdout.write(f"      - {reason['text']}")

    def _rows(self, engine, matches):
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
        return rows

    def _limits(self, engine, options) -> Options:
        """The candidate limits; an unknown region, hub or language is an error naming the valid ones
        (rather than a silently empty list)."""
        profiles = [engine.profile(i) for i in engine.ids]
        known = {
            "region": sorted({code for code, *_ in REGIONS} | {p.region for p in profiles}),
            "hub": sorted({code for code, *_ in HUBS} | {p.hub for p in profiles if p.hub}),
            "language": sorted({code for p in profiles for code in p.languages}),
        }
        for name, valid in known.items():
            value = options[name]
            if value is not None and value not in valid:
                where = "" if name != "language" else " (languages the profiles work in)"
                raise CommandError(f"unknown {name} {value!r}; valid{where}: {', '.join(valid) or 'none'}")
        try:
            return Options(
                hub=options["hub"],
                region=options["region"],
                language=options["language"],
                exclude_own_country=options["exclude_own_country"],
                diversity=options["diversity"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None

    def _askers(self, engine, options) -> list[str]:
        if options["for_all"]:
            return engine.ids
        if options["askers"]:
            try:
                with open(options["askers"], encoding="utf-8-sig") as handle:
                    slugs = [line.split("#", 1)[0].strip() for line in handle]
            except OSError as error:
                raise CommandError(f"cannot read {options['askers']}: {error.strerror}") from None
            except UnicodeDecodeError:
                raise CommandError(f"{options['askers']} is not UTF-8 text") from None
        else:
            slugs = [slug.strip() for slug in options["slug"].split(",")]
        slugs = list(dict.fromkeys(slug for slug in slugs if slug))  # in order, once each
        if not slugs:
            raise CommandError("no asking authority given")
        if missing := [slug for slug in slugs if slug not in engine]:
            shown = ", ".join(repr(slug) for slug in missing[:10]) + (" ..." if len(missing) > 10 else "")
            noun = "authority" if len(missing) == 1 else "authorities"
            raise CommandError(f"no {noun} {shown} among the {len(engine)} profiles")
        return slugs

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
