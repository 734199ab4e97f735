//! UNWIND: a row per element of a list (none for null or an empty list; a non-list value is
//! a list of one).

use super::super::context::{Ctx, Result, check_limits};
use super::super::vector::{BATCH, Batch, Vector};
use super::super::vector_eval::eval_batch;
use super::{BoxOp, Operator};
use crate::model::Value;
use crate::plan::{BoundExpr, Slot};
use std::sync::Arc;

pub struct Unwind<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    list: &'a BoundExpr,
    slot: Slot,
    current: Option<Unwinding>,
}

/// An input batch, each row's list, and where the unwinding is: (row, element).
type Unwinding = (Batch, Vec<Arc<Vec<Value>>>, usize, usize);

impl<'a> Unwind<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, list: &'a BoundExpr, slot: Slot) -> Self {
        Unwind {
            input,
            ctx,
            list,
            slot,
            current: None,
        }
    }
}

impl Operator for Unwind<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        loop {
            let Some((batch, lists, mut row, mut item)) = self.current.take() else {
                let Some(batch) = self.input.next_batch()? else {
                    return Ok(None);
                };
                let values = eval_batch(self.list, &batch, self.ctx)?;
                let pool = self.ctx.graph.strings();
                let lists = (0..batch.len)
                    .map(|i| match values.value(i, pool) {
                        Value::List(items) => items,
                        Value::Null => Arc::new(Vec::new()),
                        other => Arc::new(vec![other]),
                    })
                    .collect();
                self.current = Some((batch, lists, 0, 0));
                continue;
            };
            check_limits()?;
            let (mut rows, mut out) = (Vec::new(), Vec::new());
            while row < batch.len && rows.len() < BATCH {
                match lists[row].get(item) {
                    Some(v) => {
                        rows.push(row as u32);
                        out.push(v.clone());
                        item += 1;
                    }
                    None => {
                        row += 1;
                        item = 0;
                    }
                }
            }
            let result = (!rows.is_empty()).then(|| {
                let mut b = batch.take(&rows);
                b.cols[self.slot] = Vector::from_values(out, self.ctx.graph.strings());
                b
            });
            if row < batch.len {
                self.current = Some((batch, lists, row, item));
            }
            if result.is_some() {
                return Ok(result);
            }
        }
    }
}
