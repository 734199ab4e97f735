//! Helpers shared by the data-driven tests: markdown tables of expected values, compared
//! with results rendered in the query language's value syntax.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use kg::QueryResult;
use kg::format::value_text;

/// A table as written in a test file: header and rows of cell texts.
#[derive(Debug, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    // Cells are split on `|` except where escaped as `\|`.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'|') {
            cur.push('|');
            chars.next();
        } else if c == '|' {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// Parses `| a | b |` lines (the `| --- |` separator is skipped).
pub fn parse_table<'a>(lines: impl IntoIterator<Item = &'a str>) -> Table {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in lines {
        let line = line.trim();
        if !line.starts_with('|') {
            continue;
        }
        let c = cells(line);
        if c.iter()
            .all(|x| !x.is_empty() && x.chars().all(|ch| ch == '-' || ch == ':'))
        {
            continue;
        }
        rows.push(c);
    }
    let header = if rows.is_empty() {
        Vec::new()
    } else {
        rows.remove(0)
    };
    Table { header, rows }
}

/// The result rendered as cell texts.
pub fn render(result: &QueryResult) -> Table {
    Table {
        header: result.columns.clone(),
        rows: result
            .rows
            .iter()
            .map(|r| r.iter().map(|v| value_text(v, result)).collect())
            .collect(),
    }
}

/// Compares in order, or as bags when `ordered` is false. Returns a readable difference.
pub fn compare(expected: &Table, actual: &Table, ordered: bool) -> Result<(), String> {
    if expected.header != actual.header {
        return Err(format!(
            "columns differ: expected {:?}, got {:?}",
            expected.header, actual.header
        ));
    }
    let (mut e, mut a) = (expected.rows.clone(), actual.rows.clone());
    if !ordered {
        e.sort();
        a.sort();
    }
    if e != a {
        return Err(format!(
            "rows differ:\nexpected {:#?}\ngot {:#?}",
            expected.rows, actual.rows
        ));
    }
    Ok(())
}
pub mod store;

/// A fenced code block of a markdown file: the words of its info string and its text.
pub struct Block {
    pub info: Vec<String>,
    pub text: String,
}

/// The fenced code blocks of `markdown`, in order.
pub fn fenced_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<(Vec<String>, Vec<&str>)> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some((
                    info.split_whitespace().map(String::from).collect(),
                    Vec::new(),
                ));
            }
            (Some(_), Some(_)) => {
                if let Some((info, lines)) = open.take() {
                    let text = lines.join("\n").trim().to_string();
                    blocks.push(Block { info, text });
                }
            }
            (Some((_, lines)), None) => lines.push(line),
            (None, None) => {}
        }
    }
    blocks
}

/// One of graph-data/SCHEMA.md's questions: its query, the answer written under it, and
/// what other engines need instead (```cypher ENGINE blocks: the engine's form of the
/// query; ```cannot ENGINE blocks: why the engine cannot answer it).
pub struct Question {
    pub title: String,
    pub query: String,
    pub expected: Table,
    pub blocks: Vec<Block>,
}

pub fn schema_questions() -> Vec<Question> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data/SCHEMA.md"))
            .expect("graph-data/SCHEMA.md is readable");
    let section = text
        .split("## Questions")
        .nth(1)
        .expect("SCHEMA.md has a Questions section");
    section
        .split("\n### ")
        .skip(1)
        .map(|block| {
            let title = block.lines().next().unwrap_or_default().to_string();
            let blocks = fenced_blocks(block);
            let query = blocks
                .iter()
                .find(|b| b.info == ["cypher"])
                .unwrap_or_else(|| panic!("{title}: no cypher block"))
                .text
                .clone();
            let after = block.rsplit("```").next().unwrap_or_default();
            let expected = parse_table(after.lines());
            Question {
                title,
                query,
                expected,
                blocks,
            }
        })
        .collect()
}
