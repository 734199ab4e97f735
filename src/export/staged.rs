//! Export files written under a temporary name beside their final one and renamed into place
//! only once complete: an export that fails part-way (a full disk) leaves an existing file as
//! it was, and no fragment behind.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written. Dropped before it is renamed, it removes its temporary file.
pub struct Staged {
    target: PathBuf,
    tmp: PathBuf,
    out: BufWriter<File>,
    renamed: bool,
}

impl Staged {
    pub fn create(target: &Path) -> io::Result<Self> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = target.with_file_name(format!(".{name}.kg-{}.tmp", std::process::id()));
        let file = File::create(&tmp)?;
        Ok(Staged {
            target: target.to_path_buf(),
            tmp,
            out: BufWriter::new(file),
            renamed: false,
        })
    }

    /// Makes the content durable under the temporary name: where a full disk shows.
    fn sync(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.out.get_ref().sync_all()
    }

    fn rename(&mut self) -> io::Result<()> {
        std::fs::rename(&self.tmp, &self.target)?;
        self.renamed = true;
        Ok(())
    }

    pub fn finish(self) -> io::Result<()> {
        finish_all(vec![self])
    }
}

/// Completes every file, then gives each its final name: a failure while writing any of them
/// renames none.
pub fn finish_all(mut files: Vec<Staged>) -> io::Result<()> {
    for file in &mut files {
        file.sync()?;
    }
    for file in &mut files {
        file.rename()?;
    }
    Ok(())
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
