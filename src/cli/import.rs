//! `kg import` and `--data`: files in every format import reads, into a store or into memory.

use super::{Fatal, Session, Status, counted};
use clap::{Args, ValueEnum};
use kg::Database;
use kg::import::{self, ImportError, ImportFormat, ImportOptions, ImportReport};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Files to load: .json, .jsonl/.ndjson, scripts in the query language (.cypher/.cql),
    /// .csv (neo4j-admin layout), or directories of .csv files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The format of every file, instead of telling it from the file name
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Load the good rows and reject the bad ones (instead of loading nothing)
    #[arg(long)]
    pub skip_bad: bool,
    /// With --skip-bad: write every rejected row, with its location and reason, to this file
    #[arg(long, value_name = "FILE", requires = "skip_bad")]
    pub bad_log: Option<PathBuf>,
}

#[derive(ValueEnum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum FormatArg {
    /// A document {"nodes": [...], "relationships": [...]} (kg's or APOC's elements), or
    /// APOC's array of elements
    Json,
    /// One element per line, in Neo4j APOC's layout (also `ndjson`)
    #[value(alias = "ndjson")]
    Jsonl,
    /// A script in the query language, run statement by statement (also `cql`)
    #[value(alias = "cql")]
    Cypher,
    /// neo4j-admin CSV files with typed headers, or directories of them
    Csv,
}

impl FormatArg {
    fn format(self) -> ImportFormat {
        match self {
            FormatArg::Json => ImportFormat::Json,
            FormatArg::Jsonl => ImportFormat::Jsonl,
            FormatArg::Cypher => ImportFormat::Cypher,
            FormatArg::Csv => ImportFormat::Csv,
        }
    }
}

impl ImportArgs {
    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            format: self.format.map(FormatArg::format),
            skip_bad: self.skip_bad,
            bad_log: self.bad_log.clone(),
            progress: super::progress::bar_on_terminal(),
            ..ImportOptions::default()
        }
    }
}

/// `kg --db DIR import FILE...`: all or nothing. The files load into the store's graph as one
/// transaction, which is then committed by writing a new snapshot (a checkpoint) rather than
/// one huge log record: a crash before the snapshot is renamed into place leaves the store as
/// it was; after, the import is there whole.
pub fn run(session: &mut Session, args: &ImportArgs) -> Result<Status, Fatal> {
    // Before the in-memory check: a read-only store is not persistent either, and its user
    // needs to hear about --read-only, not about --db.
    if session.read_only {
        return Err(Fatal::usage(
            "the store is open read-only (--read-only): import needs to write",
        ));
    }
    if !session.persistent {
        let files: Vec<String> = args.files.iter().map(|f| f.display().to_string()).collect();
        return Err(Fatal::usage(format!(
            "import writes into a store: use `kg --db DIR import {}`; to load files into memory for one command, use --data (e.g. `kg --data {} query '...'`)",
            files.join(" "),
            files.first().cloned().unwrap_or_default()
        )));
    }
    if let Some(log) = &args.bad_log {
        let mut protected = session.protected();
        protected.inputs = &args.files;
        protected.check("--bad-log", log, false)?;
    }
    let mut options = args.options();
    options.commit_through_checkpoint = true;
    let before = (session.db.node_count(), session.db.rel_count());
    let imported =
        import::load_into(&mut session.db, &args.files, &options).map_err(|e| load_error(&e))?;
    report(&imported, None);
    let after = (session.db.node_count(), session.db.rel_count());
    eprintln!("{}", describe_change(before, after));
    Ok(Status::Success)
}

/// What the store gained. Measured on the store rather than taken from the report, because
/// scripts create (and may delete) entities through statements the report does not count.
fn describe_change(before: (usize, usize), after: (usize, usize)) -> String {
    let graph = |(nodes, rels): (usize, usize)| {
        format!(
            "{} and {}",
            counted(nodes, "node", "nodes"),
            counted(rels, "relationship", "relationships")
        )
    };
    if after.0 >= before.0 && after.1 >= before.1 {
        format!(
            "imported {}",
            graph((after.0 - before.0, after.1 - before.1))
        )
    } else {
        format!(
            "imported: the store went from {} to {}",
            graph(before),
            graph(after)
        )
    }
}

/// `--data FILE...`: a one-off load into memory, all files as one import (so relationship
/// files find the nodes of node files). A file whose name names no import format is read as
/// a script in the query language, as `--data` always did.
pub fn load_data(paths: &[PathBuf]) -> Result<Database, Fatal> {
    let options = ImportOptions {
        default_format: Some(ImportFormat::Cypher),
        progress: super::progress::bar_on_terminal(),
        ..ImportOptions::default()
    };
    let imported = import::load(paths, &options).map_err(|e| load_error(&e))?;
    let outcome = imported.report.clone();
    let db = imported.into_database();
    report(&outcome, Some((db.node_count(), db.rel_count())));
    Ok(db)
}

/// Import errors name their file (and line) themselves.
fn load_error(e: &ImportError) -> Fatal {
    Fatal::data(e.to_string())
}

/// Notes and rejections on stderr; `loaded` is what the graph holds afterwards, when no other
/// line says so.
pub fn report(r: &ImportReport, loaded: Option<(usize, usize)>) {
    for note in &r.notes {
        eprintln!("note: {note}");
    }
    if r.rejected > 0 {
        for line in &r.rejections {
            eprintln!("rejected: {line}");
        }
        let rejected = counted(r.rejected, "row", "rows");
        match loaded {
            Some((nodes, rels)) => eprintln!(
                "{rejected} rejected; loaded {} and {}",
                counted(nodes, "node", "nodes"),
                counted(rels, "relationship", "relationships")
            ),
            None => eprintln!("{rejected} rejected"),
        }
    }
}
