//! CALL proc(args) YIELD ...: the procedure is called once per input row (with that row's
//! arguments), its rows gathered into batches.

use super::super::context::{Ctx, Result};
use super::super::vector::Batch;
use super::rowwise::RowWise;
use super::{BoxOp, Operator};
use crate::plan::ProcedureCall;

pub struct Procedure<'a>(RowWise<'a>);

impl<'a> Procedure<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, call: &'a ProcedureCall) -> Self {
        Procedure(RowWise::new(
            input,
            ctx,
            Box::new(move |row, ctx| super::super::call::procedure_rows(call, row, ctx)),
        ))
    }
}

impl Operator for Procedure<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        self.0.next_batch()
    }
}
