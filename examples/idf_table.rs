//! Regenerates jieba's IDF table built into the library
//! (`src/analysis/jieba_idf.bin`) from jieba-rs's `src/data/idf.txt`
//! (MIT-licensed, as jieba-rs is):
//!
//! ```sh
//! cargo run --release --example idf_table -- \
//!     ~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data/idf.txt src/analysis/jieba_idf.bin
//! ```

use clap::Parser;

#[derive(Parser)]
#[command(version, about = "Lay jieba's IDF file out as the library reads it")]
struct Args {
    /// jieba-rs's `src/data/idf.txt` (`word idf` per line).
    idf_txt: String,
    /// Where to write the table.
    out: String,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let args = Args::parse();
        let text = jianbao::read_text_file(&args.idf_txt)?;
        let source = std::path::Path::new(&args.idf_txt)
            .ancestors()
            .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .find_map(|n| n.filter(|n| n.starts_with("jieba-rs-")))
            .unwrap_or_else(|| "jieba-rs".into());
        let header = format!(
            "jianbao built-in IDF table. GENERATED, DO NOT EDIT: made from {source}/src/data/idf.txt \
             (jieba's IDF data, MIT licence) by `cargo run --release --example idf_table -- <idf.txt> {}`. \
             Layout: see src/analysis/idf_table.rs.\n",
            args.out
        );
        let bytes = jianbao::analysis::compile_idf_table(&text, &header)?;
        std::fs::write(&args.out, bytes).map_err(|e| jianbao::Error::io(&args.out, e))?;
        eprintln!("wrote {}", args.out);
        Ok(())
    })
}
