//! B-tree maps built with code the wasm module already holds (issue 6, size). Each
//! `BTreeMap<K, V>` type compiles its own copy of the tree's code, and two kinds of operation
//! bring much of it: `collect()` (a stable sort of the pairs and a bulk build: 2–6 KB per map
//! type, again per iterator type) and `remove` / `retain` (the rebalancing: ~7 KB per map type).
//! These helpers insert one entry at a time instead, with `insert`, which every map here has
//! anyway. Same maps; a little slower on large inputs, and the maps here hold tens to hundreds of
//! entries.

use std::collections::BTreeMap;

/// The map `pairs.collect()` makes: where keys repeat, the last pair's value wins. (`collect`
/// also keeps the last pair's key, this the first's; keys here are strings, so they are the same.)
pub fn collect<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// The entries of `map` whose key is `kept`: what `retain` leaves.
pub fn only<K: Ord, V>(map: BTreeMap<K, V>, kept: impl Fn(&K) -> bool) -> BTreeMap<K, V> {
    collect(map.into_iter().filter(|(key, _)| kept(key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_maps_as_collect_and_retain() {
        let pairs =
            [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)].map(|(k, v)| (k.to_string(), v));
        let collected: BTreeMap<String, i32> = pairs.iter().cloned().collect();
        assert_eq!(collect(pairs.iter().cloned()), collected);
        let mut retained = collected.clone();
        retained.retain(|k, _| k != "b");
        assert_eq!(only(collected, |k| k != "b"), retained);
    }
}
