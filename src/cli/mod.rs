//! The command line: argument parsing, scripts, and the interactive shell. It only calls the
//! library; everything it prints comes from `kg::format`.

mod args;
mod export;
mod import;
mod outputs;
mod params;
mod progress;
mod script;
mod shell;
mod store;
mod why;

use args::{Cli, Command};
use clap::Parser;
use kg::{Database, Error, Params};
use std::io::Write;
use std::process::ExitCode;

/// Exit statuses, as documented in `kg --help`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Success = 0,
    QueryError = 1,
    Usage = 2,
    DataError = 3,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> Self {
        ExitCode::from(s as u8)
    }
}

/// A failure before any statement ran: bad arguments, unreadable files.
pub struct Fatal {
    pub status: Status,
    pub message: String,
}

impl Fatal {
    pub fn usage(message: impl Into<String>) -> Self {
        Fatal {
            status: Status::Usage,
            message: message.into(),
        }
    }
    pub fn data(message: impl Into<String>) -> Self {
        Fatal {
            status: Status::DataError,
            message: message.into(),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(status) => status.into(),
        Err(fatal) => {
            eprintln!("kg: {}", fatal.message);
            fatal.status.into()
        }
    }
}

/// The graph a command works on, and how to describe it.
pub struct Session {
    pub db: Database,
    pub params: Params,
    /// For banners and notes: where the graph came from.
    pub origin: String,
    /// Whether writes outlive the process.
    pub persistent: bool,
    /// A store opened with --read-only: writes are refused.
    pub read_only: bool,
    /// The store's directory, if there is a store.
    pub store_dir: Option<std::path::PathBuf>,
    /// The `--data` files the graph was loaded from.
    pub inputs: Vec<std::path::PathBuf>,
}

impl Session {
    /// What no output of this session may write over.
    pub fn protected(&self) -> outputs::Protected<'_> {
        outputs::Protected {
            store: self.store_dir.as_deref(),
            inputs: &self.inputs,
        }
    }
}

fn open(global: &args::GlobalArgs) -> Result<Session, Fatal> {
    let params = params::collect(&global.params, global.params_file.as_deref())?;
    if let Some(dir) = &global.store.db {
        return store::open(dir, &global.store, params);
    }
    if let Some(option) = global.store.store_option() {
        return Err(Fatal::usage(format!("{option} needs --db DIR")));
    }
    let (db, origin) = if global.data.is_empty() {
        let db = Database::default_graph()
            .map_err(|e| load_error(&e, kg::db::DEFAULT_GRAPH, "embedded graph"))?;
        (db, "the embedded article graph".to_string())
    } else {
        let names: Vec<String> = global
            .data
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        (
            import::load_data(&global.data)?,
            format!("data file {}", names.join(", ")),
        )
    };
    Ok(Session {
        db,
        params,
        origin,
        persistent: false,
        read_only: false,
        store_dir: None,
        inputs: global.data.clone(),
    })
}

/// Writes to stdout and flushes. A closed pipe (`kg ... | head`) is not an error: the reader
/// took what it wanted. Any other failure (a full disk) loses output, so it is exit code 3,
/// the same for every command.
pub fn print_out(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Fatal> {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Fatal::data(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

/// The limits as the shell's `:timeout` and `:max-memory` show them.
pub fn limits_text(limits: kg::limits::Limits) -> String {
    let timeout = limits
        .timeout
        .map_or("none".to_string(), kg::limits::format_duration);
    let memory = limits
        .max_memory
        .map_or("none".to_string(), kg::limits::format_size);
    format!("time limit per statement: {timeout}\nmemory limit per statement: {memory}")
}

/// "1 node", "2 nodes".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn load_error(e: &Error, text: &str, origin: &str) -> Fatal {
    match e {
        Error::Query(q) => Fatal::data(format!(
            "cannot load {origin}:\n{}",
            kg::error::render(q, text, Some(origin))
        )),
        other => Fatal::data(format!("cannot load {origin}: {other}")),
    }
}

fn run(cli: Cli) -> Result<Status, Fatal> {
    let command = cli.command.unwrap_or(Command::Shell);
    match command {
        Command::Check => return store::check(&cli.global.store),
        Command::Recover { salvage } => return store::recover(&cli.global.store, salvage),
        _ => {}
    }
    let mut session = open(&cli.global)?;
    session.db.set_limits(cli.global.limits());
    session.db.set_as_of(cli.global.as_of);
    let status = run_command(&mut session, command, cli.global.history.as_deref())?;
    store::close(&mut session)?;
    Ok(status)
}

fn run_command(
    session: &mut Session,
    command: Command,
    history: Option<&str>,
) -> Result<Status, Fatal> {
    match command {
        Command::Check | Command::Recover { .. } => Ok(Status::Success),
        Command::Checkpoint => store::checkpoint(session),
        Command::Shell => shell::run(session, history),
        Command::Query { statements, output } => {
            Ok(script::run_text(session, &statements, "query", &output))
        }
        Command::Run { file, output } => script::run_file(session, &file, &output),
        Command::Export(args) => export::run(session, &args),
        Command::Import(args) => import::run(session, &args),
        Command::Why(args) => why::run(&session.db, &args),
        Command::Schema { format } => {
            let schema = session.db.schema();
            print_out(|out| {
                schema.as_results().iter().try_for_each(|result| {
                    kg::format::write_result(
                        out,
                        result,
                        format.output(),
                        kg::format::Layout::default(),
                    )
                })
            })?;
            Ok(Status::Success)
        }
    }
}
