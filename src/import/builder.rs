//! The one place imported entities enter a graph: source ids are mapped to new node ids,
//! values are checked, and bad rows are either the import's error or (with `--skip-bad`)
//! logged and counted.

use super::error::{ImportError, Location, RowError};
pub use super::source_ids::{IdKey, SourceIds};
use super::{ImportOptions, ImportReport};
use crate::db::Database;
use crate::graph::{MemoryGraph, Mutation, Refused, Stored, StringPool, Symbol};
use crate::model::{NodeId, RelId, Value};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// One `Arc` per distinct label, type or key, shared by all the rows that name it.
#[derive(Default)]
pub struct NameCache {
    names: HashMap<String, Arc<str>>,
    /// The name asked for last: rows of a file mostly repeat their label or type, and
    /// comparing a few bytes is cheaper than hashing them.
    last: Option<Arc<str>>,
}

impl NameCache {
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(last) = self.last.as_ref().filter(|last| ***last == *s) {
            return last.clone();
        }
        let a = match self.names.get(s) {
            Some(a) => a.clone(),
            None => {
                let a: Arc<str> = Arc::from(s);
                self.names.insert(s.to_string(), a.clone());
                a
            }
        };
        self.last = Some(a.clone());
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

    pub fn is_fresh(&self) -> bool {
        matches!(self, Target::Fresh(_))
    }

    /// A new graph's string pool, for a reader thread to intern texts into while nothing
    /// else uses it (see [`MemoryGraph::take_strings`]); `None` for a database.
    pub fn take_strings(&mut self) -> Option<StringPool> {
        match self {
            Target::Fresh(g) => Some(g.take_strings()),
            Target::Db(_) => None,
        }
    }

    /// Makes room in a new graph for about this many more nodes and relationships.
    pub fn reserve(&mut self, nodes: usize, rels: usize) {
        if let Target::Fresh(g) = self {
            g.reserve(nodes, rels);
        }
    }

    pub fn put_strings(&mut self, pool: StringPool) {
        if let Target::Fresh(g) = self {
            g.put_strings(pool);
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
        self.target
            .apply(Mutation::CreateNode { id, labels, props })
            .map_err(RowError::Statement)?;
        self.report.nodes += 1;
        if let Some((group, key)) = source_id {
            self.ids.insert_new(group, key, id)?;
        }
        Ok(id)
    }

    /// Creates a node whose properties were prepared in stored form (with the labels both
    /// as names and as symbols); when it cannot be, the properties come back with the reason.
    pub fn load_node(
        &mut self,
        id: NodeId,
        labels: (&[Arc<str>], &[Symbol]),
        props: Vec<(Symbol, Stored)>,
    ) -> Result<(), (RowError, Vec<(Symbol, Stored)>)> {
        match &mut self.target {
            Target::Fresh(g) => g.load_node(id, labels.1, props).map_err(refused)?,
            Target::Db(db) => {
                let props = db.graph().named_values(props);
                let labels = labels.0.to_vec();
                db.apply_mutation(Mutation::CreateNode { id, labels, props })
                    .map_err(|e| (RowError::Statement(e.to_string()), Vec::new()))?
            }
        }
        self.report.nodes += 1;
        Ok(())
    }

    /// Room for about `rels` more relationships of type `ty` (see
    /// [`MemoryGraph::reserve_type`]); nothing for a database.
    pub fn reserve_type(&mut self, ty: Symbol, rels: usize) {
        if let Target::Fresh(g) = &mut self.target {
            g.reserve_type(ty, rels);
        }
    }

    /// Creates a relationship as [`load_node`](Self::load_node) a node.
    pub fn load_rel(
        &mut self,
        ty: (&Arc<str>, Symbol),
        start: NodeId,
        end: NodeId,
        props: Vec<(Symbol, Stored)>,
    ) -> Result<(), (RowError, Vec<(Symbol, Stored)>)> {
        let id = self.target.graph().next_rel_id();
        match &mut self.target {
            Target::Fresh(g) => g.load_rel(id, ty.1, start, end, props).map_err(refused)?,
            Target::Db(db) => {
                let props = db.graph().named_values(props);
                let ty = ty.0.clone();
                let m = Mutation::CreateRel {
                    id,
                    ty,
                    start,
                    end,
                    props,
                };
                db.apply_mutation(m)
                    .map_err(|e| (RowError::Statement(e.to_string()), Vec::new()))?
            }
        }
        self.report.rels += 1;
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

fn refused((e, props): Refused) -> (RowError, Vec<(Symbol, Stored)>) {
    (RowError::Statement(e.to_string()), props)
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
