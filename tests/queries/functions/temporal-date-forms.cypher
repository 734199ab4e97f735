// dataset: empty
// The ways a map names a date: month and day, ISO week and day of week, quarter and day of
// quarter, or day of the year. Each part is checked against its range, and a key the function
// does not read is an error, never silently ignored.

RETURN date({year: 2020, quarter: 3}) AS q3, date({year: 2020, quarter: 3, dayOfQuarter: 45}) AS mid,
       date({year: 2020, quarter: 1, dayOfQuarter: 91}) AS leap, date({year: 2020, week: 1, dayOfWeek: 7}) AS sunday,
       date({year: 2020, ordinalDay: 366}) AS last, localdatetime({year: 2021, quarter: 4, dayOfQuarter: 92, hour: 9}) AS eve;
// expect:
// | q3 | mid | leap | sunday | last | eve |
// | 2020-07-01 | 2020-08-14 | 2020-03-31 | 2020-01-05 | 2020-12-31 | 2021-12-31T09:00 |

// The first quarter of 2020 has 91 days.
RETURN date({year: 2020, quarter: 1, dayOfQuarter: 92}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN date({year: 2020, quarter: 5}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN date({year: 2020, week: 1, dayOfWeek: 8}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN date({year: 2020, week: 1, dayOfWeek: 0}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN date({year: 2020, week: 2, month: 3}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN date({year: 2020, day: 5}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN date({year: 2020, dayOfQuarter: 5}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

// Misspelt keys, and keys of a part the type does not have.
RETURN date({year: 2020, qarter: 3}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN date({year: 2020, month: 1, hour: 3}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN localtime({hour: 3, timezone: '+01:00'}) AS t;
// expect: error ArgumentError.InvalidArgumentValue

RETURN localdatetime({year: 2020, epochSeconds: 0}) AS t;
// expect: error ArgumentError.InvalidArgumentValue

RETURN localtime({hour: 24}) AS t;
// expect: error ArgumentError.InvalidArgumentValue

RETURN date({year: 2020, month: 2, day: 30}) AS d;
// expect: error ArgumentError.InvalidArgumentValue
