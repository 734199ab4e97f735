//! The built-in procedures: what a graph holds (`db.labels()`, `db.relationshipTypes()`,
//! `db.propertyKeys()`) and its shape (`db.schema.*`), with Neo4j 5's names and columns. They
//! read the graph as it is at the call, the statement's own changes included.

use super::{ProcCall, ProcType, Procedure, Result};
use crate::graph::{EntityKind, GraphRead, Symbol, statistics, type_ends};
use crate::model::{Map, NodeId, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub(super) fn procedures() -> Vec<Procedure> {
    use ProcType as T;
    let strings = || T::List(Box::new(T::String));
    vec![
        Procedure::builtin(
            "db.labels",
            &[],
            &[("label", T::String)],
            "the labels that nodes carry, in order",
            labels,
        ),
        Procedure::builtin(
            "db.relationshipTypes",
            &[],
            &[("relationshipType", T::String)],
            "the types that relationships have, in order",
            relationship_types,
        ),
        Procedure::builtin(
            "db.propertyKeys",
            &[],
            &[("propertyKey", T::String)],
            "the property keys that nodes or relationships have, in order",
            property_keys,
        ),
        Procedure::builtin(
            "db.schema.visualization",
            &[],
            &[
                ("nodes", T::List(Box::new(T::Map))),
                ("relationships", T::List(Box::new(T::Map))),
            ],
            "the shape of the graph in one row: a map per label (name, indexes, constraints) and per relationship type between two labels (name, start, end)",
            visualization,
        ),
        Procedure::builtin(
            "db.schema.nodeTypeProperties",
            &[],
            &[
                ("nodeType", T::String),
                ("nodeLabels", strings()),
                ("propertyName", T::String),
                ("propertyTypes", strings()),
                ("mandatory", T::Boolean),
            ],
            "per combination of labels, each property its nodes have, its types and whether every such node has it",
            node_type_properties,
        ),
        Procedure::builtin(
            "db.schema.relTypeProperties",
            &[],
            &[
                ("relType", T::String),
                ("propertyName", T::String),
                ("propertyTypes", strings()),
                ("mandatory", T::Boolean),
            ],
            "per relationship type, each property its relationships have, its types and whether every such relationship has it",
            rel_type_properties,
        ),
    ]
}

fn one_column(names: Vec<Arc<str>>) -> Vec<Vec<Value>> {
    names.into_iter().map(|n| vec![Value::String(n)]).collect()
}

fn names(counts: Vec<(Arc<str>, usize)>) -> Vec<Arc<str>> {
    counts.into_iter().map(|(n, _)| n).collect()
}

fn labels(call: &ProcCall) -> Result<Vec<Vec<Value>>> {
    Ok(one_column(names(statistics(call.graph).labels)))
}

fn relationship_types(call: &ProcCall) -> Result<Vec<Vec<Value>>> {
    Ok(one_column(names(statistics(call.graph).types)))
}

fn property_keys(call: &ProcCall) -> Result<Vec<Vec<Value>>> {
    Ok(one_column(statistics(call.graph).property_keys()))
}

fn strings(items: impl IntoIterator<Item = Arc<str>>) -> Value {
    Value::list(items.into_iter().map(Value::String).collect())
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::map(
        entries
            .into_iter()
            .map(|(k, v)| (Arc::from(k), v))
            .collect::<Map>(),
    )
}

fn visualization(call: &ProcCall) -> Result<Vec<Vec<Value>>> {
    let g = call.graph;
    let labels = names(statistics(g).labels);
    let schema = g.schema();
    let nodes = labels
        .iter()
        .map(|label| {
            let indexes = schema
                .indexes
                .iter()
                .filter(|i| i.def.entity == EntityKind::Node && i.def.label == *label)
                .map(|i| i.def.key.clone());
            let constraints = schema
                .constraints
                .iter()
                .filter(|c| c.label == *label)
                .map(|c| c.name.clone());
            map(vec![
                ("name", Value::String(label.clone())),
                ("indexes", strings(indexes)),
                ("constraints", strings(constraints)),
            ])
        })
        .collect();
    // A relationship between label sets links each start label to each end label.
    let mut links = BTreeSet::new();
    for ends in type_ends(g, crate::limits::check)? {
        for s in &ends.start {
            for e in &ends.end {
                links.insert((ends.ty.clone(), s.clone(), e.clone()));
            }
        }
    }
    let relationships = links
        .into_iter()
        .map(|(ty, start, end)| {
            map(vec![
                ("name", Value::String(ty)),
                ("start", Value::String(start)),
                ("end", Value::String(end)),
            ])
        })
        .collect();
    Ok(vec![vec![Value::list(nodes), Value::list(relationships)]])
}

/// What is known of one property among a group of entities.
#[derive(Default)]
struct Seen {
    types: BTreeSet<&'static str>,
    count: usize,
}

/// Per group (a label set or a type): how many entities, and per key what was seen.
type Groups<K> = BTreeMap<K, (usize, BTreeMap<Arc<str>, Seen>)>;

fn add_props(
    group: &mut (usize, BTreeMap<Arc<str>, Seen>),
    props: Vec<(Symbol, Value)>,
    g: &dyn GraphRead,
) {
    group.0 += 1;
    for (k, v) in props {
        let seen = group.1.entry(g.names().name(k)).or_default();
        seen.types.insert(type_name(&v));
        seen.count += 1;
    }
}

/// One row per property of a group, or one with nulls for a group without properties.
fn property_rows<K>(groups: Groups<K>, mut head: impl FnMut(&K) -> Vec<Value>) -> Vec<Vec<Value>> {
    let mut rows = Vec::new();
    for (key, (count, props)) in groups {
        if props.is_empty() {
            let mut row = head(&key);
            row.extend([Value::Null, Value::Null, Value::Bool(false)]);
            rows.push(row);
        }
        for (name, seen) in props {
            let mut row = head(&key);
            row.push(Value::String(name));
            row.push(Value::list(
                seen.types.into_iter().map(Value::str).collect(),
            ));
            row.push(Value::Bool(seen.count == count));
            rows.push(row);
        }
    }
    rows
}

fn node_type_properties(call: &ProcCall) -> Result<Vec<Vec<Value>>> {
    let g = call.graph;
    let mut groups: Groups<Vec<Arc<str>>> = BTreeMap::new();
    for id in g.node_ids() {
        crate::limits::check()?;
        let labels = label_names(g, id);
        add_props(groups.entry(labels).or_default(), g.node_props(id), g);
    }
    Ok(property_rows(groups, |labels| {
        let node_type: String = labels.iter().map(|l| format!(":`{l}`")).collect();
        vec![Value::str(&node_type), strings(labels.iter().cloned())]
    }))
}

fn rel_type_properties(call: &ProcCall) -> Result<Vec<Vec<Value>>> {
    let g = call.graph;
    let mut groups: Groups<Arc<str>> = BTreeMap::new();
    for id in g.rel_ids() {
        crate::limits::check()?;
        let Some(ty) = g.rel_type(id) else { continue };
        add_props(
            groups.entry(g.names().name(ty)).or_default(),
            g.rel_props(id),
            g,
        );
    }
    Ok(property_rows(groups, |ty| {
        vec![Value::str(&format!(":`{ty}`"))]
    }))
}

fn label_names(g: &dyn GraphRead, id: NodeId) -> Vec<Arc<str>> {
    let names = g.names();
    let mut labels: Vec<Arc<str>> = g.node_labels(id).iter().map(|l| names.name(*l)).collect();
    labels.sort();
    labels
}

/// A property's type as Neo4j's schema procedures name it.
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "Boolean",
        Value::Int(_) => "Long",
        Value::Float(_) => "Double",
        Value::String(_) => "String",
        Value::Date(_) => "Date",
        Value::LocalTime(_) => "LocalTime",
        Value::Time(..) => "Time",
        Value::LocalDateTime(_) => "LocalDateTime",
        Value::DateTime(..) | Value::DateTimeZoned(..) => "DateTime",
        Value::Duration(_) => "Duration",
        Value::List(items) => match items.first() {
            Some(Value::Bool(_)) => "BooleanArray",
            Some(Value::Int(_)) => "LongArray",
            Some(Value::Float(_)) => "DoubleArray",
            Some(Value::String(_)) => "StringArray",
            Some(Value::Date(_)) => "DateArray",
            _ => "List",
        },
        _ => "Any",
    }
}
