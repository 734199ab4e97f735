//! Notifications, as Neo4j gives them: a statement that reads a label, relationship type or
//! property key the graph does not have still runs, and a note names it with the closest name
//! the graph has (a misspelling otherwise returns nothing, silently).

use super::Database;
use crate::graph::Statistics;
use crate::plan::NameKind;
use std::sync::Arc;

impl Database {
    /// The names a statement reads that the graph does not have.
    pub(super) fn missing_names(
        &self,
        names: &[(NameKind, Arc<str>)],
    ) -> Vec<(NameKind, Arc<str>)> {
        if names.is_empty() {
            return Vec::new();
        }
        let stats = self.statistics();
        let existing = |kind| names_in_use(&stats, kind);
        let (labels, types, keys) = (
            existing(NameKind::Label),
            existing(NameKind::Type),
            existing(NameKind::Key),
        );
        names
            .iter()
            .filter(|(kind, name)| {
                let have = match kind {
                    NameKind::Label => &labels,
                    NameKind::Type => &types,
                    NameKind::Key => &keys,
                };
                !have.contains(name)
            })
            .cloned()
            .collect()
    }

    /// Notes on the names missing before the statement that are still missing after it (a
    /// statement that creates a name, or deletes the last of one, gets none).
    pub(super) fn note_missing(&mut self, before: Vec<(NameKind, Arc<str>)>) {
        if before.is_empty() {
            return;
        }
        let stats = self.statistics();
        for (kind, name) in self.missing_names(&before) {
            let have = names_in_use(&stats, kind);
            let mut note = format!("no {} {name} in the graph", kind.noun());
            if let Some(close) = crate::syntax::closest(&name, have.iter().map(|n| &**n)) {
                note.push_str(&format!("; did you mean {close}?"));
            }
            self.notes.push(note);
        }
    }
}

fn names_in_use(stats: &Statistics, kind: NameKind) -> Vec<Arc<str>> {
    let names = |counts: &[(Arc<str>, usize)]| counts.iter().map(|(n, _)| n.clone()).collect();
    match kind {
        NameKind::Label => names(&stats.labels),
        NameKind::Type => names(&stats.types),
        NameKind::Key => stats.property_keys(),
    }
}
