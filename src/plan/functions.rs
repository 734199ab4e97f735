//! The built-in functions and aggregates: one table each, with the names a user writes (any
//! case) and how many arguments a function takes.

use super::logical::{AggKind, Clock, Function};
use crate::model::temporal::TemporalKind;
use std::sync::LazyLock;

/// Scalar functions by name, with their (min, max) arity. Some have a second name
/// (`lower`, `upper`, `rels`).
const FUNCTIONS: &[(&str, Function, usize, usize)] = {
    use Function::*;
    &[
        ("id", Id, 1, 1),
        ("elementId", ElementId, 1, 1),
        ("labels", Labels, 1, 1),
        ("type", Type, 1, 1),
        ("keys", Keys, 1, 1),
        ("properties", Properties, 1, 1),
        ("startNode", StartNode, 1, 1),
        ("endNode", EndNode, 1, 1),
        ("nodes", Nodes, 1, 1),
        ("relationships", Relationships, 1, 1),
        ("rels", Relationships, 1, 1),
        ("length", Length, 1, 1),
        ("size", Size, 1, 1),
        ("head", Head, 1, 1),
        ("last", Last, 1, 1),
        ("tail", Tail, 1, 1),
        ("range", Range, 2, 3),
        ("reverse", Reverse, 1, 1),
        ("coalesce", Coalesce, 1, usize::MAX),
        ("toInteger", ToInteger, 1, 1),
        ("toIntegerOrNull", ToIntegerOrNull, 1, 1),
        ("toFloat", ToFloat, 1, 1),
        ("toFloatOrNull", ToFloatOrNull, 1, 1),
        ("toString", ToString, 1, 1),
        ("toStringOrNull", ToStringOrNull, 1, 1),
        ("toBoolean", ToBoolean, 1, 1),
        ("toBooleanOrNull", ToBooleanOrNull, 1, 1),
        ("toLower", ToLower, 1, 1),
        ("lower", ToLower, 1, 1),
        ("toUpper", ToUpper, 1, 1),
        ("upper", ToUpper, 1, 1),
        ("trim", Trim, 1, 1),
        ("ltrim", LTrim, 1, 1),
        ("rtrim", RTrim, 1, 1),
        ("replace", Replace, 3, 3),
        ("substring", Substring, 2, 3),
        ("left", Left, 2, 2),
        ("right", Right, 2, 2),
        ("split", Split, 2, 2),
        ("abs", Abs, 1, 1),
        ("ceil", Ceil, 1, 1),
        ("floor", Floor, 1, 1),
        ("round", Round, 1, 1),
        ("sign", Sign, 1, 1),
        ("sqrt", Sqrt, 1, 1),
        ("exp", Exp, 1, 1),
        ("log", Log, 1, 1),
        ("log10", Log10, 1, 1),
        ("e", E, 0, 0),
        ("pi", Pi, 0, 0),
        ("rand", Rand, 0, 0),
        ("sin", Sin, 1, 1),
        ("cos", Cos, 1, 1),
        ("tan", Tan, 1, 1),
        ("asin", Asin, 1, 1),
        ("acos", Acos, 1, 1),
        ("atan", Atan, 1, 1),
        ("atan2", Atan2, 2, 2),
        ("degrees", Degrees, 1, 1),
        ("radians", Radians, 1, 1),
        ("exists", Exists, 1, 1),
        ("timestamp", Timestamp, 0, 0),
        ("isEmpty", IsEmpty, 1, 1),
        ("date", Date, 0, 1),
        ("localtime", LocalTime, 0, 1),
        ("time", Time, 0, 1),
        ("localdatetime", LocalDateTime, 0, 1),
        ("datetime", DateTime, 0, 1),
        ("duration", Duration, 1, 1),
        ("date.truncate", Truncate(TemporalKind::Date), 2, 3),
        (
            "localtime.truncate",
            Truncate(TemporalKind::LocalTime),
            2,
            3,
        ),
        ("time.truncate", Truncate(TemporalKind::Time), 2, 3),
        (
            "localdatetime.truncate",
            Truncate(TemporalKind::LocalDateTime),
            2,
            3,
        ),
        ("datetime.truncate", Truncate(TemporalKind::DateTime), 2, 3),
        (
            "date.realtime",
            Now(TemporalKind::Date, Clock::Realtime),
            0,
            1,
        ),
        (
            "date.statement",
            Now(TemporalKind::Date, Clock::Statement),
            0,
            1,
        ),
        (
            "date.transaction",
            Now(TemporalKind::Date, Clock::Transaction),
            0,
            1,
        ),
        (
            "localtime.realtime",
            Now(TemporalKind::LocalTime, Clock::Realtime),
            0,
            1,
        ),
        (
            "localtime.statement",
            Now(TemporalKind::LocalTime, Clock::Statement),
            0,
            1,
        ),
        (
            "localtime.transaction",
            Now(TemporalKind::LocalTime, Clock::Transaction),
            0,
            1,
        ),
        (
            "time.realtime",
            Now(TemporalKind::Time, Clock::Realtime),
            0,
            1,
        ),
        (
            "time.statement",
            Now(TemporalKind::Time, Clock::Statement),
            0,
            1,
        ),
        (
            "time.transaction",
            Now(TemporalKind::Time, Clock::Transaction),
            0,
            1,
        ),
        (
            "localdatetime.realtime",
            Now(TemporalKind::LocalDateTime, Clock::Realtime),
            0,
            1,
        ),
        (
            "localdatetime.statement",
            Now(TemporalKind::LocalDateTime, Clock::Statement),
            0,
            1,
        ),
        (
            "localdatetime.transaction",
            Now(TemporalKind::LocalDateTime, Clock::Transaction),
            0,
            1,
        ),
        (
            "datetime.realtime",
            Now(TemporalKind::DateTime, Clock::Realtime),
            0,
            1,
        ),
        (
            "datetime.statement",
            Now(TemporalKind::DateTime, Clock::Statement),
            0,
            1,
        ),
        (
            "datetime.transaction",
            Now(TemporalKind::DateTime, Clock::Transaction),
            0,
            1,
        ),
        ("datetime.fromEpoch", FromEpoch, 2, 2),
        ("datetime.fromEpochMillis", FromEpochMillis, 1, 1),
        ("duration.between", DurationBetween, 2, 2),
        ("duration.inMonths", DurationInMonths, 2, 2),
        ("duration.inDays", DurationInDays, 2, 2),
        ("duration.inSeconds", DurationInSeconds, 2, 2),
    ]
};

const AGGREGATES: &[(&str, AggKind)] = &[
    ("count", AggKind::Count),
    ("sum", AggKind::Sum),
    ("avg", AggKind::Avg),
    ("min", AggKind::Min),
    ("max", AggKind::Max),
    ("collect", AggKind::Collect),
    ("stDev", AggKind::StDev),
    ("stDevP", AggKind::StDevP),
    ("percentileCont", AggKind::PercentileCont),
    ("percentileDisc", AggKind::PercentileDisc),
];

/// Resolves a scalar function by name (case-insensitive), with its (min, max) arity.
pub fn lookup_function(name: &str) -> Option<(Function, usize, usize)> {
    FUNCTIONS
        .iter()
        .find(|(n, ..)| n.eq_ignore_ascii_case(name))
        .map(|&(_, function, min, max)| (function, min, max))
}

pub fn lookup_aggregate(name: &str) -> Option<AggKind> {
    AGGREGATES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, kind)| kind)
}

/// Every function and aggregate name, for suggestions and shell completion.
pub static FUNCTION_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let functions = FUNCTIONS.iter().map(|(n, ..)| *n);
    functions
        .chain(AGGREGATES.iter().map(|(n, _)| *n))
        .collect()
});

impl Function {
    /// The name the language gives the function (`ltrim`, `toString`), for messages: the
    /// first of its names in the table, so `toLower` rather than `lower`.
    pub fn name(self) -> &'static str {
        FUNCTIONS
            .iter()
            .find(|(_, f, ..)| *f == self)
            .map_or("function", |(n, ..)| *n)
    }
}

impl AggKind {
    /// The name the language gives the aggregate (`stDev`, `percentileCont`), for messages.
    pub fn name(self) -> &'static str {
        if self == AggKind::CountStar {
            return "count";
        }
        AGGREGATES
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("aggregate", |(n, _)| *n)
    }
}
