//! LOAD CSV: for each input row, a row per record of the file its URL names (none for a null
//! URL), read a batch's worth at a time; the file stays open between batches.

use super::super::context::{Ctx, Result};
use super::super::load_csv::{CsvRows, open};
use super::super::vector::{BATCH, Batch, Vector};
use super::{BoxOp, Operator};
use crate::plan::LoadCsv;

pub struct LoadCsvRows<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    load: &'a LoadCsv,
    /// An input batch, the row of it being read, and that row's open file.
    current: Option<(Batch, usize, Option<CsvRows>)>,
}

impl<'a> LoadCsvRows<'a> {
    pub fn new(input: BoxOp<'a>, ctx: &'a Ctx<'a>, load: &'a LoadCsv) -> Self {
        LoadCsvRows {
            input,
            ctx,
            load,
            current: None,
        }
    }
}

impl Operator for LoadCsvRows<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        loop {
            let Some((batch, mut row, mut file)) = self.current.take() else {
                let Some(batch) = self.input.next_batch()? else {
                    return Ok(None);
                };
                self.current = Some((batch, 0, None));
                continue;
            };
            let pool = self.ctx.graph.strings();
            let (mut rows, mut values, mut lines, mut files) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            while row < batch.len && rows.len() < BATCH {
                let Some(csv) = &mut file else {
                    let input = batch.row(row, self.ctx.width, pool);
                    file = open(self.load, &input, self.ctx)?;
                    if file.is_none() {
                        row += 1;
                    }
                    continue;
                };
                match csv.next_value()? {
                    Some(v) => {
                        rows.push(row as u32);
                        values.push(v);
                        lines.push(csv.line());
                        files.push(csv.absolute.clone());
                    }
                    None => {
                        file = None;
                        row += 1;
                    }
                }
            }
            let result = (!rows.is_empty()).then(|| {
                let mut b = batch.take(&rows);
                b.cols[self.load.slot] = Vector::from_values(values, pool);
                b.cols[self.load.line_slot] = Vector::from_values(lines, pool);
                b.cols[self.load.file_slot] = Vector::from_values(files, pool);
                b
            });
            if row < batch.len {
                self.current = Some((batch, row, file));
            }
            if result.is_some() {
                return Ok(result);
            }
        }
    }
}
