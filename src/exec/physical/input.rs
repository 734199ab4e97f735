//! The rows a plan starts from: the one empty row of a query part, the rows an earlier stage
//! (a write) produced, or the outer rows of a subquery.

use super::super::context::Result;
use super::super::vector::{BATCH, Batch};
use super::Operator;
use crate::graph::GraphRead;
use crate::model::Value;

pub struct Input {
    batches: std::vec::IntoIter<Batch>,
}

impl Input {
    pub fn batch(batch: Batch) -> Input {
        Input {
            batches: vec![batch].into_iter(),
        }
    }

    pub fn batches(batches: Vec<Batch>) -> Input {
        Input {
            batches: batches.into_iter(),
        }
    }

    /// Rows of values, `width` slots each, cut into batches.
    pub fn rows(rows: &[Vec<Value>], width: usize, graph: &dyn GraphRead) -> Input {
        let batches: Vec<Batch> = rows
            .chunks(BATCH)
            .map(|chunk| Batch::from_rows(chunk, width, graph))
            .collect();
        Input {
            batches: batches.into_iter(),
        }
    }
}

impl Operator for Input {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        Ok(self.batches.next())
    }
}
