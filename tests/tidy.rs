//! Crate confinement, checked on the source: each outside crate is named only by the module
//! that owns it (see ARCHITECTURE.md), so that a file format or a graph library stays
//! replaceable in one place.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn outside_crates_stay_in_their_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // (crate as named in code, the only places allowed to name it)
    let rules: [(&str, &[&str]); 9] = [
        ("bincode::", &["persist/"]),
        ("cap::", &["main.rs"]),
        ("chrono_tz::", &["model/temporal/zone.rs"]),
        ("fd_lock::", &["persist/lock.rs"]),
        ("humantime::", &["limits.rs"]),
        ("parse_size::", &["limits.rs"]),
        ("petgraph::", &["graph/"]),
        ("pest::", &["syntax/"]),
        ("stacker::", &["stack.rs"]),
    ];
    let mut broken = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        for (name, allowed) in rules {
            if text.contains(name) && !allowed.iter().any(|a| rel.starts_with(a)) {
                broken.push(format!("src/{rel} names {name}"));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
