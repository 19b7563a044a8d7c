from django.core.management.base import BaseCommand, CommandError

from cities.demo import build_demo_network, delete_demo_network
from cities.models import City


class Command(BaseCommand):
    help = "Build the demo network (about 200 authorities) or, with --count, a scale data set for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200, help="How many authorities to generate (default 200).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--reset", action="store_true", help="Delete the existing demo authorities first.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when any authority exists.")
        parser.add_argument("--no-pages", action="store_true", help="Skip the demo site pages.")
        parser.add_argument(
            "--resources",
            type=int,
            default=None,
            help="How many generated resource and news pages to add for benchmarks "
            "(default: as many as --count when it is above 200, else none).",
        )

    def handle(self, *args, count, seed, reset, if_empty, no_pages, resources, **options):
        if count < 1:
            raise CommandError("--count must be 1 or more.")
        if resources is not None and resources < 0:
            raise CommandError("--resources must be 0 or more.")
        if resources is None:
            resources = count if count > 200 else 0
        if if_empty and City.objects.exists():
            self.stdout.write("The network already has authorities; nothing loaded.")
            return
        if reset:
            self.stdout.write(f"Deleted {delete_demo_network()} demo records.")
        elif City.objects.filter(is_demo=True).exists():
            raise CommandError("Demo data is already loaded. Use --reset to rebuild it.")
        created = build_demo_network(count=count, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Created {created} demo authorities (seed {seed})."))
        from core.queue import enqueue
        from matching.tasks import recompute_suggestions

        enqueue(recompute_suggestions)
        self.stdout.write("Suggestions are being computed by the task worker.")
        if not no_pages:
            from core.demo import load_demo_pages

            load_demo_pages()
            self.stdout.write(self.style.SUCCESS("Demo pages loaded in English, Arabic, French and Spanish."))
            from resources.demo import load_resources_demo

            made = load_resources_demo()
            self.stdout.write(self.style.SUCCESS(f"Demo Resource Hub and news loaded: {made}."))
            from events.demo import load_events_demo

            made = load_events_demo()
            self.stdout.write(self.style.SUCCESS(f"Demo events loaded: {made}."))
            if resources:
                from resources.scale import load_resources_scale

                made = load_resources_scale(resources, seed=seed, stdout=self.stdout)
                self.stdout.write(self.style.SUCCESS(f"Generated resources and news for benchmarks: {made}."))
        # Engagement (activity/): what the demo's records show, and a made-up year for the demo members (marked as demo).
        from activity.scale import load_activity_demo

        made = load_activity_demo(seed=seed)
        self.stdout.write(
            self.style.SUCCESS(f"Demo activity: {made['recorded']} recorded, {made['generated']} generated.")
        )
