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

/** Five more ideas of one work domain, all brought to one stage: enough in a cell of the public page's table to be shown (counts 1–4 are hidden). */
interface DemoIdeaGroup {
  workDomain: WorkDomain;
  stage: IdeaStage;
  strategies: CircularStrategy[];
  sdgs: number[];
  leads: string[];
  titles: [string, string][];
}

const GROUPS: DemoIdeaGroup[] = [
  {
    workDomain: 'green',
    stage: 'submitted',
    strategies: ['recycle', 'reuse'],
    sdgs: [11, 15],
    leads: ['Stad Genk', 'IN-Z', 'Alternatief'],
    titles: [
      ['Stadsmoestuin op braakliggend terrein', 'Een tijdelijke moestuin op een braakliggend perceel, onderhouden door een sociale groenploeg.'],
      ['Compost uit marktafval', 'Groente- en fruitresten van de wekelijkse markt worden gecomposteerd voor de stadstuinen.'],
      ['Houtsnippers uit snoeihout', 'Snoeihout uit de parken wordt versnipperd tot paden en bodembedekking.'],
      ['Regenwater voor de stadsserres', 'Regenwater van openbare daken wordt opgevangen en gebruikt in de serres van de stad.'],
      ['Zadenbank van streekeigen planten', 'Zaden van streekeigen planten worden verzameld, bewaard en uitgedeeld aan buurtbewoners.'],
    ],
  },
  {
    workDomain: 'mobility',
    stage: 'screening',
    strategies: ['reuse', 'repair'],
    sdgs: [9, 11, 13],
    leads: ['Tweede Ronde', 'HiGenius', 'Stad Genk'],
    titles: [
      ['Deelfietsen uit gevonden fietsen', 'Gevonden en achtergelaten fietsen worden opgeknapt tot deelfietsen voor de wijken.'],
      ['Herstelpunt voor rolstoelen en scooters', 'Een herstelpunt waar elektrische scooters en rolstoelen nagekeken en hersteld worden.'],
      ['Tweedehands bakfietsen voor handelaars', 'Bakfietsen worden opgeknapt en verhuurd aan handelaars in het centrum voor leveringen.'],
      ['Accu-herstel voor elektrische fietsen', 'Versleten fietsaccu’s krijgen nieuwe cellen in plaats van een nieuwe accu.'],
      ['Pendeldienst met omgebouwde busjes', 'Oude bestelwagens worden elektrisch omgebouwd voor een pendeldienst naar de industrieterreinen.'],
    ],
  },
  {
    workDomain: 'hospitality',
    stage: 'submitted',
    strategies: ['reduce', 'repurpose'],
    sdgs: [2, 8, 12],
    leads: ['KRC Genk', 'Zorgbedrijf Genk', 'Alternatief'],
    titles: [
      ['Soep van onverkochte groenten', 'Onverkochte groenten van de supermarkten worden soep voor scholen en woonzorgcentra.'],
      ['Brood van gisteren als bier', 'Oud brood van de bakkers wordt grondstof voor een lokaal bier.'],
      ['Herbruikbare bekers op evenementen', 'Een bekerdienst met wasstraat voor de evenementen van de stad.'],
      ['Koffiedik als kweekbodem', 'Koffiedik van de horeca wordt kweekbodem voor oesterzwammen.'],
      ['Leerwerkkeuken met restvoedsel', 'Een keuken waar werkzoekenden koken met restvoedsel van de groothandel.'],
    ],
  },
  {
    workDomain: 'industry',
    stage: 'screening',
    strategies: ['remanufacture', 'recycle'],
    sdgs: [9, 12],
    leads: ['HiGenius', 'KU Leuven', 'IN-Z'],
    titles: [
      ['Pallets herstellen en terugnemen', 'Beschadigde pallets van de bedrijven op de industrieterreinen worden hersteld en teruggeleverd.'],
      ['Reststromen staal als grondstof', 'Staalresten van de metaalbedrijven worden gesorteerd en verkocht aan kleinere smederijen.'],
      ['Revisie van elektromotoren', 'Elektromotoren worden gereviseerd in plaats van vervangen.'],
      ['Kunststofafval tot straatmeubilair', 'Industrieel kunststofafval wordt geperst tot banken en bloembakken.'],
      ['Gereedschapsbibliotheek voor kmo’s', 'Kleine bedrijven lenen duur gereedschap uit een gedeelde bibliotheek.'],
    ],
  },
  {
    workDomain: 'care',
    stage: 'parked',
    strategies: ['reuse', 'refurbish'],
    sdgs: [3, 10],
    leads: ['OCMW Genk', 'Zorgbedrijf Genk', 'Alternatief'],
    titles: [
      ['Uitleendienst voor hulpmiddelen', 'Krukken, rollators en bedden worden uitgeleend in plaats van gekocht.'],
      ['Kleding voor de woonzorgcentra', 'Tweedehandskleding wordt hersteld en aangeboden aan bewoners van woonzorgcentra.'],
      ['Herstelde laptops voor thuiszorg', 'Afgeschreven laptops worden opgeknapt voor thuiszorgmedewerkers.'],
      ['Incontinentiemateriaal wasbaar maken', 'Een proef met wasbaar materiaal in plaats van wegwerpmateriaal.'],
      ['Meubels uit de kringwinkel voor starters', 'Mensen die een woning betrekken krijgen opgeknapte meubels uit de kringwinkel.'],
    ],
  },
  {
    workDomain: 'mentoring',
    stage: 'submitted',
    strategies: ['rethink'],
    sdgs: [4, 8],
    leads: ['KU Leuven', 'Stad Genk', 'OCMW Genk'],
    titles: [
      ['Studenten coachen circulaire starters', 'Studenten bedrijfskunde helpen starters met hun businessplan.'],
      ['Meter- en peterschap voor herstellers', 'Ervaren herstellers begeleiden nieuwe vrijwilligers van de repair cafés.'],
      ['Leerlijn circulaire economie voor werkzoekenden', 'Een opleiding in herstel en hergebruik voor werkzoekenden.'],
      ['Ondernemersontbijt rond hergebruik', 'Een maandelijks ontbijt waar ondernemers reststromen uitwisselen.'],
      ['Coaching van sociale ondernemers', 'Een traject dat sociale ondernemers helpt een circulair product te lanceren.'],
    ],
  },
  {
    workDomain: 'other',
    stage: 'screening',
    strategies: ['reuse', 'recycle'],
    sdgs: [11, 12],
    leads: ['Alternatief', 'Tweede Ronde', 'KRC Genk'],
    titles: [
      ['Speelgoedbibliotheek in de wijk', 'Speelgoed wordt uitgeleend, hersteld en doorgegeven.'],
      ['Boeken uit het containerpark', 'Boeken die in het containerpark belanden, gaan naar een boekenruil.'],
      ['Sportmateriaal doorgeven', 'Sportschoenen en materiaal van de clubs gaan naar jongeren die ze nodig hebben.'],
      ['Herstelde fietsen voor nieuwkomers', 'Nieuwkomers krijgen een opgeknapte fiets en leren ze zelf herstellen.'],
      ['Bouwmaterialen uit afbraak', 'Deuren, tegels en balken uit afbraakwoningen worden verkocht voor hergebruik.'],
    ],
  },
];

/** The groups' ideas, as demo ideas (their leads taken in turn). */
export const DEMO_IDEA_GROUPS: DemoIdea[] = GROUPS.flatMap((group) =>
  group.titles.map(([title, summary], i) => ({
    title,
    summary,
    workDomain: group.workDomain,
    strategies: group.strategies,
    sdgs: group.sdgs,
    expectedJobs: { regular: i % 2, social: 1 + (i % 3) },
    lead: group.leads[i % group.leads.length],
    stage: group.stage,
  })),
);
