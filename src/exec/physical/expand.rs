//! One hop along relationships: for each input row, the relationships of the pattern's types
//! and direction at the row's node that pass the pattern's tests, read straight from the
//! adjacency arrays. When the far node is bound already (`ExpandInto`), the sorted arrays
//! are binary-searched for it instead of walked.

use super::super::context::{Ctx, Result, check_limits};
use super::super::vector::{BATCH, Batch, Vector};
use super::node_test::{NodeTest, PropTest, props, reads_row, row_view};
use super::{BoxOp, Operator};
use crate::graph::{Direction, GraphRead, NodeAdjacency, Symbol};
use crate::model::{RelId, Value};
use crate::plan::Expand as Plan;
use smallvec::SmallVec;

/// The adjacency lists to walk from one node, and how far the walk is.
#[derive(Default)]
pub struct HopCursor<'g> {
    lists: SmallVec<[(NodeAdjacency<'g>, bool); 4]>,
    list: usize,
    pos: usize,
    /// Only entries leading to this node.
    to: Option<u32>,
}

impl<'g> HopCursor<'g> {
    /// The lists at `node` over `types` in direction `dir` (both when `None`; the incoming
    /// side then skips self-loops, which the outgoing side yields). With `to`, only the
    /// entries leading to that node.
    pub fn new(
        graph: &'g dyn GraphRead,
        node: u32,
        dir: Option<Direction>,
        types: &[Symbol],
        to: Option<u32>,
    ) -> Self {
        let dirs: &[(Direction, bool)] = match dir {
            Some(Direction::Outgoing) => &[(Direction::Outgoing, false)],
            Some(Direction::Incoming) => &[(Direction::Incoming, false)],
            None => &[(Direction::Outgoing, false), (Direction::Incoming, true)],
        };
        let mut lists = SmallVec::new();
        for &(d, skip_loops) in dirs {
            for ty in types {
                let Some(csr) = graph.adjacency(*ty, d) else {
                    continue;
                };
                let mut adj = csr.node(node);
                if let Some(to) = to {
                    let start = adj.others.partition_point(|o| *o < to);
                    let end = start + adj.others[start..].partition_point(|o| *o == to);
                    adj.others = &adj.others[start..end];
                    adj.rels = &adj.rels[start..end];
                }
                if !adj.is_empty() {
                    lists.push((adj, skip_loops));
                }
            }
        }
        HopCursor {
            lists,
            list: 0,
            pos: 0,
            to,
        }
    }

    /// The next (relationship, other node) that still exists.
    #[inline]
    pub fn next(&mut self, graph: &dyn GraphRead, from: u32) -> Option<(u32, u32)> {
        while let Some((adj, skip_loops)) = self.lists.get(self.list) {
            let base = adj.others.len();
            let i = self.pos;
            if i >= adj.len() {
                self.list += 1;
                self.pos = 0;
                continue;
            }
            self.pos += 1;
            let (other, rel) = if i < base {
                if adj.may_hold_dead && !graph.rel_exists(RelId(u64::from(adj.rels[i]))) {
                    continue;
                }
                (adj.others[i], adj.rels[i])
            } else {
                adj.added[i - base]
            };
            if (*skip_loops && other == from) || self.to.is_some_and(|to| to != other) {
                continue;
            }
            return Some((rel, other));
        }
        None
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
    types: Vec<Symbol>,
    /// The graph guarantees the far end's labels, so they need no check.
    labels_known: bool,
    needs_row: bool,
    batch: Option<Batch>,
    row: usize,
    from: u32,
    cursor: HopCursor<'a>,
    rel_tests: Vec<PropTest<'a>>,
    to_test: Option<NodeTest<'a>>,
}

impl<'a> Expand<'a> {
    pub fn new(e: &'a Plan, ctx: &'a Ctx<'a>, input: BoxOp<'a>) -> Self {
        let filter = &e.to_filter;
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
            types: hop_types(ctx.graph, &e.types),
            labels_known,
            needs_row: reads_row(&e.rel_props) || reads_row(&filter.props),
            batch: None,
            row: 0,
            from: 0,
            cursor: HopCursor::default(),
            rel_tests: Vec::new(),
            to_test: None,
        }
    }

    /// Sets the cursor to the input row `self.row` of `batch`; false when its slot holds no
    /// node (the row then matches nothing).
    fn start_row(&mut self, batch: &Batch) -> Result<bool> {
        let Some(from) = batch.cols[self.e.from].node(self.row) else {
            return Ok(false);
        };
        let to = if self.e.to_bound {
            match batch.cols[self.e.to].node(self.row) {
                Some(to) => Some(to),
                None => return Ok(false),
            }
        } else {
            None
        };
        let view = row_view(batch, self.row, self.needs_row, self.ctx);
        let ctx = self.ctx;
        self.rel_tests = props(&self.e.rel_props, &view, ctx, |k| ctx.graph.rel_column(k))?;
        let test = NodeTest::new(&self.e.to_filter, &view, ctx)?;
        let test = if self.labels_known {
            test.without_labels(&self.e.to_filter.labels)
        } else {
            test
        };
        self.to_test = (!test.is_empty()).then_some(test);
        self.from = from;
        self.cursor = HopCursor::new(ctx.graph, from, self.e.dir, &self.types, to);
        Ok(true)
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
        self.rel_tests.iter().all(|t| t.matches(rel, graph))
            && self
                .to_test
                .as_ref()
                .is_none_or(|t| t.matches(other, graph))
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
                        if b.len > 0 && !self.start_row(&b)? {
                            self.cursor = HopCursor::default();
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
                match self.cursor.next(self.ctx.graph, self.from) {
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
                        self.cursor = HopCursor::default();
                        if self.row < batch.len && !self.start_row(&batch)? {
                            self.cursor = HopCursor::default();
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
