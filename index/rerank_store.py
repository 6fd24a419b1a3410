"""Every vector of a compressed shot index as float16 rows on disk, for exact re-ranking by id.

The compressed index keeps only short codes in memory; its top candidates are re-scored against these
rows (a memory map, so the page cache holds what is hot). Rows are append-only: a saved index names
its data file and how many of its rows are committed, so the one writer (ingest holds the library's
lock) appends and then commits by replacing the index file atomically, while other processes keep
reading the committed part they mapped. A removed id only loses its row (id -1); the file is
rewritten without such rows when they outnumber the live ones, or when the committed file moved on.
Reading by id instead from SQLite costs a B-tree lookup per candidate in a file twice this size.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import secrets
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from index.atomic import owner_tag

ROW_DTYPE = np.dtype(np.float16)
COPY_CHUNK_ROWS = 65_536
# every float16 bit pattern as float32: a table lookup widens ~2x faster than numpy's scalar cast
_FLOAT16_TO_32 = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(np.float32)


def data_file_name(index_path: Path, token: str) -> str:
    """The data file beside an index file: ``faiss.index.<token>.f16`` (a new token per rewrite)."""
    return f"{index_path.name}.{token}.f16"


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _new_file(directory: Path, prefix: str) -> Path:
    """An empty file with a temp name that ``index.sweep`` recognises (ours until renamed), made with
    the usual permissions (mkstemp's 0600 would hide the library's files from its other users)."""
    directory.mkdir(parents=True, exist_ok=True)
    while True:
        path = directory / f".{prefix}.{owner_tag()}{secrets.token_hex(4)}.f16.part"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
            return path
        except FileExistsError:
            continue


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


class RerankStore:
    """float16 rows by id: the first ``file_rows`` in a data file, later ones in memory until saved."""

    def __init__(self, dim: int, data_path: Path, row_ids: np.ndarray, file_rows: int, private: bool) -> None:
        self.dim = dim
        self._data_path = data_path
        self._row_ids = row_ids  # our id per row; -1 where the vector was removed
        self._file_rows = file_rows
        self._private = private  # a file of our own, not yet named by a saved index: appends go straight in
        self._tail = np.zeros((0, dim), ROW_DTYPE)  # rows added to a shared file, kept until save
        self._map: np.ndarray | None = None
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None  # (ids sorted, their rows)
        self._cleanup = weakref.finalize(self, _unlink_quietly, data_path) if private else None

    @classmethod
    def create(cls, dim: int, spill_dir: Path | None = None) -> RerankStore:
        """An empty store in a file of its own (swept like any temp file if we die before saving it)."""
        directory = Path(spill_dir) if spill_dir is not None else Path(tempfile.gettempdir())
        return cls(dim, _new_file(directory, "rerank"), np.zeros(0, np.int64), 0, private=True)

    @classmethod
    def open(cls, data_path: Path, dim: int, row_ids: np.ndarray) -> RerankStore:
        """The committed rows of a saved index (``RuntimeError`` when the file is gone or too short)."""
        try:
            size = data_path.stat().st_size
        except FileNotFoundError as exc:
            raise RuntimeError(f"the index's vector file {data_path.name} is missing") from exc
        if size < len(row_ids) * dim * ROW_DTYPE.itemsize:
            raise RuntimeError(f"the index's vector file {data_path.name} holds fewer rows than the index")
        return cls(dim, data_path, row_ids, len(row_ids), private=False)

    # -- reading ----------------------------------------------------------------------------------
    @property
    def live(self) -> int:
        return int(np.count_nonzero(self._row_ids >= 0))

    @property
    def row_ids(self) -> np.ndarray:
        return self._row_ids

    @property
    def data_path(self) -> Path:
        return self._data_path

    def ids(self) -> np.ndarray:
        """Every live id, sorted."""
        sorted_ids, rows = self._lookup_table()
        return sorted_ids[self._row_ids[rows] == sorted_ids].copy()

    def _lookup_table(self) -> tuple[np.ndarray, np.ndarray]:
        if self._sorted is None:
            live_rows = np.flatnonzero(self._row_ids >= 0)
            order = np.argsort(self._row_ids[live_rows], kind="stable")
            self._sorted = (self._row_ids[live_rows][order], live_rows[order])
        return self._sorted

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """The row of each id, -1 where the store has no live row for it."""
        sorted_ids, rows = self._lookup_table()
        ids = np.asarray(ids, dtype=np.int64)
        if not len(sorted_ids):
            return np.full(len(ids), -1, np.int64)
        at = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
        found = rows[at]
        return np.where((sorted_ids[at] == ids) & (self._row_ids[found] == ids), found, -1)

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """float32 vectors of the given (existing) rows, in that order."""
        return np.take(_FLOAT16_TO_32, self._rows16(rows).view(np.uint16))

    def _rows16(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64)
        in_file = rows < self._file_rows
        if in_file.all():
            return self._file_map()[rows]
        out = np.empty((len(rows), self.dim), ROW_DTYPE)
        out[in_file] = self._file_map()[rows[in_file]]
        out[~in_file] = self._tail[rows[~in_file] - self._file_rows]
        return out

    def _file_map(self) -> np.ndarray:
        """The file's committed rows, mapped for random reads: a re-rank touches a few hundred scattered
        rows, and the kernel's default read-ahead would pull in (and keep) far more than those."""
        if self._map is None or len(self._map) != self._file_rows:
            if not self._file_rows:
                return np.zeros((0, self.dim), ROW_DTYPE)
            with open(self._data_path, "rb") as fh:
                mapped = mmap.mmap(fh.fileno(), self._file_rows * self.dim * ROW_DTYPE.itemsize,
                                   access=mmap.ACCESS_READ)
            mapped.madvise(mmap.MADV_RANDOM)
            self._map = np.frombuffer(mapped, ROW_DTYPE).reshape(self._file_rows, self.dim)
        return self._map

    def _iter_live(self) -> Iterator[np.ndarray]:
        """The live rows in row order, a chunk at a time (a rewrite never holds them all)."""
        total = len(self._row_ids)
        for start in range(0, total, COPY_CHUNK_ROWS):
            rows = np.arange(start, min(total, start + COPY_CHUNK_ROWS))
            rows = rows[self._row_ids[rows] >= 0]
            if len(rows):
                yield self._rows16(rows)

    # -- changing ---------------------------------------------------------------------------------
    def append(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        ids = np.asarray(ids, dtype=np.int64)
        rows16 = np.ascontiguousarray(vectors, dtype=ROW_DTYPE).reshape(len(ids), self.dim)
        first_row = len(self._row_ids)
        if self._private:
            with open(self._data_path, "ab") as fh:
                fh.write(rows16.tobytes())
            self._file_rows += len(ids)
        else:
            self._tail = np.concatenate([self._tail, rows16])
        self._row_ids = np.concatenate([self._row_ids, ids])
        self._extend_lookup(ids, np.arange(first_row, first_row + len(ids)))

    def _extend_lookup(self, ids: np.ndarray, rows: np.ndarray) -> None:
        """Keep the sorted table when new ids come in increasing order past the old ones (the usual
        case: the store draws them from an autoincrement), else rebuild it on the next lookup."""
        if self._sorted is None:
            return
        sorted_ids, sorted_rows = self._sorted
        ascending = len(ids) < 2 or bool(np.all(np.diff(ids) > 0))
        if ascending and (not len(sorted_ids) or not len(ids) or ids[0] > sorted_ids[-1]):
            self._sorted = (np.concatenate([sorted_ids, ids]), np.concatenate([sorted_rows, rows]))
        else:
            self._sorted = None

    def remove(self, ids: np.ndarray) -> np.ndarray:
        """Drop the rows of these ids; returns the ids that were present."""
        rows = self.rows_of(ids)
        rows = rows[rows >= 0]
        present = self._row_ids[rows].copy()
        self._row_ids[rows] = -1  # the sorted table stays valid: lookups check the row still holds the id
        return present

    # -- saving -----------------------------------------------------------------------------------
    def persist_beside(self, index_path: Path, committed: tuple[str, int] | None) -> str:
        """Make every row durable in a data file beside ``index_path``; returns that file's name.

        ``committed`` is what the index file there names now (data file, rows): when that is our file
        at our length, new rows are appended in place; otherwise (a fresh store, another writer's
        file, or mostly removed rows) the live rows are written to a new file. The caller commits by
        replacing the index file, then calls ``drop_others``.
        """
        directory = index_path.parent
        directory.mkdir(parents=True, exist_ok=True)
        mostly_dead = len(self._row_ids) > 2 * self.live
        if self._private and self._data_path.parent == directory and not mostly_dead:
            _fsync(self._data_path)
            final = directory / data_file_name(index_path, secrets.token_hex(4))
            os.replace(self._data_path, final)
            self._settle(final, self._row_ids)
        elif (not self._private and not mostly_dead and committed is not None
              and self._data_path == directory / committed[0] and committed[1] == self._file_rows):
            with open(self._data_path, "r+b") as fh:
                fh.truncate(self._file_rows * self.dim * ROW_DTYPE.itemsize)  # a crashed append's tail
                fh.seek(0, os.SEEK_END)
                fh.write(self._tail.tobytes())
                fh.flush()
                os.fsync(fh.fileno())
            self._settle(self._data_path, self._row_ids)
        else:
            self._rewrite(index_path)
        return self._data_path.name

    def _rewrite(self, index_path: Path) -> None:
        tmp = _new_file(index_path.parent, index_path.name)
        try:
            with open(tmp, "wb") as fh:
                for chunk in self._iter_live():
                    fh.write(chunk.tobytes())
                fh.flush()
                os.fsync(fh.fileno())
            final = index_path.parent / data_file_name(index_path, secrets.token_hex(4))
            os.replace(tmp, final)
        finally:
            _unlink_quietly(tmp)
        if self._private:
            _unlink_quietly(self._data_path)
        self._settle(final, self._row_ids[self._row_ids >= 0])

    def _settle(self, data_path: Path, row_ids: np.ndarray) -> None:
        """Now a committed file: later additions stay in memory until the next save."""
        if self._cleanup is not None:
            self._cleanup.detach()
            self._cleanup = None
        if len(row_ids) != len(self._row_ids):
            self._sorted = None
        self._data_path, self._row_ids, self._file_rows = data_path, row_ids, len(row_ids)
        self._private, self._tail, self._map = False, np.zeros((0, self.dim), ROW_DTYPE), None

    def drop_others(self, index_path: Path) -> None:
        """Delete data files of earlier saves (a reader that mapped one keeps it until it lets go)."""
        for path in index_path.parent.glob(data_file_name(index_path, "*")):
            if path != self._data_path:
                _unlink_quietly(path)
