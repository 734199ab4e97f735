//! Variable-length hops (`-[*1..3]->`): for each input row, every trail (no relationship
//! twice) of an allowed length that ends on a node the pattern accepts. The search is
//! depth-first and lazy: it keeps one cursor per level of the current trail and stops as
//! soon as a batch is full, so memory stays flat however many trails there are, and a
//! `LIMIT` above it stops the search.

use super::super::context::{Ctx, Result, check_limits};
use super::super::vector::{BATCH, Batch, Vector};
use super::expand::{HopCursor, HopLists, HopTests, hop_types, rel_in};
use super::{BoxOp, Operator};
use crate::model::{RelId, Value};
use crate::plan::Expand as Plan;

pub struct VarExpand<'a> {
    e: &'a Plan,
    ctx: &'a Ctx<'a>,
    input: BoxOp<'a>,
    hop: HopLists<'a>,
    tests: HopTests<'a>,
    min: u64,
    max: u64,
    batch: Option<Batch>,
    row: usize,
    /// The trail so far: one cursor per level (with the node it walks from) and the
    /// relationships taken.
    stack: Vec<HopCursor<'a>>,
    path: Vec<u32>,
    /// The zero-length trail of the current row is still to be considered.
    zero_pending: bool,
    start: u32,
    to: Option<u32>,
    /// Steps taken, across calls: most calls return after a step or two (every trail is a
    /// row), so a count kept per call would never reach the next look at the limits.
    steps: u32,
}

impl<'a> VarExpand<'a> {
    pub fn new(e: &'a Plan, ctx: &'a Ctx<'a>, input: BoxOp<'a>) -> Self {
        let (min, max) = e.var_length.unwrap_or((1, 1));
        VarExpand {
            e,
            ctx,
            input,
            hop: HopLists::new(ctx.graph, e.dir, &hop_types(ctx.graph, &e.types)),
            tests: HopTests::new(e, false),
            min,
            max,
            batch: None,
            row: 0,
            stack: Vec::new(),
            path: Vec::new(),
            zero_pending: false,
            steps: 0,
            start: 0,
            to: None,
        }
    }

    /// Starts the search from input row `self.row`; false when it has no start node.
    fn start_row(&mut self, batch: &Batch) -> Result<bool> {
        self.stack.clear();
        self.path.clear();
        self.zero_pending = false;
        let Some(start) = batch.cols[self.e.from].node(self.row) else {
            return Ok(false);
        };
        self.to = if self.e.to_bound {
            match batch.cols[self.e.to].node(self.row) {
                Some(to) => Some(to),
                None => return Ok(false),
            }
        } else {
            None
        };
        self.tests.prepare(batch, self.row, self.ctx)?;
        self.start = start;
        self.zero_pending = self.min == 0;
        if self.max > 0 {
            self.stack.push(HopCursor::new(start, None));
        }
        Ok(true)
    }

    fn end_accepted(&self, node: u32) -> bool {
        self.to.is_none_or(|to| to == node) && self.tests.node_matches(node, self.ctx.graph)
    }

    fn rel_accepted(&self, batch: &Batch, rel: u32) -> bool {
        !self.path.contains(&rel)
            && !self
                .e
                .distinct_from
                .iter()
                .any(|s| rel_in(&batch.cols[*s], self.row, rel))
            && self.tests.rel_matches(rel, self.ctx.graph)
    }

    /// The next trail of the current row: (relationships, end node); none when the search
    /// is over.
    fn next_trail(&mut self, batch: &Batch) -> Result<Option<(Vec<u32>, u32)>> {
        if self.zero_pending {
            self.zero_pending = false;
            if self.end_accepted(self.start) {
                return Ok(Some((Vec::new(), self.start)));
            }
        }
        loop {
            self.steps = self.steps.wrapping_add(1);
            if self.steps % 4096 == 0 {
                check_limits()?;
            }
            let graph = self.ctx.graph;
            let Some(cursor) = self.stack.last_mut() else {
                return Ok(None);
            };
            let Some((rel, other)) = cursor.next(&self.hop, graph) else {
                self.stack.pop();
                self.path.pop();
                continue;
            };
            self.ctx.stmt.touch(1);
            if !self.rel_accepted(batch, rel) {
                continue;
            }
            self.path.push(rel);
            let depth = self.path.len() as u64;
            let found =
                (depth >= self.min && self.end_accepted(other)).then(|| (self.path.clone(), other));
            if depth < self.max {
                self.stack.push(HopCursor::new(other, None));
            } else {
                self.path.pop();
            }
            if found.is_some() {
                return Ok(found);
            }
        }
    }
}

impl Operator for VarExpand<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        let (mut rows, mut lists, mut ends) = (Vec::new(), Vec::new(), Vec::new());
        loop {
            let Some(batch) = self.batch.take() else {
                match self.input.next_batch()? {
                    Some(b) => {
                        self.row = 0;
                        if b.len > 0 && !self.start_row(&b)? {
                            self.stack.clear();
                        }
                        self.batch = Some(b);
                        continue;
                    }
                    None => return Ok(None),
                }
            };
            while rows.len() < BATCH && self.row < batch.len {
                match self.next_trail(&batch)? {
                    Some((rels, end)) => {
                        rows.push(self.row as u32);
                        lists.push(Value::list(
                            rels.iter()
                                .map(|r| Value::Rel(RelId(u64::from(*r))))
                                .collect(),
                        ));
                        ends.push(end);
                    }
                    None => {
                        self.row += 1;
                        self.zero_pending = false;
                        self.stack.clear();
                        if self.row < batch.len && !self.start_row(&batch)? {
                            self.stack.clear();
                            self.zero_pending = false;
                        }
                    }
                }
            }
            let done = self.row >= batch.len;
            let out = (!rows.is_empty()).then(|| {
                let mut out = batch.take(&rows);
                out.cols[self.e.rel] = Vector::Values(std::mem::take(&mut lists));
                if !self.e.to_bound {
                    out.cols[self.e.to] = Vector::Nodes(std::mem::take(&mut ends));
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
