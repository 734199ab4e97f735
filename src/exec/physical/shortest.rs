//! shortestPath and allShortestPaths: a search per input row, done by the row executor's
//! bidirectional and level-by-level breadth-first searches; their rows are batched here.

use super::super::context::{Ctx, Result};
use super::super::row::shortest_paths;
use super::super::vector::{BATCH, Batch};
use super::{BoxOp, Operator};
use crate::plan::ShortestPath;

pub struct ShortestPaths<'a> {
    sp: &'a ShortestPath,
    ctx: &'a Ctx<'a>,
    input: BoxOp<'a>,
    pending: Vec<Vec<crate::model::Value>>,
    batch: Option<(Batch, usize)>,
}

impl<'a> ShortestPaths<'a> {
    pub fn new(sp: &'a ShortestPath, ctx: &'a Ctx<'a>, input: BoxOp<'a>) -> Self {
        ShortestPaths {
            sp,
            ctx,
            input,
            pending: Vec::new(),
            batch: None,
        }
    }
}

impl Operator for ShortestPaths<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        loop {
            let Some((batch, row)) = self.batch.take() else {
                match self.input.next_batch()? {
                    Some(b) => {
                        self.batch = Some((b, 0));
                        continue;
                    }
                    None if self.pending.is_empty() => return Ok(None),
                    None => {
                        let rows = std::mem::take(&mut self.pending);
                        let width = rows[0].len();
                        return Ok(Some(Batch::from_rows(&rows, width, self.ctx.graph)));
                    }
                }
            };
            let cols = batch.cols.len();
            let mut row = row;
            while row < batch.len && self.pending.len() < BATCH {
                let values = batch.row(row, cols, self.ctx.graph.strings());
                for found in shortest_paths(self.sp, values, self.ctx) {
                    self.pending.push(found?);
                }
                row += 1;
            }
            if row < batch.len {
                self.batch = Some((batch, row));
            }
            if self.pending.len() >= BATCH {
                let rows = std::mem::take(&mut self.pending);
                return Ok(Some(Batch::from_rows(&rows, cols, self.ctx.graph)));
            }
        }
    }
}
