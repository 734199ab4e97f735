// dataset: empty
// Named time zones: what the TCK does not cover. Clock changes, unknown names, offsets that
// do not match the zone, and text that must read back exactly what kg prints.

// A date alone is a datetime at midnight UTC (what new users type first).
RETURN datetime('2025-03-14') AS d, localdatetime('2025-03-14') AS l,
       datetime('2025-03-14T09:30[Europe/Paris]') AS paris;
// expect:
// | d | l | paris |
// | 2025-03-14T00:00Z | 2025-03-14T00:00 | 2025-03-14T09:30+01:00[Europe/Paris] |

// Stockholm skipped 02:00-03:00 on 2017-03-26: a time in the gap moves later by an hour.
// It lived 02:00-03:00 twice on 2017-10-29: the first time (+02:00) is taken.
RETURN datetime({year: 2017, month: 3, day: 26, hour: 2, minute: 30, timezone: 'Europe/Stockholm'}) AS gap,
       datetime({year: 2017, month: 10, day: 29, hour: 2, minute: 30, timezone: 'Europe/Stockholm'}) AS overlap;
// expect:
// | gap | overlap |
// | 2017-03-26T03:30+02:00[Europe/Stockholm] | 2017-10-29T02:30+02:00[Europe/Stockholm] |

// An hour later on the instant time-line is the second 02:30, which reads back as itself.
WITH datetime('2017-10-29T02:30+02:00[Europe/Stockholm]') + duration({hours: 1}) AS later
RETURN later, datetime(toString(later)) = later AS back, later.offset AS offset,
       later.timezone AS zone, later.epochSeconds - datetime('2017-10-29T00:30Z').epochSeconds AS secs;
// expect:
// | later | back | offset | zone | secs |
// | 2017-10-29T02:30+01:00[Europe/Stockholm] | true | '+01:00' | 'Europe/Stockholm' | 3600 |

// A day later on the calendar keeps the local time across the change: 25 hours this time.
WITH datetime('2017-10-28T12:00[Europe/Stockholm]') AS noon
RETURN noon + duration({days: 1}) AS next, duration.inSeconds(noon, noon + duration({days: 1})) AS took;
// expect:
// | next | took |
// | 2017-10-29T12:00+01:00[Europe/Stockholm] | PT25H |

// Names read in any case and with spaces for underscores; they print as the database spells them.
RETURN datetime({year: 2020, month: 6, day: 1, timezone: 'america/new york'}) AS ny;
// expect:
// | ny |
// | 2020-06-01T00:00-04:00[America/New_York] |

// The same instant in another zone.
WITH datetime('2015-07-21T21:40:32.142+02:00[Europe/Stockholm]') AS t
RETURN datetime({datetime: t, timezone: 'Asia/Tokyo'}) AS tokyo,
       datetime({datetime: t, timezone: 'Asia/Tokyo'}) = t AS same;
// expect:
// | tokyo | same |
// | 2015-07-22T04:40:32.142+09:00[Asia/Tokyo] | true |

RETURN datetime({year: 2020, timezone: 'Europe/Atlantis'}) AS d;
// expect: error ArgumentError.InvalidArgumentValue

RETURN datetime('2020-01-01T10:00[Mars/Olympus_Mons]') AS d;
// expect: error ArgumentError.InvalidArgumentValue

// The offset must be the zone's at that time.
RETURN datetime('2015-07-21T21:40+01:00[Europe/Stockholm]') AS d;
// expect: error ArgumentError.InvalidArgumentValue

// The current date-time in a zone, and the clocks of the namespaced functions.
RETURN datetime({timezone: 'Asia/Kolkata'}).offset AS kolkata,
       datetime.statement('Asia/Kolkata').timezone AS zone,
       date.statement() = date() AS today, datetime.transaction() = datetime() AS tx,
       localtime.realtime() >= localtime() OR localtime.realtime() < localtime('00:01') AS realtime;
// expect:
// | kolkata | zone | today | tx | realtime |
// | '+05:30' | 'Asia/Kolkata' | true | true | true |

RETURN date.statement(42) AS d;
// expect: error TypeError.InvalidArgumentType

// Named zones order with offsets by their instant, and group with them when equal.
UNWIND [datetime('2020-06-01T12:00[Europe/Paris]'), datetime('2020-06-01T10:00Z'),
        datetime('2020-06-01T11:00+00:00')] AS t
WITH t ORDER BY t
RETURN collect(toString(t)) AS ordered, count(DISTINCT t) AS instants;
// expect:
// | ordered | instants |
// | ['2020-06-01T12:00+02:00[Europe/Paris]', '2020-06-01T10:00Z', '2020-06-01T11:00Z'] | 2 |

// Every type has the three clocks; outside BEGIN ... COMMIT the transaction is the statement.
RETURN date.transaction() = date.statement() AND date.realtime() >= date.statement() AS date,
       localtime.transaction() = localtime.statement() AS localtime,
       time.transaction() = time.statement() AND time.realtime('+01:00').offset = '+01:00' AS time,
       localdatetime.transaction() = localdatetime.statement()
         AND localdatetime.realtime() >= localdatetime.statement() AS localdatetime,
       datetime.realtime() >= datetime.statement() AS datetime,
       time.truncate('hour', time('10:35:12+05:00')) AS t,
       localdatetime.truncate('quarter', localdatetime('2025-05-14T10:35')) AS q;
// expect:
// | date | localtime | time | localdatetime | datetime | t | q |
// | true | true | true | true | true | 10:00+05:00 | 2025-04-01T00:00 |
