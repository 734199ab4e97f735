// dataset: empty
// split() with an empty delimiter splits a string into its characters.

RETURN split('abc', '') AS chars, split('héllo', '') AS unicode;
// expect:
// | chars | unicode |
// | ['a', 'b', 'c'] | ['h', 'é', 'l', 'l', 'o'] |
