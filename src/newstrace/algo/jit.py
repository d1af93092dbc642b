"""numba's ``njit`` with an on-disk cache when one can be written, and without one otherwise.

numba keeps compiled kernels beside the source file, else under the user's cache directory; when
neither is writable (a read-only install run by a user without a home) ``cache=True`` raises at
import time, and the tool could not even print its help. Compiling on each run is slower but works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["njit", "prefetch"]


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


@intrinsic
def _prefetch(typingctx: Any, array: Any, index: Any) -> Any:
    """``prefetch(array, i)`` in a kernel: asks the CPU to start loading the cache line of
    ``array[i]`` (1-D) and returns at once, so that a loop over scattered rows can fetch the
    rows of later iterations while it works on this one (LLVM's ``llvm.prefetch``, for reading,
    kept in every cache level)."""

    if not (isinstance(array, types.Array) and array.ndim == 1 and array.layout == "C"):
        return None  # no such signature: only a contiguous row has its items side by side

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        array_type = signature.args[0]
        data = context.make_array(array_type)(context, builder, args[0])
        pointer = builder.gep(data.data, [args[1]])  # 1-D and contiguous: the item's address
        byte_pointer = builder.bitcast(pointer, ir.IntType(8).as_pointer())
        i32 = ir.IntType(32)
        function_type = ir.FunctionType(ir.VoidType(), [byte_pointer.type, i32, i32, i32])
        function = builder.module.globals.get("llvm.prefetch") or ir.Function(
            builder.module, function_type, "llvm.prefetch"
        )
        builder.call(function, [byte_pointer, ir.Constant(i32, 0), ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return types.void(array, index), codegen


prefetch = cast(Callable[[Any, Any], None], _prefetch)
