//! One hop along relationships: for each input row, the relationships of the pattern's types
//! and direction at the row's node that pass the pattern's tests, read straight from the
//! adjacency arrays. When the far node is bound already (`ExpandInto`), the sorted arrays
//! are binary-searched for it instead of walked.

use super::super::context::{Ctx, Result, check_limits};
use super::super::vector::{BATCH, Batch, Vector};
use super::node_test::{NodeTest, PropTest, props, reads_row, row_view};
use super::{BoxOp, Operator};
use crate::graph::{Csr, Direction, GraphRead, NodeAdjacency, Symbol};
use crate::model::{RelId, Value};
use crate::plan::Expand as Plan;
use smallvec::SmallVec;

/// The adjacency arrays a hop walks, whatever node it starts from: looked up once per
/// operator, each with whether its walk skips self-loops (the incoming side of an
/// undirected hop, since the outgoing side yields them).
#[derive(Default)]
pub struct HopLists<'g> {
    lists: SmallVec<[(&'g Csr, bool); 4]>,
}

impl<'g> HopLists<'g> {
    /// The arrays of `types` in direction `dir` (both when `None`).
    pub fn new(graph: &'g dyn GraphRead, dir: Option<Direction>, types: &[Symbol]) -> Self {
        let dirs: &[(Direction, bool)] = match dir {
            Some(Direction::Outgoing) => &[(Direction::Outgoing, false)],
            Some(Direction::Incoming) => &[(Direction::Incoming, false)],
            None => &[(Direction::Outgoing, false), (Direction::Incoming, true)],
        };
        let mut lists = SmallVec::new();
        for &(d, skip_loops) in dirs {
            for ty in types {
                if let Some(csr) = graph.adjacency(*ty, d) {
                    lists.push((csr, skip_loops));
                }
            }
        }
        HopLists { lists }
    }
}

/// Where a walk of one node's entries is: which of the hop's arrays, and how far into the
/// node's slice of it. Each array's slice is looked up only when the walk reaches it. The
/// default cursor has nothing left to walk.
pub struct HopCursor<'g> {
    from: u32,
    /// The next array to open.
    list: usize,
    adj: NodeAdjacency<'g>,
    skip_loops: bool,
    pos: usize,
    /// Only entries leading to this node.
    to: Option<u32>,
}

impl Default for HopCursor<'_> {
    fn default() -> Self {
        HopCursor {
            from: 0,
            list: usize::MAX,
            adj: NodeAdjacency::default(),
            skip_loops: false,
            pos: 0,
            to: None,
        }
    }
}

impl<'g> HopCursor<'g> {
    /// A walk of `from`'s entries; with `to`, only those leading to that node.
    pub fn new(from: u32, to: Option<u32>) -> Self {
        HopCursor {
            from,
            to,
            list: 0,
            ..HopCursor::default()
        }
    }

    /// The next (relationship, other node) that still exists.
    #[inline(always)]
    pub fn next(&mut self, hop: &HopLists<'g>, graph: &dyn GraphRead) -> Option<(u32, u32)> {
        loop {
            let base = self.adj.others.len();
            let i = self.pos;
            if i >= self.adj.len() {
                if !self.open_next(hop) {
                    return None;
                }
                continue;
            }
            self.pos += 1;
            let (other, rel) = if i < base {
                if self.adj.may_hold_dead && !graph.rel_exists(RelId(u64::from(self.adj.rels[i]))) {
                    continue;
                }
                (self.adj.others[i], self.adj.rels[i])
            } else {
                self.adj.added[i - base]
            };
            if (self.skip_loops && other == self.from) || self.to.is_some_and(|to| to != other) {
                continue;
            }
            return Some((rel, other));
        }
    }
}

impl<'g> HopCursor<'g> {
    /// Moves on to the node's slice of the next array; false when there is none.
    #[inline(never)]
    fn open_next(&mut self, hop: &HopLists<'g>) -> bool {
        let Some(&(csr, skip_loops)) = hop.lists.get(self.list) else {
            return false;
        };
        self.list += 1;
        self.adj = csr.node(self.from);
        if let Some(to) = self.to {
            let others = self.adj.others;
            let start = others.partition_point(|o| *o < to);
            let end = start + others[start..].partition_point(|o| *o == to);
            self.adj.others = &others[start..end];
            self.adj.rels = &self.adj.rels[start..end];
        }
        self.skip_loops = skip_loops;
        self.pos = 0;
        true
    }
}

/// A hop's tests of the relationship's properties and of the far node: computed once when
/// their values read no slot (constants and parameters), else again for each input row.
pub struct HopTests<'g> {
    plan: &'g Plan,
    needs_row: bool,
    /// Far-node labels the graph guarantees, which need no check.
    labels_known: bool,
    ready: bool,
    rel: Vec<PropTest<'g>>,
    to: Option<NodeTest<'g>>,
}

impl<'g> HopTests<'g> {
    pub fn new(plan: &'g Plan, labels_known: bool) -> Self {
        HopTests {
            plan,
            needs_row: reads_row(&plan.rel_props) || reads_row(&plan.to_filter.props),
            labels_known,
            ready: false,
            rel: Vec::new(),
            to: None,
        }
    }

    /// Makes the tests ready for input row `row` of `batch`.
    pub fn prepare(&mut self, batch: &Batch, row: usize, ctx: &'g Ctx<'g>) -> Result<()> {
        if self.ready && !self.needs_row {
            return Ok(());
        }
        let view = row_view(batch, row, self.needs_row, ctx);
        self.rel = props(&self.plan.rel_props, &view, ctx, |k| {
            ctx.graph.rel_column(k)
        })?;
        let test = NodeTest::new(&self.plan.to_filter, &view, ctx)?;
        let test = if self.labels_known {
            test.without_labels(&self.plan.to_filter.labels)
        } else {
            test
        };
        self.to = (!test.is_empty()).then_some(test);
        self.ready = true;
        Ok(())
    }

    #[inline]
    pub fn rel_matches(&self, rel: u32, graph: &dyn GraphRead) -> bool {
        self.rel.iter().all(|t| t.matches(rel, graph))
    }

    #[inline]
    pub fn node_matches(&self, node: u32, graph: &dyn GraphRead) -> bool {
        self.to.as_ref().is_none_or(|t| t.matches(node, graph))
    }
}

/// The types a hop walks: those named, each once, or every type in use.
pub fn hop_types(graph: &dyn GraphRead, named: &[Symbol]) -> Vec<Symbol> {
    if named.is_empty() {
        return graph.rel_types_in_use();
    }
    let mut types = Vec::with_capacity(named.len());
    for t in named {
        if !types.contains(t) {
            types.push(*t);
        }
    }
    types
}

/// Whether relationship `rel` is already in the slot: a relationship, or the list a
/// variable-length hop bound. A match never uses one relationship twice.
pub fn rel_in(v: &Vector, row: usize, rel: u32) -> bool {
    match v {
        Vector::Rels(ids) => ids[row] == rel,
        Vector::Values(vs) => value_holds(&vs[row], rel),
        Vector::Const(c) => value_holds(c, rel),
        _ => false,
    }
}

fn value_holds(v: &Value, rel: u32) -> bool {
    match v {
        Value::Rel(r) => r.0 == u64::from(rel),
        Value::List(items) => items
            .iter()
            .any(|v| matches!(v, Value::Rel(r) if r.0 == u64::from(rel))),
        _ => false,
    }
}

pub struct Expand<'a> {
    e: &'a Plan,
    ctx: &'a Ctx<'a>,
    input: BoxOp<'a>,
    hop: HopLists<'a>,
    tests: HopTests<'a>,
    batch: Option<Batch>,
    row: usize,
    cursor: HopCursor<'a>,
}

impl<'a> Expand<'a> {
    pub fn new(e: &'a Plan, ctx: &'a Ctx<'a>, input: BoxOp<'a>) -> Self {
        let filter = &e.to_filter;
        // The graph guarantees the far end's labels when every relationship of the types,
        // followed this way, reaches them.
        let labels_known = match e.dir {
            Some(dir)
                if filter.props.is_empty() && !filter.labels.is_empty() && !e.types.is_empty() =>
            {
                e.types.iter().all(|t| {
                    filter
                        .labels
                        .iter()
                        .all(|l| ctx.graph.all_rels_reach_label(*t, dir, *l))
                })
            }
            _ => false,
        };
        Expand {
            e,
            ctx,
            input,
            hop: HopLists::new(ctx.graph, e.dir, &hop_types(ctx.graph, &e.types)),
            tests: HopTests::new(e, labels_known),
            batch: None,
            row: 0,
            cursor: HopCursor::default(),
        }
    }

    /// Sets the cursor to the input row `self.row` of `batch`; an empty walk when its slot
    /// holds no node (the row then matches nothing).
    fn start_row(&mut self, batch: &Batch) -> Result<()> {
        self.cursor = HopCursor::default();
        let Some(from) = batch.cols[self.e.from].node(self.row) else {
            return Ok(());
        };
        let to = if self.e.to_bound {
            match batch.cols[self.e.to].node(self.row) {
                Some(to) => Some(to),
                None => return Ok(()),
            }
        } else {
            None
        };
        self.tests.prepare(batch, self.row, self.ctx)?;
        self.cursor = HopCursor::new(from, to);
        Ok(())
    }

    fn accept(&self, batch: &Batch, rel: u32, other: u32) -> bool {
        let graph = self.ctx.graph;
        if self
            .e
            .distinct_from
            .iter()
            .any(|s| rel_in(&batch.cols[*s], self.row, rel))
        {
            return false;
        }
        self.tests.rel_matches(rel, graph) && self.tests.node_matches(other, graph)
    }
}

impl Operator for Expand<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        let (mut rows, mut rels, mut others) = (
            Vec::with_capacity(BATCH),
            Vec::with_capacity(BATCH),
            Vec::with_capacity(BATCH),
        );
        loop {
            let Some(batch) = self.batch.take() else {
                match self.input.next_batch()? {
                    Some(b) => {
                        self.row = 0;
                        if b.len > 0 {
                            self.start_row(&b)?;
                        }
                        self.batch = Some(b);
                        continue;
                    }
                    None => return Ok(None),
                }
            };
            check_limits()?;
            let mut read = 0;
            while rows.len() < BATCH && self.row < batch.len {
                match self.cursor.next(&self.hop, self.ctx.graph) {
                    Some((rel, other)) => {
                        read += 1;
                        if self.accept(&batch, rel, other) {
                            rows.push(self.row as u32);
                            rels.push(rel);
                            others.push(other);
                        }
                    }
                    None => {
                        self.row += 1;
                        if self.row < batch.len {
                            self.start_row(&batch)?;
                        }
                    }
                }
            }
            self.ctx.stmt.touch(read);
            let done = self.row >= batch.len;
            let out = (!rows.is_empty()).then(|| {
                let mut out = batch.take(&rows);
                out.cols[self.e.rel] = Vector::Rels(std::mem::take(&mut rels));
                if !self.e.to_bound {
                    out.cols[self.e.to] = Vector::Nodes(std::mem::take(&mut others));
                }
                out
            });
            if !done {
                self.batch = Some(batch);
            }
            if let Some(out) = out {
                return Ok(Some(out));
            }
        }
    }
}
