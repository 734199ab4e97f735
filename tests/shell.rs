//! The interactive shell, driven through a pseudo-terminal as a user would drive it.

// A test session that fails to spawn or to see its prompt fails the test, with the message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use rexpect::session::{PtySession, spawn_command};
use std::path::Path;
use std::process::Command;

const TIMEOUT_MS: u64 = 20_000;

fn shell(history: &Path) -> PtySession {
    // Keys typed before the editor takes the terminal over would be read by the terminal's
    // own line editing; the tests wait for each prompt and echo before typing on.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.arg("--history")
        .arg(history)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("the shell starts");
    p.exp_string("kg shell on the embedded article graph")
        .expect("banner");
    p.exp_string("kg> ").expect("first prompt");
    p
}

/// Types `keys` without pressing Enter, after a pause. The editor reads its input in chunks
/// and starts afresh for each line, so keys sent faster than a person types could land while
/// it is between lines; the pause makes sure the prompt is really waiting.
fn type_keys(p: &mut PtySession, keys: &str) {
    std::thread::sleep(std::time::Duration::from_millis(150));
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// Types a line and presses Enter.
fn type_line(p: &mut PtySession, line: &str) {
    type_keys(p, &format!("{line}\r"));
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kg-shell-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn multi_line_statement_prints_a_table() {
    let dir = temp_dir("multiline");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, "MATCH (p:Person)");
    p.exp_string("...> ").expect("continuation prompt");
    type_line(&mut p, "RETURN p.name AS name");
    p.exp_string("...> ").expect("the statement is still open");
    type_line(&mut p, "ORDER BY name;");
    p.exp_string("| 'Denise Dresser' |").unwrap();
    p.exp_string("3 rows").unwrap();
    p.exp_string("kg> ").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn tab_completes_labels_and_property_keys() {
    let dir = temp_dir("complete");
    let mut p = shell(&dir.join("history"));
    type_keys(&mut p, "MATCH (c:Compa");
    p.exp_string("Compa").unwrap();
    type_keys(&mut p, "\t");
    p.exp_string("Company").expect("Tab completed the label");
    type_keys(&mut p, " {name: 'OpenAI'}) RETURN c.enterprise_customers_m");
    p.exp_string("customers_m").unwrap();
    type_keys(&mut p, "\t");
    p.exp_string("enterprise_customers_min")
        .expect("Tab completed the property key");
    type_keys(&mut p, " AS n;");
    p.exp_string("AS n;").unwrap();
    type_keys(&mut p, "\r");
    p.exp_string("| 200000 |")
        .expect("completed label and key found the value");
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn tab_completes_procedure_names_after_call() {
    let dir = temp_dir("complete-call");
    let mut p = shell(&dir.join("history"));
    type_keys(&mut p, "CALL db.lab");
    p.exp_string("db.lab").unwrap();
    type_keys(&mut p, "\t");
    p.exp_string("labels(")
        .expect("Tab completed the procedure");
    type_keys(&mut p, ");");
    p.exp_string(");").unwrap();
    type_keys(&mut p, "\r");
    p.exp_string("'WatchItem'").expect("the completed call ran");
    p.exp_string("14 rows").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn parameters_set_in_the_shell_are_used() {
    let dir = temp_dir("params");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, ":param who => 'Matt' + ' Garman'");
    p.exp_string("kg> ").unwrap();
    type_line(
        &mut p,
        "MATCH (p:Person {name: $who})-[w:WORKS_AT]->(c) RETURN w.role AS role, c.name AS company;",
    );
    p.exp_string("| 'CEO' | 'AWS'   |").unwrap();
    type_line(&mut p, ":params");
    p.exp_string(":param who => 'Matt Garman'").unwrap();
    // One expression only: a script after it is refused, not run.
    type_line(&mut p, ":param x => 1 AS value; CREATE (n:Evil) RETURN n");
    p.exp_string("expected a single value").unwrap();
    type_line(&mut p, "MATCH (n:Evil) RETURN count(n) AS evil;");
    p.exp_string("| 0    |").unwrap();
    type_line(&mut p, ":param `the year` => 2020 + 6");
    p.exp_string("kg> ").unwrap();
    type_line(&mut p, ":params");
    p.exp_string(":param `the year` => 2026").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn as_of_sets_the_date_every_match_sees() {
    let dir = temp_dir("as-of");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, ":as-of 2026-03-01");
    p.exp_string("kg> ").unwrap();
    type_line(&mut p, ":as-of");
    p.exp_string("as of 2026-03-01").unwrap();
    type_line(
        &mut p,
        "MATCH ({name: 'Microsoft'})-[d:DISTRIBUTES]->() RETURN collect(d.exclusive) AS excl;",
    );
    p.exp_string("| [true] |").unwrap();
    type_line(&mut p, ":as-of someday");
    p.exp_string("'someday' is not a date").unwrap();
    type_line(&mut p, ":as-of off");
    p.exp_string("kg> ").unwrap();
    type_line(
        &mut p,
        "MATCH ({name: 'Microsoft'})-[d:DISTRIBUTES]->() RETURN count(d) AS n;",
    );
    p.exp_string("| 2 |").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn why_lists_sources_and_connect_explains_a_connection() {
    let dir = temp_dir("why");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, ":why");
    p.exp_string("no result yet").unwrap();
    type_line(
        &mut p,
        "MATCH (:Person {name: 'Denise Dresser'})-[w:WORKS_AT]->(c) RETURN w;",
    );
    p.exp_string("1 row").unwrap();
    type_line(&mut p, ":why");
    p.exp_string("Denise Dresser -[WORKS_AT]-> OpenAI:")
        .unwrap();
    p.exp_string("  CNBC ").unwrap();
    p.exp_string("Denise Dresser, OpenAI").unwrap();
    p.exp_string("  Article").unwrap();
    type_line(&mut p, ":connect 'Gil Luria' Microsoft");
    p.exp_string("Gil Luria -[SAID | Business Standard, Article]->")
        .unwrap();
    type_line(&mut p, ":connect Gil");
    p.exp_string("usage: :connect").unwrap();
    // A misspelt label: the result, then the note below it.
    type_line(&mut p, "MATCH (a:Agreemnt) RETURN count(a) AS n;");
    p.exp_string("1 row").unwrap();
    p.exp_string("note: no label Agreemnt in the graph; did you mean Agreement?")
        .unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn ctrl_c_clears_a_half_typed_statement() {
    let dir = temp_dir("ctrlc");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, "MATCH (n:Nothing");
    p.exp_string("...> ").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("kg> ").expect("back to a fresh prompt");
    type_line(&mut p, "RETURN 40 + 2 AS answer;");
    p.exp_string("| 42     |")
        .expect("the cleared text did not stick to the next statement");
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn a_comment_after_the_last_semicolon_does_not_hold_the_statement_back() {
    let dir = temp_dir("comment");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, "RETURN 6 * 7 AS answer; // the answer (");
    p.exp_string("| 42     |")
        .expect("the statement ran without waiting for more input");
    p.exp_string("kg> ").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn syntax_errors_show_a_caret_and_the_shell_carries_on() {
    let dir = temp_dir("errors");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, "MATCH (c:Company) RETURN toLowr(c.name);");
    p.exp_string("did you mean toLower?").unwrap();
    p.exp_string("^^^^^^").unwrap();
    type_line(&mut p, ":shcema");
    p.exp_string("did you mean :schema?").unwrap();
    type_line(&mut p, "RETURN 'still here' AS status;");
    p.exp_string("'still here'").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn history_survives_a_restart() {
    let dir = temp_dir("history");
    let history = dir.join("history");
    let mut p = shell(&history);
    type_line(&mut p, "RETURN 'remembered' AS word;");
    p.exp_string("'remembered'").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();

    let mut p = shell(&history);
    // Up arrow twice (past `:quit`) recalls the statement typed in the earlier session.
    type_keys(&mut p, "\x1b[A");
    p.exp_string(":quit").unwrap();
    type_keys(&mut p, "\x1b[A");
    p.exp_string("remembered").unwrap();
    type_keys(&mut p, "\r");
    p.exp_string("| 'remembered' |").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn ctrl_c_stops_a_running_statement() {
    let dir = temp_dir("interrupt");
    let mut p = shell(&dir.join("history"));
    // 54^5 rows: minutes of work, unless interrupted.
    type_line(&mut p, "MATCH (a), (b), (c), (d), (e) RETURN count(*);");
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.send_control('c').unwrap();
    p.exp_string("interrupted").expect("the statement stopped");
    p.exp_string("kg> ").unwrap();
    type_line(&mut p, "RETURN 'alive' AS state;");
    p.exp_string("'alive'").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn timeout_and_max_memory_are_set_and_shown_in_the_shell() {
    let dir = temp_dir("limits");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, ":timeout 300ms");
    p.exp_string("kg> ").unwrap();
    type_line(
        &mut p,
        "RETURN reduce(s = 0, i IN range(1, 99999999) | s + i) AS n;",
    );
    p.exp_string("ran past the time limit of 300ms").unwrap();
    type_line(&mut p, ":max-memory 64M");
    p.exp_string("kg> ").unwrap();
    type_line(&mut p, ":timeout");
    p.exp_string("time limit per statement: 300ms").unwrap();
    p.exp_string("memory limit per statement: 64 MiB").unwrap();
    type_line(
        &mut p,
        "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n;",
    );
    p.exp_string("more memory than the limit of 64 MiB")
        .unwrap();
    type_line(&mut p, ":timeout off");
    p.exp_string("kg> ").unwrap();
    type_line(
        &mut p,
        "RETURN reduce(s = 0, i IN range(1, 1000) | s + i) AS n;",
    );
    p.exp_string("500500").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn export_writes_a_file_that_loads_back() {
    let dir = temp_dir("export");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, "MATCH (p:Person)-[w:WORKS_AT]->(c) RETURN p, w, c;");
    p.exp_string("3 rows").unwrap();
    let file = dir.join("people.json");
    type_line(&mut p, &format!(":export json {}", file.display()));
    p.exp_string("exported 9 nodes and 3 relationships")
        .unwrap();
    let cypher = dir.join("openai.cypher");
    type_line(
        &mut p,
        &format!(
            ":export cypher {} MATCH (c:Company {{name: 'OpenAI'}}) RETURN c",
            cypher.display()
        ),
    );
    // OpenAI and the article it cites.
    p.exp_string("exported 2 nodes and 0 relationships")
        .unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();

    // Both files load back into a fresh graph with what was exported.
    for (path, query, expected) in [
        (
            &file,
            "MATCH (p:Person)-[:WORKS_AT]->(c) RETURN count(*) AS n",
            "| 3 |",
        ),
        (
            &cypher,
            "MATCH (c:Company) RETURN c.name AS name",
            "| 'OpenAI' |",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_kg"))
            .args(["--data", path.to_str().unwrap(), "query", query])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains(expected),
            "{}: {stdout}{}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn ctrl_d_on_an_empty_line_leaves() {
    let dir = temp_dir("eof");
    let mut p = shell(&dir.join("history"));
    p.send_control('d').unwrap();
    p.exp_eof().expect("the shell exits on Ctrl-D");
}

#[test]
fn source_runs_a_script_with_transaction_lines_as_kg_run_does() {
    let dir = temp_dir("source");
    let script = dir.join("s.cypher");
    std::fs::write(
        &script,
        ":begin\nCREATE (:Sourced {n: 1});\n:rollback\nCREATE (:Sourced {n: 2});\n:begin\nCREATE (:Sourced {n: 3});\n:commit\n",
    )
    .unwrap();
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, &format!(":source {}", script.display()));
    p.exp_string("Committed").unwrap();
    p.exp_string("kg> ").unwrap();
    type_line(
        &mut p,
        "MATCH (s:Sourced) RETURN collect(s.n) AS kept, count(*) AS n;",
    );
    p.exp_string("| [2, 3] | 2 |").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn output_sends_results_to_a_file_and_save_writes_the_last_one() {
    let dir = temp_dir("output");
    let mut p = shell(&dir.join("history"));
    let csv = dir.join("rows.csv");
    type_line(&mut p, &format!(":output {}", csv.display()));
    p.exp_string("until :output off").unwrap();
    type_line(&mut p, "UNWIND [1, 2] AS n RETURN n, 'x' AS s;");
    p.exp_string("wrote 2 rows to")
        .expect("the rows went to the file");
    type_line(&mut p, ":output off");
    p.exp_string("results go to the screen again").unwrap();
    type_line(&mut p, "RETURN 42 AS answer;");
    p.exp_string("| 42     |")
        .expect("the screen gets results again");
    let json = dir.join("last.json");
    type_line(&mut p, &format!(":save {}", json.display()));
    p.exp_string("wrote 1 row to").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "n,s\n1,x\n2,x\n");
    assert_eq!(
        std::fs::read_to_string(&json).unwrap(),
        "[{\"answer\":42}]\n"
    );
}

#[test]
fn history_lists_what_was_typed() {
    let dir = temp_dir("history-list");
    let mut p = shell(&dir.join("history"));
    type_line(&mut p, "RETURN 1 AS one;");
    p.exp_string("1 row").unwrap();
    type_line(&mut p, "RETURN 2 AS two;");
    p.exp_string("1 row").unwrap();
    type_line(&mut p, ":history 2");
    p.exp_string("RETURN 2 AS two;")
        .expect("the last statement is listed");
    p.exp_string(":history 2").unwrap();
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
}

#[test]
fn output_and_save_do_not_write_over_the_store() {
    let dir = temp_dir("output-store");
    let store = dir.join("store");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.arg("--history")
        .arg(dir.join("history"))
        .arg("--db")
        .arg(&store)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("the shell starts");
    p.exp_string("kg> ").expect("first prompt");
    type_line(&mut p, "RETURN 1 AS one;");
    p.exp_string("1 row").unwrap();
    let wal = store.join("wal.kg");
    type_line(&mut p, &format!(":save {}", wal.display()));
    p.exp_string("writing it would destroy the store")
        .expect(":save refuses a store file");
    type_line(
        &mut p,
        &format!(":output {}", store.join("rows.csv").display()),
    );
    p.exp_string("kg keeps only its own files there")
        .expect(":output refuses a file inside the store");
    type_line(&mut p, "RETURN 2 AS two;");
    p.exp_string("| 2   |")
        .expect("results still go to the screen");
    type_line(&mut p, ":quit");
    p.exp_eof().unwrap();
    assert!(!store.join("rows.csv").exists());
}

/// The import's progress bar (drawn by the binary from the library's progress reports) shows
/// on a terminal, and never when stderr is not one.
#[test]
fn an_import_draws_its_progress_bar_only_on_a_terminal() {
    let dir = temp_dir("progress");
    let nodes = dir.join("nodes.csv");
    let mut text = String::from("id:ID,name,:LABEL\n");
    for i in 0..50_000 {
        text.push_str(&format!("p{i},Person {i},Person\n"));
    }
    std::fs::write(&nodes, text).unwrap();
    let statement = "MATCH (p:Person) RETURN count(p) AS people";
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.arg("--data")
        .arg(&nodes)
        .args(["query", statement])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("kg starts");
    p.exp_string("importing [").expect("the progress bar");
    p.exp_string("| 50000 ")
        .expect("the count after the import");
    p.exp_eof().unwrap();

    let piped = Command::new(env!("CARGO_BIN_EXE_kg"))
        .arg("--data")
        .arg(&nodes)
        .args(["query", statement])
        .output()
        .unwrap();
    assert!(piped.status.success());
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(!stderr.contains("importing ["), "{stderr}");
    assert!(String::from_utf8_lossy(&piped.stdout).contains("| 50000 "));
}
