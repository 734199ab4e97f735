//! The type of a stored property value, for the formats that declare a type per column or
//! key (GraphML, neo4j-admin CSV).

use crate::model::Value;
use crate::model::temporal::TemporalKind;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Scalar {
    Bool,
    Int,
    Float,
    String,
    Temporal(TemporalKind),
}

/// A property's type. Stored properties are scalars or lists of one scalar type, except that
/// a list may mix integers and floats.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum PropType {
    Scalar(Scalar),
    /// `None` for an empty list, whose element type is unknown.
    List(Option<Scalar>),
    /// A list of integers and floats together.
    NumberList,
}

fn scalar(v: &Value) -> Option<Scalar> {
    Some(match v {
        Value::Bool(_) => Scalar::Bool,
        Value::Int(_) => Scalar::Int,
        Value::Float(_) => Scalar::Float,
        Value::String(_) => Scalar::String,
        other => Scalar::Temporal(other.temporal_kind()?),
    })
}

/// The type of a property value; `None` for values a graph cannot store (maps, entities).
pub fn prop_type(v: &Value) -> Option<PropType> {
    if let Some(s) = scalar(v) {
        return Some(PropType::Scalar(s));
    }
    let Value::List(items) = v else {
        return None;
    };
    let mut kinds = items.iter().map(scalar);
    let Some(first) = kinds.next() else {
        return Some(PropType::List(None));
    };
    let first = first?;
    let mut numbers = false;
    for k in kinds {
        match (first, k?) {
            (a, b) if a == b => {}
            (Scalar::Int, Scalar::Float) | (Scalar::Float, Scalar::Int) => numbers = true,
            _ => return None,
        }
    }
    Some(if numbers {
        PropType::NumberList
    } else {
        PropType::List(Some(first))
    })
}
