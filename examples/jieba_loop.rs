//! The floor of the speed figures: a bare loop that reads each JSON line,
//! takes its `text` and cuts it with jieba-rs (HMM on), one thread, no
//! output but a count. `benches/speed.sh` runs it beside the examples.
//!
//! ```sh
//! cargo run --release --example jieba_loop -- news.jsonl
//! ```

use std::io::BufRead;

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
        let (input, name) = jianbao::batch::open_input(Some(&path))?;
        let jieba = jianbao::analysis::shared_jieba();
        let mut words = 0usize;
        for line in std::io::BufReader::new(input).lines() {
            let line = line.map_err(|e| jianbao::Error::io(&name, e))?;
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line)
                && let Some(text) = v["text"].as_str()
            {
                words += jieba.cut(text, true).len();
            }
        }
        jianbao::batch::print(&format!("{words} words\n"))
    })
}
