//! Loading CSV files in three stages, each on its own thread: one splits the files into
//! records (`records.rs`), one turns records into rows (parsing values, giving nodes their
//! ids, finding the nodes of relationships and, into a new graph, interning texts), and the
//! caller's places the rows in the graph in file order. The order of rows, errors and bad-row
//! log lines is the same as doing everything on one thread.

use super::pooling::{column_key, file_estimate, text_estimate, texts_can_be_pooled};
use super::records::{End, Interning, Records, TextField, TextFields, split};
use super::{Column, Header, Kind, expand, parse_field, read_header};
use crate::graph::{Stored, Symbol};
use crate::import::builder::{Builder, IdKey, SourceIds};
use crate::import::error::{ImportError, Location, RowError};
use crate::import::progress::Meter;
use crate::model::{NodeId, Value};
use crate::text::Record;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

/// Rows per message between the threads: enough to make a message's cost vanish, few
/// enough that the builder never waits long for the first.
const BATCH: usize = 1024;
/// Batches the reader may run ahead of the builder.
const QUEUED: usize = 4;

type Props = Vec<(Symbol, Stored)>;

/// A node's labels by their numbers (see [`NameNumbers`]): mostly one, kept inline.
type Labels = SmallVec<[u32; 2]>;

/// A record made ready for the builder.
enum Row {
    Node {
        id: NodeId,
        labels: Labels,
        /// How many of the batch's properties are this row's: they follow the rows before.
        props: u32,
    },
    Rel {
        ty: u32,
        start: NodeId,
        end: NodeId,
        props: u32,
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
    /// The label or type the rows after it call by the next number.
    Name(Arc<str>),
    /// A record that could not be read or parsed.
    Bad {
        location: Location,
        reason: RowError,
        raw: String,
    },
}

/// Items, and the properties of their rows one after the other: one buffer a batch rather
/// than a vector a row, which the builder's thread would free and the reader's then write
/// again, each time fetching the memory from the other core's cache.
type Batch = Result<(Vec<Item>, Props), ImportError>;

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
    let graph = builder.target.graph();
    let next_node = graph.next_node_id().0;
    let keys: Vec<Vec<Option<Symbol>>> = files
        .iter()
        .map(|(_, h)| {
            let mut keys: Vec<Option<Symbol>> = h
                .columns
                .iter()
                .map(|c| column_key(c).map(|(key, ..)| graph.symbol(key)))
                .collect();
            // A key that two columns name keeps the last one's value: the earlier column's
            // values are still read and checked, but not kept.
            for i in 0..keys.len() {
                if keys[i].is_some() && keys[i + 1..].contains(&keys[i]) {
                    keys[i] = None;
                }
            }
            keys
        })
        .collect();
    let estimates: Vec<(usize, usize)> =
        files.iter().map(|(path, _)| file_estimate(path)).collect();
    let rows = estimates.iter().map(|(rows, _)| rows).sum();
    match files.first() {
        Some((_, header)) if header.rels => builder.target.reserve(0, rows),
        Some(_) => builder.target.reserve(rows, 0),
        None => {}
    }
    let pool = if texts_can_be_pooled(files, &keys, builder) {
        builder.target.take_strings().map(|mut pool| {
            let (texts, bytes) = text_estimate(files, &estimates);
            pool.reserve(texts, bytes);
            pool
        })
    } else {
        None
    };
    let keys = &keys;
    let text_fields: Vec<TextFields> = files
        .iter()
        .zip(keys)
        .map(|((_, header), keys)| text_fields(header, keys))
        .collect();
    let interned = pool.is_some().then_some(&text_fields[..]);
    let (placed, pool, unplaced) = std::thread::scope(|scope| {
        let (sender, batches) = sync_channel(QUEUED);
        let (records_out, records) = sync_channel(QUEUED);
        let (recycle, recycled) = channel();
        let paths: Vec<&Path> = files.iter().map(|(path, _)| *path).collect();
        let interning = pool.map(|pool| Interning {
            pool,
            files: &text_fields,
        });
        let splitter =
            scope.spawn(move || split(&paths, progress, &records_out, &recycled, interning));
        let reader = scope.spawn(move || {
            let mut reader = Reader {
                ids,
                next_node,
                names: NameNumbers::default(),
                keep_raw,
                array_delimiter,
                interned,
                released: Vec::new(),
            };
            reader.read(files, keys, records, recycle, sender);
            reader.released
        });
        let mut placer = Placer {
            estimates: estimates.iter().map(|(rows, _)| *rows).collect(),
            reserved: vec![false; files.len()],
            ..Placer::default()
        };
        // Returning early drops `batches`, which ends the reader at its next send.
        let placed = batches.into_iter().try_for_each(|batch| {
            let (items, props) = batch?;
            let mut props = props.into_iter();
            items
                .into_iter()
                .try_for_each(|item| placer.place(item, &mut props, files, builder))
        });
        let mut unplaced = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        unplaced.extend(placer.unplaced);
        let pool = splitter
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (placed, pool, unplaced)
    });
    if let Some(mut pool) = pool {
        for id in unplaced {
            pool.release(id);
        }
        pool.shrink_to_fit();
        builder.target.put_strings(pool);
    }
    placed
}

/// Labels and types by a number the reader gives each distinct one, so that a row carries
/// numbers: an `Arc` per row, cloned on the reader's thread and dropped on the builder's,
/// would bounce its count's cache line between the two cores.
#[derive(Default)]
struct NameNumbers {
    numbers: FxHashMap<Box<str>, u32>,
    /// The name asked for last: rows of a file mostly repeat their label or type.
    last: Option<(Box<str>, u32)>,
    /// Names numbered since the reader last sent them on.
    new: Vec<Arc<str>>,
}

impl NameNumbers {
    fn get(&mut self, name: &str) -> u32 {
        if let Some((_, n)) = self.last.as_ref().filter(|(last, _)| **last == *name) {
            return *n;
        }
        let next = self.numbers.len() as u32;
        let n = *self.numbers.entry(name.into()).or_insert_with(|| {
            self.new.push(Arc::from(name));
            next
        });
        self.last = Some((name.into(), n));
        n
    }
}

/// The builder's side: places rows in the graph, in file order.
#[derive(Default)]
struct Placer {
    /// Each numbered label or type, with its symbol.
    names: Vec<(Arc<str>, Symbol)>,
    /// Each file's estimated rows, and whether room for them was made (by the type of its
    /// first relationship: files mostly hold one).
    estimates: Vec<usize>,
    reserved: Vec<bool>,
    /// The last row's label (or type) numbers, names and symbols: files mostly repeat them.
    numbers: Labels,
    labels: Vec<Arc<str>>,
    symbols: Vec<Symbol>,
    /// Pooled texts of rows the graph refused, whose references go back to the pool.
    unplaced: Vec<u32>,
}

impl Placer {
    /// The names and symbols of the numbered labels (or type) `numbers`.
    fn named(&mut self, numbers: &[u32]) -> (&[Arc<str>], &[Symbol]) {
        if *numbers != *self.numbers {
            let named = numbers.iter().map(|n| &self.names[*n as usize]);
            self.labels = named.clone().map(|(name, _)| name.clone()).collect();
            self.symbols = named.map(|(_, symbol)| *symbol).collect();
            self.numbers = numbers.into();
        }
        (&self.labels, &self.symbols)
    }

    fn place(
        &mut self,
        item: Item,
        batch_props: &mut std::vec::IntoIter<(Symbol, Stored)>,
        files: &[(&Path, &Header)],
        builder: &mut Builder,
    ) -> Result<(), ImportError> {
        let (file, line, raw, row) = match item {
            Item::Bad {
                location,
                reason,
                raw,
            } => return builder.reject(location, reason, &raw),
            Item::Name(name) => {
                let symbol = builder.target.graph().symbol(&name);
                self.names.push((name, symbol));
                return Ok(());
            }
            Item::Row {
                file,
                line,
                raw,
                row,
            } => (file, line, raw, row),
        };
        let added = match row {
            Row::Node { id, labels, props } => {
                let props = batch_props.take(props as usize).collect();
                builder.load_node(id, self.named(&labels), props)
            }
            Row::Rel {
                ty,
                start,
                end,
                props,
            } => {
                if !std::mem::replace(&mut self.reserved[file], true) {
                    builder.reserve_type(self.names[ty as usize].1, self.estimates[file]);
                }
                let props = batch_props.take(props as usize).collect();
                let (names, symbols) = self.named(&[ty]);
                builder.load_rel((&names[0], symbols[0]), start, end, props)
            }
        };
        let Err((reason, props)) = added else {
            return Ok(());
        };
        self.unplaced
            .extend(props.iter().filter_map(|(_, v)| match v {
                Stored::Text(id) => Some(*id),
                _ => None,
            }));
        let location = Location {
            file: files[file].0.to_path_buf(),
            line,
            column: None,
            column_name: None,
        };
        builder.reject(location, reason, raw.as_deref().unwrap_or(""))
    }
}

/// The reading thread's side.
struct Reader<'a> {
    ids: &'a mut SourceIds,
    /// The id the next node gets. A node the builder then fails to create (only possible
    /// with `skip_bad`) leaves its id unused, and relationships to it fail in their turn.
    next_node: u64,
    names: NameNumbers,
    keep_raw: bool,
    array_delimiter: char,
    /// Each file's text fields when the splitting stage interns their texts (see
    /// [`texts_can_be_pooled`]); `None` when the graph does, as it places the rows.
    interned: Option<&'a [TextFields]>,
    /// Interned texts of records this side refused, whose references go back to the pool.
    released: Vec<u32>,
}

/// The fields of a file whose texts the splitting stage interns: node ids and string
/// properties that have a key.
fn text_fields(header: &Header, keys: &[Option<Symbol>]) -> TextFields {
    let fields = header
        .columns
        .iter()
        .zip(keys)
        .enumerate()
        .filter_map(|(i, (column, key))| match (column, key) {
            (Column::Id { .. }, Some(_)) => Some((i, TextField::Id)),
            (
                Column::Prop {
                    kind: Kind::String,
                    array: false,
                    ..
                },
                Some(_),
            ) => Some((i, TextField::Prop)),
            _ => None,
        })
        .collect();
    TextFields {
        columns: header.columns.len(),
        fields,
    }
}

/// A record's row without its properties.
enum Shape {
    Node { id: NodeId, labels: Labels },
    Rel { ty: u32, start: NodeId, end: NodeId },
}

type ParseError = (Option<usize>, RowError);

impl Reader<'_> {
    /// Turns the records of `records` into items for `out`, in order, sending each emptied
    /// batch of records back. A closed channel means the builder has stopped, so the reader
    /// stops too (the error is the builder's).
    fn read(
        &mut self,
        files: &[(&Path, &Header)],
        keys: &[Vec<Option<Symbol>>],
        records: Receiver<Records>,
        recycle: Sender<Vec<Record>>,
        out: SyncSender<Batch>,
    ) {
        let mut batch = Vec::with_capacity(BATCH);
        let mut props = Props::new();
        for chunk in records {
            let (path, header) = files[chunk.file];
            let mut text_start = 0;
            for (i, rec) in chunk.records[..chunk.len].iter().enumerate() {
                let text_end = chunk
                    .text_ends
                    .get(i)
                    .map_or(text_start, |end| *end as usize);
                let texts = &chunk.texts[text_start..text_end];
                text_start = text_end;
                if batch.len() >= BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    let room = props.len();
                    let full_props = std::mem::replace(&mut props, Props::with_capacity(room));
                    if out.send(Ok((full, full_props))).is_err() {
                        return;
                    }
                }
                let parsed = self.parse(rec, header, &keys[chunk.file], &mut props, texts);
                batch.extend(self.names.new.drain(..).map(Item::Name));
                let item = match parsed {
                    Ok(row) => Item::Row {
                        file: chunk.file,
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
                };
                batch.push(item);
            }
            match chunk.end {
                None | Some(End::Done) => {}
                Some(End::Bad(e, raw)) => batch.push(Item::Bad {
                    location: Location {
                        file: path.to_path_buf(),
                        line: e.line,
                        column: Some(e.field as u64),
                        column_name: header.names.get(e.field - 1).cloned(),
                    },
                    reason: e.reason.into(),
                    raw,
                }),
                Some(End::Failed(e)) => {
                    let _ = out.send(Err(e));
                    return;
                }
            }
            // The splitter may have finished: then the records are simply dropped.
            let _ = recycle.send(chunk.records);
        }
        let _ = out.send(Ok((batch, props)));
    }

    /// One record to a row. Errors carry the 0-based column they are about.
    fn parse(
        &mut self,
        rec: &Record,
        header: &Header,
        keys: &[Option<Symbol>],
        props: &mut Props,
        texts: &[u32],
    ) -> Result<Row, ParseError> {
        let first = props.len();
        let parsed = self.parse_into(rec, header, keys, props, &mut texts.iter());
        let count = (props.len() - first) as u32;
        match parsed {
            Ok(Shape::Node { id, labels }) => Ok(Row::Node {
                id,
                labels,
                props: count,
            }),
            Ok(Shape::Rel { ty, start, end }) => Ok(Row::Rel {
                ty,
                start,
                end,
                props: count,
            }),
            Err(e) => {
                props.truncate(first);
                self.released.extend_from_slice(texts);
                Err(e)
            }
        }
    }

    /// A parsed value in stored form: typed where it is when the texts are interned before
    /// the graph sees the rows (which it then places as they are); otherwise the graph turns
    /// it into one as it places it.
    fn stored(&self, value: Value) -> Stored {
        match value {
            Value::Int(i) if self.interned.is_some() => Stored::Int(i),
            Value::Float(f) if self.interned.is_some() => Stored::Float(f),
            Value::Bool(b) if self.interned.is_some() => Stored::Bool(b),
            other => Stored::Other(other),
        }
    }

    /// A text field's value: the id the splitting stage interned it as, when it did.
    fn text(&self, text: &str, interned: &mut std::slice::Iter<u32>) -> Stored {
        match interned.next() {
            Some(id) if self.interned.is_some() => Stored::Text(*id),
            _ => Stored::Other(Value::str(text)),
        }
    }

    fn parse_into(
        &mut self,
        rec: &Record,
        header: &Header,
        keys: &[Option<Symbol>],
        props: &mut Props,
        interned: &mut std::slice::Iter<u32>,
    ) -> Result<Shape, ParseError> {
        if rec.len() != header.columns.len() {
            return Err((
                None,
                RowError::WrongColumnCount {
                    expected: header.columns.len(),
                    found: rec.len(),
                },
            ));
        }
        let mut labels = Labels::new();
        let mut id = None;
        let mut start = None;
        let mut end = None;
        let mut ty = None;
        for (i, (column, key)) in header.columns.iter().zip(keys).enumerate() {
            let (text, quoted) = rec.field(i);
            match column {
                Column::Id { group, .. } => {
                    if text.is_empty() {
                        return Err((Some(i), RowError::MissingId));
                    }
                    if let Some(key) = key {
                        let value = self.text(text, interned);
                        props.push((*key, value));
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
                Column::Prop {
                    kind: Kind::String,
                    array: false,
                    ..
                } if self.interned.is_some() => {
                    if let Some(key) = key.filter(|_| TextField::Prop.stored(text, quoted)) {
                        let value = self.text(text, interned);
                        props.push((key, value));
                    }
                }
                Column::Prop { kind, array, .. } => {
                    let parsed = parse_field(text, quoted, *kind, *array, self.array_delimiter)
                        .map_err(|e| (Some(i), e))?;
                    if let (Some(v), Some(key)) = (parsed, key) {
                        let value = self.stored(v);
                        props.push((*key, value));
                    }
                }
            }
        }
        if !header.rels {
            let node = NodeId(self.next_node);
            if let Some((group, key)) = id {
                self.ids
                    .insert_new(group, key, node)
                    .map_err(|e| (None, e))?;
            }
            self.next_node += 1;
            return Ok(Shape::Node { id: node, labels });
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
        Ok(Shape::Rel {
            ty: self.names.get(ty_text),
            start,
            end,
        })
    }
}
