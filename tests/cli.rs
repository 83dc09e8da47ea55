//! The example programs, run as a user runs them: clear messages naming the
//! file, line or flag at fault, non-zero exit codes, batches that keep ids
//! and order, `--skip-bad` that keeps the good lines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The example binary `name`. The examples are built once, by cargo, in
/// this test's own target folder and profile, so the tests pass when run
/// alone (`cargo test --release --test cli`).
fn example(name: &str) -> Command {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        // target/<profile>/deps/cli-…
        let profile_dir = exe.parent().and_then(Path::parent).unwrap();
        let target = profile_dir.parent().unwrap();
        let mut build = Command::new(env!("CARGO"));
        build
            .args(["build", "--examples", "--quiet", "--manifest-path"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .arg("--target-dir")
            .arg(target);
        if profile_dir.ends_with("release") {
            build.arg("--release");
        }
        let status = build.status().unwrap();
        assert!(status.success(), "building the examples failed");
        profile_dir.join("examples")
    });
    Command::new(dir.join(name))
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

const PAGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/page_front.md");

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
    let (out, json, _) = run(example("digest").arg(PAGE).arg("--json"));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let a = &v["articles"][0];
    for field in [
        "title", "kicker", "subtitle", "byline", "credits", "topic", "keywords", "phrases",
        "summary", "body",
    ] {
        assert!(a.get(field).is_some(), "missing {field}");
    }
    assert_eq!(a["topic"]["label"], "cooperation");
    let s = &a["summary"][0];
    let span = (
        s["span"]["start"].as_u64().unwrap() as usize,
        s["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &a["body"].as_str().unwrap()[span.0..span.1],
        s["text"].as_str().unwrap()
    );
}

#[test]
fn json_and_jsonl_give_the_same_shape() {
    let text = std::fs::read_to_string(PAGE).unwrap();
    let line = serde_json::json!({"id": "front", "text": text}).to_string() + "\n";
    let batch = temp("one.jsonl", line.as_bytes());
    for name in ["digest", "summarize", "classify", "keywords"] {
        let (_, single, _) = run(example(name).arg(PAGE).arg("--json"));
        let (out, lines, err) = run(example(name).arg("--jsonl").arg(&batch));
        assert!(out.status.success(), "{name}: {err}");
        let mut one: serde_json::Value = serde_json::from_str(&single).unwrap();
        let many: serde_json::Value = serde_json::from_str(lines.trim()).unwrap();
        assert_eq!(many["id"], "front", "{name}");
        assert_eq!(many["line"], 1, "{name}");
        // The same fields, and (the same text, the same analysis) the same values.
        let fields = one.as_object_mut().unwrap();
        fields.remove("terms");
        for (k, v) in fields.iter() {
            assert_eq!(&many[k], v, "{name}: {k}");
        }
    }
    std::fs::remove_file(batch).ok();
}

#[test]
fn a_digest_line_with_a_title_is_that_one_article() {
    let body = "今年以来，全市新建社区食堂四十家，每天为一万多名老人提供午餐。\
                老人们都说吃得实惠又放心。";
    let lines = [
        serde_json::json!({"id": 1, "title": "社区食堂让老人吃得放心", "text": body}),
        serde_json::json!({"id": 2, "text": body}),
    ]
    .map(|l| l.to_string() + "\n")
    .concat();
    let input = temp("titled.jsonl", lines.as_bytes());
    let (out, stdout, err) = run(example("digest").arg("--jsonl").arg(&input));
    assert!(out.status.success(), "{err}");
    let rows: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows[0]["articles"][0]["title"], "社区食堂让老人吃得放心");
    assert_eq!(rows[0]["articles"].as_array().unwrap().len(), 1);
    assert_eq!(rows[1]["articles"][0]["title"], serde_json::Value::Null);
    std::fs::remove_file(input).ok();
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
    // Every line bad: nothing was done, and the exit code says so.
    let all_bad = temp("all-bad.jsonl", b"nope\n{\"id\":1}\n");
    let (out, _, err) = run(example("summarize")
        .args(["--jsonl", "--skip-bad"])
        .arg(&all_bad));
    assert!(!out.status.success(), "{err}");
    for p in [input, all_bad] {
        std::fs::remove_file(p).ok();
    }
}

#[test]
fn ids_come_back_exactly_as_given() {
    let input = temp(
        "ids.jsonl",
        "\u{feff}{\"id\":12345678901234567890123,\"text\":\"一。\"}\r\n{\"id\":null,\"text\":\"二。\"}\r{\"text\":\"三。\"}\n{\"id\":\"x-1\",\"text\":\"四。\"}\n".as_bytes(),
    );
    let (out, stdout, err) = run(example("summarize").arg("--jsonl").arg(&input));
    assert!(out.status.success(), "{err}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("{\"line\":1,\"id\":12345678901234567890123,"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("{\"line\":2,\"id\":null,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("{\"line\":3,\"method\""),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("{\"line\":4,\"id\":\"x-1\","),
        "{}",
        lines[3]
    );
    std::fs::remove_file(input).ok();
}

#[test]
fn bad_flags_are_named_and_refused() {
    for (name, args, flag) in [
        ("summarize", vec!["--sentences", "0"], "--sentences 0"),
        ("summarize", vec!["--chars", "0"], "--chars 0"),
        ("summarize", vec!["--ratio", "1.5"], "--ratio 1.5"),
        ("keywords", vec!["--pos", "zzz"], "--pos zzz"),
        ("keywords", vec!["--top", "0"], "--top 0"),
        ("digest", vec!["--jsonl", "--threads", "0"], "--threads 0"),
        ("digest", vec!["--threads", "0"], "--threads 0"),
        ("digest", vec!["--threads", "257"], "--threads 257"),
        (
            "digest",
            vec!["--jsonl", "--threads", "100000000"],
            "--threads 100000000",
        ),
        (
            "classify",
            vec!["--min-probability", "2"],
            "--min-probability 2",
        ),
    ] {
        let (out, _, err) = run(example(name).args(&args).arg(PAGE));
        assert!(!out.status.success(), "{name} {args:?}");
        assert!(err.contains(flag), "{name} {args:?}: {err}");
    }
}

#[test]
fn every_example_has_a_version() {
    for name in [
        "digest",
        "summarize",
        "keywords",
        "classify",
        "train",
        "evaluate",
        "articles",
        "segment",
    ] {
        let (out, stdout, _) = run(example(name).arg("--version"));
        assert!(out.status.success(), "{name}");
        assert!(
            stdout.contains(env!("CARGO_PKG_VERSION")),
            "{name}: {stdout}"
        );
    }
}

#[test]
fn train_checks_its_output_before_training() {
    let started = std::time::Instant::now();
    let (out, _, err) = run(example("train")
        .args([
            "--data",
            concat!(env!("CARGO_MANIFEST_DIR"), "/models/corpus/topics.jsonl"),
        ])
        .args(["--out", "/no/such/dir/model.json"]));
    assert!(!out.status.success());
    assert!(err.contains("/no/such/dir/model.json"), "{err}");
    // It failed before reading the corpus, let alone cross-validating.
    assert!(started.elapsed().as_secs() < 30);
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
    assert!(v["rouge"]["rouge1"]["f1"].as_f64().unwrap() > 0.0);

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

#[test]
fn evaluate_keywords_applies_its_filter_and_scorer_flags() {
    let data = temp(
        "kw.jsonl",
        "{\"id\":1,\"text\":\"石桥口村修通公路。石桥口村的村民出行方便了。\",\"summary\":\"石桥口村修路\"}\n"
            .as_bytes(),
    );
    let args = ["keywords", "--top", "3", "--data"];
    let (out, stdout, err) = run(example("evaluate").args(args).arg(&data));
    assert!(out.status.success(), "{err}");
    assert!(stdout.contains("P@3"), "{stdout}");
    // Each flag reaches the extractor: a bad value is an error naming it.
    for (flag, bad) in [("--pos", "zzz"), ("--scorer", "/no/such/scorer.json")] {
        let (out, _, err) = run(example("evaluate").args(args).arg(&data).args([flag, bad]));
        assert!(!out.status.success());
        assert!(err.contains(bad), "{flag}: {err}");
    }
    std::fs::remove_file(data).ok();
}
