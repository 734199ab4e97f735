//! The frame of operators that make rows from one input row at a time (procedure calls,
//! CALL subqueries): each input batch is read as rows, each row turned into its rows, and
//! those cut into batches again. Every column of the input is kept, an enclosing
//! operator's extra ones included.

use super::super::context::{Ctx, Result, Row};
use super::super::vector::{BATCH, Batch};
use super::{BoxOp, Operator};
use std::collections::VecDeque;

pub type RowFn<'a> = Box<dyn Fn(&Row, &Ctx) -> Result<Vec<Row>> + 'a>;

pub struct RowWise<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    rows_of: RowFn<'a>,
    ready: VecDeque<Batch>,
}

impl<'a> RowWise<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, rows_of: RowFn<'a>) -> Self {
        RowWise {
            input,
            ctx,
            rows_of,
            ready: VecDeque::new(),
        }
    }

    pub fn next_batch(&mut self) -> Result<Option<Batch>> {
        loop {
            if let Some(b) = self.ready.pop_front() {
                return Ok(Some(b));
            }
            let Some(batch) = self.input.next_batch()? else {
                return Ok(None);
            };
            let width = batch.cols.len();
            let pool = self.ctx.graph.strings();
            let mut out: Vec<Row> = Vec::new();
            for i in 0..batch.len {
                let row = batch.row(i, width, pool);
                out.extend((self.rows_of)(&row, self.ctx)?);
                if out.len() >= BATCH {
                    self.ready
                        .push_back(Batch::from_rows(&out, width, self.ctx.graph));
                    out.clear();
                }
            }
            if !out.is_empty() {
                self.ready
                    .push_back(Batch::from_rows(&out, width, self.ctx.graph));
            }
        }
    }
}

impl Operator for RowWise<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        RowWise::next_batch(self)
    }
}
