//! Search keys for customer and company names: the strings a type-ahead query is matched
//! against, with pinyin spellings and initials for Chinese names.
//!
//! Every key is in "query space": lowercase, no whitespace, apostrophes or invisible
//! characters, Latin accents folded (é→e, ü→u, ß→ss), full-width ASCII made half-width —
//! exactly what [`normalize_query`] makes of what the user types, so a prefix match just works.
//!
//! - Han characters become pinyin without tones; ü is spelt `v` (IME habit, `lv`) and also `u`.
//!   Polyphonic characters give one key per reading combination, most likely first, capped at
//!   [`MAX_COMBINATIONS`]; combinations are taken in order of how far they stray from each
//!   character's first reading, so the cap drops the rarest.
//! - For a [`NameKind::Person`] the leading surname, single or compound (复姓), takes its
//!   surname reading from `super::surnames` (曾 zeng, never ceng; 尉迟 yuchi). The given name
//!   and organization names take all readings, except that common words have a settled
//!   reading (有限公司, 银行) or a preferred one put first (重庆 chong, 长沙 chang), also
//!   from `super::surnames`. The tables hold simplified and traditional forms.
//! - Latin (or any alphabetic script) words and digits pass through lowercased. Initials take
//!   each word's first letter; in a name mixing Han and Latin, a second initials key keeps the
//!   Latin words whole ("IBM中国" → "ibmzg" and "izg"), since such words are mostly acronyms.
//! - Han characters the pinyin data does not know pass through as themselves; punctuation is
//!   kept in `text` but separates words and is dropped from `full` and `initials`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use pinyin::ToPinyinMulti;

use super::surnames::{COMPOUND_SURNAMES, FIXED_WORDS, PREFERRED_READINGS, SURNAMES};

/// At most this many reading combinations (so `full` keys) per name.
pub const MAX_COMBINATIONS: usize = 16;

/// Whose name it is: a person's leading surname takes its surname reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Person,
    Organization,
}

/// The keys a name is findable by. Every key is lowercase, with no spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameKeys {
    /// The name itself, normalised like a query: "张三", "johnsmith", "o'brien" → "obrien".
    pub text: String,
    /// Full spellings, one per reading combination, most likely first: ["zhangsan"].
    pub full: Vec<String>,
    /// Initial letters, one per combination: ["zs"]; mixed names also get whole-word variants.
    pub initials: Vec<String>,
    /// Each word of Latin (or other alphabetic) text: ["john", "smith"]. Empty for pure Han.
    pub words: Vec<String>,
}

/// The keys `name` is findable by.
pub fn name_keys(name: &str, kind: NameKind) -> NameKeys {
    let (text, tokens) = tokenize(name);
    let mut words: Vec<String> = Vec::new();
    for t in &tokens {
        if let Token::Word(w) = t {
            push_unique(&mut words, w.clone());
        }
    }
    let has_han = tokens.iter().any(|t| matches!(t, Token::Han(_)));
    let mixed = has_han && !words.is_empty();
    let (mut full, mut initials) = (Vec::new(), Vec::new());
    for parse in parses(&tokens, kind) {
        let budget = MAX_COMBINATIONS - full.len();
        if budget == 0 {
            break;
        }
        let counts: Vec<usize> = parse.iter().map(Slot::count).collect();
        for combo in combinations(&counts, budget) {
            let (f, short, long) = render(&parse, &combo);
            if mixed {
                push_unique(&mut initials, long);
            }
            push_unique(&mut initials, short);
            push_unique(&mut full, f);
        }
    }
    full.retain(|k| !k.is_empty());
    initials.retain(|k| !k.is_empty());
    initials.truncate(MAX_COMBINATIONS);
    NameKeys { text, full, initials, words }
}

/// How many leading characters of a person's name are a compound surname (复姓): 2 for
/// 欧阳修, 0 when the name does not start with one.
pub fn compound_surname_len(name: &str) -> usize {
    let name = name.trim_start();
    COMPOUND_SURNAMES.iter().find(|(w, _)| name.starts_with(w)).map_or(0, |(w, _)| w.chars().count())
}

/// A Latin-letter key for ordering lists by name: each Han character's most likely reading
/// (the surname reading for a person's surname), other words lowercased and accent-folded,
/// all separated by single spaces: 张三 → "zhang san", "Zoë Müller" → "zoe muller".
/// Spaces make the order syllable by syllable (西安 "xi an" before 先 "xian"). Homophones
/// tie; order by the name as well for a stable list.
pub fn sort_key(name: &str, kind: NameKind) -> String {
    let (_, tokens) = tokenize(name);
    let parse = parses(&tokens, kind).swap_remove(0);
    let mut out = String::new();
    let mut part = |s: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(s);
    };
    for slot in &parse {
        match slot {
            Slot::Han(readings) => readings[0].syllables().iter().for_each(|s| part(s)),
            Slot::Word(w) => part(w),
            Slot::Raw(c) => part(c.encode_utf8(&mut [0; 4])),
        }
    }
    out
}

/// Normalise what the user typed for matching against keys: lowercase, accents folded,
/// full-width ASCII made half-width, all whitespace and apostrophes removed
/// ("Zhang San", "zhang'san", "ＺＨＡＮＧ ｓａｎ" → "zhangsan"; "Zoë" → "zoe").
pub fn normalize_query(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    for c in q.chars() {
        let c = half_width(c);
        if !c.is_whitespace() {
            push_normalized(c, &mut out);
        }
    }
    out
}

/// A piece of a name: one Han character, or a normalised run of letters and digits.
#[derive(Debug)]
enum Token {
    Han(char),
    Word(String),
}

/// One position of a reading combination.
#[derive(Debug, Clone)]
enum Slot<'a> {
    /// A Han character (or a whole compound surname) and its readings, most likely first.
    Han(Vec<Reading>),
    Word(&'a str),
    /// A Han character without pinyin data: passed through.
    Raw(char),
}

impl Slot<'_> {
    fn count(&self) -> usize {
        match self {
            Slot::Han(r) => r.len(),
            _ => 1,
        }
    }
}

/// One reading of a slot: a syllable, or one per character of a compound surname.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    One(&'static str),
    Many(&'static [&'static str]),
}

impl Reading {
    fn syllables(&self) -> &[&'static str] {
        match self {
            Reading::One(s) => std::slice::from_ref(s),
            Reading::Many(s) => s,
        }
    }
}

/// Split `name` into tokens, and build its normalised `text` on the way.
fn tokenize(name: &str) -> (String, Vec<Token>) {
    let mut text = String::with_capacity(name.len());
    let mut tokens = Vec::new();
    let mut word = String::new();
    let end_word = |word: &mut String, tokens: &mut Vec<Token>| {
        if !word.is_empty() {
            tokens.push(Token::Word(std::mem::take(word)));
        }
    };
    for c in name.chars() {
        let c = half_width(c);
        if c.is_whitespace() {
            end_word(&mut word, &mut tokens);
            continue;
        }
        let start = text.len();
        push_normalized(c, &mut text);
        for n in text[start..].chars() {
            if is_han(n) {
                end_word(&mut word, &mut tokens);
                tokens.push(Token::Han(n));
            } else if n.is_alphanumeric() {
                word.push(n);
            } else {
                end_word(&mut word, &mut tokens);
            }
        }
    }
    end_word(&mut word, &mut tokens);
    (text, tokens)
}

/// The ways to read `tokens` as slots, preferred first: for a person whose name starts with a
/// compound surname, the compound reading and then surname + given name (单于 chanyu/shanyu).
fn parses(tokens: &[Token], kind: NameKind) -> Vec<Vec<Slot<'_>>> {
    let mut base: Vec<Slot> = tokens
        .iter()
        .map(|t| match t {
            Token::Han(c) => han_slot(*c),
            Token::Word(w) => Slot::Word(w),
        })
        .collect();
    apply_hints(tokens, &mut base);
    let Some(Token::Han(first)) = tokens.first() else {
        return vec![base];
    };
    if kind == NameKind::Organization {
        return vec![base];
    }
    let mut out = Vec::with_capacity(2);
    if let Some((len, readings)) = compound_surname(tokens) {
        let mut compound = vec![Slot::Han(readings.iter().map(|r| Reading::Many(r)).collect())];
        compound.extend(base[len..].iter().cloned());
        out.push(compound);
    }
    if let Ok(i) = SURNAMES.binary_search_by_key(first, |(c, _)| *c) {
        base[0] = Slot::Han(SURNAMES[i].1.iter().map(|r| Reading::One(r)).collect());
    }
    out.push(base);
    out
}

/// The compound surname `tokens` starts with: its length in characters and its readings.
fn compound_surname(tokens: &[Token]) -> Option<(usize, &'static [&'static [&'static str]])> {
    word_at(COMPOUND_SURNAMES, tokens, 0).map(|(w, readings)| (w.chars().count(), *readings))
}

/// The entry of `table` (sorted by word) whose word the Han tokens from `i` on spell.
fn word_at<T>(table: &'static [(&'static str, T)], tokens: &[Token], i: usize) -> Option<&'static (&'static str, T)> {
    let Some(Token::Han(first)) = tokens.get(i) else {
        return None;
    };
    let from = table.partition_point(|(w, _)| w.chars().next() < Some(*first));
    let spelled =
        |w: &str| w.chars().enumerate().all(|(k, c)| matches!(tokens.get(i + k), Some(Token::Han(t)) if *t == c));
    table[from..].iter().take_while(|(w, _)| w.starts_with(*first)).find(|(w, _)| spelled(w))
}

fn han_slot(c: char) -> Slot<'static> {
    let mut readings = Vec::new();
    for p in c.to_pinyin_multi().into_iter().flatten() {
        for s in ascii_spellings(p.plain()).into_iter().flatten() {
            push_unique(&mut readings, Reading::One(s));
        }
    }
    if readings.is_empty() {
        Slot::Raw(c)
    } else {
        Slot::Han(readings)
    }
}

/// A toneless syllable as typed on a Latin keyboard: ü as `v` then `u`, ê as `e`.
fn ascii_spellings(plain: &'static str) -> [Option<&'static str>; 2] {
    let pair = |a, b| [Some(a), Some(b)];
    match plain {
        "lü" => pair("lv", "lu"),
        "nü" => pair("nv", "nu"),
        "lüe" => pair("lve", "lue"),
        "nüe" => pair("nve", "nue"),
        "ê" => [Some("e"), None],
        _ => [Some(plain), None],
    }
}

/// Pin the readings of [`FIXED_WORDS`] and put those of [`PREFERRED_READINGS`] first.
fn apply_hints(tokens: &[Token], slots: &mut [Slot]) {
    let mut i = 0;
    while i < tokens.len() {
        let hint = word_at(FIXED_WORDS, tokens, i).map(|(_, s)| (*s, true));
        let hint = hint.or_else(|| word_at(PREFERRED_READINGS, tokens, i).map(|(_, s)| (*s, false)));
        let Some((syllables, fixed)) = hint else {
            i += 1;
            continue;
        };
        for (k, s) in syllables.iter().enumerate() {
            if let Slot::Han(readings) = &mut slots[i + k] {
                if fixed {
                    readings.clear();
                } else {
                    readings.retain(|r| r.syllables() != [*s]);
                }
                readings.insert(0, Reading::One(s));
            }
        }
        i += syllables.len();
    }
}

/// Up to `cap` index vectors into slots of `counts` readings, best first: ordered by the sum
/// of the indices (how far from the first readings), ties with later positions varied first.
/// Each vector is generated once: its parent is itself with the last non-zero index decreased.
fn combinations(counts: &[usize], cap: usize) -> Vec<Vec<usize>> {
    let first = vec![0; counts.len()];
    if counts.iter().all(|&c| c <= 1) {
        return vec![first];
    }
    let mut out = Vec::new();
    let mut heap = BinaryHeap::from([Reverse((0, first))]);
    while let Some(Reverse((rank, v))) = heap.pop() {
        let from = v.iter().rposition(|&i| i > 0).unwrap_or(0);
        for j in from..v.len() {
            if v[j] + 1 < counts[j] {
                let mut next = v.clone();
                next[j] += 1;
                heap.push(Reverse((rank + 1, next)));
            }
        }
        out.push(v);
        if out.len() >= cap {
            break;
        }
    }
    out
}

/// The full spelling, initials, and initials with Latin words whole, of one combination.
fn render(slots: &[Slot], combo: &[usize]) -> (String, String, String) {
    let (mut full, mut short, mut long) = (String::new(), String::new(), String::new());
    for (slot, &i) in slots.iter().zip(combo) {
        match slot {
            Slot::Han(readings) => {
                for s in readings[i].syllables() {
                    full.push_str(s);
                    let initial = &s[..s.chars().next().map_or(0, char::len_utf8)];
                    short.push_str(initial);
                    long.push_str(initial);
                }
            }
            Slot::Word(w) => {
                full.push_str(w);
                short.extend(w.chars().next());
                long.push_str(w);
            }
            Slot::Raw(c) => {
                full.push(*c);
                short.push(*c);
                long.push(*c);
            }
        }
    }
    (full, short, long)
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, item: T) {
    if !v.contains(&item) {
        v.push(item);
    }
}

/// CJK unified ideographs (URO, extension A, compatibility, extensions B+) and 〇.
fn is_han(c: char) -> bool {
    let bmp = matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}');
    bmp || c == '〇' || ('\u{20000}'..='\u{323AF}').contains(&c)
}

/// Full-width ASCII (Ａ, ２, ＇) as its half-width form.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Append `c` lowercased and accent-folded. Apostrophes, combining marks and invisible
/// characters pasted in with names (soft hyphen, zero-width space and joiners, BOM) add nothing.
fn push_normalized(c: char, out: &mut String) {
    let apostrophe = matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{2BC}');
    let invisible = matches!(c, '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}');
    if apostrophe || invisible {
        return;
    }
    for l in c.to_lowercase() {
        match fold(l) {
            Some(s) => out.push_str(s),
            None if ('\u{0300}'..='\u{036F}').contains(&l) => {}
            None => out.push(l),
        }
    }
}

/// The unaccented spelling of a lowercase Latin letter with a diacritic.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' | '\u{101}'..='\u{105}' | 'ǎ' => "a",
        'æ' => "ae",
        'ç' | '\u{107}'..='\u{10D}' => "c",
        'ð' | '\u{10F}'..='\u{111}' => "d",
        'è'..='ë' | '\u{113}'..='\u{11B}' => "e",
        '\u{11D}'..='\u{123}' => "g",
        '\u{125}'..='\u{127}' => "h",
        'ì'..='ï' | '\u{129}'..='\u{131}' | 'ǐ' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        '\u{13A}'..='\u{142}' => "l",
        'ñ' | '\u{144}'..='\u{149}' => "n",
        'ò'..='ö' | 'ø' | '\u{14D}'..='\u{151}' | 'ǒ' => "o",
        'œ' => "oe",
        '\u{155}'..='\u{159}' => "r",
        'ß' => "ss",
        '\u{15B}'..='\u{161}' | 'ș' | 'ſ' => "s",
        '\u{163}'..='\u{167}' | 'ț' => "t",
        'þ' => "th",
        'ù'..='ü' | '\u{169}'..='\u{173}' | '\u{1D4}'..='\u{1DC}' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        '\u{17A}'..='\u{17E}' => "z",
        _ => return None,
    })
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
