//! SKIP and LIMIT. LIMIT stops pulling its input once it has its rows, so whatever is below it
//! (a scan, a search) stops too.

use super::super::context::{Ctx, Result};
use super::super::row::row_count;
use super::super::vector::Batch;
use super::{BoxOp, Operator};
use crate::plan::BoundExpr;

pub struct Skip<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    count: &'a BoundExpr,
    left: Option<usize>,
}

impl<'a> Skip<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, count: &'a BoundExpr) -> Self {
        Skip {
            input,
            ctx,
            count,
            left: None,
        }
    }
}

impl Operator for Skip<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        let mut left = match self.left {
            Some(n) => n,
            None => row_count(self.count, self.ctx, "SKIP")?,
        };
        while let Some(batch) = self.input.next_batch()? {
            if left >= batch.len {
                left -= batch.len;
                continue;
            }
            let rest: Vec<u32> = (left as u32..batch.len as u32).collect();
            self.left = Some(0);
            return Ok(Some(if left == 0 { batch } else { batch.take(&rest) }));
        }
        self.left = Some(left);
        Ok(None)
    }
}

pub struct Limit<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    count: &'a BoundExpr,
    left: Option<usize>,
}

impl<'a> Limit<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, count: &'a BoundExpr) -> Self {
        Limit {
            input,
            ctx,
            count,
            left: None,
        }
    }
}

impl Operator for Limit<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        let left = match self.left {
            Some(n) => n,
            None => row_count(self.count, self.ctx, "LIMIT")?,
        };
        self.left = Some(left);
        if left == 0 {
            return Ok(None);
        }
        let Some(batch) = self.input.next_batch()? else {
            return Ok(None);
        };
        if batch.len <= left {
            self.left = Some(left - batch.len);
            return Ok(Some(batch));
        }
        self.left = Some(0);
        let first: Vec<u32> = (0..left as u32).collect();
        Ok(Some(batch.take(&first)))
    }
}
