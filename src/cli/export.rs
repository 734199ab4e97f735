//! `kg export`: the whole graph, or the subgraph a statement returns, in another format.

use super::script::describe_error;
use super::{Fatal, Session, Status, counted};
use clap::{Args, ValueEnum};
use kg::export::{self, Dialect, ExportFormat, ExportReport};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// Export only the nodes, relationships and paths this statement returns (with the end
    /// nodes of its relationships)
    #[arg(long, value_name = "STATEMENT")]
    pub query: Option<String>,
    /// With --query: add every relationship between the returned nodes
    #[arg(long, requires = "query")]
    pub induced: bool,
    /// Write to this file instead of stdout (for csv and kuzu: a directory, created if need be)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --format cypher: the engine the script is for. `portable` runs in kg, Neo4j 5 and
    /// FalkorDB and leaves its unnamed index on the temporary key in place; `neo4j`,
    /// `falkordb` and `memgraph` declare that index in their own form and drop it at the end
    #[arg(long, value_enum, default_value = "portable")]
    pub dialect: DialectArg,
}

#[derive(ValueEnum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum DialectArg {
    Portable,
    Neo4j,
    Falkordb,
    Memgraph,
}

#[derive(ValueEnum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum FormatArg {
    /// {"nodes": [...], "relationships": [...]}, elements as in `query --format json`
    Json,
    /// One node or relationship per line, in Neo4j APOC's JSON export layout
    Jsonl,
    /// GraphML with typed keys (networkx, Gephi, yEd)
    Graphml,
    /// Graphviz DOT (text only: value types are flattened; also `gv`)
    #[value(alias = "gv")]
    Dot,
    /// A script in the query language that rebuilds the subgraph (also runs in Neo4j,
    /// Memgraph and FalkorDB: see --dialect; also `cql`)
    #[value(alias = "cql")]
    Cypher,
    /// The neo4j-admin import layout: nodes.csv and relationships.csv in the -o directory
    Csv,
    /// A self-contained HTML page drawing the graph interactively
    Html,
    /// Kuzu: schema.cypher, copy.cypher and CSV files in the -o directory
    Kuzu,
}

impl FormatArg {
    fn format(self, dialect: DialectArg) -> ExportFormat {
        match self {
            FormatArg::Json => ExportFormat::Json,
            FormatArg::Jsonl => ExportFormat::Jsonl,
            FormatArg::Graphml => ExportFormat::GraphMl,
            FormatArg::Dot => ExportFormat::Dot,
            FormatArg::Cypher => ExportFormat::Cypher(match dialect {
                DialectArg::Portable => Dialect::Portable,
                DialectArg::Neo4j => Dialect::Neo4j,
                DialectArg::Falkordb => Dialect::FalkorDb,
                DialectArg::Memgraph => Dialect::Memgraph,
            }),
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Html => ExportFormat::Html,
            FormatArg::Kuzu => ExportFormat::Kuzu,
        }
    }
}

pub fn run(session: &mut Session, args: &ExportArgs) -> Result<Status, Fatal> {
    let format = args.format.format(args.dialect);
    // Found before the query runs, so that nothing is run for nothing.
    if format.writes_directory() && args.output.is_none() {
        return Err(Fatal::usage(
            export::ExportError::NeedsDirectory(format).to_string(),
        ));
    }
    if args.dialect != DialectArg::Portable && args.format != FormatArg::Cypher {
        return Err(Fatal::usage(format!(
            "--dialect is for --format cypher, not {format}"
        )));
    }
    if let Some(output) = &args.output {
        session
            .protected()
            .check("-o", output, format.writes_directory())?;
    }
    let query = args.query.as_deref();
    let sub = match session.db.subgraph(query, &session.params, args.induced) {
        Ok(sub) => sub,
        Err(e) => {
            let text = query.unwrap_or("");
            eprint!(
                "{}",
                describe_error(&e, (text, 1), 0, "query", failed_statement(&e, text))
            );
            return Ok(Status::QueryError);
        }
    };
    let report = match &args.output {
        Some(path) => export::write_to_path(format, &sub, path),
        None => export::write(format, &sub, &mut std::io::stdout().lock()),
    };
    match report {
        Ok(report) => {
            describe(&report, args.output.as_deref());
            Ok(Status::Success)
        }
        // A closed pipe (`kg export ... | head`) is not worth a message.
        Err(export::ExportError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(Status::Success)
        }
        Err(e) => Err(Fatal::data(e.to_string())),
    }
}

/// Notes on stderr: what the format flattened, and where the files went. Also the shell's
/// `:export`.
pub fn describe(report: &ExportReport, output: Option<&Path>) {
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    if let Some(path) = output {
        eprintln!(
            "exported {} and {} to {}",
            counted(report.nodes, "node", "nodes"),
            counted(report.rels, "relationship", "relationships"),
            path.display()
        );
    }
}

/// Which statement of the `--query` text failed (from 1), told by where the error is; `None`
/// when the error has no position and there are several.
fn failed_statement(e: &kg::Error, text: &str) -> Option<usize> {
    let scan = kg::syntax::split_statements(text);
    let mut ends: Vec<usize> = scan
        .complete
        .iter()
        .filter(|(start, end)| !kg::syntax::is_blank(&text[*start..*end]))
        .map(|(_, end)| *end)
        .collect();
    if !kg::syntax::is_blank(&text[scan.rest..]) {
        ends.push(text.len());
    }
    match e {
        kg::Error::Query(q) => match q.span {
            Some(span) => Some(1 + ends.iter().filter(|end| **end < span.start).count()),
            None => (ends.len() <= 1).then_some(1),
        },
        _ => (ends.len() <= 1).then_some(1),
    }
}
