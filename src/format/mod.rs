//! Rows to text: tables, JSON, JSON lines, CSV and markdown. Printers only read results;
//! they never parse or query.

mod value;

pub use value::{Entities, node_json, rel_json, to_json, value_text, write_value};

use crate::model::Value;
use crate::result::QueryResult;
use std::io::{self, Write};

/// How results are printed.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    /// One block per row, one line per column: for wide results.
    Vertical,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

impl OutputFormat {
    pub const NAMES: &[&str] = &["table", "vertical", "json", "jsonl", "csv", "markdown"];

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "table" => OutputFormat::Table,
            "vertical" => OutputFormat::Vertical,
            "json" => OutputFormat::Json,
            "jsonl" => OutputFormat::Jsonl,
            "csv" => OutputFormat::Csv,
            "markdown" | "md" => OutputFormat::Markdown,
            _ => return None,
        })
    }
}

/// The narrowest a table column may get (with its borders) before a table is printed
/// vertically instead.
const MIN_COLUMN: usize = 10;

/// Limits for interactive display; scripts print everything.
#[derive(Copy, Clone, Debug, Default)]
pub struct Layout {
    /// Terminal width: long cells are cut with an ellipsis so the table fits.
    pub width: Option<usize>,
    /// Rows beyond this are left out, with a note saying how many there were.
    pub max_rows: Option<usize>,
    /// Switch a table too wide for `width` to one block per row.
    pub auto_vertical: bool,
    /// Shown after the row count.
    pub elapsed: Option<std::time::Duration>,
}

/// Writes one statement's result. Statements without RETURN print nothing.
pub fn write_result(
    out: &mut dyn Write,
    result: &QueryResult,
    format: OutputFormat,
    layout: Layout,
) -> io::Result<()> {
    if !result.has_columns() {
        return Ok(());
    }
    let shown = layout
        .max_rows
        .map_or(result.rows.len(), |m| m.min(result.rows.len()));
    let rows = &result.rows[..shown];
    let too_wide = layout
        .width
        .is_some_and(|w| result.columns.len() * MIN_COLUMN + 1 > w);
    let format = if format == OutputFormat::Table && layout.auto_vertical && too_wide {
        OutputFormat::Vertical
    } else {
        format
    };
    match format {
        OutputFormat::Table => write_table(out, result, rows, layout.width)?,
        OutputFormat::Vertical => write_vertical(out, result, rows)?,
        OutputFormat::Json => {
            let docs: Vec<serde_json::Value> = rows.iter().map(|r| row_json(result, r)).collect();
            writeln!(out, "{}", serde_json::Value::Array(docs))?;
        }
        OutputFormat::Jsonl => {
            for r in rows {
                writeln!(out, "{}", row_json(result, r))?;
            }
        }
        OutputFormat::Csv => write_csv(out, result, rows)?,
        OutputFormat::Markdown => write_markdown(out, result, rows)?,
    }
    if matches!(
        format,
        OutputFormat::Table | OutputFormat::Vertical | OutputFormat::Markdown
    ) {
        let n = result.rows.len();
        let noun = if n == 1 { "row" } else { "rows" };
        let time = layout
            .elapsed
            .map(|d| format!(", {:.1} ms", d.as_secs_f64() * 1000.0))
            .unwrap_or_default();
        if shown < n {
            writeln!(out, "{n} {noun} ({shown} shown; see :max-rows){time}")?;
        } else if time.is_empty() {
            writeln!(out, "{n} {noun}")?;
        } else {
            writeln!(out, "{n} {noun} ({})", &time[2..])?;
        }
    }
    Ok(())
}

fn row_json(result: &QueryResult, row: &[Value]) -> serde_json::Value {
    serde_json::Value::Object(
        result
            .columns
            .iter()
            .zip(row)
            .map(|(c, v)| (c.clone(), to_json(v, result)))
            .collect(),
    )
}

/// Cuts `text` to `width` characters, ending with an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn cell_texts(result: &QueryResult, rows: &[Vec<Value>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|v| value_text(v, result)).collect())
        .collect()
}

/// ASCII borders with `+` at every joint and no lines between rows (comfy-table's preset
/// format: borders, header line, then joints).
const TABLE_STYLE: &str = "||--+-++|    ++++++";

fn write_table(
    out: &mut dyn Write,
    result: &QueryResult,
    rows: &[Vec<Value>],
    width: Option<usize>,
) -> io::Result<()> {
    let mut cells = cell_texts(result, rows);
    let mut headers = result.columns.clone();
    if let Some(width) = width {
        // Share the width between columns: borders take 3 per column plus 1.
        let cols = headers.len().max(1);
        let budget = width.saturating_sub(3 * cols + 1).max(cols * 4);
        let widest: Vec<usize> = (0..cols)
            .map(|c| {
                let body = cells
                    .iter()
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0);
                body.max(headers[c].chars().count())
            })
            .collect();
        let limits = fit_columns(&widest, budget);
        for row in &mut cells {
            for (c, cell) in row.iter_mut().enumerate() {
                *cell = truncate(cell, limits[c]);
            }
        }
        for (c, h) in headers.iter_mut().enumerate() {
            *h = truncate(h, limits[c]);
        }
    }
    let mut table = comfy_table::Table::new();
    table.load_preset(TABLE_STYLE);
    table.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
    table.set_header(headers);
    for row in cells {
        table.add_row(row);
    }
    writeln!(out, "{table}")
}

/// Column widths that fit `budget`: narrow columns keep their width, wide ones share the rest.
fn fit_columns(widest: &[usize], budget: usize) -> Vec<usize> {
    let mut limits = widest.to_vec();
    while limits.iter().sum::<usize>() > budget {
        let Some((i, w)) = limits
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| **w)
            .map(|(i, w)| (i, *w))
        else {
            break;
        };
        if w <= 4 {
            break;
        }
        limits[i] = w - 1;
    }
    limits
}

fn write_vertical(
    out: &mut dyn Write,
    result: &QueryResult,
    rows: &[Vec<Value>],
) -> io::Result<()> {
    let label_width = result
        .columns
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    for (i, row) in rows.iter().enumerate() {
        writeln!(
            out,
            "*************************** {}. row ***************************",
            i + 1
        )?;
        for (c, v) in result.columns.iter().zip(row) {
            writeln!(out, "{c:>label_width$}: {}", value_text(v, result))?;
        }
    }
    Ok(())
}

fn write_csv(out: &mut dyn Write, result: &QueryResult, rows: &[Vec<Value>]) -> io::Result<()> {
    // The csv writer wraps I/O errors; unwrapping keeps their kind (a closed pipe stays a
    // BrokenPipe that callers can ignore).
    fn io_error(e: csv::Error) -> io::Error {
        match e.into_kind() {
            csv::ErrorKind::Io(e) => e,
            other => io::Error::other(format!("{other:?}")),
        }
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&result.columns).map_err(io_error)?;
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                Value::String(s) => s.to_string(),
                other => value_text(other, result),
            })
            .collect();
        w.write_record(&fields).map_err(io_error)?;
    }
    w.flush()
}

fn write_markdown(
    out: &mut dyn Write,
    result: &QueryResult,
    rows: &[Vec<Value>],
) -> io::Result<()> {
    let escape = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    writeln!(
        out,
        "| {} |",
        result
            .columns
            .iter()
            .map(|c| escape(c))
            .collect::<Vec<_>>()
            .join(" | ")
    )?;
    writeln!(out, "|{}", " --- |".repeat(result.columns.len()))?;
    for row in cell_texts(result, rows) {
        writeln!(
            out,
            "| {} |",
            row.iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_shrink_widest_first() {
        assert_eq!(fit_columns(&[5, 40], 25), vec![5, 20]);
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
