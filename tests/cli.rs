//! The command-line contract: run forms, exit statuses, `dis`, `--stats`.

use std::process::Command;

fn gilgamesh(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gilgamesh"))
        .args(args)
        .output()
        .expect("run gilgamesh")
}

#[test]
fn run_forms_and_exit_statuses() {
    let ok = gilgamesh(&["-c", "import sys; print(sys.argv, 6 * 7)", "x"]);
    assert_eq!(String::from_utf8_lossy(&ok.stdout), "['-c', 'x'] 42\n");
    assert_eq!(ok.status.code(), Some(0));
    let exc = gilgamesh(&["-c", "raise ValueError('bad')"]);
    assert_eq!(exc.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&exc.stderr).ends_with("ValueError: bad\n"));
    let usage = gilgamesh(&["run", "--mode", "nogil", "x.py"]);
    assert_eq!(usage.status.code(), Some(2));
    let missing = gilgamesh(&["/nonexistent/prog.py"]);
    assert_eq!(missing.status.code(), Some(2));
    let syntax = gilgamesh(&["-c", "def f(:\n  pass"]);
    assert_eq!(syntax.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&syntax.stderr).contains("SyntaxError"));
}

#[test]
fn dis_lists_bytecode() {
    let dir = std::env::temp_dir().join(format!("gilgamesh-dis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("p.py");
    std::fs::write(&file, "def f(x):\n    return x + 1\nprint(f(1))\n").expect("write");
    let out = gilgamesh(&["dis", file.to_str().expect("utf-8 path")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text.contains("BINARY_OP")
            && text.contains("RETURN_VALUE")
            && text.contains("<code object f")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stats_reports_gil_use_per_thread() {
    let dir = std::env::temp_dir().join(format!("gilgamesh-stats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("t.py");
    std::fs::write(
        &file,
        "import threading\n\
         def work():\n    x = 0\n    for i in range(200000):\n        x += i\n\
         ts = [threading.Thread(target=work) for _ in range(2)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print('done')\n",
    )
    .expect("write");
    let out = gilgamesh(&[
        "run",
        "--mode",
        "gil",
        "--stats",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("held ms") && err.contains("waited ms"),
        "stderr: {err}"
    );
    assert!(err.lines().any(|l| l.starts_with("main ")), "stderr: {err}");
    assert!(
        err.lines().filter(|l| l.starts_with("thread-")).count() >= 2,
        "stderr: {err}"
    );
    assert!(err.contains("GIL switches:"), "stderr: {err}");
    let _ = std::fs::remove_dir_all(&dir);
}
