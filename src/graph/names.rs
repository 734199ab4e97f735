//! Interning of labels, relationship types and property keys.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// An interned name. Labels, types and keys share one table: a symbol is just a name.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct Symbol(pub u32);

/// The symbol table. Names are only ever added, so a symbol stays valid for the graph's life.
#[derive(Default, Clone, Debug)]
pub struct Names {
    names: Vec<Arc<str>>,
    index: HashMap<Arc<str>, Symbol>,
}

impl Names {
    pub fn intern(&mut self, name: &str) -> Symbol {
        if let Some(sym) = self.index.get(name) {
            return *sym;
        }
        let sym = Symbol(u32::try_from(self.names.len()).unwrap_or(u32::MAX));
        let name: Arc<str> = Arc::from(name);
        self.names.push(name.clone());
        self.index.insert(name, sym);
        sym
    }

    pub fn get(&self, name: &str) -> Option<Symbol> {
        self.index.get(name).copied()
    }

    pub fn name(&self, sym: Symbol) -> &Arc<str> {
        &self.names[sym.0 as usize]
    }

    /// How many names are interned.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every name, in symbol order (so a name's position is its symbol).
    pub fn iter(&self) -> impl Iterator<Item = &Arc<str>> {
        self.names.iter()
    }
}
