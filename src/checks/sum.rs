//! A total against its parts. Parts that add up to more than the total are an error (unless
//! one part is itself a subset of another: dropping it makes the list add up); parts that fall
//! short are reported only when the list reads as complete.

use rust_decimal::Decimal;

use super::{Ctx, Judgement, Status};
use crate::claims::Figure;
use crate::interval::{Interval, Verdict};
use crate::relations::{Completeness, Relation};
use crate::rules::{Direction, Lang, Level, Rule};
use crate::text::fmt_vi;

pub fn judge(ctx: &Ctx, rule: &Rule, rel: &Relation) -> Judgement {
    let total = ctx.figure(rel.result);
    let parts: Vec<&Figure> = rel.operands.iter().map(|&p| ctx.figure(p)).collect();
    let t = Interval::of_figure_base(total);
    // A part larger than its whole is an error even when it is the only part ("tổng đàn gia
    // cầm 412.300 con (trong đó đàn gà 455.000 con)"). Among several parts, one far above the
    // total more often means the list breaks down another figure.
    if let Some(big) = parts.iter().find(|p| Interval::of_figure_base(p).lo > t.hi) {
        if rule.params.direction == Some(Direction::Short) || parts.len() > 1 {
            return Judgement::unchecked();
        }
        let why = match ctx.lang {
            Lang::Vi => format!("riêng {} đã lớn hơn tổng", big.text),
            Lang::En => format!("{} alone is larger than the total", big.text),
        };
        let vars = [("stated", total.text.clone()), ("computed", big.text.clone()), ("operands", big.text.clone()), ("why", why)];
        let finding = ctx.finding(rule, rule.level, ctx.fig_span(total), vec![ctx.related(big)], &vars);
        return Judgement { status: Status::Mismatch, computed: Some(big.text.clone()), finding: Some(finding) };
    }
    let s = parts.iter().fold(Interval::point(Decimal::ZERO), |acc, p| acc.plus(Interval::of_figure_base(p)));
    let Some(point) = parts.iter().try_fold(Decimal::ZERO, |acc, p| acc.checked_add(p.base_value())) else { return Judgement::unchecked() };
    let Some(written_gap) = point.checked_sub(total.base_value()) else { return Judgement::unchecked() };
    // One unit of the least precise figure, in the base unit.
    let unit = parts
        .iter()
        .chain(std::iter::once(&total))
        .filter_map(|f| Decimal::new(1, f.number.value.scale().min(28)).checked_mul(f.unit.as_ref().map(|u| u.scale).unwrap_or(Decimal::ONE)))
        .max()
        .unwrap_or(Decimal::ONE);
    // The intervals meet, yet the written digits add up to something else (941 + 14 + 10
    // = 965 for a total of 964): rounding of the parts, noted at info.
    let over = s.lo > t.hi || (written_gap >= unit && s.meets(t));
    let under = s.hi < t.lo || (-written_gap >= unit && s.meets(t));
    // Parts that overlap ("nữ 118 người, đảng viên 290 người" of 320) may add up to more.
    let exceeds = over && near_miss(point, total.base_value()) && !(distinctive(total) && levels_mixed(&parts, t)) && !rel.detail.cross_cutting;
    // A partial list of several parts that falls short of its total by a sliver (under 1%),
    // or that covers most of it (four fifths or more) measured as the total is and stated
    // exactly, was meant to cover it: reported, but only as a warning, since no word says the
    // list is complete. A list of the few largest ("như", "chủ yếu", "…") is open-ended. Two
    // parts are as often the two main ones ("lúa 3.900 ha, ngô 650 ha" of 5.200 ha sown) or
    // one inside the other ("thu nội địa", "thu tiền sử dụng đất"): a note only.
    let share_at_least = |pct: i64| total.base_value().checked_mul(Decimal::new(pct, 2)).is_some_and(|c| point >= c);
    // Counts of other nouns than the total's were read as its parts only where the text says
    // so ("07 đơn vị (05 phường, 02 xã)", "27 cán bộ, công chức, viên chức, trong đó: …").
    let alike = parts.iter().all(|p| p.unit.as_ref().zip(total.unit.as_ref()).is_some_and(|(u, t)| u.comparable(t) || (u.is_count() && t.is_count())));
    let most = !rel.detail.open_ended && !rel.detail.cross_cutting && total.is_point() && alike && share_at_least(MOST_PERCENT);
    let sliver = share_at_least(99);
    let meant = !reads_complete(rel) && rel.operands.len() >= 2 && (sliver || most);
    let noted = meant && !sliver && rel.operands.len() < MOST_PARTS;
    let complete = reads_complete(rel) || meant;
    let wanted = match rule.params.direction {
        Some(Direction::Exceeds) => exceeds,
        Some(Direction::Short) => {
            if !complete {
                return Judgement::unchecked();
            }
            under
        }
        None => exceeds || (under && complete),
    };
    let dp = parts.iter().map(|p| p.number.value.scale()).chain(std::iter::once(total.number.value.scale())).max().unwrap_or(0);
    let computed = Some(total.unit.as_ref().map_or_else(|| fmt_vi(point, dp), |u| u.write(point, dp)));
    if !wanted {
        return Judgement { status: Status::Agrees, computed, finding: None };
    }
    let verdict = if t.widen(rule.tolerance).gap(s) <= unit / Decimal::TWO { Verdict::Rounding } else { Verdict::Mismatch };
    let (status, severity) = match verdict {
        Verdict::Rounding => (Status::Rounding, Level::Info),
        _ if noted && !exceeds => (Status::Mismatch, Level::Info),
        // A parenthesis after a total usually lists all of it, but no word says so: it may
        // list what the total has ("85.000 lượt người (có thẻ bảo hiểm y tế 70.000 …; trẻ em
        // 12.000 …)").
        _ if !exceeds && rel.detail.complete_by.as_ref().is_some_and(Completeness::by_layout) => (Status::Mismatch, rule.level.min(Level::Warning)),
        _ if meant && !exceeds => (Status::Mismatch, rule.level.min(Level::Warning)),
        _ => (Status::Mismatch, rule.level),
    };
    let ops: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
    let why = if exceeds {
        match ctx.lang {
            Lang::Vi => format!("{} thành phần", parts.len()),
            Lang::En => format!("{} parts", parts.len()),
        }
    } else {
        why_complete(rel, meant, ctx.lang)
    };
    let vars = [("stated", total.text.clone()), ("computed", computed.clone().unwrap_or_default()), ("operands", ops.join(" + ")), ("why", why)];
    let related = parts.iter().map(|p| ctx.related(p)).collect();
    let finding = ctx.finding(rule, severity, ctx.fig_span(total), related, &vars);
    Judgement { status, computed, finding: Some(finding) }
}

/// The share of its total, in percent, from which a list of several parts reads as meant to
/// cover it.
const MOST_PERCENT: i64 = 80;

/// How many parts such a list needs to be reported above a note.
const MOST_PARTS: usize = 3;

/// "rừng trồng 199,02 ha, rừng cảnh quan đô thị 48,6 ha": when some of the parts already add
/// up to the total, the others are sub-items of those listed at another level, not a slip.
fn levels_mixed(parts: &[&Figure], t: Interval) -> bool {
    // Subsets of at most 12 parts (4096 sums); a longer list is judged on its first 12.
    let n = parts.len().min(12);
    (1u32..(1 << n) - 1).any(|mask| {
        let sub = (0..n).filter(|i| mask & (1 << i) != 0).fold(Interval::point(Decimal::ZERO), |acc, i| acc.plus(Interval::of_figure_base(parts[i])));
        sub.meets(t)
    })
}

/// Below this, a whole total is a small count that some of its parts hit by chance: "7
/// huyện, 1 thị xã, 2 thành phố" of 9 has 7 + 2, which says nothing of sub-items.
const SMALL_COUNT: i64 = 100;

/// Whether a subset of the parts matching the total may mean they are listed at two levels.
fn distinctive(total: &Figure) -> bool {
    let v = total.number.value;
    v.scale() > 0 || v >= rust_decimal::Decimal::from(SMALL_COUNT)
}

/// Parts far above their total are nested subsets ("tiếp nhận 6.441 hồ sơ, trong đó: đã giải
/// quyết 6.387, đúng hạn 6.354"), not a list that adds up wrong.
fn near_miss(sum: Decimal, total: Decimal) -> bool {
    total.checked_mul(Decimal::new(15, 1)).is_some_and(|limit| sum <= limit)
}

/// A list is complete only on evidence: its cue says so ("gồm", "phân theo", a bare
/// parenthesis of labelled parts); never when it trails off ("…", "khác"). A "trong đó" list
/// that happens to cover most of its total is still a partial list.
fn reads_complete(rel: &Relation) -> bool {
    rel.detail.exhaustive && !rel.detail.open_ended
}

/// Why a list was read as complete, for the message.
fn why_complete(rel: &Relation, meant: bool, lang: Lang) -> String {
    match (&rel.detail.complete_by, lang) {
        (Some(Completeness::Cue(w)), Lang::Vi) => format!("danh sách mở đầu bằng \"{w}\" là danh sách đầy đủ"),
        (Some(Completeness::Cue(w)), Lang::En) => format!("a list introduced by \"{w}\" is complete"),
        (Some(Completeness::Parenthesis), Lang::Vi) => "danh sách trong ngoặc ngay sau tổng thường kể đủ các thành phần".into(),
        (Some(Completeness::Parenthesis), Lang::En) => "a parenthesised list right after a total usually names all of it".into(),
        (Some(Completeness::Names), Lang::Vi) => "tên các thành phần hợp lại đúng bằng tên của tổng".into(),
        (Some(Completeness::Names), Lang::En) => "the parts' names together make up the total's name".into(),
        (Some(Completeness::Amounts), Lang::Vi) => "số lượng các thành phần cộng lại đúng bằng tổng".into(),
        (Some(Completeness::Amounts), Lang::En) => "the parts' amounts add up to the total exactly".into(),
        (Some(Completeness::Remainder(w)), Lang::Vi) => format!("thành phần cuối là phần \"{w}\" nên danh sách kể đủ"),
        (Some(Completeness::Remainder(w)), Lang::En) => format!("the last part is the \"{w}\" rest, so the list is complete"),
        (Some(Completeness::Partition(set)), Lang::Vi) => format!("các thành phần là đủ các nhóm {set}"),
        (Some(Completeness::Partition(set)), Lang::En) => format!("the parts are all of the groups {set}"),
        (Some(Completeness::Whole(w)), Lang::Vi) => format!("tổng được nêu là \"{w}\" và các thành phần kể ngay sau trong ngoặc"),
        (Some(Completeness::Whole(w)), Lang::En) => format!("the total is stated as the \"{w}\" with its parts in a parenthesis right after"),
        (Some(Completeness::Levels), Lang::Vi) => "mỗi thành phần trong ngoặc là một cấp khác nhau".into(),
        (Some(Completeness::Levels), Lang::En) => "each part in the parenthesis is another level".into(),
        (Some(Completeness::Nested), Lang::Vi) => "danh sách hai cấp: các mục và mục con của chúng".into(),
        (Some(Completeness::Nested), Lang::En) => "a two-level list of items and their sub-items".into(),
        (None, Lang::Vi) if meant => "các thành phần đã kể chiếm phần lớn tổng nên danh sách có vẻ là đầy đủ".into(),
        (None, Lang::En) if meant => "the parts listed make up most of the total, so the list seems meant to be complete".into(),
        (None, _) => String::new(),
    }
}
