//! The shell's `:` commands: parsing and help.

use kg::format::OutputFormat;
use std::path::PathBuf;

/// A parsed `:` command.
#[derive(Debug, PartialEq)]
pub enum Command {
    Help(Option<String>),
    Quit,
    Schema,
    Format(OutputFormat),
    MaxRows(usize),
    Timing(bool),
    /// A statement's time limit (`None`: no limit), or `Limits` to show the limits.
    Timeout(Option<std::time::Duration>),
    /// `:as-of DATE|off`; the flag is set when there was no argument (show the date).
    AsOf(Option<chrono::NaiveDate>, bool),
    MaxMemory(u64),
    Limits,
    Param {
        name: String,
        expression: String,
    },
    Params,
    ParamsClear,
    Source(PathBuf),
    Export {
        format: String,
        file: PathBuf,
        statement: Option<String>,
    },
    Begin,
    Commit,
    Rollback,
    Explain(String),
    Profile(String),
    Clear,
    /// The last N lines of the history.
    History(usize),
    /// Results go to a file from now on (`None`: back to the screen).
    Output(Option<(PathBuf, OutputFormat)>),
    /// Where results go now.
    OutputStatus,
    /// The last result, into a file.
    Save(PathBuf, OutputFormat),
    Why,
    Connect(String, String),
}

/// Every command, with its arguments and what it does: the help text and the completion list.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (
        ":help",
        "[topic]",
        "show help; topics: commands, language, subqueries, functions [WORD], procedures, formats, keys",
    ),
    (
        ":quit",
        "",
        "leave the shell (also Ctrl-D on an empty line)",
    ),
    (
        ":schema",
        "",
        "labels, relationship types and property keys with counts",
    ),
    (
        ":format",
        "table|vertical|json|jsonl|csv|markdown",
        "how results are printed",
    ),
    (
        ":max-rows",
        "N",
        "print at most N rows of a result (default 1000)",
    ),
    (":timing", "on|off", "show how long each statement took"),
    (
        ":timeout",
        "DURATION|off",
        "stop statements that run longer (2s, 500ms, 1m); no argument shows the limits",
    ),
    (
        ":max-memory",
        "SIZE",
        "stop statements that build more than SIZE (512M, 2G); no argument shows the limits",
    ),
    (
        ":as-of",
        "DATE|off",
        "every MATCH without its own AS OF sees what is valid at DATE (YYYY-MM-DD); no argument shows it",
    ),
    (
        ":param",
        "name => expression",
        "set the parameter $name (e.g. :param who => 'OpenAI')",
    ),
    (
        ":params",
        "[clear]",
        "list the parameters, or forget them all",
    ),
    (
        ":source",
        "FILE",
        "run a script file as kg run does (:begin/:commit/:rollback lines too)",
    ),
    (
        ":export",
        "FORMAT FILE [statement]",
        "write a statement's subgraph (or the last result's) to FILE",
    ),
    (
        ":begin",
        "",
        "start a transaction: statements until :commit apply together",
    ),
    (
        ":commit",
        "",
        "commit the open transaction (one in which a statement failed is rolled back)",
    ),
    (":rollback", "", "undo everything since :begin"),
    (
        ":explain",
        "statement",
        "show the plan of a statement without running it",
    ),
    (
        ":profile",
        "statement",
        "run a statement and show its plan with the time it took",
    ),
    (":clear", "", "clear the screen"),
    (
        ":history",
        "[N]",
        "the last N statements and commands typed (default 20)",
    ),
    (
        ":output",
        "FILE [FORMAT] | off",
        "write the results that follow to FILE instead of the screen (format from the name, e.g. .csv)",
    ),
    (
        ":save",
        "FILE [FORMAT]",
        "write the last result to FILE (format from the name: .json, .jsonl, .csv, .md, else table)",
    ),
    (
        ":why",
        "",
        "the sources behind each node and relationship of the last result, with the passages quoted",
    ),
    (
        ":connect",
        "'NAME' 'NAME'",
        "why two entities (names or aliases) are connected: the 3 best connections within 4 hops",
    ),
];

/// Why a command line could not be understood.
#[derive(Debug, PartialEq)]
pub struct CommandError(pub String);

/// Words, or quoted ('...' or "...") texts that may hold spaces.
fn names(arg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = arg.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut word = String::new();
        if c == '\'' || c == '"' {
            for d in chars.by_ref() {
                if d == c {
                    break;
                }
                word.push(d);
            }
        } else {
            word.push(c);
            while let Some(d) = chars.next_if(|d| !d.is_whitespace()) {
                word.push(d);
            }
        }
        out.push(word);
    }
    out
}

fn required<'a>(arg: &'a str, usage: &str) -> Result<&'a str, CommandError> {
    if arg.is_empty() {
        Err(CommandError(format!("usage: {usage}")))
    } else {
        Ok(arg)
    }
}

/// `FILE [FORMAT]`: the format given, or the one the file's name ends with (table else).
fn file_and_format(arg: &str, usage: &str) -> Result<(PathBuf, OutputFormat), CommandError> {
    let mut parts = arg.split_whitespace();
    let file = PathBuf::from(parts.next().unwrap_or_default());
    let format = match (parts.next(), parts.next()) {
        (None, _) => {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            match ext.to_ascii_lowercase().as_str() {
                "ndjson" => OutputFormat::Jsonl,
                "txt" => OutputFormat::Table,
                ext => OutputFormat::parse(ext).unwrap_or(OutputFormat::Table),
            }
        }
        (Some(name), None) => OutputFormat::parse(name).ok_or_else(|| {
            CommandError(format!(
                "unknown format '{name}'; one of {}",
                OutputFormat::NAMES.join(", ")
            ))
        })?,
        (Some(_), Some(_)) => return Err(CommandError(format!("usage: {usage}"))),
    };
    Ok((file, format))
}

pub fn parse(line: &str) -> Result<Command, CommandError> {
    let line = line.trim().trim_end_matches(';').trim_end();
    let (name, arg) = match line.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (line, ""),
    };
    Ok(match name {
        ":help" | ":h" | ":?" => Command::Help((!arg.is_empty()).then(|| arg.to_lowercase())),
        ":quit" | ":q" | ":exit" => Command::Quit,
        ":schema" => Command::Schema,
        ":format" => {
            let f = required(arg, ":format table|vertical|json|jsonl|csv|markdown")?;
            Command::Format(OutputFormat::parse(f).ok_or_else(|| {
                CommandError(format!(
                    "unknown format '{f}'; one of {}",
                    OutputFormat::NAMES.join(", ")
                ))
            })?)
        }
        ":max-rows" => {
            let n = required(arg, ":max-rows N")?;
            Command::MaxRows(
                n.parse()
                    .map_err(|_| CommandError(format!("'{n}' is not a number of rows")))?,
            )
        }
        ":timing" => match arg {
            "on" => Command::Timing(true),
            "off" => Command::Timing(false),
            _ => return Err(CommandError("usage: :timing on|off".into())),
        },
        ":timeout" | ":max-memory" if arg.is_empty() => Command::Limits,
        ":timeout" if arg.eq_ignore_ascii_case("off") => Command::Timeout(None),
        ":timeout" => {
            Command::Timeout(Some(kg::limits::parse_duration(arg).map_err(CommandError)?))
        }
        ":max-memory" => Command::MaxMemory(kg::limits::parse_size(arg).map_err(CommandError)?),
        ":as-of" if arg.is_empty() => Command::AsOf(None, true),
        ":as-of" if arg.eq_ignore_ascii_case("off") => Command::AsOf(None, false),
        ":as-of" => Command::AsOf(
            Some(kg::functions::parse_as_of(arg).map_err(CommandError)?),
            false,
        ),
        ":param" => {
            let (name, expression) = arg
                .split_once("=>")
                .ok_or_else(|| CommandError("usage: :param name => expression".into()))?;
            if name.trim().is_empty() || expression.trim().is_empty() {
                return Err(CommandError("usage: :param name => expression".into()));
            }
            let name = kg::syntax::parameter_name(name).ok_or_else(|| {
                CommandError(format!(
                    "'{}' is not a parameter name (a name such as limit, or `a name` in backticks)",
                    name.trim()
                ))
            })?;
            Command::Param {
                name,
                expression: expression.trim().to_string(),
            }
        }
        ":params" => match arg {
            "" => Command::Params,
            "clear" => Command::ParamsClear,
            _ => return Err(CommandError("usage: :params [clear]".into())),
        },
        ":source" => Command::Source(PathBuf::from(required(arg, ":source FILE")?)),
        ":export" => {
            let usage = ":export FORMAT FILE [statement]";
            let mut parts = required(arg, usage)?.splitn(3, char::is_whitespace);
            let format = parts.next().unwrap_or_default().to_string();
            let file = parts
                .next()
                .filter(|f| !f.is_empty())
                .ok_or_else(|| CommandError(format!("usage: {usage}")))?;
            let statement = parts
                .next()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from);
            Command::Export {
                format,
                file: PathBuf::from(file),
                statement,
            }
        }
        ":begin" => Command::Begin,
        ":commit" => Command::Commit,
        ":rollback" => Command::Rollback,
        ":explain" => Command::Explain(required(arg, ":explain statement")?.to_string()),
        ":profile" => Command::Profile(required(arg, ":profile statement")?.to_string()),
        ":clear" => Command::Clear,
        ":history" => Command::History(match arg {
            "" => 20,
            n => n
                .parse()
                .map_err(|_| CommandError(format!("'{n}' is not a number of lines")))?,
        }),
        ":output" => match arg {
            "" => Command::OutputStatus,
            "off" => Command::Output(None),
            _ => Command::Output(Some(file_and_format(arg, ":output FILE [FORMAT] | off")?)),
        },
        ":save" => {
            let (file, format) =
                file_and_format(required(arg, ":save FILE [FORMAT]")?, ":save FILE [FORMAT]")?;
            Command::Save(file, format)
        }
        ":why" => Command::Why,
        ":connect" => match names(arg).as_slice() {
            [a, b] => Command::Connect(a.clone(), b.clone()),
            _ => {
                return Err(CommandError(
                    "usage: :connect 'NAME' 'NAME' (quote names that hold spaces)".into(),
                ));
            }
        },
        other => {
            let names = COMMANDS.iter().map(|(n, _, _)| *n);
            let hint = match kg::syntax::closest(other, names) {
                Some(c) => format!("; did you mean {c}?"),
                None => "; :help lists the commands".to_string(),
            };
            return Err(CommandError(format!("unknown command {other}{hint}")));
        }
    })
}

/// Every function's signature and what it does, by category; with a word, only the functions
/// whose name contains it (`:help functions trim`).
fn function_help(filter: Option<&str>) -> String {
    let filter = filter.map(str::to_lowercase);
    let mut out = String::new();
    for category in kg::functions::Category::ALL {
        let rows: Vec<_> = kg::functions::all()
            .iter()
            .filter(|f| f.category == category)
            .filter(|f| {
                filter
                    .as_deref()
                    .is_none_or(|w| f.name.to_lowercase().contains(w))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!("Functions: {}\n", category.title()));
        for f in rows {
            out.push_str(&format!("  {}\n      {}\n", f.signature(), f.description));
        }
    }
    if out.is_empty() {
        out = format!(
            "no function's name contains '{}'\n",
            filter.unwrap_or_default()
        );
    } else if filter.is_none() {
        out.push_str("(:help functions WORD shows only the functions whose name contains WORD)\n");
    }
    out
}

/// Every built-in procedure's signature and what it does, with how CALL is written.
fn procedure_help() -> String {
    let mut out = String::from(
        "Procedures, called with CALL name(args) [YIELD column [AS name], ... [WHERE ...]]:
",
    );
    for p in kg::functions::procedures::builtins() {
        out.push_str(&format!(
            "  {}
      {}
",
            p.signature(),
            p.description
        ));
    }
    out.push_str(
        "Alone, CALL db.labels() returns every column (YIELD * too); inside a query YIELD names\n\
         the columns it binds: CALL db.labels() YIELD label WHERE label STARTS WITH 'P' RETURN label;\n\
         SHOW PROCEDURES and SHOW FUNCTIONS list name, signature and description as rows.\n",
    );
    out
}

pub fn help(topic: Option<&str>) -> String {
    match topic {
        None | Some("commands") => {
            let mut out = String::from(
                "Type statements in kg's query language, following openCypher, ending with ';'\n\
                 (or press Enter on an empty line). Commands:\n",
            );
            for (name, args, what) in COMMANDS {
                let usage = format!("{name} {args}");
                out.push_str(&format!("  {usage:<34} {what}\n"));
            }
            out.push_str("More: :help language, :help subqueries, :help functions, :help procedures, :help formats, :help keys\n");
            out
        }
        Some("language") => "Clauses: MATCH, OPTIONAL MATCH, WHERE, WITH, RETURN, UNWIND, ORDER BY, SKIP,\n\
             LIMIT, DISTINCT, CREATE, MERGE (ON CREATE/ON MATCH SET), SET, REMOVE, DELETE,\n\
             DETACH DELETE, FOREACH, UNION [ALL], EXPLAIN; BEGIN/COMMIT/ROLLBACK.\n\
             LOAD CSV [WITH HEADERS] FROM 'file:///people.csv' AS row [FIELDTERMINATOR ';']\n\
             reads a local file a record at a time: row is a list of strings, or a map by the\n\
             header's names (linenumber() and file() say where it is).\n\
             Patterns: (n:Label {key: value})-[r:TYPE|OTHER*1..3]->(m), p = shortestPath((a)-[*]-(b)).\n\
             CALL db.labels() runs a procedure (:help procedures); CALL { ... }, EXISTS { ... },\n\
             COUNT { ... } and COLLECT { ... } are subqueries (:help subqueries).\n\
             kg extensions: MATCH pattern AS OF date (only what is valid then; :as-of sets a\n\
             default); CITE source [QUOTE 'text'], ... FOR entity, ... (attach :Source nodes;\n\
             read them with sources(x) and citations(x); UNCITE source FOR entity removes them);\n\
             validAt(x, date).\n\
             Example: MATCH (p:Person)-[w:WORKS_AT]->(c:Company) RETURN p.name, w.role, c.name;\n"
            .to_string(),
        Some("subqueries") => "Subqueries:\n\
             \x20 EXISTS { (p)-[:KNOWS]->() }                true when the pattern (or a MATCH ... query) has a match\n\
             \x20 COUNT { (p)-[:KNOWS]->() }                 how many matches (or rows of a MATCH ... RETURN query)\n\
             \x20 COLLECT { MATCH (p)-->(x) RETURN x.name }  the one column a query returns, as a list\n\
             They see every variable of the query around them.\n\
             CALL { WITH p MATCH (p)-->(x) RETURN count(x) AS n } runs a query for each row: a leading\n\
             WITH imports variables (or CALL (p) { ... }, CALL (*) { ... }); what it returns joins the row;\n\
             one that returns nothing (CALL { WITH row CREATE (:N {v: row}) }) keeps the rows as they are;\n\
             parts joined by UNION inside return the same columns, processed together after it;\n\
             OPTIONAL CALL keeps a row it gives no rows for, the new variables null.\n\
             CALL { ... } IN TRANSACTIONS [OF 1000 ROWS] commits after every batch of rows: a failure\n\
             keeps the batches committed before it (not inside BEGIN ... COMMIT).\n\
             Example: MATCH (c:Company) RETURN c.name, COUNT { (c)<-[:WORKS_AT]-() } AS staff;\n"
            .to_string(),
        Some("procedures") => procedure_help(),
        Some("functions") => function_help(None),
        Some(topic) if topic.starts_with("functions ") => {
            function_help(Some(topic["functions ".len()..].trim()))
        }
        Some("formats") => format!(
            "Result formats (:format NAME): {}.\nTables shrink long values to fit the terminal; \
             wide results switch to vertical.\n",
            OutputFormat::NAMES.join(", ")
        ),
        Some("keys") => "Keys: Tab completes keywords, functions, procedures (after CALL), labels (after ':'), property keys\n\
             (after '.'), parameters (after '$') and variables; Ctrl-R searches history;\n\
             Ctrl-C clears the input or stops a running statement; Ctrl-D on an empty line quits.\n"
            .to_string(),
        Some(other) => format!("no help on '{other}'; topics: commands, language, subqueries, functions, procedures, formats, keys\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands_and_suggests_for_typos() {
        assert_eq!(
            parse(":format json"),
            Ok(Command::Format(OutputFormat::Json))
        );
        assert_eq!(
            parse(":param who => 'OpenAI'"),
            Ok(Command::Param {
                name: "who".into(),
                expression: "'OpenAI'".into()
            })
        );
        assert_eq!(
            parse(":export json out.json MATCH (n) RETURN n"),
            Ok(Command::Export {
                format: "json".into(),
                file: PathBuf::from("out.json"),
                statement: Some("MATCH (n) RETURN n".into())
            })
        );
        assert_eq!(
            parse(":output out.csv"),
            Ok(Command::Output(Some((
                PathBuf::from("out.csv"),
                OutputFormat::Csv
            ))))
        );
        assert_eq!(
            parse(":save rows.txt json"),
            Ok(Command::Save(PathBuf::from("rows.txt"), OutputFormat::Json))
        );
        assert_eq!(parse(":output off"), Ok(Command::Output(None)));
        assert_eq!(parse(":history 5"), Ok(Command::History(5)));
        assert!(parse(":save").is_err());
        assert!(parse(":output x.csv nope").is_err());
        let err = parse(":shcema").unwrap_err();
        assert!(err.0.contains("did you mean :schema?"), "{}", err.0);
        assert!(parse(":max-rows lots").is_err());
    }

    #[test]
    fn function_help_shows_signatures_and_filters_by_name() {
        let all = help(Some("functions"));
        assert!(
            all.contains(
                "round(value :: INTEGER | FLOAT[, precision :: INTEGER[, mode :: STRING]]) :: FLOAT"
            ),
            "{all}"
        );
        assert!(all.contains("Functions: aggregating"), "{all}");
        let some = help(Some("functions trim"));
        assert!(
            some.contains("btrim(") && !some.contains("round("),
            "{some}"
        );
        assert!(help(Some("functions zzz")).starts_with("no function"));
    }

    #[test]
    fn procedure_and_subquery_help_show_signatures_and_forms() {
        let procedures = help(Some("procedures"));
        assert!(
            procedures.contains("db.labels() :: (label :: STRING)"),
            "{procedures}"
        );
        assert!(procedures.contains("db.schema.nodeTypeProperties()"));
        let subqueries = help(Some("subqueries"));
        for form in ["COUNT {", "COLLECT {", "CALL (p) {", "IN TRANSACTIONS"] {
            assert!(subqueries.contains(form), "{form}: {subqueries}");
        }
    }
}
