//! What validating a scorecard (bảng điểm) can say (issue 11).

pub use parindex_core::say::scorecard::*;

crate::wording! {
    ScorecardMsg {
        NumberTooBig { key, d, max } =>
            "`{key}` là {d}: số trong bảng điểm không được lớn hơn {max}",
            "`{key}` is {d}: numbers in a scorecard are at most {max}";
        NumberTooPrecise { key, d, places } =>
            "`{key}` là {d}: số trong bảng điểm có tối đa {places} chữ số thập phân",
            "`{key}` is {d}: numbers in a scorecard have at most {places} decimal places";
        NoHead =>
            "tệp không có bảng `[scorecard]` (đây có phải là tệp bảng điểm không?)",
            "the file has no [scorecard] table (is this a scorecard?)";
        EmptyId =>
            "`id` của bảng điểm đang để trống",
            "the scorecard `id` is empty";
        EmptyBandLabel =>
            "tên mức xếp loại (`label`) đang để trống",
            "a band label is empty";
        BandTwice { label } =>
            "mức xếp loại `{label}` được khai báo hai lần",
            "band `{label}` is declared twice";
        BandsSameMin { min, first, label } =>
            "hai mức xếp loại cùng bắt đầu từ {min} (`{first}` và `{label}`)",
            "two bands start at {min} (`{first}` and `{label}`)";
        NoCriteria =>
            "bảng điểm không có `[[criterion]]` nào",
            "the scorecard has no [[criterion]]";
        TooManyCriteria { n, max } =>
            "quá nhiều tiêu chí: {n} (tối đa {max})",
            "too many criteria: {n} (at most {max})";
        IdTwice { id, line } =>
            "mã tiêu chí `{id}` được khai báo hai lần (lần đầu ở dòng {line})",
            "criterion id `{id}` is declared twice (first on line {line})";
        NoParent { id, parent } =>
            "tiêu chí `{id}` không có tiêu chí cha: chưa khai báo `{parent}`",
            "criterion `{id}` has no parent: `{parent}` is not declared";
        GroupTakesNo { id, key } =>
            "`{id}` có tiêu chí con nên là nhóm tiêu chí, không khai báo `{key}`",
            "`{id}` has sub-criteria, so it is a group and takes no `{key}`";
        WeightNotOnArea { id } =>
            "`weight` chỉ dùng cho lĩnh vực (tiêu chí cấp cao nhất), không dùng cho `{id}`",
            "`weight` is only allowed on areas (top-level criteria), not on `{id}`";
        LeafNoMax { id } =>
            "tiêu chí `{id}` không có tiêu chí con nên phải có `max`",
            "leaf `{id}` has no `max`";
        MaxNotSum { id, declared, sum } =>
            "`{id}` khai báo điểm tối đa {declared}, nhưng tổng điểm tối đa các tiêu chí con là {sum}",
            "`{id}` declares max {declared}, but its sub-criteria add up to {sum}";
        WeightOnZeroArea { id } =>
            "lĩnh vực `{id}` có điểm tối đa 0 (chỉ có điểm thưởng hoặc điểm trừ), nên `weight` không có ý nghĩa",
            "area `{id}` has max 0 (only bonus or deduction points), so a `weight` has no meaning";
        ZeroTotal =>
            "điểm tối đa của bảng điểm là 0: cần ít nhất một lĩnh vực có điểm",
            "the scorecard's maximum is 0: at least one area needs points";
        TotalNotSum { declared, total } =>
            "`[scorecard]` khai báo điểm tối đa {declared}, nhưng tổng điểm các lĩnh vực là {total}",
            "[scorecard] declares max {declared}, but the areas add up to {total}";
        MaxNotPositive { id } =>
            "`max` của `{id}` phải lớn hơn 0",
            "`max` of `{id}` must be greater than 0";
        MaxNotStep { id, max, step } =>
            "`max` của `{id}` là {max}, không phải bội số của bước điểm {step}: không bao giờ nhập được điểm tối đa",
            "`max` of `{id}` is {max}, not a multiple of the step {step}: the maximum could never be entered";
        BadId { id } =>
            "`{id}` không phải là mã hợp lệ: dùng chữ cái không dấu và chữ số, nối bằng dấu chấm, ví dụ `1.2.3`",
            "`{id}` is not a valid id: use ASCII letters and digits joined by dots, like `1.2.3`";
        IdTooLong { id, max } =>
            "mã `{id}` dài quá {max} ký tự",
            "id `{id}` is longer than {max} characters";
        TooDeep { id, depth, max } =>
            "`{id}` lồng {depth} cấp (tối đa {max} cấp)",
            "`{id}` is nested {depth} levels deep (at most {max})";
        EmptyTitle { id } =>
            "tiêu chí `{id}` chưa có tên (`title` đang để trống)",
            "criterion `{id}` has an empty title";
        UnknownRule { rule } =>
            "cách chấm `{rule}` không hợp lệ (chỉ nhận `manual`, `choice`, `bands`, `target`, `deduction`, `bonus` hoặc `survey`)",
            "unknown rule `{rule}` (expected manual, choice, bands, target, deduction, bonus or survey)";
        KeyNotForRule { key, rule, id } =>
            "`{key}` không dùng cho tiêu chí chấm theo cách `{rule}` (`{id}`)",
            "`{key}` does not belong to a `{rule}` criterion (`{id}`)";
        RuleNoMax { id, rule } =>
            "`{id}` chấm theo cách `{rule}` nhưng thiếu `max`",
            "`{id}` has rule `{rule}` but no `max`";
        ChoiceFewOptions { id } =>
            "tiêu chí lựa chọn `{id}` cần ít nhất 2 phương án (`options`)",
            "choice `{id}` needs at least 2 `options`";
        EmptyOptionKey =>
            "khóa (`key`) của phương án đang để trống",
            "an option key is empty";
        OptionKeyTwice { key, id } =>
            "khóa phương án `{key}` được dùng hai lần trong `{id}`",
            "option key `{key}` is used twice in `{id}`";
        BandsNone { id } =>
            "tiêu chí chấm theo mức `{id}` cần ít nhất một mức `{{ min, points }}`",
            "bands `{id}` needs at least one band `{{ min, points }}`";
        NegativeBandMin =>
            "`min` của một mức không được âm",
            "a band's `min` cannot be negative";
        RuleBandsSameMin { id, min } =>
            "hai mức của `{id}` cùng bắt đầu từ {min}",
            "two bands of `{id}` start at {min}";
        TargetNoTarget { id } =>
            "tiêu chí chỉ tiêu `{id}` thiếu `target`",
            "target `{id}` has no `target`";
        DeductionMax { id } =>
            "tiêu chí điểm trừ `{id}` dùng `per` và `cap`, không dùng `max`",
            "deduction `{id}` takes `per` and `cap`, not `max`";
        NotPositive { key } =>
            "`{key}` phải lớn hơn 0",
            "`{key}` must be greater than 0";
        DeductionMissing { id, key } =>
            "tiêu chí điểm trừ `{id}` thiếu `{key}`",
            "deduction `{id}` has no `{key}`";
        NegativePoints { id } =>
            "điểm trong `{id}` không được âm",
            "points in `{id}` cannot be negative";
        PointsOverMax { points, max, id } =>
            "{points} điểm vượt quá điểm tối đa {max} của `{id}`",
            "{points} points is more than the max {max} of `{id}`";
        BadNa { value } =>
            "`na` là `{value}`: chỉ nhận `\"full\"` (tính đủ điểm tối đa) hoặc `\"excluded\"` (không tính vào điểm tối đa)",
            "`na` is `{value}`: expected \"full\" (scores its max) or \"excluded\" (leaves the maxima)";
        NaOnGroup { id } =>
            "`{id}` có tiêu chí con nên là nhóm tiêu chí, không khai báo `na` (hãy đánh dấu ở các tiêu chí con)",
            "`{id}` has sub-criteria, so it is a group and takes no `na` (mark its sub-criteria)";
        NaOnAdjustment { rule, id } =>
            "tiêu chí chấm theo cách `{rule}` (`{id}`) không thể “không áp dụng”: tiêu chí này chỉ cộng hoặc trừ điểm",
            "a `{rule}` criterion (`{id}`) cannot be not applicable: it only adds or takes points";
        LevelsFew { id } =>
            "cách tính điểm (`levels`) của `{id}` cần ít nhất 2 mức",
            "the scale (`levels`) of `{id}` needs at least 2 levels";
        LevelTwice { id, points } =>
            "hai mức trong cách tính điểm của `{id}` cùng {points} điểm",
            "two levels of `{id}` both give {points}";
        LevelsUnsorted { id } =>
            "các mức trong cách tính điểm của `{id}` phải xếp từ điểm cao đến điểm thấp",
            "the levels of `{id}` must be listed from the highest points to the lowest";
        LevelNotStep { id, points, step } =>
            "mức {points} điểm của `{id}` không phải là bội số của bước điểm {step}: không bao giờ nhập được",
            "level {points} of `{id}` is not a multiple of the step {step}: it could never be entered";
        LevelsMissMax { id, max } =>
            "cách tính điểm của `{id}` không có mức nào đạt điểm tối đa {max}",
            "no level of `{id}` gives its max {max}";
        EmptyLevelText { id } =>
            "một mức trong cách tính điểm của `{id}` chưa có nội dung (`text` đang để trống)",
            "a level of `{id}` has an empty `text`";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;
    use crate::text::msg::Message;
    use rust_decimal::Decimal;

    #[test]
    fn both_languages_and_the_decimal_comma() {
        let m = ScorecardMsg::PointsOverMax { points: Decimal::new(35, 1), max: Decimal::new(3, 0), id: "1.4".into() };
        assert_eq!(m.render(Lang::Vi), "3,5 điểm vượt quá điểm tối đa 3 của `1.4`");
        assert_eq!(m.render(Lang::En), "3.5 points is more than the max 3 of `1.4`");
        let m = ScorecardMsg::MaxNotStep { id: "2.1".into(), max: Decimal::new(125, 2), step: Decimal::new(5, 1) };
        assert!(m.render(Lang::Vi).contains("là 1,25, không phải bội số của bước điểm 0,5"), "{}", m.render(Lang::Vi));
        assert_eq!(ScorecardMsg::BandsNone { id: "3".into() }.render(Lang::En), "bands `3` needs at least one band `{ min, points }`");
    }
}
