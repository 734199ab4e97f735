//! One writer per store: an exclusive `flock` on the store directory itself and on `DIR/lock`,
//! which the kernel releases when the holder's process ends however it ends, so a killed
//! writer never blocks the next open. The directory's lock is what keeps a second writer out
//! even if `DIR/lock` is deleted; the file's lock keeps out kg versions that took only that
//! one, and the file holds the pid for the message. Read-only opens take no lock (see
//! `store.rs` for why that is safe).
//!
//! A writer checks before each write that the directory and the lock file at their paths are
//! still the ones it locked ([`WriterLock::verify`]): if someone deleted or moved them, another
//! writer may have the store now.

use super::StoreError;
use super::files::{FileId, id_of, still_there};
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

pub const LOCK_FILE: &str = "lock";

/// Held for as long as the store is open for writing; dropping it closes the files, which
/// releases the locks.
pub struct WriterLock {
    _dir: File,
    _file: File,
    dir_id: Option<FileId>,
    file_id: Option<FileId>,
}

impl WriterLock {
    /// Takes the lock at once or fails naming the holder's pid. It waits only when the
    /// holder is this very process: a child being spawned by another thread holds a copy of
    /// the lock's file descriptors until it execs, so a store closed and reopened at once can
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
        let locked = || StoreError::Locked {
            dir: dir.to_path_buf(),
            pid: read_pid(&path),
        };
        let handle = File::open(dir).map_err(|e| StoreError::io(dir, e))?;
        let dir_id = id_of(&handle);
        let dir_lock = lock(handle).map_err(|e| match e {
            Some(e) => StoreError::io(dir, e),
            None => locked(),
        })?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        let file_id = id_of(&file);
        let mut file = lock(file).map_err(|e| match e {
            Some(e) => StoreError::io(&path, e),
            None => locked(),
        })?;
        let pid = format!("{}\n", std::process::id());
        file.set_len(0)
            .and_then(|()| file.write_all(pid.as_bytes()))
            .map_err(|e| StoreError::io(&path, e))?;
        Ok(WriterLock {
            _dir: dir_lock,
            _file: file,
            dir_id,
            file_id,
        })
    }

    /// Fails if the store directory or the lock file at their paths are not the ones this
    /// lock holds.
    pub fn verify(&self, dir: &Path) -> Result<(), StoreError> {
        still_there(dir, self.dir_id)?;
        still_there(&dir.join(LOCK_FILE), self.file_id)
    }
}

/// An exclusive lock on `file` for as long as it is open; `Err(None)` if another holds it.
fn lock(file: File) -> Result<File, Option<std::io::Error>> {
    let mut lock = fd_lock::RwLock::new(file);
    match lock.try_write() {
        // The guard would unlock when dropped; the lock must instead last as long as the
        // file is open, so the guard is forgotten and closing the file unlocks.
        Ok(guard) => std::mem::forget(guard),
        Err(e) if e.kind() == ErrorKind::WouldBlock => return Err(None),
        Err(e) => return Err(Some(e)),
    }
    Ok(lock.into_inner())
}

/// The pid the holder wrote; `None` if it has not written it yet (or the file is gone).
fn read_pid(path: &Path) -> Option<u32> {
    let mut text = String::new();
    File::open(path).ok()?.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}
