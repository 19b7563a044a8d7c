"""Build the benchmark database once: 100,000 generated authorities (bench/data/scale.sqlite3)."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "bench" / "data" / "scale.sqlite3"
COUNT = int(os.environ.get("BENCH_COUNT", "100000"))

if DB.exists() and "--force" not in sys.argv:
    print(f"{DB.relative_to(ROOT)} exists (delete it or pass --force to rebuild).")
    sys.exit(0)
DB.parent.mkdir(parents=True, exist_ok=True)
DB.unlink(missing_ok=True)
env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"}
env.pop("DATABASE_URL", None)
start = time.perf_counter()
subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
subprocess.run(
    [sys.executable, "manage.py", "load_demo_network", "--count", str(COUNT), "--seed", "100"],
    cwd=ROOT,
    env=env,
    check=True,
)
print(f"Built {COUNT} authorities in {time.perf_counter() - start:.0f} s")
