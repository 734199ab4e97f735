//! The first stage of loading CSV files: a thread that splits the files into records, in
//! order, skipping each file's header and blank lines. Records travel in batches, and the
//! parsing stage sends each batch back once it has read it, so a record's buffers are reused
//! rather than allocated per line.

use super::open;
use crate::import::error::ImportError;
use crate::import::progress::Meter;
use crate::text::{Record, SyntaxError};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender};

/// Records per batch.
pub const RECORDS: usize = 1024;

/// Records of one file, in order.
pub struct Records {
    /// The file's index in the pass.
    pub file: usize,
    /// The batch's records are the first `len`; the rest are buffers to reuse.
    pub records: Vec<Record>,
    pub len: usize,
    /// How the file ended after these records, when it did.
    pub end: Option<End>,
}

pub enum End {
    /// The last record was read.
    Done,
    /// A record that cannot be read (an unclosed quote); the rest of the file cannot be
    /// trusted, so it is the last. Its text so far is kept for the bad-row log.
    Bad(SyntaxError, String),
    /// The file cannot be read.
    Failed(ImportError),
}

/// Splits `files` into records for `out`, taking emptied batches back from `recycled`. Stops
/// when the receiving side has gone.
pub fn split(
    files: &[&Path],
    progress: &Meter<'_>,
    out: &SyncSender<Records>,
    recycled: &Receiver<Vec<Record>>,
) {
    for (file, path) in files.iter().enumerate() {
        if split_file(file, path, progress, out, recycled).is_err() {
            return;
        }
    }
}

/// Errors only when the receiving side has gone.
fn split_file(
    file: usize,
    path: &Path,
    progress: &Meter<'_>,
    out: &SyncSender<Records>,
    recycled: &Receiver<Vec<Record>>,
) -> Result<(), ()> {
    let batch = |recycled: &Receiver<Vec<Record>>| Records {
        file,
        records: recycled.try_recv().unwrap_or_default(),
        len: 0,
        end: None,
    };
    let mut reader = match open(path) {
        Ok(reader) => reader,
        Err(e) => {
            let mut failed = batch(recycled);
            failed.end = Some(End::Failed(e));
            return out.send(failed).map_err(drop);
        }
    };
    let mut current = batch(recycled);
    let mut reported = 0;
    let mut header = true;
    loop {
        if current.len == RECORDS {
            let next = batch(recycled);
            out.send(std::mem::replace(&mut current, next))
                .map_err(drop)?;
        }
        if current.records.len() == current.len {
            current.records.push(Record::default());
        }
        let rec = &mut current.records[current.len];
        let outcome = reader.read(rec);
        progress.advance(reader.bytes_read - reported);
        reported = reader.bytes_read;
        let end = match outcome {
            Ok(Ok(true)) if header || rec.is_blank() => {
                header = false;
                continue;
            }
            Ok(Ok(true)) => {
                current.len += 1;
                continue;
            }
            Ok(Ok(false)) => End::Done,
            Ok(Err(e)) => End::Bad(e, std::mem::take(&mut rec.raw)),
            Err(e) => End::Failed(ImportError::line(path, e)),
        };
        current.end = Some(end);
        return out.send(current).map_err(drop);
    }
}
