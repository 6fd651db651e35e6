//! `schema`, `completions` and `man`: what editors and shells need to know
//! about sunrota, generated from the config types and the clap definitions.

use crate::cli::CompletionsArgs;
use crate::error::{Error, Exit};

/// `sunrota schema`: the JSON Schema of the team config.
pub fn schema() -> Result<Exit, Error> {
    Err(Error::invalid("schema: not built yet", None))
}

/// `sunrota completions SHELL`.
pub fn completions(_args: &CompletionsArgs) -> Result<Exit, Error> {
    Err(Error::invalid("completions: not built yet", None))
}

/// `sunrota man`.
pub fn man() -> Result<Exit, Error> {
    Err(Error::invalid("man: not built yet", None))
}
