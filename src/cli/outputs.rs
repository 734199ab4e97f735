//! Refusing an output that would write over what kg reads: the store's files and the input
//! files (`-o`, `--bad-log`, the shell's `:export`, `:output` and `:save`). Files are
//! compared by device and inode, so neither a hard link nor another spelling of a path gets
//! past.

use super::Fatal;
use kg::persist::{Claim, id_at};
use std::path::{Path, PathBuf};

/// What an output must not write over.
pub struct Protected<'a> {
    /// The store directory, if a store is open.
    pub store: Option<&'a Path>,
    /// Files and directories the command reads (`--data`, `kg import`'s files).
    pub inputs: &'a [PathBuf],
}

impl Protected<'_> {
    /// Refuses `output` (given as `flag`) if it is one of the store's files or an input, or,
    /// for an output that is a directory of files (a CSV export), holds an input.
    pub fn check(&self, flag: &str, output: &Path, directory: bool) -> Result<(), Fatal> {
        let refuse =
            |what: String| Err(Fatal::usage(format!("{flag} {} {what}", output.display())));
        if let Some(dir) = self.store {
            match kg::persist::claim(dir, output) {
                Some(Claim::File(file)) => {
                    return refuse(format!(
                        "is the store's file {}: writing it would destroy the store",
                        file.display()
                    ));
                }
                Some(Claim::Directory) => {
                    return refuse(format!(
                        "is the store directory {}: kg keeps only its own files there",
                        dir.display()
                    ));
                }
                Some(Claim::Inside) => {
                    return refuse(format!(
                        "is inside the store directory {}: kg keeps only its own files there",
                        dir.display()
                    ));
                }
                None => {}
            }
        }
        let Some(id) = id_at(output) else {
            return Ok(());
        };
        for input in self.inputs {
            for file in files_of(input) {
                if id_at(&file) == Some(id) {
                    return refuse(format!(
                        "is the input {}: writing it would destroy what kg reads",
                        file.display()
                    ));
                }
                let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
                if directory && id_at(parent.unwrap_or(Path::new("."))) == Some(id) {
                    return refuse(format!(
                        "holds the input {}: kg does not write an export among its inputs",
                        file.display()
                    ));
                }
            }
        }
        Ok(())
    }
}

/// An input file, or a directory and the files in it (import reads a directory's `.csv` files).
fn files_of(input: &Path) -> Vec<PathBuf> {
    let mut files = vec![input.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(input) {
        files.extend(entries.filter_map(Result::ok).map(|e| e.path()));
    }
    files
}
