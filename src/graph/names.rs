//! Interning of labels, relationship types and property keys.
//!
//! The table is shared (`Arc`) and takes new names through `&self`: the planner interns the
//! names a statement uses, so that a name created later in the same statement is found by
//! reads planned before it, without any write to the graph. Names are only ever added, so a
//! symbol stays valid for the table's life.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, RwLock, RwLockReadGuard};

/// An interned name. Labels, types and keys share one table: a symbol is just a name.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct Symbol(pub u32);

#[derive(Default, Debug)]
struct Table {
    names: Vec<Arc<str>>,
    index: FxHashMap<Arc<str>, Symbol>,
}

/// The symbol table.
#[derive(Default, Debug)]
pub struct Names {
    table: RwLock<Table>,
}

impl Clone for Names {
    fn clone(&self) -> Self {
        let table = self.read();
        Names {
            table: RwLock::new(Table {
                names: table.names.clone(),
                index: table.index.clone(),
            }),
        }
    }
}

impl Names {
    /// The table for reading. Nothing panics while holding it for writing, so a poisoned
    /// lock still guards a consistent table.
    fn read(&self) -> RwLockReadGuard<'_, Table> {
        self.table.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn intern(&self, name: &str) -> Symbol {
        if let Some(sym) = self.get(name) {
            return sym;
        }
        let mut table = self.table.write().unwrap_or_else(|e| e.into_inner());
        if let Some(sym) = table.index.get(name) {
            return *sym;
        }
        let sym = Symbol(u32::try_from(table.names.len()).unwrap_or(u32::MAX));
        let name: Arc<str> = Arc::from(name);
        table.names.push(name.clone());
        table.index.insert(name, sym);
        sym
    }

    pub fn get(&self, name: &str) -> Option<Symbol> {
        self.read().index.get(name).copied()
    }

    pub fn name(&self, sym: Symbol) -> Arc<str> {
        self.read().names[sym.0 as usize].clone()
    }

    /// How many names are interned.
    pub fn len(&self) -> usize {
        self.read().names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every name, in symbol order (so a name's position is its symbol).
    pub fn all(&self) -> Vec<Arc<str>> {
        self.read().names.clone()
    }
}
