//! What stops a statement before it ends: an interrupt from another thread (Ctrl-C in the
//! shell, a library user's [`Interrupter`]), a time limit and a memory limit.
//!
//! A statement installs its watch on the thread that runs it ([`watch`]); loops anywhere
//! below (operators, comprehensions, `reduce`, sorting, path search) call [`check`], and
//! code about to build a large value calls [`reserve`] first, without the limits being passed
//! down to every function. A thread with no watch is never stopped.
//!
//! Memory is measured, not estimated, when the program's allocator counts what it holds
//! (the `kg` binary's does, see [`set_meter`]): what a statement has allocated and not freed
//! is checked with the time. Without a meter only [`reserve`]'s own sizes are checked.

use crate::error::{Detail, ErrorClass, QueryError};
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Stops the statement running on the database it came from, from any thread.
#[derive(Clone, Debug, Default)]
pub struct Interrupter(Arc<AtomicBool>);

impl Interrupter {
    /// Asks the running statement to stop at its next check; it fails with `Interrupted`
    /// and, like any failed statement, changes nothing.
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Forgets an interrupt that came when no statement was running.
    pub fn clear(&self) {
        self.0.store(false, Ordering::SeqCst);
    }

    fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The limits every statement of a database runs under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    pub timeout: Option<Duration>,
    /// Bytes a statement may hold beyond what the process held when it started.
    pub max_memory: Option<u64>,
}

impl Limits {
    /// No time limit, and a memory limit below what the process may really use.
    pub fn standard() -> Self {
        Limits {
            timeout: None,
            max_memory: Some(default_max_memory()),
        }
    }
}

static METER: OnceLock<fn() -> usize> = OnceLock::new();

/// Tells kg how to read the bytes the program's allocator holds (the `kg` binary passes
/// its counting allocator's figure). Only the first call counts.
pub fn set_meter(meter: fn() -> usize) {
    let _ = METER.set(meter);
}

fn allocated() -> Option<usize> {
    METER.get().map(|meter| meter())
}

/// What the program's allocator holds now, when it counts (see [`set_meter`]).
pub fn allocated_bytes() -> Option<usize> {
    allocated()
}

/// Checks between reads of the clock and the meter: often enough to stop within
/// milliseconds, rarely enough to cost nothing.
const TICKS_PER_LOOK: u32 = 64;

struct Watch {
    interrupter: Interrupter,
    limits: Limits,
    deadline: Option<Instant>,
    /// What the allocator held when the statement began.
    baseline: Option<usize>,
    ticks: u32,
}

impl Watch {
    fn used(&self) -> u64 {
        match (allocated(), self.baseline) {
            (Some(now), Some(base)) => now.saturating_sub(base) as u64,
            _ => 0,
        }
    }

    fn look(&mut self) -> Result<(), QueryError> {
        if self.interrupter.is_set() {
            return Err(interrupted());
        }
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks % TICKS_PER_LOOK != 0 {
            return Ok(());
        }
        if let (Some(deadline), Some(timeout)) = (self.deadline, self.limits.timeout) {
            if Instant::now() >= deadline {
                return Err(timed_out(timeout));
            }
        }
        self.within_memory(0)
    }

    fn within_memory(&self, more: u64) -> Result<(), QueryError> {
        match self.limits.max_memory {
            Some(max) if self.used().saturating_add(more) > max => Err(out_of_memory(max)),
            _ => Ok(()),
        }
    }
}

thread_local! {
    static WATCH: RefCell<Option<Watch>> = const { RefCell::new(None) };
}

/// The watch of one statement, installed on this thread until it is dropped (which puts
/// back the watch of an enclosing statement, if any).
#[must_use]
pub struct Watching {
    outer: Option<Watch>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let outer = self.outer.take();
        WATCH.with_borrow_mut(|w| *w = outer);
    }
}

/// Starts watching the statement about to run on this thread.
pub fn watch(interrupter: &Interrupter, limits: Limits) -> Watching {
    let watch = Watch {
        interrupter: interrupter.clone(),
        limits,
        deadline: limits.timeout.map(|t| Instant::now() + t),
        baseline: allocated(),
        ticks: 0,
    };
    Watching {
        outer: WATCH.with_borrow_mut(|w| w.replace(watch)),
    }
}

/// The watch of the statement running on this thread, for a thread that does part of its
/// work: it stops with the statement (same interrupter, deadline and memory baseline).
pub fn share() -> Option<SharedWatch> {
    WATCH.with_borrow(|w| {
        w.as_ref().map(|w| {
            SharedWatch(Watch {
                interrupter: w.interrupter.clone(),
                limits: w.limits,
                deadline: w.deadline,
                baseline: w.baseline,
                ticks: 0,
            })
        })
    })
}

/// A statement's watch to install on another thread (see [`share`]).
pub struct SharedWatch(Watch);

impl SharedWatch {
    pub fn install(self) -> Watching {
        Watching {
            outer: WATCH.with_borrow_mut(|w| w.replace(self.0)),
        }
    }
}

/// Fails if the statement was interrupted or is past its time or memory limit.
#[inline]
pub fn check() -> Result<(), QueryError> {
    WATCH.with_borrow_mut(|w| w.as_mut().map_or(Ok(()), Watch::look))
}

/// Fails if building a value of `bytes` more would take the statement past its memory
/// limit; called before the allocation, so that a value too large to build is an error and
/// never an abort.
pub fn reserve(bytes: u64) -> Result<(), QueryError> {
    WATCH.with_borrow(|w| w.as_ref().map_or(Ok(()), |w| w.within_memory(bytes)))
}

/// The bytes `n` values take in a list, for [`reserve`].
pub fn list_bytes(n: usize) -> u64 {
    (n as u64).saturating_mul(std::mem::size_of::<crate::model::Value>() as u64)
}

fn interrupted() -> QueryError {
    QueryError::runtime(
        ErrorClass::SemanticError,
        Detail::Interrupted,
        "the statement was interrupted",
    )
}

fn timed_out(limit: Duration) -> QueryError {
    QueryError::runtime(
        ErrorClass::SemanticError,
        Detail::TimedOut,
        format!(
            "the statement ran past the time limit of {} (--timeout, :timeout)",
            humantime::format_duration(limit)
        ),
    )
}

fn out_of_memory(limit: u64) -> QueryError {
    QueryError::runtime(
        ErrorClass::SemanticError,
        Detail::MemoryLimit,
        format!(
            "the statement needs more memory than the limit of {} (--max-memory, :max-memory)",
            format_size(limit)
        ),
    )
}

/// A size as people write it: `512 MiB`, `1.5 GiB`.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value.fract() == 0.0 {
        format!("{value} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A size as `--max-memory` takes it: `512M`, `2G`, `1.5GiB`, `100000` (bytes). Units are
/// powers of 1024, as for Neo4j's memory settings.
pub fn parse_size(text: &str) -> Result<u64, String> {
    parse_size::Config::new()
        .with_binary()
        .parse_size(text.trim())
        .map_err(|e| format!("'{text}' is not a size ({e}): write it as 512M, 2G or 1.5GiB"))
}

/// A duration as `--timeout` takes it: `2s`, `500ms`, `1m 30s`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text.trim())
        .map_err(|e| format!("'{text}' is not a duration ({e}): write it as 2s, 500ms or 1m"))
}

pub fn format_duration(d: Duration) -> String {
    humantime::format_duration(d).to_string()
}

/// Half of what the process may really use (the least of physical memory, the cgroup's
/// limit and the address-space limit; the other half is for the graph and everything
/// else), and at most three quarters of the memory available when kg starts, since the
/// machine may be shared.
pub fn default_max_memory() -> u64 {
    let half = process_memory() / 2;
    meminfo("MemAvailable:").map_or(half, |available| half.min(available / 4 * 3))
}

/// What the process may really use: the least of physical memory, the cgroup's limit and
/// the address-space limit (8 GiB when none can be read).
pub fn process_memory() -> u64 {
    const FALLBACK: u64 = 8 << 30;
    let physical = meminfo("MemTotal:");
    let cgroup = cgroup_limit();
    let address_space = address_space_limit();
    [physical, cgroup, address_space]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(FALLBACK)
}

fn meminfo(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn cgroup_limit() -> Option<u64> {
    [
        "/sys/fs/cgroup/memory.max",
        "/sys/fs/cgroup/memory/memory.limit_in_bytes",
    ]
    .iter()
    .find_map(|path| std::fs::read_to_string(path).ok()?.trim().parse().ok())
}

fn address_space_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max address space"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print_in_binary_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("100000"), Ok(100_000));
        assert!(parse_size("lots").is_err());
        assert_eq!(format_size(512 << 20), "512 MiB");
        assert_eq!(format_size(3 << 29), "1.5 GiB");
    }

    #[test]
    fn an_interrupt_stops_only_the_watched_statement() {
        let interrupter = Interrupter::default();
        interrupter.interrupt();
        assert!(check().is_ok(), "an unwatched thread is never stopped");
        let watching = watch(&interrupter, Limits::default());
        assert_eq!(check().map_err(|e| e.detail), Err(Detail::Interrupted));
        drop(watching);
        assert!(check().is_ok());
    }

    #[test]
    fn a_deadline_is_seen_within_a_few_checks() {
        let limits = Limits {
            timeout: Some(Duration::from_millis(1)),
            max_memory: None,
        };
        let _watching = watch(&Interrupter::default(), limits);
        std::thread::sleep(Duration::from_millis(5));
        let stopped = (0..TICKS_PER_LOOK).find_map(|_| check().err());
        assert_eq!(stopped.map(|e| e.detail), Some(Detail::TimedOut));
    }

    #[test]
    fn reserve_refuses_what_the_limit_cannot_hold() {
        let limits = Limits {
            timeout: None,
            max_memory: Some(1 << 20),
        };
        let _watching = watch(&Interrupter::default(), limits);
        assert!(reserve(1 << 10).is_ok());
        assert_eq!(
            reserve(2 << 20).map_err(|e| e.detail),
            Err(Detail::MemoryLimit)
        );
    }
}
