//! The types of procedure parameters and result columns, in Neo4j's signature syntax
//! (`INTEGER?`, `LIST<STRING>`, `LIST? OF STRING?`): read from a signature, checked against an
//! argument before the call, printed back by `SHOW PROCEDURES`.

use crate::model::{Value, ValueType};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcType {
    Any,
    Boolean,
    String,
    Integer,
    Float,
    /// An integer or a float.
    Number,
    Map,
    Node,
    Relationship,
    Path,
    Date,
    Time,
    LocalTime,
    DateTime,
    LocalDateTime,
    Duration,
    List(Box<ProcType>),
}

impl ProcType {
    /// Reads a type as signatures write it; `?` (nullable) is allowed and ignored, since every
    /// kg value may be null.
    pub fn parse(text: &str) -> Result<ProcType, String> {
        let t = text.trim().trim_end_matches('?').trim();
        let upper = t.to_ascii_uppercase();
        if let Some(inner) = upper
            .strip_prefix("LIST<")
            .and_then(|r| r.strip_suffix('>'))
        {
            return Ok(ProcType::List(Box::new(ProcType::parse(inner)?)));
        }
        if let Some(rest) = upper.strip_prefix("LIST") {
            let rest = rest.trim_start().trim_start_matches('?').trim_start();
            return match rest.strip_prefix("OF ") {
                Some(inner) => Ok(ProcType::List(Box::new(ProcType::parse(inner)?))),
                None if rest.is_empty() => Ok(ProcType::List(Box::new(ProcType::Any))),
                None => Err(format!("unknown type '{text}'")),
            };
        }
        Ok(match upper.as_str() {
            "ANY" => ProcType::Any,
            "BOOLEAN" => ProcType::Boolean,
            "STRING" => ProcType::String,
            "INTEGER" => ProcType::Integer,
            "FLOAT" => ProcType::Float,
            "NUMBER" => ProcType::Number,
            "MAP" => ProcType::Map,
            "NODE" => ProcType::Node,
            "RELATIONSHIP" => ProcType::Relationship,
            "PATH" => ProcType::Path,
            "DATE" => ProcType::Date,
            "TIME" | "ZONED TIME" => ProcType::Time,
            "LOCALTIME" | "LOCAL TIME" => ProcType::LocalTime,
            "DATETIME" | "ZONED DATETIME" => ProcType::DateTime,
            "LOCALDATETIME" | "LOCAL DATETIME" => ProcType::LocalDateTime,
            "DURATION" => ProcType::Duration,
            _ => return Err(format!("unknown type '{text}'")),
        })
    }

    /// The value as this type takes it: an integer becomes a float where a float is wanted;
    /// `None` when the value is of another type. Null is every type's.
    pub fn accept(&self, value: Value) -> Option<Value> {
        let ok = match (self, value.value_type()) {
            (_, ValueType::Null) | (ProcType::Any, _) => true,
            (ProcType::Float, ValueType::Integer) => {
                let Value::Int(i) = value else { return None };
                return Some(Value::Float(i as f64));
            }
            (ProcType::Number, ValueType::Integer | ValueType::Float) => true,
            (ProcType::List(_), ValueType::List) => true,
            (t, v) => t.value_type() == Some(v),
        };
        ok.then_some(value)
    }

    /// Whether a value of type `v` (as far as it is known before running) can be given.
    pub fn could_take(&self, v: Option<ValueType>) -> bool {
        match v {
            None | Some(ValueType::Null) => true,
            Some(v) => match self {
                ProcType::Any => true,
                ProcType::Float | ProcType::Number => {
                    matches!(v, ValueType::Integer | ValueType::Float)
                }
                ProcType::List(_) => v == ValueType::List,
                t => t.value_type() == Some(v),
            },
        }
    }

    fn value_type(&self) -> Option<ValueType> {
        Some(match self {
            ProcType::Boolean => ValueType::Boolean,
            ProcType::String => ValueType::String,
            ProcType::Integer => ValueType::Integer,
            ProcType::Float => ValueType::Float,
            ProcType::Map => ValueType::Map,
            ProcType::Node => ValueType::Node,
            ProcType::Relationship => ValueType::Relationship,
            ProcType::Path => ValueType::Path,
            ProcType::Date => ValueType::Date,
            ProcType::Time => ValueType::Time,
            ProcType::LocalTime => ValueType::LocalTime,
            ProcType::DateTime => ValueType::DateTime,
            ProcType::LocalDateTime => ValueType::LocalDateTime,
            ProcType::Duration => ValueType::Duration,
            ProcType::List(_) => ValueType::List,
            ProcType::Any | ProcType::Number => return None,
        })
    }
}

impl std::fmt::Display for ProcType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            ProcType::List(inner) => return write!(f, "LIST<{inner}>"),
            ProcType::Any => "ANY",
            ProcType::Boolean => "BOOLEAN",
            ProcType::String => "STRING",
            ProcType::Integer => "INTEGER",
            ProcType::Float => "FLOAT",
            ProcType::Number => "INTEGER | FLOAT",
            ProcType::Map => "MAP",
            ProcType::Node => "NODE",
            ProcType::Relationship => "RELATIONSHIP",
            ProcType::Path => "PATH",
            ProcType::Date => "DATE",
            ProcType::Time => "ZONED TIME",
            ProcType::LocalTime => "LOCAL TIME",
            ProcType::DateTime => "ZONED DATETIME",
            ProcType::LocalDateTime => "LOCAL DATETIME",
            ProcType::Duration => "DURATION",
        };
        f.write_str(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_in_both_syntaxes_and_take_what_they_should() {
        assert_eq!(ProcType::parse("INTEGER?"), Ok(ProcType::Integer));
        assert_eq!(
            ProcType::parse("LIST? OF STRING?"),
            Ok(ProcType::List(Box::new(ProcType::String)))
        );
        assert_eq!(
            ProcType::parse("LIST<STRING>").map(|t| t.to_string()),
            Ok("LIST<STRING>".to_string())
        );
        assert!(ProcType::parse("BLOB").is_err());
        assert_eq!(
            ProcType::Float.accept(Value::Int(42)),
            Some(Value::Float(42.0))
        );
        assert_eq!(ProcType::Number.accept(Value::Int(4)), Some(Value::Int(4)));
        assert_eq!(ProcType::Integer.accept(Value::Bool(true)), None);
        assert_eq!(ProcType::Integer.accept(Value::Null), Some(Value::Null));
        assert!(!ProcType::Integer.could_take(Some(ValueType::Boolean)));
        assert!(ProcType::Float.could_take(Some(ValueType::Integer)));
    }
}
