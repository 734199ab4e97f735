//! The interactive shell: rustyline editing with completion from the open graph, `:`
//! commands, multi-line statements, history, and Ctrl-C that clears input or stops a
//! running statement.

mod commands;
mod context;
mod helper;

use super::script::Runner;
use super::{Fatal, Session, Status};
use commands::Command;
use helper::{ShellHelper, Vocabulary};
use kg::format::{Layout, OutputFormat, write_result};
use kg::import::{LineError, LineReader};
use kg::syntax::MAX_STATEMENT_BYTES;
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};
use rustyline::{Config, Editor};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const DEFAULT_MAX_ROWS: usize = 1000;

type ShellEditor = Editor<ShellHelper, DefaultHistory>;

/// Where history lives: `--history PATH`, or `off`, or the user's data directory.
pub fn history_path(option: Option<&str>) -> Option<PathBuf> {
    match option {
        Some("off") => None,
        Some(path) => Some(PathBuf::from(path)),
        None => {
            let base = std::env::var_os("XDG_DATA_HOME")
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share"))
                })?;
            Some(base.join("kg").join("history"))
        }
    }
}

fn vocabulary(session: &Session) -> Vocabulary {
    let stats = session.db.statistics();
    let names = |counts: Vec<(std::sync::Arc<str>, usize)>| -> Vec<String> {
        counts.into_iter().map(|(n, _)| n.to_string()).collect()
    };
    Vocabulary {
        keys: stats
            .property_keys()
            .into_iter()
            .map(|k| k.to_string())
            .collect(),
        labels: names(stats.labels),
        types: names(stats.types),
        params: session.params.keys().cloned().collect(),
    }
}

impl Shell<'_> {
    /// `:export FORMAT FILE [statement]`: the statement's subgraph, or the last result's.
    fn export(&mut self, format: &str, file: &std::path::Path, statement: Option<&str>) {
        let Some(format) = kg::export::ExportFormat::parse(format) else {
            eprintln!(
                "unknown export format '{format}'; one of json, jsonl, graphml, dot, cypher, csv, html, kuzu"
            );
            return;
        };
        let session = &mut self.runner.session;
        let writes_directory = format.writes_directory();
        if let Err(refused) = session.protected().check(":export", file, writes_directory) {
            eprintln!("{}", refused.message);
            return;
        }
        let sub = match (statement, &self.runner.last) {
            (Some(text), _) => match session.db.subgraph(Some(text), &session.params, false) {
                Ok(sub) => sub,
                Err(e) => {
                    eprint!(
                        "{}",
                        super::script::describe_error(&e, (text, 1), 0, "export", None)
                    );
                    return;
                }
            },
            (None, Some(last)) => session.db.subgraph_of(std::slice::from_ref(last), false),
            (None, None) => {
                eprintln!(
                    "nothing to export yet: run a statement first, or give one after the file name"
                );
                return;
            }
        };
        match kg::export::write_to_path(format, &sub, file) {
            Ok(report) => super::export::describe(&report, Some(file)),
            Err(e) => eprintln!("{e}"),
        }
    }
}

impl Shell<'_> {
    /// `:output FILE [FORMAT]`: results go to the file from now on.
    fn output_to(&mut self, path: &std::path::Path, format: OutputFormat) {
        if let Err(refused) = self
            .runner
            .session
            .protected()
            .check(":output", path, false)
        {
            eprintln!("{}", refused.message);
            return;
        }
        match super::script::OutputFile::create(path, format) {
            Ok(output) => {
                eprintln!(
                    "results go to {} as {} until :output off",
                    path.display(),
                    format_name(format)
                );
                self.runner.output = Some(output);
            }
            Err(e) => eprintln!("cannot write to {}: {e}", path.display()),
        }
    }

    /// `:save FILE [FORMAT]`: the last result, into a file.
    fn save(&self, path: &std::path::Path, format: OutputFormat) {
        let Some(last) = &self.runner.last else {
            eprintln!("nothing to save yet: run a statement that returns rows first");
            return;
        };
        if let Err(refused) = self.runner.session.protected().check(":save", path, false) {
            eprintln!("{}", refused.message);
            return;
        }
        let written =
            super::script::OutputFile::create(path, format).and_then(|mut file| file.write(last));
        match written {
            Ok(()) => {
                let n = last.rows.len();
                let noun = if n == 1 { "row" } else { "rows" };
                eprintln!("wrote {n} {noun} to {}", path.display());
            }
            Err(e) => eprintln!("cannot write to {}: {e}", path.display()),
        }
    }
}

fn format_name(format: OutputFormat) -> &'static str {
    OutputFormat::NAMES
        .iter()
        .find(|n| OutputFormat::parse(n) == Some(format))
        .copied()
        .unwrap_or("table")
}

fn banner(session: &Session) -> String {
    let persistence = if session.read_only {
        "read-only: writes are refused"
    } else if session.persistent {
        "every committed statement is kept"
    } else {
        "in memory: changes are lost when kg exits (use --db DIR to keep them)"
    };
    format!(
        "kg shell on {}: {} nodes, {} relationships; {persistence}.\n\
         Statements end with ';'. :help lists commands, :quit leaves.",
        session.origin,
        session.db.node_count(),
        session.db.rel_count(),
    )
}

pub fn run(session: &mut Session, history: Option<&str>) -> Result<Status, Fatal> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(true)
        .ok();
    let mut editor: ShellEditor = match config {
        Some(c) => Editor::with_config(c.build()),
        None => Editor::new(),
    }
    .map_err(|e| Fatal::data(format!("cannot start the shell: {e}")))?;
    let mut helper = ShellHelper::new(interactive && std::env::var_os("NO_COLOR").is_none());
    helper.vocabulary = vocabulary(session);
    editor.set_helper(Some(helper));
    let history = history_path(history);
    if let Some(path) = &history {
        // A missing history file is normal on first use.
        let _ = editor.load_history(path);
    }
    // While a statement runs the terminal is in normal mode, so Ctrl-C arrives as a signal:
    // it asks the statement to stop instead of killing kg.
    let interrupter = session.db.interrupter();
    let _ = ctrlc::set_handler(move || interrupter.interrupt());
    println!("{}", banner(session));
    // rustyline reads piped input a whole line at a time, however long; kg's reader stops
    // at the statement size limit.
    let piped = (!std::io::stdin().is_terminal()).then(|| LineReader::new(std::io::stdin().lock()));
    let mut shell = Shell {
        runner: Runner::new(session, OutputFormat::Table, true),
        history,
        max_rows: DEFAULT_MAX_ROWS,
        piped,
    };
    shell.runner.layout.auto_vertical = true;
    shell.runner.number_statements = false;
    shell.runner.timing = true;
    shell.repl(&mut editor)
}

struct Shell<'s> {
    runner: Runner<'s>,
    history: Option<PathBuf>,
    max_rows: usize,
    /// Input that is not a terminal, read without rustyline.
    piped: Option<LineReader<std::io::StdinLock<'static>>>,
}

impl Shell<'_> {
    /// The next line, from the terminal through rustyline, or from piped input.
    fn read_line(
        &mut self,
        editor: &mut ShellEditor,
        prompt: &str,
    ) -> Result<String, ReadlineError> {
        let Some(input) = &mut self.piped else {
            return editor.readline(prompt);
        };
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) => Err(ReadlineError::Eof),
            Ok(_) => {
                line.truncate(line.trim_end_matches(['\n', '\r']).len());
                Ok(line)
            }
            Err(LineError::Io(e)) => Err(ReadlineError::Io(e)),
            Err(e) => Err(ReadlineError::Io(std::io::Error::other(e.to_string()))),
        }
    }

    fn repl(&mut self, editor: &mut ShellEditor) -> Result<Status, Fatal> {
        let mut buffer = String::new();
        // Lines read, and the line the statement in `buffer` starts on.
        let (mut lines, mut first_line) = (0u64, 1u64);
        loop {
            let width = editor.dimensions().map(|(w, _)| usize::from(w));
            self.runner.layout.width = width;
            self.runner.layout.max_rows = Some(self.max_rows);
            let db = &self.runner.session.db;
            let prompt = match (buffer.is_empty(), db.in_transaction()) {
                (true, false) => "kg> ",
                (true, true) if db.transaction_failed() => "kg (tx failed)> ",
                (true, true) => "kg (tx)> ",
                (false, _) => "  ...> ",
            };
            if let Some(h) = editor.helper_mut().filter(|_| self.piped.is_none()) {
                *h.pending.borrow_mut() = buffer.clone();
            }
            match self.read_line(editor, prompt) {
                Ok(line) => {
                    lines += 1;
                    if buffer.trim().is_empty() {
                        first_line = lines;
                    }
                    if buffer.is_empty() && line.trim_start().starts_with(':') {
                        self.remember(editor, line.trim());
                        match commands::parse(&line) {
                            Ok(Command::Quit) => break,
                            Ok(command) => self.command(command, editor),
                            Err(e) => eprintln!("{}", e.0),
                        }
                        continue;
                    }
                    buffer.push_str(&line);
                    buffer.push('\n');
                    if buffer.len() > MAX_STATEMENT_BYTES {
                        let e = LineError::StatementTooLong { line: first_line };
                        return Err(Fatal::data(format!("shell input failed: {e}")));
                    }
                    // Only a line with a `;`, or a blank one, can end the input; scanning
                    // on the others would rescan a long statement on every line.
                    let blank = line.trim().is_empty();
                    if !(blank || line.contains(';')) {
                        continue;
                    }
                    let scan = kg::syntax::split_statements(&buffer);
                    // A comment after the last `;` is no statement left to type.
                    let ended = !scan.open
                        && kg::syntax::is_blank(&buffer[scan.rest..])
                        && !scan.complete.is_empty();
                    let blank_line_ends = blank && !scan.open && !buffer.trim().is_empty();
                    if ended || blank_line_ends {
                        let text = std::mem::take(&mut buffer);
                        self.remember(editor, text.trim_end());
                        self.run_text(&text, editor);
                    }
                }
                Err(ReadlineError::Interrupted) => buffer.clear(),
                Err(ReadlineError::Eof) => {
                    if buffer.trim().is_empty() {
                        break;
                    }
                    let text = std::mem::take(&mut buffer);
                    self.run_text(&text, editor);
                }
                Err(e) => return Err(Fatal::data(format!("shell input failed: {e}"))),
            }
        }
        Ok(Status::Success)
    }

    fn remember(&self, editor: &mut ShellEditor, entry: &str) {
        let _ = editor.add_history_entry(entry);
        if let Some(path) = &self.history {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            // Saved after every entry, so history survives a crash or a killed terminal.
            let _ = editor.save_history(path);
        }
    }

    fn run_text(&mut self, text: &str, editor: &mut ShellEditor) {
        if let Some(rest) = self.runner.run_complete(text, 0, "input") {
            self.runner.run_one(text, rest, text.len(), "input");
        }
        if let Some(h) = editor.helper_mut() {
            h.vocabulary = vocabulary(self.runner.session);
        }
    }

    fn command(&mut self, command: Command, editor: &mut ShellEditor) {
        let db = &mut self.runner.session.db;
        match command {
            Command::Quit => {}
            Command::Help(topic) => print!("{}", commands::help(topic.as_deref())),
            Command::Schema => {
                let schema = db.schema();
                let mut out = std::io::stdout().lock();
                for result in schema.as_results() {
                    let _ = write_result(&mut out, &result, self.runner.format, Layout::default());
                }
            }
            Command::Format(f) => self.runner.format = f,
            Command::MaxRows(n) => self.max_rows = n,
            Command::Timing(on) => self.runner.timing = on,
            Command::Timeout(timeout) => {
                let db = &mut self.runner.session.db;
                db.set_limits(kg::limits::Limits {
                    timeout,
                    ..db.limits()
                });
            }
            Command::MaxMemory(bytes) => {
                let db = &mut self.runner.session.db;
                db.set_limits(kg::limits::Limits {
                    max_memory: Some(bytes),
                    ..db.limits()
                });
            }
            Command::Limits => println!("{}", super::limits_text(self.runner.session.db.limits())),
            Command::AsOf(_, true) => match self.runner.session.db.as_of() {
                Some(d) => println!("every MATCH without AS OF sees the graph as of {d}"),
                None => println!("MATCH sees every node and relationship (:as-of DATE to change)"),
            },
            Command::AsOf(date, false) => self.runner.session.db.set_as_of(date),
            Command::Param { name, expression } => {
                let session = &mut *self.runner.session;
                match session.db.evaluate(&expression, &session.params) {
                    Ok(value) => {
                        session.params.insert(name, value);
                    }
                    Err(kg::db::ValueError::NotOneExpression) => {
                        eprintln!("{expression}: {}", super::params::NOT_ONE);
                    }
                    Err(kg::db::ValueError::Failed { error, query }) => {
                        eprint!(
                            "{}",
                            super::script::describe_error(&error, (&query, 1), 0, "param", None)
                        );
                        if let Some(word) = super::params::bare_word(&expression) {
                            eprintln!(
                                "hint: text needs quotes: :param {} => {}",
                                super::params::written(&name),
                                kg::syntax::string_literal(word)
                            );
                        }
                    }
                }
            }
            Command::Params => {
                for (name, value) in &self.runner.session.params {
                    println!(
                        ":param {} => {}",
                        super::params::written(name),
                        kg::format::value_text(value, &kg::QueryResult::default())
                    );
                }
            }
            Command::ParamsClear => self.runner.session.params.clear(),
            Command::Source(path) => {
                let read = std::fs::File::open(&path)
                    .map_err(kg::import::LineError::Io)
                    .and_then(|file| {
                        let origin = path.display().to_string();
                        self.runner
                            .run_lines(std::io::BufReader::new(file), &origin)
                    });
                if let Err(e) = read {
                    eprintln!("cannot read {}: {e}", path.display());
                }
            }
            Command::Export {
                format,
                file,
                statement,
            } => self.export(&format, &file, statement.as_deref()),
            Command::Begin => {
                self.runner.meta(":begin");
            }
            Command::Commit => {
                self.runner.meta(":commit");
            }
            Command::Rollback => {
                self.runner.meta(":rollback");
            }
            // The same as the keywords: `EXPLAIN` shows the plan, `PROFILE` runs the
            // statement and shows what each operator did.
            Command::Explain(statement) => self.run_text(&format!("EXPLAIN {statement}"), editor),
            Command::Profile(statement) => {
                let timing = std::mem::replace(&mut self.runner.timing, true);
                self.run_text(&format!("PROFILE {statement}"), editor);
                self.runner.timing = timing;
            }
            Command::Clear => {
                print!("\x1b[2J\x1b[H");
            }
            Command::History(n) => {
                let history = editor.history();
                let skip = history.len().saturating_sub(n);
                for (i, entry) in history.iter().enumerate().skip(skip) {
                    println!("{:>5}  {}", i + 1, entry.replace('\n', "\n       "));
                }
            }
            Command::Output(None) => match self.runner.output.take() {
                Some(output) => eprintln!(
                    "results go to the screen again ({} closed)",
                    output.path.display()
                ),
                None => eprintln!("results already go to the screen"),
            },
            Command::Output(Some((path, format))) => self.output_to(&path, format),
            Command::OutputStatus => match &self.runner.output {
                Some(output) => eprintln!(
                    "results go to {} as {}",
                    output.path.display(),
                    format_name(output.format)
                ),
                None => eprintln!("results go to the screen"),
            },
            Command::Save(path, format) => self.save(&path, format),
            Command::Why => match &self.runner.last {
                Some(last) => print!(
                    "{}",
                    super::why::sources_text(last, &self.runner.session.db)
                ),
                None => println!("no result yet: :why explains the last one"),
            },
            Command::Connect(a, b) => {
                let limits = kg::why::Limits {
                    as_of: self.runner.session.db.as_of(),
                    ..kg::why::Limits::default()
                };
                match super::why::find(&self.runner.session.db, &a, &b, limits) {
                    Ok(found) => print!("{}", super::why::text(&found, limits)),
                    Err(e) => eprintln!("error: {e}"),
                }
            }
        }
        let _ = std::io::stdout().flush();
        if let Some(h) = editor.helper_mut() {
            h.vocabulary = vocabulary(self.runner.session);
        }
    }
}
