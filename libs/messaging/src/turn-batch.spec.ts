import { TurnBatch } from './turn-batch';

describe('TurnBatch', () => {
  it('runs what one turn gave it together, in order, after the turn’s callbacks and their promises', async () => {
    const batch = new TurnBatch();
    const ran: string[] = [];
    batch.run(() => ran.push('first'));
    batch.run(() => ran.push('second'));
    await Promise.resolve();
    ran.push('same turn');
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['same turn', 'first', 'second']);

    batch.run(() => ran.push('next turn'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran.at(-1)).toBe('next turn');
  });
});
