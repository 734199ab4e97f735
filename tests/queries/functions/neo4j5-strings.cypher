// dataset: empty
// The string functions of Neo4j 5: btrim, ltrim and rtrim with characters to remove,
// lower and upper, normalize, char_length and character_length, split on several delimiters.

RETURN btrim('   hello    ') AS a, btrim('xxyyhelloxyxy', 'xy') AS b, ltrim('xxyyhelloxyxy', 'xy') AS c, rtrim('xxyyhelloxyxy', 'xy') AS d, btrim('hello', '') AS e, btrim('xyx', 'xy') AS f;
// expect:
// | a | b | c | d | e | f |
// | 'hello' | 'hello' | 'helloxyxy' | 'xxyyhello' | 'hello' | '' |

RETURN btrim(null) AS a, btrim(null, 'x') AS b, btrim('hello', null) AS c, ltrim('x', null) AS d, rtrim(null, null) AS e;
// expect:
// | a | b | c | d | e |
// | null | null | null | null | null |

RETURN btrim('x', 1) AS x;
// expect: error TypeError.InvalidArgumentValue

RETURN lower('HeLLo') AS a, upper('HeLLo') AS b, char_length('héllo') AS c, character_length('') AS d, char_length(null) AS e;
// expect:
// | a | b | c | d | e |
// | 'hello' | 'HELLO' | 5 | 0 | null |

RETURN char_length(42) AS x;
// expect: error TypeError.InvalidArgumentValue

// Normal forms: the keyword as Neo4j writes it, or a string; NFC without one.
RETURN normalize('\u212B') = '\u00C5' AS a, normalize('\uFE64', NFKC) = '\u003C' AS b, normalize('\u03D3', NFD) = '\u03D2\u0301' AS c, normalize('\u03D3', 'nfkd') = '\u03A5\u0301' AS d, normalize('\u03D3', NFKC) = '\u038E' AS e, normalize(null) AS f, normalize('a', null) AS g;
// expect:
// | a | b | c | d | e | f | g |
// | true | true | true | true | true | null | null |

// A variable of the keyword's name is a variable.
WITH 'NFD' AS NFC RETURN normalize('\u00C5', NFC) = 'A\u030A' AS decomposed;
// expect:
// | decomposed |
// | true |

RETURN normalize('a', 'NFX') AS x;
// expect: error ArgumentError.InvalidArgumentValue

RETURN split('a,b;c', [',', ';']) AS a, split('a<>b<c', ['<', '<>']) AS b, split('abc', ['']) AS c, split('a,b', [',', null]) AS d;
// expect:
// | a | b | c | d |
// | ['a', 'b', 'c'] | ['a', 'b', 'c'] | ['a', 'b', 'c'] | null |

RETURN split('a,b', [',', 1]) AS x;
// expect: error TypeError.InvalidArgumentValue
