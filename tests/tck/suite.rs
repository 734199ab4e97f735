//! Finding and reading the feature files of a directory.

use crate::config::skip_tag;
use crate::gherkin::{Scenario, parse_feature};
use crate::steps;
use std::path::{Path, PathBuf};

/// Every scenario of every `.feature` file under `dir`, in path order, and the files that
/// could not be read or parsed.
pub fn load_scenarios(dir: &Path) -> (Vec<Scenario>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    collect_feature_files(dir, &mut files, &mut errors);
    files.sort();
    let mut scenarios = Vec::new();
    for path in files {
        let relative = path.strip_prefix(dir).unwrap_or(&path);
        let file = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>();
        let file = file.join("/");
        match std::fs::read_to_string(&path) {
            Ok(source) => match parse_feature(&file, &source) {
                Ok(parsed) => scenarios.extend(parsed),
                Err(error) => errors.push(error),
            },
            Err(error) => errors.push(format!("{}: {error}", path.display())),
        }
    }
    (scenarios, errors)
}

fn collect_feature_files(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return errors.push(format!("{}: {error}", dir.display())),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_feature_files(&path, files, errors);
        } else if path.extension().is_some_and(|e| e == "feature") {
            files.push(path);
        }
    }
}

/// Counts what was read and lists steps the harness cannot interpret.
pub fn print_parse_summary(scenarios: &[Scenario]) {
    let files: std::collections::BTreeSet<&str> =
        scenarios.iter().map(|s| s.key.file.as_str()).collect();
    let from_outlines = scenarios.iter().filter(|s| s.key.example.is_some()).count();
    let skipped = scenarios.iter().filter(|s| skip_tag(s).is_some()).count();
    let mut malformed = Vec::new();
    for scenario in scenarios {
        for step in &scenario.steps {
            if let Err(error) = steps::interpret(step) {
                malformed.push(format!("{}: line {}: {error}", scenario.key, step.line));
            }
        }
    }
    println!("feature files with scenarios: {}", files.len());
    println!(
        "scenarios after outline expansion: {} ({} plain, {} from outline examples)",
        scenarios.len(),
        scenarios.len() - from_outlines,
        from_outlines
    );
    println!("skipped by tag: {skipped}");
    println!("steps that cannot be interpreted: {}", malformed.len());
    for line in &malformed {
        println!("  {line}");
    }
}
