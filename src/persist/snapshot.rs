//! The snapshot: the whole graph as model records (ids, labels, types, properties and the
//! next ids to hand out), never petgraph internals.
//!
//! ```text
//! header (40 bytes): magic (8) | format version u32 | reserved u32 (0) |
//!                    last log sequence number included u64 | body length u64 |
//!                    body CRC32 | CRC32 of the 36 bytes before
//! body: bincode of { next_node, next_rel, names, nodes, rels }
//!       then (version 2) bincode of { indexes, constraints }
//!       then (version 3) bincode of the citations: [(entity, [(source, quote)])]
//! ```
//!
//! Names (labels, types, keys) are stored once, in symbol order, and records refer to them by
//! index; loading interns them in that order first, so symbols (and with them the order of a
//! node's relationships) come back as they were.

use super::StoreError;
use super::budget::Budget;
use super::files::{check_version, le_u32, le_u64};
use crate::graph::{
    Citation, Cited, ConstraintDef, GraphRead, IndexDef, MemoryGraph, Mutation, Symbol,
};
use crate::model::{NodeId, RelId, Value};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};
use std::path::Path;
use std::sync::Arc;

pub const SNAPSHOT_FILE: &str = "snapshot.kg";
/// Version 2 added the declared indexes and constraints after the graph; version 1
/// snapshots are read as having none. Version 3 added the citations after them; older
/// snapshots are read as having none.
pub const VERSION: u32 = 3;
const OLDEST_VERSION: u32 = 1;
const MAGIC: [u8; 8] = *b"\x89KGSNP\r\n";
pub const HEADER_LEN: usize = 40;

/// What a snapshot holds, as read back.
pub struct Decoded {
    pub graph: MemoryGraph,
    /// The format version read: older than `VERSION` means the next checkpoint upgrades it.
    pub version: u32,
    /// The last log record the snapshot includes.
    pub seq: u64,
    pub nodes: usize,
    pub rels: usize,
}

pub fn encode(graph: &MemoryGraph, seq: u64) -> Result<Vec<u8>, StoreError> {
    let failed = |e: bincode::error::EncodeError| StoreError::Encode {
        what: "the snapshot",
        reason: e.to_string(),
    };
    let config = bincode::config::standard();
    let mut body = bincode::serde::encode_to_vec(GraphImage(graph), config).map_err(failed)?;
    let (indexes, constraints) = graph.schema().declarations();
    let declarations = Declarations {
        indexes,
        constraints,
    };
    body.extend(bincode::serde::encode_to_vec(&declarations, config).map_err(failed)?);
    let citations: Vec<(Cited, &[Citation])> = graph.citations().all().collect();
    body.extend(bincode::serde::encode_to_vec(&citations, config).map_err(failed)?);
    Ok(frame(&body, seq))
}

/// The snapshot file: the header, with its checksums, then `body`.
pub fn frame(body: &[u8], seq: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&seq.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
    let header_crc = crc32fast::hash(&out);
    out.extend_from_slice(&header_crc.to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// Checks the header and returns the format version, the sequence number and the body.
fn check<'b>(bytes: &'b [u8], path: &Path) -> Result<(u32, u64, &'b [u8]), StoreError> {
    let damaged = |offset: u64, reason: String| StoreError::damaged(path, offset, reason);
    if bytes.is_empty() {
        return Err(damaged(0, "the file is empty".into()));
    }
    if bytes.len() < HEADER_LEN {
        return Err(damaged(
            bytes.len() as u64,
            format!(
                "the file ends at {} bytes, inside the {HEADER_LEN}-byte header",
                bytes.len()
            ),
        ));
    }
    if bytes[..8] != MAGIC {
        return Err(damaged(0, "bad magic number: not a kg snapshot".into()));
    }
    // The version is checked before the header checksum: a newer kg may lay out its header
    // differently, and "written by a newer kg" is the useful thing to say then.
    let version = check_version(path, bytes, OLDEST_VERSION, VERSION)?;
    if le_u32(bytes, 36) != crc32fast::hash(&bytes[..36]) {
        return Err(damaged(36, "header checksum mismatch".into()));
    }
    let seq = le_u64(bytes, 16);
    let body_len = le_u64(bytes, 24);
    let actual = (bytes.len() - HEADER_LEN) as u64;
    if actual < body_len {
        return Err(damaged(
            bytes.len() as u64,
            format!("the file is truncated: the body should be {body_len} bytes but is {actual}"),
        ));
    }
    if actual > body_len {
        return Err(damaged(
            HEADER_LEN as u64 + body_len,
            format!("{} unexpected bytes after the body", actual - body_len),
        ));
    }
    let body = &bytes[HEADER_LEN..];
    if le_u32(bytes, 32) != crc32fast::hash(body) {
        return Err(damaged(
            HEADER_LEN as u64,
            format!(
                "body checksum mismatch (bytes {HEADER_LEN}..{})",
                bytes.len()
            ),
        ));
    }
    Ok((version, seq, body))
}

pub fn decode(bytes: &[u8], path: &Path, budget: &Budget) -> Result<Decoded, StoreError> {
    let (version, seq, body) = check(bytes, path)?;
    super::files::with_decoding_stack(|| load(body, version, seq, path, budget))
}

/// Reads the body field by field, so that damage is reported at the record it is in, and
/// every id and count is checked before anything is sized by it (see `budget.rs`).
fn load(
    body: &[u8],
    version: u32,
    seq: u64,
    path: &Path,
    budget: &Budget,
) -> Result<Decoded, StoreError> {
    let mut r = Reader { body, at: 0, path };
    let ids_at = r.offset_of(0);
    let next_node: u64 = r.next("the next node id")?;
    let next_rel: u64 = r.next("the next relationship id")?;
    budget.ids(path, ids_at, next_node, next_rel)?;
    let count = r.count("names", 1)?;
    let mut names: Vec<Arc<str>> = Vec::with_capacity(count);
    for _ in 0..count {
        names.push(r.next("a name")?);
    }
    let name = |i: u32, at: u64| -> Result<Arc<str>, StoreError> {
        names.get(i as usize).cloned().ok_or_else(|| {
            StoreError::damaged(path, at, format!("name {i} is not in the name table"))
        })
    };
    let named = |props: Vec<(u32, Value)>, at| -> Result<Vec<(Arc<str>, Value)>, StoreError> {
        props
            .into_iter()
            .map(|(k, v)| Ok((name(k, at)?, v)))
            .collect()
    };
    // A node record is at least its id, its label count and its property count.
    let node_count = r.count("nodes", 3)?;
    let mut graph = MemoryGraph::new();
    for n in &names {
        graph.names().intern(n);
    }
    graph
        .reserve_ids(NodeId(next_node), RelId(next_rel))
        .map_err(|e| r.damaged(0, format!("the id counters do not load: {e}")))?;
    graph.begin_bulk_load();
    // Records go in through `apply`, like every other change, so the label index, the
    // adjacency lists and the counts are built by the code that maintains them.
    for _ in 0..node_count {
        let at = r.offset_of(0);
        let node: NodeImage = r.next("a node")?;
        let id = NodeId(node.id);
        if node.id >= next_node {
            return Err(r.damaged_at(
                at,
                format!("node {id} is not below the next node id {next_node}"),
            ));
        }
        budget.memory(path, at, node.props.len())?;
        let labels = node
            .labels
            .iter()
            .map(|l| name(*l, at))
            .collect::<Result<_, _>>()?;
        let m = Mutation::CreateNode {
            id,
            labels,
            props: named(node.props, at)?,
        };
        graph
            .apply(m)
            .map_err(|e| r.damaged_at(at, format!("node {id} does not load: {e}")))?;
    }
    // A relationship record is at least its id, type, two ends and property count.
    let rel_count = r.count("relationships", 5)?;
    for _ in 0..rel_count {
        let at = r.offset_of(0);
        let rel: RelImage = r.next("a relationship")?;
        let id = RelId(rel.id);
        if rel.id >= next_rel {
            return Err(r.damaged_at(
                at,
                format!("relationship {id} is not below the next relationship id {next_rel}"),
            ));
        }
        budget.memory(path, at, rel.props.len())?;
        let m = Mutation::CreateRel {
            id,
            ty: name(rel.ty, at)?,
            start: NodeId(rel.start),
            end: NodeId(rel.end),
            props: named(rel.props, at)?,
        };
        graph
            .apply(m)
            .map_err(|e| r.damaged_at(at, format!("relationship {id} does not load: {e}")))?;
    }
    graph.end_bulk_load();
    if version >= 2 {
        let at = r.offset_of(0);
        let d: Declarations = r.next("the declarations")?;
        let declared = d
            .indexes
            .into_iter()
            .map(Mutation::CreateIndex)
            .chain(d.constraints.into_iter().map(Mutation::CreateConstraint));
        for m in declared {
            graph.apply(m).map_err(|e| {
                r.damaged_at(
                    at,
                    format!("a declared index or constraint does not load: {e}"),
                )
            })?;
        }
    }
    if version >= 3 {
        let at = r.offset_of(0);
        let citations: Vec<(Cited, Vec<Citation>)> = r.next("the citations")?;
        for (entity, citations) in citations {
            graph
                .apply(Mutation::SetCitations { entity, citations })
                .map_err(|e| {
                    r.damaged_at(at, format!("the citations of {entity:?} do not load: {e}"))
                })?;
        }
    }
    if r.at != body.len() {
        return Err(r.damaged(0, "the body has trailing bytes".into()));
    }
    Ok(Decoded {
        graph,
        version,
        seq,
        nodes: node_count,
        rels: rel_count,
    })
}

/// Reads the snapshot body one bincode value at a time, knowing where it is.
struct Reader<'b> {
    body: &'b [u8],
    at: usize,
    path: &'b Path,
}

impl Reader<'_> {
    /// The file offset of the byte `ahead` of the next value.
    fn offset_of(&self, ahead: usize) -> u64 {
        (HEADER_LEN + self.at + ahead) as u64
    }

    fn damaged(&self, ahead: usize, reason: String) -> StoreError {
        StoreError::damaged(self.path, self.offset_of(ahead), reason)
    }

    fn damaged_at(&self, offset: u64, reason: String) -> StoreError {
        StoreError::damaged(self.path, offset, reason)
    }

    fn next<T: serde::de::DeserializeOwned>(&mut self, what: &str) -> Result<T, StoreError> {
        let (value, used) = super::files::decode_bounded(&self.body[self.at..]).map_err(|e| {
            let why = super::files::decode_error_text(&e);
            self.damaged(0, format!("{what} does not decode: {why}"))
        })?;
        self.at += used;
        Ok(value)
    }

    /// A sequence's length, checked against the bytes left: each item takes at least `least`.
    fn count(&mut self, what: &str, least: u64) -> Result<usize, StoreError> {
        let at = self.offset_of(0);
        let count: u64 = self.next(&format!("the number of {what}"))?;
        Budget::count(self.path, at, what, count, least, self.body.len() - self.at)
    }
}

/// The declared indexes and constraints, after the graph (version 2).
#[derive(Serialize, Deserialize)]
struct Declarations {
    indexes: Vec<IndexDef>,
    constraints: Vec<ConstraintDef>,
}

/// A node as the snapshot holds it (`GraphImage` writes the same shape straight from the graph).
#[derive(Deserialize)]
struct NodeImage {
    id: u64,
    labels: Vec<u32>,
    props: Vec<(u32, Value)>,
}

#[derive(Deserialize)]
struct RelImage {
    id: u64,
    ty: u32,
    start: u64,
    end: u64,
    props: Vec<(u32, Value)>,
}

/// Serialises the graph without copying it into `Image` first.
struct GraphImage<'g>(&'g MemoryGraph);

impl Serialize for GraphImage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut st = s.serialize_struct("Image", 5)?;
        st.serialize_field("next_node", &g.next_node_id().0)?;
        st.serialize_field("next_rel", &g.next_rel_id().0)?;
        st.serialize_field("names", &Names(g))?;
        st.serialize_field("nodes", &Nodes(g))?;
        st.serialize_field("rels", &Rels(g))?;
        st.end()
    }
}

struct Names<'g>(&'g MemoryGraph);
struct Nodes<'g>(&'g MemoryGraph);
struct Rels<'g>(&'g MemoryGraph);
struct Props<'g>(&'g [(Symbol, Value)]);

impl Serialize for Names<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names = self.0.names().all();
        let mut seq = s.serialize_seq(Some(names.len()))?;
        for name in &names {
            seq.serialize_element(&**name)?;
        }
        seq.end()
    }
}

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut seq = s.serialize_seq(Some(g.node_count()))?;
        for id in g.node_ids() {
            let labels: Vec<u32> = g.node_labels(id).iter().map(|l| l.0).collect();
            seq.serialize_element(&(id.0, labels, Props(&g.node_props(id))))?;
        }
        seq.end()
    }
}

impl Serialize for Rels<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut seq = s.serialize_seq(Some(g.rel_count()))?;
        for id in g.rel_ids() {
            let (Some(ty), Some((start, end))) = (g.rel_type(id), g.rel_ends(id)) else {
                continue;
            };
            let r = (id.0, ty.0, start.0, end.0, Props(&g.rel_props(id)));
            seq.serialize_element(&r)?;
        }
        seq.end()
    }
}

impl Serialize for Props<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (k, v) in self.0 {
            seq.serialize_element(&(k.0, v))?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Direction;

    fn sample() -> MemoryGraph {
        let mut g = MemoryGraph::new();
        g.names().intern("unused");
        for i in 0..3u64 {
            g.apply(Mutation::CreateNode {
                id: NodeId(i * 2),
                labels: vec![Arc::from("A"), Arc::from("B")],
                props: vec![(Arc::from("k"), Value::Int(i as i64))],
            })
            .unwrap();
        }
        g.apply(Mutation::CreateRel {
            id: RelId(5),
            ty: Arc::from("T"),
            start: NodeId(0),
            end: NodeId(4),
            props: vec![(Arc::from("w"), Value::str("x"))],
        })
        .unwrap();
        g.reserve_ids(NodeId(9), RelId(7)).unwrap();
        g
    }

    #[test]
    fn a_graph_round_trips_with_its_ids_and_symbols() {
        let g = sample();
        let bytes = encode(&g, 42).unwrap();
        let loaded = decode(&bytes, Path::new("snapshot.kg"), &Budget::standard()).unwrap();
        assert_eq!(loaded.seq, 42);
        let h = loaded.graph;
        assert_eq!(h.next_node_id(), NodeId(9));
        assert_eq!(h.next_rel_id(), RelId(7));
        assert_eq!(h.names().get("A"), g.names().get("A"));
        assert_eq!(
            h.node_ids().collect::<Vec<_>>(),
            vec![NodeId(0), NodeId(2), NodeId(4)]
        );
        let incoming: Vec<_> =
            crate::graph::neighbours(&h, NodeId(4), Some(Direction::Incoming), &[]).collect();
        assert_eq!(incoming, vec![(RelId(5), NodeId(0))]);
        let key = h.names().get("w").unwrap();
        assert_eq!(h.rel_prop(RelId(5), key), Value::str("x"));
    }

    #[test]
    fn damage_is_reported_with_an_offset_never_a_panic() {
        let bytes = encode(&sample(), 1).unwrap();
        for cut in 0..bytes.len() {
            assert!(
                decode(&bytes[..cut], Path::new("s"), &Budget::standard()).is_err(),
                "cut at {cut}"
            );
        }
        for byte in 0..bytes.len() {
            let mut b = bytes.clone();
            b[byte] ^= 0x10;
            let err = decode(&b, Path::new("s"), &Budget::standard())
                .err()
                .expect("flip must be caught");
            assert!(
                matches!(err, StoreError::Damaged { .. } | StoreError::Version { .. }),
                "{err}"
            );
        }
    }
}
