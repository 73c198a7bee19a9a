"""SQL functions that differ between SQLite and PostgreSQL, behind one name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class occurs_in(FunctionElement[bool]):
    """`occurs_in(needle, haystack)`: plain substring test, no wildcards, no case folding.

    For text that is already folded (Resident.search_text) this is what LIKE '%…%' with escaping
    does, at about half the cost: instr() on SQLite, strpos() on PostgreSQL.
    """

    type = Boolean()
    inherit_cache = True
    name = "occurs_in"


@compiles(occurs_in)
def _occurs_in_sqlite(element: occurs_in, compiler: SQLCompiler, **kw: Any) -> str:
    needle, haystack = list(element.clauses)
    return f"(instr({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)}) > 0)"


@compiles(occurs_in, "postgresql")
def _occurs_in_postgresql(element: occurs_in, compiler: SQLCompiler, **kw: Any) -> str:
    needle, haystack = list(element.clauses)
    return f"(strpos({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)}) > 0)"
