//! Command-line arguments (clap). Raw strings stop here: everything leaves as typed values.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const ABOUT: &str =
    "kg: an embedded knowledge-graph store, queried in kg's query language, following openCypher";

const EXAMPLES: &str = "\
Examples:
  kg                                         open a shell on the embedded article graph
  kg query 'MATCH (c:Company) RETURN c.name ORDER BY c.name'
  kg query --format json 'MATCH (p:Person)-[w:WORKS_AT]->(c) RETURN p.name, w.role, c.name'
  kg --param name=\"'OpenAI'\" query 'MATCH (c:Company {name: $name}) RETURN c'
  kg run script.cypher                       run a script file; `kg run -` reads stdin
  kg schema                                  labels, relationship types and property keys
  kg --data other.cypher query 'MATCH (n) RETURN count(n)'
  kg --db notes query \"CREATE (:Company {name: 'Acme'})\"   keep changes in the store `notes`
  kg --db notes --read-only query 'MATCH (c:Company) RETURN c.name'
  kg --db notes check                        verify a store without changing it
  kg --db notes recover --salvage            repair a damaged log, replaying the intact records after the damage
  kg --data nodes.csv --data relationships.csv schema
  kg export --format html -o graph.html      the whole graph as an interactive page
  kg export --format graphml --query 'MATCH p=(:Person)-[:WORKS_AT]->() RETURN p' -o works.graphml
  kg export --format cypher --dialect neo4j -o graph.cypher   a script for Neo4j 5's cypher-shell
  kg export --format kuzu -o kuzu-out        Kuzu's tables, COPY statements and CSV files

Exit codes: 0 success, 1 query error, 2 usage error, 3 input/output or data error (including
a damaged or locked store).

Limits: statements and values nest at most 1,000 levels (brackets, CASE, operators applied to
operators; a chain such as `a OR b OR c` is one level, however long); JSON input at most 128.";

/// The examples, then the limits (computed, so that they cannot drift from the code).
fn after_help() -> String {
    format!(
        "{EXAMPLES}\n\nLimits: a statement, a line of an imported file, a CSV record and a --params file are\n\
         at most {} each (kg reads scripts and imports as streams, a statement at a time).",
        kg::import::limit_text()
    )
}

#[derive(Parser, Debug)]
#[command(name = "kg", version, about = ABOUT, after_help = after_help())]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Load this file into the in-memory graph instead of the embedded article graph: a
    /// script in the query language, .json, .jsonl, or neo4j-admin .csv files or a directory
    /// of them (repeatable; all files load as one import)
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// A query parameter, its value in the language's literal syntax: --param limit=10,
    /// --param "name='OpenAI'", --param "ids=[1, 2]" (repeatable)
    #[arg(long = "param", global = true, value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Query parameters from a JSON object: {"name": "OpenAI", "limit": 10}
    #[arg(long = "params", global = true, value_name = "FILE.json")]
    pub params_file: Option<PathBuf>,
    /// The shell's history file, or `off` (default: $XDG_DATA_HOME/kg/history, else
    /// ~/.local/share/kg/history)
    #[arg(long, global = true, value_name = "PATH|off")]
    pub history: Option<String>,
    /// Stop a statement that runs longer than this, rolling it back: 2s, 500ms, 1m
    /// (default: no limit; in the shell, `:timeout`)
    #[arg(long, global = true, value_name = "DURATION", value_parser = kg::limits::parse_duration)]
    pub timeout: Option<std::time::Duration>,
    #[arg(
        long,
        global = true,
        value_name = "SIZE",
        value_parser = kg::limits::parse_size,
        help = format!(
            "Stop a statement that builds more than this (lists, strings, sorting and grouping state, paths, rows), rolling it back: 512M, 2G (default: half of what the process may use, the least of physical memory, the cgroup limit and RLIMIT_AS, and at most 3/4 of the memory available at start: here {}; in the shell, `:max-memory`)",
            kg::limits::format_size(kg::limits::default_max_memory())
        )
    )]
    pub max_memory: Option<u64>,
    /// kg extension: every MATCH without its own `AS OF` sees only the nodes and
    /// relationships valid at this date (YYYY-MM-DD; in the shell, `:as-of`)
    #[arg(long = "as-of", global = true, value_name = "DATE", value_parser = kg::functions::parse_as_of)]
    pub as_of: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub store: StoreArgs,
}

impl GlobalArgs {
    /// The limits each statement runs under.
    pub fn limits(&self) -> kg::limits::Limits {
        kg::limits::Limits {
            timeout: self.timeout,
            max_memory: Some(
                self.max_memory
                    .unwrap_or_else(kg::limits::default_max_memory),
            ),
        }
    }
}

/// Where the graph lives when it outlives the process.
#[derive(Args, Debug, Clone)]
pub struct StoreArgs {
    /// Open the durable store in DIR (created, empty, if it does not exist or is empty; a
    /// directory holding other files is refused) instead of working in memory
    #[arg(long, global = true, value_name = "DIR", conflicts_with = "data")]
    pub db: Option<PathBuf>,
    /// Open the store without taking the writer's lock: it can be read while another kg
    /// writes to it, and every write is refused
    #[arg(long, global = true)]
    pub read_only: bool,
    /// When a commit reaches the disk: `commit` (the default) fsyncs each one before
    /// reporting it; `off` is for bulk loads: commits are written but not fsynced (a killed
    /// kg loses nothing, a power cut may lose the last commits)
    // Options without defaults here, so that one given without --db can be refused.
    #[arg(long, global = true, value_enum)]
    pub sync: Option<SyncArg>,
    #[arg(
        long,
        global = true,
        value_name = "BYTES",
        help = format!(
            "Checkpoint (write a new snapshot and empty the log) once the log passes this size [default: {}]",
            kg::persist::DEFAULT_CHECKPOINT_BYTES
        )
    )]
    pub checkpoint_size: Option<u64>,
}

impl StoreArgs {
    /// The first store option given, for "needs --db" errors.
    pub fn store_option(&self) -> Option<&'static str> {
        if self.read_only {
            Some("--read-only")
        } else if self.sync.is_some() {
            Some("--sync")
        } else if self.checkpoint_size.is_some() {
            Some("--checkpoint-size")
        } else {
            None
        }
    }
}

#[derive(ValueEnum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum SyncArg {
    /// fsync every commit before reporting it (the default)
    Commit,
    /// no fsync per commit: for bulk loads
    Off,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open an interactive shell (the default)
    Shell,
    /// Run one or more `;`-separated statements
    Query {
        /// The statements, e.g. 'MATCH (n) RETURN count(n)'
        statements: String,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Run a script file of statements (`-` reads stdin, running each statement as soon as
    /// it is complete)
    Run {
        /// The script file, or `-` for stdin
        file: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Show labels, relationship types (with the labels they connect) and property keys
    Schema {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Verify a store (--db DIR): every checksum, and that the log replays; changes nothing
    Check,
    /// Repair a damaged store's log (--db DIR): rewrite a damaged header, keep the log up to
    /// its first damaged record and move the rest aside into a file next to it
    Recover {
        /// Then replay the intact records found after the damage, each applied or skipped as
        /// a whole (the report says which), and write a new snapshot with them
        #[arg(long)]
        salvage: bool,
    },
    /// Write a new snapshot of the store (--db DIR) and empty its log
    Checkpoint,
    /// Write the graph, or the subgraph a statement returns, as json, jsonl, graphml, dot,
    /// cypher, csv or html
    Export(super::export::ExportArgs),
    /// Load json, jsonl, scripts in the query language (.cypher/.cql) or neo4j-admin csv
    /// files into a store (needs --db)
    Import(super::import::ImportArgs),
    /// kg extension: why two entities are connected: the best connections between two
    /// names (or aliases) within a hop limit, hop by hop with each relationship's properties,
    /// validity and sources; paths through hubs rank lower, provenance is never a hop
    Why(super::why::WhyArgs),
}

#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Go on after a failing statement (the exit code is still 1 at the end)
    #[arg(long = "continue")]
    pub keep_going: bool,
}

#[derive(ValueEnum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// A table in the query language's value syntax, ending with the row count
    Table,
    /// One block of `column: value` lines per row, for wide results
    Vertical,
    /// One JSON array of row objects per statement, on one line
    Json,
    /// One JSON object per row
    Jsonl,
    /// RFC 4180 CSV with a header
    Csv,
    /// A markdown table
    Markdown,
}

impl Format {
    pub fn output(self) -> kg::format::OutputFormat {
        use kg::format::OutputFormat as O;
        match self {
            Format::Table => O::Table,
            Format::Vertical => O::Vertical,
            Format::Json => O::Json,
            Format::Jsonl => O::Jsonl,
            Format::Csv => O::Csv,
            Format::Markdown => O::Markdown,
        }
    }
}
