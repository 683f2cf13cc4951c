//! Tests of the core that need the application: the wording of the core's messages (the core
//! has no words) and the demo round's generator. They use only the core's public API.

mod answers;
mod modes;
mod register;
mod results;
mod scorecard;
mod tally;
mod toml_fast;
mod workspace;
