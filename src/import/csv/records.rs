//! The first stage of loading CSV files: a thread that splits the files into records, in
//! order, skipping each file's header and blank lines. Records travel in batches, and the
//! parsing stage sends each batch back once it has read it, so a record's buffers are reused
//! rather than allocated per line.

use super::open;
use crate::graph::StringPool;
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
    /// The pool ids of the texts this stage interned (see [`Interning`]), record after
    /// record, each record's in the order of its fields; and where each record's end, when
    /// this stage interns.
    pub texts: Vec<u32>,
    pub text_ends: Vec<u32>,
}

/// A field whose text the splitting stage interns when the parsing stage would store it.
#[derive(Clone, Copy)]
pub enum TextField {
    /// A node id with a property key: stored unless empty (an error then).
    Id,
    /// A string property: stored unless empty and unquoted (absent then).
    Prop,
}

impl TextField {
    pub fn stored(self, text: &str, quoted: bool) -> bool {
        match self {
            TextField::Id => !text.is_empty(),
            TextField::Prop => !text.is_empty() || quoted,
        }
    }
}

/// One file's text fields: its column count (a record with another count is refused whole,
/// so none of its texts is interned) and the fields by column.
pub struct TextFields {
    pub columns: usize,
    pub fields: Vec<(usize, TextField)>,
}

/// The graph's string pool while the splitting stage interns the text properties of a pass
/// into a new graph, with each file's text fields: that work would otherwise make the
/// parsing stage the slowest of the three.
pub struct Interning<'a> {
    pub pool: StringPool,
    pub files: &'a [TextFields],
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

/// Splits `files` into records for `out`, taking emptied batches back from `recycled`, and
/// interning their texts when given a pool, which it hands back. Stops when the receiving
/// side has gone.
pub fn split(
    files: &[&Path],
    progress: &Meter<'_>,
    out: &SyncSender<Records>,
    recycled: &Receiver<Vec<Record>>,
    mut interning: Option<Interning<'_>>,
) -> Option<StringPool> {
    for (file, path) in files.iter().enumerate() {
        if split_file(file, path, progress, out, recycled, interning.as_mut()).is_err() {
            break;
        }
    }
    interning.map(|i| i.pool)
}

/// Errors only when the receiving side has gone.
fn split_file(
    file: usize,
    path: &Path,
    progress: &Meter<'_>,
    out: &SyncSender<Records>,
    recycled: &Receiver<Vec<Record>>,
    mut interning: Option<&mut Interning<'_>>,
) -> Result<(), ()> {
    let batch = |recycled: &Receiver<Vec<Record>>| Records {
        file,
        records: recycled.try_recv().unwrap_or_default(),
        len: 0,
        end: None,
        texts: Vec::new(),
        text_ends: Vec::new(),
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
                if let Some(Interning { pool, files }) = interning.as_deref_mut() {
                    let fields = &files[file];
                    if rec.len() == fields.columns {
                        for (i, field) in &fields.fields {
                            let (text, quoted) = rec.field(*i);
                            if field.stored(text, quoted) {
                                current.texts.push(pool.acquire(text));
                            }
                        }
                    }
                    current.text_ends.push(current.texts.len() as u32);
                }
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
