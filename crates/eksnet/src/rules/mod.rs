//! Rules of the sources that more than one part of eksnet reads: each decided here,
//! once, from the checked model, so that scenes draw the facts they compute instead
//! of deciding them again.

pub mod aws_health;
pub mod private_cluster;
pub mod registration;
