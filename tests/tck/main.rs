//! The openCypher TCK conformance harness for kg (a `harness = false` test target).
//!
//! `cargo test --release --test tck` runs every scenario under `../shared/tck/features`, each on
//! a fresh in-memory database, and checks the failures against `expected-failures.txt`.
//!
//! Environment:
//! - `KG_TCK_DIR=DIR`: run the features under DIR instead (named graphs from `DIR/../graphs`).
//! - `KG_TCK_FILTER=TEXT`: keep scenarios whose file or name contains TEXT.
//! - `KG_TCK_RATCHET=0`: only report; do not compare with the expected failures.
//! - `KG_TCK_WRITE_EXPECTED=1`: rewrite the expected failures from this run's failures, keeping
//!   the (hand-edited) reason of entries that still fail; `=fresh` regroups every entry by its
//!   current failure category.
//! - `KG_TCK_PARSE_ONLY=1`: read and interpret the feature files, print a summary, run nothing.
//! - `KG_TCK_TIMEOUT_SECS=N`: time limit per scenario (default 10).

mod compare;
mod config;
mod convert;
mod gherkin;
mod isolation;
mod ratchet;
mod report;
mod runner;
mod side_effects;
mod steps;
mod suite;
mod values;

use config::{Config, skip_tag};
use gherkin::Scenario;
use ratchet::ExpectedFailures;
use report::ScenarioReport;
use runner::Outcome;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let config = Config::from_env();
    if !config.features_dir.is_dir() {
        println!(
            "tck: the openCypher TCK is absent ({} not found); nothing to run",
            config.features_dir.display()
        );
        // Without the shared TCK checkout there is nothing to measure; only an explicitly
        // requested directory that is missing is an error.
        return if config.explicit_dir {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    let (scenarios, load_errors) = suite::load_scenarios(&config.features_dir);
    for error in &load_errors {
        println!("tck: cannot read {error}");
    }
    let scenarios: Vec<Scenario> = scenarios.into_iter().filter(|s| config.keeps(s)).collect();
    if config.parse_only {
        suite::print_parse_summary(&scenarios);
        return exit_code(load_errors.is_empty());
    }

    isolation::install_panic_hook();
    let started = Instant::now();
    let reports: Vec<ScenarioReport> = scenarios
        .iter()
        .map(|scenario| {
            let outcome = match skip_tag(scenario) {
                Some(tag) => Outcome::Skipped(format!("tagged {tag}")),
                None => isolation::run_isolated(scenario, &config.graphs_dir, config.timeout),
            };
            ScenarioReport::new(scenario, outcome)
        })
        .collect();
    report::print_failures(&reports);
    report::print_directory_table(&reports);
    report::print_rates(&reports, started.elapsed());
    println!();
    let ratchet_ok = apply_ratchet(&config, &reports);
    report::print_totals(&reports);
    exit_code(load_errors.is_empty() && ratchet_ok)
}

/// Checks (or, with KG_TCK_WRITE_EXPECTED=1, rewrites) the expected failures; false if the
/// ratchet objects.
fn apply_ratchet(config: &Config, reports: &[ScenarioReport]) -> bool {
    if !config.ratchet && config.write_expected.is_none() {
        return true;
    }
    let path = &config.expected_failures;
    let expected = match ExpectedFailures::load(path) {
        Ok(expected) => expected,
        Err(error) => {
            println!("ratchet: cannot read the expected failures: {error}");
            return false;
        }
    };
    let complete_run = config.filter.is_none();
    if let Some(mode) = config.write_expected {
        return match ratchet::write(path, &expected, reports, mode, complete_run) {
            Ok(count) => {
                println!(
                    "ratchet: wrote {count} expected failures to {}",
                    path.display()
                );
                true
            }
            Err(error) => {
                println!("ratchet: cannot write the expected failures: {error}");
                false
            }
        };
    }
    let problems = ratchet::check(&expected, reports, complete_run);
    ratchet::print_problems(&problems);
    if problems.is_empty() {
        println!("ratchet: ok ({} expected failures)", expected.len());
    }
    problems.is_empty()
}

fn exit_code(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
