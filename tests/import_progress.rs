//! An import reports its progress through the caller's callback: growing counts of bytes
//! read, then one last report, also when the import fails.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod io_support;

use io_support::scratch;
use kg::import::{self, ImportOptions, OnProgress, Progress};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Options whose callback keeps every report, and the reports.
fn recording() -> (ImportOptions, Arc<Mutex<Vec<Progress>>>) {
    let reports = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&reports);
    let options = ImportOptions {
        progress: Some(OnProgress::new(move |p| kept.lock().unwrap().push(p))),
        ..ImportOptions::default()
    };
    (options, reports)
}

fn file_bytes(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum()
}

/// Reports grow, every one but the last is unfinished, and the last is finished.
fn check_growing(reports: &[Progress], total: u64) {
    assert!(reports.len() >= 2, "{reports:?}");
    let (last, before) = reports.split_last().unwrap();
    assert!(last.finished);
    assert!(before.iter().all(|p| !p.finished && p.total == total));
    assert!(
        before.windows(2).all(|w| w[0].read < w[1].read),
        "{reports:?}"
    );
    assert!(before.iter().all(|p| p.read <= total));
    assert_eq!(last.total, total);
}

#[test]
fn a_csv_import_reports_growing_counts_up_to_its_files_size() {
    let seed = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data/seed-csv"));
    let files = vec![seed.join("nodes.csv"), seed.join("relationships.csv")];
    let (options, reports) = recording();
    let imported = import::load(&files, &options).unwrap();
    assert!(imported.report.nodes > 0);
    let reports = reports.lock().unwrap();
    let total = file_bytes(&files);
    check_growing(&reports, total);
    assert_eq!(reports.last().unwrap().read, total);
}

#[test]
fn a_script_import_into_a_database_reports_its_whole_size() {
    let script = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/graph-data/social/load.cypher"
    ));
    let (options, reports) = recording();
    let mut db = kg::Database::in_memory();
    import::load_into(&mut db, std::slice::from_ref(&script), &options).unwrap();
    let reports = reports.lock().unwrap();
    let total = file_bytes(std::slice::from_ref(&script));
    check_growing(&reports, total);
    assert_eq!(reports.last().unwrap().read, total);
}

#[test]
fn a_failed_import_still_reports_that_it_finished() {
    let dir = scratch("import-progress-failed");
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, "{\"type\":\"node\",\"id\":\"1\"}\nnot json\n").unwrap();
    let (options, reports) = recording();
    assert!(import::load(std::slice::from_ref(&bad), &options).is_err());
    let reports = reports.lock().unwrap();
    let last = reports.last().expect("a last report");
    assert!(last.finished);
    assert_eq!(reports.iter().filter(|p| p.finished).count(), 1);
}

#[test]
fn without_a_callback_nothing_is_reported_and_the_import_loads() {
    let seed = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data/seed-csv"));
    let imported = import::load(&[seed], &ImportOptions::default()).unwrap();
    assert!(imported.report.nodes > 0);
}
