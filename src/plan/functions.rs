//! The names of built-in functions and aggregates, and how many arguments each takes.

use super::logical::{AggKind, Function};

/// Resolves a scalar function by name (case-insensitive), with its (min, max) arity.
pub fn lookup_function(name: &str) -> Option<(Function, usize, usize)> {
    use Function::*;
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "id" => (Id, 1, 1),
        "elementid" => (ElementId, 1, 1),
        "labels" => (Labels, 1, 1),
        "type" => (Type, 1, 1),
        "keys" => (Keys, 1, 1),
        "properties" => (Properties, 1, 1),
        "startnode" => (StartNode, 1, 1),
        "endnode" => (EndNode, 1, 1),
        "nodes" => (Nodes, 1, 1),
        "relationships" | "rels" => (Relationships, 1, 1),
        "length" => (Length, 1, 1),
        "size" => (Size, 1, 1),
        "head" => (Head, 1, 1),
        "last" => (Last, 1, 1),
        "tail" => (Tail, 1, 1),
        "range" => (Range, 2, 3),
        "reverse" => (Reverse, 1, 1),
        "coalesce" => (Coalesce, 1, usize::MAX),
        "tointeger" => (ToInteger, 1, 1),
        "tointegerornull" => (ToIntegerOrNull, 1, 1),
        "tofloat" => (ToFloat, 1, 1),
        "tofloatornull" => (ToFloatOrNull, 1, 1),
        "tostring" => (ToString, 1, 1),
        "tostringornull" => (ToStringOrNull, 1, 1),
        "toboolean" => (ToBoolean, 1, 1),
        "tobooleanornull" => (ToBooleanOrNull, 1, 1),
        "tolower" | "lower" => (ToLower, 1, 1),
        "toupper" | "upper" => (ToUpper, 1, 1),
        "trim" => (Trim, 1, 1),
        "ltrim" => (LTrim, 1, 1),
        "rtrim" => (RTrim, 1, 1),
        "replace" => (Replace, 3, 3),
        "substring" => (Substring, 2, 3),
        "left" => (Left, 2, 2),
        "right" => (Right, 2, 2),
        "split" => (Split, 2, 2),
        "abs" => (Abs, 1, 1),
        "ceil" => (Ceil, 1, 1),
        "floor" => (Floor, 1, 1),
        "round" => (Round, 1, 1),
        "sign" => (Sign, 1, 1),
        "sqrt" => (Sqrt, 1, 1),
        "exp" => (Exp, 1, 1),
        "log" => (Log, 1, 1),
        "log10" => (Log10, 1, 1),
        "e" => (E, 0, 0),
        "pi" => (Pi, 0, 0),
        "rand" => (Rand, 0, 0),
        "sin" => (Sin, 1, 1),
        "cos" => (Cos, 1, 1),
        "tan" => (Tan, 1, 1),
        "asin" => (Asin, 1, 1),
        "acos" => (Acos, 1, 1),
        "atan" => (Atan, 1, 1),
        "atan2" => (Atan2, 2, 2),
        "degrees" => (Degrees, 1, 1),
        "radians" => (Radians, 1, 1),
        "exists" => (Exists, 1, 1),
        "timestamp" => (Timestamp, 0, 0),
        "isempty" => (IsEmpty, 1, 1),
        "date" => (Date, 0, 1),
        "localtime" => (LocalTime, 0, 1),
        "time" => (Time, 0, 1),
        "localdatetime" => (LocalDateTime, 0, 1),
        "datetime" => (DateTime, 0, 1),
        "duration" => (Duration, 1, 1),
        _ => return None,
    })
}

pub fn lookup_aggregate(name: &str) -> Option<AggKind> {
    Some(match name.to_ascii_lowercase().as_str() {
        "count" => AggKind::Count,
        "sum" => AggKind::Sum,
        "avg" => AggKind::Avg,
        "min" => AggKind::Min,
        "max" => AggKind::Max,
        "collect" => AggKind::Collect,
        "stdev" => AggKind::StDev,
        "stdevp" => AggKind::StDevP,
        "percentilecont" => AggKind::PercentileCont,
        "percentiledisc" => AggKind::PercentileDisc,
        _ => return None,
    })
}

impl Function {
    /// The name the language gives the function (`ltrim`, `toString`), for messages.
    pub fn name(self) -> &'static str {
        FUNCTION_NAMES
            .iter()
            .copied()
            .find(|n| lookup_function(n).is_some_and(|(f, ..)| f == self))
            .unwrap_or("function")
    }
}

impl AggKind {
    /// The name the language gives the aggregate (`stDev`, `percentileCont`), for messages.
    pub fn name(self) -> &'static str {
        if self == AggKind::CountStar {
            return "count";
        }
        FUNCTION_NAMES
            .iter()
            .copied()
            .find(|n| lookup_aggregate(n) == Some(self))
            .unwrap_or("aggregate")
    }
}

/// Every function name, for suggestions and shell completion.
pub const FUNCTION_NAMES: &[&str] = &[
    "id",
    "elementId",
    "labels",
    "type",
    "keys",
    "properties",
    "startNode",
    "endNode",
    "nodes",
    "relationships",
    "length",
    "size",
    "head",
    "last",
    "tail",
    "range",
    "reverse",
    "coalesce",
    "toInteger",
    "toIntegerOrNull",
    "toFloat",
    "toFloatOrNull",
    "toString",
    "toStringOrNull",
    "toBoolean",
    "toBooleanOrNull",
    "toLower",
    "toUpper",
    "trim",
    "ltrim",
    "rtrim",
    "replace",
    "substring",
    "left",
    "right",
    "split",
    "abs",
    "ceil",
    "floor",
    "round",
    "sign",
    "sqrt",
    "exp",
    "log",
    "log10",
    "e",
    "pi",
    "rand",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "atan2",
    "degrees",
    "radians",
    "exists",
    "timestamp",
    "isEmpty",
    "date",
    "localtime",
    "time",
    "localdatetime",
    "datetime",
    "duration",
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "collect",
    "stDev",
    "stDevP",
    "percentileCont",
    "percentileDisc",
];
