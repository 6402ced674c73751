"""Read members of an untrusted ZIP (a .docx) without letting a zip bomb fill memory.

Limits are checked on the central directory before anything is inflated, and again while
inflating, because the sizes a ZIP declares can lie.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from documents.importers.errors import ImportRefused

MAX_MEMBERS = 2_000
MAX_TOTAL_UNCOMPRESSED = 64 * 1024 * 1024
# Word XML compresses 5-20x; a ratio far beyond that is the signature of a bomb.
MAX_RATIO = 200
_CHUNK = 64 * 1024

_BOMB = ("This {kind} file expands to far more data than any resume ({detail}); it looks like a "
         "zip bomb and was not opened. Save the document again from your word processor and "
         "upload that copy.")
_CORRUPT = ("This {kind} file is damaged and cannot be opened ({detail}). Open it in your word "
            "processor, save it again as .docx, and upload the new copy.")


class SafeZip:
    def __init__(self, data: bytes, kind: str) -> None:
        self.kind = kind
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
            raise ImportRefused(_CORRUPT.format(kind=kind, detail=error)) from error
        if len(infos) > MAX_MEMBERS:
            raise ImportRefused(_BOMB.format(kind=kind, detail=f"{len(infos)} parts"))
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise ImportRefused(_BOMB.format(kind=kind, detail=_megabytes(total)))
        for info in infos:
            ratio = info.file_size // max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                raise ImportRefused(_BOMB.format(kind=kind, detail=f"compressed {ratio}:1"))
        self._infos = {info.filename: info for info in infos}
        self._inflated = 0

    def names(self) -> list[str]:
        return list(self._infos)

    def read(self, name: str) -> bytes | None:
        """The member's bytes, or None when the ZIP has no such member."""
        info = self._infos.get(name)
        if info is None:
            return None
        out = bytearray()
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    out += chunk
                    self._inflated += len(chunk)
                    if len(out) > info.file_size or self._inflated > MAX_TOTAL_UNCOMPRESSED:
                        raise ImportRefused(_BOMB.format(
                            kind=self.kind, detail="its parts are larger than they declare"))
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, EOFError,
                OSError) as error:
            raise ImportRefused(_CORRUPT.format(kind=self.kind, detail=error)) from error
        except RuntimeError as error:  # zipfile's word for an encrypted member
            raise ImportRefused(
                f"This {self.kind} file is password-protected; remove the password in your word "
                "processor, save it, and upload it again."
            ) from error
        return bytes(out)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB uncompressed"
