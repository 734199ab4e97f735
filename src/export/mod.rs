//! Subgraphs out to the formats other tools read: JSON, JSON lines (APOC's layout), GraphML,
//! Graphviz DOT, a script in the query language (for kg, Neo4j, Memgraph and FalkorDB), the
//! neo4j-admin CSV layout, Kuzu's tables and COPY statements, and a self-contained HTML page
//! that draws the graph.
//!
//! Exporters only read a [`Subgraph`]; they never query. Every format that can carry value
//! types keeps them; where one cannot, the [`ExportReport`] says what was flattened, so the
//! caller can tell the user.

mod csv;
mod cypher;
mod dot;
mod graphml;
mod html;
mod json;
mod kuzu;
mod staged;
mod types;

pub use crate::result::Subgraph;
pub use cypher::Dialect;

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The formats `kg export` writes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// One document `{"nodes": [...], "relationships": [...]}`, elements as in query results.
    Json,
    /// One element per line, in the layout of Neo4j APOC's JSON export.
    Jsonl,
    GraphMl,
    Dot,
    /// A script in the query language that rebuilds the subgraph, in the dialect of the
    /// engine it is for.
    Cypher(Dialect),
    /// The neo4j-admin import layout, written into a directory.
    Csv,
    Html,
    /// Kuzu's node and relationship tables (`schema.cypher`) and COPY statements
    /// (`copy.cypher`) over CSV files, written into a directory.
    Kuzu,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Json,
        ExportFormat::Jsonl,
        ExportFormat::GraphMl,
        ExportFormat::Dot,
        ExportFormat::Cypher(Dialect::Portable),
        ExportFormat::Csv,
        ExportFormat::Html,
        ExportFormat::Kuzu,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Dot => "dot",
            ExportFormat::Cypher(_) => "cypher",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
            ExportFormat::Kuzu => "kuzu",
        }
    }

    /// The format named `name` (as on the command line or in the shell's `:export`).
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "cql" => Some(ExportFormat::Cypher(Dialect::Portable)),
            "gv" => Some(ExportFormat::Dot),
            _ => Self::ALL.into_iter().find(|f| f.name() == name),
        }
    }

    /// Whether the format writes a directory of files rather than one file.
    pub fn writes_directory(self) -> bool {
        matches!(self, ExportFormat::Csv | ExportFormat::Kuzu)
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an export wrote, and what it could not carry as it was.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportReport {
    pub nodes: usize,
    pub rels: usize,
    /// Files written (for `csv`, one per group of entities with compatible property types).
    pub files: Vec<PathBuf>,
    /// What the format flattened or could not represent, one sentence each.
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot write the export: {0}")]
    Output(#[from] io::Error),
    #[error("the {0} format writes a directory of files: give one with -o DIR")]
    NeedsDirectory(ExportFormat),
    /// The graph has something the format cannot hold; nothing was written.
    #[error("the {format} format cannot hold this graph: {reason}")]
    Unrepresentable {
        format: ExportFormat,
        reason: String,
    },
}

/// Writes `sub` to `out` in `format`. The `csv` and `kuzu` formats need a directory: use
/// [`write_to_path`] for them.
pub fn write(
    format: ExportFormat,
    sub: &Subgraph,
    out: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    let mut report = ExportReport {
        nodes: sub.node_count(),
        rels: sub.rel_count(),
        ..ExportReport::default()
    };
    let notes = match format {
        ExportFormat::Json => json::write_document(sub, out)?,
        ExportFormat::Jsonl => json::write_lines(sub, out)?,
        ExportFormat::GraphMl => graphml::write(sub, out)?,
        ExportFormat::Dot => dot::write(sub, out)?,
        ExportFormat::Cypher(dialect) => cypher::write(sub, dialect, out)?,
        ExportFormat::Html => html::write(sub, out)?,
        ExportFormat::Csv | ExportFormat::Kuzu => return Err(ExportError::NeedsDirectory(format)),
    };
    out.flush()?;
    report.notes = notes;
    Ok(report)
}

/// Writes `sub` to the file `path` (for `csv` and `kuzu`, into the directory `path`, creating
/// it).
pub fn write_to_path(
    format: ExportFormat,
    sub: &Subgraph,
    path: &Path,
) -> Result<ExportReport, ExportError> {
    match format {
        ExportFormat::Csv => return csv::write_dir(sub, path),
        ExportFormat::Kuzu => return kuzu::write_dir(sub, path),
        _ => {}
    }
    let io_err = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut out = staged::Staged::create(path).map_err(io_err)?;
    let mut report = write(format, sub, &mut out).map_err(|e| match e {
        ExportError::Output(source) => io_err(source),
        other => other,
    })?;
    out.finish().map_err(io_err)?;
    report.files.push(path.to_path_buf());
    Ok(report)
}

/// "1 node", "2 nodes": for the comments and titles exports write.
pub(crate) fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Property keys that usually hold an entity's name, in order of preference; the diagrams
/// show the first one a node has.
const NAME_KEYS: &[&str] = &["name", "title", "label", "caption", "id", "key", "code"];

/// The text a diagram shows for a node besides its labels: its first name-like property.
pub(crate) fn display_name(node: &crate::result::NodeData) -> Option<String> {
    NAME_KEYS.iter().find_map(|k| match node.props.get(*k)? {
        crate::model::Value::String(s) => Some(s.to_string()),
        crate::model::Value::Int(i) => Some(i.to_string()),
        other => Some(crate::format::value_text(other, &NoEntities)),
    })
}

/// Property values never hold entities, so nothing needs looking up when printing them.
pub(crate) struct NoEntities;

impl crate::format::Entities for NoEntities {
    fn node(&self, _: crate::model::NodeId) -> Option<&crate::result::NodeData> {
        None
    }
    fn rel(&self, _: crate::model::RelId) -> Option<&crate::result::RelData> {
        None
    }
}
