"""SQL that turns raw text columns into typed columns and collects every problem.

For each contract column this builds a typed expression, computed once per row, and checks on
the result; a check is a SQL condition that is true when the value is bad, with a rule id and
a plain-English message. Almost every type check is the same question: a value was given, but
it did not become a typed value. The whole file is typed and checked in one vectorised pass in
DuckDB: no Python loop over rows.

Raw values arrive as VARCHAR (CSV read as text; Parquet columns cast to VARCHAR). They are
taken exactly as given: an empty value means "not given", and nothing is trimmed (a code with
a stray space is an unknown code, and says so).

There is no join, so the query keeps the rows in the order read: a file can be typed straight
from the CSV reader and its rows numbered afterwards. The query has four layers, so that
nothing is computed twice:

1. ``__v_<col>``: the value, NULL when empty; for date-times, whether it carries an offset;
2. for date-times, the wall-clock part and the offset;
3. the typed columns (London local times converted to UTC by the macro ``__london_utc``, which
   looks each year's clock rules of ``domain.london_time`` up in constant lists), keeping the
   ``__v_`` values for messages;
4. ``__problems``: NULL for a good row, else the list of (column, value, rule, message) for
   every check the row fails, row rules included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from assurance.domain import vocabularies as voc
from assurance.domain.contract import Column, RecordFile
from assurance.domain.london_time import year_clocks

#: the staging macro converting a London local TIMESTAMP to UTC (see ``london_macro_sql``)
LONDON_UTC = "__london_utc"
FIRST_YEAR, LAST_YEAR = 1970, 2100


def quote_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Check:
    """A bad-value condition on one column, over the typed layer."""

    column: str
    bad: str  # SQL, true when the value breaks the rule
    rule: str
    message: str


def _timestamps(values: list[datetime]) -> str:
    return "[" + ", ".join(f"TIMESTAMP '{v:%Y-%m-%d %H:%M:%S}'" for v in values) + "]"


def _integers(values: list[int]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


@cache
def london_macro_sql() -> str:
    """``CREATE TEMP MACRO __london_utc(t)``: a London local TIMESTAMP to UTC, NULL for a time
    in the skipped spring hour or outside the years FIRST_YEAR to LAST_YEAR.

    Each year's clock rules (``domain.london_time.year_clocks``) sit in constant lists indexed
    by the year, so the conversion is arithmetic on the row alone: no join, which would not
    keep the rows in the order read."""
    clocks = year_clocks(FIRST_YEAR, LAST_YEAR)
    i = f"(year(t) - {FIRST_YEAR - 1})"

    def at(values: str) -> str:
        return f"{values}[{i}]"

    forward_start = at(_timestamps([c.forward_start for c in clocks]))
    forward_end = at(_timestamps([c.forward_end for c in clocks]))
    back_end = at(_timestamps([c.back_end for c in clocks]))
    base = at(_integers([c.base for c in clocks]))
    forward_after = at(_integers([c.forward_after for c in clocks]))
    back_after = at(_integers([c.back_after for c in clocks]))
    return (
        f"CREATE OR REPLACE TEMP MACRO {LONDON_UTC}(t) AS CASE "
        f"WHEN year(t) NOT BETWEEN {FIRST_YEAR} AND {LAST_YEAR} THEN NULL "
        f"WHEN t < {forward_start} THEN t - to_minutes({base}) "
        f"WHEN t < {forward_end} THEN NULL "
        f"WHEN t < {back_end} THEN t - to_minutes({forward_after}) "
        f"ELSE t - to_minutes({back_after}) END"
    )


def _in_list(expr: str, codes: tuple[str, ...]) -> str:
    """True when ``expr`` is one of ``codes``. Not ``IN (...)``: DuckDB plans a long IN list
    as a join, which would not keep the rows in the order read."""
    return f"list_contains([{', '.join(quote_literal(c) for c in codes)}], {expr})"


def _codes_message(col: Column) -> str:
    codes = col.codes or ()
    if len(codes) <= 8:
        return "is not one of the allowed codes: " + ", ".join(codes)
    return f"is not a known {col.name} code (the list is in docs/data-contract.md)"


_DATETIME_RE = (
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?)"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)$"
)
_LOCAL_FORMATS = (
    "['%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', "
    "'%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M:%S.%f']"
)


def has_offset(v: str) -> str:
    """True when an ISO date-time carries Z or an offset (cheap string tests, no regex): a
    sign or a Z after the date part."""
    tail = f"substr({v}, 12)"
    return f"(contains({tail}, '+') OR contains({tail}, '-') OR suffix({v}, 'Z'))"


def local_part(v: str, offset_flag: str) -> str:
    """The wall-clock part of an ISO date-time as a TIMESTAMP (NULL if not a real one). The
    common case, no offset, goes straight to ``strptime``; only values with an offset go
    through the regular expression that splits it off."""
    pattern = quote_literal(_DATETIME_RE)
    wall = (
        f"CASE WHEN {offset_flag} THEN regexp_extract({v}, {pattern}, 1) || ' ' || "
        f"regexp_extract({v}, {pattern}, 2) ELSE {v} END"
    )
    return f"TRY_STRPTIME({wall}, {_LOCAL_FORMATS})"


def offset_minutes(v: str, offset_flag: str) -> str:
    """Minutes east of UTC given by the value's own offset, NULL when it has none."""
    off = f"regexp_extract({v}, {quote_literal(_DATETIME_RE)}, 5)"
    digits = f"replace(substr({off}, 2), ':', '')"
    return (
        f"CASE WHEN NOT {offset_flag} OR {off} = '' THEN NULL WHEN {off} = 'Z' THEN 0 ELSE "
        f"(CASE WHEN substr({off}, 1, 1) = '-' THEN -1 ELSE 1 END) * "
        f"(CAST(substr({digits}, 1, 2) AS INTEGER) * 60 + "
        f"coalesce(TRY_CAST(nullif(substr({digits}, 3, 2), '') AS INTEGER), 0)) END"
    )


def _typed(col: Column) -> tuple[str, str, str]:
    """The typed expression of a column (over layer 2), its bad-type rule and message."""
    v = f"__v_{col.name}"
    t = col.type
    if t in ("code", "text"):
        if col.codes:
            return (
                f"CASE WHEN {_in_list(v, col.codes)} THEN {v} END",
                "unknown-code",
                (_codes_message(col)),
            )
        if t == "code":
            return (
                f"CASE WHEN regexp_full_match({v}, '[a-z0-9]+(-[a-z0-9]+)*') THEN {v} END",
                "bad-code",
                "must be a lower-case kebab-case code, e.g. west-mercia",
            )
        return v, "", ""
    if t == "outcome":
        up = f"upper({v})"
        return (
            f"CASE WHEN {_in_list(up, voc.OUTCOME_CODES)} THEN {up} END",
            "unknown-outcome",
            "is not a Home Office outcome code (1 to 22, or 1A)",
        )
    if t == "measure":
        return (
            f"CASE WHEN regexp_full_match({v}, '[a-z][a-z0-9_]*([.][a-z0-9_]+)+') THEN {v} END",
            "bad-measure",
            "is not a measure id such as satisfaction.whole_experience",
        )
    if t == "integer":
        return (
            f"CASE WHEN regexp_full_match({v}, '[+-]?[0-9]+') THEN TRY_CAST({v} AS BIGINT) END",
            "not-integer",
            "is not a whole number",
        )
    if t == "decimal":
        pattern = quote_literal(r"[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?")
        return (
            f"CASE WHEN regexp_full_match({v}, {pattern}) THEN TRY_CAST({v} AS DOUBLE) END",
            "not-number",
            "is not a number (use a full stop for decimals, no commas)",
        )
    if t == "date":
        return (
            f"CAST(TRY_STRPTIME({v}, '%Y-%m-%d') AS DATE)",
            "not-date",
            "is not a real date in the form YYYY-MM-DD",
        )
    if t == "month":
        return (
            f"CAST(TRY_STRPTIME({v}, '%Y-%m') AS DATE)",
            "not-month",
            "is not a month in the form YYYY-MM",
        )
    if t == "boolean":
        low = f"lower({v})"
        return (
            f"CASE WHEN {_in_list(low, voc.TRUE_WORDS)} THEN TRUE "
            f"WHEN {_in_list(low, voc.FALSE_WORDS)} THEN FALSE END",
            "not-boolean",
            "is not true or false (1/0 and yes/no are accepted too)",
        )
    if t == "datetime":
        loc, off = f"__local_{col.name}", f"__off_{col.name}"
        # London local time → UTC by the year's clock rules (domain.london_time.YearClock);
        # the skipped spring hour gives NULL.
        return (
            f"CASE WHEN {off} IS NOT NULL THEN {loc} - to_minutes({off}) "
            f"ELSE {LONDON_UTC}({loc}) END",
            "not-datetime",
            "is not a real date-time in the form YYYY-MM-DDTHH:MM[:SS], optionally with Z or "
            "an offset such as +01:00",
        )
    raise ValueError(f"unknown column type {t}")  # pragma: no cover - the types are closed


def checks_for(col: Column) -> list[Check]:
    """Every check of one column, over the typed layer (typed value under the column name)."""
    v, typed = f"__v_{col.name}", ident(col.name)
    checks: list[Check] = []
    if col.required:
        checks.append(Check(col.name, f"{v} IS NULL", "required", "is required but empty"))
    _, rule, message = _typed(col)
    if col.type == "datetime":
        loc, off = f"__local_{col.name}", f"__off_{col.name}"
        in_range = f"year({loc}) BETWEEN {FIRST_YEAR} AND {LAST_YEAR}"
        checks += [
            Check(col.name, f"{v} IS NOT NULL AND {loc} IS NULL", rule, message),
            Check(col.name, f"{loc} IS NOT NULL AND NOT {in_range}", "out-of-range",
                  f"is outside the years {FIRST_YEAR} to {LAST_YEAR}"),
            Check(col.name, f"{loc} IS NOT NULL AND {off} IS NULL AND {in_range} AND "
                  f"{typed} IS NULL", "skipped-local-time",
                  "does not exist in London: the clocks went forward that night, skipping "
                  "this hour; correct the time or send it with its UTC offset"),
        ]  # fmt: skip
    elif rule:
        checks.append(Check(col.name, f"{v} IS NOT NULL AND {typed} IS NULL", rule, message))
    if col.minimum is not None:
        checks.append(Check(col.name, f"{typed} < {col.minimum}", "below-minimum",
                            f"is below the smallest allowed value, {col.minimum:g}"))  # fmt: skip
    if col.maximum is not None:
        checks.append(Check(col.name, f"{typed} > {col.maximum}", "above-maximum",
                            f"is above the largest allowed value, {col.maximum:g}"))  # fmt: skip
    return checks


def column_is_bad(col: Column) -> str | None:
    """One condition, true exactly when some check of ``checks_for(col)`` fails, with fewer
    operations than all of them together (it is evaluated on every row; the checks themselves
    only on bad rows). Every typed expression is NULL for an empty value, so:

    - a required column is bad when its typed value is NULL;
    - an optional one when a value was given but did not type;
    - a date-time is also bad when its year is out of range (with an offset its typed value
      is not NULL then), and its typed value is NULL for every other date-time check;
    - then the minimum and the maximum.

    None when nothing can be wrong with the column (optional free text)."""
    v, typed = f"__v_{col.name}", ident(col.name)
    _, rule, _ = _typed(col)
    wrong = f"{typed} IS NULL"
    if col.type == "datetime":
        loc = f"__local_{col.name}"
        wrong = f"({typed} IS NULL OR year({loc}) NOT BETWEEN {FIRST_YEAR} AND {LAST_YEAR})"
    parts = []
    if col.required:
        parts.append(wrong)
    elif rule:
        parts.append(f"({v} IS NOT NULL AND {wrong})")
    if col.minimum is not None:
        parts.append(f"{typed} < {col.minimum}")
    if col.maximum is not None:
        parts.append(f"{typed} > {col.maximum}")
    return " OR ".join(parts) or None


def row_is_bad(spec: RecordFile) -> str:
    """True for a row with any problem: ``column_is_bad`` of each column, and the row rules."""
    parts = [bad for c in spec.columns if (bad := column_is_bad(c))]
    parts += [f"NOT coalesce({r.condition}, TRUE)" for r in spec.rules]
    return " OR ".join(f"({p})" for p in parts) or "FALSE"


def _problem(check: Check) -> str:
    return (
        f"CASE WHEN {check.bad} THEN struct_pack(column_name := {quote_literal(check.column)}, "
        f"value := __v_{check.column}, rule := {quote_literal(check.rule)}, "
        f"message := {quote_literal(check.message)}) END"
    )


def typed_select(spec: RecordFile, raw: str, *, numbered: bool = True) -> str:
    """A query over ``raw`` (``__line`` and VARCHAR contract columns) giving ``__line``, the
    typed contract columns and ``__problems``: a list of problem structs (column_name, value
    as received, rule, message), NULL for a good row. Row rules are checked on the typed
    values; a value that failed its type is NULL there, so it breaks no rule twice.

    With ``numbered=False``, ``raw`` has no ``__line`` and the result none either: the rows
    come out in the order read, to be numbered by position."""
    datetimes = [c for c in spec.columns if c.type == "datetime"]
    line = ["__line"] if numbered else []
    layer1 = line + [f"NULLIF({ident(c.name)}, '') AS __v_{c.name}" for c in spec.columns]
    layer1 += [f"{has_offset(f'__v_{c.name}')} AS __o_{c.name}" for c in datetimes]
    layer2 = ["l1.*"]
    for c in datetimes:
        v, flag = f"__v_{c.name}", f"__o_{c.name}"
        layer2 += [
            f"{local_part(v, flag)} AS __local_{c.name}",
            f"{offset_minutes(v, flag)} AS __off_{c.name}",
        ]
    layer3 = line + [f"{_typed(c)[0]} AS {ident(c.name)}" for c in spec.columns]
    layer3 += [f"__v_{c.name}" for c in spec.columns]
    layer3 += [f"__local_{c.name}, __off_{c.name}" for c in datetimes]
    checks = [check for c in spec.columns for check in checks_for(c)]
    checks += [
        Check(r.column, f"NOT coalesce({r.condition}, TRUE)", r.name, r.message) for r in spec.rules
    ]
    any_bad = row_is_bad(spec)
    problems = (
        f"CASE WHEN {any_bad} THEN list_filter([{', '.join(_problem(c) for c in checks)}], "
        "lambda p: p IS NOT NULL) END AS __problems"
    )
    columns = ", ".join(ident(c.name) for c in spec.columns)
    return (
        f"SELECT {''.join(c + ', ' for c in line)}{columns}, {problems} FROM ("
        f"SELECT {', '.join(layer3)} FROM ("
        f"SELECT {', '.join(layer2)} FROM ("
        f"SELECT {', '.join(layer1)} FROM {raw}) l1) l2) l3"
    )
