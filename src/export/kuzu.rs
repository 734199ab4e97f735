//! Kuzu's layout, into a directory: `schema.cypher` (a node table per label, a relationship
//! table per type), `copy.cypher` (a `COPY` per CSV file, with paths relative to the
//! directory) and the CSV files. Run schema.cypher, then copy.cypher, from the directory.
//!
//! Kuzu's tables are typed and a node is a row of exactly one table, so a node goes to the
//! table of its most common label (the graph's count decides; a tie goes to the label it
//! lists first), and the `_kg_labels` column keeps all its labels: counts per table add up to
//! kg's node count. Kuzu needs a primary key, so `_kg_id` holds kg's node id. A relationship
//! table has one `FROM ... TO ...` pair per pair of node tables its relationships join, and
//! one CSV file per pair.
//!
//! A column has one type. Where a key's values have several types in one table, or hold
//! lists whose items Kuzu's CSV list syntax cannot carry (it splits on commas and keeps
//! quotes), the column is a STRING of the values' text (JSON for lists), and a note says so.

use super::csv::field;
use super::staged::{Staged, finish_all};
use super::types::{PropType, Scalar, prop_type};
use super::{ExportError, ExportFormat, ExportReport, NoEntities, Subgraph, counted};
use crate::model::temporal::TemporalKind;
use crate::model::{Map, NodeId, RelId, Value};
use crate::syntax::{NameRule, quote_name};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Kuzu's CSV options, spelled out: RFC 4180 quoting (Kuzu's own default escape is a
/// backslash).
const CSV_OPTIONS: &str = "HEADER=true, QUOTE='\"', ESCAPE='\"'";

/// What the values of one key in one table have been so far.
#[derive(Clone, Debug, Default)]
struct Column {
    ty: Option<PropType>,
    /// Values of more than one type.
    mixed: bool,
    /// A list with an item Kuzu's CSV lists cannot carry.
    unsafe_list: bool,
}

impl Column {
    fn add(&mut self, v: &Value) {
        let Some(t) = prop_type(v) else { return };
        if let Value::List(items) = v {
            self.unsafe_list |= items.iter().any(|i| !list_safe(&scalar_text(i)));
        }
        self.ty = match (self.ty, t) {
            (None, t) => Some(t),
            (Some(a), b) if a == b => Some(a),
            (Some(PropType::List(None)), list @ (PropType::List(_) | PropType::NumberList))
            | (Some(list @ (PropType::List(_) | PropType::NumberList)), PropType::List(None)) => {
                Some(list)
            }
            (Some(a), _) => {
                self.mixed = true;
                Some(a)
            }
        };
    }

    fn as_text(&self) -> bool {
        self.mixed || self.unsafe_list
    }

    /// The column's Kuzu type.
    fn kuzu_type(&self) -> String {
        if self.as_text() {
            return "STRING".into();
        }
        match self.ty {
            Some(PropType::Scalar(s)) => scalar_type(s).into(),
            Some(PropType::List(s)) => format!("{}[]", scalar_type(s.unwrap_or(Scalar::String))),
            Some(PropType::NumberList) => "DOUBLE[]".into(),
            None => "STRING".into(),
        }
    }
}

/// Kuzu has no type for a time of day, a date-time with an offset or a duration in ISO 8601
/// (its INTERVAL reads another syntax): those are strings of their ISO text.
fn scalar_type(s: Scalar) -> &'static str {
    match s {
        Scalar::Bool => "BOOLEAN",
        Scalar::Int => "INT64",
        Scalar::Float => "DOUBLE",
        Scalar::String => "STRING",
        Scalar::Temporal(TemporalKind::Date) => "DATE",
        Scalar::Temporal(TemporalKind::LocalDateTime) => "TIMESTAMP",
        Scalar::Temporal(_) => "STRING",
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_nan() => "nan".into(),
        Value::Float(f) if f.is_infinite() => if *f > 0.0 { "inf" } else { "-inf" }.into(),
        // Debug prints the shortest text that reads back as the same float.
        Value::Float(f) => format!("{f:?}"),
        Value::String(s) => s.to_string(),
        other => other.temporal_text().unwrap_or_default(),
    }
}

/// Whether Kuzu reads `text` back as the same item of a CSV list `[a,b]`: it splits on
/// commas, trims spaces, keeps quotes and reads an empty item as null.
fn list_safe(text: &str) -> bool {
    !text.is_empty()
        && text.trim() == text
        && !text.contains([',', '[', ']', '{', '}', '"', '\'', '\\', '\n', '\r'])
        && !text.eq_ignore_ascii_case("null")
}

/// The text of a value in a column: typed, or (in a text column) strings as they are and
/// other values as JSON.
fn cell(v: &Value, column: &Column) -> String {
    match v {
        Value::String(s) => s.to_string(),
        _ if column.as_text() => crate::format::to_json(v, &NoEntities).to_string(),
        Value::List(items) => {
            let texts: Vec<String> = items.iter().map(scalar_text).collect();
            format!("[{}]", texts.join(","))
        }
        other => scalar_text(other),
    }
}

/// A table's or column's name as Kuzu reads it: always in backticks, since Kuzu's reserved
/// words are its own. (Kuzu keeps a doubled backtick as two, checked with 0.11; every
/// statement writes a name the same way, so they still agree on it.)
fn quoted(name: &str) -> String {
    quote_name(name, NameRule::Always).into_owned()
}

/// A string literal as Kuzu reads it, which is not the query language's: Kuzu takes every
/// other character as it stands (line breaks and control characters included) and reads
/// `\X` as `X` for any other `X` (`'a\nb'` is `anb`, checked with Kuzu 0.11), so only
/// the quote and the backslash are escaped.
fn string_literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

struct NodeTable {
    name: Arc<str>,
    columns: BTreeMap<Arc<str>, Column>,
    labels: Column,
    ids: Vec<NodeId>,
}

struct RelTable {
    name: Arc<str>,
    columns: BTreeMap<Arc<str>, Column>,
    /// (from table, to table, relationships), in first-seen order.
    pairs: Vec<(usize, usize, Vec<RelId>)>,
}

/// Counts of what Kuzu will read differently from kg's values.
#[derive(Default)]
struct Caveats {
    empty_strings: usize,
    temporal_strings: usize,
    number_lists: usize,
}

impl Caveats {
    fn count(&mut self, v: &Value) {
        match v {
            Value::String(s) if s.is_empty() => self.empty_strings += 1,
            Value::List(_) if matches!(prop_type(v), Some(PropType::NumberList)) => {
                self.number_lists += 1;
            }
            v if v.temporal_kind().is_some_and(|k| {
                !matches!(k, TemporalKind::Date | TemporalKind::LocalDateTime)
            }) =>
            {
                self.temporal_strings += 1;
            }
            _ => {}
        }
    }
}

/// `base`, or `base_1`, ...: the first whose lowercase form `taken` does not hold (Kuzu's
/// names are case-insensitive).
fn unused(base: &str, taken: &HashSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while taken.contains(&candidate.to_lowercase()) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    candidate
}

/// A file name for a table: its name where that is plain, made unique (ignoring case, for
/// file systems that do).
fn file_name(stem: &str, used: &mut HashSet<String>) -> String {
    let plain: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut name = format!("{plain}.csv");
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{plain}-{n}.csv");
        n += 1;
    }
    name
}

fn unrepresentable(reason: String) -> ExportError {
    ExportError::Unrepresentable {
        format: ExportFormat::Kuzu,
        reason,
    }
}

/// Refuses two names that Kuzu, ignoring case, would take for one.
fn check_distinct<'a>(what: &str, names: impl Iterator<Item = &'a str>) -> Result<(), ExportError> {
    let mut seen: FxHashMap<String, &str> = FxHashMap::default();
    for name in names {
        if let Some(other) = seen.insert(name.to_lowercase(), name) {
            return Err(unrepresentable(format!(
                "{what} '{other}' and '{name}' differ only in case, and Kuzu's names ignore case"
            )));
        }
    }
    Ok(())
}

struct Layout {
    nodes: Vec<NodeTable>,
    rels: Vec<RelTable>,
    id_column: String,
    labels_column: String,
    caveats: Caveats,
}

/// The first pass: which table each entity goes to, and each column's type.
fn layout(sub: &Subgraph) -> Result<Layout, ExportError> {
    let mut label_counts: FxHashMap<Arc<str>, usize> = FxHashMap::default();
    for node in sub.nodes() {
        for label in &node.labels {
            *label_counts.entry(label.clone()).or_default() += 1;
        }
    }
    let mut taken: HashSet<String> = label_counts.keys().map(|l| l.to_lowercase()).collect();
    let unlabelled: Arc<str> = Arc::from(unused("_kg_unlabelled", &taken));
    let mut keys: HashSet<String> = HashSet::new();
    let mut caveats = Caveats::default();

    let mut nodes: Vec<NodeTable> = Vec::new();
    let mut table_index: FxHashMap<Arc<str>, usize> = FxHashMap::default();
    let mut table_of: FxHashMap<NodeId, usize> = FxHashMap::default();
    for node in sub.nodes() {
        let mut best: Option<&Arc<str>> = None;
        for label in &node.labels {
            if best.is_none_or(|b| label_counts[label] > label_counts[b]) {
                best = Some(label);
            }
        }
        let name = best.unwrap_or(&unlabelled);
        let index = *table_index.entry(name.clone()).or_insert_with(|| {
            nodes.push(NodeTable {
                name: name.clone(),
                columns: BTreeMap::new(),
                labels: Column::default(),
                ids: Vec::new(),
            });
            nodes.len() - 1
        });
        let table = &mut nodes[index];
        add_props(&mut table.columns, &node.props, &mut keys, &mut caveats);
        let labels = node.labels.iter().map(|l| Value::str(l)).collect();
        table.labels.add(&Value::list(labels));
        table.ids.push(node.id);
        table_of.insert(node.id, index);
    }

    let mut rels: Vec<RelTable> = Vec::new();
    let mut rel_index: FxHashMap<Arc<str>, usize> = FxHashMap::default();
    for rel in sub.rels() {
        let (Some(&from), Some(&to)) = (table_of.get(&rel.start), table_of.get(&rel.end)) else {
            continue;
        };
        let index = *rel_index.entry(rel.ty.clone()).or_insert_with(|| {
            rels.push(RelTable {
                name: rel.ty.clone(),
                columns: BTreeMap::new(),
                pairs: Vec::new(),
            });
            rels.len() - 1
        });
        let table = &mut rels[index];
        add_props(&mut table.columns, &rel.props, &mut keys, &mut caveats);
        match table
            .pairs
            .iter_mut()
            .find(|(f, t, _)| (*f, *t) == (from, to))
        {
            Some((_, _, ids)) => ids.push(rel.id),
            None => table.pairs.push((from, to, vec![rel.id])),
        }
    }

    check_distinct(
        "tables",
        nodes
            .iter()
            .map(|t| &*t.name)
            .chain(rels.iter().map(|t| &*t.name)),
    )?;
    for table in &nodes {
        check_distinct("property keys", table.columns.keys().map(|k| &**k))?;
    }
    for table in &rels {
        check_distinct("property keys", table.columns.keys().map(|k| &**k))?;
    }
    taken.extend(keys);
    let id_column = unused("_kg_id", &taken);
    taken.insert(id_column.to_lowercase());
    let labels_column = unused("_kg_labels", &taken);
    Ok(Layout {
        nodes,
        rels,
        id_column,
        labels_column,
        caveats,
    })
}

fn add_props(
    columns: &mut BTreeMap<Arc<str>, Column>,
    props: &Map,
    keys: &mut HashSet<String>,
    caveats: &mut Caveats,
) {
    for (k, v) in props {
        if !columns.contains_key(k) {
            keys.insert(k.to_lowercase());
        }
        columns.entry(k.clone()).or_default().add(v);
        caveats.count(v);
    }
}

/// Writes files into the directory, remembering them; they get their names together, once
/// all are complete.
struct Files<'a> {
    dir: &'a Path,
    written: Vec<PathBuf>,
    done: Vec<Staged>,
}

impl Files<'_> {
    fn io(&self, path: &Path, source: std::io::Error) -> ExportError {
        ExportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Writes one CSV file: the header, then a row per entity. Returns whether a field holds
    /// a line break (Kuzu's parallel reader cannot read those).
    fn csv(
        &mut self,
        name: &str,
        header: &[String],
        rows: impl Iterator<Item = Vec<Option<String>>>,
    ) -> Result<bool, ExportError> {
        let path = self.dir.join(name);
        let mut out = Staged::create(&path).map_err(|e| self.io(&path, e))?;
        let mut line = String::new();
        let mut multiline = false;
        for (i, h) in header.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            field(&mut line, h, false);
        }
        line.push('\n');
        out.write_all(line.as_bytes())
            .map_err(|e| self.io(&path, e))?;
        for row in rows {
            line.clear();
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                if let Some(text) = cell {
                    multiline |= text.contains(['\n', '\r']);
                    field(&mut line, text, false);
                }
            }
            line.push('\n');
            out.write_all(line.as_bytes())
                .map_err(|e| self.io(&path, e))?;
        }
        out.flush().map_err(|e| self.io(&path, e))?;
        self.written.push(path);
        self.done.push(out);
        Ok(multiline)
    }

    fn text(&mut self, name: &str, text: &str) -> Result<(), ExportError> {
        let path = self.dir.join(name);
        let mut out = Staged::create(&path).map_err(|e| self.io(&path, e))?;
        out.write_all(text.as_bytes())
            .map_err(|e| self.io(&path, e))?;
        self.written.push(path);
        self.done.push(out);
        Ok(())
    }

    /// Gives every file its final name.
    fn finish(&mut self) -> Result<(), ExportError> {
        finish_all(std::mem::take(&mut self.done)).map_err(|e| self.io(self.dir, e))
    }
}

fn copy_statement(table: &str, file: &str, multiline: bool, pair: Option<(&str, &str)>) -> String {
    let mut options = CSV_OPTIONS.to_string();
    if multiline {
        options.push_str(", PARALLEL=false");
    }
    if let Some((from, to)) = pair {
        options.push_str(&format!(
            ", from={}, to={}",
            string_literal(from),
            string_literal(to)
        ));
    }
    format!(
        "COPY {} FROM {} ({options});\n",
        quoted(table),
        string_literal(file)
    )
}

fn column_defs(columns: &BTreeMap<Arc<str>, Column>) -> String {
    columns
        .iter()
        .map(|(k, c)| format!(", {} {}", quoted(k), c.kuzu_type()))
        .collect()
}

pub fn write_dir(sub: &Subgraph, dir: &Path) -> Result<ExportReport, ExportError> {
    let layout = layout(sub)?;
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Files {
        dir,
        written: Vec::new(),
        done: Vec::new(),
    };
    let (id_col, labels_col) = (&layout.id_column, &layout.labels_column);
    let rel_tables: usize = layout.rels.len();
    let mut schema = format!(
        "// kg export for Kuzu: {} in {}, {} in {}. Run this file, then copy.cypher, from this directory.\n\
         // A node is a row of the table of its most common label; {labels_col} holds all its labels and {id_col} its id in kg.\n",
        counted(sub.node_count(), "node"),
        counted(layout.nodes.len(), "node table"),
        counted(sub.rel_count(), "relationship"),
        counted(rel_tables, "relationship table"),
    );
    let mut copy =
        "// Run from this directory, after schema.cypher: the paths are relative to it.\n"
            .to_string();
    let mut used_files = HashSet::new();
    for table in &layout.nodes {
        schema.push_str(&format!(
            "CREATE NODE TABLE {}({} INT64{}, {} {}, PRIMARY KEY ({}));\n",
            quoted(&table.name),
            quoted(id_col),
            column_defs(&table.columns),
            quoted(labels_col),
            table.labels.kuzu_type(),
            quoted(id_col),
        ));
        let mut header = vec![id_col.clone()];
        header.extend(table.columns.keys().map(|k| k.to_string()));
        header.push(labels_col.clone());
        let name = file_name(&table.name, &mut used_files);
        let rows = table.ids.iter().filter_map(|id| sub.node(*id)).map(|node| {
            let mut row = vec![Some(node.id.0.to_string())];
            for (k, column) in &table.columns {
                row.push(node.props.get(k).map(|v| cell(v, column)));
            }
            let labels = Value::list(node.labels.iter().map(|l| Value::str(l)).collect());
            row.push(Some(cell(&labels, &table.labels)));
            row
        });
        let multiline = files.csv(&name, &header, rows)?;
        copy.push_str(&copy_statement(&table.name, &name, multiline, None));
    }
    for table in &layout.rels {
        let pairs: Vec<String> = table
            .pairs
            .iter()
            .map(|(from, to, _)| {
                format!(
                    "FROM {} TO {}",
                    quoted(&layout.nodes[*from].name),
                    quoted(&layout.nodes[*to].name)
                )
            })
            .collect();
        schema.push_str(&format!(
            "CREATE REL TABLE {}({}{});\n",
            quoted(&table.name),
            pairs.join(", "),
            column_defs(&table.columns),
        ));
        let mut header = vec!["from".to_string(), "to".to_string()];
        header.extend(table.columns.keys().map(|k| k.to_string()));
        for (from, to, ids) in &table.pairs {
            let (from, to) = (&layout.nodes[*from].name, &layout.nodes[*to].name);
            let name = file_name(&format!("{}-{from}-{to}", table.name), &mut used_files);
            let rows = ids.iter().filter_map(|id| sub.rel(*id)).map(|rel| {
                let mut row = vec![Some(rel.start.0.to_string()), Some(rel.end.0.to_string())];
                for (k, column) in &table.columns {
                    row.push(rel.props.get(k).map(|v| cell(v, column)));
                }
                row
            });
            let multiline = files.csv(&name, &header, rows)?;
            copy.push_str(&copy_statement(
                &table.name,
                &name,
                multiline,
                Some((from, to)),
            ));
        }
    }
    files.text("schema.cypher", &schema)?;
    files.text("copy.cypher", &copy)?;
    files.finish()?;
    Ok(ExportReport {
        nodes: sub.node_count(),
        rels: sub.rel_count(),
        files: files.written,
        notes: notes(&layout),
    })
}

fn notes(layout: &Layout) -> Vec<String> {
    let mut notes = Vec::new();
    let tables = layout
        .nodes
        .iter()
        .map(|t| (&t.name, &t.columns))
        .chain(layout.rels.iter().map(|t| (&t.name, &t.columns)));
    for (table, columns) in tables {
        for (key, column) in columns {
            if column.mixed {
                notes.push(format!(
                    "kuzu: {key} in table {table} has values of several types: its column is a STRING holding their text (lists and numbers as JSON)"
                ));
            } else if column.unsafe_list {
                notes.push(format!(
                    "kuzu: {key} in table {table} holds list items with a comma, bracket, quote or outer spaces, which Kuzu's CSV lists cannot carry: its column is a STRING holding each list as JSON"
                ));
            }
        }
    }
    let c = &layout.caveats;
    if c.empty_strings > 0 {
        notes.push(format!(
            "kuzu: Kuzu reads an empty CSV field as null: {} will load as null",
            counted(c.empty_strings, "empty string")
        ));
    }
    if c.temporal_strings > 0 {
        notes.push(format!(
            "kuzu: Kuzu has no type for times, date-times with an offset or ISO 8601 durations: {} such values were written as ISO 8601 strings",
            c.temporal_strings
        ));
    }
    if c.number_lists > 0 {
        notes.push(format!(
            "kuzu: {} lists mix integers and floats: they are DOUBLE[]",
            c.number_lists
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_kuzu_would_split_or_trim_are_not_safe() {
        for ok in ["AWS", "Amazon’s cloud division", "a-b"] {
            assert!(list_safe(ok), "{ok}");
        }
        for bad in ["", " a", "a,b", "[x]", "it's", "\"q\"", "NULL"] {
            assert!(!list_safe(bad), "{bad}");
        }
    }

    #[test]
    fn string_literals_escape_only_quotes_and_backslashes() {
        assert_eq!(
            string_literal("it's C:\\dir\nline\t\u{1}é"),
            "'it\\'s C:\\\\dir\nline\t\u{1}é'"
        );
    }

    #[test]
    fn columns_widen_empty_lists_and_turn_to_text_on_conflict() {
        let mut c = Column::default();
        c.add(&Value::list(vec![]));
        c.add(&Value::list(vec![Value::Int(1)]));
        assert_eq!(c.kuzu_type(), "INT64[]");
        c.add(&Value::str("x"));
        assert_eq!(c.kuzu_type(), "STRING");
        assert_eq!(cell(&Value::list(vec![Value::Int(1)]), &c), "[1]");
    }
}
