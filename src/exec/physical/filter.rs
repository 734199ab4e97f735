//! The rows for which a predicate is true.

use super::super::context::{Ctx, Result};
use super::super::vector::Batch;
use super::super::vector_eval::predicate;
use super::{BoxOp, Operator};
use crate::plan::BoundExpr;

pub struct Filter<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    predicate: &'a BoundExpr,
}

impl<'a> Filter<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, predicate: &'a BoundExpr) -> Self {
        Filter {
            input,
            ctx,
            predicate,
        }
    }
}

impl Operator for Filter<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        while let Some(batch) = self.input.next_batch()? {
            let keep = predicate(self.predicate, &batch, self.ctx)?;
            let out = batch.filter(&keep);
            if out.len > 0 {
                return Ok(Some(out));
            }
        }
        Ok(None)
    }
}
