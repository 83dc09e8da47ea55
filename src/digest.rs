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

use crate::classify::{Prediction, TopicModel};
use crate::error::Result;
use crate::keywords::{KeyPhrase, Keyword, KeywordExtractor};
use crate::summarize::{Budget, Method, Summarizer, SummarySentence};
use crate::text::layout::{Article, parse_page};
use crate::vectorize::Document;

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

impl PageDigest {
    /// A readable Markdown briefing: per article its headline, topic with
    /// probability, keywords and summary.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for a in &self.articles {
            out += &format!("## {}\n\n", a.title.as_deref().unwrap_or("（无标题）"));
            if let Some(k) = &a.kicker {
                out += &format!("> 引题：{k}\n");
            }
            if let Some(s) = &a.subtitle {
                out += &format!("> 副题：{s}\n");
            }
            if a.kicker.is_some() || a.subtitle.is_some() {
                out += "\n";
            }
            out += &match (&a.topic.label, &a.topic.abstention) {
                (Some(label), _) => format!("**{label}** ({:.2})", a.topic.probability),
                (None, Some(why)) => format!("**no topic** ({why})"),
                (None, None) => "**no topic**".to_string(),
            };
            if let Some(b) = &a.byline {
                out += &format!(" · {b}");
            }
            out += "\n\n";
            if !a.keywords.is_empty() {
                let words: Vec<&str> = a.keywords.iter().map(|k| k.word.as_str()).collect();
                out += &format!("关键词：{}\n\n", words.join("、"));
            }
            for s in &a.summary {
                out += &format!("- {}\n", s.text);
            }
            out += "\n";
        }
        out
    }
}

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
    summarizer: Summarizer,
    keywords: KeywordExtractor,
    model: Arc<TopicModel>,
}

/// Options of a [`Digest`].
#[derive(Debug, Clone)]
pub struct DigestBuilder {
    method: Method,
    budget: Budget,
    keywords: usize,
    model: Option<Arc<TopicModel>>,
}

impl Default for DigestBuilder {
    fn default() -> Self {
        DigestBuilder {
            method: Method::TextRank,
            budget: Budget::Sentences(2),
            keywords: 5,
            model: None,
        }
    }
}

impl DigestBuilder {
    /// Summary method (default TextRank).
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Summary length per article (default 2 sentences).
    pub fn budget(mut self, budget: Budget) -> Self {
        self.budget = budget;
        self
    }

    /// Keywords per article (default 5).
    pub fn keywords(mut self, k: usize) -> Self {
        self.keywords = k;
        self
    }

    /// A topic model of your own (default: the shipped model).
    pub fn model(mut self, model: TopicModel) -> Self {
        self.model = Some(Arc::new(model));
        self
    }

    /// Checks the options and builds the digest.
    pub fn build(self) -> Result<Digest> {
        // The process-wide tables (jieba's dictionary, the shipped model)
        // load once per process, side by side, so a cold start waits for
        // the slower of the two, not their sum.
        // With no thread to be had (a constrained host), the dictionary
        // loads on this one when the model or summarizer first cuts.
        let model = std::thread::scope(|s| {
            let _dictionary = std::thread::Builder::new().spawn_scoped(s, || {
                crate::tokenize::shared_jieba();
            });
            match self.model {
                Some(m) => Ok(m),
                None => TopicModel::shipped_shared().map(Arc::clone),
            }
        })?;
        crate::keywords::load_tables();
        Ok(Digest {
            summarizer: Summarizer::builder()
                .method(self.method)
                .budget(self.budget)
                .build()?,
            keywords: KeywordExtractor::builder().top_k(self.keywords).build()?,
            model,
        })
    }
}

impl Digest {
    /// Options with their defaults.
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
        // The body is cut once; the summary and the topic share that cut.
        let doc = Document::analyze(&a.body, self.summarizer.tokenizer());
        let heading = a.headline();
        let (keywords, phrases) = if a.body.is_empty() {
            self.keywords.keywords_and_phrases(&heading)
        } else {
            self.keywords.keywords_and_phrases_of(&doc)
        };
        ArticleDigest {
            title: a.title.clone(),
            kicker: a.kicker.clone(),
            subtitle: a.subtitle(),
            byline: (!a.metadata.bylines.is_empty()).then(|| a.metadata.bylines.join(" ")),
            credits: a.metadata.credits.clone(),
            topic: self.model.predict_document(&doc, &heading),
            keywords,
            phrases,
            summary: self
                .summarizer
                .summarize_document(&doc, Some(&heading))
                .sentences,
            body: a.body.clone(),
        }
    }
}
