"""The rules, one module each (tests beside them, ``test_<module>.py``). Importing this package
registers every rule in :data:`juesuan.checks.engine.REGISTRY`."""
from __future__ import annotations

import importlib
import pkgutil

for _info in pkgutil.iter_modules(__path__):
    if not _info.name.startswith(("test_", "_")):
        importlib.import_module(f"{__name__}.{_info.name}")
