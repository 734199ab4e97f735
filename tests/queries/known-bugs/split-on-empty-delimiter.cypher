// dataset: empty
// KNOWN BUG: split() with an empty delimiter should split a string into its characters, as
// Neo4j does (split('abc', '') = ['a', 'b', 'c']). kg returns ['', 'a', 'b', 'c', ''] (the
// behaviour of Rust's str::split with an empty pattern).

RETURN split('abc', '') AS chars, split('héllo', '') AS unicode;
// expect:
// | chars | unicode |
// | ['a', 'b', 'c'] | ['h', 'é', 'l', 'l', 'o'] |
