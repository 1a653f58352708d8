import { WorkDomain } from '@cirkel/contracts';

/** A demo mentor's profile; the mentor is known by the name partners' demo staff gives them. */
export interface DemoMentor {
  name: string;
  workDomains: WorkDomain[];
  capacity: number;
  bio: string;
  /** Days from the seed until they are available again (none: available). */
  awayForDays?: number;
}

export const DEMO_MENTORS: DemoMentor[] = [
  { name: 'Prof. Elif Yilmaz', workDomains: ['industry', 'mentoring'], capacity: 3, bio: 'Professor of industrial ecology; coaches remanufacturing and reverse logistics.' },
  { name: 'Wim Goossens', workDomains: ['green'], capacity: 2, bio: 'Hovenier en sociaal ondernemer; begeleidt groene projecten met sociale tewerkstelling.' },
  { name: 'Leen Maes', workDomains: ['hospitality', 'mobility', 'other'], capacity: 4, bio: 'Uitbaatster van twee restaurants en een fietsherstelplaats.' },
  { name: 'Rik Vermeulen', workDomains: ['care'], capacity: 1, bio: 'Gewezen directeur van een woonzorgcentrum.', awayForDays: 21 },
];

/** An idea (by its demo title) coached by a mentor (by name): accepted, with sessions, or only proposed. */
export interface DemoAssignment {
  ideaTitle: string;
  mentor: string;
  accepted: boolean;
}

export const DEMO_ASSIGNMENTS: DemoAssignment[] = [
  { ideaTitle: 'Groendienst met maaisel als grondstof', mentor: 'Wim Goossens', accepted: true },
  { ideaTitle: 'Restaurant met overschotten van de stadion-catering', mentor: 'Leen Maes', accepted: true },
  { ideaTitle: 'Fietsherstelatelier op Portavida', mentor: 'Leen Maes', accepted: true },
  { ideaTitle: 'Demontage van industriële machines', mentor: 'Prof. Elif Yilmaz', accepted: true },
  { ideaTitle: 'Peterschap circulair ondernemen', mentor: 'Prof. Elif Yilmaz', accepted: false },
];

/** What a held demo session leaves: notes and action items (due in days from the seed; negative: overdue). */
export const DEMO_SESSION_NOTES = {
  notes: 'Doelgroep en eerste klanten besproken. De kosten van de pilootfase worden nog berekend.',
  actionItems: [
    { description: 'Kostenraming van de pilootfase opmaken', dueInDays: 10 },
    { description: 'Drie mogelijke afnemers contacteren', dueInDays: -2 },
  ],
};

/** The "1+1=11" workshop: three afternoons over three weeks (13:00–17:00 Brussels). */
export const DEMO_PROGRAMME = { title: '1+1=11', capacity: 8, location: 'C-Mine, Genk' };
