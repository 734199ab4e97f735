//! How many relationships of each type touch a node with each label, at either end. When
//! every `WORKS_AT` relationship ends at a `Company`, an expansion over `WORKS_AT` need not
//! read the node at its far end just to check that label.

use super::{Direction, Symbol};
use rustc_hash::FxHashMap;

#[derive(Default, Clone)]
pub struct EndpointLabels {
    /// (type, the direction of travel that reaches the node, its label) -> relationships:
    /// `Outgoing` counts end nodes, `Incoming` start nodes.
    counts: FxHashMap<(Symbol, Direction, Symbol), usize>,
}

impl EndpointLabels {
    /// `n` relationships appeared (`up`) or went away at nodes reached by travelling `dir`.
    pub fn bump(&mut self, ty: Symbol, dir: Direction, label: Symbol, n: usize, up: bool) {
        if n == 0 {
            return;
        }
        let count = self.counts.entry((ty, dir, label)).or_default();
        *count = if up {
            *count + n
        } else {
            count.saturating_sub(n)
        };
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
            self.bump(ty, Direction::Incoming, *l, 1, up);
        }
        for l in end_labels {
            self.bump(ty, Direction::Outgoing, *l, 1, up);
        }
    }

    /// Relationships of type `ty` whose node reached by travelling `dir` carries `label`.
    pub fn count(&self, ty: Symbol, dir: Direction, label: Symbol) -> usize {
        self.counts.get(&(ty, dir, label)).copied().unwrap_or(0)
    }
}
