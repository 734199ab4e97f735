//! The snapshot decoder. With an even first byte the rest is a snapshot body, framed with a
//! valid header and checksums (as a hostile file would be), so that the fuzzer reaches the
//! decoding and loading behind them; with an odd one the rest is the whole file. A snapshot
//! that loads must encode again and load to the same counts.
#![no_main]

use kg::graph::GraphRead;
use kg::persist::raw;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&how, rest)) = data.split_first() else {
        return;
    };
    let file = if how % 2 == 0 {
        raw::snapshot_file(rest, 0)
    } else {
        rest.to_vec()
    };
    kg_fuzz::init();
    let Ok(graph) = raw::decode_snapshot(&file, Some(kg_fuzz::DECODE_MEMORY)) else {
        return;
    };
    let again = raw::encode_snapshot(&graph, 0).expect("a loaded graph encodes");
    let back = raw::decode_snapshot(&again, None).expect("an encoded graph decodes");
    assert_eq!(
        (back.node_count(), back.rel_count()),
        (graph.node_count(), graph.rel_count())
    );
});
