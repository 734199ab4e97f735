//! The run's settings, from the environment (see the crate documentation in `main.rs`).

use crate::gherkin::Scenario;
use crate::ratchet::WriteMode;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Tags that exclude a scenario from running (the reference harness's `@ignore`). Tags such as
/// `@skipGrammarCheck` concern other tools and do not skip anything.
pub const SKIP_TAGS: [&str; 2] = ["@ignore", "@skip"];

const DEFAULT_TIMEOUT_SECS: u64 = 10;

pub struct Config {
    pub features_dir: PathBuf,
    pub graphs_dir: PathBuf,
    /// Whether the features directory was chosen with KG_TCK_DIR.
    pub explicit_dir: bool,
    pub filter: Option<String>,
    pub ratchet: bool,
    pub write_expected: Option<WriteMode>,
    pub parse_only: bool,
    pub timeout: Duration,
    pub expected_failures: PathBuf,
}

impl Config {
    pub fn from_env() -> Config {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let explicit = std::env::var_os("KG_TCK_DIR").map(PathBuf::from);
        let features_dir = explicit
            .clone()
            .unwrap_or_else(|| manifest_dir.join("../shared/tck/features"));
        let graphs_dir = features_dir.join("../graphs");
        let flag = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        let timeout_secs = std::env::var("KG_TCK_TIMEOUT_SECS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_TIMEOUT_SECS);
        Config {
            features_dir,
            graphs_dir,
            explicit_dir: explicit.is_some(),
            filter: std::env::var("KG_TCK_FILTER")
                .ok()
                .filter(|f| !f.is_empty()),
            ratchet: std::env::var("KG_TCK_RATCHET").map_or(true, |v| v != "0"),
            write_expected: match std::env::var("KG_TCK_WRITE_EXPECTED").as_deref() {
                Ok("1") => Some(WriteMode::KeepReasons),
                Ok("fresh") => Some(WriteMode::Fresh),
                _ => None,
            },
            parse_only: flag("KG_TCK_PARSE_ONLY"),
            timeout: Duration::from_secs(timeout_secs),
            expected_failures: manifest_dir.join("tests/tck/expected-failures.txt"),
        }
    }

    pub fn keeps(&self, scenario: &Scenario) -> bool {
        self.filter.as_ref().is_none_or(|f| {
            scenario.key.file.contains(f.as_str()) || scenario.name.contains(f.as_str())
        })
    }
}

/// The tag that makes a scenario skipped, if it has one.
pub fn skip_tag(scenario: &Scenario) -> Option<&str> {
    scenario
        .tags
        .iter()
        .map(String::as_str)
        .find(|tag| SKIP_TAGS.contains(tag))
}
