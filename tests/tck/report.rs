//! What the run prints: one line per failing scenario, a table by directory, pass rates, and
//! the closing totals (the last line is `tck: N passed, M failed, K skipped`).

use crate::gherkin::{Scenario, ScenarioKey};
use crate::runner::Outcome;
use std::collections::BTreeMap;
use std::time::Duration;

/// Text that marks a scenario as needing temporal values, which kg may not support.
const TEMPORAL_MARKERS: [&str; 6] = [
    "date(",
    "datetime(",
    "time(",
    "duration(",
    "localtime",
    "localdatetime",
];

pub struct ScenarioReport {
    pub key: ScenarioKey,
    pub name: String,
    pub outcome: Outcome,
    pub uses_temporal_values: bool,
    /// Checks a result table (or an empty result) and expects no error.
    pub compares_results: bool,
}

impl ScenarioReport {
    pub fn new(scenario: &Scenario, outcome: Outcome) -> ScenarioReport {
        let text = scenario.all_text().to_lowercase();
        let expects_result = scenario
            .steps
            .iter()
            .any(|s| s.text.starts_with("the result should be"));
        let expects_error = scenario
            .steps
            .iter()
            .any(|s| s.text.contains(" should be raised"));
        ScenarioReport {
            key: scenario.key.clone(),
            name: scenario.name.clone(),
            outcome,
            uses_temporal_values: TEMPORAL_MARKERS.iter().any(|m| text.contains(m)),
            compares_results: expects_result && !expects_error,
        }
    }

    /// The directory of the feature file, e.g. `clauses/match`.
    fn directory(&self) -> &str {
        self.key
            .file
            .rsplit_once('/')
            .map_or(".", |(directory, _)| directory)
    }

    fn passed(&self) -> bool {
        matches!(self.outcome, Outcome::Passed)
    }

    fn passed_leniently(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Passed
                | Outcome::Failed {
                    passes_leniently: true,
                    ..
                }
        )
    }
}

/// One line per failing (or skipped) scenario: `file:line[:example] name: reason`.
pub fn print_failures(reports: &[ScenarioReport]) {
    for report in reports {
        match &report.outcome {
            Outcome::Failed { failure, .. } => {
                println!("{} {}: {}", report.key, report.name, failure.reason);
            }
            Outcome::Skipped(why) => println!("{} {}: skipped, {why}", report.key, report.name),
            Outcome::Passed => {}
        }
    }
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    skipped: usize,
}

impl Tally {
    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Passed => self.passed += 1,
            Outcome::Failed { .. } => self.failed += 1,
            Outcome::Skipped(_) => self.skipped += 1,
        }
    }

    fn total(&self) -> usize {
        self.passed + self.failed + self.skipped
    }
}

pub fn print_directory_table(reports: &[ScenarioReport]) {
    let mut by_directory: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    for report in reports {
        by_directory
            .entry(report.directory())
            .or_default()
            .add(&report.outcome);
        all.add(&report.outcome);
    }
    let width = by_directory
        .keys()
        .map(|d| d.len())
        .max()
        .unwrap_or(0)
        .max("directory".len());
    println!();
    println!(
        "{:<width$}  {:>6}  {:>6}  {:>7}  {:>5}",
        "directory", "passed", "failed", "skipped", "total"
    );
    let rows = by_directory
        .iter()
        .map(|(d, t)| (*d, t))
        .chain([("all", &all)]);
    for (directory, tally) in rows {
        println!(
            "{directory:<width$}  {:>6}  {:>6}  {:>7}  {:>5}",
            tally.passed,
            tally.failed,
            tally.skipped,
            tally.total()
        );
    }
}

pub fn print_rates(reports: &[ScenarioReport], elapsed: Duration) {
    let rate_of = |selected: &dyn Fn(&ScenarioReport) -> bool| {
        let chosen: Vec<&ScenarioReport> = reports.iter().filter(|r| selected(r)).collect();
        rate(chosen.iter().filter(|r| r.passed()).count(), chosen.len())
    };
    println!();
    println!(
        "ran {} scenarios in {:.1} s",
        reports.len(),
        elapsed.as_secs_f64()
    );
    println!("strict pass rate: {}", rate_of(&|_| true));
    println!(
        "pass rate without temporal scenarios: {}",
        rate_of(&|r| !r.uses_temporal_values)
    );
    println!(
        "pass rate of result-comparing scenarios: {}",
        rate_of(&|r| r.compares_results)
    );
}

/// The last two lines of the run; the very last is the one tools read.
pub fn print_totals(reports: &[ScenarioReport]) {
    let mut all = Tally::default();
    for report in reports {
        all.add(&report.outcome);
    }
    let lenient = reports.iter().filter(|r| r.passed_leniently()).count();
    println!("tck lenient (errors by type only): {lenient} passed");
    println!(
        "tck: {} passed, {} failed, {} skipped",
        all.passed, all.failed, all.skipped
    );
}

fn rate(passed: usize, total: usize) -> String {
    if total == 0 {
        return "0/0".to_string();
    }
    format!(
        "{passed}/{total} ({:.1}%)",
        100.0 * passed as f64 / total as f64
    )
}
