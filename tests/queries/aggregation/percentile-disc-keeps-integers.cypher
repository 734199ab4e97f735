// dataset: deals-small
// percentileDisc returns one of its inputs, so over integers it returns an integer, exactly
// (even above 2^53).

MATCH (d:Deal)
RETURN percentileDisc(d.value, 0.0) AS p0, percentileDisc(d.value, 0.25) AS p25,
       percentileDisc(d.value, 0.3) AS p30, percentileDisc(d.value, 0.5) AS p50,
       percentileDisc(d.value, 1.0) AS p100;
// expect:
// | p0 | p25 | p30 | p50 | p100 |
// | 80 | 80 | 120 | 120 | 3000 |

UNWIND [9007199254740993, 1] AS x RETURN percentileDisc(x, 1.0) AS p;
// expect:
// | p |
// | 9007199254740993 |
