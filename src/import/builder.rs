//! The one place imported entities enter a graph: source ids are mapped to new node ids,
//! values are checked, and bad rows are either the import's error or (with `--skip-bad`)
//! logged and counted.

use super::error::{ImportError, Location, RowError};
use super::{ImportOptions, ImportReport};
use crate::db::Database;
use crate::graph::{MemoryGraph, Mutation};
use crate::model::{NodeId, RelId, Value};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// A source file's id for a node. Ids that are canonical decimal integers are kept as
/// numbers, which saves memory on large files; `"7"` and `7` are the same id, `"07"` is not.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum IdKey {
    Int(i64),
    Text(Box<str>),
}

impl IdKey {
    pub fn from_text(s: &str) -> Self {
        match canonical_int(s) {
            Some(i) => IdKey::Int(i),
            None => IdKey::Text(s.into()),
        }
    }
}

/// The integer `s` writes in its one canonical form (no sign but `-`, no leading zero).
fn canonical_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let leading_zero = digits.starts_with('0') && (digits.len() > 1 || s.starts_with('-'));
    if digits.is_empty() || leading_zero || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl std::fmt::Display for IdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdKey::Int(i) => write!(f, "{i}"),
            IdKey::Text(s) => f.write_str(s),
        }
    }
}

/// Node ids by the ids the source files gave them, per id space: numbers and texts apart,
/// so that a lookup by text borrows it rather than building a key.
#[derive(Default)]
pub struct SourceIds {
    ints: FxHashMap<(u32, i64), NodeId>,
    texts: TextIds,
}

impl SourceIds {
    pub fn get(&self, group: u32, key: &IdKey) -> Option<NodeId> {
        match key {
            IdKey::Int(i) => self.ints.get(&(group, *i)).copied(),
            IdKey::Text(t) => self.texts.get(group, t),
        }
    }

    /// The node of a source id written as text.
    pub fn of_text(&self, group: u32, text: &str) -> Option<NodeId> {
        match canonical_int(text) {
            Some(i) => self.ints.get(&(group, i)).copied(),
            None => self.texts.get(group, text),
        }
    }

    fn insert(&mut self, group: u32, key: IdKey, id: NodeId) {
        match key {
            IdKey::Int(i) => {
                self.ints.insert((group, i), id);
            }
            IdKey::Text(t) => self.texts.insert(group, &t, id),
        }
    }

    /// Records a new node's source id, refusing one that is already taken.
    pub fn insert_new(&mut self, group: u32, key: IdKey, id: NodeId) -> Result<(), RowError> {
        let new = match &key {
            IdKey::Int(i) => match self.ints.entry((group, *i)) {
                std::collections::hash_map::Entry::Occupied(_) => false,
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(id);
                    true
                }
            },
            IdKey::Text(t) => self.texts.insert_new(group, t, id),
        };
        if new {
            Ok(())
        } else {
            Err(RowError::DuplicateId(key.to_string()))
        }
    }
}

/// One `Arc` per distinct label, type or key, shared by all the rows that name it.
#[derive(Default)]
pub struct NameCache(HashMap<String, Arc<str>>);

impl NameCache {
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(s.to_string(), a.clone());
        a
    }
}

/// Node ids by their source ids written as text. The texts sit in one buffer and the table
/// holds an 8-byte tag and slot per id, so that millions of ids stay compact and a lookup
/// touches few cache lines.
#[derive(Default)]
struct TextIds {
    table: hashbrown::HashTable<(u32, u32)>,
    texts: String,
    slots: Vec<TextId>,
    hasher: rustc_hash::FxBuildHasher,
}

struct TextId {
    start: usize,
    len: u32,
    group: u32,
    node: NodeId,
}

impl TextIds {
    /// A 32-bit tag of the key, and the table's hash spread from it: the table can grow
    /// from the tags alone.
    fn tag(&self, group: u32, text: &str) -> (u32, u64) {
        use std::hash::BuildHasher;
        let h = self.hasher.hash_one((group, text));
        let tag = (h ^ (h >> 32)) as u32;
        (tag, spread(tag))
    }

    fn get(&self, group: u32, text: &str) -> Option<NodeId> {
        let (tag, hash) = self.tag(group, text);
        let &(_, slot) = self.table.find(hash, |&(t, s)| {
            t == tag && holds(&self.slots, &self.texts, s, group, text)
        })?;
        Some(self.slots[slot as usize].node)
    }

    fn insert(&mut self, group: u32, text: &str, node: NodeId) {
        let (tag, hash) = self.tag(group, text);
        let slot = self.push(group, text, node);
        self.table
            .insert_unique(hash, (tag, slot), |&(t, _)| spread(t));
    }

    /// Inserts a text that is not there yet, in one probe of the table; false if it was.
    fn insert_new(&mut self, group: u32, text: &str, node: NodeId) -> bool {
        let (tag, hash) = self.tag(group, text);
        let slot = self.slots.len() as u32;
        let entry = self.table.entry(
            hash,
            |&(t, s)| t == tag && holds(&self.slots, &self.texts, s, group, text),
            |&(t, _)| spread(t),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert((tag, slot));
                self.push(group, text, node);
                true
            }
        }
    }

    fn push(&mut self, group: u32, text: &str, node: NodeId) -> u32 {
        let slot = self.slots.len() as u32;
        self.slots.push(TextId {
            start: self.texts.len(),
            len: text.len() as u32,
            group,
            node,
        });
        self.texts.push_str(text);
        slot
    }
}

/// Whether `slot` is the id `text` in `group`.
fn holds(slots: &[TextId], texts: &str, slot: u32, group: u32, text: &str) -> bool {
    let e = &slots[slot as usize];
    e.group == group && &texts[e.start..e.start + e.len as usize] == text
}

fn spread(tag: u32) -> u64 {
    (tag as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Where imported entities go: a fresh graph of their own, or a database inside an open
/// transaction (so that a failure rolls everything back).
pub enum Target<'a> {
    Fresh(Box<MemoryGraph>),
    Db(&'a mut Database),
}

impl Target<'_> {
    pub fn graph(&self) -> &MemoryGraph {
        match self {
            Target::Fresh(g) => g,
            Target::Db(db) => db.graph(),
        }
    }

    /// Entities that only get created (CSV, JSON) go into a fresh graph as a bulk load:
    /// its adjacency is sorted once at the end instead of kept readable row by row.
    pub fn bulk_load(&mut self, on: bool) {
        if let Target::Fresh(g) = self {
            if on {
                g.begin_bulk_load();
            } else {
                g.end_bulk_load();
            }
        }
    }

    pub(super) fn apply(&mut self, m: Mutation) -> Result<(), String> {
        match self {
            Target::Fresh(g) => g.apply(m).map(|_| ()).map_err(|e| e.to_string()),
            Target::Db(db) => db.apply_mutation(m).map_err(|e| e.to_string()),
        }
    }
}

pub struct Builder<'a> {
    pub target: Target<'a>,
    pub ids: SourceIds,
    groups: HashMap<String, u32>,
    names: NameCache,
    pub skip_bad: bool,
    /// The bad-row log's path, and the file once the first bad row has opened it: a log
    /// opened up front would empty a file before anything is known to go into it.
    bad_log: Option<(PathBuf, Option<BufWriter<File>>)>,
    pub report: ImportReport,
}

/// The id space of ids without a group: CSV's `:ID` and every JSON id.
pub const DEFAULT_GROUP: u32 = 0;

/// How many rejections are kept in the report for the user when there is no log file.
const SHOWN_REJECTIONS: usize = 10;

impl<'a> Builder<'a> {
    pub fn new(target: Target<'a>, options: &ImportOptions) -> Result<Self, ImportError> {
        let bad_log = options.bad_log.clone().map(|path| (path, None));
        Ok(Builder {
            target,
            ids: SourceIds::default(),
            // JSON ids live in the default group, which is 0 whatever CSV headers come first.
            groups: HashMap::from([(String::new(), DEFAULT_GROUP)]),
            names: NameCache::default(),
            skip_bad: options.skip_bad,
            bad_log,
            report: ImportReport::default(),
        })
    }

    pub fn name(&mut self, s: &str) -> Arc<str> {
        self.names.get(s)
    }

    /// The number of an id space (`:ID(Group)` in neo4j-admin headers; "" is the default).
    pub fn group(&mut self, name: &str) -> u32 {
        let next = self.groups.len() as u32;
        *self.groups.entry(name.to_string()).or_insert(next)
    }

    pub fn add_node(
        &mut self,
        source_id: Option<(u32, IdKey)>,
        labels: Vec<Arc<str>>,
        props: Vec<(Arc<str>, Value)>,
    ) -> Result<NodeId, RowError> {
        check_props(&props)?;
        if let Some((group, key)) = &source_id {
            if self.ids.get(*group, key).is_some() {
                return Err(RowError::DuplicateId(key.to_string()));
            }
        }
        let id = self.target.graph().next_node_id();
        self.create_node(id, labels, props)?;
        if let Some((group, key)) = source_id {
            self.ids.insert(group, key, id);
        }
        Ok(id)
    }

    /// Creates a node whose id the caller chose, and whose source id and properties it has
    /// already checked (the CSV reader does, on its own thread).
    pub fn create_node(
        &mut self,
        id: NodeId,
        labels: Vec<Arc<str>>,
        props: Vec<(Arc<str>, Value)>,
    ) -> Result<(), RowError> {
        self.target
            .apply(Mutation::CreateNode { id, labels, props })
            .map_err(RowError::Statement)?;
        self.report.nodes += 1;
        Ok(())
    }

    pub fn add_rel(
        &mut self,
        ty: Arc<str>,
        start: NodeId,
        end: NodeId,
        props: Vec<(Arc<str>, Value)>,
    ) -> Result<RelId, RowError> {
        check_props(&props)?;
        if ty.is_empty() {
            return Err(RowError::MissingType);
        }
        let id = self.target.graph().next_rel_id();
        self.target
            .apply(Mutation::CreateRel {
                id,
                ty,
                start,
                end,
                props,
            })
            .map_err(RowError::Statement)?;
        self.report.rels += 1;
        Ok(id)
    }

    /// A bad row: the import's error, or with `skip_bad` a line in the log and a count.
    pub fn reject(
        &mut self,
        location: Location,
        reason: RowError,
        raw: &str,
    ) -> Result<(), ImportError> {
        if !self.skip_bad {
            return Err(ImportError::Row { location, reason });
        }
        self.report.rejected += 1;
        let message = format!("{location}: {reason}");
        match &mut self.bad_log {
            Some((path, log)) => {
                let failed = |source| ImportError::BadLog {
                    path: path.clone(),
                    source,
                };
                let log = match log {
                    Some(log) => log,
                    None => log.insert(BufWriter::new(File::create(&*path).map_err(failed)?)),
                };
                let raw = raw.trim_end_matches(['\n', '\r']).replace('\n', "\n  ");
                writeln!(log, "{message}\n  {raw}").map_err(failed)?;
            }
            None => {
                if self.report.rejections.len() < SHOWN_REJECTIONS {
                    self.report.rejections.push(message);
                }
            }
        }
        Ok(())
    }

    /// Flushes the bad-row log and hands back the target, whatever happened, with the
    /// report (or the log's error).
    pub fn finish(mut self) -> (Target<'a>, Result<ImportReport, ImportError>) {
        let flushed = match &mut self.bad_log {
            Some((path, Some(log))) => log.flush().map_err(|source| ImportError::BadLog {
                path: path.clone(),
                source,
            }),
            Some((path, None)) => {
                self.report.notes.push(format!(
                    "no row was rejected, so the bad-row log {} was not written",
                    path.display()
                ));
                Ok(())
            }
            None => Ok(()),
        };
        (self.target, flushed.map(|()| self.report))
    }
}

/// Values a graph can store: scalars and lists of one scalar type (integers and floats mix).
pub fn check_props(props: &[(Arc<str>, Value)]) -> Result<(), RowError> {
    for (k, v) in props {
        if !v.is_storable() {
            let reason = match v {
                Value::Map(_) => "maps cannot be property values",
                Value::List(_) => "a list property holds scalars of one type, without nulls",
                _ => "not a scalar or a list",
            };
            return Err(RowError::Unstorable {
                key: k.to_string(),
                reason: reason.to_string(),
            });
        }
    }
    Ok(())
}
