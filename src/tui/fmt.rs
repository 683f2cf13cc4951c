//! Words and numbers on screen: points with the decimal comma, inputs, the rule of a criterion
//! in words, input errors in the interface language, and search folding.

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use crate::core::answers::Input;
use crate::core::num::{fmt_fixed, fmt_short, parse_typed};
use crate::core::rules::{InputError, InputKind, band_value, input_kind};
use crate::core::scorecard::{Node, Rule};
use crate::text::{Lang, Text};

/// Fills `{}` placeholders in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut it = args.iter();
    while let Some(p) = rest.find("{}") {
        out.push_str(&rest[..p]);
        out.push_str(it.next().copied().unwrap_or(""));
        rest = &rest[p + 2..];
    }
    out.push_str(rest);
    out
}

/// Points with two decimals: `87,25`, `−0,50` (one minus sign on screen: U+2212).
pub fn num(d: Decimal, lang: Lang) -> String {
    minus(fmt_fixed(d, 2, lang.decimal_sep()))
}

/// Points as short as exact: `8,5`, `10`, `−1`.
pub fn short(d: Decimal, lang: Lang) -> String {
    minus(fmt_short(d, lang.decimal_sep()))
}

fn minus(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

/// `1 point`, `2 points` (Vietnamese has one form).
pub fn points(d: Decimal, t: &Text, lang: Lang) -> String {
    let word = if d == Decimal::ONE { t.points_unit_one } else { t.points_unit };
    format!("{} {word}", short(d, lang))
}

/// An input as shown: `8,5`, the option's label, `18/20 (90,00%)`, `3`.
pub fn input_text(node: &Node, input: &Input, lang: Lang) -> String {
    match input {
        Input::Points(p) => short(*p, lang),
        Input::Choice(key) => match &node.rule {
            Some(Rule::Choice(opts)) => opts.iter().find(|o| &o.key == key).map_or_else(|| key.clone(), |o| o.label.clone()),
            _ => key.clone(),
        },
        Input::Value(v) => {
            let unit = match &node.rule {
                Some(Rule::Bands { unit: Some(u), .. }) => u.as_str(),
                _ => "",
            };
            format!("{}{unit}", short(*v, lang))
        }
        Input::Ratio { done, planned } => {
            let pct = band_value(input).map(|v| num(v, lang)).unwrap_or_default();
            format!("{}/{} ({pct}%)", short(*done, lang), short(*planned, lang))
        }
        // "full": the duty did not arise (không phát sinh); "excluded": it does not apply.
        Input::Na(true) if node.na == Some(crate::core::scorecard::Na::Full) => lang.text().na_full_input.to_owned(),
        Input::Na(true) => lang.text().na_input.to_owned(),
        Input::Na(false) => lang.text().na_refused.to_owned(),
    }
}

/// An input and the points it gives: `18/20 (90,00%) → 2 điểm`; points alone for a points input.
pub fn input_points(node: &Node, input: &Input, t: &Text, lang: Lang) -> String {
    let pts = points(crate::core::rules::points(node, input), t, lang);
    match input {
        Input::Points(_) => pts,
        _ => format!("{} → {pts}", input_text(node, input, lang)),
    }
}

/// The text put in the field when an input is edited.
pub fn input_edit_text(input: &Input, lang: Lang) -> String {
    match input {
        Input::Points(p) | Input::Value(p) => short(*p, lang),
        Input::Ratio { done, planned } => format!("{}/{}", short(*done, lang), short(*planned, lang)),
        Input::Choice(k) => k.clone(),
        Input::Na(_) => String::new(),
    }
}

/// Reads what was typed into an input field for this leaf: `Ok(None)` clears the input.
/// Accepts `8,5` and `8.5`; for a bands rule `18/20` means done/planned.
pub fn parse_input(node: &Node, text: &str, t: &Text) -> Result<Option<Input>, String> {
    let text = text.trim().replace('−', "-");
    let text = text.as_str();
    if text.is_empty() {
        return Ok(None);
    }
    let Some(rule) = &node.rule else { return Err(t.err_group.to_owned()) };
    let number = |s: &str| parse_typed(s).ok_or_else(|| fill(t.err_not_number, &[s.trim()]));
    match input_kind(rule) {
        InputKind::Points | InputKind::OfficeOnly => Ok(Some(Input::Points(number(text)?))),
        InputKind::Value => Ok(Some(Input::Value(number(text)?))),
        InputKind::ValueOrRatio => match text.split_once('/') {
            Some((d, p)) => Ok(Some(Input::Ratio { done: number(d)?, planned: number(p)? })),
            None => Ok(Some(Input::Value(number(text.trim_end_matches('%'))?))),
        },
        InputKind::Choice => match rule {
            Rule::Choice(opts) => {
                // A number picks the option by its position, as shown in the list.
                if let Ok(n) = text.parse::<usize>()
                    && (1..=opts.len()).contains(&n)
                {
                    return Ok(Some(Input::Choice(opts[n - 1].key.clone())));
                }
                Ok(Some(Input::Choice(text.to_owned())))
            }
            _ => Err(t.err_group.to_owned()),
        },
    }
}

/// An input error in words, at the field and in the status line.
pub fn input_error(e: &InputError, t: &Text, lang: Lang) -> String {
    match e {
        InputError::WrongKind { .. } => t.err_wrong_kind.to_owned(),
        InputError::SurveyByOffice => t.err_survey.to_owned(),
        InputError::Negative => t.err_negative.to_owned(),
        InputError::AboveMax { max } => fill(t.err_above_max, &[&short(*max, lang)]),
        InputError::NotAStep { step } => fill(t.err_not_step, &[&short(*step, lang)]),
        InputError::NotALevel { levels } => fill(t.err_not_level, &[&levels.iter().map(|l| short(*l, lang)).collect::<Vec<_>>().join("; ")]),
        InputError::UnknownOption { key, known } => fill(t.err_unknown_option, &[key, &known.join(", ")]),
        InputError::NotWhole => t.err_not_whole.to_owned(),
        InputError::PlannedNotPositive => t.err_planned.to_owned(),
        InputError::NaNotAllowed => t.err_na_not_allowed.to_owned(),
        InputError::NaFalseByUnit => t.err_na_false.to_owned(),
    }
}

/// The rule of a leaf in words: "≥ 90%: 2 điểm; 70–90%: 1 điểm; dưới 70%: 0 điểm".
pub fn rule_words(node: &Node, step: Decimal, t: &Text, lang: Lang) -> String {
    let pts = |d: Decimal| points(d, t, lang);
    let Some(rule) = &node.rule else {
        return fill(t.rule_group, &[&short(node.max, lang)]);
    };
    match rule {
        Rule::Manual if !node.levels.is_empty() => {
            node.levels.iter().map(|l| format!("{}: {}", l.text, pts(l.points))).collect::<Vec<_>>().join("; ")
        }
        Rule::Manual => fill(t.rule_manual, &[&short(node.max, lang), &short(step, lang)]),
        Rule::Bonus => fill(t.rule_bonus, &[&short(node.max, lang), &short(step, lang)]),
        Rule::Survey => fill(t.rule_survey, &[&short(node.max, lang)]),
        Rule::Choice(opts) => opts.iter().map(|o| format!("{}: {}", o.label, pts(o.points))).collect::<Vec<_>>().join("; "),
        Rule::Bands { bands, unit } => {
            let u = unit.as_deref().unwrap_or("");
            let mut parts = Vec::new();
            let mut upper: Option<Decimal> = None;
            for b in bands {
                let range = match upper {
                    None => format!("≥ {}{u}", short(b.min, lang)),
                    Some(up) => format!("{}–{}{u}", short(b.min, lang), short(up, lang)),
                };
                parts.push(format!("{range}: {}", pts(b.points)));
                upper = Some(b.min);
            }
            if let Some(lowest) = upper
                && lowest > Decimal::ZERO
            {
                parts.push(format!("{} {}{u}: {}", t.below, short(lowest, lang), pts(Decimal::ZERO)));
            }
            parts.join("; ")
        }
        Rule::Target(target) => fill(t.rule_target, &[&short(*target, lang), &short(node.max, lang)]),
        Rule::Deduction { per, cap } => fill(t.rule_deduction, &[&short(*per, lang), &short(*cap, lang)]),
    }
}

/// What the input field of a leaf asks for (for points: the criterion's own range).
pub fn input_hint(node: &Node, step: Decimal, t: &Text, lang: Lang) -> String {
    match node.rule.as_ref().map(input_kind) {
        Some(InputKind::Points) if matches!(node.rule, Some(Rule::Manual)) && !node.levels.is_empty() => {
            fill(t.hint_levels, &[&node.levels.iter().map(|l| short(l.points, lang)).collect::<Vec<_>>().join("; ")])
        }
        Some(InputKind::Points) => fill(t.hint_points, &[&short(node.max, lang), &short(step, lang)]),
        other => input_hint_fixed(other, node, t).to_owned(),
    }
}

fn input_hint_fixed(kind: Option<InputKind>, node: &Node, t: &Text) -> &'static str {
    match kind {
        Some(InputKind::Points) => "",
        Some(InputKind::Choice) => t.hint_choice,
        Some(InputKind::ValueOrRatio) => t.hint_ratio,
        Some(InputKind::Value) => match node.rule {
            Some(Rule::Deduction { .. }) => t.hint_count_whole,
            _ => t.hint_count,
        },
        Some(InputKind::OfficeOnly) => t.hint_survey,
        None => "",
    }
}

/// Lower case without Vietnamese marks, so `ke hoach` finds `Kế hoạch`.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text as a search sees them: folded ([`fold`]), split at anything that is
/// not a letter or a digit (`tin, bài` → `tin`, `bai`; `1.5.3` → `1`, `5`, `3`).
pub fn words(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// Whether a typed word starts a word of the text: `ke` starts `kế`, but `tin` does not start
/// `tình` (a final `nh`, `ng` or `ch` is one sound: `ban` is not `bàng`, `bac` not `bách`).
fn starts_word(word: &str, typed: &str) -> bool {
    let Some(rest) = word.strip_prefix(typed) else { return false };
    let vowel_before = typed.chars().any(|c| "aeiouy".contains(c));
    let splits = match (typed.chars().last(), rest.chars().next()) {
        (Some('n'), Some('h' | 'g')) | (Some('c'), Some('h')) => vowel_before,
        _ => false,
    };
    !splits
}

/// THE search of the dashboard (the criteria tree, the Office's table, the ranking): the
/// query's words start consecutive words of the text, marks, case and punctuation aside
/// (`tin bai` finds `tin, bài`; `quan ly` finds `Phòng Quản lý`). An empty query finds all.
pub fn finds(text: &str, query: &str) -> bool {
    let q = words(query);
    if q.is_empty() {
        return true;
    }
    let t = words(text);
    t.windows(q.len()).any(|win| win.iter().zip(&q).all(|(w, typed)| starts_word(w, typed)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_word_starts_without_marks_or_punctuation() {
        assert!(finds("Đăng tin, bài trên cổng", "tin bai"));
        assert!(finds("Đăng tin, bài trên cổng", "TIN BÀI"));
        assert!(!finds("Tình hình thực hiện", "tin"));
        assert!(finds("Tình hình thực hiện", "tinh hinh"));
        assert!(finds("Tình hình", "ti"));
        assert!(finds("Phòng Quản lý Khoa học", "quan ly"));
        assert!(!finds("Phòng Quản lý Khoa học", "uan"));
        assert!(!finds("Phòng Quản lý Khoa học", "quan khoa"));
        assert!(finds("1.5.3 Tin bài", "1.5.3"));
        assert!(finds("Nhà", "n"));
        assert!(!finds("Bảng", "ban"));
        assert!(finds("anything", "  "));
    }

    #[test]
    fn fills_and_folds() {
        assert_eq!(fill("a {} b {}", &["1", "2"]), "a 1 b 2");
        assert_eq!(fold("Kế hoạch Đơn vị"), "ke hoach don vi");
    }
}
