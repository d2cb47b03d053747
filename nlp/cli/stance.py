"""``nlp stance``: tag each actor's stance."""

from __future__ import annotations

from ._analysis import register
from ._app import app

register(app, "stance", ("stance",), """Tag each actor's stance, with the sentences that justify it.

Default actors are Russia, Ukraine and the US; add or replace them with --actor or
--actors-file. An actor the article never mentions is 'absent'.
""")
