//! Writing soi's own files (reports, baselines, audit lists, annotated copies) without ever
//! harming the user's: an output that is one of the inputs (the same file, through symlinks
//! or hard links) is refused, and every output is written to a temporary file beside it and
//! renamed into place, so a failed run never leaves half a file.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What makes two paths the same file: device and inode on unix, the canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileId {
    #[cfg(unix)]
    dev_ino: (u64, u64),
    #[cfg(not(unix))]
    canonical: PathBuf,
}

fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(FileId { dev_ino: (m.dev(), m.ino()) })
    }
    #[cfg(not(unix))]
    {
        Some(FileId { canonical: std::fs::canonicalize(path).ok()? })
    }
}

/// The files a run reads, to be kept safe from its outputs.
#[derive(Debug, Default)]
pub struct Inputs {
    files: Vec<(FileId, PathBuf)>,
}

impl Inputs {
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Inputs {
        Inputs { files: paths.into_iter().filter_map(|p| Some((file_id(p)?, p.to_path_buf()))).collect() }
    }

    /// Refuses an output path that is one of the inputs.
    pub fn guard(&self, out: &Path) -> Result<()> {
        let Some(id) = file_id(out) else { return Ok(()) };
        match self.files.iter().find(|(i, _)| *i == id) {
            Some((_, input)) => Err(Error::OutputIsInput { path: out.into(), input: input.clone() }),
            None => Ok(()),
        }
    }
}

/// Writes `path` through `write`, which is given a temporary path in the same directory; the
/// temporary file is renamed over `path` only when `write` succeeded.
pub fn atomically(path: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "soi".to_owned());
    let tmp = dir.join(format!(".{name}.soi-{}.tmp", std::process::id()));
    let done = write(&tmp).and_then(|()| std::fs::rename(&tmp, path).map_err(|source| Error::Io { path: path.into(), source }));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// `atomically` for bytes already in memory.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    atomically(path, |tmp| std::fs::write(tmp, bytes).map_err(|source| Error::Io { path: path.into(), source }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_links_and_symlinks_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path().join("r.txt");
        std::fs::write(&r, "x").unwrap();
        std::fs::hard_link(&r, dir.path().join("hard.txt")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&r, dir.path().join("soft.txt")).unwrap();
        let inputs = Inputs::new([r.as_path()]);
        assert!(inputs.guard(&dir.path().join("hard.txt")).is_err());
        #[cfg(unix)]
        assert!(inputs.guard(&dir.path().join("soft.txt")).is_err());
        assert!(inputs.guard(&dir.path().join("new.txt")).is_ok());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        std::fs::write(&out, "old").unwrap();
        let failed = atomically(&out, |tmp| {
            std::fs::write(tmp, "half").unwrap();
            Err(Error::Write { path: out.clone(), reason: "x".into() })
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_bytes(&out, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
    }
}
