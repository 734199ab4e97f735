//! How many relationships of each type touch a node with each label, at either end. When
//! every `WORKS_AT` relationship ends at a `Company`, an expansion over `WORKS_AT` need not
//! read the node at its far end just to check that label.

use super::{AdjEntry, Direction, Symbol};
use std::collections::HashMap;

#[derive(Default, Clone)]
pub struct EndpointLabels {
    /// (type, the direction of travel that reaches the node, its label) -> relationships:
    /// `Outgoing` counts end nodes, `Incoming` start nodes.
    counts: HashMap<(Symbol, Direction, Symbol), usize>,
}

impl EndpointLabels {
    fn bump(&mut self, key: (Symbol, Direction, Symbol), up: bool) {
        let n = self.counts.entry(key).or_default();
        *n = if up { *n + 1 } else { n.saturating_sub(1) };
    }

    /// A relationship appeared (`up`) or went away between nodes with these labels.
    pub fn rel_changed(
        &mut self,
        ty: Symbol,
        start_labels: &[Symbol],
        end_labels: &[Symbol],
        up: bool,
    ) {
        for l in start_labels {
            self.bump((ty, Direction::Incoming, *l), up);
        }
        for l in end_labels {
            self.bump((ty, Direction::Outgoing, *l), up);
        }
    }

    /// A node with these relationships gained (`up`) or lost `label`.
    pub fn label_changed(
        &mut self,
        label: Symbol,
        outgoing: &[AdjEntry],
        incoming: &[AdjEntry],
        up: bool,
    ) {
        for e in outgoing {
            self.bump((e.ty, Direction::Incoming, label), up);
        }
        for e in incoming {
            self.bump((e.ty, Direction::Outgoing, label), up);
        }
    }

    /// Relationships of type `ty` whose node reached by travelling `dir` carries `label`.
    pub fn count(&self, ty: Symbol, dir: Direction, label: Symbol) -> usize {
        self.counts.get(&(ty, dir, label)).copied().unwrap_or(0)
    }
}
