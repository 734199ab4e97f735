//! Equal texts in properties stored once. Most text properties repeat (a sector, a role, a
//! country): sharing one allocation saves memory, and a query grouping by such a property
//! reads the same few texts again and again, which then stay in the processor's cache.

use crate::model::Value;
use std::collections::HashSet;
use std::sync::Arc;

/// Longer texts are rarely repeated: not worth a table entry.
const MAX_SHARED: usize = 64;

#[derive(Default, Clone)]
pub struct SharedStrings {
    texts: HashSet<Arc<str>>,
    /// Table size after the last sweep: texts no property holds any more are dropped once
    /// the table has doubled since.
    swept_at: usize,
}

impl SharedStrings {
    /// The value, with its text replaced by the shared copy of an equal text.
    pub fn share(&mut self, value: Value) -> Value {
        match value {
            Value::String(s) if s.len() <= MAX_SHARED => Value::String(self.text(s)),
            other => other,
        }
    }

    fn text(&mut self, s: Arc<str>) -> Arc<str> {
        if let Some(existing) = self.texts.get(&*s) {
            return existing.clone();
        }
        self.texts.insert(s.clone());
        if self.texts.len() > 1024 && self.texts.len() > 2 * self.swept_at {
            // Only the table holds these: no property uses them any more.
            self.texts.retain(|t| Arc::strong_count(t) > 1);
            self.swept_at = self.texts.len();
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_allocation() {
        let mut shared = SharedStrings::default();
        let a = shared.share(Value::str("Software"));
        let b = shared.share(Value::str("Software"));
        match (a, b) {
            (Value::String(x), Value::String(y)) => assert!(Arc::ptr_eq(&x, &y)),
            _ => panic!("texts stay texts"),
        }
    }
}
