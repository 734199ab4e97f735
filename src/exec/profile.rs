//! PROFILE's figures: per operator of a plan, the rows it produced, the storage entries its
//! work read (nodes scanned, adjacency entries walked, property cells gathered, index
//! entries found) and the time spent in it, each including its inputs'.

use super::context::{Ctx, Result};
use super::physical::{BoxOp, Operator};
use super::vector::Batch;
use std::collections::HashMap;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, Default)]
pub struct OpStats {
    pub rows: u64,
    pub accesses: u64,
    pub time: Duration,
    /// The threads that ran the operator: more than one where a read was split.
    pub threads: u32,
}

/// Figures by operator, keyed as `plan::key_of` keys plan lines.
pub type Profile = HashMap<usize, OpStats>;

/// An operator whose figures are recorded.
pub struct Profiled<'a> {
    inner: BoxOp<'a>,
    key: usize,
    ctx: &'a Ctx<'a>,
}

impl<'a> Profiled<'a> {
    pub fn new(inner: BoxOp<'a>, key: usize, ctx: &'a Ctx<'a>) -> Self {
        Profiled { inner, key, ctx }
    }
}

impl Operator for Profiled<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        let (started, accesses) = (Instant::now(), self.ctx.stmt.accesses());
        let out = self.inner.next_batch();
        let rows = match &out {
            Ok(Some(batch)) => batch.len as u64,
            _ => 0,
        };
        self.ctx.stmt.record(self.key, |s| {
            s.rows += rows;
            s.accesses += self.ctx.stmt.accesses() - accesses;
            s.time += started.elapsed();
            s.threads = s.threads.max(1);
        });
        out
    }
}
