//! Classifies news by topic with the shipped model (or one you trained).
//!
//! ```sh
//! cargo run --release --example classify -- article.txt --explain
//! cargo run --release --example classify -- --jsonl batch.jsonl > topics.jsonl
//! ```

use clap::Parser;
use jianbao::classify::TopicModel;
use jianbao::text::layout::parse_article;

#[derive(Parser)]
#[command(
    version,
    about = "Topic of Chinese news: governance, culture, public_services, cooperation"
)]
struct Args {
    /// Input file; `-` or nothing reads standard input.
    path: Option<String>,
    /// Model file (default: the model shipped with jianbao).
    #[arg(long)]
    model: Option<String>,
    /// Give no label below this probability (default: the model's own, 0.4 for the shipped one).
    #[arg(long)]
    min_probability: Option<f64>,
    #[command(flatten)]
    batch: jianbao::cli::BatchArgs,
    /// Also print the terms that weighed most for the label.
    #[arg(long)]
    explain: bool,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let args = Args::parse();
        let mut model = match &args.model {
            Some(path) => TopicModel::load(path)?,
            None => TopicModel::shipped()?.clone(),
        };
        if let Some(p) = args.min_probability {
            model = model.with_min_probability(p)?;
        }
        // Bylines and layout breaks are cleaned first, as the digest does.
        if args.batch.jsonl {
            return args.batch.run(args.path.as_deref(), |r| {
                let a = parse_article(&r.text);
                model.predict_text(r.title.as_deref().or(a.title.as_deref()), &a.body)
            });
        }
        let (text, _) = jianbao::batch::read_input(args.path.as_deref())?;
        let a = parse_article(&text);
        let (p, terms) = model.explain(a.title.as_deref(), &a.body, 8);
        if args.batch.json {
            let mut v = serde_json::json!(p);
            if args.explain {
                v["terms"] = serde_json::json!(terms);
            }
            return jianbao::cli::print_json(&v);
        }
        let mut out = format!("{}\t{:.3}", p.label_or_dash(), p.probability);
        if let Some(why) = &p.abstention {
            out += &format!("\t({why})");
        }
        out += "\n";
        out.extend(p.scores.iter().map(|(l, x)| format!("  {l:<16} {x:.3}\n")));
        if args.explain {
            let words: Vec<String> = terms
                .iter()
                .map(|t| format!("{}({:.2})", t.term, t.weight))
                .collect();
            out += &format!("because: {}\n", words.join(" "));
        }
        jianbao::batch::print(&out)
    })
}
