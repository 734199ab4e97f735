//! Declaring and dropping indexes and constraints (the schema `Mutation`s), and checking
//! that changes keep every constraint.

use super::index::default_name;
use super::memory::{MemoryGraph, slot};
use super::mutation::{GraphError, Mutation};
use super::schema::{ConstraintDef, ConstraintKind, EntityKind, IndexDef, PropertyIndex};
use super::{GraphRead, Symbol};
use crate::model::{NodeId, Value};
use std::collections::BTreeSet;
use std::sync::Arc;

fn conflict(message: String) -> GraphError {
    GraphError::SchemaConflict(message)
}

/// How a value reads in an error message: texts quoted, as the language writes them.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{s}'"),
        other => format!("{other:?}"),
    }
}

impl MemoryGraph {
    /// The name a new index or constraint gets when its statement gives none.
    pub fn default_declaration_name(&self, prefix: &str, label: &str, key: &str) -> Arc<str> {
        default_name(&self.schema, prefix, label, key)
    }

    /// An index over what exists now, to be kept up to date from then on.
    fn build_index(&mut self, def: IndexDef, owner: Option<Arc<str>>) -> PropertyIndex {
        let label = self.names.intern(&def.label);
        let key = self.names.intern(&def.key);
        let entity = def.entity;
        let mut index = PropertyIndex::new(def, owner, label, key);
        let pool = &mut self.strings;
        match entity {
            EntityKind::Node => {
                if let (Some(nodes), Some(column)) =
                    (self.labels.nodes(label), slot(&self.node_props, key))
                {
                    index.fill(nodes.iter().map(|n| (column.cell(n), n)), pool);
                }
            }
            EntityKind::Relationship => {
                if let Some(column) = slot(&self.rel_props, key) {
                    let types = &self.rel_types;
                    let rels = (0..types.len() as u32).filter(|&r| types[r as usize] == label.0);
                    index.fill(rels.map(|r| (column.cell(r), r)), pool);
                }
            }
        }
        index
    }

    pub(super) fn create_index(&mut self, def: IndexDef) -> Result<Option<Mutation>, GraphError> {
        if self.schema.name_taken(&def.name) {
            return Err(conflict(format!(
                "an index or constraint named `{}` already exists",
                def.name
            )));
        }
        let (label, key) = (self.names.intern(&def.label), self.names.intern(&def.key));
        if let Some(existing) = self.schema.index(def.entity, label, key) {
            return Err(conflict(format!(
                "`{}` already indexes {} ({})",
                existing.def.name,
                on(&def),
                def.key
            )));
        }
        let name = def.name.clone();
        let index = self.build_index(def, None);
        self.schema.add_index(index);
        Ok(Some(Mutation::DropIndex { name }))
    }

    pub(super) fn drop_index(&mut self, name: &str) -> Result<Option<Mutation>, GraphError> {
        match self.schema.index_named(name) {
            None => Err(GraphError::NoSuchDeclaration {
                what: "index",
                name: Arc::from(name),
            }),
            Some(index) if index.owner.is_some() => Err(conflict(format!(
                "index `{name}` belongs to constraint `{}`: drop the constraint instead",
                index.owner.as_deref().unwrap_or_default()
            ))),
            Some(_) => {
                let index = self.schema.remove_index(name);
                Ok(index.map(|i| {
                    let def = i.def.clone();
                    i.release(&mut self.strings);
                    Mutation::CreateIndex(def)
                }))
            }
        }
    }

    pub(super) fn create_constraint(
        &mut self,
        def: ConstraintDef,
    ) -> Result<Option<Mutation>, GraphError> {
        if self.schema.name_taken(&def.name) {
            return Err(conflict(format!(
                "an index or constraint named `{}` already exists",
                def.name
            )));
        }
        let (label, key) = (self.names.intern(&def.label), self.names.intern(&def.key));
        if let Some(same) = self
            .schema
            .constraints
            .iter()
            .find(|c| c.kind == def.kind && c.label == def.label && c.key == def.key)
        {
            return Err(conflict(format!(
                "constraint `{}` already requires that",
                same.name
            )));
        }
        match def.kind {
            ConstraintKind::Unique => {
                if let Some(existing) = self.schema.index(EntityKind::Node, label, key) {
                    return Err(conflict(format!(
                        "index `{}` is on :{}({}) already, and a uniqueness constraint brings its \
                         own: drop the index first",
                        existing.def.name, def.label, def.key
                    )));
                }
                let index_def = IndexDef {
                    name: def.name.clone(),
                    entity: EntityKind::Node,
                    label: def.label.clone(),
                    key: def.key.clone(),
                };
                let index = self.build_index(index_def, Some(def.name.clone()));
                if let Some((value, a, b)) = index.first_duplicate(&self.strings) {
                    index.release(&mut self.strings);
                    return Err(self.violation(
                        &def,
                        format!(
                            "nodes {a} and {b} both have :{}({}) = {}",
                            def.label,
                            def.key,
                            shown(&value)
                        ),
                    ));
                }
                self.schema.add_index(index);
            }
            ConstraintKind::NotNull => {
                if let Some(n) = self.first_without(label, key) {
                    return Err(self.violation(
                        &def,
                        format!("node {n} with label :{} has no `{}`", def.label, def.key),
                    ));
                }
            }
        }
        let name = def.name.clone();
        self.schema.add_constraint(def);
        Ok(Some(Mutation::DropConstraint { name }))
    }

    pub(super) fn drop_constraint(&mut self, name: &str) -> Result<Option<Mutation>, GraphError> {
        let def =
            self.schema
                .remove_constraint(name)
                .ok_or_else(|| GraphError::NoSuchDeclaration {
                    what: "constraint",
                    name: Arc::from(name),
                })?;
        if def.kind == ConstraintKind::Unique {
            if let Some(index) = self.schema.remove_index(name) {
                index.release(&mut self.strings);
            }
        }
        Ok(Some(Mutation::CreateConstraint(def)))
    }

    fn violation(&self, def: &ConstraintDef, detail: String) -> GraphError {
        let rule = match def.kind {
            ConstraintKind::Unique => "unique",
            ConstraintKind::NotNull => "present",
        };
        GraphError::ConstraintViolation {
            constraint: def.name.clone(),
            message: format!(
                "constraint `{}` requires :{}({}) to be {rule}, but {detail}",
                def.name, def.label, def.key
            ),
        }
    }

    /// A node of `label` without a value for `key`.
    fn first_without(&self, label: Symbol, key: Symbol) -> Option<u32> {
        let nodes = self.labels.nodes(label)?;
        let column = slot(&self.node_props, key);
        nodes.iter().find(|n| column.is_none_or(|c| !c.has(*n)))
    }

    /// Checks that the nodes these changes touched keep every constraint: what a statement
    /// (or a transaction, at commit) must pass before it is kept.
    pub fn check_constraints(&self, changes: &[Mutation]) -> Result<(), GraphError> {
        if self.schema.constraints.is_empty() {
            return Ok(());
        }
        let mut touched = BTreeSet::new();
        for m in changes {
            match m {
                Mutation::CreateNode { id, .. }
                | Mutation::SetNodeProperty { id, .. }
                | Mutation::AddLabel { id, .. } => {
                    touched.insert(*id);
                }
                _ => {}
            }
        }
        for def in &self.schema.constraints {
            let (Some(label), Some(key)) = (self.names.get(&def.label), self.names.get(&def.key))
            else {
                continue;
            };
            for &id in &touched {
                if !self.node_has_label(id, label) {
                    continue;
                }
                let value = self.node_prop(id, key);
                match def.kind {
                    ConstraintKind::NotNull if value.is_null() => {
                        return Err(self.violation(
                            def,
                            format!("node {id} with label :{} has no `{}`", def.label, def.key),
                        ));
                    }
                    ConstraintKind::Unique if !value.is_null() => {
                        let holders = self
                            .schema
                            .index_named(&def.name)
                            .map_or(&[][..], |i| i.equal(&value, &self.strings));
                        if let Some(other) = holders.iter().find(|n| NodeId(u64::from(**n)) != id) {
                            return Err(self.violation(
                                def,
                                format!(
                                    "node {id} has {} = {}, as node {other} has",
                                    def.key,
                                    shown(&value)
                                ),
                            ));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

/// What an index is on, as a pattern: `(:Label)` or `()-[:TYPE]-()`.
fn on(def: &IndexDef) -> String {
    match def.entity {
        EntityKind::Node => format!("(:{})", def.label),
        EntityKind::Relationship => format!("()-[:{}]-()", def.label),
    }
}
