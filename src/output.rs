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
/// temporary file is renamed over `path` only when `write` succeeded. A symlink to a file is
/// followed, so the link stays and its target gets the new content. A device or FIFO
/// (`/dev/stdout`, a pipe) is written to directly, since a rename would replace it; a directory
/// is refused.
pub fn atomically(path: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    to_destination(path, |target, _| write(target))
}

/// `atomically`, telling `write` whether it writes a stream (a device or FIFO, as it is) or
/// the temporary file beside a regular one.
fn to_destination(path: &Path, write: impl FnOnce(&Path, bool) -> Result<()>) -> Result<()> {
    let path = &match destination(path)? {
        Destination::Stream(p) => return write(&p, true),
        Destination::File(p) => p,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "soi".to_owned());
    let tmp = dir.join(format!(".{name}.soi-{}.tmp", std::process::id()));
    let done = write(&tmp, false).and_then(|()| std::fs::rename(&tmp, path).map_err(|e| write_error(path, &e)));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// `atomically` for bytes already in memory; a temporary file is always new (never an existing
/// one) and reaches the disk before the rename.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    to_destination(path, |target, stream| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true);
        if !stream {
            options.create_new(true);
        }
        options
            .open(target)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| if stream { f.flush() } else { f.sync_all() }))
            .map_err(|e| write_error(path, &e))
    })
}

enum Destination {
    /// A regular file, new or existing: written beside and renamed into place.
    File(PathBuf),
    /// A device or FIFO: written to as it is.
    Stream(PathBuf),
}

/// Where an output really goes: the path itself, or the file a symlink points to.
fn destination(path: &Path) -> Result<Destination> {
    let Ok(meta) = std::fs::metadata(path) else { return Ok(Destination::File(path.to_path_buf())) };
    if meta.is_dir() {
        return Err(Error::Write { path: path.into(), reason: "đây là một thư mục; hãy chọn tên một tệp".into() });
    }
    if !meta.is_file() {
        return Ok(Destination::Stream(path.to_path_buf()));
    }
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    Ok(Destination::File(if is_link { std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()) } else { path.to_path_buf() }))
}

/// An I/O error said for the user, with the system's words after it.
fn write_error(path: &Path, e: &std::io::Error) -> Error {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::StorageFull => "ổ đĩa đã đầy",
        K::PermissionDenied | K::ReadOnlyFilesystem => "không có quyền ghi vào thư mục này",
        K::NotFound => "thư mục chứa tệp không tồn tại",
        _ => "lỗi khi ghi tệp",
    };
    Error::Write { path: path.into(), reason: format!("{what} ({e}); tệp chưa được ghi, tệp cũ (nếu có) không bị thay đổi") }
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

    #[cfg(unix)]
    #[test]
    fn a_symlink_keeps_pointing_to_the_rewritten_file_and_a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_bytes(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let refused = write_bytes(dir.path(), b"x").unwrap_err().to_string();
        assert!(refused.contains("đây là một thư mục"), "{refused}");
    }
}
