//! Query text through parsing, planning and execution (both executors) on the seed graph,
//! under small time and memory limits. Any error is fine; a panic or abort is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The length's parity picks the executor, so one input always runs the same way.
    let mut db = kg_fuzz::seed_db(data.len() % 2 == 1);
    let params = kg_fuzz::params();
    let _ = db.explain(text);
    let _ = db.run(text, &params);
});
