"""Configuration from pyproject.toml `[tool.toolkit]`; command-line flags win over it.

[tool.toolkit]
tei = "tei"
edition = "editions/odkb.toml"
jobs = 2          # worker processes for convert, validate, build (0: all cores)
cache = true      # reuse results of unchanged documents (.tei-edition-cache/)
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path


def load(folder: Path | None = None) -> dict:
    path = (folder or Path.cwd()) / "pyproject.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    section = data.get("tool", {}).get("toolkit", {})
    return section if isinstance(section, dict) else {}


def tei_dir(value: Path | None, config: dict) -> Path:
    """The TEI folder: the flag, else `tei`, else tei/."""
    return value if value is not None else Path(str(config.get("tei", "tei")))


def edition(value: Path | None, config: dict) -> Path:
    """The edition file: the flag, else `edition`, else editions/odkb.toml."""
    return value if value is not None else Path(str(config.get("edition", "editions/odkb.toml")))


def jobs(value: int | None, config: dict) -> int:
    """Worker processes: the flag, else the config, else all cores."""
    n = value if value is not None else int(config.get("jobs", 0) or 0)
    return n if n > 0 else (os.cpu_count() or 1)


def cache_dir(enabled: bool | None, config: dict) -> Path | None:
    on = enabled if enabled is not None else bool(config.get("cache", True))
    return Path(config.get("cache_dir", ".tei-edition-cache")) if on else None
