import { EventContract } from './event-contract';

/** Every event contract by type and version, so that a consumer can validate what it receives. */
export class EventRegistry {
  private readonly contracts = new Map<string, EventContract>();

  constructor(contracts: readonly EventContract[]) {
    for (const contract of contracts) {
      const key = EventRegistry.key(contract.type, contract.version);
      if (this.contracts.has(key)) throw new Error(`Event ${key} is declared twice`);
      this.contracts.set(key, contract);
    }
  }

  find(type: string, version: number): EventContract | undefined {
    return this.contracts.get(EventRegistry.key(type, version));
  }

  all(): EventContract[] {
    return [...this.contracts.values()];
  }

  private static key(type: string, version: number): string {
    return `${type}@v${version}`;
  }
}
