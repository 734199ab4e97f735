//! CALL { ... } that only reads: the subquery runs once per input row, with that row as its
//! input, as in the row-at-a-time executor (a subquery may aggregate, so its rows cannot be
//! computed for a whole batch at once); its rows are gathered into batches.

use super::super::context::{Ctx, Result};
use super::super::vector::Batch;
use super::rowwise::RowWise;
use super::{BoxOp, Operator};
use crate::plan::Apply as ApplyPlan;

pub struct Apply<'a>(RowWise<'a>);

impl<'a> Apply<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, apply: &'a ApplyPlan) -> Self {
        Apply(RowWise::new(
            input,
            ctx,
            Box::new(move |row, ctx| super::super::call::subquery_rows(apply, row, ctx)),
        ))
    }
}

impl Operator for Apply<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        self.0.next_batch()
    }
}
