"""numba's ``njit`` with an on-disk cache when one can be written, and without one otherwise.

numba keeps compiled kernels beside the source file, else under the user's cache directory; when
neither is writable (a read-only install run by a user without a home) ``cache=True`` raises at
import time, and the tool could not even print its help. Compiling on each run is slower but works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numba

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["njit"]


def njit(**options: Any) -> Callable[[F], F]:
    """``numba.njit(cache=True, **options)``, falling back to no cache when none can be written."""

    def decorate(function: F) -> F:
        try:
            return numba.njit(cache=True, **options)(function)  # type: ignore[no-any-return]
        except RuntimeError as exc:  # "cannot cache function ...: no locator available"
            if "cannot cache" not in str(exc):
                raise
            return numba.njit(cache=False, **options)(function)  # type: ignore[no-any-return]

    return decorate
