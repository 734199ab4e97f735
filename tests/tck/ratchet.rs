//! The ratchet: `expected-failures.txt` lists the scenarios kg is known to fail, grouped under
//! `# reason: ...` lines. The run fails if any other scenario fails, or if a listed one passes
//! (so the list only ever shrinks), and it can rewrite the list from the current failures.

use crate::gherkin::ScenarioKey;
use crate::report::ScenarioReport;
use crate::runner::Outcome;
use std::collections::BTreeMap;
use std::path::Path;

const REASON_PREFIX: &str = "# reason:";

const FILE_HEADER: &str = "\
# openCypher TCK scenarios that kg is known to fail, as file:line[:example] with the file
# relative to the features directory and the example counted across all Examples rows of
# an outline. `cargo test --release --test tck` fails when a scenario fails that is not listed
# here, or when a listed one passes (then remove it). Regenerate from the current failures
# with KG_TCK_WRITE_EXPECTED=1 (entries that are still failing keep their reason) or
# KG_TCK_WRITE_EXPECTED=fresh (every entry grouped by its current failure category).
";

/// The listed scenarios with the reason of the group each is in.
#[derive(Default)]
pub struct ExpectedFailures {
    reasons: BTreeMap<ScenarioKey, String>,
}

impl ExpectedFailures {
    /// Reads the list; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<ExpectedFailures, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let mut reasons = BTreeMap::new();
        let mut reason = "unspecified".to_string();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if let Some(group) = line.strip_prefix(REASON_PREFIX) {
                reason = group.trim().to_string();
            } else if !line.is_empty() && !line.starts_with('#') {
                let key = line
                    .parse::<ScenarioKey>()
                    .map_err(|e| format!("{}:{}: {e}", path.display(), index + 1))?;
                reasons.insert(key, reason.clone());
            }
        }
        Ok(ExpectedFailures { reasons })
    }

    pub fn len(&self) -> usize {
        self.reasons.len()
    }

    fn contains(&self, key: &ScenarioKey) -> bool {
        self.reasons.contains_key(key)
    }
}

/// What the ratchet objects to; empty when the run matches the list.
pub struct RatchetProblems<'a> {
    pub unlisted_failures: Vec<&'a ScenarioReport>,
    pub listed_but_passing: Vec<&'a ScenarioReport>,
    /// Listed scenarios that do not exist (any more); only checked on a complete run.
    pub unknown_entries: Vec<ScenarioKey>,
}

impl RatchetProblems<'_> {
    pub fn is_empty(&self) -> bool {
        self.unlisted_failures.is_empty()
            && self.listed_but_passing.is_empty()
            && self.unknown_entries.is_empty()
    }
}

/// `complete_run`: every scenario ran (no filter), so a listed key that did not run is stale.
pub fn check<'a>(
    expected: &ExpectedFailures,
    reports: &'a [ScenarioReport],
    complete_run: bool,
) -> RatchetProblems<'a> {
    let mut problems = RatchetProblems {
        unlisted_failures: Vec::new(),
        listed_but_passing: Vec::new(),
        unknown_entries: Vec::new(),
    };
    for report in reports {
        let listed = expected.contains(&report.key);
        match report.outcome {
            Outcome::Failed { .. } if !listed => problems.unlisted_failures.push(report),
            Outcome::Passed if listed => problems.listed_but_passing.push(report),
            _ => {}
        }
    }
    if complete_run {
        let ran: std::collections::BTreeSet<&ScenarioKey> =
            reports.iter().map(|r| &r.key).collect();
        problems.unknown_entries = expected
            .reasons
            .keys()
            .filter(|key| !ran.contains(key))
            .cloned()
            .collect();
    }
    problems
}

pub fn print_problems(problems: &RatchetProblems) {
    for report in &problems.unlisted_failures {
        let reason = match &report.outcome {
            Outcome::Failed { failure, .. } => failure.reason.as_str(),
            _ => "",
        };
        println!(
            "ratchet: {} fails and is not in the expected failures: {reason}",
            report.key
        );
    }
    for report in &problems.listed_but_passing {
        println!(
            "ratchet: {} passes now: remove it from the expected failures",
            report.key
        );
    }
    for key in &problems.unknown_entries {
        println!("ratchet: {key} is listed but no such scenario ran: remove it");
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteMode {
    /// A failure that was listed keeps its group's reason, since reasons are edited by hand.
    KeepReasons,
    /// Every failure is grouped by its current category.
    Fresh,
}

/// Rewrites the list from the current failures; new entries are grouped by failure category.
/// Entries for scenarios that did not run are kept as they are, unless `complete_run` says
/// that every scenario ran (then they are stale). Returns the number of entries written.
pub fn write(
    path: &Path,
    previous: &ExpectedFailures,
    reports: &[ScenarioReport],
    mode: WriteMode,
    complete_run: bool,
) -> Result<usize, String> {
    let mut reasons = if complete_run {
        BTreeMap::new()
    } else {
        previous.reasons.clone()
    };
    for report in reports {
        match &report.outcome {
            Outcome::Failed { failure, .. } => {
                let kept = previous
                    .reasons
                    .get(&report.key)
                    .filter(|_| mode == WriteMode::KeepReasons);
                let reason = kept.unwrap_or(&failure.category);
                reasons.insert(report.key.clone(), reason.clone());
            }
            Outcome::Passed | Outcome::Skipped(_) => {
                reasons.remove(&report.key);
            }
        }
    }
    let mut groups: BTreeMap<&str, Vec<&ScenarioKey>> = BTreeMap::new();
    for (key, reason) in &reasons {
        groups.entry(reason).or_default().push(key);
    }
    let mut text = FILE_HEADER.to_string();
    for (reason, keys) in groups {
        text.push_str(&format!("\n{REASON_PREFIX} {reason}\n"));
        for key in keys {
            text.push_str(&format!("{key}\n"));
        }
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(reasons.len())
}
