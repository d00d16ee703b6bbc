"""Edit text in the user's $EDITOR (as `\\e` does): a temporary .sql file, the editor's verdict."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from querynl.errors import QueryNLError

DEFAULT_EDITOR = "vi"


def edit_text(text: str) -> str:
    """The text after the editor saved it; QueryNLError when the editor fails."""
    command = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or DEFAULT_EDITOR)
    with tempfile.TemporaryDirectory(prefix="querynl-") as folder:
        path = Path(folder) / "query.sql"
        path.write_text(text, encoding="utf-8")
        try:
            status = subprocess.run([*command, str(path)], check=False).returncode
        except OSError as exc:
            raise QueryNLError(f"Cannot start the editor {command[0]}: {exc.strerror}") from None
        if status != 0:
            raise QueryNLError(f"The editor {command[0]} exited with status {status}; nothing was run.")
        return path.read_text(encoding="utf-8")
