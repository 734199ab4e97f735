//! Import: the first byte picks the format (0 CSV, 1 JSON, 2 JSON lines, 3 a script), the
//! rest is the file; CSV input may hold several files split by a line `%%` (node files and
//! relationship files). Loaded into an empty database with small limits, all or nothing, and
//! into a new graph.
#![no_main]

use kg::import::{ImportFormat, ImportOptions, load_into};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, content)) = data.split_first() else {
        return;
    };
    let (format, ext) = match which % 4 {
        0 => (ImportFormat::Csv, "csv"),
        1 => (ImportFormat::Json, "json"),
        2 => (ImportFormat::Jsonl, "jsonl"),
        _ => (ImportFormat::Cypher, "cypher"),
    };
    let dir = kg_fuzz::scratch();
    let parts: Vec<&[u8]> = if format == ImportFormat::Csv {
        split(content, b"\n%%\n")
    } else {
        vec![content]
    };
    let mut paths = Vec::new();
    for (i, part) in parts.iter().enumerate().take(4) {
        let path = dir.join(format!("input{i}.{ext}"));
        if std::fs::write(&path, part).is_err() {
            return;
        }
        paths.push(path);
    }
    let options = ImportOptions {
        format: Some(format),
        // With and without skipping bad rows (which then go nowhere but the report).
        skip_bad: which & 4 != 0,
        ..ImportOptions::default()
    };
    let mut db = kg_fuzz::empty_db();
    let _ = load_into(&mut db, &paths, &options);
    // The same files into a new graph: there CSV texts are interned by the reading thread.
    let _ = kg::import::load(&paths, &options);
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
});

fn split<'a>(mut bytes: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = bytes.windows(separator.len()).position(|w| w == separator) {
        parts.push(&bytes[..at]);
        bytes = &bytes[at + separator.len()..];
    }
    parts.push(bytes);
    parts
}
