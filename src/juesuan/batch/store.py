"""The results cache: one record per document, keyed by its content, the juesuan version and the
options that change a result (the profile), so a killed or repeated batch redoes only what is new.

Each record is written as soon as its document is done (compressed JSON, written to a temporary
name and renamed into place), so killing the batch at any moment loses at most the documents in
flight. A damaged entry is ignored and the document is audited again.
"""
from __future__ import annotations

import hashlib
import json
import os
import zlib
from pathlib import Path


# The kept model JSON's format: bumped when a record written before cannot be read back (2: a model
# names its profile; before, exclude_defaults left out profile "shanxi").
RECORD_FORMAT = 2


class ResultStore:
    def __init__(self, folder: Path | None, *, profile: str | None = None):
        from .. import __version__

        self.folder = folder
        self.salt = f"{__version__}\0{RECORD_FORMAT}\0{profile or ''}"
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def light(self, record: dict) -> dict:
        """The record without its read model (the bulk of it: 50–300 kB) when the cache keeps it;
        :func:`model_json` fetches it again. A batch of thousands then holds only the findings."""
        if self.folder is None or "model" not in record:
            return record
        out = {k: v for k, v in record.items() if k != "model"}
        out["stored"] = {"folder": str(self.folder), "salt": self.salt}
        return out

    @classmethod
    def default(cls, profile: str | None = None) -> "ResultStore":
        from ..cache import cache_dir

        return cls(cache_dir("audit-results"), profile=profile)

    def _path(self, sha256: str) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(f"{self.salt}\0{sha256}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.json.z"

    def get(self, sha256: str) -> dict | None:
        path = self._path(sha256)
        if path is None:
            return None
        try:
            record = json.loads(zlib.decompress(path.read_bytes()))
        except (OSError, zlib.error, ValueError):
            return None
        return record if isinstance(record, dict) and record.get("sha256") == sha256 else None

    def put(self, record: dict) -> None:
        """Keep a finished record. Failures are kept too (the same bytes fail the same way) except
        those that depend on the machine rather than the file (a worker process lost)."""
        path = self._path(record["sha256"])
        if path is None or record.get("transient"):
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(zlib.compress(json.dumps(record, ensure_ascii=False).encode("utf-8"), 3))
            os.replace(tmp, path)
        except OSError:
            pass  # an unwritable cache costs time only


def model_json(record: dict) -> str:
    """The read model (JSON) of a record, from the record or the cache that kept it."""
    if "model" in record:
        return record["model"]
    where = record.get("stored") or {}
    store = ResultStore(Path(where["folder"]))
    store.salt = where["salt"]
    kept = store.get(record["sha256"])
    if kept is None or "model" not in kept:
        raise LookupError(f"{record['file']}: the cached result was removed during the batch; run it again")
    return kept["model"]
