//! Running statements from the command line or a file, one at a time, as each becomes
//! complete: so `kg run -` streams, and an error names the statement and its position.

use super::args::OutputArgs;
use super::{Fatal, Session, Status, print_out};
use kg::format::{Layout, OutputFormat, write_result};
use kg::import::{LineError, LineReader};
use kg::syntax::{MAX_STATEMENT_BYTES, is_blank, split_statements};
use kg::{Error, QueryResult};
use std::io::{BufRead, Write};
use std::path::Path;

/// Runs statements and reports on them; shared by `query`, `run` and the shell's `:source`.
pub struct Runner<'s> {
    pub session: &'s mut Session,
    pub format: OutputFormat,
    pub keep_going: bool,
    pub layout: Layout,
    /// Statements run so far (for "statement N" in messages).
    pub count: usize,
    pub failures: usize,
    /// Show each statement's elapsed time after its row count (the shell's `:timing`).
    pub timing: bool,
    /// The last result that had columns, for the shell's `:export`.
    pub last: Option<QueryResult>,
    /// Say "statement N failed" before an error (scripts; the shell shows the error alone).
    pub number_statements: bool,
    /// Lines of the input before the text being run: `run_lines` forgets the lines of the
    /// statements it has run, and error messages count from the file's first line.
    line_base: usize,
    noted_memory: bool,
    /// Rows could not be written (other than to a closed pipe): the run stops with exit 3.
    output_failed: bool,
    /// Where results go instead of the screen (the shell's `:output FILE`).
    pub output: Option<OutputFile>,
}

/// A file that results are written to, in a format of its own.
pub struct OutputFile {
    pub path: std::path::PathBuf,
    pub format: OutputFormat,
    file: std::io::BufWriter<std::fs::File>,
}

impl OutputFile {
    /// Creates (or empties) `path`.
    pub fn create(path: &Path, format: OutputFormat) -> std::io::Result<Self> {
        Ok(OutputFile {
            path: path.to_path_buf(),
            format,
            file: std::io::BufWriter::new(std::fs::File::create(path)?),
        })
    }

    /// Writes one result whole (no width or row limit) and flushes it.
    pub fn write(&mut self, result: &QueryResult) -> std::io::Result<()> {
        write_result(&mut self.file, result, self.format, Layout::default())?;
        self.file.flush()
    }
}

impl<'s> Runner<'s> {
    pub fn new(session: &'s mut Session, format: OutputFormat, keep_going: bool) -> Self {
        Runner {
            session,
            format,
            keep_going,
            layout: Layout::default(),
            count: 0,
            failures: 0,
            timing: false,
            last: None,
            number_statements: true,
            line_base: 0,
            noted_memory: false,
            output_failed: false,
            output: None,
        }
    }

    /// Runs the statements of `text` that are complete, from byte `from` on. Returns where the
    /// unfinished rest starts, or `None` if a statement failed and we must stop.
    pub fn run_complete(&mut self, text: &str, from: usize, origin: &str) -> Option<usize> {
        let scan = split_statements(&text[from..]);
        for (start, end) in scan.complete {
            if !self.run_one(text, from + start, from + end, origin) {
                return None;
            }
        }
        Some(from + scan.rest)
    }

    /// Runs the statement at `text[start..end]`; false if it failed and we should stop.
    pub fn run_one(&mut self, text: &str, start: usize, end: usize, origin: &str) -> bool {
        let statement = &text[start..end];
        if is_blank(statement) {
            return true;
        }
        self.count += 1;
        let started = std::time::Instant::now();
        let outcome = self.session.db.run(statement, &self.session.params);
        self.layout.elapsed = self.timing.then(|| started.elapsed());
        match outcome {
            Ok(results) => {
                for r in results {
                    self.show(&r);
                    if r.has_columns() {
                        self.last = Some(r);
                    }
                }
                // Notes (a misspelt label, say) go below the result they are about.
                self.print_notes();
                // Going on would run statements whose rows nobody can see.
                !self.output_failed
            }
            Err(e) => {
                self.print_notes();
                self.failures += 1;
                let mut err = std::io::stderr().lock();
                let _ = write!(
                    err,
                    "{}",
                    describe_error(
                        &e,
                        (text, self.line_base + 1),
                        start,
                        origin,
                        self.number_statements.then_some(self.count)
                    )
                );
                self.keep_going
            }
        }
    }

    /// Runs a meta-command (`:begin`, `:commit`, `:rollback`); false if it failed and we
    /// should stop.
    pub fn meta(&mut self, command: &str) -> bool {
        let db = &mut self.session.db;
        let (outcome, done) = match command {
            ":begin" => (db.begin().map_err(Error::from), "Transaction open"),
            ":commit" => (db.commit(), "Committed"),
            ":rollback" => (db.rollback().map_err(Error::from), "Rolled back"),
            other => {
                self.failures += 1;
                eprintln!("unknown command {other}; scripts know :begin, :commit and :rollback");
                return self.keep_going;
            }
        };
        self.print_notes();
        match outcome {
            Ok(()) => {
                if self.format == OutputFormat::Table {
                    eprintln!("{done}");
                }
                true
            }
            Err(e) => {
                self.failures += 1;
                eprintln!("{command} failed: {e}");
                self.keep_going
            }
        }
    }

    fn print_notes(&mut self) {
        for note in self.session.db.take_notes() {
            eprintln!("note: {note}");
        }
    }

    fn show(&mut self, result: &QueryResult) {
        if self.output_failed {
            return;
        }
        if let (Some(output), true) = (&mut self.output, result.has_columns()) {
            match output.write(result) {
                Ok(()) => {
                    let n = result.rows.len();
                    let noun = if n == 1 { "row" } else { "rows" };
                    eprintln!("wrote {n} {noun} to {}", output.path.display());
                }
                Err(e) => {
                    eprintln!(
                        "cannot write to {}: {e}; results go to the screen again",
                        output.path.display()
                    );
                    self.output = None;
                }
            }
        } else if let Err(fatal) =
            print_out(|out| write_result(out, result, self.format, self.layout))
        {
            eprintln!("kg: {}", fatal.message);
            self.output_failed = true;
        }
        if !result.stats.is_empty() {
            if self.format == OutputFormat::Table {
                eprintln!("{}", describe_stats(&result.stats));
            }
            if !self.session.persistent && !self.noted_memory {
                self.noted_memory = true;
                eprintln!(
                    "note: this graph is in memory; changes are lost when kg exits (use --db DIR to keep them)"
                );
            }
        }
    }

    pub fn status(&self) -> Status {
        if self.output_failed {
            Status::DataError
        } else if self.failures > 0 {
            Status::QueryError
        } else {
            Status::Success
        }
    }
}

/// "statement 3 failed" plus the caret display, positioned in the whole text; `source` is
/// that text and the number of its first line.
pub fn describe_error(
    e: &Error,
    (text, first_line): (&str, usize),
    offset: usize,
    origin: &str,
    number: Option<usize>,
) -> String {
    let heading = number
        .map(|n| format!("statement {n} failed:\n"))
        .unwrap_or_default();
    match e {
        Error::Query(q) => {
            let mut q = q.clone();
            if let Some(span) = &mut q.span {
                span.start += offset;
                span.end += offset;
            } else {
                q.span = Some(kg::syntax::ast::Span::new(offset, offset));
            }
            let rendered = kg::error::render_from(&q, text, first_line, Some(origin));
            format!("{heading}{rendered}")
        }
        other => format!("{heading}error: {other}\n"),
    }
}

pub fn describe_stats(s: &kg::exec::WriteStats) -> String {
    let parts = [
        (s.nodes_created, "node", "created"),
        (s.nodes_deleted, "node", "deleted"),
        (s.relationships_created, "relationship", "created"),
        (s.relationships_deleted, "relationship", "deleted"),
        (s.properties_set, "property", "set"),
        (s.labels_added, "label", "added"),
        (s.labels_removed, "label", "removed"),
        (s.indexes_added, "index", "added"),
        (s.indexes_removed, "index", "removed"),
        (s.constraints_added, "constraint", "added"),
        (s.constraints_removed, "constraint", "removed"),
        (s.citations_set, "entity", "cited"),
    ];
    let text: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, noun, verb)| {
            let noun = match (*n, *noun) {
                (1, noun) => noun.to_string(),
                (_, "property") => "properties".to_string(),
                (_, "index") => "indexes".to_string(),
                (_, "entity") => "entities".to_string(),
                (_, noun) => format!("{noun}s"),
            };
            format!("{verb} {n} {noun}")
        })
        .collect();
    let mut line = text.join(", ");
    if let Some(first) = line.get(..1) {
        line = first.to_uppercase() + &line[1..];
    }
    line
}

pub fn run_text(session: &mut Session, text: &str, origin: &str, output: &OutputArgs) -> Status {
    // Reading from memory cannot fail.
    run_stream(session, text.as_bytes(), origin, output).unwrap_or(Status::DataError)
}

pub fn run_file(session: &mut Session, file: &Path, output: &OutputArgs) -> Result<Status, Fatal> {
    if file.as_os_str() == "-" {
        return run_stream(session, std::io::stdin().lock(), "stdin", output);
    }
    let input = std::fs::File::open(file)
        .map_err(|e| Fatal::data(format!("cannot read {}: {e}", file.display())))?;
    run_stream(
        session,
        std::io::BufReader::new(input),
        &file.display().to_string(),
        output,
    )
}

fn run_stream(
    session: &mut Session,
    input: impl BufRead,
    origin: &str,
    output: &OutputArgs,
) -> Result<Status, Fatal> {
    let mut runner = Runner::new(session, output.format.output(), output.keep_going);
    runner
        .run_lines(input, origin)
        .map_err(|e| Fatal::data(format!("cannot read {origin}: {e}")))?;
    Ok(runner.status())
}

impl Runner<'_> {
    /// Reads line by line and runs each statement as soon as its `;` arrives, so that `kg run
    /// -` streams. A line starting with `:` between statements is a meta-command (`:begin`,
    /// `:commit`, `:rollback`). Used by `kg run` and the shell's `:source`. Memory holds the
    /// statement being read, never the whole input: the lines of statements already run are
    /// dropped, and a statement past `MAX_STATEMENT_BYTES` stops the reading.
    pub fn run_lines(&mut self, input: impl BufRead, origin: &str) -> Result<(), LineError> {
        self.line_base = 0;
        let outcome = self.stream(LineReader::new(input), origin);
        self.line_base = 0;
        outcome
    }

    fn stream(
        &mut self,
        mut input: LineReader<impl BufRead>,
        origin: &str,
    ) -> Result<(), LineError> {
        // From the start of line `self.line_base + 1`; `rest` is where the unfinished
        // statement starts.
        let mut text = String::new();
        let mut rest = 0;
        loop {
            let before = text.len();
            match input.read_line(&mut text) {
                Ok(0) => break,
                Ok(_) => {}
                // The text before the bad bytes is good: its complete statements run, then
                // the reading stops there.
                Err(e @ LineError::Utf8 { .. }) => {
                    return match self.run_complete(&text, rest, origin) {
                        Some(_) => Err(e),
                        None => Ok(()),
                    };
                }
                Err(e) => return Err(e),
            }
            let line = &text[before..];
            if line.trim_start().starts_with(':') && is_blank(&text[rest..before]) {
                let command = line.trim().to_string();
                // Blanked out rather than left out, so that positions in error messages still
                // point at the right line.
                let width = line.trim_end().len();
                text.replace_range(before..before + width, &" ".repeat(width));
                if !self.meta(&command) {
                    return Ok(());
                }
                continue;
            }
            // Only a line with a `;` can complete a statement; skipping the others keeps a
            // long statement from being rescanned on every line.
            if text[before..].contains(';') {
                match self.run_complete(&text, rest, origin) {
                    Some(r) => rest = r,
                    None => return Ok(()),
                }
            }
            if text.len() - rest > MAX_STATEMENT_BYTES {
                let start = text.len() - text[rest..].trim_start().len();
                let line = self.line_base + 1 + text[..start].matches('\n').count();
                return Err(LineError::StatementTooLong { line: line as u64 });
            }
            if let Some(nl) = text[..rest].rfind('\n') {
                self.line_base += text[..=nl].matches('\n').count();
                text.drain(..=nl);
                rest -= nl + 1;
            }
        }
        self.run_one(&text, rest, text.len(), origin);
        Ok(())
    }
}
