//! The value enum every layer passes around.

use super::{NodeId, PathValue, RelId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Map values keep their keys sorted so that printing and comparison are deterministic.
pub type Map = BTreeMap<Arc<str>, Value>;

/// A value of kg's query language.
///
/// Node, relationship and path values carry ids only; their labels and properties live in the
/// graph (or, for a finished query, in its result's entity table), so a row stays small.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(Arc<str>),
    List(Arc<Vec<Value>>),
    Map(Arc<Map>),
    Node(NodeId),
    Rel(RelId),
    Path(Arc<PathValue>),
}

/// The type of a value, used in error messages and by the type predicates.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ValueType {
    Null,
    Boolean,
    Integer,
    Float,
    String,
    List,
    Map,
    Node,
    Relationship,
    Path,
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueType::Null => "NULL",
            ValueType::Boolean => "BOOLEAN",
            ValueType::Integer => "INTEGER",
            ValueType::Float => "FLOAT",
            ValueType::String => "STRING",
            ValueType::List => "LIST",
            ValueType::Map => "MAP",
            ValueType::Node => "NODE",
            ValueType::Relationship => "RELATIONSHIP",
            ValueType::Path => "PATH",
        })
    }
}

impl Value {
    pub fn value_type(&self) -> ValueType {
        match self {
            Value::Null => ValueType::Null,
            Value::Bool(_) => ValueType::Boolean,
            Value::Int(_) => ValueType::Integer,
            Value::Float(_) => ValueType::Float,
            Value::String(_) => ValueType::String,
            Value::List(_) => ValueType::List,
            Value::Map(_) => ValueType::Map,
            Value::Node(_) => ValueType::Node,
            Value::Rel(_) => ValueType::Relationship,
            Value::Path(_) => ValueType::Path,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn str(s: &str) -> Value {
        Value::String(Arc::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(items))
    }

    pub fn map(entries: Map) -> Value {
        Value::Map(Arc::new(entries))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Numbers as f64, for arithmetic that mixes integers and floats.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// True for values that may be stored as a property: null (which removes), scalars, and
    /// lists whose elements are all scalars of one type (integers and floats count as one).
    pub fn is_storable(&self) -> bool {
        fn scalar_kind(v: &Value) -> Option<u8> {
            match v {
                Value::Bool(_) => Some(0),
                Value::Int(_) | Value::Float(_) => Some(1),
                Value::String(_) => Some(2),
                _ => None,
            }
        }
        match self {
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::String(_) => {
                true
            }
            Value::List(items) => {
                let mut kinds = items.iter().map(scalar_kind);
                match kinds.next() {
                    None => true,
                    Some(None) => false,
                    Some(first) => kinds.all(|k| k == first),
                }
            }
            _ => false,
        }
    }

    /// Whether the value contains a node, relationship or path anywhere inside it.
    pub fn contains_entities(&self) -> bool {
        match self {
            Value::Node(_) | Value::Rel(_) | Value::Path(_) => true,
            Value::List(items) => items.iter().any(Value::contains_entities),
            Value::Map(map) => map.values().any(Value::contains_entities),
            _ => false,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::str(s)
    }
}

impl From<Option<bool>> for Value {
    fn from(b: Option<bool>) -> Self {
        b.map_or(Value::Null, Value::Bool)
    }
}

/// Structural equality for tests and change detection: unlike the query language's `=`,
/// `null == null` and `NaN == NaN` here, and integers never equal floats.
impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Value::String(a), Value::String(b)) => a == b,
            (Value::List(a), Value::List(b)) => a == b,
            (Value::Map(a), Value::Map(b)) => a == b,
            (Value::Node(a), Value::Node(b)) => a == b,
            (Value::Rel(a), Value::Rel(b)) => a == b,
            (Value::Path(a), Value::Path(b)) => a == b,
            _ => false,
        }
    }
}
