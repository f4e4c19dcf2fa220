//! The vocabulary under rules/lexicon.yaml: units with dimension and scale, count nouns,
//! abbreviations, plan synonyms. Embedded in the binary; read once.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::grammar::Cue;
use crate::model::GrowthBase;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Deserialize;

const LEXICON_YAML: &str = include_str!("../rules/lexicon.yaml");
const TWO_SYLLABLE_WORDS: &str = include_str!("../rules/two_syllable_words.txt");

/// What a figure measures, and its size relative to the dimension's base unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The unit as written in the text (NFC), e.g. "triệu đồng", "m³", "tấn/ha".
    pub text: String,
    /// "money", "area", "count:hộ", "mass/area", …
    pub dimension: String,
    pub scale: Decimal,
}

impl Unit {
    pub fn is_percent(&self) -> bool {
        self.dimension == "percent"
    }
    /// The first component of a compound dimension ("mass" for "mass/area").
    pub fn base_dimension(&self) -> &str {
        self.dimension.split('/').next().unwrap_or(&self.dimension)
    }
    pub fn is_count(&self) -> bool {
        self.dimension.starts_with("count:")
    }

    /// An amount given in the base unit, written in this unit the Vietnamese way with `dp`
    /// decimals: "1.234,5 tỷ đồng", "0,030%".
    pub fn write(&self, base: Decimal, dp: u32) -> String {
        let v = base.checked_div(self.scale).unwrap_or(base);
        let gap = if self.is_percent() { "" } else { " " };
        format!("{}{gap}{}", crate::text::fmt_vi(v, dp), self.text)
    }

    /// The scale of the unit's first part: "triệu đồng" of "triệu đồng/ha/năm".
    pub fn numerator_scale(&self) -> Decimal {
        match self.text.split_once('/') {
            Some((num, _)) => lexicon().unit_at(num, &lower(num)).map_or(self.scale, |(u, _)| u.scale),
            None => self.scale,
        }
    }

    /// Measures the same kind of thing: the same dimension, or counts of the same head noun
    /// ("hộ nghèo" and "hộ" both count households; "hộ" and "người" do not).
    pub fn comparable(&self, other: &Unit) -> bool {
        if self.dimension == other.dimension {
            return true;
        }
        let head = |d: &str| d.strip_prefix("count:").and_then(|n| n.split(' ').next()).map(str::to_owned);
        matches!((head(&self.dimension), head(&other.dimension)), (Some(a), Some(b)) if a == b)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    multipliers: BTreeMap<String, Decimal>,
    units: Vec<RawUnit>,
    counts: Vec<CountNoun>,
    abbreviations: BTreeMap<String, String>,
    plan_words: Vec<String>,
    indicator_dimensions: Vec<IndicatorDimension>,
    indicator_bounds: Vec<IndicatorBound>,
    rate_qualifiers: Vec<String>,
    overlapping_words: Vec<String>,
    reduplicatives: Vec<String>,
    conjunctions: Vec<String>,
    share_base_skip: Vec<String>,
    share_words: ShareWords,
    cues: BTreeMap<Cue, Vec<String>>,
    indicator_filler: Vec<String>,
    place_levels: Vec<String>,
    place_markers: Vec<String>,
    section_roles: SectionRoles,
    header_lines: Vec<String>,
    stale_year: StaleYear,
    tables: TableWords,
    series: SeriesWords,
    growth_bases: GrowthBases,
    averages: AverageWords,
    breakdowns: BreakdownWords,
    indicator_names: NameWords,
    whole_words: Vec<String>,
    #[serde(default)]
    plan_assigned: Vec<String>,
    duration_bounds: Vec<String>,
    numbering_words: Vec<String>,
    bare_numbering_words: Vec<String>,
    #[serde(default)]
    grade_words: Vec<String>,
    #[serde(default)]
    date_before: Vec<String>,
    #[serde(default)]
    subjects: SubjectWords,
    #[serde(default)]
    place_parts: Vec<String>,
    #[serde(default)]
    own_place: Vec<String>,
    order: OrderWords,
    share_wholes: Vec<ShareWhole>,
    named_lists: RawNamedLists,
}

/// The words that make a percent after a part its share (rules/lexicon.yaml `share_words:`),
/// lowercase.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareWords {
    pub share: Vec<String>,
    pub accounts_for: Vec<String>,
    /// Words after a percent that name no whole it is a share of ("so với", "trở lên").
    #[serde(default)]
    pub not_whole: Vec<String>,
    /// Verbs before a percent of people that may count more than the whole ("huy động").
    #[serde(default)]
    pub beyond_whole: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNamedLists {
    open: Vec<String>,
    partial: Vec<String>,
    not_items: Vec<String>,
    kinds: Vec<String>,
}

/// The words of lists of names after a count (rules/lexicon.yaml `named_lists:`), lowercase.
#[derive(Debug, Default)]
pub struct NamedLists {
    /// Words that open the list, longest first.
    pub open: Vec<String>,
    /// Words that say the list names only some of the count.
    pub partial: Vec<String>,
    /// Words after which the names are of somewhere else ("tại", "cho").
    pub not_items: Vec<String>,
    /// The place levels ("xã", "huyện"), lowercase.
    pub place_levels: Vec<String>,
    /// Single lowercase words that may stand before a name: the `kinds`, the words of every
    /// count noun and of every place level.
    pub kinds: HashSet<String>,
}

/// The words around a bare year in the tasks part that make it a stale plan or a reference.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaleYear {
    pub plans: Vec<String>,
    pub references: Vec<String>,
    pub carried: Vec<String>,
}

/// The words of the series checks (rules/lexicon.yaml `series:`), as `plain_words` gives them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesWords {
    pub issuer: Vec<String>,
    pub cumulative: Vec<String>,
    pub adjusted: Vec<String>,
    pub previous_month: Vec<String>,
    pub same_time: Vec<String>,
}

/// What a growth is measured against (rules/lexicon.yaml `growth_bases:`), lowercase.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrowthBases {
    pub previous: Vec<String>,
    pub plan: Vec<String>,
    pub same_period: Vec<String>,
}

/// Whether a breakdown lists all of its total (rules/lexicon.yaml `breakdowns:`), lowercase.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakdownWords {
    pub complete: Vec<String>,
    pub subset: Vec<String>,
    pub partial_before: Vec<String>,
    pub partial_after: Vec<String>,
    pub inline_only: Vec<String>,
    pub remainder: Vec<String>,
    /// Kinds of levels, each level by its names ("trung học cơ sở", "thcs").
    #[serde(default)]
    pub levels: Vec<Vec<Vec<String>>>,
    /// Words that open a part's label that says what some have or are ("có vi phạm").
    #[serde(default)]
    pub attribute_openers: Vec<String>,
    /// Kinds counted by what their members are: the kind's name, then its members' count nouns.
    #[serde(default)]
    pub kinds: Vec<Vec<String>>,
}

/// What a bare measure word is of (rules/lexicon.yaml `subjects:`), lowercase.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectWords {
    /// Names that measure something without saying what ("sản lượng"), longest first.
    pub attributes: Vec<String>,
    /// The same, split into words.
    #[serde(skip)]
    pub attribute_words: Vec<Vec<String>>,
    /// The words an attribute may start with: a name without any has none.
    #[serde(skip)]
    pub attribute_first: rustc_hash::FxHashSet<String>,
    /// Words between a thing and its measure ("Cây ăn quả với diện tích …").
    pub connectors: Vec<String>,
    /// Words that open a topic label without naming its thing ("Về du lịch:").
    pub topic_openers: Vec<String>,
    /// Words that make a label a group of things, not one ("Cây trồng khác:").
    pub groups: Vec<String>,
    /// The measure a figure's dimension names ("area": "diện tích"), for "1.420 ha thảo quả".
    #[serde(default)]
    pub measures: BTreeMap<String, String>,
    /// Words that end the thing written after a figure ("1.420 ha thảo quả hiện có", "120 ha so với").
    #[serde(default)]
    pub stops: Vec<String>,
    /// Verbs of looking after what there is ("chăm sóc 1.420 ha thảo quả"), as opposed to planting or
    /// harvesting some of it.
    #[serde(default)]
    pub standing: Vec<String>,
}

/// The words of an average per unit (rules/lexicon.yaml `averages:`), lowercase.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AverageWords {
    pub per_one: Vec<String>,
    pub per_head: Vec<String>,
    pub levels: Vec<String>,
}

/// How an indicator's name is cut out of the words before its figure (rules/lexicon.yaml
/// `indicator_names:`), lowercase.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameWords {
    /// Dropped from the end of a name: verbs and qualifiers ("ước đạt", "là"), longest first.
    pub trailing: Vec<String>,
    /// Dropped from the start: words that open a clause ("và", "còn").
    pub leading: Vec<String>,
    /// After the last of these the name starts anew ("… với tổng diện tích").
    pub restart: Vec<String>,
    /// Phrases ending with a `restart` word that belong to the name ("đến với").
    pub restart_kept: Vec<String>,
    /// Words an indicator key leaves out: totals, verbs and the place ("tổng", "trên địa bàn").
    pub key_filler: Vec<String>,
    /// Words of a parenthesis after a name that narrow it ("không kể", "trừ"): kept in it.
    #[serde(default)]
    pub narrowing: Vec<String>,
}

/// A whole named after a share percent, and the units of parts it cannot hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareWhole {
    pub whole: Vec<String>,
    pub not_parts: Vec<String>,
}

/// The words that say a list is in order (rules/lexicon.yaml `order:`), as `plain_words`
/// gives them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderWords {
    pub descending: Vec<String>,
    pub ascending: Vec<String>,
    pub ranked: Vec<String>,
    pub highest: Vec<String>,
    pub lowest: Vec<String>,
}

/// Leading words of headings, by the role they give their section.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRoles {
    /// Words passed over before the leading words are read ("một số", "những").
    pub skip: Vec<String>,
    pub tasks: Vec<String>,
    pub summary: Vec<String>,
    pub body: Vec<String>,
}

/// The words of indicator tables (rules/lexicon.yaml `tables:`), lowercase.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableWords {
    pub number: Vec<String>,
    pub label: Vec<String>,
    pub unit: Vec<String>,
    pub plan: Vec<String>,
    pub estimate: Vec<String>,
    pub actual: Vec<String>,
    pub previous: Vec<String>,
    pub compare: Vec<String>,
    pub growth: Vec<String>,
    pub share: Vec<String>,
    pub assessment: Vec<String>,
    pub note: Vec<String>,
    pub reached: Vec<String>,
    pub not_reached: Vec<String>,
    pub exceeded: Vec<String>,
    pub totals: Vec<String>,
    pub groups: Vec<String>,
    pub empty: Vec<String>,
    pub lower_is_better: Vec<String>,
    pub at_least: Vec<String>,
    pub at_most: Vec<String>,
    pub about: Vec<String>,
    pub at_least_after: Vec<String>,
    pub at_most_after: Vec<String>,
    pub index_sections: Vec<String>,
    pub growth_sections: Vec<String>,
    pub share_sections: Vec<String>,
    pub index_rows: Vec<String>,
    pub growth_rows: Vec<String>,
    pub share_rows: Vec<String>,
    pub constant_prices: Vec<String>,
    pub current_prices: Vec<String>,
    /// Each a list of labels that together name all of a whole.
    pub partitions: Vec<Vec<String>>,
    pub english: Vec<String>,
    pub period_words: Vec<String>,
    pub reduction: Vec<String>,
}

impl TableWords {
    fn lowered(mut self) -> TableWords {
        for list in [
            &mut self.number, &mut self.label, &mut self.unit, &mut self.plan, &mut self.estimate, &mut self.actual, &mut self.previous,
            &mut self.compare, &mut self.growth, &mut self.share, &mut self.assessment, &mut self.note, &mut self.reached,
            &mut self.not_reached, &mut self.exceeded, &mut self.totals, &mut self.groups, &mut self.empty, &mut self.lower_is_better,
            &mut self.at_least, &mut self.at_most, &mut self.about, &mut self.at_least_after, &mut self.at_most_after,
            &mut self.index_sections, &mut self.growth_sections, &mut self.share_sections, &mut self.index_rows, &mut self.growth_rows,
            &mut self.share_rows, &mut self.constant_prices, &mut self.current_prices, &mut self.english,
            &mut self.period_words, &mut self.reduction,
        ] {
            for w in list.iter_mut() {
                *w = lower(w);
            }
            // Longest first, so "ước thực hiện" wins over "ước".
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        for p in self.partitions.iter_mut() {
            for w in p.iter_mut() {
                *w = lower(w);
            }
        }
        self
    }
}

/// Whether `lower` ends with the word (or phrase) `word`, whole: "tính đến" ends with "đến",
/// "hiến" does not.
pub fn ends_with_word(lower: &str, word: &str) -> bool {
    lower.strip_suffix(word).is_some_and(|head| head.chars().next_back().is_none_or(|c| !crate::text::is_word_char(c)))
}

/// Whether `word` occurs in `lower` at word boundaries on both sides.
pub fn has_word(lower: &str, word: &str) -> bool {
    lower.match_indices(word).any(|(at, _)| {
        let before_ok = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        before_ok && boundary_after(lower, at + word.len())
    })
}

/// A count noun, or a list of synonyms whose first name is the dimension.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CountNoun {
    One(String),
    Synonyms(Vec<String>),
}

impl CountNoun {
    fn names(self) -> Vec<String> {
        match self {
            CountNoun::One(n) => vec![n],
            CountNoun::Synonyms(ns) => ns,
        }
    }
    fn names_ref(&self) -> &[String] {
        match self {
            CountNoun::One(n) => std::slice::from_ref(n),
            CountNoun::Synonyms(ns) => ns,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    names: Vec<String>,
    dimension: String,
    scale: Decimal,
}

/// Which dimensions an indicator named by `words` may (and may not) be measured in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDimension {
    pub words: Vec<String>,
    pub allow: Vec<String>,
    pub deny: Vec<String>,
    /// The words must open the indicator's name: "Tăng trưởng GRDP", not "Tổng mức bán lẻ
    /// tiếp tục tăng trưởng và đạt …", whose figure is the level.
    #[serde(default)]
    pub leading: bool,
}

/// A plausible upper bound for a rate written in `unit`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorBound {
    pub words: Vec<String>,
    pub unit: String,
    pub max: Decimal,
}

#[derive(Debug)]
struct BaseUnit {
    name: String, // lowercase
    dimension: String,
    scale: Decimal,
}

#[derive(Debug)]
pub struct Lexicon {
    multipliers: Vec<(String, Decimal)>, // lowercase, longest first
    bases: Vec<BaseUnit>,                // longest first
    /// Indices into `bases` by the first character of the name: a figure is followed by a
    /// unit so often that trying all of them each time showed in profiles.
    bases_by_first: HashMap<char, Vec<usize>>,
    /// Abbreviation → expansion, looked up a word at a time.
    abbreviations: rustc_hash::FxHashMap<String, String>,
    /// Lowercase plan synonyms, longest first.
    pub plan_words: Vec<String>,
    pub indicator_dimensions: Vec<IndicatorDimension>,
    pub indicator_bounds: Vec<IndicatorBound>,
    /// Words that may follow a bound's words and still name the same rate, as `plain_words`
    /// gives them.
    pub rate_qualifiers: Vec<String>,
    /// Lowercase two-syllable words whose second syllable may start the next word.
    pub overlapping_words: Vec<String>,
    /// Lowercase syllables whose doubling is a word ("dần dần"), not a typo.
    pub reduplicatives: Vec<String>,
    /// Lowercase words that join two amounts into one subject ("và").
    pub conjunctions: Vec<String>,
    /// Lowercase words that open a share's whole without naming it ("so với", "tổng số").
    pub share_base_skip: Vec<String>,
    pub share_words: ShareWords,
    /// Cue phrases by their first word, longest phrase first.
    /// By first word; looked up at every word of a report, so with a fast hash.
    cues: FxHashMap<String, Vec<(String, Cue)>>,
    /// Lowercase words that say nothing of what an indicator measures ("tổng", "ước", "lượt"):
    /// looked up word by word, so a set.
    pub indicator_filler: rustc_hash::FxHashSet<String>,
    /// Lowercase administrative levels ("tỉnh", "thành phố"), and the words that introduce a
    /// place ("trên địa bàn", "toàn"): an indicator's place is not part of what it measures.
    pub place_levels: Vec<String>,
    pub place_markers: Vec<String>,
    /// The first words of `place_levels` and `place_markers`, as a set: an indicator's words
    /// are looked up in it one by one.
    pub place_first_words: rustc_hash::FxHashSet<String>,
    /// Heading words by role, as `plain_words` gives them.
    pub section_roles: SectionRoles,
    /// Head and signature lines that look like headings, as `plain_words` gives them.
    pub header_lines: Vec<String>,
    /// Stale-year words, as `plain_words` gives them.
    pub stale_year: StaleYear,
    pub tables: TableWords,
    pub series: SeriesWords,
    pub growth_bases: GrowthBases,
    pub averages: AverageWords,
    pub breakdowns: BreakdownWords,
    pub subjects: SubjectWords,
    /// Levels of the territory below a district's, lowercase ("xã", "thôn").
    pub place_parts: Vec<String>,
    /// Words before a place that make it the report's own ("toàn xã", "trên địa bàn xã").
    pub own_place: Vec<String>,
    pub indicator_names: NameWords,
    /// Lowercase words that may stand between a ratio's whole and its unit ("/725 tổng số
    /// giáo viên").
    pub whole_words: Vec<String>,
    /// Words after a plan's name that say who set it, not which plan: "kế hoạch (được) giao".
    pub plan_assigned: Vec<String>,
    /// Lowercase bounds that make a count of months a length of time ("dưới 3 tháng").
    pub duration_bounds: Vec<String>,
    /// Lowercase words after which a number is a label or a period, never a thousands group.
    pub numbering_words: Vec<String>,
    /// Words after which "30/11" is a day and a month ("đến 30/11"), lowercase.
    pub date_before: Vec<String>,
    /// Lowercase words after which a bare number is a label, though spaced groups may follow.
    pub bare_numbering_words: Vec<String>,
    /// Lowercase words before which a bare number is a grade, not an amount ("3 sao").
    pub grade_words: Vec<String>,
    pub order: OrderWords,
    /// Wholes and the parts they cannot hold, as `plain_words` gives them.
    pub share_wholes: Vec<ShareWhole>,
    pub named_lists: NamedLists,
}

/// The embedded lexicon. It is part of the binary and tested, so failing to read it is a bug.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        #[allow(clippy::expect_used)]
        let raw: RawLexicon = serde_yaml::from_str(LEXICON_YAML).expect("embedded rules/lexicon.yaml is valid");
        Lexicon::from_raw(raw)
    })
}

fn lower(s: &str) -> String {
    crate::text::lower(s)
}

/// The two-syllable words of rules/two_syllable_words.txt, read on first use (only a doubled
/// syllable or a rate's indicator asks).
fn two_syllable_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| TWO_SYLLABLE_WORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// Words lowercased, in the order written.
fn lowered(words: &[String]) -> Vec<String> {
    words.iter().map(|w| lower(w)).collect()
}

/// Phrases lowercased, longest first: a phrase is tried before the shorter ones it begins with.
fn longest_first(words: &[String]) -> Vec<String> {
    let mut out = lowered(words);
    out.sort_by_key(|w| std::cmp::Reverse(w.len()));
    out
}

impl Lexicon {
    fn from_raw(raw: RawLexicon) -> Lexicon {
        let mut multipliers: Vec<(String, Decimal)> = raw.multipliers.into_iter().map(|(k, v)| (lower(&k), v)).collect();
        multipliers.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        let mut kinds: HashSet<String> = raw.named_lists.kinds.iter().chain(&raw.place_levels).flat_map(|w| lower(w).split(' ').map(str::to_owned).collect::<Vec<_>>()).collect();
        kinds.extend(raw.counts.iter().flat_map(|c| c.names_ref()).flat_map(|n| lower(n).split(' ').map(str::to_owned).collect::<Vec<_>>()));
        let named_lists = NamedLists {
            open: longest_first(&raw.named_lists.open),
            partial: lowered(&raw.named_lists.partial),
            not_items: lowered(&raw.named_lists.not_items),
            place_levels: lowered(&raw.place_levels),
            kinds,
        };
        let mut bases: Vec<BaseUnit> = raw
            .units
            .into_iter()
            .flat_map(|u| {
                u.names.into_iter().map(move |n| BaseUnit { name: lower(&n), dimension: u.dimension.clone(), scale: u.scale })
            })
            .chain(raw.counts.into_iter().flat_map(|c| {
                let names = c.names();
                let dim = format!("count:{}", names.first().map(|n| lower(n)).unwrap_or_default());
                names.into_iter().map(move |n| BaseUnit { dimension: dim.clone(), name: lower(&n), scale: Decimal::ONE })
            }))
            .collect();
        bases.sort_by_key(|b| std::cmp::Reverse(b.name.len()));
        let mut bases_by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, b) in bases.iter().enumerate() {
            if let Some(c) = b.name.chars().next() {
                bases_by_first.entry(c).or_default().push(i);
            }
        }
        let abbreviations = raw.abbreviations.into_iter().collect();
        let plan_words = longest_first(&raw.plan_words);
        Lexicon {
            multipliers,
            bases,
            bases_by_first,
            abbreviations,
            plan_words,
            indicator_dimensions: raw.indicator_dimensions,
            indicator_bounds: raw.indicator_bounds,
            rate_qualifiers: plain_list(&raw.rate_qualifiers),
            overlapping_words: lowered(&raw.overlapping_words),
            reduplicatives: lowered(&raw.reduplicatives),
            conjunctions: lowered(&raw.conjunctions),
            share_base_skip: lowered(&raw.share_base_skip),
            share_words: ShareWords { share: lowered(&raw.share_words.share), accounts_for: lowered(&raw.share_words.accounts_for), not_whole: crate::lexicon::plain_list(&raw.share_words.not_whole), beyond_whole: crate::lexicon::plain_list(&raw.share_words.beyond_whole) },
            cues: index_cues(raw.cues),
            indicator_filler: lowered(&raw.indicator_filler).into_iter().collect(),
            place_levels: lowered(&raw.place_levels),
            place_markers: lowered(&raw.place_markers),
            place_first_words: lowered(&raw.place_levels).iter().chain(lowered(&raw.place_markers).iter()).filter_map(|p| p.split(' ').next()).map(str::to_owned).collect(),
            section_roles: SectionRoles {
                skip: plain_list(&raw.section_roles.skip),
                tasks: plain_list(&raw.section_roles.tasks),
                summary: plain_list(&raw.section_roles.summary),
                body: plain_list(&raw.section_roles.body),
            },
            header_lines: plain_list(&raw.header_lines),
            stale_year: StaleYear {
                plans: plain_list(&raw.stale_year.plans),
                references: plain_list(&raw.stale_year.references),
                carried: plain_list(&raw.stale_year.carried),
            },
            tables: raw.tables.lowered(),
            series: SeriesWords {
                issuer: plain_list(&raw.series.issuer),
                cumulative: plain_list(&raw.series.cumulative),
                adjusted: plain_list(&raw.series.adjusted),
                previous_month: plain_list(&raw.series.previous_month),
                same_time: plain_list(&raw.series.same_time),
            },
            growth_bases: GrowthBases {
                previous: lowered(&raw.growth_bases.previous),
                plan: lowered(&raw.growth_bases.plan),
                same_period: lowered(&raw.growth_bases.same_period),
            },
            averages: AverageWords {
                per_one: longest_first(&raw.averages.per_one),
                per_head: lowered(&raw.averages.per_head),
                levels: lowered(&raw.averages.levels),
            },
            breakdowns: BreakdownWords {
                complete: lowered(&raw.breakdowns.complete),
                subset: lowered(&raw.breakdowns.subset),
                partial_before: lowered(&raw.breakdowns.partial_before),
                partial_after: lowered(&raw.breakdowns.partial_after),
                inline_only: lowered(&raw.breakdowns.inline_only),
                remainder: lowered(&raw.breakdowns.remainder),
                levels: raw.breakdowns.levels.iter().map(|kind| kind.iter().map(|names| lowered(names)).collect()).collect(),
                attribute_openers: lowered(&raw.breakdowns.attribute_openers),
                kinds: raw.breakdowns.kinds.iter().map(|k| lowered(k)).collect(),
            },
            place_parts: lowered(&raw.place_parts),
            own_place: lowered(&raw.own_place),
            subjects: SubjectWords {
                attributes: longest_first(&raw.subjects.attributes),
                attribute_words: longest_first(&raw.subjects.attributes).iter().map(|a| a.split(' ').map(str::to_owned).collect()).collect(),
                attribute_first: lowered(&raw.subjects.attributes).iter().filter_map(|a| a.split(' ').next()).map(str::to_owned).collect(),
                connectors: lowered(&raw.subjects.connectors),
                topic_openers: longest_first(&raw.subjects.topic_openers),
                groups: lowered(&raw.subjects.groups),
                measures: raw.subjects.measures.iter().map(|(d, m)| (d.clone(), lower(m))).collect(),
                stops: lowered(&raw.subjects.stops),
                standing: lowered(&raw.subjects.standing),
            },
            indicator_names: NameWords {
                trailing: longest_first(&raw.indicator_names.trailing),
                leading: lowered(&raw.indicator_names.leading),
                restart: lowered(&raw.indicator_names.restart),
                restart_kept: lowered(&raw.indicator_names.restart_kept),
                key_filler: lowered(&raw.indicator_names.key_filler),
                narrowing: lowered(&raw.indicator_names.narrowing),
            },
            whole_words: longest_first(&raw.whole_words),
            plan_assigned: longest_first(&raw.plan_assigned),
            duration_bounds: lowered(&raw.duration_bounds),
            numbering_words: lowered(&raw.numbering_words),
            date_before: lowered(&raw.date_before),
            bare_numbering_words: lowered(&raw.bare_numbering_words),
            grade_words: lowered(&raw.grade_words),
            share_wholes: raw.share_wholes.iter().map(|w| ShareWhole { whole: plain_list(&w.whole), not_parts: plain_list(&w.not_parts) }).collect(),
            named_lists,
            order: OrderWords {
                descending: plain_list(&raw.order.descending),
                ascending: plain_list(&raw.order.ascending),
                ranked: plain_list(&raw.order.ranked),
                highest: plain_list(&raw.order.highest),
                lowest: plain_list(&raw.order.lowest),
            },
        }
    }

    /// Reads the unit written right after a number. `text` is the original-case text after
    /// the number, `lower` its lowercase twin (same byte offsets). Returns the unit and how
    /// many bytes it spans (including the space before it).
    pub fn unit_at(&self, text: &str, lower: &str) -> Option<(Unit, usize)> {
        let (first, mut len) = self.simple_unit_at(text, lower)?;
        let mut unit = first;
        // Compound units: "tấn/ha", "triệu đồng/ha/năm", "%/năm" (but "a/b" with a digit is a ratio).
        while lower[len..].starts_with('/') {
            let rest = &lower[len + 1..];
            if rest.starts_with(|c: char| c.is_ascii_digit() || c == ' ') {
                break;
            }
            let Some((next, l)) = self.simple_unit_at(&text[len + 1..], rest) else { break };
            if next.scale.is_zero() {
                break;
            }
            unit.dimension = format!("{}/{}", unit.dimension, next.dimension);
            unit.scale /= next.scale;
            len += 1 + l;
            unit.text = text[..len].trim_start().to_owned();
        }
        Some((unit, len))
    }

    fn simple_unit_at(&self, text: &str, lower: &str) -> Option<(Unit, usize)> {
        let skip = lower.len() - lower.trim_start_matches([' ', '\u{a0}']).len();
        if skip > 2 {
            return None;
        }
        let l = &lower[skip..];
        let mut best: Option<(String, Decimal, usize)> = None;
        let mut consider = |dim: &str, scale: Decimal, end: usize| {
            if boundary_after(l, end) && best.as_ref().is_none_or(|b| end > b.2) {
                best = Some((dim.to_owned(), scale, end));
            }
        };
        let candidates = |s: &str| s.chars().next().and_then(|c| self.bases_by_first.get(&c)).map(Vec::as_slice).unwrap_or(&[]);
        for &i in candidates(l) {
            let b = &self.bases[i];
            if l.starts_with(&b.name) {
                consider(&b.dimension, b.scale, b.name.len());
            }
        }
        for (m, factor) in &self.multipliers {
            if !l.starts_with(m.as_str()) {
                continue;
            }
            let after = &l[m.len()..];
            let gap = after.len() - after.trim_start_matches(' ').len();
            if gap <= 1 {
                for &i in candidates(&after[gap..]) {
                    let b = &self.bases[i];
                    if after[gap..].starts_with(&b.name) {
                        consider(&b.dimension, b.scale * factor, m.len() + gap + b.name.len());
                    }
                }
            }
            // "tỷ lệ", "tỷ trọng" are words, not amounts.
            let next_word = after.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            if gap == 1 && matches!(next_word, "lệ" | "trọng" | "suất") {
                continue;
            }
            // A bare "tỷ" is money in these reports; a bare "triệu"/"nghìn" is just a factor.
            let dim = if m.starts_with("tỷ") || m.starts_with("tỉ") || m.ends_with("tỷ") { "money" } else { "number" };
            consider(dim, *factor, m.len());
        }
        let (dimension, scale, end) = best?;
        let text_end = skip + end;
        Some((Unit { text: text[skip..text_end].to_owned(), dimension, scale }, text_end))
    }

    /// Whether two lowercase syllables ("sản", "xuất") form a word: from the two-syllable word
    /// list or the lexicon's `overlapping_words`.
    /// What a growth's comparison words ("so với cùng kỳ năm trước", lowercase) measure it
    /// against.
    pub fn growth_base(&self, base: &str) -> GrowthBase {
        let b = &self.growth_bases;
        let said = |words: &[String]| words.iter().any(|w| has_word(base, w));
        if said(&b.previous) {
            GrowthBase::Previous
        } else if said(&b.plan) {
            GrowthBase::Plan
        } else if said(&b.same_period) {
            GrowthBase::SamePeriod
        } else {
            GrowthBase::Other
        }
    }

    pub fn is_word_pair(&self, first: &str, second: &str) -> bool {
        let pair = format!("{first} {second}");
        two_syllable_words().contains(pair.as_str()) || self.overlapping_words.contains(&pair)
    }

    /// Whether a lowercase text starts with a plan synonym; returns its length.
    pub fn plan_word_at(&self, lower: &str) -> Option<usize> {
        self.plan_words.iter().find(|w| lower.starts_with(w.as_str()) && boundary_after(lower, w.len())).map(|w| w.len())
    }
}

fn plain_list(words: &[String]) -> Vec<String> {
    words.iter().map(|w| plain_words(w)).collect()
}

/// Lowercase words separated by single spaces, punctuation dropped: "NHIỆM VỤ, GIẢI PHÁP" and
/// "nhiệm vụ giải pháp" read the same.
pub fn plain_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in lower(s).split(|c: char| !crate::text::is_alphanumeric(c) && !crate::text::is_mark(c)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The bytes of a separator that joins another noun to the one before ("," or " và "), at the
/// start of lowercase `rest`: "27 cán bộ, công chức và viên chức", "5 huyện, thị xã".
pub fn joiner_len(rest: &str) -> Option<usize> {
    if let Some(r) = rest.strip_prefix(',') {
        Some(rest.len() - r.len())
    } else if rest.starts_with(" và ") {
        Some(" và".len())
    } else {
        None
    }
}

/// Whether `words` (from `plain_words`) holds the phrase `p` as whole words.
pub fn has_words(words: &str, p: &str) -> bool {
    words.match_indices(p).any(|(at, _)| (at == 0 || words[..at].ends_with(' ')) && starts_with_words(&words[at..], p))
}

/// Whether `words` (from `plain_words`) starts with the phrase `p`, at a word boundary.
pub fn starts_with_words(words: &str, p: &str) -> bool {
    words.strip_prefix(p).is_some_and(|r| r.is_empty() || r.starts_with(' '))
}

fn index_cues(raw: BTreeMap<Cue, Vec<String>>) -> FxHashMap<String, Vec<(String, Cue)>> {
    let mut by_first: FxHashMap<String, Vec<(String, Cue)>> = FxHashMap::default();
    for (cue, phrases) in raw {
        for p in phrases {
            let p = lower(&p);
            let first = p.split(' ').next().unwrap_or("").to_owned();
            by_first.entry(first).or_default().push((p, cue));
        }
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    }
    by_first
}

impl Lexicon {
    /// The expansion of a word written as an abbreviation ("NSNN"), as written (case kept).
    pub fn expansion(&self, word: &str) -> Option<&str> {
        self.abbreviations.get(word).map(String::as_str)
    }

    /// Whether the text right after a number makes it a grade ("3 sao"): a `grade_words` word
    /// follows, after spaces.
    pub fn grades(&self, after_number: &str) -> bool {
        let after = after_number.trim_start_matches(' ');
        let word = crate::text::lower(after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""));
        !word.is_empty() && self.grade_words.contains(&word)
    }

    /// The phrases of one kind of cue, lowercase ("tỷ lệ", "tỉ lệ" for `Cue::Rate`).
    pub fn cue_phrases(&self, cue: Cue) -> impl Iterator<Item = &str> + '_ {
        self.cues.values().flatten().filter(move |(_, c)| *c == cue).map(|(p, _)| p.as_str())
    }

    /// The cue phrase starting a lowercase text, if any: its byte length and kind. A verb made
    /// from it ("cụ thể hóa") is not the cue.
    pub fn cue_at(&self, lower: &str) -> Option<(usize, Cue)> {
        let first = lower.split(|c: char| !crate::text::is_word_char(c)).next()?;
        self.cue_at_word(lower, first.len())
    }

    /// `cue_at` for a text whose first word (up to a character that is not `is_word_char`)
    /// is known to be `word_len` bytes long.
    pub fn cue_at_word(&self, lower: &str, word_len: usize) -> Option<(usize, Cue)> {
        let list = self.cues.get(lower.get(..word_len)?)?;
        list.iter()
            .find(|(p, _)| lower.starts_with(p.as_str()) && boundary_after(lower, p.len()) && !lower[p.len()..].starts_with(" hóa") && !lower[p.len()..].starts_with(" hoá"))
            .map(|(p, c)| (p.len(), *c))
    }
}

/// True when `s[end..]` does not continue a word.
pub fn boundary_after(s: &str, end: usize) -> bool {
    match s[end..].chars().next() {
        None => true,
        Some(c) => !c.is_alphanumeric() || s[..end].ends_with(|p: char| !p.is_alphanumeric()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn unit(s: &str) -> Option<(String, String, Decimal, usize)> {
        let l = lower(s);
        lexicon().unit_at(s, &l).map(|(u, n)| (u.text, u.dimension, u.scale, n))
    }

    #[test]
    fn reads_units_with_multipliers_and_compounds() {
        assert_eq!(unit(" tỷ đồng, đạt"), Some(("tỷ đồng".into(), "money".into(), dec!(1000000000), " tỷ đồng".len())));
        assert_eq!(unit(" triệu đồng/30"), Some(("triệu đồng".into(), "money".into(), dec!(1000000), " triệu đồng".len())));
        assert_eq!(unit("ha, sản"), Some(("ha".into(), "area".into(), dec!(10000), 2)));
        assert_eq!(unit(" tấn/ha;").map(|u| u.1), Some("mass/area".into()));
        assert_eq!(unit(" lượt khách du lịch").map(|u| u.1), Some("count:lượt khách du lịch".into()));
        assert_eq!(unit(" nghìn con").map(|u| (u.1, u.2)), Some(("count:con".into(), dec!(1000))));
        assert_eq!(unit(" trđ)").map(|u| u.2), Some(dec!(1000000)));
        assert_eq!(unit("%/năm").map(|u| u.1), Some("percent/time".into()));
        assert_eq!(unit(" hộp sữa"), None);
        assert_eq!(unit(" tỷ 743"), Some(("tỷ".into(), "money".into(), dec!(1000000000), " tỷ".len())));
    }
}
