//! The aggregate functions' rows. They are accumulated by the executor (`exec/accumulate.rs`,
//! by [`AggKind`]); the rows give their names, signatures and descriptions.

use super::{AggKind, Builtin, Category, Kind, Param, one};

const fn aggregate(
    name: &'static str,
    params: &'static [Param],
    returns: &'static str,
    description: &'static str,
    kind: AggKind,
) -> Builtin {
    Builtin {
        name,
        category: Category::Aggregate,
        params,
        returns,
        description,
        kind: Kind::Aggregate(kind),
        null_gives_null: false,
        typed_first_arg: false,
    }
}

const INPUT: &[Param] = &[one("input", "ANY")];
const NUMBER: &[Param] = &[one("input", "INTEGER | FLOAT")];
const PERCENTILE: &[Param] = &[one("input", "INTEGER | FLOAT"), one("percentile", "FLOAT")];

pub(super) const FUNCTIONS: &[Builtin] = &[
    aggregate(
        "count",
        INPUT,
        "INTEGER",
        "the number of values that are not null; count(*) counts rows",
        AggKind::Count,
    ),
    aggregate(
        "sum",
        &[one("input", "INTEGER | FLOAT | DURATION")],
        "INTEGER | FLOAT | DURATION",
        "the sum of the numbers (or durations)",
        AggKind::Sum,
    ),
    aggregate(
        "avg",
        &[one("input", "INTEGER | FLOAT | DURATION")],
        "FLOAT | DURATION",
        "the mean of the numbers (or durations)",
        AggKind::Avg,
    ),
    aggregate(
        "min",
        INPUT,
        "ANY",
        "the smallest value, in the order of ORDER BY",
        AggKind::Min,
    ),
    aggregate(
        "max",
        INPUT,
        "ANY",
        "the largest value, in the order of ORDER BY",
        AggKind::Max,
    ),
    aggregate(
        "collect",
        INPUT,
        "LIST<ANY>",
        "the values that are not null, as a list",
        AggKind::Collect,
    ),
    aggregate(
        "stDev",
        NUMBER,
        "FLOAT",
        "the standard deviation of a sample of the population",
        AggKind::StDev,
    ),
    aggregate(
        "stDevP",
        NUMBER,
        "FLOAT",
        "the standard deviation of the whole population",
        AggKind::StDevP,
    ),
    aggregate(
        "percentileCont",
        PERCENTILE,
        "FLOAT",
        "the percentile (0.0 to 1.0) of the values, interpolated between the two nearest",
        AggKind::PercentileCont,
    ),
    aggregate(
        "percentileDisc",
        PERCENTILE,
        "INTEGER | FLOAT",
        "the value at the percentile (0.0 to 1.0), rounded to the nearest value present",
        AggKind::PercentileDisc,
    ),
];
