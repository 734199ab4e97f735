//! The one place imported entities enter a graph: source ids are mapped to new node ids,
//! values are checked, and bad rows are either the import's error or (with `--skip-bad`)
//! logged and counted.

use super::error::{ImportError, Location, RowError};
pub use super::source_ids::{IdKey, SourceIds};
use super::{ImportOptions, ImportReport};
use crate::db::Database;
use crate::graph::{MemoryGraph, Mutation};
use crate::model::{NodeId, RelId, Value};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

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
            self.ids.insert_new(group, key, id)?;
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
