//! Topic classification trained with linfa.
//!
//! # The topics
//!
//! The shipped model knows four topics, each article labelled by its main
//! thrust:
//!
//! - `governance`: party and government work, meetings and study sessions,
//!   policy and its deployment, reform, rule of law and courts,
//!   inspections, discipline, personnel, deputies' work, disaster response.
//! - `culture`: culture and the arts, heritage, books, film, media,
//!   tourism, festivals, sports (amateur and professional), entertainment.
//! - `public_services`: education, health care and hospitals, elderly
//!   care, social security, jobs services, housing for residents, transport
//!   services, utilities, services delivered to villages.
//! - `cooperation`: external relations: foreign affairs and international
//!   news, visits and delegations, exchanges and cooperation between
//!   countries, regions and cities, the Belt and Road, trade and investment
//!   promotion, signing ceremonies, sister cities, overseas Chinese.
//!
//! `models/README.md` (the model card) says what it was trained on and how
//! it scores on real news it never saw.
//!
//! # The model
//!
//! A [`TopicModel`] is trained on labelled texts ([`Corpus`], from one or
//! more sources) by multinomial logistic regression (`linfa-logistic`) or
//! multinomial naive Bayes; [`Selection`] cross-validates candidates and
//! keeps the best. Both models are linear in the features, so after
//! training their weights are kept in one form (a weight row per label plus
//! a bias) and prediction is a sparse dot product and a softmax whose
//! temperature was fitted on held-out folds. A text with nothing to go on,
//! or whose best label is not probable enough, gets no label
//! ([`Prediction::abstention`] says why).

mod corpus;
mod features;
mod metrics;
mod model;
mod report;
#[cfg(feature = "train")]
mod select;
#[cfg(feature = "train")]
mod train;

pub use corpus::{Corpus, LabeledText, Source};
pub use features::{FeatureParams, MAX_TITLE_WEIGHT, Vocabulary};
pub use metrics::{ClassificationReport, LabelScore};
pub use model::{
    Abstention, DEFAULT_MIN_PROBABILITY, FORMAT, FORMAT_VERSION, MAX_FEATURES, MAX_LABELS,
    MAX_MODEL_BYTES, ModelKind, Prediction, TermWeight, TopicModel,
};
pub use report::{CandidateReport, SourceReport, TrainingReport};
#[cfg(feature = "train")]
pub use select::{Chosen, Selection};
#[cfg(feature = "train")]
pub use train::TrainParams;
