//! Scripts in the query language (`.cypher`, `.cql`): read line by line and run one
//! statement at a time as soon as it is complete, so memory holds one statement, not the
//! file. A failing statement leaves the graph as it was (statements are atomic); whether it
//! stops the import is the builder's decision. BEGIN, COMMIT and ROLLBACK are refused: the
//! whole import is one transaction.

use super::builder::{Builder, Target};
use super::error::{ImportError, Location, RowError};
use super::progress::Meter;
use crate::db::Error;
use crate::db::{Database, Params};
use crate::syntax::ast::{Span, Statement, StatementKind};
use crate::syntax::{MAX_STATEMENT_BYTES, parse_script, split_statements};
use crate::text::{LineError, LineReader};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// The database statements run on: the target's own, or (for a fresh graph) one made for
/// the length of the script.
struct Session {
    own: Option<Database>,
}

impl Session {
    fn open(builder: &mut Builder) -> Self {
        let own = match &mut builder.target {
            Target::Fresh(graph) => Some(Database::with_graph(std::mem::take(&mut **graph), None)),
            Target::Db(_) => None,
        };
        Session { own }
    }

    fn run(&mut self, builder: &mut Builder, statements: &[Statement]) -> Result<(), Error> {
        let params = Params::new();
        let db = match (&mut self.own, &mut builder.target) {
            (Some(db), _) => db,
            (None, Target::Db(db)) => &mut **db,
            (None, Target::Fresh(_)) => {
                return Err(Error::Data("the script lost its graph".into()));
            }
        };
        for statement in statements {
            db.run_statement(statement, &params)?;
        }
        Ok(())
    }

    /// Hands a fresh graph back to the builder, whatever happened.
    fn close(self, builder: &mut Builder) {
        if let (Some(db), Target::Fresh(graph)) = (self.own, &mut builder.target) {
            **graph = db.into_graph();
        }
    }
}

/// Reading state: `buffer` starts at the beginning of line `line_base + 1` of the file.
struct Reader<'p> {
    path: &'p Path,
    session: Session,
    buffer: String,
    line_base: u64,
    /// Where in `buffer` the next statement starts.
    from: usize,
}

impl Reader<'_> {
    fn run_statement(
        &mut self,
        builder: &mut Builder,
        start: usize,
        end: usize,
    ) -> Result<(), ImportError> {
        let text = &self.buffer[start..end];
        let script = match parse_script(text) {
            Ok(script) => script,
            Err(e) => return self.fail(builder, &e.into(), start, end),
        };
        // The import is the transaction: a script's COMMIT would make what came before it
        // permanent even if a later file fails, and its ROLLBACK would undo other files too.
        if let Some((statement, span)) = script.statements.iter().find_map(transaction_control) {
            let (line, column) = crate::error::line_col(&self.buffer, start + span.start);
            return Err(ImportError::TransactionControl {
                location: Location {
                    column: Some(column as u64),
                    ..Location::line(self.path, self.line_base + line as u64)
                },
                statement,
            });
        }
        if let Err(e) = self.session.run(builder, &script.statements) {
            return self.fail(builder, &e, start, end);
        }
        builder.report.statements += script.statements.len();
        Ok(())
    }

    fn fail(
        &self,
        builder: &mut Builder,
        e: &Error,
        start: usize,
        end: usize,
    ) -> Result<(), ImportError> {
        let origin = self.path.display().to_string();
        let (offset, message, rendered) = match e {
            Error::Query(q) => {
                let mut q = q.clone();
                let span = q.span.unwrap_or(Span::new(0, 0));
                q.span = Some(Span::new(span.start + start, span.end + start));
                let first_line = self.line_base as usize + 1;
                let rendered =
                    crate::error::render_from(&q, &self.buffer, first_line, Some(&origin));
                (
                    span.start + start,
                    format!("{} ({}.{})", q.message, q.class, q.detail),
                    rendered,
                )
            }
            other => (start, other.to_string(), format!("{origin}: {other}\n")),
        };
        if !builder.skip_bad {
            return Err(ImportError::Statement {
                rendered: format!("statement failed:\n{rendered}"),
            });
        }
        let (line, column) = crate::error::line_col(&self.buffer, offset);
        let location = Location {
            column: Some(column as u64),
            ..Location::line(self.path, self.line_base + line as u64)
        };
        builder.reject(
            location,
            RowError::Statement(message),
            &self.buffer[start..end],
        )
    }

    /// Runs every complete statement from `from` on, then drops the lines before the rest.
    fn run_complete(&mut self, builder: &mut Builder) -> Result<(), ImportError> {
        let scan = split_statements(&self.buffer[self.from..]);
        for (s, e) in scan.complete {
            self.run_statement(builder, self.from + s, self.from + e)?;
        }
        let rest = self.from + scan.rest;
        match self.buffer[..rest].rfind('\n') {
            Some(nl) => {
                self.line_base += self.buffer[..=nl].matches('\n').count() as u64;
                self.buffer.drain(..=nl);
                self.from = rest - (nl + 1);
            }
            None => self.from = rest,
        }
        Ok(())
    }
}

/// The keyword of a BEGIN, COMMIT or ROLLBACK statement, and where it is.
fn transaction_control(statement: &Statement) -> Option<(&'static str, Span)> {
    let keyword = match statement.kind {
        StatementKind::Begin => "BEGIN",
        StatementKind::Commit => "COMMIT",
        StatementKind::Rollback => "ROLLBACK",
        StatementKind::Query(_)
        | StatementKind::Explain(_)
        | StatementKind::Profile(_)
        | StatementKind::Schema(_) => return None,
    };
    Some((keyword, statement.span))
}

pub fn load(path: &Path, builder: &mut Builder, progress: &Meter<'_>) -> Result<(), ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let mut reader = Reader {
        path,
        session: Session::open(builder),
        buffer: String::new(),
        line_base: 0,
        from: 0,
    };
    let outcome = read(
        &mut reader,
        LineReader::new(BufReader::with_capacity(1 << 16, file)),
        builder,
        progress,
    );
    reader.session.close(builder);
    outcome
}

fn read(
    reader: &mut Reader,
    mut input: LineReader<BufReader<File>>,
    builder: &mut Builder,
    progress: &Meter<'_>,
) -> Result<(), ImportError> {
    let path = reader.path;
    loop {
        let before = reader.buffer.len();
        let n = input
            .read_line(&mut reader.buffer)
            .map_err(|e| ImportError::line(path, e))?;
        if n == 0 {
            break;
        }
        progress.advance(n as u64);
        // Only a line with a `;` can complete a statement; skipping the others keeps a long
        // statement from being rescanned on every line.
        if reader.buffer[before..].contains(';') {
            reader.run_complete(builder)?;
        }
        if reader.buffer.len() - reader.from > MAX_STATEMENT_BYTES {
            let rest = &reader.buffer[reader.from..];
            let start = reader.buffer.len() - rest.trim_start().len();
            let line = reader.line_base + 1 + reader.buffer[..start].matches('\n').count() as u64;
            return Err(ImportError::line(
                path,
                LineError::StatementTooLong { line },
            ));
        }
    }
    reader.run_complete(builder)?;
    let rest = reader.from;
    if !reader.buffer[rest..].trim().is_empty() {
        let end = reader.buffer.len();
        reader.run_statement(builder, rest, end)?;
    }
    Ok(())
}
