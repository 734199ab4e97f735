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

    fn apply(&mut self, m: Mutation) -> Result<(), String> {
        match self {
            Target::Fresh(g) => g.apply(m).map(|_| ()).map_err(|e| e.to_string()),
            Target::Db(db) => db.apply_mutation(m).map_err(|e| e.to_string()),
        }
    }
}

pub struct Builder<'a> {
    pub target: Target<'a>,
    /// Source ids to node ids, per id space: numbers and texts apart, so that a lookup by
    /// text borrows it rather than building a key.
    int_ids: FxHashMap<(u32, i64), NodeId>,
    text_ids: FxHashMap<u32, FxHashMap<Box<str>, NodeId>>,
    groups: HashMap<String, u32>,
    names: HashMap<String, Arc<str>>,
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
            int_ids: FxHashMap::default(),
            text_ids: FxHashMap::default(),
            // JSON ids live in the default group, which is 0 whatever CSV headers come first.
            groups: HashMap::from([(String::new(), DEFAULT_GROUP)]),
            names: HashMap::new(),
            skip_bad: options.skip_bad,
            bad_log,
            report: ImportReport::default(),
        })
    }

    /// Shares one `Arc` per distinct label, type or key across all rows.
    pub fn name(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.names.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.names.insert(s.to_string(), a.clone());
        a
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
            if self.node_id(*group, key).is_some() {
                return Err(RowError::DuplicateId(key.to_string()));
            }
        }
        let id = self.target.graph().next_node_id();
        self.target
            .apply(Mutation::CreateNode { id, labels, props })
            .map_err(RowError::Statement)?;
        match source_id {
            Some((group, IdKey::Int(i))) => {
                self.int_ids.insert((group, i), id);
            }
            Some((group, IdKey::Text(t))) => {
                self.text_ids.entry(group).or_default().insert(t, id);
            }
            None => {}
        }
        self.report.nodes += 1;
        Ok(id)
    }

    /// The node of a source id written as text, without building a key for it.
    pub fn node_id_of_text(&self, group: u32, text: &str) -> Option<NodeId> {
        match canonical_int(text) {
            Some(i) => self.int_ids.get(&(group, i)).copied(),
            None => self.text_ids.get(&group)?.get(text).copied(),
        }
    }

    pub fn node_id(&self, group: u32, key: &IdKey) -> Option<NodeId> {
        match key {
            IdKey::Int(i) => self.int_ids.get(&(group, *i)).copied(),
            IdKey::Text(t) => self.text_ids.get(&group)?.get(&**t).copied(),
        }
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
fn check_props(props: &[(Arc<str>, Value)]) -> Result<(), RowError> {
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
