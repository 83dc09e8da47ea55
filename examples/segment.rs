//! jieba-rs alone (HMM on), with the same input and output handling as the
//! other examples: the floor the speed figures are measured against.
//!
//! ```sh
//! cargo run --release --example segment -- examples/data/page_front.md
//! cargo run --release --example segment -- --jsonl news.jsonl --threads 1 > /dev/null
//! ```

use clap::Parser;
use jianbao::analysis::shared_jieba;

#[derive(Parser)]
#[command(version, about = "Cut text with jieba-rs and print the words")]
struct Args {
    /// Input file; `-` or nothing reads standard input.
    path: Option<String>,
    #[command(flatten)]
    batch: jianbao::cli::BatchArgs,
}

/// A batch line's answer: how many words the text was cut into.
#[derive(serde::Serialize)]
struct Cut {
    words: usize,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let args = Args::parse();
        if args.batch.jsonl {
            return args.batch.run(args.path.as_deref(), |r| Cut {
                words: shared_jieba().cut(&r.text, true).len(),
            });
        }
        let (text, _) = jianbao::batch::read_input(args.path.as_deref())?;
        let words: Vec<&str> = shared_jieba()
            .cut(&text, true)
            .into_iter()
            .map(|t| t.word)
            .collect();
        jianbao::batch::print(&(words.join(" ") + "\n"))
    })
}
