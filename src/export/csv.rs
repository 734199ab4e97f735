//! The neo4j-admin import layout, into a directory: `nodes.csv` (`:ID`, typed property
//! columns such as `name:string`, `founded:long`, `score:double`, `flag:boolean`,
//! `tags:string[]`, then `:LABEL`) and `relationships.csv` (`:START_ID`, `:END_ID`, `:TYPE`,
//! typed property columns).
//!
//! The id column is the unnamed `:ID`, so neo4j-admin does not store kg's internal id as a
//! property. A column has one type; when a key's type differs between entities (an integer
//! `year` here, a string `year` there), the entities that conflict go to another file
//! (`nodes-2.csv`, ...) with its own header, so no value changes type. neo4j-admin takes
//! several `--nodes` / `--relationships` files, and `kg --data DIR` reads them all.
//!
//! A missing field means no property; an empty string is written `""`. Lists are joined with
//! `;`, neo4j-admin's array delimiter; an empty list is written `""`.

use super::staged::{Staged, finish_all};
use super::types::{PropType, Scalar, prop_type};
use super::{ExportError, ExportReport, Subgraph};
use crate::model::float_text;
use crate::model::temporal::TemporalKind;
use crate::model::{Map, Value};
use crate::result::{NodeData, RelData};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum ColType {
    Scalar(Scalar),
    /// `None` while only empty lists were seen.
    Array(Option<Scalar>),
}

impl ColType {
    fn of(v: &Value) -> Option<ColType> {
        Some(match prop_type(v)? {
            PropType::Scalar(s) => ColType::Scalar(s),
            PropType::List(s) => ColType::Array(s),
            PropType::NumberList => ColType::Array(Some(Scalar::Float)),
        })
    }

    fn merge(self, other: ColType) -> Option<ColType> {
        match (self, other) {
            (a, b) if a == b => Some(a),
            (ColType::Array(None), ColType::Array(t))
            | (ColType::Array(t), ColType::Array(None)) => Some(ColType::Array(t)),
            _ => None,
        }
    }

    fn header(self) -> &'static str {
        match self {
            ColType::Scalar(s) => scalar_name(s),
            ColType::Array(s) => match s.unwrap_or(Scalar::String) {
                Scalar::Bool => "boolean[]",
                Scalar::Int => "long[]",
                Scalar::Float => "double[]",
                Scalar::String => "string[]",
                Scalar::Temporal(k) => match k {
                    TemporalKind::Date => "date[]",
                    TemporalKind::LocalTime => "localtime[]",
                    TemporalKind::Time => "time[]",
                    TemporalKind::LocalDateTime => "localdatetime[]",
                    TemporalKind::DateTime => "datetime[]",
                    TemporalKind::Duration => "duration[]",
                },
            },
        }
    }
}

fn scalar_name(s: Scalar) -> &'static str {
    match s {
        Scalar::Bool => "boolean",
        Scalar::Int => "long",
        Scalar::Float => "double",
        Scalar::String => "string",
        Scalar::Temporal(k) => k.name(),
    }
}

/// The columns of one file: entities whose property types agree.
type Columns = BTreeMap<Arc<str>, ColType>;

/// Which file each entity goes to, in the order the entities come.
#[derive(Default)]
struct Partition {
    groups: Vec<Columns>,
    of: Vec<u32>,
}

/// Puts each entity into the first group its property types fit, or a new one.
fn partition<'a>(maps: impl Iterator<Item = Cow<'a, Map>>) -> Partition {
    let mut part = Partition::default();
    for map in maps {
        let types: Vec<(&Arc<str>, ColType)> = map
            .iter()
            .filter_map(|(k, v)| Some((k, ColType::of(v)?)))
            .collect();
        let fits = |g: &Columns| {
            types
                .iter()
                .all(|(k, t)| g.get(*k).is_none_or(|c| c.merge(*t).is_some()))
        };
        let index = match part.groups.iter().position(fits) {
            Some(index) => index,
            None => {
                part.groups.push(Columns::new());
                part.groups.len() - 1
            }
        };
        let group = &mut part.groups[index];
        for (k, t) in types {
            let merged = group.get(k).map_or(Some(t), |c| c.merge(t)).unwrap_or(t);
            group.insert(k.clone(), merged);
        }
        part.of.push(index as u32);
    }
    if part.groups.is_empty() {
        // An empty file with a header still says what the layout is.
        part.groups.push(Columns::new());
    }
    part
}

/// Tracks what neo4j-admin would read differently from what was written.
#[derive(Default)]
struct Caveats {
    delimiter_in_item: usize,
    delimiter_in_label: usize,
    multiline: bool,
    number_lists: usize,
    empty_string_items: usize,
}

/// RFC 4180 quoting; `force` quotes an empty field so that it reads as an empty string
/// rather than as a missing value.
pub(super) fn field(out: &mut String, text: &str, force: bool) {
    if force || text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_text(*f),
        Value::String(s) => s.to_string(),
        other => other.temporal_text().unwrap_or_default(),
    }
}

fn value_field(out: &mut String, v: &Value, caveats: &mut Caveats) {
    match v {
        Value::List(items) => {
            let texts: Vec<String> = items.iter().map(scalar_text).collect();
            for t in &texts {
                if t.contains(';') {
                    caveats.delimiter_in_item += 1;
                }
                if t.is_empty() {
                    caveats.empty_string_items += 1;
                }
            }
            if matches!(prop_type(v), Some(PropType::NumberList)) {
                caveats.number_lists += 1;
            }
            let joined = texts.join(";");
            caveats.multiline |= joined.contains(['\n', '\r']);
            field(out, &joined, joined.is_empty());
        }
        Value::String(s) => {
            caveats.multiline |= s.contains(['\n', '\r']);
            field(out, s, s.is_empty());
        }
        other => out.push_str(&scalar_text(other)),
    }
}

fn file_name(stem: &str, index: usize) -> String {
    if index == 0 {
        format!("{stem}.csv")
    } else {
        format!("{stem}-{}.csv", index + 1)
    }
}

/// The name and fixed columns of one kind of file.
struct Files {
    stem: &'static str,
    lead: &'static [&'static str],
    tail: &'static [&'static str],
}

/// Nodes and relationships, as the writer sees them.
trait Entity {
    fn props(&self) -> &Map;
}

impl Entity for NodeData {
    fn props(&self) -> &Map {
        &self.props
    }
}

impl Entity for RelData {
    fn props(&self) -> &Map {
        &self.props
    }
}

struct Writer<'a> {
    dir: &'a Path,
    files: Vec<PathBuf>,
    /// Written files, renamed into place together once all are complete.
    done: Vec<Staged>,
    caveats: Caveats,
}

impl Writer<'_> {
    fn create(&mut self, name: &str) -> Result<Staged, ExportError> {
        let path = self.dir.join(name);
        let file = Staged::create(&path).map_err(|source| ExportError::Io {
            path: path.clone(),
            source,
        })?;
        self.files.push(path);
        Ok(file)
    }

    fn io_error(&self, source: std::io::Error) -> ExportError {
        ExportError::Io {
            path: self.dir.to_path_buf(),
            source,
        }
    }

    /// Writes one file per group, all open at once, in one pass over the entities: the
    /// `lead` columns, the group's typed columns, the `tail` columns.
    fn write_groups<'e, E: Entity + Clone + 'e>(
        &mut self,
        files: &Files,
        part: &Partition,
        items: impl Iterator<Item = Cow<'e, E>>,
        fixed: impl Fn(&E, &mut Caveats) -> (Vec<String>, Vec<String>),
    ) -> Result<(), ExportError> {
        let Files { stem, lead, tail } = files;
        let mut outs = Vec::with_capacity(part.groups.len());
        for (index, columns) in part.groups.iter().enumerate() {
            let mut out = self.create(&file_name(stem, index))?;
            let mut header: Vec<String> = lead.iter().map(|s| s.to_string()).collect();
            header.extend(columns.iter().map(|(k, t)| format!("{k}:{}", t.header())));
            header.extend(tail.iter().map(|s| s.to_string()));
            let mut line = String::new();
            for (i, h) in header.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                field(&mut line, h, false);
            }
            line.push('\n');
            out.write_all(line.as_bytes())
                .map_err(|source| self.io_error(source))?;
            outs.push(out);
        }
        let mut line = String::new();
        for (item, &group) in items.zip(&part.of) {
            let (before, after) = fixed(&item, &mut self.caveats);
            let map = item.props();
            let mut cells: Vec<String> = before;
            for key in part.groups[group as usize].keys() {
                let mut cell = String::new();
                if let Some(v) = map.get(key) {
                    value_field(&mut cell, v, &mut self.caveats);
                }
                cells.push(cell);
            }
            cells.extend(after);
            line.clear();
            line.push_str(&cells.join(","));
            line.push('\n');
            outs[group as usize]
                .write_all(line.as_bytes())
                .map_err(|source| self.io_error(source))?;
        }
        for mut out in outs {
            out.flush().map_err(|source| self.io_error(source))?;
            self.done.push(out);
        }
        Ok(())
    }
}

/// Refuses a directory holding other CSV files: a later import of the directory would read
/// them along with this export.
fn check_directory(dir: &Path, ours: &[String]) -> Result<(), ExportError> {
    let io_err = |source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io_err)?;
    for entry in std::fs::read_dir(dir).map_err(io_err)? {
        let name = entry.map_err(io_err)?.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".csv") && !ours.iter().any(|o| *o == name) {
            return Err(io_err(std::io::Error::other(format!(
                "it already holds {name}, which this export would not replace and an import of the directory would read: remove it or choose an empty directory"
            ))));
        }
    }
    Ok(())
}

pub fn write_dir(sub: &Subgraph, dir: &Path) -> Result<ExportReport, ExportError> {
    // Two passes: the first finds each entity's file, the second writes.
    let nodes = partition(sub.nodes().map(|n| Cow::Owned(n.into_owned().props)));
    let rels = partition(sub.rels().map(|r| Cow::Owned(r.into_owned().props)));
    let (node_groups, rel_groups) = (nodes.groups.len(), rels.groups.len());
    let ours: Vec<String> = (0..node_groups)
        .map(|i| file_name("nodes", i))
        .chain((0..rel_groups).map(|i| file_name("relationships", i)))
        .collect();
    check_directory(dir, &ours)?;
    let mut w = Writer {
        dir,
        files: Vec::new(),
        done: Vec::new(),
        caveats: Caveats::default(),
    };
    let node_files = Files {
        stem: "nodes",
        lead: &[":ID"],
        tail: &[":LABEL"],
    };
    w.write_groups(&node_files, &nodes, sub.nodes(), |n: &NodeData, caveats| {
        let labels = n.labels.join(";");
        if n.labels.iter().any(|l| l.contains(';')) {
            caveats.delimiter_in_label += 1;
        }
        let mut cell = String::new();
        field(&mut cell, &labels, false);
        (vec![n.id.to_string()], vec![cell])
    })?;
    let rel_files = Files {
        stem: "relationships",
        lead: &[":START_ID", ":END_ID", ":TYPE"],
        tail: &[],
    };
    w.write_groups(&rel_files, &rels, sub.rels(), |r: &RelData, _| {
        let mut ty = String::new();
        field(&mut ty, &r.ty, false);
        (vec![r.start.to_string(), r.end.to_string(), ty], Vec::new())
    })?;
    finish_all(std::mem::take(&mut w.done)).map_err(|source| w.io_error(source))?;
    let mut notes = Vec::new();
    if node_groups > 1 || rel_groups > 1 {
        notes.push(format!(
            "csv: some property keys have different types on different entities, so the entities are split over {node_groups} node files and {rel_groups} relationship files, one header each"
        ));
    }
    let c = &w.caveats;
    if c.delimiter_in_item > 0 {
        notes.push(format!(
            "csv: {} list items contain ';', the array delimiter: they will read back split",
            c.delimiter_in_item
        ));
    }
    if c.delimiter_in_label > 0 {
        notes.push(format!(
            "csv: {} nodes have a label containing ';', the label delimiter",
            c.delimiter_in_label
        ));
    }
    if c.empty_string_items > 0 {
        notes.push(format!(
            "csv: {} list items are empty strings, which neo4j-admin's array syntax cannot tell apart",
            c.empty_string_items
        ));
    }
    if c.number_lists > 0 {
        notes.push(format!(
            "csv: {} lists mix integers and floats; they are written as double[]",
            c.number_lists
        ));
    }
    if c.multiline {
        notes.push(
            "csv: some values contain line breaks: neo4j-admin needs --multiline-fields=true"
                .to_string(),
        );
    }
    Ok(ExportReport {
        nodes: sub.node_count(),
        rels: sub.rel_count(),
        files: w.files,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, Value)]) -> Map {
        entries
            .iter()
            .map(|(k, v)| (Arc::from(*k), v.clone()))
            .collect()
    }

    #[test]
    fn conflicting_types_go_to_another_group() {
        let a = map(&[("year", Value::Int(2020))]);
        let b = map(&[("year", Value::str("2020"))]);
        let c = map(&[("tags", Value::list(vec![]))]);
        let d = map(&[("tags", Value::list(vec![Value::Int(1)]))]);
        let part = partition([&a, &b, &c, &d].into_iter().map(Cow::Borrowed));
        assert_eq!(part.groups.len(), 2);
        assert_eq!(part.of, vec![0, 1, 0, 0]);
        assert_eq!(
            part.groups[0].get("tags"),
            Some(&ColType::Array(Some(Scalar::Int)))
        );
    }

    #[test]
    fn empty_strings_are_quoted() {
        let mut s = String::new();
        field(&mut s, "", true);
        field(&mut s, "a,\"b\"", false);
        assert_eq!(s, "\"\"\"a,\"\"b\"\"\"");
    }
}
