//! Topic classification trained with linfa.
//!
//! A [`TopicModel`] is trained on labelled texts ([`Corpus`]) by one of two
//! linfa models, multinomial naive Bayes (`linfa-bayes`) or multinomial
//! logistic regression (`linfa-logistic`). Both are linear in the features,
//! so after training their weights are kept in one form (a weight row per
//! label plus a bias) and prediction is a sparse dot product and a softmax:
//! no dense matrix per call, no model or dictionary loading per call.
//!
//! The crate ships a model trained on the team's corpus
//! (`models/corpus/topics.jsonl`) with four topics: `governance`,
//! `culture`, `public_services`, `cooperation`. [`TopicModel::shipped`]
//! gives it with no set-up.

mod corpus;
mod features;
mod model;
mod train;

pub use corpus::{Corpus, LabeledText};
pub use features::{FeatureParams, Vocabulary};
pub use model::{
    FORMAT, FORMAT_VERSION, MAX_MODEL_BYTES, ModelKind, Prediction, TermWeight, TopicModel,
};
pub use train::{TrainParams, TrainingReport, cross_validate};
