//! Store files written on purpose: valid checksums around ids and lengths no kg wrote. Each
//! must be reported by `kg check` as damage with its file and byte offset, and refused by an
//! open with a clear error, without allocating what the file asks for. kg runs as a child
//! process (under an address-space limit, which also keeps a regression from taking the
//! machine's memory), so an abort is a failed assertion rather than a dead test run.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::store::Scratch;
use kg::graph::Mutation;
use kg::{NodeId, Value};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

/// The address space kg gets: with it, the memory limit it derives is at most 2 GiB.
const ADDRESS_SPACE_KIB: u64 = 4 << 20;

struct Run {
    code: Option<i32>,
    out: String,
}

fn kg(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_kg"))
        .arg("--db")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Run {
        code: output.status.code(),
        out,
    }
}

fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    bincode::serde::encode_to_vec(value, bincode::config::standard()).unwrap()
}

/// A snapshot file around `body`, framed as `src/persist/snapshot.rs` documents: magic,
/// version 2, reserved, the last log record included, body length, body CRC, header CRC.
fn snapshot_file(body: &[u8]) -> Vec<u8> {
    let mut out = b"\x89KGSNP\r\n".to_vec();
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&0u64.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(body);
    out
}

type NodeRecord = (u64, Vec<u32>, Vec<(u32, Value)>);

/// A snapshot body: the next ids, the name table, the nodes, no relationships, and no
/// declared indexes or constraints.
fn snapshot_body(next_node: u64, names: &[&str], nodes: &[NodeRecord]) -> Vec<u8> {
    let mut body = encode(&(next_node, 0u64, names, nodes, Vec::<u8>::new()));
    body.extend_from_slice(&[0, 0]);
    body
}

/// A log file with one record, framed as `src/persist/wal.rs` documents.
fn log_file(next_node: u64, payload: &[u8]) -> Vec<u8> {
    let mut out = b"\x89KGWAL\r\n".to_vec();
    out.extend_from_slice(&2u32.to_le_bytes());
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    let mut header = Vec::new();
    header.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    header.extend_from_slice(&1u64.to_le_bytes()); // sequence number
    header.extend_from_slice(&next_node.to_le_bytes());
    header.extend_from_slice(&0u64.to_le_bytes()); // next relationship id
    header.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    let crc = crc32fast::hash(&header);
    header.extend_from_slice(&crc.to_le_bytes());
    out.extend(header);
    out.extend_from_slice(payload);
    out
}

/// A store directory holding the given files, and nothing written by kg.
fn store(scratch: &Scratch, files: &[(&str, Vec<u8>)]) -> std::path::PathBuf {
    let dir = scratch.store();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

/// `kg check` reports `expected` (file, offset and reason) as damage, and opening the store
/// for a query fails with it; neither aborts, and neither changes the files.
fn refused(dir: &Path, expected: &[&str]) {
    let before: Vec<_> = ["snapshot.kg", "wal.kg"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).ok())
        .collect();
    let check = kg(dir, &["check"]);
    assert_eq!(check.code, Some(3), "check: {}", check.out);
    let open = kg(dir, &["query", "MATCH (n) RETURN count(n)"]);
    assert_eq!(open.code, Some(3), "open: {}", open.out);
    assert!(open.out.contains("cannot open the store"), "{}", open.out);
    for needle in expected {
        assert!(check.out.contains(needle), "check: {needle}: {}", check.out);
        assert!(open.out.contains(needle), "open: {needle}: {}", open.out);
    }
    let after: Vec<_> = ["snapshot.kg", "wal.kg"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).ok())
        .collect();
    assert!(before == after, "the files changed");
}

#[test]
fn a_snapshot_node_id_past_the_id_range_is_damage() {
    let scratch = Scratch::new("hostile-snapshot-2-40");
    let id = 1u64 << 40;
    let body = snapshot_body(id + 1, &["A"], &[(id, vec![0], vec![])]);
    let dir = store(&scratch, &[("snapshot.kg", snapshot_file(&body))]);
    refused(
        &dir,
        &[
            "snapshot.kg is damaged at byte 40",
            "the next node id 1099511627777 is beyond the 4294967294 a graph can hold",
        ],
    );
}

#[test]
fn a_snapshot_node_id_in_range_but_far_past_the_data_is_damage() {
    let scratch = Scratch::new("hostile-snapshot-2-32");
    let id = (1u64 << 32) - 3;
    // Named as the next id: 16 GiB of tables for one node.
    let body = snapshot_body(id + 1, &["A"], &[(id, vec![0], vec![])]);
    let dir = store(&scratch, &[("snapshot.kg", snapshot_file(&body))]);
    refused(
        &dir,
        &[
            "snapshot.kg is damaged at byte 40",
            "ids up to 4294967294 (nodes) and 0 (relationships) would take 16.0 GiB of tables",
        ],
    );
    // Not named: the node is past the next id the snapshot gives, which no kg writes. The
    // node record starts after the two ids (one byte each), the name table (3 bytes) and
    // the node count (1 byte).
    let body = snapshot_body(2, &["A"], &[(id, vec![0], vec![])]);
    let dir = store(&scratch, &[("snapshot.kg", snapshot_file(&body))]);
    refused(
        &dir,
        &[
            "snapshot.kg is damaged at byte 46",
            "node 4294967293 is not below the next node id 2",
        ],
    );
}

#[test]
fn a_snapshot_count_larger_than_the_file_is_damage() {
    let scratch = Scratch::new("hostile-snapshot-count");
    let mut body = encode(&(3u64, 0u64, vec!["A"]));
    // The node count, as a 9-byte varint: 2^50 nodes in a file of a few bytes.
    body.push(253);
    body.extend_from_slice(&(1u64 << 50).to_le_bytes());
    body.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let dir = store(&scratch, &[("snapshot.kg", snapshot_file(&body))]);
    refused(
        &dir,
        &[
            "snapshot.kg is damaged at byte 45",
            "the file says 1125899906842624 nodes follow, but the 6 bytes left hold at most 2",
        ],
    );
}

#[test]
fn a_log_record_naming_a_next_id_far_past_the_data_is_damage() {
    let scratch = Scratch::new("hostile-log-next-id");
    let payload = encode(&Vec::<Mutation>::new());
    let next = (1u64 << 32) - 3;
    let dir = store(&scratch, &[("wal.kg", log_file(next, &payload))]);
    // The record starts after the 16-byte file header; its next node id 12 bytes in.
    refused(
        &dir,
        &[
            "wal.kg is damaged at byte 28",
            "ids up to 4294967293 (nodes) and 0 (relationships) would take 16.0 GiB of tables",
        ],
    );
}

#[test]
fn a_log_record_creating_a_node_past_its_next_id_is_damage() {
    let scratch = Scratch::new("hostile-log-create");
    let payload = encode(&vec![Mutation::CreateNode {
        id: NodeId((1 << 32) - 3),
        labels: vec![],
        props: vec![],
    }]);
    let dir = store(&scratch, &[("wal.kg", log_file(1, &payload))]);
    refused(
        &dir,
        &[
            "wal.kg is damaged at byte 16",
            "record 1 creates node 4294967293, not below the next node id 1 it names",
        ],
    );
}

#[test]
fn a_text_length_larger_than_the_file_is_damage() {
    // A label of 4 letters whose length prefix is rewritten to 2^40: bincode would size
    // the text by the prefix before reading it.
    let scratch = Scratch::new("hostile-log-text");
    let payload = encode(&vec![Mutation::CreateNode {
        id: NodeId(0),
        labels: vec![Arc::from("QQQQ")],
        props: vec![(Arc::from("k"), Value::Int(1))],
    }]);
    let at = payload.windows(5).position(|w| w == b"\x04QQQQ").unwrap();
    let mut hostile = payload[..at].to_vec();
    hostile.push(253);
    hostile.extend_from_slice(&(1u64 << 40).to_le_bytes());
    hostile.extend_from_slice(&payload[at + 1..]);
    let dir = store(&scratch, &[("wal.kg", log_file(1, &hostile))]);
    refused(
        &dir,
        &["wal.kg is damaged at byte 16", "record does not decode"],
    );
}

#[test]
fn a_snapshot_naming_a_next_id_far_past_its_nodes_is_damage() {
    // Found by the `snapshot` fuzz target: no nodes, and a next node id of 1,351,045,254
    // (5 GiB of tables, more than the 2 GiB limit under the address-space limit).
    let scratch = Scratch::new("hostile-snapshot-next-id");
    let body = snapshot_body(1_351_045_254, &[], &[]);
    let dir = store(&scratch, &[("snapshot.kg", snapshot_file(&body))]);
    refused(
        &dir,
        &[
            "snapshot.kg is damaged at byte 40",
            "ids up to 1351045254 (nodes) and 0 (relationships) would take 5.0 GiB of tables",
        ],
    );
}

#[test]
fn a_node_with_more_properties_than_memory_holds_is_damage() {
    // Each property of a new key may start a column part of its own (1,024 values): 200,000
    // keys on one node ask for gigabytes from a file of a few hundred kilobytes.
    let scratch = Scratch::new("hostile-snapshot-props");
    let names: Vec<String> = (0..200_000).map(|i| format!("k{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let props = (0..200_000u32).map(|i| (i, Value::Int(1))).collect();
    let body = snapshot_body(1, &names, &[(0, vec![], props)]);
    let dir = store(&scratch, &[("snapshot.kg", snapshot_file(&body))]);
    refused(
        &dir,
        &[
            "snapshot.kg is damaged at byte",
            "loading the file up to here takes",
        ],
    );
}
