//! Helpers for the import and export tests: graphs compared up to ids, random graphs from a
//! seeded generator, and scratch directories under the target directory.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use kg::export::Subgraph;
use kg::format::value_text;
use kg::graph::{GraphRead, MemoryGraph, Mutation};
use kg::{NodeId, QueryResult, RelId, Value};
use std::path::PathBuf;
use std::sync::Arc;

/// A graph as sorted texts: each node as its sorted labels and properties (in the query
/// language's value syntax, which tells `1`, `1.0` and `'1'` apart), each relationship as its
/// type and properties between its end nodes' texts. Equal canons mean the same graph up to
/// ids (for graphs whose equal-looking nodes are interchangeable, as here).
pub fn canon(graph: &dyn GraphRead) -> (Vec<String>, Vec<String>) {
    canon_with(graph, false)
}

/// `canon`, with temporal values as their ISO 8601 text: what a format without dates (JSON)
/// gives back.
pub fn canon_temporal_as_text(graph: &dyn GraphRead) -> (Vec<String>, Vec<String>) {
    canon_with(graph, true)
}

fn canon_with(graph: &dyn GraphRead, temporal_as_text: bool) -> (Vec<String>, Vec<String>) {
    let sub = Subgraph::whole(graph);
    let none = QueryResult::default();
    // Citations by the names of their sources and their quotes, not by ids (which an import
    // may change); the reserved properties that carry them in files are left out.
    let cites = |c: &[kg::exec::Cite]| -> String {
        if c.is_empty() {
            return String::new();
        }
        let each: Vec<String> = c
            .iter()
            .map(|c| format!("{}: {:?}", c.name, c.quote))
            .collect();
        format!(" cites [{}]", each.join(", "))
    };
    let props = |p: &kg::model::Map| {
        let mut p = p.clone();
        p.retain(|k, _| !k.starts_with("_kg_"));
        if temporal_as_text {
            for (_, v) in p.iter_mut() {
                if let Some(text) = v.temporal_text() {
                    *v = Value::from(text.as_str());
                }
            }
        }
        value_text(&Value::map(p), &none)
    };
    let node_text = |id: NodeId| {
        let n = sub.node(id).expect("relationship ends are in the subgraph");
        let mut labels: Vec<String> = n.labels.iter().map(|l| format!(":{l}")).collect();
        labels.sort();
        format!(
            "({} {}{})",
            labels.concat(),
            props(&n.props),
            cites(&n.cites)
        )
    };
    let mut nodes: Vec<String> = sub.nodes().map(|n| node_text(n.id)).collect();
    let mut rels: Vec<String> = sub
        .rels()
        .map(|r| {
            format!(
                "{}-[:{} {}{}]->{}",
                node_text(r.start),
                r.ty,
                props(&r.props),
                cites(&r.cites),
                node_text(r.end)
            )
        })
        .collect();
    nodes.sort();
    rels.sort();
    (nodes, rels)
}

/// A scratch directory, fresh for each name.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// xorshift64*: small, seeded, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Names that need quoting somewhere: spaces, backticks, keywords, colons, unicode, and the
/// export's own temporary key.
const LABELS: &[&str] = &[
    "Person",
    "Company",
    "Has Space",
    "back`tick",
    "Match",
    "Ünïcode",
    "x:y",
];
const TYPES: &[&str] = &["KNOWS", "WORKS_AT", "rel type", "WITH", "é-type"];
const KEYS: &[&str] = &[
    "name",
    "id",
    "year",
    "weird key",
    "k`ey",
    "a:b",
    "_kg_id",
    "score",
    "tags",
    "flag",
    "labels",
    "type",
];
/// Text pieces with every character class the formats must escape.
const PIECES: &[&str] = &[
    "a",
    "Zed",
    " ",
    "'",
    "\"",
    "\\",
    ",",
    ";",
    "\n",
    "\r\n",
    "\t",
    "é",
    "中文",
    "😀",
    "<",
    ">",
    "&",
    "</script>",
    "\u{1}",
    "\u{2028}",
    "0",
    "-",
];
/// List items: as above but without the CSV array delimiter, and never empty (neo4j-admin's
/// array syntax cannot hold those; the csv export says so).
const ITEM_PIECES: &[&str] = &["a", "Zed", " ", "'", "\"", "\\", ",", "é", "😀", "<", "\n"];

fn text(rng: &mut Rng, pieces: &[&str], min: usize) -> String {
    let n = min + rng.below(5);
    (0..n).map(|_| *rng.pick(pieces)).collect()
}

fn scalar(rng: &mut Rng, kind: usize) -> Value {
    match kind {
        0 => Value::Bool(rng.below(2) == 0),
        1 => Value::Int(*rng.pick(&[0, 1, -1, 42, i64::MIN, i64::MAX, 1 << 40])),
        2 => Value::Float(*rng.pick(&[0.5, -2.25, 1e20, 1.5e-7, 123_456.789, -0.0, 3.0, 1e300])),
        _ => Value::str(&text(rng, PIECES, 0)),
    }
}

/// Mostly the key's own type, sometimes another, so that files must cope with keys whose
/// type differs between entities.
fn value(rng: &mut Rng, key: usize) -> Value {
    let kind = if rng.below(5) == 0 {
        rng.below(4)
    } else {
        key % 4
    };
    if rng.below(4) > 0 {
        return scalar(rng, kind);
    }
    let items = (0..rng.below(4))
        .map(|_| match kind {
            3 => Value::str(&text(rng, ITEM_PIECES, 1)),
            k => scalar(rng, k),
        })
        .collect();
    Value::list(items)
}

fn props(rng: &mut Rng) -> Vec<(Arc<str>, Value)> {
    let mut out: Vec<(Arc<str>, Value)> = Vec::new();
    for _ in 0..rng.below(5) {
        let index = rng.below(KEYS.len());
        let key: Arc<str> = Arc::from(KEYS[index]);
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, value(rng, index)));
        }
    }
    out
}

/// A random graph: up to 40 nodes with 0 to 2 labels, up to 80 relationships (self loops and
/// parallel ones included), properties of every storable type, keys whose type differs
/// between entities.
pub fn random_graph(seed: u64) -> MemoryGraph {
    let mut rng = Rng::new(seed);
    let mut g = MemoryGraph::new();
    let nodes = 1 + rng.below(40);
    for i in 0..nodes {
        let mut labels: Vec<Arc<str>> = Vec::new();
        for _ in 0..rng.below(3) {
            let l: Arc<str> = Arc::from(*rng.pick(LABELS));
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        g.apply(Mutation::CreateNode {
            id: NodeId(i as u64),
            labels,
            props: props(&mut rng),
        })
        .unwrap();
    }
    for i in 0..rng.below(80) {
        g.apply(Mutation::CreateRel {
            id: RelId(i as u64),
            ty: Arc::from(*rng.pick(TYPES)),
            start: NodeId(rng.below(nodes) as u64),
            end: NodeId(rng.below(nodes) as u64),
            props: props(&mut rng),
        })
        .unwrap();
    }
    g
}
