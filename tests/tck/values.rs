//! Values in the TCK's notation: the expected cells of result tables and the values of
//! "parameters are" tables, e.g. `[1, 'a', {k: null}]`, `(:A:B {name: 'x'})`, `[:T {w: 1}]`,
//! `<(:A)-[:T]->(:B)<-[:U]-()>`.
//!
//! Results of the engine are converted into the same type (see `compare`), so comparison works
//! on parsed structures and never on rendered text. `Ord` is total so that bags of rows can be
//! compared by sorting.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A float compared the way the reference harness compares: exactly, except that every NaN
/// equals every other NaN and `-0.0` equals `0.0`.
#[derive(Clone, Copy, Debug)]
pub struct Float(pub f64);

impl Float {
    fn comparison_key(self) -> f64 {
        if self.0.is_nan() {
            f64::NAN
        } else if self.0 == 0.0 {
            0.0
        } else {
            self.0
        }
    }
}

impl PartialEq for Float {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Float {}

impl PartialOrd for Float {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Float {
    fn cmp(&self, other: &Self) -> Ordering {
        self.comparison_key().total_cmp(&other.comparison_key())
    }
}

pub type PropertyMap = BTreeMap<String, TckValue>;

/// A node compares by its label set and properties only: the TCK has no node identity.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct TckNode {
    pub labels: BTreeSet<String>,
    pub props: PropertyMap,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TckRel {
    pub rel_type: String,
    pub props: PropertyMap,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// `-[:T]->`: the relationship starts at the node before it in the path.
    Forward,
    /// `<-[:T]-`: the relationship starts at the node after it in the path.
    Backward,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PathStep {
    pub rel: TckRel,
    pub direction: Direction,
    pub node: TckNode,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TckPath {
    pub start: TckNode,
    pub steps: Vec<PathStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TckValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(Float),
    String(String),
    List(Vec<TckValue>),
    Map(PropertyMap),
    Node(TckNode),
    Rel(TckRel),
    Path(TckPath),
}

impl TckValue {
    /// The value with every list (at any depth) sorted, for "ignoring element order for lists".
    pub fn with_lists_as_bags(&self) -> TckValue {
        let bag_props = |props: &PropertyMap| -> PropertyMap {
            props
                .iter()
                .map(|(k, v)| (k.clone(), v.with_lists_as_bags()))
                .collect()
        };
        let bag_node = |node: &TckNode| TckNode {
            labels: node.labels.clone(),
            props: bag_props(&node.props),
        };
        let bag_rel = |rel: &TckRel| TckRel {
            rel_type: rel.rel_type.clone(),
            props: bag_props(&rel.props),
        };
        match self {
            TckValue::List(items) => {
                let mut items: Vec<TckValue> = items.iter().map(Self::with_lists_as_bags).collect();
                items.sort();
                TckValue::List(items)
            }
            TckValue::Map(map) => TckValue::Map(bag_props(map)),
            TckValue::Node(node) => TckValue::Node(bag_node(node)),
            TckValue::Rel(rel) => TckValue::Rel(bag_rel(rel)),
            TckValue::Path(path) => TckValue::Path(TckPath {
                start: bag_node(&path.start),
                steps: path
                    .steps
                    .iter()
                    .map(|s| PathStep {
                        rel: bag_rel(&s.rel),
                        direction: s.direction,
                        node: bag_node(&s.node),
                    })
                    .collect(),
            }),
            scalar => scalar.clone(),
        }
    }
}

/// Parses one complete value; anything but whitespace after it is an error.
pub fn parse_value(text: &str) -> Result<TckValue, String> {
    let mut parser = Parser { text, pos: 0 };
    let value = parser.value()?;
    parser.skip_whitespace();
    if parser.pos < text.len() {
        return Err(parser.error("end of value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    /// Byte offset of the next unread character.
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    /// Consumes `token` (after optional whitespace) if it comes next.
    fn eat(&mut self, token: &str) -> bool {
        self.skip_whitespace();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(self.error(&format!("'{token}'")))
        }
    }

    fn error(&self, expected: &str) -> String {
        let found: String = self.rest().chars().take(20).collect();
        if found.is_empty() {
            format!("expected {expected} at end of '{}'", self.text)
        } else {
            format!("expected {expected} at '{found}' in '{}'", self.text)
        }
    }

    fn value(&mut self) -> Result<TckValue, String> {
        self.skip_whitespace();
        match self.peek() {
            Some('(') => self.node().map(TckValue::Node),
            Some('[') => {
                if self.is_relationship_ahead() {
                    self.relationship().map(TckValue::Rel)
                } else {
                    self.list()
                }
            }
            Some('<') => self.path().map(TckValue::Path),
            Some('{') => self.map().map(TckValue::Map),
            Some(quote @ ('\'' | '"')) => self.string(quote).map(TckValue::String),
            Some(c) if c == '-' || c == '.' || c.is_ascii_digit() => self.number(),
            Some(_) => self.word(),
            None => Err(self.error("a value")),
        }
    }

    /// `[:` starts a relationship, any other `[` a list.
    fn is_relationship_ahead(&self) -> bool {
        self.rest()[1..].trim_start().starts_with(':')
    }

    fn word(&mut self) -> Result<TckValue, String> {
        const WORDS: [(&str, TckValue); 6] = [
            ("null", TckValue::Null),
            ("true", TckValue::Bool(true)),
            ("false", TckValue::Bool(false)),
            ("NaN", TckValue::Float(Float(f64::NAN))),
            ("Infinity", TckValue::Float(Float(f64::INFINITY))),
            ("Inf", TckValue::Float(Float(f64::INFINITY))),
        ];
        for (word, value) in WORDS {
            if self.rest().starts_with(word) {
                self.pos += word.len();
                return Ok(value);
            }
        }
        Err(self.error("a value"))
    }

    fn number(&mut self) -> Result<TckValue, String> {
        let start = self.pos;
        let negative = self.eat("-");
        if self.rest().starts_with("Inf") {
            self.word()?;
            let infinity = if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            return Ok(TckValue::Float(Float(infinity)));
        }
        let mut is_float = false;
        self.digits();
        if self.rest().starts_with('.') {
            is_float = true;
            self.bump();
            self.digits();
        }
        if self.peek().is_some_and(|c| c == 'e' || c == 'E') {
            is_float = true;
            self.bump();
            if self.peek().is_some_and(|c| c == '+' || c == '-') {
                self.bump();
            }
            self.digits();
        }
        // Whitespace may follow the minus sign; Rust's number parsers do not accept it.
        let literal: String = self.text[start..self.pos].split_whitespace().collect();
        if is_float {
            literal
                .parse::<f64>()
                .map(|f| TckValue::Float(Float(f)))
                .map_err(|_| format!("bad float literal '{literal}'"))
        } else {
            literal
                .parse::<i64>()
                .map(TckValue::Int)
                .map_err(|_| format!("bad integer literal '{literal}'"))
        }
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
    }

    /// A quoted string. Only `\\` and an escaped quote are escapes (as in the reference
    /// harness); any other backslash stands for itself. Gherkin's own cell escapes (`\|`,
    /// `\n`) were already undone when the table was read.
    fn string(&mut self, quote: char) -> Result<String, String> {
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(self.error(&format!("closing {quote}"))),
                Some(c) if c == quote => return Ok(out),
                Some('\\') => match self.peek() {
                    Some(next) if next == '\\' || next == quote => {
                        self.bump();
                        out.push(next);
                    }
                    _ => out.push('\\'),
                },
                Some(c) => out.push(c),
            }
        }
    }

    /// A label, type or key: a symbolic name or a backquoted name (possibly empty).
    fn name(&mut self) -> Result<String, String> {
        self.skip_whitespace();
        if self.peek() == Some('`') {
            self.bump();
            let mut out = String::new();
            loop {
                match self.bump() {
                    None => return Err(self.error("closing `")),
                    Some('`') if self.peek() == Some('`') => {
                        self.bump();
                        out.push('`');
                    }
                    Some('`') => return Ok(out),
                    Some(c) => out.push(c),
                }
            }
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            self.bump();
        }
        if self.pos == start {
            return Err(self.error("a name"));
        }
        Ok(self.text[start..self.pos].to_string())
    }

    fn list(&mut self) -> Result<TckValue, String> {
        self.expect("[")?;
        let mut items = Vec::new();
        if !self.eat("]") {
            loop {
                items.push(self.value()?);
                if self.eat("]") {
                    break;
                }
                self.expect(",")?;
            }
        }
        Ok(TckValue::List(items))
    }

    fn map(&mut self) -> Result<PropertyMap, String> {
        self.expect("{")?;
        let mut map = PropertyMap::new();
        if !self.eat("}") {
            loop {
                let key = self.name()?;
                self.expect(":")?;
                let value = self.value()?;
                if map.insert(key.clone(), value).is_some() {
                    return Err(format!("key '{key}' given twice in '{}'", self.text));
                }
                if self.eat("}") {
                    break;
                }
                self.expect(",")?;
            }
        }
        Ok(map)
    }

    fn optional_map(&mut self) -> Result<PropertyMap, String> {
        self.skip_whitespace();
        if self.peek() == Some('{') {
            self.map()
        } else {
            Ok(PropertyMap::new())
        }
    }

    fn node(&mut self) -> Result<TckNode, String> {
        self.expect("(")?;
        let mut labels = BTreeSet::new();
        while self.eat(":") {
            labels.insert(self.name()?);
        }
        let props = self.optional_map()?;
        self.expect(")")?;
        Ok(TckNode { labels, props })
    }

    fn relationship(&mut self) -> Result<TckRel, String> {
        self.expect("[")?;
        self.expect(":")?;
        let rel_type = self.name()?;
        let props = self.optional_map()?;
        self.expect("]")?;
        Ok(TckRel { rel_type, props })
    }

    fn path(&mut self) -> Result<TckPath, String> {
        self.expect("<")?;
        let start = self.node()?;
        let mut steps = Vec::new();
        while !self.eat(">") {
            // `<-` must be tried before `-`: both start a step, only one is backward.
            let direction = if self.eat("<-") {
                Direction::Backward
            } else if self.eat("-") {
                Direction::Forward
            } else {
                return Err(self.error("'-', '<-' or '>'"));
            };
            let rel = self.relationship()?;
            self.expect(if direction == Direction::Forward {
                "->"
            } else {
                "-"
            })?;
            let node = self.node()?;
            steps.push(PathStep {
                rel,
                direction,
                node,
            });
        }
        Ok(TckPath { start, steps })
    }
}

/// Renders in the TCK's notation, for failure messages.
impl fmt::Display for TckValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TckValue::Null => f.write_str("null"),
            TckValue::Bool(b) => write!(f, "{b}"),
            TckValue::Int(i) => write!(f, "{i}"),
            TckValue::Float(Float(x)) => write_float(f, *x),
            TckValue::String(s) => write_string(f, s),
            TckValue::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            TckValue::Map(map) => write_map(f, map),
            TckValue::Node(node) => write!(f, "{node}"),
            TckValue::Rel(rel) => write!(f, "{rel}"),
            TckValue::Path(path) => {
                write!(f, "<{}", path.start)?;
                for step in &path.steps {
                    match step.direction {
                        Direction::Forward => write!(f, "-{}->{}", step.rel, step.node)?,
                        Direction::Backward => write!(f, "<-{}-{}", step.rel, step.node)?,
                    }
                }
                f.write_str(">")
            }
        }
    }
}

impl fmt::Display for TckNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for label in &self.labels {
            write!(f, ":{label}")?;
        }
        if !self.props.is_empty() {
            if !self.labels.is_empty() {
                f.write_str(" ")?;
            }
            write_map(f, &self.props)?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for TckRel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[:{}", self.rel_type)?;
        if !self.props.is_empty() {
            f.write_str(" ")?;
            write_map(f, &self.props)?;
        }
        f.write_str("]")
    }
}

fn write_float(f: &mut fmt::Formatter<'_>, x: f64) -> fmt::Result {
    if x.is_nan() {
        f.write_str("NaN")
    } else if x.is_infinite() {
        f.write_str(if x > 0.0 { "Inf" } else { "-Inf" })
    } else {
        // Debug keeps the fraction of whole floats (`1.0`), so floats never look like integers.
        write!(f, "{x:?}")
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("'")?;
    for c in s.chars() {
        match c {
            '\\' => f.write_str("\\\\")?,
            '\'' => f.write_str("\\'")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("'")
}

fn write_map(f: &mut fmt::Formatter<'_>, map: &PropertyMap) -> fmt::Result {
    f.write_str("{")?;
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{key}: {value}")?;
    }
    f.write_str("}")
}
