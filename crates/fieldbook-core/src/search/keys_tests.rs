//! Tests of the search-key generator.
use super::*;
use NameKind::{Organization as Org, Person};

/// Each case is `P|O name expectation…` (`_` in a name is a space). An expectation is
/// `key` (in `full`), `i:key` (in `initials`), `w:word` (in `words`), `^pre` (the first
/// full key starts so), `!pre` (no full key starts so), `#n` (exactly n full keys).
fn check(cases: &[&str]) {
    for case in cases {
        let mut parts = case.split(' ');
        let kind = if parts.next() == Some("O") { Org } else { Person };
        let k = name_keys(&parts.next().unwrap().replace('_', " "), kind);
        for e in parts {
            let ok = if let Some(i) = e.strip_prefix("i:") {
                k.initials.iter().any(|k| k == i)
            } else if let Some(w) = e.strip_prefix("w:") {
                k.words.iter().any(|k| k == w)
            } else if let Some(pre) = e.strip_prefix('^') {
                k.full[0].starts_with(pre)
            } else if let Some(pre) = e.strip_prefix('!') {
                !k.full.iter().any(|f| f.starts_with(pre))
            } else if let Some(n) = e.strip_prefix('#') {
                k.full.len().to_string() == n
            } else {
                k.full.iter().any(|k| k == e)
            };
            assert!(ok, "{case}: `{e}` fails on {k:?}");
        }
    }
}

#[test]
fn han_names_get_full_pinyin_and_initials() {
    let k = name_keys("张三", Person);
    assert_eq!((k.text.as_str(), &k.full[..]), ("张三", &["zhangsan".to_string()][..]));
    assert_eq!((&k.initials[..], k.words.len()), (&["zs".to_string()][..], 0));
}

#[test]
fn person_surnames_take_their_surname_reading_only() {
    check(&[
        "P 曾国藩 #1 zengguofan i:zgf !ceng",
        "P 单雄信 ^shan shanxiongxin !dan !chan",
        "P 解缙 #1 xiejin !jie",
        "P 区家麟 ^ou !qu",
        "P 仇英 ^qiu !chou",
        "P 朴槿惠 ^piao !pu",
        "P 查良镛 ^zha !cha",
        "P 覃振 ^qin !yan",
        "P 翟志刚 ^zhai !di",
        "P 缪斯 ^miao !mou",
        "P 尉缭 ^wei !yun",
        "P 长乐 ^chang !zhang",
        "P 盖聂 genie gainie", // both accepted readings
        "P 區家麟 ^ou !qu",    // traditional characters too
    ]);
}

#[test]
fn compound_surnames_read_as_a_unit() {
    check(&[
        "P 欧阳修 ouyangxiu i:oyx",
        "P 尉迟恭 ^yuchi yuchigong",
        "P 万俟卨 ^moqi",
        "P 单于 ^chanyu shanyu", // surname + given name stays as a fallback
        "P 长孙无忌 ^zhangsunwuji",
        "P 爱新觉罗溥仪 ^aixinjueluopuyi",
        "P 歐陽修 #1 ouyangxiu",
    ]);
    assert_eq!(sort_key("诸葛亮", Person), "zhu ge liang");
}

#[test]
fn organizations_and_given_names_keep_every_reading() {
    check(&[
        "O 重庆银行 ^chongqingyinhang zhongqingyinhang", // place-name hint puts chong first
        "P 张乐 zhangle zhangyue",
        "O 单位 ^danwei",                                      // no surname reading for organizations
        "O 曾经 cengjing",                                     // …nor for the first character of one
        "O 宝洁(中国)有限公司 #2 baojiezhongguoyouxiangongsi", // fixed words: one reading
        "O 重慶銀行 ^chongqingyinhang",
    ]);
}

#[test]
fn combination_cap_holds_for_long_polyphonic_names() {
    let name = "重行长乐朝都藏和还差重行长乐朝都藏和还差";
    for k in [name_keys(name, Org), name_keys(name, Person)] {
        assert_eq!(k.full.len(), MAX_COMBINATIONS, "{k:?}");
        assert!(k.initials.len() <= MAX_COMBINATIONS);
    }
    check(&["O 重行长乐朝都藏和还差 ^zhongxingzhanglechaodou"]); // first readings first
}

#[test]
fn combinations_come_best_first_each_once() {
    let best = [[0, 0], [0, 1], [1, 0], [0, 2], [1, 1], [1, 2]];
    assert_eq!(combinations(&[2, 3], 100), best);
    assert_eq!(combinations(&[3, 3, 3], 100).len(), 27);
    assert_eq!(combinations(&[3, 3, 3], 4).len(), 4);
}

#[test]
fn latin_names_give_words_and_initials() {
    let want = NameKeys {
        text: "johnsmith".into(),
        full: vec!["johnsmith".into()],
        initials: vec!["js".into()],
        words: vec!["john".into(), "smith".into()],
    };
    assert_eq!(name_keys("John Smith", Person), want);
    assert_eq!(name_keys("  john   SMITH ", Person), want);
    assert_eq!(name_keys("Zoë Müller", Person).text, "zoemuller");
    check(&[
        "P Zoë_Müller #1 zoemuller i:zm w:zoe w:muller",
        "O Straße_Ærø_Łódź strasseaerolodz",
        "P O'Brien #1 obrien w:obrien", // apostrophes do not split words
        "O AT&T #1 att i:at",           // punctuation does (and stays in `text`)
    ]);
}

/// Rule: Latin words and digits pass through; initials take each word's first letter, and a
/// name mixing Han and Latin also gets initials keeping the Latin words whole, first.
#[test]
fn mixed_han_and_latin() {
    let k = name_keys("IBM中国", Org);
    assert_eq!((k.text.as_str(), &k.full[..]), ("ibm中国", &["ibmzhongguo".into()][..]));
    assert_eq!(k.initials, ["ibmzg", "izg"]);
    assert_eq!(k.words, ["ibm"]);
    assert_eq!(name_keys("ＩＢＭ　中国", Org), k, "full-width letters and space");
    check(&["P 张三_Zhang #1 zhangsanzhang i:zszhang i:zsz w:zhang", "O 3M中国 3mzhongguo i:3mzg"]);
}

#[test]
fn u_umlaut_is_spelt_v_then_u() {
    assert_eq!(name_keys("吕布", Person).full, ["lvbu", "lubu"]);
    assert_eq!(sort_key("吕布", Person), "lv bu", "lü sorts after lu, as in dictionaries");
}

#[test]
fn characters_without_pinyin_pass_through() {
    check(&["O 㐂记 #1 㐂ji i:㐂j", "P Иван_Петров иванпетров i:ип", "P さくら さくら w:さくら"]);
    assert_eq!(name_keys("", Person), NameKeys::default());
    assert!(name_keys("!?", Person).full.is_empty());
}

#[test]
fn every_pinyin_reading_is_lowercase_ascii() {
    let han = ('\u{3400}'..='\u{9FFF}').chain('\u{F900}'..='\u{FAFF}').chain('\u{20000}'..='\u{323AF}');
    for c in han.filter(|c| is_han(*c)) {
        if let Slot::Han(readings) = han_slot(c) {
            let ascii = |s: &&str| s.bytes().all(|b| b.is_ascii_lowercase());
            assert!(readings.iter().all(|r| r.syllables().iter().all(ascii)), "{c}");
        }
    }
}

#[test]
fn normalize_query_matches_key_spelling() {
    for q in ["Zhang San", "zhang'san", " ZHANG  san ", "zhang’san", "ＺＨＡＮＧ　ｓａｎ"] {
        assert_eq!(normalize_query(q), "zhangsan", "{q:?}");
    }
    assert_eq!(normalize_query("Zoë"), "zoe");
    assert_eq!(normalize_query("张 三"), "张三");
    assert_eq!(normalize_query("\u{FEFF}Zhang\u{200B}san"), "zhangsan", "invisible characters");
}

#[test]
fn sort_key_places_pinyin_among_latin_names() {
    // Byte order puts "zack" before "zhang san" ('a' < 'h'): 张三 sorts after Zack.
    let mut names: Vec<&str> = "Zoe 赵六 张三丰 Zack 张三 alice Bob 曾国藩".split(' ').collect();
    names.sort_by_key(|n| sort_key(n, Person));
    assert_eq!(names.join(" "), "alice Bob Zack 曾国藩 张三 张三丰 赵六 Zoe");
    assert!(sort_key("Alice", Person) < sort_key("张三", Person));
    assert!(sort_key("西安", Org) < sort_key("先", Org), "syllable by syllable");
    assert_eq!(sort_key("Zoë  Müller", Person), "zoe muller");
    assert_eq!(sort_key("重庆银行", Org), "chong qing yin hang");
}

#[test]
fn every_key_is_lowercase_and_space_free() {
    let names = [
        "张三|曾国藩|欧阳 娜娜|John Smith|Zoë Müller|IBM中国|İstanbul Ltd|ΑΘΗΝΑ|宝洁(中国)有限公司",
        "O'Neil & Sons|ＡＢＣ　公司|Jean-Pierre|吕 绿|约翰·史密斯|e\u{301}cole|Đặng Thị Ngọc",
        "重行长乐朝都藏和还差|SS\u{2019}s 3M|\t单\n于 |乐正 Yue|𠀀𠀁|Ǖ",
    ];
    let odd = |c: char| c.is_whitespace() || "'\u{2019}\u{301}".contains(c);
    for name in names.iter().flat_map(|line| line.split('|')) {
        for kind in [Person, Org] {
            let k = name_keys(name, kind);
            assert_eq!(k.text, normalize_query(name));
            assert!(!k.full.is_empty() && k.full.len() <= MAX_COMBINATIONS, "{k:?}");
            let all = [&k.full, &k.initials, &k.words];
            for key in std::iter::once(&k.text).chain(all.into_iter().flatten()) {
                let lower = key.to_lowercase() == *key;
                assert!(!key.is_empty() && lower && !key.contains(odd), "{name}: {key:?}");
            }
            assert!(all.iter().all(|v| v.iter().enumerate().all(|(i, x)| !v[..i].contains(x))));
        }
    }
}

/// `cargo test --release -p fieldbook-core -- --ignored --nocapture name_keys_speed`
#[test]
#[ignore]
fn name_keys_speed() {
    let surnames: Vec<&str> = "王 李 张 刘 陈 杨 黄 赵 吴 周 曾 单 解 区 查 覃 欧阳 尉迟".split(' ').collect();
    let given: Vec<char> = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚国藩雄信晓乐长重行".chars().collect();
    let orgs: Vec<&str> = "华信 金桥 长城 东方 重庆 宏达 IBM Acme".split(' ').collect();
    let tails: Vec<&str> = "科技有限公司|银行|实业集团|投资管理有限公司| Ltd".split('|').collect();
    let latin: Vec<&str> = "James Smith|Chloé Müller|Oliver Tan|Mary-Jane O'Brien".split('|').collect();
    let names: Vec<(String, NameKind)> = (0..100_000usize)
        .map(|i| match i % 10 {
            0..=5 => {
                let g = [given[i / 7 % given.len()], given[i / 3 % given.len()]];
                let g: String = g[..1 + i % 2].iter().collect();
                (format!("{}{g}", surnames[i / 2 % surnames.len()]), Person)
            }
            6 | 7 => (format!("{}{}", orgs[i / 10 % orgs.len()], tails[i / 3 % tails.len()]), Org),
            _ => (latin[i / 10 % latin.len()].to_string(), Person),
        })
        .collect();
    let start = std::time::Instant::now();
    let keys: usize = names.iter().map(|(n, k)| name_keys(n, *k).full.len()).sum();
    let keys_time = start.elapsed();
    let start = std::time::Instant::now();
    let sorts: usize = names.iter().map(|(n, k)| sort_key(n, *k).len()).sum();
    let per_name = |d: std::time::Duration| d.as_secs_f64() * 1e6 / names.len() as f64;
    println!("name_keys {:.2} µs/name ({keys} full keys)", per_name(keys_time));
    println!("sort_key {:.2} µs/name ({sorts} bytes)", per_name(start.elapsed()));
}
