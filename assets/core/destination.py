"""Where releases go: a local folder or any filesystem URI pyarrow or fsspec understand.

Every read and write of a release goes through `Destination`, so a folder on disk, `file://`,
`s3://`, `gs://`, `hdfs://` (pyarrow's own filesystems) and fsspec's protocols (`memory://`,
`az://`, …, when the matching fsspec package is installed) share one code path.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.fs as pafs


@dataclass(frozen=True)
class Destination:
    fs: pafs.FileSystem
    root: str  # the folder releases live in, as a path of `fs`
    uri: str  # how the user wrote it

    @classmethod
    def open(cls, where: str | os.PathLike) -> Destination:
        where = os.fspath(where)
        if "://" not in where:
            return cls(pafs.LocalFileSystem(), os.path.abspath(where), os.path.abspath(where))
        try:
            fs, root = pafs.FileSystem.from_uri(where)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            import fsspec

            fsspec_fs, root = fsspec.core.url_to_fs(where)
            fs = pafs.PyFileSystem(pafs.FSSpecHandler(fsspec_fs))
        return cls(fs, root.rstrip("/") or "/", where.rstrip("/"))

    @property
    def is_local(self) -> bool:
        """Local folders rename atomically; object stores do not."""
        return isinstance(self.fs, pafs.LocalFileSystem)

    def path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def display(self, *parts: str) -> str:
        """A path under the destination the way the user would write it."""
        return posixpath.join(self.uri, *parts) if parts else self.uri

    def child(self, name: str) -> Destination:
        return Destination(self.fs, self.path(name), self.display(name))

    # Reading

    def exists(self, *parts: str) -> bool:
        return self.fs.get_file_info(self.path(*parts)).type != pafs.FileType.NotFound

    def is_file(self, *parts: str) -> bool:
        return self.fs.get_file_info(self.path(*parts)).type == pafs.FileType.File

    def subfolders(self) -> list[str]:
        if self.fs.get_file_info(self.root).type != pafs.FileType.Directory:
            return []
        infos = self.fs.get_file_info(pafs.FileSelector(self.root, recursive=False))
        return sorted(i.base_name for i in infos if i.type == pafs.FileType.Directory)

    def files(self) -> dict[str, int]:
        """Every file below the root, as {relative posix path: size in bytes}."""
        if self.fs.get_file_info(self.root).type != pafs.FileType.Directory:
            return {}
        infos = self.fs.get_file_info(pafs.FileSelector(self.root, recursive=True))
        prefix = self.root.rstrip("/") + "/"
        return {
            i.path[len(prefix) :] if i.path.startswith(prefix) else i.base_name: i.size
            for i in infos
            if i.type == pafs.FileType.File
        }

    def read_bytes(self, *parts: str) -> bytes:
        with self.fs.open_input_stream(self.path(*parts)) as f:
            return f.read()

    def read_text(self, *parts: str) -> str:
        return self.read_bytes(*parts).decode()

    # Writing

    def make_dirs(self, *parts: str) -> None:
        self.fs.create_dir(self.path(*parts), recursive=True)

    def write_bytes(self, relpath: str, data: bytes) -> None:
        parent = posixpath.dirname(relpath)
        if parent:
            self.make_dirs(parent)
        with self.fs.open_output_stream(self.path(relpath)) as f:
            f.write(data)

    def write_text(self, relpath: str, text: str) -> None:
        self.write_bytes(relpath, text.encode())

    def move(self, src: str, dst: str) -> None:
        """Rename a folder. On a local disk this fails when `dst` is a folder with anything in it."""
        self.fs.move(self.path(src), self.path(dst))

    def delete(self, *parts: str) -> None:
        info = self.fs.get_file_info(self.path(*parts))
        if info.type == pafs.FileType.Directory:
            self.fs.delete_dir(info.path)
        elif info.type == pafs.FileType.File:
            self.fs.delete_file(info.path)
