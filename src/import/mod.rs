//! Files into a graph: kg's JSON and JSON lines (also APOC's layout), the neo4j-admin CSV
//! layout, and scripts in the query language.
//!
//! An import is all or nothing: [`load`] builds a fresh graph that the caller only gets if
//! every file loaded, and [`load_into`] runs inside one transaction of a database, rolled
//! back on any error. With `skip_bad`, bad rows are logged and counted instead, and the good
//! ones load. Files stream record by record; memory grows with the graph, not the file.
//!
//! **For the store:** `kg --db DIR import` calls [`load_into`] with
//! `commit_through_checkpoint`, so the whole import is committed as one new snapshot rather
//! than as one huge log record; `--data` calls [`load`].

mod builder;
mod citations;
mod csv;
mod error;
mod json;
mod progress;
mod script;
mod source_ids;

pub use crate::text::limit_text;
pub use crate::text::{LineError, LineReader};
pub use error::{ImportError, Location, RowError};
pub use json::{describe_json_error, json_from_str, json_number};
pub use progress::{OnProgress, Progress};

use crate::db::Database;
use crate::graph::MemoryGraph;
use builder::{Builder, Target};
use progress::Meter;
use std::path::{Path, PathBuf};

/// The formats import reads.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    Json,
    Jsonl,
    /// A script in the query language.
    Cypher,
    /// The neo4j-admin layout: files, or directories of `.csv` files.
    Csv,
}

impl ImportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Json => "json",
            ImportFormat::Jsonl => "jsonl",
            ImportFormat::Cypher => "cypher",
            ImportFormat::Csv => "csv",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "json" => ImportFormat::Json,
            "jsonl" | "ndjson" => ImportFormat::Jsonl,
            "cypher" | "cql" => ImportFormat::Cypher,
            "csv" => ImportFormat::Csv,
            _ => return None,
        })
    }

    /// The format a path's name says: its extension, or `csv` for a directory.
    pub fn of_path(path: &Path) -> Option<Self> {
        if path.is_dir() {
            return Some(ImportFormat::Csv);
        }
        Self::parse(path.extension()?.to_str()?)
    }
}

#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The format of every file; `None` tells each by its name.
    pub format: Option<ImportFormat>,
    /// The format of a file whose name says none (`--data` reads such files as scripts).
    pub default_format: Option<ImportFormat>,
    /// Load the good rows and log the bad ones instead of failing.
    pub skip_bad: bool,
    /// Where rejected rows go, each with its location and reason.
    pub bad_log: Option<PathBuf>,
    /// Told how many bytes of the files have been read as the import goes, and once more
    /// when it ends (the `kg` binary draws a bar from it on a terminal).
    pub progress: Option<OnProgress>,
    /// The separator of labels and array items in CSV fields.
    pub array_delimiter: char,
    /// With `load_into`: commit by writing a new snapshot instead of a log record (for a
    /// store, so a bulk load is one atomic rename rather than one huge record).
    pub commit_through_checkpoint: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            format: None,
            default_format: None,
            skip_bad: false,
            bad_log: None,
            progress: None,
            array_delimiter: ';',
            commit_through_checkpoint: false,
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub nodes: usize,
    pub rels: usize,
    /// Statements run from scripts.
    pub statements: usize,
    /// Rows refused (only with `skip_bad`).
    pub rejected: usize,
    /// The first rejections, for the user, when there is no bad-row log.
    pub rejections: Vec<String>,
    /// Things worth telling, such as columns read as strings.
    pub notes: Vec<String>,
}

/// A graph built by [`load`].
pub struct ImportedGraph {
    pub graph: MemoryGraph,
    pub report: ImportReport,
}

impl ImportedGraph {
    /// An in-memory database over the imported graph.
    pub fn into_database(self) -> Database {
        Database::with_graph(self.graph, None)
    }
}

/// The files grouped by format, in order; all CSV files form one group, since relationship
/// files refer to nodes in any of them.
fn plan(
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<Vec<(ImportFormat, Vec<PathBuf>)>, ImportError> {
    let mut groups: Vec<(ImportFormat, Vec<PathBuf>)> = Vec::new();
    for path in paths {
        let format = options
            .format
            .or_else(|| ImportFormat::of_path(path))
            .or(options.default_format)
            .ok_or_else(|| ImportError::UnknownFormat { path: path.clone() })?;
        match groups
            .iter_mut()
            .find(|(f, _)| *f == ImportFormat::Csv && format == *f)
        {
            Some((_, files)) => files.push(path.clone()),
            None => groups.push((format, vec![path.clone()])),
        }
    }
    Ok(groups)
}

fn total_bytes(paths: &[PathBuf]) -> u64 {
    fn size(path: &Path) -> u64 {
        if path.is_dir() {
            std::fs::read_dir(path)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| size(&e.path()))
                        .sum()
                })
                .unwrap_or(0)
        } else {
            std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
        }
    }
    paths.iter().map(|p| size(p)).sum()
}

fn run(
    paths: &[PathBuf],
    options: &ImportOptions,
    builder: &mut Builder,
) -> Result<(), ImportError> {
    let groups = plan(paths, options)?;
    let progress = Meter::new(total_bytes(paths), options.progress.as_ref());
    let outcome = groups.iter().try_for_each(|(format, files)| {
        let creates_only = !matches!(format, ImportFormat::Cypher);
        builder.target.bulk_load(creates_only);
        let loaded = match format {
            ImportFormat::Csv => csv::load(files, builder, &progress, options.array_delimiter),
            ImportFormat::Json => files
                .iter()
                .try_for_each(|f| json::load_document(f, builder, &progress)),
            ImportFormat::Jsonl => files
                .iter()
                .try_for_each(|f| json::load_lines(f, builder, &progress)),
            ImportFormat::Cypher => files
                .iter()
                .try_for_each(|f| script::load(f, builder, &progress)),
        };
        if creates_only {
            builder.target.bulk_load(false);
        }
        loaded
    });
    progress.finish();
    outcome?;
    // Citations travel as reserved properties; once every file is in, they become
    // citations again.
    for m in citations::restore(builder.target.graph()).map_err(ImportError::Apply)? {
        builder.target.apply(m).map_err(ImportError::Apply)?;
    }
    Ok(())
}

/// Loads `paths` into a new graph. Nothing is returned unless every file loaded (or, with
/// `skip_bad`, every bad row was logged).
pub fn load(paths: &[PathBuf], options: &ImportOptions) -> Result<ImportedGraph, ImportError> {
    let mut builder = Builder::new(Target::Fresh(Box::default()), options)?;
    run(paths, options, &mut builder)?;
    let (target, report) = builder.finish();
    let report = report?;
    match target {
        Target::Fresh(graph) => Ok(ImportedGraph {
            graph: *graph,
            report,
        }),
        Target::Db(_) => Err(ImportError::Apply("the import lost its graph".into())),
    }
}

/// Loads `paths` into `db` as one transaction: committed (through the database's commit
/// sink, if it has one) when every file loaded, rolled back otherwise. Scripts run against
/// the database itself, so they can match what is already there.
pub fn load_into(
    db: &mut Database,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    if db.in_transaction() {
        return Err(ImportError::TransactionOpen);
    }
    db.begin().map_err(|e| ImportError::Apply(e.to_string()))?;
    let mut builder = Builder::new(Target::Db(db), options)?;
    let outcome = run(paths, options, &mut builder);
    let (target, finished) = builder.finish();
    let report = match outcome.and(finished) {
        Ok(report) => report,
        Err(e) => {
            rollback(target);
            return Err(e);
        }
    };
    match target {
        Target::Db(db) => {
            let committed = if options.commit_through_checkpoint {
                db.commit_through_checkpoint()
            } else {
                db.commit()
            };
            committed.map_err(|e| ImportError::Apply(e.to_string()))?;
        }
        Target::Fresh(_) => return Err(ImportError::Apply("the import lost its database".into())),
    }
    Ok(report)
}

fn rollback(target: Target) {
    if let Target::Db(db) = target {
        // Rolling back an open transaction cannot fail.
        let _ = db.rollback();
    }
}
