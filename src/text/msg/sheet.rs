//! What reading a unit's sheet (bản tự đánh giá) or the Office's appraisal (bản thẩm định)
//! can say, and the survey import (issue 11).

use super::Show;
use crate::core::answers::PathProblem;
use crate::core::date::Date;
use crate::core::docref::Problem;
use crate::core::rules::InputError;
use crate::text::Lang;
pub use parindex_core::say::sheet::*;

crate::wording! {
    SheetMsg {
        WrongUnit { found, expected } =>
            "tệp này là của đơn vị `{found}`, nhưng tên tệp ghi `{expected}`",
            "this file is for unit `{found}`, but its name says `{expected}`";
        NeedsUnit { place, unit } =>
            "{place} cần có `unit = \"{unit}\"`",
            "{place} needs `unit = \"{unit}\"`";
        UnknownStatus { status } =>
            "trạng thái `{status}` không hợp lệ (chỉ nhận `draft`, `submitted`, `returned`, `appraised` hoặc `final`)",
            "unknown status `{status}` (draft, submitted, returned, appraised or final)";
        WrongScorecard { found, round } =>
            "tệp này được lập theo bảng điểm `{found}`, nhưng đợt đánh giá dùng bảng điểm `{round}`",
            "this file was made for scorecard `{found}`, but the round uses `{round}`";
        UnknownCriterion { id } =>
            "không có tiêu chí `{id}`: bảng điểm không có mã này",
            "unknown criterion `{id}`: the scorecard has no such id";
        IsGroup { id } =>
            "`{id}` là nhóm tiêu chí: hãy chấm các tiêu chí con của nhóm",
            "`{id}` is a group: answer its sub-criteria instead";
        AnswerNotTable { id } =>
            "`answers.\"{id}\"` phải là một bảng",
            "answers.\"{id}\" must be a table";
        LeadingZero { reference, fixed } =>
            "`{reference}`: số nhỏ hơn 10 được viết thêm số 0 ở trước (`{fixed}`)",
            "`{reference}`: a number below 10 is written with a leading 0 (`{fixed}`)";
        OutsideYear { reference, date, year } =>
            "`{reference}` ban hành ngày {date}, ngoài năm đánh giá {year}",
            "`{reference}` is dated {date}, outside the round's year {year}";
        CitedTwice { reference, id } =>
            "`{reference}` được dẫn hai lần cho `{id}`",
            "`{reference}` is cited twice for `{id}`";
        OneNumberTwoDocuments { reference, first } =>
            "`{reference}` cũng được dẫn cho `{first}` nhưng là văn bản khác (khác ngày hoặc trích yếu): mỗi số, ký hiệu chỉ ứng với một văn bản",
            "`{reference}` is also cited for `{first}` as another document (another date or title): one number, one document";
        DoneNeedsPlanned { id } =>
            "`done` trong `{id}` cần có `planned` đi kèm",
            "`done` in `{id}` needs `planned` beside it";
        PlannedNeedsDone { id } =>
            "`planned` trong `{id}` cần có `done` đi kèm",
            "`planned` in `{id}` needs `done` beside it";
        MoreThanOneInput { id } =>
            "`{id}` có nhiều hơn một giá trị (chỉ ghi một trong: `points`, `choice`, `value`, `done` + `planned`, `na`)",
            "`{id}` has more than one input (give only one of points, choice, value, done+planned, na)";
        Input { id, err } =>
            "`{id}`: {err}",
            "`{id}`: {err}";
        NaNeedsReason { id, reason } =>
            "`{id}`: `na = true` cần ghi lý do vào `{reason}` (vì sao tiêu chí không phát sinh ở đơn vị)",
            "`{id}`: `na = true` needs the reason in `{reason}` (why the criterion does not arise for the unit)";
        NotADocumentNumber { reference, problem, fix } =>
            "`{reference}` không giống số, ký hiệu văn bản: {problem}{fix}",
            "`{reference}` does not look like a document number: {problem}{fix}";
        EvidenceFile { file, why } =>
            "tệp kiểm chứng `{file}`: {why}",
            "evidence file `{file}`: {why}";
        EvidenceEmpty =>
            "tài liệu kiểm chứng cần có ít nhất `ref` hoặc `title`",
            "an evidence item needs at least a `ref` or a `title`";
        BadDigest { text } =>
            "`sha256 = \"{text}\"` không phải mã SHA-256 (cần 64 chữ số hệ 16, viết thường)",
            "`sha256 = \"{text}\"` is not a SHA-256 digest (64 lower-case hex digits)";
        BadSize =>
            "`size` (kích thước tệp, byte) không được âm",
            "`size` (the file's size in bytes) must not be negative";
        AttachedIncomplete =>
            "tệp đính kèm cần đủ `file`, `sha256`, `size` và `name` (do `parindex attach` ghi)",
            "an attached file needs `file`, `sha256`, `size` and `name` together (as `parindex attach` writes them)";
        Limit { over } =>
            "{over}",
            "{over}";
    }
}

crate::wording! {
    SurveyMsg {
        Empty =>
            "tệp kết quả khảo sát đang trống: cần có dòng tiêu đề `unit,criterion,points` hoặc `unit,criterion,rate`",
            "the survey file is empty: expected a header `unit,criterion,points` or `unit,criterion,rate`";
        BadHeader { header, sep } =>
            "dòng tiêu đề là `{header}`: cần là `unit{sep}criterion{sep}points` hoặc `unit{sep}criterion{sep}rate`",
            "the header is `{header}`: expected `unit{sep}criterion{sep}points` or `unit{sep}criterion{sep}rate`";
        FieldCount { sep, n } =>
            "cần 3 cột phân cách bằng `{sep}`, nhưng dòng này có {n}",
            "expected 3 fields separated by `{sep}`, found {n}";
        NoUnit { unit } =>
            "đợt đánh giá không có đơn vị `{unit}`",
            "no unit `{unit}` in this round";
        NoCriterion { id } =>
            "bảng điểm không có tiêu chí `{id}`",
            "no criterion `{id}` in the scorecard";
        NotSurvey { id } =>
            "`{id}` không phải là tiêu chí khảo sát: chỉ nhập điểm của các tiêu chí khảo sát",
            "`{id}` is not a survey criterion: only survey points are imported";
        NotNumber { text } =>
            "`{text}` không phải là số",
            "`{text}` is not a number";
        NegativeRate =>
            "tỷ lệ không được âm",
            "a rate cannot be negative";
        BadPoints { text, id, err } =>
            "`{text}` cho `{id}`: {err}",
            "`{text}` for `{id}`: {err}";
        Twice { id, unit } =>
            "`{id}` của `{unit}` được ghi hai lần",
            "`{id}` of `{unit}` is given twice";
    }
}

impl Show for Fix {
    fn show(&self, lang: Lang) -> String {
        match (&self.0, lang) {
            (None, _) => String::new(),
            (Some(f), Lang::Vi) => format!("; hãy viết `{f}`"),
            (Some(f), Lang::En) => format!("; write `{f}`"),
        }
    }
}

impl Show for Date {
    fn show(&self, _: Lang) -> String {
        self.to_string()
    }
}

impl Show for Problem {
    fn show(&self, lang: Lang) -> String {
        let t = Lang::Vi.text();
        match lang {
            Lang::En => self.message().to_owned(),
            Lang::Vi => match self {
                Problem::Empty => t.docref_empty,
                Problem::Spaces => t.docref_spaces,
                Problem::NoSlash => t.docref_no_slash,
                Problem::TooManySlashes => t.docref_too_many,
                Problem::NumberNotDigits => t.docref_number,
                Problem::BadYear => t.docref_year,
                Problem::NoSymbol => t.docref_no_symbol,
                Problem::EmptyGroup => t.docref_empty_group,
                Problem::BadGroup => t.docref_bad_group,
            }
            .to_owned(),
        }
    }
}

impl Show for PathProblem {
    fn show(&self, lang: Lang) -> String {
        let vi = match self {
            PathProblem::Empty => "đường dẫn đang để trống",
            PathProblem::Absolute => "phải là đường dẫn tương đối trong thư mục evidence/",
            PathProblem::Leaves => "không được ra ngoài thư mục evidence/ (`..`)",
            PathProblem::Control => "có ký tự điều khiển",
        };
        match lang {
            Lang::Vi => vi.to_owned(),
            Lang::En => self.en().to_owned(),
        }
    }
}

/// What a rule expects, in Vietnamese (the English is `rules::expected`'s).
fn expected_vi(en: &str) -> String {
    match en {
        "`choice = \"<option key>\"`" => "`choice = \"<khóa phương án>\"`".to_owned(),
        "`value`, or `done` and `planned`" => "`value`, hoặc `done` và `planned`".to_owned(),
        other => other.to_owned(),
    }
}

fn english(e: &InputError) -> String {
    match e {
        InputError::WrongKind { rule, expected } => format!("a `{rule}` criterion takes {expected}"),
        InputError::SurveyByOffice => "survey points are set by the Office, not by the unit".to_owned(),
        InputError::Negative => "the value cannot be negative".to_owned(),
        InputError::AboveMax { max } => format!("more than the maximum {max}"),
        InputError::NotAStep { step } => format!("points must be a multiple of {step}"),
        InputError::NotALevel { levels } => {
            format!(
                "the scorecard states this criterion's scale: points are one of {}",
                levels.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ")
            )
        }
        InputError::UnknownOption { key, known } => format!("`{key}` is not an option (options: {})", known.join(", ")),
        InputError::NotWhole => "the count must be a whole number".to_owned(),
        InputError::PlannedNotPositive => "`planned` must be greater than 0".to_owned(),
        InputError::NaNotAllowed => "the scorecard does not allow this criterion to be not applicable (no `na` on it)".to_owned(),
        InputError::NaFalseByUnit => "`na = false` is the Office's refusal in an appraisal; a unit leaves `na` out".to_owned(),
    }
}

impl Show for InputError {
    fn show(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return english(self);
        }
        match self {
            InputError::WrongKind { rule: "group", .. } => "đây là nhóm tiêu chí, không nhận giá trị (chấm ở các tiêu chí con)".to_owned(),
            InputError::WrongKind { rule: "survey", .. } => {
                "tiêu chí `survey` không nhận giá trị do đơn vị nhập (Văn phòng chấm điểm khảo sát)".to_owned()
            }
            InputError::WrongKind { rule, expected } => format!("tiêu chí chấm theo cách `{rule}` chỉ nhận {}", expected_vi(expected)),
            InputError::SurveyByOffice => "điểm khảo sát do Văn phòng chấm, đơn vị không tự đánh giá".to_owned(),
            InputError::Negative => "giá trị không được âm".to_owned(),
            InputError::AboveMax { max } => format!("vượt quá điểm tối đa {}", max.show(lang)),
            InputError::NotAStep { step } => format!("điểm phải là bội số của {}", step.show(lang)),
            InputError::NotALevel { levels } => {
                format!(
                    "bảng điểm quy định cách tính điểm của tiêu chí này: điểm là một trong các mức {}",
                    levels.iter().map(|l| l.show(lang)).collect::<Vec<_>>().join("; ")
                )
            }
            InputError::UnknownOption { key, known } => {
                format!("`{key}` không phải là phương án (các phương án: {})", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
            }
            InputError::NotWhole => "số lần phải là số nguyên".to_owned(),
            InputError::PlannedNotPositive => "`planned` phải lớn hơn 0".to_owned(),
            InputError::NaNotAllowed => "bảng điểm không cho phép tiêu chí này “không áp dụng” (tiêu chí không có `na`)".to_owned(),
            InputError::NaFalseByUnit => {
                "`na = false` là ý kiến không chấp nhận “không áp dụng” của Văn phòng trong bản thẩm định; đơn vị không ghi `na`".to_owned()
            }
        }
    }
}

/// A limit passed (issue 18): the field or list, its limit, and how far it went.
impl Show for parindex_core::limits::Over {
    fn show(&self, lang: Lang) -> String {
        use parindex_core::limits::{Field as F, List, Over};
        match *self {
            Over::Text { field, max, len } => {
                let (vi, en) = match field {
                    F::Note => ("giải trình", "the explanation"),
                    F::Comment => ("nhận xét", "the comment"),
                    F::Question => ("yêu cầu giải trình", "the question"),
                    F::Reply => ("trả lời", "the reply"),
                    F::EvidenceRef => ("số, ký hiệu tài liệu kiểm chứng", "the evidence's number"),
                    F::EvidenceTitle => ("trích yếu tài liệu kiểm chứng", "the evidence's title"),
                    F::EvidenceFile => ("đường dẫn tệp kiểm chứng", "the evidence file's path"),
                    F::NewsTitle => ("tiêu đề tin, bài", "the news item's title"),
                    F::NewsLink => ("đường dẫn tin, bài", "the news item's link"),
                    F::NewsFile => ("tệp tin, bài", "the news item's file"),
                    F::NewsSentTo => ("nơi gửi tin, bài", "where the news item was sent"),
                    F::Reason => ("lý do", "the reason"),
                    F::RoundTitle => ("tên đợt đánh giá", "the round's title"),
                    F::AppraiserName => ("tên bộ phận thẩm định", "the appraiser's name"),
                    F::Narrative => ("một phần báo cáo (kết quả, tồn tại, nguyên nhân, kiến nghị)", "a section of the report"),
                    F::EvidenceName => ("tên tệp đính kèm", "the attached file's name"),
                };
                let key = field.key();
                match lang {
                    Lang::Vi => format!("{vi} (`{key}`) dài {len} ký tự, vượt giới hạn {max} ký tự"),
                    Lang::En => format!("{en} (`{key}`) is {len} characters long, over the limit of {max}"),
                }
            }
            Over::Items { list, max, n } => match (list, lang) {
                (List::Evidence, Lang::Vi) => format!("một tiêu chí có {n} tài liệu kiểm chứng, vượt giới hạn {max} tài liệu"),
                (List::Evidence, Lang::En) => format!("a criterion has {n} evidence entries, over the limit of {max}"),
                (List::News, Lang::Vi) => format!("đơn vị có {n} tin, bài, vượt giới hạn {max} tin, bài"),
                (List::News, Lang::En) => format!("the unit has {n} news items, over the limit of {max}"),
                (List::Appraisers, Lang::Vi) => format!("workspace.toml khai {n} bộ phận thẩm định trở lên, vượt giới hạn {max}"),
                (List::Appraisers, Lang::En) => format!("workspace.toml declares {n} or more appraisers, over the limit of {max}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::text::msg::Message;

    #[test]
    fn both_languages_and_the_decimal_comma() {
        let m = SheetMsg::Input { id: "1.4".into(), err: InputError::AboveMax { max: Decimal::new(35, 1) } };
        assert_eq!(m.render(Lang::Vi), "`1.4`: vượt quá điểm tối đa 3,5");
        assert_eq!(m.render(Lang::En), "`1.4`: more than the maximum 3.5");
        let m = SheetMsg::NotADocumentNumber { reference: "44 /KH".into(), problem: Problem::Spaces, fix: Fix(Some("44/KH".into())) };
        assert_eq!(m.render(Lang::Vi), "`44 /KH` không giống số, ký hiệu văn bản: không có dấu cách (ví dụ 44/KH-SKH&CN); hãy viết `44/KH`");
        assert!(m.render(Lang::En).starts_with("`44 /KH` does not look like a document number: a document number has no spaces"));
        let m = SurveyMsg::FieldCount { sep: ';', n: 2 };
        assert_eq!(m.render(Lang::Vi), "cần 3 cột phân cách bằng `;`, nhưng dòng này có 2");
    }
}
