"""What this running code is, as a short digest, for the keys of what is kept rendered.

Pages, lists and profiles are kept in the shared cache under the content and data versions
(`core/chrome.py`, `cities/selectors.py`), which move on when content or data change, not when the
code does: after an upgrade (new templates, translations, Python code or pinned libraries) the old
HTML would be served until the next publish. The digest of those files goes into every such key, so
a new release starts with its own entries and the old ones expire unused. Read once per process (the
app server reads it before it forks: `config/gunicorn.py` preloads the app).
"""

import hashlib
import os
from functools import cache

from django.conf import settings

KINDS = (".py", ".html", ".txt", ".mo", ".json", ".js", ".css", ".svg")
SKIPPED = {".venv", "node_modules", ".git", "bench", "media", "staticfiles", "tests", "__pycache__"}


@cache
def release() -> str:
    """A digest of the project's code, templates, message catalogues and pinned requirements, or the
    `RELEASE` environment variable where the deployment names its releases."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"][:40]
    digest = hashlib.blake2b(digest_size=6)
    root = settings.BASE_DIR
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED and not name.startswith("."))
        for name in sorted(files):
            if name.endswith(KINDS):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, root).encode())
                with open(path, "rb") as file:
                    digest.update(file.read())
    return digest.hexdigest()
