// Expand iCalendar files with ical.js, as Thunderbird, Nextcloud and FullCalendar read them.
// Usage: node expand.mjs < request.json, where the request is a list of
// {"path": "a.ics", "from": "2024-01-01T00:00:00Z", "to": "2030-01-01T00:00:00Z"}.
// Prints, for each file, every VEVENT (uid, status, exdates) with its occurrences that
// overlap [from, to): times in UTC (2024-06-01T09:00:00Z), all-day dates as 2024-06-01.
// Times are read only through the VTIMEZONEs of their own file (ical.js knows no zones
// of its own); a TZID without one is an error.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function said(time) {
  if (time.isDate) return time.toString();
  if (time.zone !== ICAL.Timezone.utcTimezone && !ICAL.TimezoneService.has(time.zone.tzid)) {
    throw new Error(`no VTIMEZONE for ${time.zone.tzid}`);
  }
  if (time.zone === ICAL.Timezone.localTimezone) throw new Error(`floating time ${time}`);
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function said_occurrence(start, end) {
  return { start: said(start), end: said(end), all_day: start.isDate };
}

function occurrences(event, from, to) {
  if (!event.isRecurring()) {
    // Its own DTEND: getOccurrenceDetails would add DTEND - DTSTART in UTC to the start's
    // clock time, an hour off for an event across a change of the clocks.
    const overlaps = event.startDate.compare(to) < 0 && event.endDate.compare(from) > 0;
    return overlaps ? [said_occurrence(event.startDate, event.endDate)] : [];
  }
  const found = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    if (details.startDate.compare(to) >= 0) break;
    if (details.endDate.compare(from) <= 0) continue;
    found.push(said_occurrence(details.startDate, details.endDate));
  }
  return found;
}

function read(request) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(request.path, "utf8")));
  const zones = calendar.getAllSubcomponents("vtimezone");
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  const from = ICAL.Time.fromDateTimeString(request.from.replace(/Z$/, ""));
  const to = ICAL.Time.fromDateTimeString(request.to.replace(/Z$/, ""));
  from.zone = to.zone = ICAL.Timezone.utcTimezone;
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const exdates = vevent
      .getAllProperties("exdate")
      .flatMap((property) => property.getValues())
      .map(said);
    return {
      uid: event.uid,
      status: vevent.getFirstPropertyValue("status"),
      exdates: exdates.sort(),
      occurrences: occurrences(event, from, to),
    };
  });
  return { path: request.path, zones: zones.map((zone) => zone.getFirstPropertyValue("tzid")), events };
}

const requests = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(requests.map(read)));
