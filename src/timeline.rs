//! Reading event times in the offset they carry, and grouping the timeline by date.

use crate::track::Event;

/// A wall-clock time as written, in the offset it carries (not converted to the reader's zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Moment {
    pub fn date(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: self.day,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn number(text: &str, digits: usize) -> Option<u32> {
    (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Parses RFC 3339 (`2024-04-25T17:19:20+09:00`, with optional fractional seconds, `Z`, a space
/// for `T`, or no seconds or time at all). Garbage gives `None`: the caller shows the raw text.
pub fn parse_moment(raw: &str) -> Option<Moment> {
    let raw = raw.trim();
    let date = raw.get(..10)?;
    let year = number(date.get(..4)?, 4)? as i32;
    let month = number(date.get(5..7)?, 2)? as u8;
    let day = number(date.get(8..10)?, 2)? as u8;
    if date.as_bytes()[4] != b'-' || date.as_bytes()[7] != b'-' {
        return None;
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let rest = &raw[10..];
    let (hour, minute, second) = if rest.is_empty() {
        (0, 0, 0)
    } else {
        let time = rest.strip_prefix(['T', 't', ' '])?;
        let hour = number(time.get(..2)?, 2)? as u8;
        let minute = number(time.get(3..5)?, 2)? as u8;
        if time.as_bytes()[2] != b':' {
            return None;
        }
        let second = match time.get(5..6) {
            Some(":") => number(time.get(6..8)?, 2)? as u8,
            _ => 0,
        };
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        (hour, minute, second)
    };
    Some(Moment {
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The offset a time is written in, in minutes (`Z` is 0); `None` when it names none.
fn offset_minutes(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.len() <= 10 {
        return None;
    }
    if raw.ends_with(['Z', 'z']) {
        return Some(0);
    }
    let (sign, rest) = raw
        .get(raw.len().checked_sub(6)?..)
        .and_then(|tail| tail.split_at_checked(1))?;
    let sign = match sign {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let hours = number(rest.get(..2)?, 2)?;
    let minutes = number(rest.get(3..)?, 2)?;
    (rest.as_bytes()[2] == b':').then(|| sign * i64::from(hours * 60 + minutes))
}

/// How many days a time lies before now, by the calendar of the offset it is written in: 0 for
/// today there, 1 for yesterday. `None` when it is unreadable or names no offset.
pub fn days_ago(raw: &str, now_millis: f64) -> Option<i64> {
    let moment = parse_moment(raw)?;
    let offset = offset_minutes(raw)?;
    let local_now = (now_millis / 60_000.0).floor() as i64 + offset;
    let today = local_now.div_euclid(24 * 60);
    Some(today - days_from_civil(moment.year, moment.month, moment.day))
}

/// The events of one date, newest first. `date` is `None` for events whose time is missing or
/// unreadable.
#[derive(Debug, PartialEq)]
pub struct DayGroup<'a> {
    pub date: Option<Date>,
    pub events: Vec<&'a Event>,
}

/// Groups events (given oldest first) newest first by the date in their own offset. The order of
/// the history is kept; only neighbouring events of the same date share a group.
pub fn group_by_date<'a>(
    events_newest_first: impl IntoIterator<Item = &'a Event>,
) -> Vec<DayGroup<'a>> {
    let mut groups: Vec<DayGroup<'a>> = Vec::new();
    for event in events_newest_first {
        let date = event
            .time
            .as_deref()
            .and_then(parse_moment)
            .map(|m| m.date());
        match groups.last_mut() {
            Some(group) if group.date == date => group.events.push(event),
            _ => groups.push(DayGroup {
                date,
                events: vec![event],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::StatusCode;
    use crate::track::Status;

    fn moment(raw: &str) -> Option<(i32, u8, u8, u8, u8, u8)> {
        parse_moment(raw).map(|m| (m.year, m.month, m.day, m.hour, m.minute, m.second))
    }

    #[test]
    fn parses_the_offset_as_written() {
        assert_eq!(
            moment("2024-04-25T17:19:20+09:00"),
            Some((2024, 4, 25, 17, 19, 20))
        );
        assert_eq!(
            moment("2024-04-25T17:19:20.000+09:00"),
            Some((2024, 4, 25, 17, 19, 20))
        );
        assert_eq!(
            moment("2024-04-25T23:59:59Z"),
            Some((2024, 4, 25, 23, 59, 59))
        );
        assert_eq!(moment("2024-04-25 08:05"), Some((2024, 4, 25, 8, 5, 0)));
        assert_eq!(moment("2024-04-25"), Some((2024, 4, 25, 0, 0, 0)));
    }

    #[test]
    fn refuses_garbage() {
        for raw in [
            "",
            "yesterday",
            "2024/04/25 10:00",
            "2024-13-01T00:00:00+09:00",
            "2024-04-25T25:00:00+09:00",
            "2024-04-25X10:00",
            "2024-04-2",
            "２０２４-04-25",
        ] {
            assert_eq!(parse_moment(raw), None, "{raw}");
        }
    }

    #[test]
    fn days_ago_in_the_times_own_offset() {
        // 2024-04-25T14:00:00Z: 23:00 on the 25th in Korea.
        let now = 1_714_053_600_000.0;
        assert_eq!(days_ago("2024-04-25T17:19:20+09:00", now), Some(0));
        assert_eq!(days_ago("2024-04-24T23:59:00+09:00", now), Some(1));
        assert_eq!(days_ago("2024-04-25T00:30:00Z", now), Some(0));
        assert_eq!(days_ago("2024-04-24T20:00:00-05:00", now), Some(1));
        assert_eq!(days_ago("2024-03-25T10:00:00+09:00", now), Some(31));
        assert_eq!(days_ago("2024-04-25 10:00", now), None);
        assert_eq!(days_ago("soon", now), None);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    fn event(time: Option<&str>) -> Event {
        Event {
            time: time.map(str::to_owned),
            status: Status {
                code: StatusCode::InTransit,
                text: None,
            },
            location: None,
            description: None,
        }
    }

    #[test]
    fn groups_neighbours_of_the_same_local_date() {
        let events = [
            event(Some("2024-04-24T15:26:13+09:00")),
            event(Some("2024-04-24T23:59:00+09:00")),
            // Korean midnight: the 25th there, though it is still the 24th in UTC.
            event(Some("2024-04-25T00:10:00+09:00")),
            event(Some("garbage")),
            event(Some("2024-04-25T09:17:56+09:00")),
        ];
        let groups = group_by_date(events.iter().rev());
        let shape: Vec<(Option<String>, usize)> = groups
            .iter()
            .map(|g| (g.date.map(|d| d.iso()), g.events.len()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some("2024-04-25".to_owned()), 1),
                (None, 1),
                (Some("2024-04-25".to_owned()), 1),
                (Some("2024-04-24".to_owned()), 2),
            ]
        );
        assert!(group_by_date(&[]).is_empty());
    }
}
