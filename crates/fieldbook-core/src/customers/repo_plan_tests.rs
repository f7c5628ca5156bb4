//! The list's sorted pages are index walks: the exact statements `list_customers_sorted` runs,
//! checked with EXPLAIN QUERY PLAN on a migrated book. (The cost of a page is measured by
//! `fieldbook bench`, BENCHMARKS.md: the rest's page at offset 50,000 went from ~110 to ~3 ms.)
use std::sync::Arc;

use super::{scope_filter, sort_column, SortedListSql};
use crate::clock::SystemClock;
use crate::customers::{ListScope, SortColumn};
use crate::Store;

fn plan(store: &Store, sql: &str, paged: bool) -> String {
    let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let args: &[i64] = if paged { &[100, 50_000] } else { &[] };
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3)).unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
}

#[test]
fn each_part_of_a_list_sorted_by_a_date_walks_its_own_partial_index_without_sorting_the_book() {
    let store = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
    for column in [SortColumn::LastContact, SortColumn::NextFollowUp] {
        let by = sort_column(column).unwrap();
        for dir in ["ASC", "DESC"] {
            for scope in [ListScope::Live, ListScope::Organizations] {
                let sql = SortedListSql::new(scope_filter(scope), by, dir);
                let count = plan(&store, &sql.count_valued, false);
                let valued = plan(&store, &sql.valued_page, true);
                let rest = plan(&store, &sql.rest_page, true);
                for (part, p, index) in [
                    ("count", &count, by.valued_index),
                    ("valued", &valued, by.valued_index),
                    ("rest", &rest, by.rest_index),
                ] {
                    assert!(p.contains(index), "{column:?} {dir} {scope:?} {part}: {p}");
                    assert!(!p.contains("TEMP B-TREE"), "{column:?} {dir} {scope:?} {part} sorts every row: {p}");
                }
            }
        }
    }
}
