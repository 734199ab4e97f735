//! Computed slots: each item in turn (a later item may read an earlier one's slot).

use super::super::context::{Ctx, Result};
use super::super::vector::Batch;
use super::super::vector_eval::eval_batch;
use super::{BoxOp, Operator};
use crate::plan::{BoundExpr, Slot};

pub struct Project<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    items: &'a [(Slot, BoundExpr)],
}

impl<'a> Project<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, items: &'a [(Slot, BoundExpr)]) -> Self {
        Project { input, ctx, items }
    }
}

impl Operator for Project<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        let Some(mut batch) = self.input.next_batch()? else {
            return Ok(None);
        };
        for (slot, expr) in self.items {
            let v = eval_batch(expr, &batch, self.ctx)?.into_owned();
            batch.cols[*slot] = v;
        }
        Ok(Some(batch))
    }
}
