// dataset: empty
// The clock is read once per statement: every row, every stage and every one of timestamp(),
// date(), datetime() ... sees the same instant.

UNWIND range(1, 2000) AS i
RETURN count(DISTINCT datetime()) AS dt, count(DISTINCT localtime()) AS t,
       count(DISTINCT timestamp()) AS ts;
// expect:
// | dt | t | ts |
// | 1 | 1 | 1 |

WITH datetime() AS before
CREATE (:Tick)
WITH before
UNWIND range(1, 100) AS i
WITH before, collect(datetime()) AS laters
RETURN all(x IN laters WHERE x = before) AS same,
       timestamp() = before.epochMillis AS millis,
       date() = date(before) AS day, localdatetime() = localdatetime(before) AS local,
       time() = time(before) AS t;
// expect:
// | same | millis | day | local | t |
// | true | true | true | true | true |
