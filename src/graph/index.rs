//! The declared indexes and constraints of a graph, and the upkeep of the indexes as
//! entities change. Indexes exist only where declared (`CREATE INDEX`, or a uniqueness
//! constraint's own); the planner reads them, never builds them.

use super::Symbol;
use super::schema::{ConstraintDef, EntityKind, IndexDef, PropertyIndex};
use super::strings::StringPool;
use crate::model::Value;
use std::sync::Arc;

#[derive(Clone, Default, Debug)]
pub struct Schema {
    pub indexes: Vec<PropertyIndex>,
    pub constraints: Vec<ConstraintDef>,
    /// Bumped by every change of a declaration, so plans made before it are made again.
    pub version: u64,
}

impl Schema {
    pub fn index(&self, entity: EntityKind, label: Symbol, key: Symbol) -> Option<&PropertyIndex> {
        self.indexes
            .iter()
            .find(|i| i.def.entity == entity && i.label == label && i.key == key)
    }

    pub fn index_named(&self, name: &str) -> Option<&PropertyIndex> {
        self.indexes.iter().find(|i| &*i.def.name == name)
    }

    pub fn constraint_named(&self, name: &str) -> Option<&ConstraintDef> {
        self.constraints.iter().find(|c| &*c.name == name)
    }

    /// Whether an index or a constraint already has this name (they share one namespace).
    pub fn name_taken(&self, name: &str) -> bool {
        self.index_named(name).is_some() || self.constraint_named(name).is_some()
    }

    pub fn add_index(&mut self, index: PropertyIndex) {
        self.indexes.push(index);
        self.version += 1;
    }

    pub fn remove_index(&mut self, name: &str) -> Option<PropertyIndex> {
        let pos = self.indexes.iter().position(|i| &*i.def.name == name)?;
        self.version += 1;
        Some(self.indexes.remove(pos))
    }

    pub fn add_constraint(&mut self, def: ConstraintDef) {
        self.constraints.push(def);
        self.version += 1;
    }

    pub fn remove_constraint(&mut self, name: &str) -> Option<ConstraintDef> {
        let pos = self.constraints.iter().position(|c| &*c.name == name)?;
        self.version += 1;
        Some(self.constraints.remove(pos))
    }

    /// The declarations a snapshot keeps: plain indexes (a constraint's own index comes back
    /// with the constraint) and constraints.
    pub fn declarations(&self) -> (Vec<IndexDef>, Vec<ConstraintDef>) {
        let indexes = self
            .indexes
            .iter()
            .filter(|i| i.owner.is_none())
            .map(|i| i.def.clone())
            .collect();
        (indexes, self.constraints.clone())
    }

    fn touching<'s>(
        &'s mut self,
        entity: EntityKind,
        labels: &'s [Symbol],
    ) -> impl Iterator<Item = &'s mut PropertyIndex> + 's {
        self.indexes
            .iter_mut()
            .filter(move |i| i.def.entity == entity && labels.contains(&i.label))
    }

    /// An entity appeared (`added`) or went away with these labels (a relationship: its
    /// type) and properties.
    pub fn entity(
        &mut self,
        entity: EntityKind,
        id: u32,
        labels: &[Symbol],
        props: &[(Symbol, Value)],
        added: bool,
        pool: &mut StringPool,
    ) {
        if self.indexes.is_empty() {
            return;
        }
        for index in self.touching(entity, labels) {
            if let Some((_, v)) = props.iter().find(|(k, _)| *k == index.key) {
                if added {
                    index.insert(v, id, pool);
                } else {
                    index.remove(v, id, pool);
                }
            }
        }
    }

    /// A property of an entity with these labels went from `old` to `new` (null: absent).
    pub fn property(
        &mut self,
        entity: EntityKind,
        id: u32,
        labels: &[Symbol],
        key: Symbol,
        (old, new): (&Value, &Value),
        pool: &mut StringPool,
    ) {
        if self.indexes.is_empty() {
            return;
        }
        for index in self.touching(entity, labels).filter(|i| i.key == key) {
            if !old.is_null() {
                index.remove(old, id, pool);
            }
            index.insert(new, id, pool);
        }
    }

    /// A node gained (`added`) or lost `label`, holding these properties.
    pub fn label(
        &mut self,
        id: u32,
        label: Symbol,
        props: &[(Symbol, Value)],
        added: bool,
        pool: &mut StringPool,
    ) {
        self.entity(EntityKind::Node, id, &[label], props, added, pool);
    }
}

/// The name an unnamed declaration gets: what it is on, readable, unique in the schema.
pub fn default_name(schema: &Schema, prefix: &str, label: &str, key: &str) -> Arc<str> {
    let base = format!("{prefix}_{label}_{key}");
    let mut name = base.clone();
    let mut n = 1;
    while schema.name_taken(&name) {
        n += 1;
        name = format!("{base}_{n}");
    }
    Arc::from(name)
}
