//! Keeps one engine bug from taking the whole run down: each scenario runs on its own worker
//! thread, panics become failures, and a scenario that does not finish in time is reported as
//! a timeout while the run goes on (its thread is left behind, which is acceptable for a test).

use crate::gherkin::Scenario;
use crate::runner::{Failure, Outcome, run_scenario};
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Worker threads are named with this prefix so the panic hook can tell them apart.
const WORKER_PREFIX: &str = "tck-scenario";

/// Deep recursion in a parser or planner should fail a scenario, not overflow the stack.
const WORKER_STACK_BYTES: usize = 64 << 20;

thread_local! {
    /// Where the latest panic on this thread happened, recorded by the hook.
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Panics on worker threads are recorded, not printed: they are reported as failures. Panics
/// elsewhere (in the harness itself) still go to the default hook.
pub fn install_panic_hook() {
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let on_worker = thread::current()
            .name()
            .is_some_and(|n| n.starts_with(WORKER_PREFIX));
        if on_worker {
            let location = info.location().map(|l| l.to_string());
            PANIC_LOCATION.with(|slot| *slot.borrow_mut() = location);
        } else {
            default_hook(info);
        }
    }));
}

pub fn run_isolated(scenario: &Scenario, graphs_dir: &Path, timeout: Duration) -> Outcome {
    let (sender, receiver) = mpsc::channel();
    let scenario = scenario.clone();
    let graphs_dir = graphs_dir.to_path_buf();
    let spawned = thread::Builder::new()
        .name(format!("{WORKER_PREFIX} {}", scenario.key))
        .stack_size(WORKER_STACK_BYTES)
        .spawn(move || {
            let outcome =
                panic::catch_unwind(AssertUnwindSafe(|| run_scenario(&scenario, &graphs_dir)))
                    .unwrap_or_else(|payload| {
                        failed("panic", format!("panic: {}", panic_text(&*payload)))
                    });
            // After a timeout nobody listens any more; the outcome is dropped.
            let _ = sender.send(outcome);
        });
    if let Err(error) = spawned {
        return failed(
            "harness",
            format!("could not start a worker thread: {error}"),
        );
    }
    match receiver.recv_timeout(timeout) {
        Ok(outcome) => outcome,
        Err(RecvTimeoutError::Timeout) => failed(
            "timeout",
            format!("timeout after {} s", timeout.as_secs_f64()),
        ),
        Err(RecvTimeoutError::Disconnected) => failed("harness", "worker ended without an outcome"),
    }
}

fn failed(category: &str, reason: impl Into<String>) -> Outcome {
    Outcome::Failed {
        failure: Failure::new(category, reason),
        passes_leniently: false,
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string());
    let message = message.lines().next().unwrap_or("").to_string();
    match PANIC_LOCATION.with(|slot| slot.borrow_mut().take()) {
        Some(location) => format!("{message} at {location}"),
        None => message,
    }
}
