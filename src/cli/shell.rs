//! The interactive shell.

use super::script::Runner;
use super::{Fatal, Session, Status};
use kg::format::OutputFormat;
use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;

pub fn run(session: &mut Session) -> Result<Status, Fatal> {
    let mut editor =
        DefaultEditor::new().map_err(|e| Fatal::data(format!("cannot start the shell: {e}")))?;
    println!(
        "kg shell on {} ({} nodes, {} relationships){}. Statements end with ';'. :help for help, :quit to leave.",
        session.origin,
        session.db.node_count(),
        session.db.rel_count(),
        if session.read_only {
            "; read-only: writes are refused"
        } else if session.persistent {
            "; every committed statement is kept"
        } else {
            "; in memory: changes are lost on exit"
        },
    );
    let mut runner = Runner::new(session, OutputFormat::Table, true);
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { "kg> " } else { "  > " };
        match editor.readline(prompt) {
            Ok(line) => {
                if buffer.is_empty() && line.trim_start().starts_with(':') {
                    let _ = editor.add_history_entry(line.as_str());
                    match line.trim() {
                        ":quit" | ":exit" | ":q" => break,
                        ":help" => println!(
                            "Type statements ending with ';'. Commands: :begin, :commit, :rollback (group statements into one transaction), :help, :quit"
                        ),
                        cmd @ (":begin" | ":commit" | ":rollback") => {
                            runner.meta(cmd);
                        }
                        other => println!("unknown command {other}; try :help"),
                    }
                    continue;
                }
                buffer.push_str(&line);
                buffer.push('\n');
                let scan = kg::syntax::split_statements(&buffer);
                let complete = !scan.complete.is_empty()
                    && !scan.open
                    && buffer[scan.rest..].trim().is_empty();
                if complete || (line.trim().is_empty() && !scan.open && !buffer.trim().is_empty()) {
                    let _ = editor.add_history_entry(buffer.trim_end());
                    let text = std::mem::take(&mut buffer);
                    if let Some(rest) = runner.run_complete(&text, 0, "input") {
                        runner.run_one(&text, rest, text.len(), "input");
                    }
                }
            }
            Err(ReadlineError::Interrupted) => buffer.clear(),
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(Fatal::data(format!("shell input failed: {e}"))),
        }
    }
    Ok(Status::Success)
}
