//! CALL { ... } that only reads: the subquery's operators are built and run once per input
//! row, with that row as their input (a subquery may aggregate or limit, which must apply to
//! each row's rows alone), and its rows gathered into batches.

use super::super::context::{Ctx, Result};
use super::super::vector::Batch;
use super::rowwise::RowWise;
use super::{BoxOp, Input, Operator, build};
use crate::plan::Apply as ApplyPlan;

pub struct Apply<'a>(RowWise<'a>);

impl<'a> Apply<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, apply: &'a ApplyPlan) -> Self {
        Apply(RowWise::new(
            input,
            ctx,
            Box::new(move |row, ctx| {
                super::super::call::apply_rows(apply, row, |part| {
                    let width = row.len();
                    let source = Input::rows(std::slice::from_ref(row), width, ctx.graph);
                    let mut op = build(part, ctx, Box::new(source));
                    let pool = ctx.graph.strings();
                    let mut rows = Vec::new();
                    while let Some(batch) = op.next_batch()? {
                        rows.extend((0..batch.len).map(|i| batch.row(i, width, pool)));
                    }
                    Ok(rows)
                })
            }),
        ))
    }
}

impl Operator for Apply<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        self.0.next_batch()
    }
}
