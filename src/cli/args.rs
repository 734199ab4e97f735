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
  kg --data nodes.csv --data relationships.csv schema
  kg export --format html -o graph.html      the whole graph as an interactive page
  kg export --format graphml --query 'MATCH p=(:Person)-[:WORKS_AT]->() RETURN p' -o works.graphml

Exit codes: 0 success, 1 query error, 2 usage error, 3 input/output or data error.";

#[derive(Parser, Debug)]
#[command(name = "kg", version, about = ABOUT, after_help = EXAMPLES)]
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
    /// Write the graph, or the subgraph a statement returns, as json, jsonl, graphml, dot,
    /// cypher, csv or html
    Export(super::export::ExportArgs),
    /// Load json, jsonl, cypher or neo4j-admin csv files into a store (needs --db)
    Import(super::import::ImportArgs),
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
            Format::Json => O::Json,
            Format::Jsonl => O::Jsonl,
            Format::Csv => O::Csv,
            Format::Markdown => O::Markdown,
        }
    }
}
