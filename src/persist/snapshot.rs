//! The snapshot: the whole graph as model records (ids, labels, types, properties and the
//! next ids to hand out), never petgraph internals.
//!
//! ```text
//! header (40 bytes): magic (8) | format version u32 | reserved u32 (0) |
//!                    last log sequence number included u64 | body length u64 |
//!                    body CRC32 | CRC32 of the 36 bytes before
//! body: bincode of { next_node, next_rel, names, nodes, rels }
//!       then (version 2) bincode of { indexes, constraints }
//! ```
//!
//! Names (labels, types, keys) are stored once, in symbol order, and records refer to them by
//! index; loading interns them in that order first, so symbols (and with them the order of a
//! node's relationships) come back as they were.

use super::StoreError;
use super::files::{check_version, le_u32, le_u64};
use crate::graph::{ConstraintDef, GraphRead, IndexDef, MemoryGraph, Mutation, Symbol};
use crate::model::{NodeId, RelId, Value};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};
use std::path::Path;
use std::sync::Arc;

pub const SNAPSHOT_FILE: &str = "snapshot.kg";
/// Version 2 added the declared indexes and constraints after the graph; version 1
/// snapshots are read as having none.
pub const VERSION: u32 = 2;
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

pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded, StoreError> {
    let (version, seq, body) = check(bytes, path)?;
    let damaged = |reason: String| StoreError::damaged(path, HEADER_LEN as u64, reason);
    let config = bincode::config::standard();
    let (image, used): (Image, usize) =
        super::files::with_decoding_stack(|| bincode::serde::decode_from_slice(body, config))
            .map_err(|e| {
                let why = super::files::decode_error_text(&e);
                damaged(format!("the body does not decode: {why}"))
            })?;
    let declarations = if version >= 2 {
        let (d, rest): (Declarations, usize) = super::files::with_decoding_stack(|| {
            bincode::serde::decode_from_slice(&body[used..], config)
        })
        .map_err(|e| {
            let why = super::files::decode_error_text(&e);
            damaged(format!("the declarations do not decode: {why}"))
        })?;
        Some((d, used + rest))
    } else {
        None
    };
    let end = declarations.as_ref().map_or(used, |(_, end)| *end);
    if end != body.len() {
        return Err(damaged("the body has trailing bytes".into()));
    }
    let Image {
        next_node,
        next_rel,
        names,
        nodes,
        rels,
    } = image;
    let name = |i: u32| -> Result<Arc<str>, StoreError> {
        names
            .get(i as usize)
            .cloned()
            .ok_or_else(|| damaged(format!("name {i} is not in the name table")))
    };
    let named = |props: Vec<(u32, Value)>| -> Result<Vec<(Arc<str>, Value)>, StoreError> {
        props.into_iter().map(|(k, v)| Ok((name(k)?, v))).collect()
    };
    let (node_count, rel_count) = (nodes.len(), rels.len());
    let mut graph = MemoryGraph::with_capacity(node_count, rel_count);
    for n in &names {
        graph.names().intern(n);
    }
    graph.begin_bulk_load();
    // Records go in through `apply`, like every other change, so the label index, the
    // adjacency lists and the counts are built by the code that maintains them.
    for node in nodes {
        let id = NodeId(node.id);
        let labels = node
            .labels
            .iter()
            .map(|l| name(*l))
            .collect::<Result<_, _>>()?;
        let m = Mutation::CreateNode {
            id,
            labels,
            props: named(node.props)?,
        };
        graph
            .apply(m)
            .map_err(|e| damaged(format!("node {id} does not load: {e}")))?;
    }
    for rel in rels {
        let id = RelId(rel.id);
        let m = Mutation::CreateRel {
            id,
            ty: name(rel.ty)?,
            start: NodeId(rel.start),
            end: NodeId(rel.end),
            props: named(rel.props)?,
        };
        graph
            .apply(m)
            .map_err(|e| damaged(format!("relationship {id} does not load: {e}")))?;
    }
    graph.end_bulk_load();
    graph
        .reserve_ids(NodeId(next_node), RelId(next_rel))
        .map_err(|e| damaged(format!("the id counters do not load: {e}")))?;
    if let Some((d, _)) = declarations {
        let declared = d
            .indexes
            .into_iter()
            .map(Mutation::CreateIndex)
            .chain(d.constraints.into_iter().map(Mutation::CreateConstraint));
        for m in declared {
            graph.apply(m).map_err(|e| {
                damaged(format!("a declared index or constraint does not load: {e}"))
            })?;
        }
    }
    Ok(Decoded {
        graph,
        version,
        seq,
        nodes: node_count,
        rels: rel_count,
    })
}

/// The declared indexes and constraints, after the graph (version 2).
#[derive(Serialize, Deserialize)]
struct Declarations {
    indexes: Vec<IndexDef>,
    constraints: Vec<ConstraintDef>,
}

/// The snapshot body as decoded. `GraphImage` writes the same shape straight from the graph.
#[derive(Deserialize)]
struct Image {
    next_node: u64,
    next_rel: u64,
    names: Vec<Arc<str>>,
    nodes: Vec<NodeImage>,
    rels: Vec<RelImage>,
}

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
        let loaded = decode(&bytes, Path::new("snapshot.kg")).unwrap();
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
                decode(&bytes[..cut], Path::new("s")).is_err(),
                "cut at {cut}"
            );
        }
        for byte in 0..bytes.len() {
            let mut b = bytes.clone();
            b[byte] ^= 0x10;
            let err = decode(&b, Path::new("s"))
                .err()
                .expect("flip must be caught");
            assert!(
                matches!(err, StoreError::Damaged { .. } | StoreError::Version { .. }),
                "{err}"
            );
        }
    }
}
