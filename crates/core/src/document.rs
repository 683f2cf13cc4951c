//! Who signs what: the optional `[document]` table of workspace.toml and the optional
//! document keys of each `[[unit]]`, read for `parindex report` (docs/formats.md). Every key is
//! optional; a document leaves a blank to fill by hand where one is absent.

use crate::say::toml::Place;
use std::collections::HashMap;
use std::fmt::Write as _;

use toml::de::DeTable;

use super::answers::quote;
use super::toml_in::Reader;

/// The Office's document settings (`[document]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The parent body, e.g. "UBND TỈNH TIỀN GIANG".
    pub parent_body: Option<String>,
    /// The issuing body, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ".
    pub issuing_body: Option<String>,
    /// Where documents are signed, e.g. "Tiền Giang".
    pub place: Option<String>,
    pub signer_name: Option<String>,
    /// e.g. "PHÓ GIÁM ĐỐC".
    pub signer_title: Option<String>,
    /// e.g. "KT. GIÁM ĐỐC": signing on behalf of the head.
    pub signer_authority: Option<String>,
    /// The notice's number and symbol after "Số: ", e.g. "15/TB-VP" (blank: "…/TB-VP").
    pub number_office: Option<String>,
    /// "Nơi nhận:" list, one line each ("- Lưu: VT, VP." is added when absent).
    pub recipients: Vec<String>,
    /// Per unit (by id): the unit's own report keys.
    pub units: HashMap<String, UnitDocument>,
}

/// A unit's keys for its self-assessment report (in its `[[unit]]` table).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitDocument {
    /// The head's title, e.g. "TRƯỞNG PHÒNG" or "GIÁM ĐỐC".
    pub head_title: Option<String>,
    /// The signer's name.
    pub signer: Option<String>,
    /// The report's number and symbol after "Số: ", e.g. "12/BC-VP".
    pub number: Option<String>,
}

impl UnitDocument {
    fn is_empty(&self) -> bool {
        self.head_title.is_none() && self.signer.is_none() && self.number.is_none()
    }
}

/// The document keys a `[[unit]]` table may hold.
pub const UNIT_KEYS: [&str; 3] = ["head_title", "signer", "number"];

const KEYS: [&str; 8] = ["parent_body", "issuing_body", "place", "signer_name", "signer_title", "signer_authority", "number_office", "recipients"];

fn text(r: &mut Reader, t: &DeTable<'_>, key: &str) -> Option<String> {
    r.string(t, key).map(|x| x.0.trim().to_owned()).filter(|s| !s.is_empty())
}

impl Document {
    /// Reads `[document]` (problems reported through `r`, with their place).
    pub fn read(r: &mut Reader, doc: &DeTable<'_>) -> Document {
        let Some((t, _)) = r.table(doc, "document") else { return Document::default() };
        r.unknown_keys(t, &KEYS, Place::Literal("[document]"));
        Document {
            parent_body: text(r, t, "parent_body"),
            issuing_body: text(r, t, "issuing_body"),
            place: text(r, t, "place"),
            signer_name: text(r, t, "signer_name"),
            signer_title: text(r, t, "signer_title"),
            signer_authority: text(r, t, "signer_authority"),
            number_office: text(r, t, "number_office"),
            recipients: r.strings(t, "recipients").into_iter().map(|x| x.0.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            units: HashMap::new(),
        }
    }

    /// Reads a `[[unit]]` table's document keys into `self.units[id]`.
    pub fn read_unit(&mut self, r: &mut Reader, t: &DeTable<'_>, id: &str) {
        let u = UnitDocument { head_title: text(r, t, "head_title"), signer: text(r, t, "signer"), number: text(r, t, "number") };
        if !u.is_empty() {
            self.units.insert(id.to_owned(), u);
        }
    }

    /// A unit's keys (all blank when it has none).
    pub fn unit(&self, id: &str) -> UnitDocument {
        self.units.get(id).cloned().unwrap_or_default()
    }

    /// `[document]` as TOML (nothing when every key is absent).
    pub fn to_toml(&self, s: &mut String) {
        let pairs = [
            ("parent_body", &self.parent_body),
            ("issuing_body", &self.issuing_body),
            ("place", &self.place),
            ("signer_name", &self.signer_name),
            ("signer_title", &self.signer_title),
            ("signer_authority", &self.signer_authority),
            ("number_office", &self.number_office),
        ];
        if pairs.iter().all(|p| p.1.is_none()) && self.recipients.is_empty() {
            return;
        }
        s.push_str("\n[document]\n");
        for (k, v) in pairs {
            if let Some(v) = v {
                let _ = writeln!(s, "{k} = {}", quote(v));
            }
        }
        if !self.recipients.is_empty() {
            let list: Vec<String> = self.recipients.iter().map(|x| format!("  {},\n", quote(x))).collect();
            let _ = writeln!(s, "recipients = [\n{}]", list.concat());
        }
    }

    /// A unit's document keys as TOML lines.
    pub fn unit_to_toml(&self, id: &str, s: &mut String) {
        let Some(u) = self.units.get(id) else { return };
        for (k, v) in [("head_title", &u.head_title), ("signer", &u.signer), ("number", &u.number)] {
            if let Some(v) = v {
                let _ = writeln!(s, "{k} = {}", quote(v));
            }
        }
    }
}
