//! One writer per store: an exclusive `flock` on `DIR/lock`, which the kernel releases when
//! the holder's process ends however it ends, so a killed writer never blocks the next open.
//! Read-only opens take no lock (see `store.rs` for why that is safe).

use super::StoreError;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

pub const LOCK_FILE: &str = "lock";

/// Held for as long as the store is open for writing; dropping it closes the file, which
/// releases the lock.
pub struct WriterLock {
    _file: fd_lock::RwLock<File>,
}

impl WriterLock {
    /// Takes the lock at once or fails naming the holder's pid. It waits only when the
    /// holder is this very process: a child being spawned by another thread holds a copy of
    /// the lock's file descriptor until it execs, so a store closed and reopened at once can
    /// briefly look locked by ourselves.
    pub fn acquire(dir: &Path) -> Result<Self, StoreError> {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            match Self::try_acquire(dir) {
                Err(StoreError::Locked { pid: Some(pid), .. })
                    if pid == std::process::id() && Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                other => return other,
            }
        }
    }

    fn try_acquire(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        let mut lock = fd_lock::RwLock::new(file);
        match lock.try_write() {
            Ok(mut guard) => {
                let pid = format!("{}\n", std::process::id());
                guard
                    .set_len(0)
                    .and_then(|()| guard.write_all(pid.as_bytes()))
                    .map_err(|e| StoreError::io(&path, e))?;
                // The guard would unlock when dropped; the lock must instead last as long as
                // the file is open, so the guard is forgotten and closing the file unlocks.
                std::mem::forget(guard);
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                return Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                    pid: read_pid(&path),
                });
            }
            Err(e) => return Err(StoreError::io(&path, e)),
        }
        Ok(WriterLock { _file: lock })
    }
}

/// The pid the holder wrote; `None` if it has not written it yet.
fn read_pid(path: &Path) -> Option<u32> {
    let mut text = String::new();
    File::open(path).ok()?.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}
