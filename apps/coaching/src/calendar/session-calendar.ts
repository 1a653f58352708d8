import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { CoachingSession } from '../sessions/coaching-session.entity';
import { HUB_TIME_ZONE } from '../sessions/brussels-time';

/** Europe/Brussels as RFC 5545 describes a zone: CET, and CEST from the last Sunday of March to the last Sunday of October (EU rules since 1996). */
const VTIMEZONE_BRUSSELS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Brussels',
  'X-LIC-LOCATION:Europe/Brussels',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** A session with what its calendar entry shows besides the session itself. */
export interface CalendarSession {
  session: CoachingSession;
  ideaTitle: string;
  mentorName: string;
}

/**
 * An iCalendar (RFC 5545) of coaching sessions, times in Europe/Brussels (with its VTIMEZONE), text
 * in Dutch first and English. Each session is one event with a stable UID; a moved session keeps it
 * (a calendar client moves the event), a cancelled one stays with STATUS:CANCELLED (the client
 * removes it); SEQUENCE counts the changes, so the client takes the newer version.
 */
export function sessionCalendar(name: string, entries: CalendarSession[]): string {
  const calendar = ical({ name, prodId: { company: 'Cirkel', product: 'coaching', language: 'NL' }, timezone: { name: HUB_TIME_ZONE, generator: (tz) => (tz === HUB_TIME_ZONE ? VTIMEZONE_BRUSSELS : null) } });
  for (const { session, ideaTitle, mentorName } of entries) {
    const start = DateTime.fromJSDate(session.startsAt, { zone: HUB_TIME_ZONE });
    const cancelled = session.status === 'cancelled';
    calendar.createEvent({
      id: `${session.id}@coaching.cirkel`,
      // One more at each move and at the cancellation: a calendar client replaces its copy only by a higher SEQUENCE (RFC 5545 3.8.7.4).
      sequence: session.sequence,
      start,
      end: start.plus({ minutes: session.durationMinutes }),
      timezone: HUB_TIME_ZONE,
      summary: `${cancelled ? 'Geannuleerd: ' : ''}Coaching: ${ideaTitle}`,
      description: [
        `Coachingsessie over "${ideaTitle}" met mentor ${mentorName}.${cancelled ? ' Deze sessie gaat niet door.' : ''}`,
        `Coaching session on "${ideaTitle}" with mentor ${mentorName}.${cancelled ? ' This session is cancelled.' : ''}`,
      ].join('\n'),
      location: session.place,
      url: /^https?:\/\//.test(session.place) ? session.place : null,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
