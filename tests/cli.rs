//! The example programs on bad input: clear messages naming the file and
//! line, non-zero exit codes, and `--skip-bad` that keeps the good lines.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The example binary `name`, built by `cargo test` next to this test.
fn example(name: &str) -> Command {
    let mut dir = std::env::current_exe().unwrap();
    dir.pop(); // the test binary
    if dir.ends_with("deps") {
        dir.pop();
    }
    Command::new(dir.join("examples").join(name))
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("jianbao-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(cmd: &mut Command) -> (Output, String, String) {
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    (out, stdout, stderr)
}

#[test]
fn digest_reports_missing_files_directories_and_bad_utf8() {
    let (out, _, err) = run(example("digest").arg("no/such/page.md"));
    assert!(!out.status.success());
    assert!(err.contains("no/such/page.md"), "{err}");

    let (out, _, err) = run(example("digest").arg(env!("CARGO_MANIFEST_DIR")));
    assert!(!out.status.success());
    assert!(err.contains("directory"), "{err}");

    let bad = temp("bad.md", b"# \xe6\x96\n\xff\xfe");
    let (out, _, err) = run(example("digest").arg(&bad));
    assert!(!out.status.success());
    assert!(err.contains("not valid UTF-8"), "{err}");
    std::fs::remove_file(bad).ok();
}

#[test]
fn digest_json_has_the_documented_fields() {
    let page = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/page_front.md");
    let (out, json, _) = run(example("digest").arg(page).arg("--json"));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let a = &v["articles"][0];
    for field in [
        "title", "kicker", "subtitle", "byline", "topic", "keywords", "summary",
    ] {
        assert!(a.get(field).is_some(), "missing {field}");
    }
    assert_eq!(a["topic"]["label"], "cooperation");
    assert!(a["summary"][0]["start"].is_u64());
}

#[test]
fn jsonl_batches_stop_or_skip_on_bad_lines() {
    let input = temp(
        "batch.jsonl",
        "{\"id\":1,\"text\":\"# 甲\\n全市新建学校5所。\"}\nnot json\n{\"id\":3,\"title\":\"no text\"}\n{\"id\":4,\"text\":\"市委召开会议。\"}\n".as_bytes(),
    );
    for name in ["digest", "summarize", "classify", "keywords"] {
        let (out, _, err) = run(example(name).arg("--jsonl").arg(&input));
        assert!(!out.status.success(), "{name}");
        assert!(err.contains(":2:"), "{name}: {err}");

        let (out, stdout, err) = run(example(name).arg("--jsonl").arg("--skip-bad").arg(&input));
        assert!(out.status.success(), "{name}: {err}");
        let ids: Vec<i64> = stdout
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_i64()
                    .unwrap()
            })
            .collect();
        assert_eq!(ids, vec![1, 4], "{name}");
        assert!(err.contains("2 bad line(s) skipped"), "{name}: {err}");
    }
    std::fs::remove_file(input).ok();
}

#[test]
fn evaluate_reports_empty_files_and_bad_lines() {
    let empty = temp("empty.jsonl", b"\n\n");
    let (out, _, err) = run(example("evaluate")
        .args(["summarize", "--data"])
        .arg(&empty));
    assert!(!out.status.success());
    assert!(err.contains("no JSON lines"), "{err}");

    let data = temp(
        "summ.jsonl",
        "{\"id\":1,\"text\":\"全市新建学校5所。新增学位6800个。\",\"summary\":\"新建学校\"}\n{oops\n".as_bytes(),
    );
    let (out, _, err) = run(example("evaluate").args(["summarize", "--data"]).arg(&data));
    assert!(!out.status.success());
    assert!(err.contains(":2:"), "{err}");
    let (out, stdout, err) = run(example("evaluate")
        .args(["summarize", "--skip-bad", "--json", "--data"])
        .arg(&data));
    assert!(out.status.success(), "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["documents"], 1);
    assert!(v["rouge1"]["f1"].as_f64().unwrap() > 0.0);

    let labels = temp(
        "cls.jsonl",
        "{\"text\":\"市委召开会议。\",\"label\":\"weather\"}\n".as_bytes(),
    );
    let (out, stdout, err) = run(example("evaluate")
        .args(["classify", "--data"])
        .arg(&labels));
    assert!(out.status.success(), "{err}");
    assert!(err.contains("weather"), "{err}");
    assert!(stdout.contains("accuracy 0.000"), "{stdout}");
    for p in [empty, data, labels] {
        std::fs::remove_file(p).ok();
    }
}
