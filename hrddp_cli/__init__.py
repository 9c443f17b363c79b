"""hrddp: human rights due diligence dossiers kept in git, validated, scored and briefed."""

from __future__ import annotations


def __version__() -> str:
    """The installed distribution's version (the one place it is written is pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hrddp")
    except PackageNotFoundError:
        return "0+unknown"
