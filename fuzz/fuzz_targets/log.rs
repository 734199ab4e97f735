//! The log decoder and replay on the seed graph. The input's first two bytes pick the id
//! high-water marks the record names (255: close to the largest id), the rest is the payload
//! of one record (bincode of `Vec<Mutation>`), framed with valid checksums; a record that
//! does not apply must leave the graph as it was.
#![no_main]

use kg::graph::GraphRead;
use kg::persist::raw;
use libfuzzer_sys::fuzz_target;

fn mark(byte: u8) -> u64 {
    if byte == 255 {
        u64::from(u32::MAX) - 3
    } else {
        u64::from(byte)
    }
}

fuzz_target!(|data: &[u8]| {
    let [n, r, payload @ ..] = data else {
        return;
    };
    let file = raw::log_file(&[payload], 1, (mark(*n), mark(*r)));
    let mut graph = kg_fuzz::seed_graph().clone();
    let before = (graph.node_count(), graph.rel_count());
    kg_fuzz::init();
    if raw::replay_log(&mut graph, 0, &file, Some(kg_fuzz::DECODE_MEMORY)).is_err() {
        assert_eq!((graph.node_count(), graph.rel_count()), before);
    }
});
