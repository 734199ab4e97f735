//! Loading CSV files in two threads: one reads records and turns them into rows (parsing
//! values and, for relationships, finding their nodes), the other applies the rows to the
//! graph in file order. Each has about half of the work, and the order of rows, errors and
//! bad-row log lines is the same as reading everything on one thread.

use super::{Column, Header, expand, open, parse_field, read_header};
use crate::import::builder::{Builder, IdKey, NameCache, SourceIds, check_props};
use crate::import::error::{ImportError, Location, RowError};
use crate::import::progress::Meter;
use crate::model::{NodeId, Value};
use crate::text::Record;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{SyncSender, sync_channel};

/// Rows per message between the threads: enough to make a message's cost vanish, few
/// enough that the builder never waits long for the first.
const BATCH: usize = 1024;
/// Batches the reader may run ahead of the builder.
const QUEUED: usize = 4;

type Props = Vec<(Arc<str>, Value)>;

/// A record made ready for the builder.
enum Row {
    Node {
        id: NodeId,
        labels: Vec<Arc<str>>,
        props: Props,
    },
    Rel {
        ty: Arc<str>,
        start: NodeId,
        end: NodeId,
        props: Props,
    },
}

/// What the reader hands over, in file order.
enum Item {
    /// A good record, with its file (an index into the pass's files), line, and its text
    /// when a bad-row log may need it.
    Row {
        file: usize,
        line: u64,
        raw: Option<String>,
        row: Row,
    },
    /// A record that could not be read or parsed.
    Bad {
        location: Location,
        reason: RowError,
        raw: String,
    },
}

type Batch = Result<Vec<Item>, ImportError>;

pub fn load(
    paths: &[PathBuf],
    builder: &mut Builder,
    progress: &Meter<'_>,
    array_delimiter: char,
) -> Result<(), ImportError> {
    let files = expand(paths)?;
    let mut notes = Vec::new();
    let mut headers = Vec::with_capacity(files.len());
    for file in &files {
        headers.push(read_header(file, builder, &mut notes)?);
    }
    builder.report.notes.append(&mut notes);
    let pass = |rels: bool| -> Vec<(&Path, &Header)> {
        files
            .iter()
            .zip(&headers)
            .filter(|(_, h)| h.rels == rels)
            .map(|(f, h)| (f.as_path(), h))
            .collect()
    };
    // The reader keeps the source ids: it gives each node its id, and finds the nodes of
    // each relationship. Nodes come first, since relationships refer to them.
    let mut ids = std::mem::take(&mut builder.ids);
    let loaded = run_pass(&pass(false), builder, &mut ids, progress, array_delimiter)
        .and_then(|()| run_pass(&pass(true), builder, &mut ids, progress, array_delimiter));
    builder.ids = ids;
    loaded
}

fn run_pass(
    files: &[(&Path, &Header)],
    builder: &mut Builder,
    ids: &mut SourceIds,
    progress: &Meter<'_>,
    array_delimiter: char,
) -> Result<(), ImportError> {
    let keep_raw = builder.skip_bad;
    let next_node = builder.target.graph().next_node_id().0;
    std::thread::scope(|scope| {
        let (sender, batches) = sync_channel(QUEUED);
        scope.spawn(move || {
            let reader = Reader {
                ids,
                next_node,
                names: NameCache::default(),
                keep_raw,
                array_delimiter,
            };
            reader.read(files, progress, &sender);
        });
        // Returning early drops `batches`, which ends the reader at its next send.
        for batch in batches {
            for item in batch? {
                apply(item, files, builder)?;
            }
        }
        Ok(())
    })
}

fn apply(item: Item, files: &[(&Path, &Header)], builder: &mut Builder) -> Result<(), ImportError> {
    let (file, line, raw, row) = match item {
        Item::Bad {
            location,
            reason,
            raw,
        } => return builder.reject(location, reason, &raw),
        Item::Row {
            file,
            line,
            raw,
            row,
        } => (file, line, raw, row),
    };
    let added = match row {
        Row::Node { id, labels, props } => builder.create_node(id, labels, props),
        Row::Rel {
            ty,
            start,
            end,
            props,
        } => builder.add_rel(ty, start, end, props).map(drop),
    };
    match added {
        Ok(()) => Ok(()),
        Err(reason) => {
            let location = Location {
                file: files[file].0.to_path_buf(),
                line,
                column: None,
                column_name: None,
            };
            builder.reject(location, reason, raw.as_deref().unwrap_or(""))
        }
    }
}

/// The reading thread's side.
struct Reader<'a> {
    ids: &'a mut SourceIds,
    /// The id the next node gets. A node the builder then fails to create (only possible
    /// with `skip_bad`) leaves its id unused, and relationships to it fail in their turn.
    next_node: u64,
    names: NameCache,
    keep_raw: bool,
    array_delimiter: char,
}

impl Reader<'_> {
    fn read(mut self, files: &[(&Path, &Header)], progress: &Meter<'_>, out: &SyncSender<Batch>) {
        let mut batch = Vec::with_capacity(BATCH);
        for (index, (path, header)) in files.iter().enumerate() {
            if let Err(e) = self.read_file(index, path, header, progress, &mut batch, out) {
                let _ = out.send(Err(e));
                return;
            }
        }
        let _ = out.send(Ok(batch));
    }

    /// Reads one file into `batch`, sending it whenever it is full. A closed channel means
    /// the builder has stopped, so the reader stops too (the error is the builder's).
    fn read_file(
        &mut self,
        index: usize,
        path: &Path,
        header: &Header,
        progress: &Meter<'_>,
        batch: &mut Vec<Item>,
        out: &SyncSender<Batch>,
    ) -> Result<(), ImportError> {
        let mut reader = open(path)?;
        let mut rec = Record::default();
        let mut reported = 0;
        let mut first = true;
        loop {
            if batch.len() >= BATCH {
                let full = std::mem::replace(batch, Vec::with_capacity(BATCH));
                if out.send(Ok(full)).is_err() {
                    return Ok(());
                }
            }
            let outcome = reader
                .read(&mut rec)
                .map_err(|e| ImportError::line(path, e))?;
            progress.advance(reader.bytes_read - reported);
            reported = reader.bytes_read;
            match outcome {
                Ok(false) => return Ok(()),
                Ok(true) if first || rec.is_blank() => first = false,
                Ok(true) => batch.push(match self.parse(&rec, header) {
                    Ok(row) => Item::Row {
                        file: index,
                        line: rec.line,
                        raw: self.keep_raw.then(|| rec.raw.clone()),
                        row,
                    },
                    Err((column, reason)) => Item::Bad {
                        location: Location {
                            file: path.to_path_buf(),
                            line: rec.line,
                            column: column.map(|c| c as u64 + 1),
                            column_name: column.and_then(|c| header.names.get(c).cloned()),
                        },
                        reason,
                        raw: rec.raw.clone(),
                    },
                }),
                Err(e) => {
                    // The rest of the file cannot be trusted after an unclosed quote.
                    batch.push(Item::Bad {
                        location: Location {
                            file: path.to_path_buf(),
                            line: e.line,
                            column: Some(e.field as u64),
                            column_name: header.names.get(e.field - 1).cloned(),
                        },
                        reason: e.reason.into(),
                        raw: rec.raw.clone(),
                    });
                    return Ok(());
                }
            }
        }
    }

    /// One record to a row. Errors carry the 0-based column they are about.
    fn parse(&mut self, rec: &Record, header: &Header) -> Result<Row, (Option<usize>, RowError)> {
        if rec.len() != header.columns.len() {
            return Err((
                None,
                RowError::WrongColumnCount {
                    expected: header.columns.len(),
                    found: rec.len(),
                },
            ));
        }
        let mut props = Vec::new();
        let mut labels = Vec::new();
        let mut id = None;
        let mut start = None;
        let mut end = None;
        let mut ty = None;
        for (i, column) in header.columns.iter().enumerate() {
            let (text, quoted) = rec.field(i);
            match column {
                Column::Id { key, group } => {
                    if text.is_empty() {
                        return Err((Some(i), RowError::MissingId));
                    }
                    if let Some(key) = key {
                        props.push((key.clone(), Value::str(text)));
                    }
                    id = Some((*group, IdKey::from_text(text)));
                }
                Column::Label => {
                    for l in text.split(self.array_delimiter).filter(|l| !l.is_empty()) {
                        let l = self.names.get(l);
                        if !labels.contains(&l) {
                            labels.push(l);
                        }
                    }
                }
                Column::StartId { group } => start = Some((i, *group, text)),
                Column::EndId { group } => end = Some((i, *group, text)),
                Column::Type => ty = Some((i, text)),
                Column::Ignore => {}
                Column::Prop { key, kind, array } => {
                    if let Some(v) = parse_field(text, quoted, *kind, *array, self.array_delimiter)
                        .map_err(|e| (Some(i), e))?
                    {
                        props.push((key.clone(), v));
                    }
                }
            }
        }
        if !header.rels {
            check_props(&props).map_err(|e| (None, e))?;
            let node = NodeId(self.next_node);
            if let Some((group, key)) = id {
                self.ids
                    .insert_new(group, key, node)
                    .map_err(|e| (None, e))?;
            }
            self.next_node += 1;
            return Ok(Row::Node {
                id: node,
                labels,
                props,
            });
        }
        let resolve = |end: Option<(usize, u32, &str)>,
                       missing: RowError,
                       unknown: fn(String) -> RowError| {
            let (i, group, text) = end.ok_or((None, missing.clone()))?;
            if text.is_empty() {
                return Err((Some(i), missing));
            }
            self.ids
                .of_text(group, text)
                .ok_or_else(|| (Some(i), unknown(text.to_string())))
        };
        let start = resolve(start, RowError::MissingStartId, RowError::UnknownStartNode)?;
        let end = resolve(end, RowError::MissingEndId, RowError::UnknownEndNode)?;
        let (ty_col, ty_text) = ty.ok_or((None, RowError::MissingType))?;
        if ty_text.is_empty() {
            return Err((Some(ty_col), RowError::MissingType));
        }
        Ok(Row::Rel {
            ty: self.names.get(ty_text),
            start,
            end,
            props,
        })
    }
}
