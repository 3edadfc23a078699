"""Content-addressed storage of uploads: a file's name is its SHA-256, written before any processing."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from analyzer.errors import PayloadTooLarge

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class StoredFile:
    sha256: str
    relative_path: str
    size: int


class BlobStore:
    """Files under ``root/recordings/ab/abcdef...<suffix>``; storing the same bytes twice keeps one copy."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, relative_path: str) -> Path:
        return self.root / relative_path

    def put(self, stream: BinaryIO, *, suffix: str, max_bytes: int) -> StoredFile:
        """Copies ``stream`` to the store, hashing it on the way, durably (fsync, atomic rename).

        Raises:
            PayloadTooLarge: the stream is longer than ``max_bytes``.
        """
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise PayloadTooLarge(f"the upload exceeds the limit of {max_bytes / 2**20:g} MB",
                                              details={"max_bytes": max_bytes})
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            relative = f"recordings/{sha[:2]}/{sha}{suffix}"
            target = self.root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                os.unlink(tmp_name)
            else:
                os.replace(tmp_name, target)
            return StoredFile(sha, relative, size)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise
