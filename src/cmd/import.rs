//! `sunrota import nrp`: a Curtois & Qu instance as a team config.

use crate::cli::{self, ImportArgs};
use crate::config::Config;
use crate::error::{self, Error, Exit};
use crate::{nrp, write};

/// `sunrota import nrp INSTANCE [-o CONFIG]`: a benchmark instance as a config.
pub fn import(args: &ImportArgs) -> Result<Exit, Error> {
    let cli::ImportFormat::Nrp = args.format;
    let target = args.output.as_deref().map(|path| write::Target {
        path,
        force: args.force,
        inputs: vec![args.file.clone()],
    });
    if let Some(t) = &target {
        t.guard()?;
    }
    let src = error::Source::read(&args.file)?;
    let inst = nrp::parse(&src)?;
    let name = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = nrp::to_config(&inst, &name);
    // The config must load: what import writes, plan reads.
    Config::from_source(error::Source {
        name: format!("{name} (imported)"),
        text: text.clone(),
    })?;
    match &target {
        Some(t) => {
            t.write(&text)?;
            let path = t.path;
            crate::stdoutln!(
                "{}: {} staff, {} shift types, {} days, {} cover lines, {} requests → {}",
                src.name,
                inst.staff.len(),
                inst.shifts.len(),
                inst.days,
                inst.cover.len(),
                inst.on.len() + inst.off.len(),
                path.display()
            );
        }
        None => crate::stdout!("{text}"),
    }
    Ok(Exit::Ok)
}
