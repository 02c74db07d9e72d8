"""SQL that turns raw text columns into typed columns and collects every problem.

For each contract column this builds a typed expression and a list of checks; a check is a SQL
condition that is true when the value is bad, with a rule id and a plain-English message. The
whole file is typed and checked in one vectorised pass in DuckDB: no Python loop over rows.

Raw values arrive as VARCHAR (CSV read with ``all_varchar``; Parquet columns cast to VARCHAR).
Leading and trailing spaces are trimmed and an empty value means "not given".
"""

from __future__ import annotations

from dataclasses import dataclass

from assurance.domain import vocabularies as voc
from assurance.domain.contract import Column, RecordFile

#: the staging table of London clock rules, one row a year (see domain.london_time)
LONDON_YEARS = "__london_years"
FIRST_YEAR, LAST_YEAR = 1970, 2100


def quote_literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Check:
    """A bad-value condition on one column."""

    column: str
    bad: str  # SQL, true when the value breaks the rule
    rule: str
    message: str


def _value(col: Column) -> str:
    return f"__v_{col.name}"


def _in_list(expr: str, codes: tuple[str, ...]) -> str:
    return f"{expr} IN ({', '.join(quote_literal(c) for c in codes)})"


def _codes_message(col: Column) -> str:
    codes = col.codes or ()
    if len(codes) <= 8:
        return "is not one of the allowed codes: " + ", ".join(codes)
    return f"is not a known {col.name} code (the list is in docs/data-contract.md)"


_DATETIME_RE = (
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?)"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$"
)


_LOCAL_FORMATS = (
    "['%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', "
    "'%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M:%S.%f']"
)


def has_offset(v: str) -> str:
    """True when an ISO date-time carries Z or an offset (cheap string tests, no regex)."""
    return f"(suffix({v}, 'Z') OR contains(substr({v}, 12), '+') OR contains(substr({v}, 12), '-'))"


def local_part(v: str) -> str:
    """The wall-clock part of an ISO date-time, as a TIMESTAMP (NULL if not a real one).

    The common case, no offset, is parsed by ``strptime`` directly; only values with an
    offset go through the regular expression that splits it off."""
    pattern = quote_literal(_DATETIME_RE)
    wall = (
        f"CASE WHEN {has_offset(v)} THEN regexp_extract({v}, {pattern}, 1) || ' ' || "
        f"regexp_extract({v}, {pattern}, 2) ELSE {v} END"
    )
    return f"TRY_STRPTIME({wall}, {_LOCAL_FORMATS})"


def offset_minutes(v: str) -> str:
    """Minutes east of UTC given by the value's own offset, NULL when it has none."""
    off = f"regexp_extract({v}, {quote_literal(_DATETIME_RE)}, 5)"
    digits = f"replace(substr({off}, 2), ':', '')"
    return (
        f"CASE WHEN NOT {has_offset(v)} THEN NULL WHEN {off} = '' THEN NULL "
        f"WHEN {off} = 'Z' THEN 0 ELSE "
        f"(CASE WHEN substr({off}, 1, 1) = '-' THEN -1 ELSE 1 END) * "
        f"(CAST(substr({digits}, 1, 2) AS INTEGER) * 60 + "
        f"coalesce(TRY_CAST(nullif(substr({digits}, 3, 2), '') AS INTEGER), 0)) END"
    )


def typed_and_checks(col: Column) -> tuple[str, list[Check]]:
    """The typed SQL expression of a column (over the trimmed ``__v_`` value) and its checks.

    Date-time columns refer to ``__local_<name>``, ``__off_<name>`` and the year join alias
    ``__y_<name>``, which ``typed_select`` provides.
    """
    v = _value(col)
    checks: list[Check] = []
    if col.required:
        checks.append(Check(col.name, f"{v} IS NULL", "required", "is required but empty"))
    given = f"{v} IS NOT NULL"
    t = col.type
    if t in ("code", "text"):
        typed = f"CASE WHEN {_in_list(v, col.codes)} THEN {v} END" if col.codes else v
        if col.codes:
            checks.append(
                Check(
                    col.name,
                    f"{given} AND NOT {_in_list(v, col.codes)}",
                    "unknown-code",
                    _codes_message(col),
                )
            )
        elif t == "code":
            checks.append(
                Check(
                    col.name,
                    f"{given} AND NOT regexp_full_match({v}, '[a-z0-9]+(-[a-z0-9]+)*')",
                    "bad-code",
                    "must be a lower-case kebab-case code, e.g. west-mercia",
                )
            )
    elif t == "outcome":
        typed = f"CASE WHEN {_in_list(f'upper({v})', voc.OUTCOME_CODES)} THEN upper({v}) END"
        checks.append(
            Check(
                col.name,
                f"{given} AND NOT {_in_list(f'upper({v})', voc.OUTCOME_CODES)}",
                "unknown-outcome",
                "is not a Home Office outcome code (1 to 22, or 1A)",
            )
        )
    elif t == "measure":
        typed = v
        checks.append(
            Check(
                col.name,
                f"{given} AND NOT regexp_full_match({v}, '[a-z][a-z0-9_]*([.][a-z0-9_]+)+')",
                "bad-measure",
                "is not a measure id such as satisfaction.whole_experience",
            )
        )
    elif t == "integer":
        typed = f"TRY_CAST({v} AS BIGINT)"
        checks.append(
            Check(
                col.name,
                f"{given} AND (NOT regexp_full_match({v}, '[+-]?[0-9]+') OR {typed} IS NULL)",
                "not-integer",
                "is not a whole number",
            )
        )
    elif t == "decimal":
        typed = f"TRY_CAST({v} AS DOUBLE)"
        pattern = r"[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?"
        checks.append(
            Check(
                col.name,
                f"{given} AND NOT regexp_full_match({v}, {quote_literal(pattern)})",
                "not-number",
                "is not a number (use a full stop for decimals, no commas)",
            )
        )
    elif t == "date":
        typed = f"CAST(TRY_STRPTIME({v}, '%Y-%m-%d') AS DATE)"
        checks.append(
            Check(
                col.name,
                f"{given} AND {typed} IS NULL",
                "not-date",
                "is not a real date in the form YYYY-MM-DD",
            )
        )
    elif t == "month":
        typed = f"CAST(TRY_STRPTIME({v}, '%Y-%m') AS DATE)"
        checks.append(
            Check(
                col.name,
                f"{given} AND {typed} IS NULL",
                "not-month",
                "is not a month in the form YYYY-MM",
            )
        )
    elif t == "boolean":
        low = f"lower({v})"
        typed = (
            f"CASE WHEN {_in_list(low, voc.TRUE_WORDS)} THEN TRUE "
            f"WHEN {_in_list(low, voc.FALSE_WORDS)} THEN FALSE END"
        )
        checks.append(
            Check(
                col.name,
                f"{given} AND NOT {_in_list(low, (*voc.TRUE_WORDS, *voc.FALSE_WORDS))}",
                "not-boolean",
                "is not true or false (1/0 and yes/no are accepted too)",
            )
        )
    elif t == "datetime":
        typed, dt_checks = _datetime(col)
        checks.extend(dt_checks)
    else:  # pragma: no cover - the contract's types are closed
        raise ValueError(f"unknown column type {t}")
    if col.minimum is not None:
        checks.append(
            Check(
                col.name,
                f"{typed} < {col.minimum}",
                "below-minimum",
                f"is below the smallest allowed value, {col.minimum:g}",
            )
        )
    if col.maximum is not None:
        checks.append(
            Check(
                col.name,
                f"{typed} > {col.maximum}",
                "above-maximum",
                f"is above the largest allowed value, {col.maximum:g}",
            )
        )
    return typed, checks


def _datetime(col: Column) -> tuple[str, list[Check]]:
    v, loc, off, y = _value(col), f"__local_{col.name}", f"__off_{col.name}", f"__y_{col.name}"
    # London local time → UTC by the year's clock rules (domain.london_time.YearClock).
    london = (
        f"CASE WHEN {loc} < {y}.forward_start THEN {loc} - to_minutes({y}.base) "
        f"WHEN {loc} < {y}.forward_end THEN NULL "
        f"WHEN {loc} < {y}.back_end THEN {loc} - to_minutes({y}.forward_after) "
        f"ELSE {loc} - to_minutes({y}.back_after) END"
    )
    typed = (
        f"CASE WHEN {off} IS NOT NULL THEN {loc} - to_minutes({off}) "
        f"WHEN {y}.year IS NOT NULL THEN {london} END"
    )
    shaped = f"regexp_full_match({v}, {quote_literal(_DATETIME_RE)})"
    checks = [
        Check(
            col.name,
            f"{v} IS NOT NULL AND (NOT {shaped} OR {loc} IS NULL)",
            "not-datetime",
            "is not a real date-time in the form YYYY-MM-DDTHH:MM[:SS], optionally with Z or "
            "an offset such as +01:00",
        ),
        Check(
            col.name,
            f"{loc} IS NOT NULL AND (year({loc}) < {FIRST_YEAR} OR year({loc}) > {LAST_YEAR})",
            "out-of-range",
            f"is outside the years {FIRST_YEAR} to {LAST_YEAR}",
        ),
        Check(
            col.name,
            f"{loc} IS NOT NULL AND {off} IS NULL AND {y}.year IS NOT NULL AND "
            f"{loc} >= {y}.forward_start AND {loc} < {y}.forward_end",
            "skipped-local-time",
            "does not exist in London: the clocks went forward that night, skipping this "
            "hour; correct the time or send it with its UTC offset",
        ),
    ]
    return typed, checks


def _problem(check: Check) -> str:
    return (
        f"CASE WHEN {check.bad} THEN struct_pack(column_name := {quote_literal(check.column)}, "
        f"value := __v_{check.column}, rule := {quote_literal(check.rule)}, "
        f"message := {quote_literal(check.message)}) END"
    )


def typed_select(spec: RecordFile, raw: str) -> str:
    """A query over the raw table ``raw`` (``__line`` and VARCHAR contract columns) giving
    ``__line``, the typed contract columns and ``__problems``: a list of problem structs
    (column_name, value as received, rule, message), NULL for a good row. Row rules are
    checked on the typed values; a value that failed its type is NULL there, so it breaks no
    rule twice."""
    inner_cols = ["__line"]
    joins: list[str] = []
    for col in spec.columns:
        inner_cols.append(f"NULLIF(trim({ident(col.name)}), '') AS __v_{col.name}")
    inner = f"SELECT {', '.join(inner_cols)} FROM {raw}"
    mid_cols = ["i.*"]
    for col in spec.columns:
        if col.type == "datetime":
            v = _value(col)
            mid_cols.append(f"{local_part(v)} AS __local_{col.name}")
            mid_cols.append(f"{offset_minutes(v)} AS __off_{col.name}")
    middle = f"SELECT {', '.join(mid_cols)} FROM ({inner}) i"
    typed_cols = ["m.__line"]
    problems: list[str] = []
    all_checks: list[Check] = []
    for col in spec.columns:
        typed, checks = typed_and_checks(col)
        typed_cols.append(f"{typed} AS {ident(col.name)}")
        problems.extend(_problem(c) for c in checks)
        all_checks.extend(checks)
        typed_cols.append(f"__v_{col.name}")
        if col.type == "datetime":
            joins.append(
                f"LEFT JOIN {LONDON_YEARS} __y_{col.name} "
                f"ON __y_{col.name}.year = year(m.__local_{col.name})"
            )
    # The list of problems is built only for rows where some check fails: a cheap OR of the
    # conditions first, so a good row costs no list at all.
    any_bad = " OR ".join(f"({c.bad})" for c in all_checks) or "FALSE"
    problem_list = (
        f"CASE WHEN {any_bad} THEN list_filter([{', '.join(problems)}], "
        "lambda p: p IS NOT NULL) END"
    )
    typed_cols.append(f"{problem_list} AS __problems")
    typed = f"SELECT {', '.join(typed_cols)} FROM ({middle}) m {' '.join(joins)}"
    raw_values = ", ".join(f"__v_{col.name}" for col in spec.columns)
    if not spec.rules:
        return f"SELECT * EXCLUDE ({raw_values}) FROM ({typed}) t"
    broken = [f"NOT coalesce({r.condition}, TRUE)" for r in spec.rules]
    rule_problems = [
        f"CASE WHEN {b} THEN struct_pack(column_name := "
        f"{quote_literal(r.column)}, value := __v_{r.column}, rule := {quote_literal(r.name)}, "
        f"message := {quote_literal(r.message)}) END"
        for b, r in zip(broken, spec.rules, strict=True)
    ]
    return (
        f"SELECT * EXCLUDE ({raw_values}) REPLACE (CASE WHEN {' OR '.join(broken)} THEN "
        f"list_concat(coalesce(__problems, []), list_filter([{', '.join(rule_problems)}], "
        "lambda p: p IS NOT NULL)) ELSE __problems END AS __problems) "
        f"FROM ({typed}) t"
    )
