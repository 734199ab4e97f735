//! How far an import has read, reported through the caller's callback: the library draws
//! nothing itself (the `kg` binary turns the reports into a progress bar on a terminal).

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// One report: the bytes of the import's files read so far, of the total. The last report
/// of an import has `finished` set, whether it succeeded or failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub read: u64,
    pub total: u64,
    pub finished: bool,
}

/// The callback an import reports its [`Progress`] to. CSV files are read on a thread of
/// their own, so the callback may be called from a thread other than the caller's (never
/// from two at once).
#[derive(Clone)]
pub struct OnProgress(Arc<dyn Fn(Progress) + Send + Sync>);

impl OnProgress {
    pub fn new(report: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        OnProgress(Arc::new(report))
    }
}

impl fmt::Debug for OnProgress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OnProgress(..)")
    }
}

/// The count the readers advance as they go, shared by the reading and applying threads.
pub(super) struct Meter<'a> {
    read: AtomicU64,
    total: u64,
    report: Option<&'a OnProgress>,
}

impl<'a> Meter<'a> {
    pub fn new(total: u64, report: Option<&'a OnProgress>) -> Self {
        Meter {
            read: AtomicU64::new(0),
            total,
            report,
        }
    }

    /// Counts `bytes` more of the input as read.
    pub fn advance(&self, bytes: u64) {
        let Some(report) = self.report else { return };
        if bytes == 0 {
            return;
        }
        let read = self.read.fetch_add(bytes, Ordering::Relaxed) + bytes;
        (report.0)(Progress {
            read,
            total: self.total,
            finished: false,
        });
    }

    pub fn finish(&self) {
        if let Some(report) = self.report {
            (report.0)(Progress {
                read: self.read.load(Ordering::Relaxed),
                total: self.total,
                finished: true,
            });
        }
    }
}
