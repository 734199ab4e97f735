//! DISTINCT: the rows whose values in the given slots were not seen before.

use super::super::context::{Ctx, Result};
use super::super::vector::Batch;
use super::keys::KeyTable;
use super::{BoxOp, Operator};
use crate::plan::Slot;

pub struct Distinct<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    slots: &'a [Slot],
    seen: KeyTable,
}

impl<'a> Distinct<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, slots: &'a [Slot]) -> Self {
        Distinct {
            input,
            ctx,
            slots,
            seen: KeyTable::new(slots.len()),
        }
    }
}

impl Operator for Distinct<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        let pool = self.ctx.graph.strings();
        while let Some(batch) = self.input.next_batch()? {
            let vectors: Vec<_> = self.slots.iter().map(|s| &batch.cols[*s]).collect();
            let (mut groups, mut first) = (Vec::new(), Vec::with_capacity(batch.len));
            self.seen
                .groups(&vectors, batch.len, pool, &mut groups, Some(&mut first));
            let out = batch.filter(&first);
            if out.len > 0 {
                return Ok(Some(out));
            }
        }
        Ok(None)
    }
}
