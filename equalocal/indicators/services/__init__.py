"""Writes of the indicators app; views, the API, commands, tasks and the demo all call these.

``figures``: indicators, measurements, targets, scorecards and the grid; ``imports``: files
previewed then imported (bulk imports run through :mod:`equalocal.indicators.imports`).
"""

from .figures import (
    GridSave,
    indicator_save,
    measurement_set,
    scorecard_grid_save,
    scorecard_save,
    target_save,
    target_upsert,
)
from .imports import (
    import_confirm,
    import_figures,
    import_preview,
    import_previews_discard,
    import_retry,
    import_run,
    imports_requeue,
    proposal_answer,
    stale_after,
)

__all__ = [
    "GridSave",
    "import_confirm",
    "import_figures",
    "import_preview",
    "import_previews_discard",
    "import_retry",
    "import_run",
    "imports_requeue",
    "indicator_save",
    "measurement_set",
    "proposal_answer",
    "scorecard_grid_save",
    "scorecard_save",
    "stale_after",
    "target_save",
    "target_upsert",
]
