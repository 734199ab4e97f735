// dataset: deals-small
// String predicates and regular expressions, including their nulls.
// Emails: Alice alice@acme.com, Carol carol@globex.de, Erin erin@umbrella.jp; Bob, Dave none.

MATCH (p:Person) WHERE p.email ENDS WITH '.com' RETURN p.name AS name;
// expect:
// | name |
// | 'Alice' |

MATCH (p:Person) WHERE p.name STARTS WITH 'C' OR p.name CONTAINS 'ri' RETURN p.name AS name;
// expect:
// | name |
// | 'Carol' |
// | 'Erin' |

// A missing email makes the predicate null: Bob and Dave are dropped either way.
MATCH (p:Person) WHERE NOT p.email STARTS WITH 'a' RETURN p.name AS name;
// expect:
// | name |
// | 'Carol' |
// | 'Erin' |

MATCH (p:Person) WHERE p.email =~ '.*@(acme|globex)\\..*' RETURN p.name AS name;
// expect:
// | name |
// | 'Alice' |
// | 'Carol' |

// A regular expression must match the whole string.
RETURN 'Alice' =~ 'lic' AS part, 'Alice' =~ '.*lic.*' AS whole, 'Alice' =~ '(?i)ALICE' AS folded, null =~ 'a' AS nul;
// expect:
// | part | whole | folded | nul |
// | false | true | true | null |

RETURN 'abc' STARTS WITH '' AS a, 'abc' ENDS WITH 'abc' AS b, 'abc' CONTAINS 'bd' AS c, 'abc' CONTAINS null AS d, 1 STARTS WITH 'a' AS e;
// expect:
// | a | b | c | d | e |
// | true | true | false | null | null |

RETURN 'a' + 'b' AS ab, 'a' + 1 AS a1, 1 + 'a' AS one_a, 'x' + 1.5 AS x15, 'a' + null AS nul;
// expect:
// | ab | a1 | one_a | x15 | nul |
// | 'ab' | 'a1' | '1a' | 'x1.5' | null |

// Escapes in string literals.
RETURN 'it\'s' AS a, "say \"hi\"" AS b, 'tab\there' AS c, '\u00e9t\u00E9' AS d, size('\\') AS e;
// expect:
// | a | b | c | d | e |
// | 'it\'s' | 'say "hi"' | 'tab\there' | 'été' | 1 |

MATCH (c:Company) WHERE c.name < 'H' RETURN c.name AS name ORDER BY name;
// expect:
// | name |
// | 'Acme' |
// | 'Globex' |
