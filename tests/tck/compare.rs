//! Comparing a result with an expected table: column names exactly and in order, then rows
//! in order or as a bag, values structurally (see `values::TckValue`).

use crate::convert::from_kg;
use crate::steps::ExpectedRows;
use crate::values::TckValue;
use kg::QueryResult;
use std::cmp::Ordering;

/// Longest rendering of one value in a failure message.
const MAX_SHOWN_CHARS: usize = 120;

type Row = Vec<TckValue>;

/// `Ok` if `actual` matches; the error is a short, specific reason.
pub fn compare_rows(expected: &ExpectedRows, actual: &QueryResult) -> Result<(), String> {
    if actual.columns != expected.columns {
        return Err(format!(
            "columns: expected [{}], got [{}]",
            expected.columns.join(", "),
            actual.columns.join(", ")
        ));
    }
    let mut actual_rows: Vec<Row> = Vec::with_capacity(actual.rows.len());
    for row in &actual.rows {
        let converted = row
            .iter()
            .map(|v| from_kg(v, actual))
            .collect::<Result<Row, _>>();
        actual_rows.push(converted.map_err(|e| format!("unreadable result: {e}"))?);
    }
    let mut expected_rows = expected.rows.clone();
    if expected.lists_as_bags {
        for rows in [&mut expected_rows, &mut actual_rows] {
            for row in rows.iter_mut() {
                *row = row.iter().map(TckValue::with_lists_as_bags).collect();
            }
        }
    }
    if expected.ordered {
        compare_in_order(&expected.columns, &expected_rows, &actual_rows)
    } else {
        compare_as_bags(&expected.columns, &expected_rows, &actual_rows)
    }
}

fn compare_in_order(columns: &[String], expected: &[Row], actual: &[Row]) -> Result<(), String> {
    let first_difference = expected
        .iter()
        .zip(actual)
        .enumerate()
        .find(|(_, (e, a))| e != a)
        .map(|(i, (e, a))| format!("row {} {}", i + 1, cell_differences(columns, e, a)));
    match (expected.len() == actual.len(), first_difference) {
        (true, None) => Ok(()),
        (true, Some(difference)) => Err(difference),
        (false, difference) => {
            let mut reason = format!("expected {} rows, got {}", expected.len(), actual.len());
            if let Some(difference) = difference {
                reason.push_str(&format!("; first difference: {difference}"));
            }
            Err(reason)
        }
    }
}

fn compare_as_bags(columns: &[String], expected: &[Row], actual: &[Row]) -> Result<(), String> {
    let mut sorted_expected: Vec<&Row> = expected.iter().collect();
    let mut sorted_actual: Vec<&Row> = actual.iter().collect();
    sorted_expected.sort();
    sorted_actual.sort();
    let (missing, unexpected) = bag_differences(&sorted_expected, &sorted_actual);
    if missing.is_empty() && unexpected.is_empty() {
        return Ok(());
    }
    let mut parts = Vec::new();
    if expected.len() != actual.len() {
        parts.push(format!(
            "expected {} rows, got {}",
            expected.len(),
            actual.len()
        ));
    }
    if let ([missing_row], [unexpected_row]) = (missing.as_slice(), unexpected.as_slice()) {
        // One row differs: name the cells, with the row's place in the expected table.
        let row_number = expected
            .iter()
            .position(|r| r == *missing_row)
            .map_or(0, |i| i + 1);
        parts.push(format!(
            "row {row_number} {}",
            cell_differences(columns, missing_row, unexpected_row)
        ));
    } else {
        if let Some(row) = missing.first() {
            parts.push(format!("missing {}{}", show_row(row), more(missing.len())));
        }
        if let Some(row) = unexpected.first() {
            parts.push(format!(
                "unexpected {}{}",
                show_row(row),
                more(unexpected.len())
            ));
        }
    }
    Err(parts.join("; "))
}

/// Rows only in `expected` and rows only in `actual`, counting duplicates; both inputs sorted.
fn bag_differences<'a>(expected: &[&'a Row], actual: &[&'a Row]) -> (Vec<&'a Row>, Vec<&'a Row>) {
    let (mut missing, mut unexpected) = (Vec::new(), Vec::new());
    let (mut e, mut a) = (0, 0);
    while e < expected.len() && a < actual.len() {
        match expected[e].cmp(actual[a]) {
            Ordering::Equal => {
                e += 1;
                a += 1;
            }
            Ordering::Less => {
                missing.push(expected[e]);
                e += 1;
            }
            Ordering::Greater => {
                unexpected.push(actual[a]);
                a += 1;
            }
        }
    }
    missing.extend_from_slice(&expected[e..]);
    unexpected.extend_from_slice(&actual[a..]);
    (missing, unexpected)
}

/// `col 'n': expected (:A {name: 'x'}), got (:A)`, for every cell that differs.
fn cell_differences(columns: &[String], expected: &Row, actual: &Row) -> String {
    columns
        .iter()
        .zip(expected.iter().zip(actual))
        .filter(|(_, (e, a))| e != a)
        .map(|(column, (e, a))| format!("col '{column}': expected {}, got {}", show(e), show(a)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn show_row(row: &Row) -> String {
    let cells: Vec<String> = row.iter().map(show).collect();
    format!("| {} |", cells.join(" | "))
}

fn more(count: usize) -> String {
    if count > 1 {
        format!(" (and {} more)", count - 1)
    } else {
        String::new()
    }
}

pub fn show(value: &TckValue) -> String {
    let text = value.to_string();
    if text.chars().count() <= MAX_SHOWN_CHARS {
        return text;
    }
    let shortened: String = text.chars().take(MAX_SHOWN_CHARS).collect();
    format!("{shortened}...")
}
