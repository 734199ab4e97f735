//! `--param NAME=VALUE`: the name read as `$NAME` and the value as a single expression, through
//! the library calls the command line and the shell use (`syntax::parameter_name`,
//! `Database::evaluate`), with small limits.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (name, value) = text.split_once('=').unwrap_or(("p", text));
    let _ = kg::syntax::parameter_name(name);
    let mut db = kg_fuzz::empty_db();
    let _ = db.evaluate(value, &kg::Params::new());
});
