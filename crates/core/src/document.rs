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
    /// The notice's number and symbol after "Số: ", e.g. "15/TB-SKH&CN" (absent: a blank for
    /// the number, then "/TB-" and [`Document::symbol`]).
    pub number_office: Option<String>,
    /// The issuing body's ký hiệu, e.g. "SKH&CN" (its documents' "…/TB-SKH&CN").
    pub symbol: Option<String>,
    /// The plan that launched the round, as a document cites it: "Kế hoạch số 173/KH-SKH&CN
    /// ngày 25/02/2020 của Sở Khoa học và Công nghệ".
    pub plan: Option<String>,
    /// The issuing body's charter, as the Quyết định's first căn cứ cites it: "Quyết định số
    /// 25/2016/QĐ-UBND ngày 23/6/2016 của UBND tỉnh Tiền Giang quy định chức năng, nhiệm vụ,
    /// quyền hạn và cơ cấu tổ chức của Sở Khoa học và Công nghệ" (absent: a blank for the
    /// number).
    pub charter: Option<String>,
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
    /// The unit's ký hiệu on its documents, e.g. "CCTĐC" (absent: its id in capitals).
    pub symbol: Option<String>,
}

impl UnitDocument {
    fn is_empty(&self) -> bool {
        self.head_title.is_none() && self.signer.is_none() && self.number.is_none() && self.symbol.is_none()
    }
}

/// The document keys a `[[unit]]` table may hold.
pub const UNIT_KEYS: [&str; 4] = ["head_title", "signer", "number", "symbol"];

const KEYS: [&str; 11] = [
    "parent_body",
    "issuing_body",
    "place",
    "signer_name",
    "signer_title",
    "signer_authority",
    "number_office",
    "symbol",
    "plan",
    "charter",
    "recipients",
];

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
            symbol: text(r, t, "symbol"),
            plan: text(r, t, "plan"),
            charter: text(r, t, "charter"),
            recipients: r.strings(t, "recipients").into_iter().map(|x| x.0.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            units: HashMap::new(),
        }
    }

    /// Reads a `[[unit]]` table's document keys into `self.units[id]`.
    pub fn read_unit(&mut self, r: &mut Reader, t: &DeTable<'_>, id: &str) {
        let u = UnitDocument {
            head_title: text(r, t, "head_title"),
            signer: text(r, t, "signer"),
            number: text(r, t, "number"),
            symbol: text(r, t, "symbol"),
        };
        if !u.is_empty() {
            self.units.insert(id.to_owned(), u);
        }
    }

    /// A unit's keys (all blank when it has none).
    pub fn unit(&self, id: &str) -> UnitDocument {
        self.units.get(id).cloned().unwrap_or_default()
    }

    /// The keys a signed paper needs that `[document]` and each unit's table lack, for `check`'s
    /// warning: `("", keys)` for `[document]`, `(unit id, keys)` for a unit.
    pub fn missing<'a>(&self, units: impl Iterator<Item = &'a str>) -> Vec<(String, Vec<&'static str>)> {
        let mut out = Vec::new();
        let office: Vec<&'static str> = [
            ("parent_body", &self.parent_body),
            ("issuing_body", &self.issuing_body),
            ("place", &self.place),
            ("symbol", &self.symbol),
            ("signer_title", &self.signer_title),
            ("signer_name", &self.signer_name),
            ("charter", &self.charter),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| k)
        .collect();
        if !office.is_empty() {
            out.push((String::new(), office));
        }
        for id in units {
            let u = self.unit(id);
            let keys: Vec<&'static str> = [("symbol", &u.symbol), ("head_title", &u.head_title), ("signer", &u.signer)]
                .into_iter()
                .filter(|(_, v)| v.is_none())
                .map(|(k, _)| k)
                .collect();
            if !keys.is_empty() {
                out.push((id.to_owned(), keys));
            }
        }
        out
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
            ("symbol", &self.symbol),
            ("plan", &self.plan),
            ("charter", &self.charter),
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
        for (k, v) in [("head_title", &u.head_title), ("signer", &u.signer), ("number", &u.number), ("symbol", &u.symbol)] {
            if let Some(v) = v {
                let _ = writeln!(s, "{k} = {}", quote(v));
            }
        }
    }
}
