"""The Qt tray app. The only package that imports Qt; it owns no domain rules.

The Qt-free modules the app needs are imported here, before Qt: Qt for Python's import hook
reads the whole source of every module imported after it (to learn whether the module opts in
to its ``__feature__`` switches, which this app does not use) and the text stays in Python's
line cache. Imported after Qt, numpy and the core came to ~4 million characters, ~10 MB held
all day (bench: a tracemalloc snapshot of the ready app).
"""

import numpy  # noqa: F401  (the search index's arrays)

import assistant.core.phrases.suggest
import assistant.core.search.index
import assistant.core.sync.service
import assistant.core.workspace  # noqa: F401
