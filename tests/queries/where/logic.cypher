// dataset: empty
// Three-valued logic: null is "unknown", and WHERE keeps only rows that are true.

UNWIND [true, false, null] AS a
UNWIND [true, false, null] AS b
RETURN a, b, a AND b AS a_and_b, a OR b AS a_or_b, a XOR b AS a_xor_b;
// expect:
// | a | b | a_and_b | a_or_b | a_xor_b |
// | true | true | true | true | false |
// | true | false | false | true | true |
// | true | null | null | true | null |
// | false | true | false | true | true |
// | false | false | false | false | false |
// | false | null | false | null | null |
// | null | true | null | true | null |
// | null | false | false | null | null |
// | null | null | null | null | null |

RETURN NOT true AS a, NOT false AS b, NOT null AS c;
// expect:
// | a | b | c |
// | false | true | null |

RETURN null = null AS eq, null <> null AS ne, null IS NULL AS is_null, null IS NOT NULL AS not_null, 1 = null AS one;
// expect:
// | eq | ne | is_null | not_null | one |
// | null | null | true | false | null |

UNWIND [1, null, 3] AS x WITH x WHERE x > 1 RETURN x;
// expect:
// | x |
// | 3 |

// NOT of unknown is unknown: the null row is dropped both ways.
UNWIND [1, null, 3] AS x WITH x WHERE NOT (x > 1) RETURN x;
// expect:
// | x |
// | 1 |

// AND binds tighter than XOR, which binds tighter than OR.
RETURN true OR false AND false AS a, (true OR false) AND false AS b, true XOR true OR true AS c, true XOR true AND false AS d;
// expect:
// | a | b | c | d |
// | true | false | true | true |

// A false operand decides AND, a true one decides OR, even when the other is an error-free null.
RETURN false AND null AS a, true OR null AS b, null AND false AS c, null OR true AS d;
// expect:
// | a | b | c | d |
// | false | true | false | true |

// Comparisons chain: `a < b < c` is `a < b AND b < c`.
RETURN 1 < 2 < 3 AS a, 1 < 3 < 2 AS b, 5 > 3 > 4 AS c, 1 < null < 3 AS d, 1 <= 1 < 2 AS e;
// expect:
// | a | b | c | d | e |
// | true | false | false | null | true |

// So `1 < 2 = true` compares 2 with true (false), it does not compare (1 < 2) with true.
RETURN 1 < 2 = true AS chained, (1 < 2) = true AS grouped;
// expect:
// | chained | grouped |
// | false | true |

UNWIND [1, 2, 3, 4, 5, 6] AS x WITH x WHERE x > 1 AND x < 5 AND x <> 3 RETURN x;
// expect:
// | x |
// | 2 |
// | 4 |

UNWIND [1, 2, 3] AS x WITH x WHERE x = 1 OR x = 3 XOR x > 2 RETURN x;
// expect:
// | x |
// | 1 |
