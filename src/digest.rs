//! The page briefing: one call from a newspaper page to a digest of every
//! article (headline, topic, keywords, summary).
//!
//! This is the library's front door. It strings the stages together: the
//! page parser finds the articles, and each article gets a topic from the
//! shipped model, keywords, and a summary whose sentences are complete
//! sentences of that article (never a byline, a credit or a heading).

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::Analyzer;
use crate::classify::{Prediction, TopicModel};
use crate::error::Result;
use crate::keywords::{KeyPhrase, Keyword, KeywordExtractor};
use crate::summarize::{Summarizer, SummarySentence};
use crate::text::layout::{Article, parse_page};

/// The briefing of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleDigest {
    /// The headline (`None` for text before the first heading).
    pub title: Option<String>,
    /// The kicker above the headline, if any.
    pub kicker: Option<String>,
    /// The sub-headlines joined by a space, if any.
    pub subtitle: Option<String>,
    /// Bylines and datelines joined by a space, if any.
    pub byline: Option<String>,
    /// Photo credits.
    pub credits: Vec<String>,
    /// The topic, with the probability of every label.
    pub topic: Prediction,
    /// Top keywords.
    pub keywords: Vec<Keyword>,
    /// Recurring key phrases.
    pub phrases: Vec<KeyPhrase>,
    /// The summary sentences, in article order; spans index into `body`.
    pub summary: Vec<SummarySentence>,
    /// The cleaned article text the summary spans point into.
    pub body: String,
}

/// The briefing of a page: one digest per article, in page order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageDigest {
    /// The articles.
    pub articles: Vec<ArticleDigest>,
}

impl ArticleDigest {
    /// A readable Markdown briefing of the article: its headline, topic
    /// with probability, keywords and summary.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## {}\n\n", self.title.as_deref().unwrap_or("（无标题）"));
        if let Some(k) = &self.kicker {
            out += &format!("> 引题：{k}\n");
        }
        if let Some(s) = &self.subtitle {
            out += &format!("> 副题：{s}\n");
        }
        if self.kicker.is_some() || self.subtitle.is_some() {
            out += "\n";
        }
        out += &match (&self.topic.label, &self.topic.abstention) {
            (Some(label), _) => format!("**{label}** ({:.2})", self.topic.probability),
            (None, Some(why)) => format!("**no topic** ({why})"),
            (None, None) => "**no topic**".to_string(),
        };
        if let Some(b) = &self.byline {
            out += &format!(" · {b}");
        }
        out += "\n\n";
        if !self.keywords.is_empty() {
            let words: Vec<&str> = self.keywords.iter().map(|k| k.word.as_str()).collect();
            out += &format!("关键词：{}\n\n", words.join("、"));
        }
        for s in &self.summary {
            out += &format!("- {}\n", s.text);
        }
        out += "\n";
        out
    }
}

impl PageDigest {
    /// A readable Markdown briefing: [`ArticleDigest::to_markdown`] of
    /// every article, in page order.
    pub fn to_markdown(&self) -> String {
        self.articles
            .iter()
            .map(ArticleDigest::to_markdown)
            .collect()
    }
}

/// How [`Digest::write_page`] writes a page's briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// Readable Markdown, article by article.
    Markdown,
    /// The page's digest as one JSON object.
    Json,
}

/// [`Digest::page_each`] briefs this many articles at a time.
const PAGE_BATCH: usize = 256;

/// Briefs pages and articles.
///
/// ```
/// use jianbao::digest::Digest;
///
/// let page = "## 深化区域协作\n\n# 两市签署十项合作协议\n\n本报讯(记者 周雨桐)11月24日，临江市与三明市签署新能源装备、文旅线路、职业教育等十项合作协议，总投资约86亿元。\n\n双方将共建新能源装备产业园，联合开发旅游线路。\n";
/// let digest = Digest::builder().build().unwrap().page(page);
/// let a = &digest.articles[0];
/// assert_eq!(a.title.as_deref(), Some("两市签署十项合作协议"));
/// assert_eq!(a.kicker.as_deref(), Some("深化区域协作"));
/// assert_eq!(a.topic.label.as_deref(), Some("cooperation"));
/// assert!(a.summary[0].text.starts_with("11月24日"));
/// ```
#[derive(Debug, Clone)]
pub struct Digest {
    analyzer: Analyzer,
    summarizer: Summarizer,
    keywords: KeywordExtractor,
    model: Arc<TopicModel>,
}

/// The stages of a [`Digest`], each configured on its own and all
/// defaulted: the [`Analyzer`] that cuts every article once (its user words
/// and stop words reach the summary, the keywords and the topic), the
/// [`Summarizer`] (its budget is the summary length), the
/// [`KeywordExtractor`] and the [`TopicModel`] (the shipped one).
///
/// ```
/// use jianbao::analysis::Analyzer;
/// use jianbao::digest::Digest;
/// use jianbao::summarize::{Budget, Summarizer};
/// let digest = Digest::builder()
///     .analyzer(Analyzer::builder().user_word("临江新区").build().unwrap())
///     .summarizer(Summarizer::builder().budget(Budget::Sentences(1)).build().unwrap())
///     .build()
///     .unwrap();
/// let d = digest.page("# 临江新区开工\n\n临江新区今天开工建设。项目总投资50亿元。\n");
/// assert_eq!(d.articles[0].summary.len(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct DigestBuilder {
    analyzer: Option<Analyzer>,
    summarizer: Option<Summarizer>,
    keywords: Option<KeywordExtractor>,
    model: Option<Arc<TopicModel>>,
}

impl DigestBuilder {
    /// The analysis every stage reads (default [`Analyzer::default`]).
    pub fn analyzer(mut self, analyzer: Analyzer) -> Self {
        self.analyzer = Some(analyzer);
        self
    }

    /// The summarizer (default [`Summarizer::default`]: TextRank, two sentences).
    pub fn summarizer(mut self, summarizer: Summarizer) -> Self {
        self.summarizer = Some(summarizer);
        self
    }

    /// The keyword extractor (default [`KeywordExtractor::default`]).
    pub fn keywords(mut self, keywords: KeywordExtractor) -> Self {
        self.keywords = Some(keywords);
        self
    }

    /// A topic model of your own (default: the shipped model).
    pub fn topics(mut self, model: TopicModel) -> Self {
        self.model = Some(Arc::new(model));
        self
    }

    /// Builds the digest, loading the shared tables now.
    ///
    /// # Errors
    ///
    /// [`Error::Model`](crate::Error::Model) only if the shipped model is
    /// damaged (a build problem).
    pub fn build(self) -> Result<Digest> {
        // The process-wide tables (jieba's dictionary, the shipped model)
        // load once per process, side by side, so a cold start waits for
        // the slower of the two, not their sum. With no thread to be had (a
        // constrained host), the dictionary loads on this one when the
        // first article is cut.
        let model = std::thread::scope(|s| {
            let _dictionary = std::thread::Builder::new().spawn_scoped(s, || {
                crate::analysis::shared_jieba();
            });
            match self.model {
                Some(m) => Ok(m),
                None => TopicModel::shipped_shared().map(Arc::clone),
            }
        })?;
        crate::keywords::load_tables();
        Ok(Digest {
            analyzer: self.analyzer.unwrap_or_default(),
            summarizer: self.summarizer.unwrap_or_default(),
            keywords: self.keywords.unwrap_or_default(),
            model,
        })
    }
}

impl Digest {
    /// Stages with their defaults.
    pub fn builder() -> DigestBuilder {
        DigestBuilder::default()
    }

    /// Briefs every article of a newspaper page, the articles on every
    /// core (so one huge page uses them all). An empty page gives no
    /// articles.
    pub fn page(&self, page: &str) -> PageDigest {
        PageDigest {
            articles: parse_page(page)
                .par_iter()
                .map(|a| self.parsed_article(a))
                .collect(),
        }
    }

    /// Briefs every article of a page and hands each digest to `each` in
    /// page order as soon as its batch is done, 256 articles at a time on
    /// every core: memory holds one batch of digests, not the page's (a
    /// page of a hundred thousand short items costs little more than its
    /// text). Stops at the first error `each` returns.
    ///
    /// ```
    /// use jianbao::digest::Digest;
    ///
    /// let page = "# 社区医院开诊\n\n社区医院今天开诊。\n\n# 新公交线路开通\n\n新公交线路今天开通。\n";
    /// let mut titles = Vec::new();
    /// Digest::builder().build()?.page_each(page, |a| {
    ///     titles.push(a.title.unwrap_or_default());
    ///     Ok(())
    /// })?;
    /// assert_eq!(titles, ["社区医院开诊", "新公交线路开通"]);
    /// # Ok::<(), jianbao::Error>(())
    /// ```
    pub fn page_each(
        &self,
        page: &str,
        mut each: impl FnMut(ArticleDigest) -> Result<()>,
    ) -> Result<()> {
        for batch in parse_page(page).chunks(PAGE_BATCH) {
            let digests: Vec<ArticleDigest> =
                batch.par_iter().map(|a| self.parsed_article(a)).collect();
            for d in digests {
                each(d)?;
            }
        }
        Ok(())
    }

    /// Writes the briefing of every article of `page` as it is made, in
    /// chunks of about 64 KB handed to `write`, so that a page of many
    /// items never holds all their digests at once: as Markdown
    /// ([`ArticleDigest::to_markdown`] of each), or as the page's digest in
    /// JSON (`{"articles":[…]}` and a newline, what [`PageDigest`]
    /// serialises to).
    ///
    /// ```
    /// use jianbao::digest::{Digest, PageFormat};
    ///
    /// let page = "# 社区医院开诊\n\n社区医院今天开诊。\n";
    /// let mut json = String::new();
    /// Digest::builder().build()?.write_page(page, PageFormat::Json, |chunk| {
    ///     json += chunk;
    ///     Ok(())
    /// })?;
    /// let value: serde_json::Value = serde_json::from_str(&json)?;
    /// assert_eq!(value["articles"][0]["title"], "社区医院开诊");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of `write`, and [`Error::Io`](crate::Error::Io) if a
    /// digest cannot be serialised.
    pub fn write_page(
        &self,
        page: &str,
        format: PageFormat,
        mut write: impl FnMut(&str) -> Result<()>,
    ) -> Result<()> {
        const CHUNK: usize = 1 << 16;
        let json = format == PageFormat::Json;
        let mut out = String::from(if json { "{\"articles\":[" } else { "" });
        let mut first = true;
        self.page_each(page, |a| {
            if json {
                if !std::mem::take(&mut first) {
                    out.push(',');
                }
                out += &serde_json::to_string(&a)
                    .map_err(|e| crate::Error::io("standard output", e.into()))?;
            } else {
                out += &a.to_markdown();
            }
            if out.len() >= CHUNK {
                write(&out)?;
                out.clear();
            }
            Ok(())
        })?;
        if json {
            out += "]}\n";
        }
        write(&out)
    }

    /// Briefs one article given as a headline and a body (the body may
    /// still carry bylines and layout breaks; they are cleaned).
    pub fn article(&self, title: Option<&str>, body: &str) -> ArticleDigest {
        let mut article = crate::text::layout::parse_article(body);
        if let Some(t) = title {
            article.title = Some(t.to_string());
        }
        self.parsed_article(&article)
    }

    /// Briefs many pages on every core; results come in input order.
    pub fn pages<S: AsRef<str> + Sync>(&self, pages: &[S]) -> Vec<PageDigest> {
        pages.par_iter().map(|p| self.page(p.as_ref())).collect()
    }

    fn parsed_article(&self, a: &Article) -> ArticleDigest {
        // The body is cut once; every stage reads that one analysis.
        let heading = a.headline();
        let doc = self.analyzer.analyze_article(Some(&heading), a);
        let keywords = if a.body.is_empty() {
            // A headline-only item: its keywords are the headline's.
            self.keywords.extract(&self.analyzer.analyze(&heading))
        } else {
            self.keywords.extract(&doc)
        };
        ArticleDigest {
            title: a.title.clone(),
            kicker: a.kicker.clone(),
            subtitle: a.subtitle(),
            byline: (!a.metadata.bylines.is_empty()).then(|| a.metadata.bylines.join(" ")),
            credits: a.metadata.credits.clone(),
            topic: self.model.predict(&doc),
            keywords: keywords.words,
            phrases: keywords.phrases,
            summary: self.summarizer.summarize(&doc).sentences,
            body: a.body.clone(),
        }
    }
}
