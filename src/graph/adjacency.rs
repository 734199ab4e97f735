//! Who is connected to whom, per relationship type and direction, in compressed sparse rows.
//!
//! The relationships of one type leaving (or entering) one node are one contiguous slice of
//! two parallel arrays, the nodes at their other ends and their ids, sorted by (other node,
//! relationship), so an expansion reads nothing else and `ExpandInto` is a binary search.
//! Writes go to a small overlay per node and to a count of deleted entries still in the
//! arrays (readers skip those by the relationship's liveness); once the overlay and the dead
//! entries outweigh a fraction of the arrays, the whole is rebuilt. Rebuilding only moves
//! entries, so it never changes what a reader sees or what an undo must restore.

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// Direction of travel from a node along its relationships.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Direction {
    Outgoing,
    Incoming,
}

impl Direction {
    pub fn reverse(self) -> Direction {
        match self {
            Direction::Outgoing => Direction::Incoming,
            Direction::Incoming => Direction::Outgoing,
        }
    }
}

/// A node's slot in the arrays: dense offsets over a window of node ids where the nodes with
/// such relationships are close together (the usual case: a label's nodes are created
/// together), else a sorted list of the nodes that have any.
#[derive(Clone, Debug)]
enum Rows {
    Dense { lo: u32, offsets: Vec<u32> },
    Sparse { nodes: Vec<u32>, offsets: Vec<u32> },
}

impl Default for Rows {
    fn default() -> Self {
        Rows::Dense {
            lo: 0,
            offsets: vec![0],
        }
    }
}

impl Rows {
    #[inline]
    fn range(&self, node: u32) -> (usize, usize) {
        match self {
            Rows::Dense { lo, offsets } => {
                let Some(i) = node.checked_sub(*lo) else {
                    return (0, 0);
                };
                match (offsets.get(i as usize), offsets.get(i as usize + 1)) {
                    (Some(&a), Some(&b)) => (a as usize, b as usize),
                    _ => (0, 0),
                }
            }
            Rows::Sparse { nodes, offsets } => match nodes.binary_search(&node) {
                Ok(i) => (offsets[i] as usize, offsets[i + 1] as usize),
                Err(_) => (0, 0),
            },
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Rows::Dense { offsets, .. } => offsets.capacity() * 4,
            Rows::Sparse { nodes, offsets } => (nodes.capacity() + offsets.capacity()) * 4,
        }
    }
}

/// One (type, direction)'s adjacency.
#[derive(Clone, Debug, Default)]
pub struct Csr {
    rows: Rows,
    /// Nodes with at least one entry in the arrays: with their length, the mean degree the
    /// planner estimates expansions by.
    sources: usize,
    others: Vec<u32>,
    rels: Vec<u32>,
    /// Entries in the arrays whose relationship was deleted since the last rebuild.
    dead: usize,
    /// Entries added since the last rebuild, per node, sorted like the arrays.
    overlay: FxHashMap<u32, SmallVec<[(u32, u32); 2]>>,
    overlay_len: usize,
    /// Entries of a bulk load, unsorted and invisible to readers until the load ends.
    pending: Vec<(u32, u32, u32)>,
    bulk: bool,
}

/// The entries of one node: a slice of the arrays plus the overlay's.
#[derive(Clone, Copy, Debug, Default)]
pub struct NodeAdjacency<'a> {
    pub others: &'a [u32],
    pub rels: &'a [u32],
    pub added: &'a [(u32, u32)],
    /// Whether the arrays may hold deleted relationships, which readers must skip.
    pub may_hold_dead: bool,
}

impl NodeAdjacency<'_> {
    pub fn len(&self) -> usize {
        self.others.len() + self.added.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Csr {
    #[inline]
    pub fn node(&self, node: u32) -> NodeAdjacency<'_> {
        let (a, b) = self.rows.range(node);
        let added = if self.overlay.is_empty() {
            &[][..]
        } else {
            self.overlay.get(&node).map_or(&[][..], |v| v.as_slice())
        };
        NodeAdjacency {
            others: &self.others[a..b],
            rels: &self.rels[a..b],
            added,
            may_hold_dead: self.dead > 0,
        }
    }

    /// The mean number of entries of a node that has any (1 for an empty adjacency).
    pub fn mean_degree(&self) -> f64 {
        // Nodes in the overlay may also have array entries: a slight underestimate of the
        // degree, no more.
        let nodes = self.sources + self.overlay.len();
        if nodes == 0 {
            return 1.0;
        }
        self.len() as f64 / nodes as f64
    }

    /// Entries in the arrays and the overlay, dead ones included.
    pub fn len(&self) -> usize {
        self.others.len() + self.overlay_len + self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Starts a bulk load: entries pile up unsorted, readers must wait for `end_bulk`.
    /// Entries added by a bulk load and not yet sorted in.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    pub fn begin_bulk(&mut self) {
        self.bulk = true;
    }

    pub fn end_bulk(&mut self, alive: impl Fn(u32) -> bool) {
        self.bulk = false;
        if !self.pending.is_empty() || self.overlay_len + self.dead > 0 {
            self.rebuild(alive);
        }
    }

    /// Room for `entries` more entries of a bulk load, so that the list of them is not
    /// copied as it grows.
    pub fn reserve_pending(&mut self, entries: usize) {
        if self.bulk {
            self.pending.reserve(entries);
        }
    }

    /// Adds an entry; one deleted earlier and still in the arrays comes back to life instead.
    pub fn insert(&mut self, node: u32, other: u32, rel: u32) {
        if self.bulk {
            self.pending.push((node, other, rel));
            return;
        }
        let (a, b) = self.rows.range(node);
        let slice = (&self.others[a..b], &self.rels[a..b]);
        if self.dead > 0 && find(slice, other, rel).is_some() {
            self.dead -= 1;
            return;
        }
        let entries = self.overlay.entry(node).or_default();
        let pos = entries.partition_point(|e| *e < (other, rel));
        entries.insert(pos, (other, rel));
        self.overlay_len += 1;
    }

    /// Removes an entry: from the overlay, or by counting it dead in the arrays (the caller
    /// marks the relationship itself deleted, which is what readers check).
    pub fn remove(&mut self, node: u32, other: u32, rel: u32) {
        if self.bulk {
            // Dropped by the rebuild that ends the load, the relationship being dead.
            self.dead += 1;
            return;
        }
        if let Some(entries) = self.overlay.get_mut(&node) {
            if let Some(pos) = entries.iter().position(|e| *e == (other, rel)) {
                entries.remove(pos);
                if entries.is_empty() {
                    self.overlay.remove(&node);
                }
                self.overlay_len -= 1;
                return;
            }
        }
        self.dead += 1;
    }

    /// Whether the overlay and dead entries are worth folding into the arrays.
    pub fn needs_rebuild(&self, threshold_fraction: usize) -> bool {
        if self.bulk {
            return false;
        }
        let changes = self.overlay_len + self.dead;
        changes > 1024 && changes * threshold_fraction > self.others.len()
    }

    /// Folds the overlay in and drops dead entries; `alive` tells whether a relationship
    /// still exists.
    pub fn rebuild(&mut self, alive: impl Fn(u32) -> bool) {
        let mut entries = std::mem::take(&mut self.pending);
        entries.retain(|e| alive(e.2));
        entries.reserve(self.len().saturating_sub(self.dead));
        self.for_each_entry(|node, other, rel| {
            if alive(rel) {
                entries.push((node, other, rel));
            }
        });
        let bulk = self.bulk;
        *self = Csr::from_entries(entries);
        self.bulk = bulk;
    }

    fn for_each_entry(&self, mut f: impl FnMut(u32, u32, u32)) {
        let mut visit_rows = |node: u32, a: usize, b: usize| {
            for i in a..b {
                f(node, self.others[i], self.rels[i]);
            }
        };
        match &self.rows {
            Rows::Dense { lo, offsets } => {
                for (i, w) in offsets.windows(2).enumerate() {
                    visit_rows(lo + i as u32, w[0] as usize, w[1] as usize);
                }
            }
            Rows::Sparse { nodes, offsets } => {
                for (i, node) in nodes.iter().enumerate() {
                    visit_rows(*node, offsets[i] as usize, offsets[i + 1] as usize);
                }
            }
        }
        for (node, added) in &self.overlay {
            for (other, rel) in added {
                f(*node, *other, *rel);
            }
        }
    }

    /// Builds the arrays from (node, other, relationship) entries in any order.
    pub fn from_entries(mut entries: Vec<(u32, u32, u32)>) -> Csr {
        entries.sort_unstable();
        let mut nodes: Vec<u32> = Vec::new();
        let mut starts: Vec<u32> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if nodes.last() != Some(&e.0) {
                nodes.push(e.0);
                starts.push(i as u32);
            }
        }
        starts.push(entries.len() as u32);
        let rows = match (nodes.first(), nodes.last()) {
            // Dense offsets cost four bytes a node of the window; sparse ones eight a node
            // that has entries, plus a binary search per lookup.
            (Some(&lo), Some(&hi)) if (hi - lo) as usize <= nodes.len() * 4 => {
                let mut offsets = Vec::with_capacity((hi - lo) as usize + 2);
                let mut next = 0;
                for n in lo..=hi {
                    offsets.push(starts[next]);
                    if nodes.get(next) == Some(&n) {
                        next += 1;
                    }
                }
                offsets.push(entries.len() as u32);
                Rows::Dense { lo, offsets }
            }
            (Some(_), Some(_)) => Rows::Sparse {
                nodes,
                offsets: starts,
            },
            _ => Rows::default(),
        };
        let sources = match &rows {
            Rows::Dense { offsets, .. } => offsets.windows(2).filter(|w| w[0] < w[1]).count(),
            Rows::Sparse { nodes, .. } => nodes.len(),
        };
        Csr {
            rows,
            sources,
            others: entries.iter().map(|e| e.1).collect(),
            rels: entries.iter().map(|e| e.2).collect(),
            dead: 0,
            overlay: FxHashMap::default(),
            overlay_len: 0,
            pending: Vec::new(),
            bulk: false,
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.rows.heap_bytes()
            + (self.others.capacity() + self.rels.capacity()) * 4
            + self.overlay.capacity() * 48
    }
}

/// The position of (other, rel) in a node's sorted slices.
fn find((others, rels): (&[u32], &[u32]), other: u32, rel: u32) -> Option<usize> {
    let start = others.partition_point(|o| *o < other);
    (start..others.len())
        .take_while(|&i| others[i] == other)
        .find(|&i| rels[i] == rel)
}

/// Both directions of one relationship type.
#[derive(Clone, Debug, Default)]
pub struct TypeAdjacency {
    pub outgoing: Csr,
    pub incoming: Csr,
    /// Live relationships of the type.
    pub count: usize,
}

impl TypeAdjacency {
    pub fn get(&self, dir: Direction) -> &Csr {
        match dir {
            Direction::Outgoing => &self.outgoing,
            Direction::Incoming => &self.incoming,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(adj: NodeAdjacency, alive: impl Fn(u32) -> bool) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = adj
            .others
            .iter()
            .zip(adj.rels)
            .map(|(o, r)| (*o, *r))
            .filter(|(_, r)| alive(*r))
            .collect();
        out.extend(adj.added);
        out.sort();
        out
    }

    #[test]
    fn entries_come_back_sorted_by_other_node_then_relationship() {
        let csr = Csr::from_entries(vec![(5, 9, 1), (5, 2, 7), (5, 2, 3), (6, 1, 0)]);
        let adj = csr.node(5);
        assert_eq!(adj.others, &[2, 2, 9]);
        assert_eq!(adj.rels, &[3, 7, 1]);
        assert!(csr.node(4).is_empty() && csr.node(700).is_empty());
    }

    #[test]
    fn far_apart_nodes_get_sparse_rows() {
        let csr = Csr::from_entries(vec![(1, 2, 0), (1_000_000, 3, 1)]);
        assert!(matches!(csr.rows, Rows::Sparse { .. }));
        assert_eq!(csr.node(1_000_000).rels, &[1]);
        assert!(csr.node(500).is_empty());
    }

    #[test]
    fn deletes_and_undos_survive_a_rebuild() {
        let mut csr = Csr::from_entries(vec![(0, 1, 0), (0, 2, 1)]);
        let mut dead = std::collections::HashSet::new();
        csr.remove(0, 1, 0);
        dead.insert(0);
        csr.insert(0, 3, 2);
        let alive = |d: &std::collections::HashSet<u32>, r: u32| !d.contains(&r);
        assert_eq!(
            collect(csr.node(0), |r| alive(&dead, r)),
            vec![(2, 1), (3, 2)]
        );
        // Undoing the delete revives the entry in place rather than adding a second one.
        csr.insert(0, 1, 0);
        dead.remove(&0);
        assert_eq!(csr.len(), 3);
        csr.rebuild(|r| alive(&dead, r));
        assert_eq!(csr.node(0).others, &[1, 2, 3]);
        assert!(csr.node(0).added.is_empty());
    }
}
