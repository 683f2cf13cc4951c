//! What reading a TOML file can say (issue 11): reading the file, the parser's own syntax
//! errors, types, control characters, dates, unknown keys. The wording of every file read by
//! `check` (scorecards, sheets, workspace.toml).
//!
//! The toml crate words its syntax errors itself, in English, from a finite set of
//! descriptions and expected tokens (`toml_parser`'s `ParseError::new(…)` and
//! `Expected::…`, `toml_datetime`'s `DatetimeParseError`). [`Syntax`] keeps the parser's text
//! (the English wording is that text, as before) and words it in Vietnamese through the tables
//! below; a message the tables do not know comes out in Vietnamese framing with the parser's
//! text quoted.

use super::Show;
use crate::core::toml_in::NotAFile;
use crate::text::Lang;
pub use parindex_core::say::toml::*;

crate::wording! {
    TomlMsg {
        MoreNotShown { n } =>
            "còn {n} lỗi khác trong tệp này không được hiển thị",
            "{n} more problems in this file are not shown";
        LargeFirstOnly { mb } =>
            "tệp lớn ({mb} MB): chỉ báo lỗi cú pháp đầu tiên",
            "the file is large ({mb} MB): only its first syntax error is reported";
        Syntax { what } =>
            "Lỗi cú pháp TOML: {what}",
            "TOML syntax: {what}";
        UnknownKey { key, place, list } =>
            "khóa `{key}` không hợp lệ trong {place} (các khóa hợp lệ: {list})",
            "unknown key `{key}` in {place} (expected one of: {list})";
        WrongType { key, want, found } =>
            "`{key}` phải là {want}, nhưng đang là {found}",
            "`{key}` must be {want}, found {found}";
        ItemWrongType { key, want, found } =>
            "mỗi phần tử của `{key}` phải là {want}, nhưng đang là {found}",
            "each item of `{key}` must be {want}, found {found}";
        OneLine { key, what, code } =>
            "`{key}` phải nằm trên một dòng: có {what} (U+{code})",
            "`{key}` must be one line: it contains {what} (U+{code})";
        LoneCr { key } =>
            "`{key}` có ký tự về đầu dòng (U+000D) không đi kèm xuống dòng: trên màn hình dòng chữ sẽ bị ghi đè",
            "`{key}` contains a carriage return (U+000D) that does not end a line: it would overwrite text on a terminal";
        Control { key, code } =>
            "`{key}` chứa ký tự điều khiển U+{code}: văn bản không được chứa mã điều khiển",
            "`{key}` contains the control character U+{code}: text may not hold control codes";
        Missing { place, key } =>
            "{place} thiếu `{key}`",
            "{place} has no `{key}`";
        NumberTooLarge { key, text } =>
            "`{key}`: `{text}` quá lớn hoặc có quá nhiều chữ số thập phân đối với một giá trị điểm",
            "`{key}`: `{text}` is too large or too precise for a point value";
        NumberNotFinite { key, text } =>
            "`{key}`: `{text}` không phải là một số hữu hạn",
            "`{key}`: `{text}` is not a finite number";
        OutOfRange { key } =>
            "`{key}` vượt quá phạm vi cho phép",
            "`{key}` is out of range";
        BadDate { key } =>
            "`{key}` không phải là ngày hợp lệ",
            "`{key}` is not a valid date";
        DateWithTime { key } =>
            "`{key}` phải là ngày dạng 2020-12-15, không kèm giờ",
            "`{key}` must be a date like 2020-12-15, without a time";
        CannotRead { why } =>
            "không đọc được tệp: {why}",
            "cannot read file: {why}";
        NotRegular { what } =>
            "{what}: parindex chỉ đọc tệp thông thường",
            "{what}: parindex reads regular files only";
        TooLarge { mb } =>
            "tệp lớn hơn {mb} MB: không đọc",
            "the file is larger than {mb} MB: not read";
        NotUtf8 =>
            "tệp không phải văn bản UTF-8 (hãy lưu dưới dạng UTF-8)",
            "the file is not valid UTF-8 text (save it as UTF-8)";
        Symlink =>
            "là liên kết tượng trưng (symlink): parindex không đi theo liên kết trong thư mục đợt đánh giá",
            "is a symbolic link: parindex does not follow links inside a workspace";
        NotRegularInWorkspace =>
            "không phải là tệp thông thường",
            "is not a regular file";
    }
}

impl Show for Keys {
    fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.0.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
            Lang::En => self.0.join(", "),
        }
    }
}

impl Show for Place {
    fn show(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            Place::Literal(s) => return (*s).to_owned(),
            Place::Criterion(id) => return pick(lang, &format!("tiêu chí `{id}`"), &format!("criterion `{id}`")),
            Place::Answer(id) => return pick(lang, &format!("mục `answers.\"{id}\"`"), &format!("answers.\"{id}\"")),
            Place::Scorecard => ("bảng điểm", "a scorecard"),
            Place::Band => ("một mức xếp loại `[[band]]`", "a [[band]]"),
            Place::ThisBand => ("`[[band]]` này", "this [[band]]"),
            Place::CriterionTable => ("một tiêu chí `[[criterion]]`", "a [[criterion]]"),
            Place::ThisCriterion => ("`[[criterion]]` này", "this [[criterion]]"),
            Place::Option => ("một phương án", "an option"),
            Place::ThisOption => ("phương án này", "this option"),
            Place::RuleBand => ("một mức", "a band"),
            Place::ThisRuleBand => ("mức này", "this band"),
            Place::Level => ("một mức điểm (`levels`)", "a level"),
            Place::ThisLevel => ("mức điểm này", "this level"),
            Place::Submission => ("bản tự đánh giá", "a submission"),
            Place::Appraisal => ("bản thẩm định", "an appraisal"),
            Place::EvidenceItem => ("một tài liệu kiểm chứng", "an evidence item"),
            Place::Unit => ("một đơn vị `[[unit]]`", "a [[unit]]"),
            Place::ThisUnit => ("`[[unit]]` này", "this [[unit]]"),
            Place::NewsItem => ("một tin, bài `[[news]]`", "a [[news]] item"),
            Place::Reviewer => ("một bộ phận kiểm tra `[[reviewer]]`", "a [[reviewer]]"),
            Place::ThisReviewer => ("`[[reviewer]]` này", "this [[reviewer]]"),
            Place::Appraiser => ("một bộ phận thẩm định `[[appraiser]]`", "an [[appraiser]]"),
            Place::ThisAppraiser => ("`[[appraiser]]` này", "this [[appraiser]]"),
            Place::ReviewFile => ("tệp xác nhận", "a confirmations file"),
            Place::Confirmation => ("một xác nhận", "a confirmation"),
        };
        pick(lang, vi, en)
    }
}

impl Show for Want {
    fn show(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            Want::String => ("chuỗi", "a string"),
            Want::Number => ("số", "a number"),
            Want::WholeNumber => ("số nguyên", "a whole number"),
            Want::Boolean => ("`true` hoặc `false`", "true or false"),
            Want::Date => ("ngày dạng 2020-12-15", "a date like 2020-12-15"),
            Want::Table => ("bảng", "a table"),
            Want::ArrayOfTables => ("mảng các bảng", "an array of tables"),
            Want::ArrayOfStrings => ("mảng các chuỗi", "an array of strings"),
        };
        pick(lang, vi, en)
    }
}

impl Show for TomlType {
    fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.0.to_owned(),
            Lang::Vi => type_vi(self.0).map_or_else(|| format!("`{}`", self.0), str::to_owned),
        }
    }
}

fn type_vi(t: &str) -> Option<&'static str> {
    Some(match t {
        "string" => "chuỗi",
        "integer" => "số nguyên",
        "float" => "số thập phân",
        "boolean" => "giá trị đúng/sai",
        "datetime" | "date-time" => "ngày giờ",
        "array" => "mảng",
        "table" => "bảng",
        "inline table" => "bảng nội dòng",
        _ => return None,
    })
}

impl Show for Break {
    fn show(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            Break::Tab => ("ký tự tab", "a tab"),
            Break::LineFeed => ("ký tự xuống dòng", "a line break"),
            Break::CarriageReturn => ("ký tự về đầu dòng", "a carriage return"),
        };
        pick(lang, vi, en)
    }
}

impl Show for NotAFile {
    fn show(&self, lang: Lang) -> String {
        lang.text().not_a_file(*self).to_owned()
    }
}

/// A short reason for an I/O error, in English, without the OS error code noise (logs).
pub fn io_reason(e: &std::io::Error) -> String {
    IoReason::of(e).show(Lang::En)
}

impl Show for IoReason {
    fn show(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            IoReason::NotFound => ("không có tệp hoặc thư mục này", "no such file or folder"),
            IoReason::PermissionDenied => ("không có quyền truy cập", "permission denied"),
            IoReason::IsAFolder => ("đây là một thư mục, không phải tệp", "it is a folder, not a file"),
            IoReason::NotAFolder => ("một phần của đường dẫn không phải là thư mục", "a part of the path is not a folder"),
            IoReason::TooLarge => ("tệp quá lớn", "the file is too large"),
            IoReason::Other(os) => {
                return match lang {
                    Lang::Vi => format!("lỗi hệ thống: `{os}`"),
                    Lang::En => os.clone(),
                };
            }
        };
        pick(lang, vi, en)
    }
}

fn pick(lang: Lang, vi: &str, en: &str) -> String {
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => en.to_owned(),
    }
}

impl Show for Syntax {
    fn show(&self, lang: Lang) -> String {
        let raw = self.0.trim();
        let (vi, en) = match raw {
            "recursion limit" => (
                "khóa lồng quá sâu (khóa có dấu chấm hoặc tên bảng có quá nhiều phần)",
                "keys nested too deeply (a dotted key or table name has too many parts)",
            ),
            "cannot recurse further; max recursion depth met" => {
                ("mảng hoặc bảng nội dòng lồng nhau quá sâu", "arrays or inline tables nested too deeply")
            }
            _ => {
                return match lang {
                    Lang::En => raw.to_owned(),
                    Lang::Vi => {
                        syntax_vi(raw).unwrap_or_else(|| format!("bộ đọc TOML báo `{}` (xem lại cú pháp tại vị trí này)", raw.replace('`', "'")))
                    }
                };
            }
        };
        pick(lang, vi, en)
    }
}

/// The parser's descriptions of what is wrong, English → Vietnamese.
pub const DESCRIPTIONS: &[(&str, &str)] = &[
    ("duplicate key", "khóa bị khai báo hai lần"),
    ("`_` may only go between digits", "dấu `_` chỉ được đặt giữa hai chữ số"),
    ("carriage return must be followed by newline", "ký tự về đầu dòng (CR) phải đi liền trước ký tự xuống dòng"),
    ("extra `=`", "thừa dấu `=`"),
    ("extra assignment between key-value pairs", "thừa dấu `=` giữa các cặp khóa – giá trị"),
    ("extra comma in array", "thừa dấu phẩy trong mảng"),
    ("extra comma in inline table", "thừa dấu phẩy trong bảng nội dòng"),
    ("integers with a radix cannot be signed", "số nguyên viết theo cơ số (0x, 0o, 0b) không được có dấu"),
    ("invalid comment character", "ký tự không hợp lệ trong chú thích"),
    ("invalid inline table element", "phần tử không hợp lệ trong bảng nội dòng"),
    ("invalid key-value pair", "cặp khóa – giá trị không hợp lệ"),
    ("invalid unquoted key", "khóa không hợp lệ (khóa không đặt trong ngoặc kép chỉ gồm chữ, số, `-` và `_`)"),
    ("invalid key", "khóa không hợp lệ"),
    ("invalid table", "bảng không hợp lệ"),
    ("invalid value", "giá trị không hợp lệ"),
    ("invalid basic string", "chuỗi trong ngoặc kép không hợp lệ"),
    ("invalid literal string", "chuỗi trong nháy đơn không hợp lệ"),
    ("invalid multi-line basic string", "chuỗi nhiều dòng trong ngoặc kép không hợp lệ"),
    ("invalid multi-line literal string", "chuỗi nhiều dòng trong nháy đơn không hợp lệ"),
    ("invalid string", "chuỗi không hợp lệ"),
    ("invalid boolean", "giá trị đúng/sai không hợp lệ (chỉ có `true` hoặc `false`)"),
    ("invalid date-time", "ngày giờ không hợp lệ"),
    ("invalid datetime", "ngày giờ không hợp lệ"),
    ("invalid date", "ngày không hợp lệ"),
    ("invalid time", "giờ không hợp lệ"),
    ("invalid offset", "múi giờ không hợp lệ"),
    ("invalid float", "số thập phân không hợp lệ"),
    ("invalid exponent", "phần số mũ không hợp lệ"),
    ("invalid fraction", "phần thập phân không hợp lệ"),
    ("invalid mantissa", "phần định trị không hợp lệ"),
    ("invalid integer number", "số nguyên không hợp lệ"),
    ("invalid hexadecimal number", "số thập lục phân không hợp lệ"),
    ("invalid octal number", "số bát phân không hợp lệ"),
    ("invalid binary number", "số nhị phân không hợp lệ"),
    ("key with no value", "khóa chưa có giá trị"),
    ("keys cannot be multi-line basic strings", "khóa không được là chuỗi nhiều dòng"),
    ("keys cannot be multi-line literal strings", "khóa không được là chuỗi nhiều dòng"),
    ("missing array opening", "thiếu dấu mở mảng"),
    ("missing assignment between key-value pairs", "thiếu dấu `=` giữa khóa và giá trị"),
    ("missing comma between array elements", "thiếu dấu phẩy giữa các phần tử của mảng"),
    ("missing comma between key-value pairs", "thiếu dấu phẩy giữa các cặp khóa – giá trị"),
    ("missing comment start", "thiếu dấu mở đầu chú thích"),
    ("missing escaped value", "thiếu ký tự sau dấu `\\`"),
    ("missing inline table opening", "thiếu dấu mở bảng nội dòng"),
    ("missing key for inline table element", "phần tử của bảng nội dòng thiếu khóa"),
    ("missing opening quote", "thiếu dấu nháy mở"),
    ("missing table open", "thiếu dấu mở tên bảng"),
    ("missing value for key", "khóa chưa có giá trị"),
    ("missing value", "thiếu giá trị"),
    ("radix must be lowercase", "tiền tố cơ số phải viết thường"),
    ("redundant integer number prefix", "tiền tố của số nguyên bị thừa"),
    ("redundant numeric sign", "dấu của số bị thừa"),
    ("string values must be quoted", "giá trị chữ phải đặt trong dấu ngoặc kép"),
    ("too few unicode value digits", "mã Unicode thiếu chữ số"),
    ("unclosed array table", "tên bảng `[[…]]` chưa được đóng"),
    ("unclosed array", "mảng chưa được đóng"),
    ("unclosed inline table", "bảng nội dòng chưa được đóng"),
    ("unclosed table", "tên bảng `[…]` chưa được đóng"),
    ("unexpected `=` in array", "dấu `=` không được đặt trong mảng"),
    ("unexpected content between comment and newline", "nội dung không hợp lệ giữa chú thích và cuối dòng"),
    ("unexpected content", "nội dung không đúng chỗ"),
    ("unexpected key or value", "khóa hoặc giá trị không đúng chỗ (mỗi dòng chỉ một cặp khóa – giá trị)"),
    ("unexpected leading zero", "số không được bắt đầu bằng chữ số 0"),
    ("unexpected sign", "dấu của số không đúng chỗ"),
    ("unquoted keys cannot be empty", "khóa không được để trống"),
    ("could not allocate for string", "không đủ bộ nhớ để đọc chuỗi"),
];

/// What the parser expected, English → Vietnamese (a literal token is shown as it is).
pub const EXPECTED: &[(&str, &str)] = &[
    ("nothing", "không còn gì nữa"),
    ("newline", "xuống dòng"),
    ("etc", "v.v."),
    ("key", "khóa"),
    ("value", "giá trị"),
    ("digits", "chữ số"),
    ("letters", "chữ cái"),
    ("numbers", "chữ số"),
    ("characters", "ký tự"),
    ("printable characters", "ký tự in được"),
    ("non-single-quote characters", "ký tự khác dấu nháy đơn"),
    ("non-single-quote visible characters", "ký tự nhìn thấy được khác dấu nháy đơn"),
    ("non-double-quote visible characters", "ký tự nhìn thấy được khác dấu ngoặc kép"),
    ("basic string", "chuỗi trong ngoặc kép"),
    ("literal string", "chuỗi trong nháy đơn"),
    ("multi-line basic string", "chuỗi nhiều dòng trong ngoặc kép"),
    ("multi-line literal string", "chuỗi nhiều dòng trong nháy đơn"),
    ("unquoted string", "chuỗi không có ngoặc kép"),
    ("unicode hexadecimal value", "mã Unicode dạng thập lục phân"),
    // toml_datetime's
    ("`-` (MM-DD)", "`-` (MM-DD)"),
    ("`-` (YYYY-MM) or `:` (HH:MM)", "`-` (YYYY-MM) hoặc `:` (HH:MM)"),
    ("`:` (HH:MM)", "`:` (HH:MM)"),
    ("`T` between date and time", "`T` giữa ngày và giờ"),
    ("`Z`, +OFFSET, -OFFSET", "`Z`, `+`múi giờ hoặc `-`múi giờ"),
    ("a four-digit year (YYYY)", "năm có bốn chữ số (YYYY)"),
    ("a two-digit day (DD)", "ngày có hai chữ số (DD)"),
    ("a two-digit hour (HH)", "giờ có hai chữ số (HH)"),
    ("a two-digit minute (MM)", "phút có hai chữ số (MM)"),
    ("a two-digit month (MM)", "tháng có hai chữ số (MM)"),
    ("a two-digit second (SS)", "giây có hai chữ số (SS)"),
    ("day", "ngày"),
    ("hour", "giờ"),
    ("minute", "phút"),
    ("second", "giây"),
    ("month", "tháng"),
    ("nanosecond", "phần lẻ của giây"),
    ("nanoseconds overflowed", "phần lẻ của giây quá dài"),
    ("year or hour", "năm hoặc giờ"),
    ("month between 01 and 12", "tháng từ 01 đến 12"),
    ("day between 01 and 28", "ngày từ 01 đến 28"),
    ("day between 01 and 29", "ngày từ 01 đến 29"),
    ("day between 01 and 30", "ngày từ 01 đến 30"),
    ("day between 01 and 31", "ngày từ 01 đến 31"),
    ("hour between 00 and 23", "giờ từ 00 đến 23"),
    ("hours between 00 and 23", "giờ từ 00 đến 23"),
    ("minute between 00 and 59", "phút từ 00 đến 59"),
    ("minutes between 00 and 59", "phút từ 00 đến 59"),
    ("second between 00 and 60", "giây từ 00 đến 60"),
];

fn lookup(table: &[(&str, &'static str)], en: &str) -> Option<&'static str> {
    table.iter().find(|(e, _)| *e == en).map(|(_, v)| *v)
}

/// The parser's text in Vietnamese, `None` when a part of it is not in the tables.
fn syntax_vi(raw: &str) -> Option<String> {
    let (desc, expected) = match raw.split_once(", expected ") {
        Some((d, e)) => (d, Some(e)),
        None => (raw, None),
    };
    let desc = match lookup(DESCRIPTIONS, desc) {
        Some(d) => d.to_owned(),
        None => {
            // `cannot extend value of type {type} with a dotted key`
            let t = desc.strip_prefix("cannot extend value of type ")?.strip_suffix(" with a dotted key")?;
            format!("không thể thêm khóa có dấu chấm vào giá trị kiểu {}", type_vi(t)?)
        }
    };
    let Some(expected) = expected else { return Some(desc) };
    // "expected nothing": the parser has no token to offer; the description says it all.
    if expected == "nothing" {
        return Some(desc);
    }
    let items = match lookup(EXPECTED, expected) {
        Some(whole) => vec![whole.to_owned()],
        None => expected.split(", ").map(expected_vi).collect::<Option<Vec<_>>>()?,
    };
    let list = match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} hoặc {last}", rest.join(", ")),
        _ => items.concat(),
    };
    Some(format!("{desc}, cần có {list}"))
}

fn expected_vi(item: &str) -> Option<String> {
    // A literal token as `render_literal` shows it: in backticks, or `'`'`.
    if (item.len() >= 2 && item.starts_with('`') && item.ends_with('`')) || item == "'`'" {
        return Some(item.to_owned());
    }
    lookup(EXPECTED, item).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::msg::Message;

    fn vi(raw: &str) -> String {
        TomlMsg::Syntax { what: Syntax(raw.into()) }.render(Lang::Vi)
    }

    #[test]
    fn parser_messages_in_both_languages() {
        let m = TomlMsg::Syntax { what: Syntax("invalid basic string, expected `\"`".into()) };
        assert_eq!(m.render(Lang::En), "TOML syntax: invalid basic string, expected `\"`");
        assert_eq!(m.render(Lang::Vi), "Lỗi cú pháp TOML: chuỗi trong ngoặc kép không hợp lệ, cần có `\"`");
        assert_eq!(
            vi("missing comma between array elements, expected `,`, `]`"),
            "Lỗi cú pháp TOML: thiếu dấu phẩy giữa các phần tử của mảng, cần có `,` hoặc `]`"
        );
        assert_eq!(
            vi("unexpected key or value, expected newline, `#`"),
            "Lỗi cú pháp TOML: khóa hoặc giá trị không đúng chỗ (mỗi dòng chỉ một cặp khóa – giá trị), cần có xuống dòng hoặc `#`"
        );
        assert_eq!(vi("invalid date, expected day between 01 and 30"), "Lỗi cú pháp TOML: ngày không hợp lệ, cần có ngày từ 01 đến 30");
        assert_eq!(
            vi("cannot extend value of type inline table with a dotted key"),
            "Lỗi cú pháp TOML: không thể thêm khóa có dấu chấm vào giá trị kiểu bảng nội dòng"
        );
        // Unforeseen: Vietnamese framing, the parser's words quoted.
        assert_eq!(
            vi("something new, expected `x`"),
            "Lỗi cú pháp TOML: bộ đọc TOML báo `something new, expected 'x'` (xem lại cú pháp tại vị trí này)"
        );
        assert!(crate::text::english::english_lines(&vi("the thing is not what was expected")).is_empty());
    }

    /// Broken documents that make the toml parser say each kind of thing it says: every
    /// message must be in the tables (none falls back to the quoted English).
    #[test]
    fn every_parser_message_met_here_is_translated() {
        let deep_array = format!("a = {}1", "[".repeat(200));
        let deep_key = format!("{} = 1", vec!["k"; 200].join("."));
        let cases: Vec<&str> = vec![
            "[a",
            "[[a]\n",
            "[[a",
            "a = \"x\n",
            "a = 'x\n",
            "a = \"\\q\"",
            "a = 1\na = 2",
            "[t]\n[t]",
            "a b = 1",
            "= 1",
            "a = ",
            "a =",
            "a = 1 = 2",
            "a = [1,,2]",
            "a = [1 2]",
            "a = [1, =]",
            "a = {b = 1,, c = 2}",
            "a = {b = 1 c = 2}",
            "a = {b 1}",
            "a = {b = }",
            "a = {= 1}",
            "a = {b = 1,}",
            "a = -0x1",
            "a = 0X1",
            "a = 0B1",
            "a = 0O1",
            "a = 01",
            "a = 1__2",
            "a = 1_",
            "a = 1.e5",
            "a = 1.5e",
            "a = tru",
            "a = 2020-13-01",
            "a = 2020-02-30",
            "a = 2021-02-29",
            "a = 2020-04-31",
            "a = 25:00:00",
            "a = 12:60:00",
            "a = 1979-05-27T07:32:00+25:00",
            "a = 1979-05-27X07:32:00",
            "a = 1979-5-27",
            "a = 1\rb = 2",
            "# c \u{1}",
            "a = \"\"\"x",
            "a = '''x",
            "a = [1]\na.b = 1",
            "a = {b=1}\na.c = 1",
            "a = 1\na.b = 2",
            "\"\"\"k\"\"\" = 1",
            "'''k''' = 1",
            "a = +-1",
            "a = [",
            "a = {",
            "a = b",
            "a = 1 b = 2",
            "a = \"\\u12\"",
            "a = \"\\U1234\"",
            "[a]]",
            "a = 1 # x\u{7f}",
            "a = 1 x",
            "a = 'x\u{1}'",
            "a = \"x\u{1}\"",
            "a = '''\u{1}'''",
            "a = \"\"\"\u{1}\"\"\"",
            "a = +inf_",
            "a = 0x",
            "a = 0o8",
            "a = 0b2",
            "a = 0xg",
            "a = 1e",
            "a = .5",
            "a = 5.",
            "a = -",
            "a = +",
            "a = 1979-05-27T",
            "a = 07:32",
            "a = 1979-05-27 07:3",
            "a.",
            ".a = 1",
            "a..b = 1",
            "[]",
            "[[]]",
            "[a.]",
            "a = [1\n",
            "a = {b = [}",
            "a = }",
            "a = ]",
            "a = {b.c = 1, b = 2}",
            "a = {b = 1, b = 2}",
            "a = 1,",
            "\u{feff}\u{feff}a = 1",
            "a = 'x'''",
            "a = \"\"\"\"\"\"\"",
            "[a] b = 1",
            "[a\nb = 1",
            "a = 1\n[a]",
            "[a]\nb = 1\n[a.b]",
            "[[a]]\n[a]",
            "a = tRue",
            "a = 00:00:00.",
            "a = 1979-05-27T07:32:00Z+",
            "a = 9999-99-99",
            "a = 1e1_",
            "a = 1_e1",
            "a = 1._5",
            "a = 0_1",
            "a = -01",
        ];
        let mut missing = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for text in cases.iter().copied().chain([deep_array.as_str(), deep_key.as_str()]) {
            let (_, errors) = ::toml::de::DeTable::parse_recoverable(text);
            for e in errors {
                let m = e.message().trim().to_owned();
                seen.insert(m.clone());
                let special = ["recursion limit", "cannot recurse further; max recursion depth met"].contains(&m.as_str());
                if !special && syntax_vi(&m).is_none() {
                    missing.push(format!("{text:?}: {m}"));
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "parser messages not in the tables:\n{}", missing.join("\n"));
        eprintln!("{} distinct parser messages:\n{}", seen.len(), seen.iter().map(|m| vi(m)).collect::<Vec<_>>().join("\n"));
        assert!(seen.len() >= 40, "{seen:#?}");
    }

    #[test]
    fn types_and_reasons_are_worded() {
        let m = TomlMsg::WrongType { key: "max".into(), want: Want::Number, found: TomlType("string") };
        assert_eq!(m.render(Lang::Vi), "`max` phải là số, nhưng đang là chuỗi");
        assert_eq!(m.render(Lang::En), "`max` must be a number, found string");
        let io = TomlMsg::CannotRead { why: IoReason::of(&std::io::Error::from(std::io::ErrorKind::PermissionDenied)) };
        assert_eq!(io.render(Lang::Vi), "không đọc được tệp: không có quyền truy cập");
        assert_eq!(io.render(Lang::En), "cannot read file: permission denied");
        assert_eq!(TomlMsg::NotUtf8.render(Lang::Vi), "tệp không phải văn bản UTF-8 (hãy lưu dưới dạng UTF-8)");
    }
}
