//! What every operator and expression needs while running: the graph and the statement's
//! shared state (parameters, its starting instant, compiled regular expressions).

use crate::error::{Detail, ErrorClass, QueryError};
use crate::graph::GraphRead;
use crate::model::Params;
use crate::model::Value;
use std::cell::RefCell;
use std::collections::HashMap;

pub type Row = Vec<Value>;
pub type Result<T> = std::result::Result<T, QueryError>;
pub type Rows<'a> = Box<dyn Iterator<Item = Result<Row>> + 'a>;

/// Long loops call this now and then: it fails once the statement is interrupted or past
/// its time or memory limit.
pub use crate::limits::check as check_limits;

/// What one statement shares across all its stages: the parameters, the instant it started,
/// and the regular expressions compiled so far.
pub struct Statement<'a> {
    pub params: &'a Params,
    /// Read once, so that every row and every call of `timestamp()`, `date()`, `datetime()`
    /// ... within one statement sees the same instant, as Neo4j documents for `timestamp()`.
    pub now: chrono::DateTime<chrono::Utc>,
    /// When the transaction the statement runs in began: `now` for a statement of its own.
    pub transaction_now: chrono::DateTime<chrono::Utc>,
    regexes: RefCell<HashMap<String, regex::Regex>>,
    pub engine: super::Engine,
    /// Storage entries read so far, for PROFILE.
    accesses: std::cell::Cell<u64>,
    /// PROFILE's figures, when the statement is profiled.
    profile: Option<RefCell<super::profile::Profile>>,
    /// What commits a batch of `CALL { ... } IN TRANSACTIONS`; none inside an explicit
    /// transaction, where batches cannot commit.
    pub batch_commit: Option<&'a dyn BatchCommit>,
}

/// A statement as another thread sees it when it runs part of the statement's work: the
/// same parameters and instants, its own caches and counters.
#[derive(Clone, Copy)]
pub struct StatementPart<'a> {
    params: &'a Params,
    now: chrono::DateTime<chrono::Utc>,
    transaction_now: chrono::DateTime<chrono::Utc>,
    engine: super::Engine,
    profiled: bool,
}

impl<'a> StatementPart<'a> {
    pub fn statement(self) -> Statement<'a> {
        let stmt = Statement {
            now: self.now,
            transaction_now: self.transaction_now,
            ..Statement::new(self.params, None, self.engine)
        };
        if self.profiled { stmt.profiled() } else { stmt }
    }
}

/// Commits the changes a statement made so far, for `CALL { ... } IN TRANSACTIONS`: the
/// database's commit (constraint checks, the store's log) done in the middle of a statement.
pub trait BatchCommit {
    fn commit(&self, tx: &mut crate::graph::Transaction) -> Result<()>;
}

impl<'a> Statement<'a> {
    pub fn new(
        params: &'a Params,
        transaction_started: Option<chrono::DateTime<chrono::Utc>>,
        engine: super::Engine,
    ) -> Self {
        let now = chrono::Utc::now();
        Statement {
            params,
            now,
            transaction_now: transaction_started.unwrap_or(now),
            regexes: RefCell::new(HashMap::new()),
            engine,
            accesses: std::cell::Cell::new(0),
            profile: None,
            batch_commit: None,
        }
    }

    /// What another thread needs to run part of this statement (see [`StatementPart`]).
    pub fn part(&self) -> StatementPart<'a> {
        StatementPart {
            params: self.params,
            now: self.now,
            transaction_now: self.transaction_now,
            engine: self.engine,
            profiled: self.is_profiled(),
        }
    }

    /// Takes in what a thread running part of this statement counted: its storage reads,
    /// and its PROFILE figures (rows and reads add up; the threads ran side by side, so an
    /// operator's time is the longer of the two).
    pub fn absorb(&self, accesses: u64, part_profile: super::profile::Profile) {
        self.touch(accesses as usize);
        if let Some(profile) = &self.profile {
            let mut profile = profile.borrow_mut();
            for (key, theirs) in part_profile {
                let ours = profile.entry(key).or_default();
                ours.rows += theirs.rows;
                ours.accesses += theirs.accesses;
                ours.time = ours.time.max(theirs.time);
                ours.threads += theirs.threads;
            }
        }
    }

    /// Records PROFILE's figures for this statement.
    pub fn profiled(mut self) -> Self {
        self.profile = Some(RefCell::default());
        self
    }

    pub fn is_profiled(&self) -> bool {
        self.profile.is_some()
    }

    /// Counts `n` storage entries read.
    #[inline]
    pub fn touch(&self, n: usize) {
        self.accesses.set(self.accesses.get() + n as u64);
    }

    pub fn accesses(&self) -> u64 {
        self.accesses.get()
    }

    /// Updates the figures of operator `key`, when profiling.
    pub fn record(&self, key: usize, update: impl FnOnce(&mut super::profile::OpStats)) {
        if let Some(profile) = &self.profile {
            update(profile.borrow_mut().entry(key).or_default());
        }
    }

    /// The figures recorded.
    pub fn take_profile(&self) -> super::profile::Profile {
        self.profile
            .as_ref()
            .map(|p| std::mem::take(&mut *p.borrow_mut()))
            .unwrap_or_default()
    }

    /// Whether `text` matches `pattern` in full, compiling each pattern once per statement.
    pub fn regex_match(&self, pattern: &str, text: &str) -> Result<bool> {
        let mut cache = self.regexes.borrow_mut();
        if !cache.contains_key(pattern) {
            let invalid = |e: regex::Error| {
                // The regex crate explains over several lines; its last line says what is wrong.
                let text = e.to_string();
                let why = text
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim_start_matches("error: ")
                    .to_string();
                QueryError::runtime(
                    ErrorClass::ArgumentError,
                    Detail::InvalidRegex,
                    format!("invalid regular expression '{pattern}': {why}"),
                )
            };
            // Checked unwrapped first: wrapping can make an invalid pattern valid (`a)|(b`
            // would read as `^(?:a)|(b)$`).
            regex::Regex::new(pattern).map_err(invalid)?;
            let re = regex::Regex::new(&format!("^(?:{pattern})$")).map_err(invalid)?;
            cache.insert(pattern.to_string(), re);
        }
        Ok(cache.get(pattern).is_some_and(|re| re.is_match(text)))
    }
}

pub struct Ctx<'a> {
    pub graph: &'a dyn GraphRead,
    pub stmt: &'a Statement<'a>,
    /// Number of slots in a row of the running query part.
    pub width: usize,
}

impl<'a> Ctx<'a> {
    pub fn new(graph: &'a dyn GraphRead, stmt: &'a Statement<'a>, width: usize) -> Self {
        Ctx { graph, stmt, width }
    }
}
