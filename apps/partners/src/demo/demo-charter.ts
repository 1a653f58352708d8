/**
 * Version 1 of the demo hub's charter (intentieverklaring), in Dutch and English. Written for the
 * demo from what the hub in Genk set out to do; not an official text.
 */
export const DEMO_CHARTER = {
  nl: `Intentieverklaring van de circulaire hub Genk

Wij, de partners van de circulaire hub in Genk, willen samen werk maken van een economie die grondstoffen, producten en talent niet verspilt. Met deze verklaring spreken we af waarvoor we staan en hoe we samenwerken.

1. Circulair ondernemen. We zoeken samen naar ideeën die materialen en producten zo lang mogelijk in gebruik houden: wat overbodig is weigeren of herdenken, minder verbruiken, hergebruiken, herstellen en opknappen, en pas op het einde recycleren.

2. Werk voor wie het moeilijk heeft. Elk idee dat we steunen, meten we ook aan de jobs die het oplevert, in de eerste plaats voor mensen met een grote afstand tot de arbeidsmarkt. Werk is de sterkste hefboom tegen armoede. In Genk werkt 58 % van de mensen op beroepsactieve leeftijd, tegenover 72 % in de andere Vlaamse centrumsteden; jongeren zonder werk verdienen onze bijzondere aandacht.

3. Laagdrempelig en open. De hub staat open voor elke organisatie: overheden, reguliere bedrijven, sociale-economiebedrijven, starters, burgerinitiatieven en kennisinstellingen. Geen idee is te klein. Kmo's en lokale initiatieven krijgen dezelfde kansen als de grote spelers.

4. Samen sterker. Reguliere en sociale economie versterken elkaar. We delen kennis, netwerk, ruimte en mentoring, en we brengen wie een idee heeft samen met wie het mee kan uitwerken.

5. Van idee tot verdienmodel. Elk circulair idee krijgt begeleiding op zijn eigen niveau, van een eerste schets tot een rendabel businessmodel en een proefproject.

6. Eerlijk rapporteren, zorgvuldig omgaan met mensen. We rapporteren open over de jobs die ontstaan, zonder de mensen achter de cijfers bloot te geven. Persoonsgegevens behandelen we vertrouwelijk.

7. Delen wat werkt. We willen dat wat in Genk groeit ook elders kan groeien: bij andere lokale besturen, bij studenten en over de grenzen heen.

Door te ondertekenen verklaart onze organisatie dat ze deze intenties onderschrijft en er naar vermogen aan bijdraagt. Deze verklaring is geen contract, maar een engagement om samen te bouwen.`,

  en: `Declaration of intent of the circular hub Genk

We, the partners of the circular hub in Genk, want to work together on an economy that wastes neither materials, nor products, nor talent. In this declaration we set out what we stand for and how we work together.

1. Circular entrepreneurship. Together we look for ideas that keep materials and products in use for as long as possible: refusing or rethinking what is not needed, using less, reusing, repairing and refurbishing, and recycling only at the end.

2. Work for those who find it hardest. Every idea we support is also measured by the jobs it creates, first of all for people far from the labour market. Work is the strongest lever against poverty. In Genk 58 % of people of working age are in work, against 72 % in the other Flemish centre cities; young people without work deserve our particular attention.

3. Low-threshold and open. The hub is open to every kind of organisation: public bodies, regular companies, social-economy enterprises, start-ups, citizens' initiatives and knowledge centres. No idea is too small. Small businesses and local initiatives get the same chances as the large players.

4. Stronger together. The regular and the social economy strengthen each other. We share knowledge, networks, space and mentoring, and we bring whoever has an idea together with whoever can help to develop it.

5. From idea to business model. Every circular idea is supported at its own level, from a first sketch to a profitable business model and a pilot.

6. Honest reporting, care for people. We report openly on the jobs that are created, without exposing the people behind the figures. We treat personal data as confidential.

7. Sharing what works. We want what grows in Genk to be able to grow elsewhere too: in other local governments, among students, and across borders.

By signing, our organisation declares that it subscribes to these intentions and will contribute to them as far as it can. This declaration is not a contract but a commitment to build together.`,
} as const;
