import { CANVAS_BLOCKS, CanvasView, CircularStrategy, IdeaStage, WorkDomain } from '@cirkel/contracts';

/** A demo idea of the Genk hub: who leads it, and the stage it is brought to. */
export interface DemoIdea {
  title: string;
  summary: string;
  workDomain: WorkDomain;
  strategies: CircularStrategy[];
  sdgs: number[];
  expectedJobs: { regular: number; social: number };
  /** The lead organisation, by its name in partners' demo data. */
  lead: string;
  stage: IdeaStage;
}

/** A filled canvas for ideas from business_model on (the pipeline requires one). */
export function demoCanvas(idea: DemoIdea): CanvasView {
  return Object.fromEntries(CANVAS_BLOCKS.map((block) => [block, `${idea.title}: ${block}`])) as CanvasView;
}

/**
 * Ideas in every stage and every work domain, led by the hub's partners (../shared/CONTEXT.md):
 * the wagon of circular ideas the "1+1=11" afternoons were meant to fill.
 */
export const DEMO_IDEAS: DemoIdea[] = [
  {
    title: 'Fietsherstelatelier op Portavida',
    summary: 'Tweedehandsfietsen herstellen en verhuren aan werkzoekenden en bewoners van het zorgcampus Portavida; herstelling door trajectanten onder begeleiding.',
    workDomain: 'mobility',
    strategies: ['repair', 'reuse', 'refurbish'],
    sdgs: [8, 11, 12],
    expectedJobs: { regular: 1, social: 4 },
    lead: 'Alternatief',
    stage: 'pilot',
  },
  {
    title: 'Groendienst met maaisel als grondstof',
    summary: 'Een sociale groendienst die het maaisel van de stadsparken composteert en als bodemverbeteraar levert aan stadstuinen.',
    workDomain: 'green',
    strategies: ['recycle', 'repurpose'],
    sdgs: [8, 11, 15],
    expectedJobs: { regular: 0, social: 6 },
    lead: 'Stad Genk',
    stage: 'coaching',
  },
  {
    title: 'Restaurant met overschotten van de stadion-catering',
    summary: 'Overschotten van de catering op wedstrijddagen worden maaltijden in een leerwerkrestaurant voor jongeren zonder werk.',
    workDomain: 'hospitality',
    strategies: ['reduce', 'repurpose'],
    sdgs: [2, 8, 12],
    expectedJobs: { regular: 2, social: 5 },
    lead: 'KRC Genk',
    stage: 'business_model',
  },
  {
    title: 'Herbruik van hospitaalmateriaal',
    summary: 'Rolstoelen en hulpmiddelen uit de woonzorgcentra worden nagekeken, hersteld en opnieuw uitgeleend.',
    workDomain: 'care',
    strategies: ['reuse', 'repair', 'refurbish'],
    sdgs: [3, 8, 12],
    expectedJobs: { regular: 1, social: 3 },
    lead: 'Zorgbedrijf Genk',
    stage: 'screening',
  },
  {
    title: 'Demontage van industriële machines',
    summary: 'Afgedankte machines uit de Genkse industrie worden gedemonteerd; onderdelen krijgen een tweede leven, de rest wordt gerecycleerd.',
    workDomain: 'industry',
    strategies: ['remanufacture', 'recycle'],
    sdgs: [9, 12],
    expectedJobs: { regular: 3, social: 2 },
    lead: 'HiGenius',
    stage: 'launched',
  },
  {
    title: 'Peterschap circulair ondernemen',
    summary: 'Ervaren ondernemers coachen starters die een circulair idee willen uitwerken tot een rendabel bedrijfsmodel.',
    workDomain: 'mentoring',
    strategies: ['rethink'],
    sdgs: [4, 8, 17],
    expectedJobs: { regular: 1, social: 0 },
    lead: 'OCMW Genk',
    stage: 'submitted',
  },
  {
    title: 'Repair café in elke wijk',
    summary: 'Vrijwilligers en trajectanten herstellen samen met buurtbewoners kleine toestellen en kleding.',
    workDomain: 'other',
    strategies: ['repair', 'reuse'],
    sdgs: [11, 12],
    expectedJobs: { regular: 0, social: 2 },
    lead: 'OCMW Genk',
    stage: 'draft',
  },
  {
    title: 'Deelwagens voor zorgverleners',
    summary: 'Een vloot elektrische deelwagens voor thuiszorg, onderhouden door een sociale garage.',
    workDomain: 'mobility',
    strategies: ['reduce', 'rethink'],
    sdgs: [7, 11, 13],
    expectedJobs: { regular: 1, social: 2 },
    lead: 'Zorgbedrijf Genk',
    stage: 'parked',
  },
  {
    title: 'Textielsortering voor de kringwinkel',
    summary: 'Een sorteerlijn voor ingezameld textiel; wat niet verkocht raakt, wordt poetsdoek of isolatie.',
    workDomain: 'other',
    strategies: ['reuse', 'recycle'],
    sdgs: [8, 12],
    expectedJobs: { regular: 0, social: 3 },
    lead: 'Alternatief',
    stage: 'withdrawn',
  },
];
