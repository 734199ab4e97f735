//! OPTIONAL MATCH: for each input row, the rows of the inner pattern run from it, or the row
//! itself with the pattern's new slots null when there are none.
//!
//! The inner operators run once per input batch, not once per row: each row carries its
//! position in the batch in an extra column, and since the pattern's operators keep their
//! input's order, the rows come back grouped by that position, so the rows that found
//! nothing are the gaps.

use super::super::context::{Ctx, Result};
use super::super::vector::{Batch, Vector};
use super::{BoxOp, Input, Operator, build};
use crate::model::Value;
use crate::plan::{Op, Slot};
use std::collections::VecDeque;

pub struct Optional<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    inner_plan: &'a Op,
    nullable: &'a [Slot],
    /// The input batch being matched, its inner operators, the next input row whose
    /// matches (or null row) are due.
    current: Option<(Batch, BoxOp<'a>, usize)>,
    ready: VecDeque<Batch>,
}

impl<'a> Optional<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, inner: &'a Op, nullable: &'a [Slot]) -> Self {
        Optional {
            input,
            ctx,
            inner_plan: inner,
            nullable,
            current: None,
            ready: VecDeque::new(),
        }
    }

    /// The input rows `from..to`, unmatched: their nullable slots set to null.
    fn unmatched(&self, batch: &Batch, from: usize, to: usize) -> Batch {
        let rows: Vec<u32> = (from as u32..to as u32).collect();
        let mut out = batch.take(&rows);
        for s in self.nullable {
            out.cols[*s] = Vector::Const(Value::Null);
        }
        out
    }
}

impl Operator for Optional<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        loop {
            if let Some(b) = self.ready.pop_front() {
                return Ok(Some(b));
            }
            let Some((batch, mut inner, next)) = self.current.take() else {
                let Some(batch) = self.input.next_batch()? else {
                    return Ok(None);
                };
                let mut tagged = batch.clone();
                tagged
                    .cols
                    .push(Vector::Ints((0..batch.len as i64).collect(), None));
                let inner = build(self.inner_plan, self.ctx, Box::new(Input::batch(tagged)));
                self.current = Some((batch, inner, 0));
                continue;
            };
            match inner.next_batch()? {
                Some(mut found) => {
                    let Vector::Ints(origins, _) = found.cols.pop().unwrap_or_else(Vector::null)
                    else {
                        unreachable!("operators carry every column, the origin column included");
                    };
                    // Rows come grouped by origin: every jump past the next origin due
                    // leaves input rows that matched nothing.
                    let (mut due, mut segment) = (next, 0);
                    for (j, origin) in origins.iter().enumerate() {
                        let origin = *origin as usize;
                        if origin > due {
                            if j > segment {
                                let rows: Vec<u32> = (segment as u32..j as u32).collect();
                                self.ready.push_back(found.take(&rows));
                            }
                            self.ready.push_back(self.unmatched(&batch, due, origin));
                            segment = j;
                        }
                        due = due.max(origin + 1);
                    }
                    if segment == 0 {
                        self.ready.push_back(found);
                    } else {
                        let rows: Vec<u32> = (segment as u32..found.len as u32).collect();
                        self.ready.push_back(found.take(&rows));
                    }
                    self.current = Some((batch, inner, due));
                }
                None => {
                    if next < batch.len {
                        self.ready
                            .push_back(self.unmatched(&batch, next, batch.len));
                    }
                }
            }
        }
    }
}
