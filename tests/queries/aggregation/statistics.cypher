// dataset: deals-small
// Percentiles, standard deviations, averages and min/max over mixed types.
// Deal values sorted: 80, 120, 500, 3000 (pilot has none).

MATCH (d:Deal)
RETURN percentileCont(d.value, 0.0) AS p0, percentileCont(d.value, 0.25) AS p25,
       percentileCont(d.value, 0.5) AS p50, percentileCont(d.value, 1.0) AS p100;
// expect:
// | p0 | p25 | p50 | p100 |
// | 80.0 | 110.0 | 310.0 | 3000.0 |

// percentileDisc picks one of the values: over integers it should return the integer itself;
// that case is in known-bugs/percentile-disc-keeps-integers.cypher.
MATCH (d:Deal)
RETURN percentileDisc(d.value * 1.0, 0.0) AS p0, percentileDisc(d.value * 1.0, 0.25) AS p25,
       percentileDisc(d.value * 1.0, 0.3) AS p30, percentileDisc(d.value * 1.0, 0.5) AS p50,
       percentileDisc(d.value * 1.0, 1.0) AS p100;
// expect:
// | p0 | p25 | p30 | p50 | p100 |
// | 80.0 | 80.0 | 120.0 | 120.0 | 3000.0 |

MATCH (d:Deal) RETURN percentileDisc(d.probability, 0.5) AS p;
// expect:
// | p |
// | 0.5 |

UNWIND [2, 4, 4, 4, 5, 5, 7, 9] AS x RETURN stDevP(x) AS population, avg(x) AS mean;
// expect:
// | population | mean |
// | 2.0 | 5.0 |

UNWIND [1, 3] AS x RETURN stDev(x) AS sample, stDevP(x) AS population;
// expect:
// | sample | population |
// | 1.4142135623730951 | 1.0 |

UNWIND [7, null] AS x RETURN stDev(x) AS sample, stDevP(x) AS population;
// expect:
// | sample | population |
// | 0.0 | 0.0 |

MATCH (d:Deal) WHERE d.currency = 'USD' RETURN d.currency AS currency, percentileCont(d.value, 0.5) AS median;
// expect:
// | currency | median |
// | 'USD' | 120.0 |

// Mixed types: strings sort before numbers, so min is the least string and max the largest number.
UNWIND [1, 'a', null, 0.2, 'b', '1', '99'] AS val RETURN min(val) AS min, max(val) AS max;
// expect:
// | min | max |
// | '1' | 1 |

UNWIND [1, 2.5, 2] AS x RETURN min(x) AS min, max(x) AS max, sum(x) AS sum, avg(x) AS avg;
// expect:
// | min | max | sum | avg |
// | 1 | 2.5 | 5.5 | 1.8333333333333333 |

UNWIND [[2], [1, 5], [1]] AS l RETURN min(l) AS min, max(l) AS max;
// expect:
// | min | max |
// | [1] | [2] |

MATCH (p:Person) RETURN min(p.name) AS first, max(p.name) AS last, min(p.age) AS youngest;
// expect:
// | first | last | youngest |
// | 'Alice' | 'Erin' | 29 |
