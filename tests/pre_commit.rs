//! The real `pre-commit` (installed from PyPI into target/ when not on PATH) in a temporary
//! git repository that uses this repository's hook: committing an inconsistent report is
//! refused with the finding printed, a consistent one is accepted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    out
}

fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(out.status.success(), "{cmd:?} failed:\n{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `pre-commit` from $SOI_PRE_COMMIT, the PATH, or a virtualenv made under target/.
fn pre_commit(root: &Path) -> PathBuf {
    if let Some(p) = std::env::var_os("SOI_PRE_COMMIT") {
        return PathBuf::from(p);
    }
    if Command::new("pre-commit").arg("--version").output().is_ok_and(|o| o.status.success()) {
        return PathBuf::from("pre-commit");
    }
    let venv = root.join("target/pre-commit-venv");
    let bin = venv.join("bin/pre-commit");
    if !bin.exists() {
        ok(Command::new("python3").args(["-m", "venv"]).arg(&venv));
        ok(Command::new(venv.join("bin/pip")).args(["install", "--quiet", "pre-commit"]));
    }
    bin
}

#[test]
fn commit_of_an_inconsistent_report_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pc = pre_commit(root);
    let rev = ok(Command::new("git").args(["-C"]).arg(root).args(["rev-parse", "HEAD"])).trim().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let mut c = Command::new("git");
        c.current_dir(repo).args(args).env("PRE_COMMIT_HOME", root.join("target/pre-commit-home")).env("CARGO_TARGET_DIR", root.join("target/pre-commit-build"));
        c
    };
    ok(&mut git(&["init", "-q", "-b", "main"]));
    ok(&mut git(&["config", "user.email", "ci@example.invalid"]));
    ok(&mut git(&["config", "user.name", "CI"]));
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!("repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: soi\n", root.display()),
    )
    .unwrap();
    let mut install = Command::new(&pc);
    install.current_dir(repo).arg("install").env("PRE_COMMIT_HOME", root.join("target/pre-commit-home"));
    ok(&mut install);
    ok(&mut git(&["add", ".pre-commit-config.yaml"]));

    // An inconsistent report: 9.300/31.000 is 30%, not 28%.
    std::fs::write(repo.join("bao-cao.txt"), "Vốn huyện giải ngân 9.300 triệu đồng/31.000 triệu đồng, đạt 28% kế hoạch.\n").unwrap();
    ok(&mut git(&["add", "bao-cao.txt"]));
    let refused = run(&mut git(&["commit", "-q", "-m", "báo cáo sai"]));
    let said = format!("{}{}", String::from_utf8_lossy(&refused.stdout), String::from_utf8_lossy(&refused.stderr));
    assert!(!refused.status.success(), "the commit went through:\n{said}");
    assert!(said.contains("bao-cao.txt:1:61: error[SOI101] Tỷ lệ 28% không khớp với 9.300 triệu đồng / 31.000 triệu đồng = 30,0%"), "{said}");

    // Fixed: accepted.
    std::fs::write(repo.join("bao-cao.txt"), "Vốn huyện giải ngân 9.300 triệu đồng/31.000 triệu đồng, đạt 30% kế hoạch.\n").unwrap();
    ok(&mut git(&["add", "bao-cao.txt"]));
    let accepted = run(&mut git(&["commit", "-q", "-m", "báo cáo đúng"]));
    assert!(
        accepted.status.success(),
        "{}{}",
        String::from_utf8_lossy(&accepted.stdout),
        String::from_utf8_lossy(&accepted.stderr)
    );
    let log = ok(&mut git(&["log", "--format=%s"]));
    assert_eq!(log, "báo cáo đúng\n");
}
