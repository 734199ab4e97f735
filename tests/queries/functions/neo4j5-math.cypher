// dataset: empty
// Neo4j 5's other numeric functions: cot, haversin, vector.similarity.euclidean and
// vector.similarity.cosine, and randomUUID.

RETURN cot(pi() / 4) > 0.9999 AND cot(pi() / 4) < 1.0001 AS a, haversin(0) AS b, haversin(pi()) AS c, cot(null) AS d, cot(0) AS e;
// expect:
// | a | b | c | d | e |
// | true | 0.0 | 1.0 | null | Infinity |

RETURN vector.similarity.euclidean([1, 2], [1, 2]) AS a, vector.similarity.euclidean([0, 0], [3, 4]) AS b, vector.similarity.cosine([1, 0], [2, 0]) AS c, vector.similarity.cosine([1, 0], [0, 1]) AS d, vector.similarity.cosine([1, 0], [-1, 0]) AS e, vector.similarity.cosine([0, 0], [1, 0]) AS f, vector.similarity.euclidean(null, [1]) AS g;
// expect:
// | a | b | c | d | e | f | g |
// | 1.0 | 0.038461538461538464 | 1.0 | 0.5 | 0.0 | null | null |

RETURN vector.similarity.cosine([1, 2], [1]) AS x;
// expect: error ArgumentError.InvalidArgumentValue

RETURN vector.similarity.euclidean([1, 'a'], [1, 2]) AS x;
// expect: error TypeError.InvalidArgumentValue

// A random UUID: 36 characters in the version 4 layout, a new one at each call.
UNWIND range(1, 20) AS i
WITH randomUUID() AS id
RETURN count(DISTINCT id) AS ids, all(id IN collect(id) WHERE id =~ '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}') AS v4;
// expect:
// | ids | v4 |
// | 20 | true |
