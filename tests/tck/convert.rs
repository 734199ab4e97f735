//! Conversions between kg's values and TCK values: parameters go into the engine, results and
//! stored properties come out of it.

use crate::values::{Direction, Float, PathStep, PropertyMap, TckNode, TckPath, TckRel, TckValue};
use kg::{NodeData, NodeId, PathValue, QueryResult, RelData, RelId, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where the labels, type and properties of the entities a value mentions come from.
pub trait Entities {
    fn node(&self, id: NodeId) -> Option<&NodeData>;
    fn rel(&self, id: RelId) -> Option<&RelData>;
}

impl Entities for QueryResult {
    fn node(&self, id: NodeId) -> Option<&NodeData> {
        QueryResult::node(self, id)
    }

    fn rel(&self, id: RelId) -> Option<&RelData> {
        QueryResult::rel(self, id)
    }
}

/// For values that cannot mention entities, such as stored properties.
pub struct NoEntities;

impl Entities for NoEntities {
    fn node(&self, _: NodeId) -> Option<&NodeData> {
        None
    }

    fn rel(&self, _: RelId) -> Option<&RelData> {
        None
    }
}

/// A parameter value for the engine. Entities cannot be written as parameters.
pub fn to_kg(value: &TckValue) -> Result<Value, String> {
    Ok(match value {
        TckValue::Null => Value::Null,
        TckValue::Bool(b) => Value::Bool(*b),
        TckValue::Int(i) => Value::Int(*i),
        TckValue::Float(Float(x)) => Value::Float(*x),
        TckValue::String(s) => Value::str(s),
        TckValue::List(items) => Value::list(items.iter().map(to_kg).collect::<Result<_, _>>()?),
        TckValue::Map(map) => {
            let mut entries = BTreeMap::new();
            for (key, value) in map {
                entries.insert(Arc::from(key.as_str()), to_kg(value)?);
            }
            Value::map(entries)
        }
        TckValue::Node(_) | TckValue::Rel(_) | TckValue::Path(_) => {
            return Err(format!("{value} cannot be given as a parameter"));
        }
    })
}

/// A value the engine returned, with its entities resolved through `entities`.
pub fn from_kg(value: &Value, entities: &dyn Entities) -> Result<TckValue, String> {
    Ok(match value {
        Value::Null => TckValue::Null,
        Value::Bool(b) => TckValue::Bool(*b),
        Value::Int(i) => TckValue::Int(*i),
        Value::Float(x) => TckValue::Float(Float(*x)),
        Value::String(s) => TckValue::String(s.to_string()),
        Value::List(items) => TckValue::List(
            items
                .iter()
                .map(|v| from_kg(v, entities))
                .collect::<Result<_, _>>()?,
        ),
        Value::Map(map) => TckValue::Map(props_from_kg(map, entities)?),
        Value::Node(id) => TckValue::Node(node_from_kg(*id, entities)?),
        Value::Rel(id) => TckValue::Rel(rel_from_kg(entities_rel(*id, entities)?, entities)?),
        Value::Path(path) => TckValue::Path(path_from_kg(path, entities)?),
        // The TCK writes temporal values as their ISO text in quotes, as the reference
        // harness compares them.
        temporal => TckValue::String(temporal.temporal_text().unwrap_or_default()),
    })
}

pub fn props_from_kg(
    map: &BTreeMap<Arc<str>, Value>,
    entities: &dyn Entities,
) -> Result<PropertyMap, String> {
    map.iter()
        .map(|(key, value)| Ok((key.to_string(), from_kg(value, entities)?)))
        .collect()
}

fn node_from_kg(id: NodeId, entities: &dyn Entities) -> Result<TckNode, String> {
    let data = entities
        .node(id)
        .ok_or_else(|| format!("node {id} is missing from the result's entity table"))?;
    Ok(TckNode {
        labels: data.labels.iter().map(|l| l.to_string()).collect(),
        props: props_from_kg(&data.props, entities)?,
    })
}

fn entities_rel(id: RelId, entities: &dyn Entities) -> Result<&RelData, String> {
    entities
        .rel(id)
        .ok_or_else(|| format!("relationship {id} is missing from the result's entity table"))
}

fn rel_from_kg(data: &RelData, entities: &dyn Entities) -> Result<TckRel, String> {
    Ok(TckRel {
        rel_type: data.ty.to_string(),
        props: props_from_kg(&data.props, entities)?,
    })
}

/// The direction of each step is read off the relationship's own start and end, since a path
/// value stores only ids.
fn path_from_kg(path: &PathValue, entities: &dyn Entities) -> Result<TckPath, String> {
    let Some((&first, rest)) = path.nodes.split_first() else {
        return Err("path without nodes".to_string());
    };
    if rest.len() != path.rels.len() {
        return Err(format!(
            "path with {} nodes and {} relationships",
            path.nodes.len(),
            path.rels.len()
        ));
    }
    let mut steps = Vec::with_capacity(rest.len());
    let mut previous = first;
    for (&rel_id, &node_id) in path.rels.iter().zip(rest) {
        let data = entities_rel(rel_id, entities)?;
        let direction = if data.start == previous && data.end == node_id {
            Direction::Forward
        } else if data.start == node_id && data.end == previous {
            Direction::Backward
        } else {
            return Err(format!(
                "path step {previous} -[{rel_id}]- {node_id} does not match the relationship's \
                 ends {} -> {}",
                data.start, data.end
            ));
        };
        steps.push(PathStep {
            rel: rel_from_kg(data, entities)?,
            direction,
            node: node_from_kg(node_id, entities)?,
        });
        previous = node_id;
    }
    Ok(TckPath {
        start: node_from_kg(first, entities)?,
        steps,
    })
}
