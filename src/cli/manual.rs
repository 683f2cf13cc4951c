//! `parindex completions bash|zsh|fish` and `parindex man [COMMAND]`: shell completions and the
//! manual page (roff on standard output), both made from the one clap definition at run time,
//! so they always match the binary (docs/exports.md, "Completions and the manual page").

use clap_complete::Shell;

use super::{CmdResult, Failure, emit};
use crate::text::Lang;

/// The command line's definition in `lang`, as completions and the manual page describe it
/// (the help texts of `crate::text::help`).
pub fn command(lang: Lang) -> clap::Command {
    super::help::command(lang)
}

/// Completions for `shell` on standard output, their descriptions in the interface language.
pub fn completions(shell: Shell) -> CmdResult {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(super::help::current_lang()), "parindex", &mut out);
    emit(None, &String::from_utf8_lossy(&out))
}

/// The manual page of parindex, or of one of its commands, as roff, its section headings in
/// the interface language, as are the texts of the commands and options.
pub fn man(name: Option<&str>, lang: Lang) -> CmdResult {
    let t = lang.text();
    let mut cmd = command(lang);
    cmd.build();
    let page = match name {
        None => clap_mangen::Man::new(cmd),
        Some(n) => {
            let sub = cmd.find_subcommand(n).cloned().ok_or_else(|| Failure::Usage(format!("{} `{n}`", t.man_no_command)))?;
            clap_mangen::Man::new(sub).title(format!("parindex-{n}"))
        }
    };
    // The header's centre line ("General Commands Manual" by default) in the interface language.
    let page = page.manual(crate::text::help::man_manual(lang));
    let mut out = Vec::new();
    page.render(&mut out).map_err(|e| Failure::Usage(e.to_string()))?;
    emit(None, &headings(&String::from_utf8_lossy(&out), t.man_headings))
}

/// Replaces the `.SH` headings clap_mangen writes in English.
fn headings(roff: &str, table: &[(&str, &str)]) -> String {
    roff.lines()
        .map(|l| match l.strip_prefix(".SH ").and_then(|h| table.iter().find(|(en, _)| *en == h)) {
            Some((_, vi)) => format!(".SH \"{vi}\"\n"),
            None => format!("{l}\n"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_replaced_only_on_sh_lines() {
        let t = Lang::Vi.text().man_headings;
        assert_eq!(headings(".SH NAME\nNAME\n.SH OPTIONS\n.SH OTHER\n", t), ".SH \"TÊN\"\nNAME\n.SH \"TÙY CHỌN\"\n.SH OTHER\n");
        assert_eq!(headings(".SH NAME\n", Lang::En.text().man_headings), ".SH NAME\n");
    }
}
