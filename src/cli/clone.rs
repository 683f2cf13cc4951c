//! `parindex clone URL DIR [--user NAME] [--key PATH]`: a person's clone of a round kept in git
//! (issue 20), set up in one step: `git clone`, the clone's user name (`parindex.user`, what
//! [`crate::core::roles::user_in`] reads), and, when the round lists SSH keys, the key commits
//! are signed with (`gpg.format=ssh`, `user.signingkey`, as `parindex sync` uses them). Says
//! who the user is in the round (warns when nobody of that name is), and what to do next.

use std::path::{Path, PathBuf};

use super::{CmdResult, Failure};
use crate::core::store::git::Git;
use crate::core::workspace::Workspace;
use crate::text::msg::Message;
use crate::text::msg::clone::CloneWord as W;
use crate::text::{Lang, Render};

fn refuse(m: W, lang: Lang) -> Failure {
    Failure::Usage(m.render(lang))
}

/// The default signing key: `~/.ssh/id_ed25519` (`%USERPROFILE%\.ssh\id_ed25519` on Windows).
fn default_key() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).or_else(|| std::env::var_os("USERPROFILE").filter(|h| !h.is_empty()))?;
    Some(PathBuf::from(home).join(".ssh").join("id_ed25519"))
}

/// A user name git config and the round can hold: one word, no control characters.
fn usable_user(u: &str) -> bool {
    !u.is_empty() && !u.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether the public half of `key` (`KEY.pub`, or `key` itself when it is the public key) is
/// one of `listed`; `None` when it cannot be read.
fn key_listed(key: &Path, listed: &[ssh_key::PublicKey]) -> Option<bool> {
    let text = std::fs::read_to_string(key).ok().filter(|t| t.starts_with("ssh-")).or_else(|| {
        let mut p = key.as_os_str().to_owned();
        p.push(".pub");
        std::fs::read_to_string(PathBuf::from(p)).ok()
    })?;
    let public = ssh_key::PublicKey::from_openssh(text.trim()).ok()?;
    Some(listed.iter().any(|k| k.key_data() == public.key_data()))
}

pub fn run(url: &str, dir: &Path, user: Option<&str>, key: Option<&Path>, lang: Lang) -> CmdResult {
    // Everything that can be refused is refused before anything is cloned.
    let user = match user {
        Some(u) => u.trim().to_owned(),
        None => crate::core::roles::current_user(),
    };
    if user.is_empty() {
        return Err(refuse(W::NoUser, lang));
    }
    if !usable_user(&user) {
        return Err(refuse(W::BadUser { user }, lang));
    }
    let shown = dir.display().to_string();
    if std::fs::symlink_metadata(dir).is_ok() && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some()) {
        return Err(refuse(W::DirTaken { dir: shown }, lang));
    }
    let key = match key {
        Some(k) if !k.is_file() => return Err(refuse(W::KeyMissing { key: k.display().to_string() }, lang)),
        // Absolute: git reads it from the clone's folder, whatever folder sync runs in.
        Some(k) => Some(std::path::absolute(k).unwrap_or_else(|_| k.to_path_buf())),
        None => None,
    };

    // 1. The clone.
    let failed = |why: String| refuse(W::CloneFailed { url: url.to_owned(), why }, lang);
    let o = Git::new(Path::new("."))
        .run(&[std::ffi::OsStr::new("clone"), "--quiet".as_ref(), "--".as_ref(), url.as_ref(), dir.as_os_str()])
        .map_err(|e| failed(e.to_string()))?;
    if !o.ok {
        return Err(failed(o.err_text()));
    }
    let ws = Workspace::load(dir)
        .map_err(|e| refuse(W::NotARound { dir: shown.clone(), problems: e.diagnostics.render_in(lang).trim_end().to_owned() }, lang))?;
    println!("{}", W::Cloned { url: url.to_owned(), dir: shown.clone() }.render(lang));

    // 2. Who the clone acts as.
    let config = |k: &str, v: &str| -> CmdResult { Git::new(dir).out(&["config", "--local", k, v]).map(drop).map_err(|e| failed(e.to_string())) };
    config("parindex.user", &user)?;
    println!("{}", W::UserSet { user: user.clone() }.render(lang));

    // 3. The signing key: the one named, else the default one when the round lists keys.
    let signing = match key {
        Some(k) => {
            println!("{}", W::KeyGiven { key: k.display().to_string() }.render(lang));
            Some(k)
        }
        None if ws.lists_keys() => match default_key().filter(|k| k.is_file()) {
            Some(k) => {
                println!("{}", W::KeyChosen { key: k.display().to_string() }.render(lang));
                Some(k)
            }
            None => {
                let k = default_key().map_or_else(|| "~/.ssh/id_ed25519".to_owned(), |k| k.display().to_string());
                eprintln!("parindex: {}", W::NoKeyFound { key: k, dir: shown.clone() }.render(lang));
                None
            }
        },
        None => None,
    };
    if let Some(k) = &signing {
        config("gpg.format", "ssh")?;
        config("user.signingkey", &k.to_string_lossy())?;
        let listed = ws.keys_of(&user);
        if !listed.is_empty() && key_listed(k, &listed) == Some(false) {
            eprintln!("parindex: {}", W::KeyNotListed { key: k.display().to_string(), user: user.clone() }.render(lang));
        }
    }

    // 4. Who that is in the round.
    if !ws.single_user {
        let who = crate::core::roles::Identity::of(&ws, &user);
        let mut roles: Vec<String> = Vec::new();
        if who.office {
            roles.push(W::RoleOffice.render(lang));
        }
        if !who.units.is_empty() {
            let units: Vec<&str> = who.units.iter().map(|&u| ws.units[u].id.as_str()).collect();
            roles.push(W::RoleHead { units: units.join(", ") }.render(lang));
        }
        if roles.is_empty() && ws.everyone().contains(&user) {
            roles.push(W::RoleOther.render(lang));
        }
        if roles.is_empty() {
            eprintln!("parindex: {}", W::NotAPerson { user: user.clone(), dir: shown.clone() }.render(lang));
        } else {
            println!("{}", W::Role { roles: roles.join("; ") }.render(lang));
        }
    }
    println!("{}", W::Next { dir: shown }.render(lang));
    Ok(())
}
