//! kg's JSON document (`{"nodes": [...], "relationships": [...]}`, elements as in query
//! results) and JSON lines in the layout of Neo4j APOC's export (`{"type":"node",...}`,
//! `{"type":"relationship","label":"T","start":{"id":..},...}`). The document's lists take
//! elements in either layout, since the list says what they are; the document may also be
//! APOC's array form (`[{"type":"node",...}, ...]`). Elements that stand alone, in JSON lines
//! or that array, must say what they are, so they are in APOC's layout.
//!
//! Both stream: the document is read element by element through serde's visitor interface,
//! so memory holds one element at a time besides the graph. Nodes must come before the
//! relationships that refer to them, as every exporter writes them.
//!
//! Values: integers stay integers, numbers with a fraction or exponent are floats, arrays of
//! scalars are lists; `null` is no property; objects cannot be property values.

use super::builder::{Builder, DEFAULT_GROUP, IdKey};
use super::error::{ImportError, Location, RowError};
use super::progress::Meter;
use crate::model::Value;
use crate::text::LineReader;
use crate::text::skip_bom;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;
use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Kind {
    Node,
    Rel,
    /// Told by the element's own `"type"`, as in JSON lines.
    Tagged,
}

/// A JSON number as a value: integers stay integers, numbers with a fraction or exponent are
/// floats, and an integer beyond 64 bits is an error rather than a float that lost digits.
/// Also what `--params` files use, so parameters and imports read numbers alike.
pub fn json_number(n: &serde_json::Number) -> Result<Value, RowError> {
    match n.as_i64() {
        Some(i) => Ok(Value::Int(i)),
        None if n.is_u64() => Err(RowError::IntegerOutOfRange(n.to_string())),
        None => Ok(Value::Float(n.as_f64().unwrap_or(f64::NAN))),
    }
}

/// Parses JSON text, refusing an object that repeats a key (serde_json would keep the last
/// silently); the error names the key, and serde_json adds where it is. Also what `--params`
/// files use.
pub fn json_from_str(text: &str) -> Result<Json, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|s| s.0)
}

/// A JSON value whose objects name each key once.
struct Strict(Json);

impl<'de> de::Deserialize<'de> for Strict {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Json;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Json, E> {
        Ok(Json::from(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Json, E> {
        Ok(Json::from(u))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Json, E> {
        Ok(Json::from(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<Json, E> {
        Ok(Json::from(s))
    }
    fn visit_string<E>(self, s: String) -> Result<Json, E> {
        Ok(Json::String(s))
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
            }
            let Strict(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Json::Object(object))
    }
}

fn json_value(key: &str, v: &Json) -> Result<Option<Value>, RowError> {
    let unstorable = |reason: &str| RowError::Unstorable {
        key: key.to_string(),
        reason: reason.to_string(),
    };
    Ok(Some(match v {
        Json::Null => return Ok(None),
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => json_number(n)?,
        Json::String(s) => Value::str(s),
        Json::Array(items) => {
            let mut list = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Json::Array(_) | Json::Object(_) => {
                        return Err(unstorable("lists hold scalars, not lists or objects"));
                    }
                    Json::Null => return Err(unstorable("lists cannot hold null")),
                    other => list.extend(json_value(key, other)?),
                }
            }
            Value::list(list)
        }
        Json::Object(_) => return Err(unstorable("objects cannot be property values")),
    }))
}

fn id_key(v: Option<&Json>, missing: RowError) -> Result<IdKey, RowError> {
    // APOC nests ids of relationship ends: {"start": {"id": "3", "labels": [...]}}.
    let v = match v {
        Some(Json::Object(o)) => o.get("id"),
        other => other,
    };
    match v {
        Some(Json::Number(n)) => match n.as_i64() {
            Some(i) => Ok(IdKey::Int(i)),
            None => Ok(IdKey::Text(n.to_string().into())),
        },
        Some(Json::String(s)) if !s.is_empty() => Ok(IdKey::from_text(s)),
        _ => Err(missing),
    }
}

fn properties(builder: &mut Builder, v: Option<&Json>) -> Result<Vec<(Arc<str>, Value)>, RowError> {
    let mut props = Vec::new();
    match v {
        None | Some(Json::Null) => {}
        Some(Json::Object(map)) => {
            for (k, v) in map {
                if let Some(value) = json_value(k, v)? {
                    props.push((builder.name(k), value));
                }
            }
        }
        Some(_) => {
            return Err(RowError::WrongField {
                field: "properties",
                expected: "an object",
            });
        }
    }
    Ok(props)
}

/// Adds one element; `kind` says what it must be unless the element says so itself.
fn element(builder: &mut Builder, v: &Json, kind: Kind) -> Result<(), RowError> {
    let Json::Object(obj) = v else {
        return Err(RowError::WrongField {
            field: "element",
            expected: "an object",
        });
    };
    let tag = obj.get("type").and_then(Json::as_str);
    let kind = match kind {
        Kind::Tagged => match tag {
            Some("node") => Kind::Node,
            Some("relationship") => Kind::Rel,
            _ => {
                return Err(RowError::WrongField {
                    field: "type",
                    expected: "\"node\" or \"relationship\"",
                });
            }
        },
        k => k,
    };
    let props = properties(builder, obj.get("properties"))?;
    if kind == Kind::Node {
        let id = id_key(obj.get("id"), RowError::MissingId)?;
        let mut labels = Vec::new();
        match obj.get("labels") {
            None | Some(Json::Null) => {}
            Some(Json::Array(items)) => {
                for l in items {
                    let l = l.as_str().ok_or(RowError::WrongField {
                        field: "labels",
                        expected: "a list of strings",
                    })?;
                    let l = builder.name(l);
                    if !labels.contains(&l) {
                        labels.push(l);
                    }
                }
            }
            Some(_) => {
                return Err(RowError::WrongField {
                    field: "labels",
                    expected: "a list of strings",
                });
            }
        }
        builder.add_node(Some((DEFAULT_GROUP, id)), labels, props)?;
        return Ok(());
    }
    // APOC: {"type":"relationship","label":"T"}; kg: {"type":"T"}.
    let ty = match (tag, obj.get("label").and_then(Json::as_str)) {
        (Some("relationship"), Some(label)) => label,
        (Some(ty), _) => ty,
        (None, _) => return Err(RowError::MissingType),
    };
    let resolve = |builder: &Builder, v, missing, unknown: fn(String) -> RowError| {
        let key = id_key(v, missing)?;
        builder
            .ids
            .get(DEFAULT_GROUP, &key)
            .ok_or_else(|| unknown(key.to_string()))
    };
    let start = resolve(
        builder,
        obj.get("start"),
        RowError::MissingStartId,
        RowError::UnknownStartNode,
    )?;
    let end = resolve(
        builder,
        obj.get("end"),
        RowError::MissingEndId,
        RowError::UnknownEndNode,
    )?;
    let ty = builder.name(ty);
    builder.add_rel(ty, start, end, props)?;
    Ok(())
}

pub fn load_lines(
    path: &Path,
    builder: &mut Builder,
    progress: &Meter<'_>,
) -> Result<(), ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let mut reader = LineReader::new(BufReader::with_capacity(1 << 16, file));
    let mut line = String::new();
    let mut number = 0;
    loop {
        line.clear();
        let n = reader
            .read_line(&mut line)
            .map_err(|e| ImportError::line(path, e))?;
        if n == 0 {
            return Ok(());
        }
        number += 1;
        progress.advance(n as u64);
        // Only the end is trimmed, so that columns count from the start of the line.
        let text = line.trim_end();
        if text.trim_start().is_empty() {
            continue;
        }
        let outcome = json_from_str(text)
            .map_err(|e| {
                (
                    Some(char_column(text, e.column())),
                    RowError::Json(json_message(&e)),
                )
            })
            .and_then(|v| element(builder, &v, Kind::Tagged).map_err(|e| (Some(1), e)));
        if let Err((column, reason)) = outcome {
            let location = Location {
                column,
                ..Location::line(path, number)
            };
            builder.reject(location, reason, &line)?;
        }
    }
}

/// Position of the reader, shared with the visitors.
#[derive(Copy, Clone, Default)]
struct Position {
    line: u64,
    column: u64,
    bytes: u64,
    /// Set before reading an element: the next byte that starts a value is its start.
    marking: bool,
    start: (u64, u64),
}

/// Counts lines and columns (in characters) of what serde_json has read. serde_json reads a
/// byte at a time, so the count is exact.
struct Tracker<R> {
    inner: R,
    pos: Rc<Cell<Position>>,
}

impl<R: Read> Read for Tracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut p = self.pos.get();
        for &b in &buf[..n] {
            if b == b'\n' {
                p.line += 1;
                p.column = 0;
            } else if b & 0xC0 != 0x80 {
                p.column += 1;
            }
            if p.marking && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[') {
                p.marking = false;
                p.start = (p.line, p.column);
            }
        }
        p.bytes += n as u64;
        self.pos.set(p);
        Ok(n)
    }
}

struct Doc<'x, 'a> {
    builder: &'x mut Builder<'a>,
    path: &'x Path,
    pos: Rc<Cell<Position>>,
    progress: &'x Meter<'x>,
    reported: u64,
    /// The import error that stopped the visit (serde errors carry only text).
    failure: Option<ImportError>,
}

impl Doc<'_, '_> {
    fn visit_elements<'de, A: SeqAccess<'de>>(
        &mut self,
        mut seq: A,
        kind: Kind,
    ) -> Result<(), A::Error> {
        loop {
            let mut p = self.pos.get();
            p.marking = true;
            self.pos.set(p);
            let Some(Strict(v)) = seq.next_element::<Strict>()? else {
                return Ok(());
            };
            let p = self.pos.get();
            self.progress.advance(p.bytes - self.reported);
            self.reported = p.bytes;
            if let Err(reason) = element(self.builder, &v, kind) {
                let location = Location {
                    column: Some(p.start.1),
                    ..Location::line(self.path, p.start.0)
                };
                if let Err(e) = self.builder.reject(location, reason, &v.to_string()) {
                    self.failure = Some(e);
                    return Err(de::Error::custom("bad element"));
                }
            }
        }
    }
}

struct Elements<'y, 'x, 'a>(&'y mut Doc<'x, 'a>, Kind);

impl<'de> DeserializeSeed<'de> for Elements<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Elements<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of elements")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.0.visit_elements(seq, self.1)
    }
}

struct Top<'y, 'x, 'a>(&'y mut Doc<'x, 'a>);

impl<'de> Visitor<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object with \"nodes\" and \"relationships\", or a list of elements")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
            }
            seen.push(key.clone());
            match key.as_str() {
                "nodes" => map.next_value_seed(Elements(self.0, Kind::Node))?,
                "relationships" | "rels" => map.next_value_seed(Elements(self.0, Kind::Rel))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.0.visit_elements(seq, Kind::Tagged)
    }
}

pub fn load_document(
    path: &Path,
    builder: &mut Builder,
    progress: &Meter<'_>,
) -> Result<(), ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let pos = Rc::new(Cell::new(Position {
        line: 1,
        ..Position::default()
    }));
    let mut input = BufReader::with_capacity(1 << 16, file);
    skip_bom(&mut input).map_err(|e| ImportError::io(path, e))?;
    let tracker = Tracker {
        inner: input,
        pos: pos.clone(),
    };
    let mut doc = Doc {
        builder,
        path,
        pos,
        progress,
        reported: 0,
        failure: None,
    };
    let mut de = serde_json::Deserializer::from_reader(tracker);
    let outcome = de::Deserializer::deserialize_any(&mut de, Top(&mut doc)).and_then(|()| de.end());
    if let Some(failure) = doc.failure.take() {
        return Err(failure);
    }
    let p = doc.pos.get();
    progress.advance(p.bytes - doc.reported);
    outcome.map_err(|e| {
        if e.is_io() {
            return ImportError::io(path, std::io::Error::other(e.to_string()));
        }
        let column = file_char_column(path, e.line(), e.column()).unwrap_or(e.column() as u64);
        ImportError::Row {
            location: Location {
                column: Some(column),
                ..Location::line(path, e.line() as u64)
            },
            reason: RowError::Json(json_message(&e)),
        }
    })
}

/// The character column of serde_json's byte column: the characters that start in its first
/// `byte_column` bytes.
fn char_column(line: &str, byte_column: usize) -> u64 {
    line.char_indices()
        .take_while(|(i, _)| *i < byte_column)
        .count() as u64
}

/// The character column of serde_json's byte column on a line of the file, read again. The
/// tracker cannot say: serde_json reads on past an error before returning it, and keeping the
/// line would keep a whole one-line document. This runs only on the error path.
fn file_char_column(path: &Path, line: usize, byte_column: usize) -> Option<u64> {
    let mut reader = BufReader::new(File::open(path).ok()?);
    skip_bom(&mut reader).ok()?;
    for _ in 1..line {
        reader.skip_until(b'\n').ok()?;
    }
    let mut prefix = Vec::with_capacity(byte_column);
    reader
        .take(byte_column as u64)
        .read_to_end(&mut prefix)
        .ok()?;
    Some(prefix.iter().filter(|b| *b & 0xC0 != 0x80).count() as u64)
}

/// serde_json's message without its trailing " at line L column C", which the location says.
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    describe_json_error(&text)
}

/// serde_json's message, reworded where it speaks of its internals: the reader stops at 128
/// levels of arrays and objects (well within [`crate::model::MAX_DEPTH`]), and says so as a
/// "recursion limit".
pub fn describe_json_error(message: &str) -> String {
    match message.strip_prefix("recursion limit exceeded") {
        Some(rest) => format!("arrays and objects nested too deeply (maximum depth 128){rest}"),
        None => message.to_string(),
    }
}
