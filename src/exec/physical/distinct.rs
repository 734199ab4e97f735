//! DISTINCT: the rows whose values in the given slots were not seen before.

use super::super::context::{Ctx, Result};
use super::super::vector::Batch;
use super::keys::{KeyTable, KeyTuple, KeyVal};
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
            seen: KeyTable::default(),
        }
    }
}

impl Operator for Distinct<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        let pool = self.ctx.graph.strings();
        while let Some(batch) = self.input.next_batch()? {
            let mut keep = vec![false; batch.len];
            let mut key = KeyTuple::new();
            for (i, k) in keep.iter_mut().enumerate() {
                key.clear();
                key.extend(
                    self.slots
                        .iter()
                        .map(|s| KeyVal::of(&batch.cols[*s], i, pool)),
                );
                *k = self.seen.find_or_insert(&key, pool).1;
            }
            let out = batch.filter(&keep);
            if out.len > 0 {
                return Ok(Some(out));
            }
        }
        Ok(None)
    }
}
