import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HeldRoles, RoleDirectory } from './role-directory';
import { RoleChangeEvents, RoleChanges, RoleChangesOptions } from './role-changes';

const MAX_PEOPLE = 10_000;

/**
 * A service's role directory with the roles it read kept in memory, so that a request does not
 * read them again: partners' own tables or a service's copy say when a person's roles change
 * (their triggers notify when the transaction commits) and the entry is dropped.
 *
 * Safe because:
 * - it keeps nothing while it is not listening (the connection down, or not yet up): every read
 *   goes to the source, and whatever it kept is dropped when it stops or starts listening;
 * - a read that was under way when any change was told (or listening stopped) is answered but not
 *   kept: it may have read the roles before that change committed (a generation counter, bumped
 *   by every change, tells);
 * - a change is told once its transaction commits, so a read that starts after the notice sees it.
 * What it answers may thus be late by the time a notice takes to arrive (well under a second; the
 * copy itself follows partners' events later than that) — but on partners' replica that made the
 * change, which drops the entry itself once its transaction commits (`committedChange`).
 */
export class CachedRoleDirectory extends RoleDirectory implements RoleChangeEvents, OnModuleInit, OnApplicationShutdown {
  private readonly kept = new Map<string, { hubId: string; held: HeldRoles | null }>();
  private generation = 0;
  private listens = false;
  private readonly changes?: RoleChanges;

  constructor(
    private readonly source: RoleDirectory,
    changes: RoleChangesOptions | null,
    private readonly maxPeople = MAX_PEOPLE,
  ) {
    super();
    if (changes) this.changes = new RoleChanges(changes, this);
  }

  /** Listening on the data source's database, to its schema's role tables. */
  static of(source: RoleDirectory, dataSource: DataSource): CachedRoleDirectory {
    const options = dataSource.options as { url?: string; schema?: string; applicationName?: string };
    if (!options.url || !options.schema) return new CachedRoleDirectory(source, null); // never listens: reads every time
    return new CachedRoleDirectory(source, { connectionString: options.url, schema: options.schema, applicationName: `${options.applicationName ?? 'cirkel'}-roles` });
  }

  async onModuleInit(): Promise<void> {
    await this.changes?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.changes?.stop();
  }

  async rolesOf(hubId: string, personId: string): Promise<HeldRoles | null> {
    if (!this.listens) return this.source.rolesOf(hubId, personId);
    const hit = this.kept.get(personId);
    if (hit && hit.hubId === hubId) return hit.held;
    const generation = this.generation;
    const held = await this.source.rolesOf(hubId, personId);
    return this.listens && generation === this.generation ? this.keep(hubId, personId, held) : held;
  }

  changed(personId: string): void {
    this.committedChange(personId);
  }

  override committedChange(personId: string): void {
    this.generation++;
    this.kept.delete(personId);
  }

  listening(): void {
    this.forget();
    this.listens = true;
  }

  deaf(): void {
    this.listens = false;
    this.forget();
  }

  private forget(): void {
    this.generation++;
    this.kept.clear();
  }

  /** Frozen: every caller shares what is kept. At most `maxPeople`, the oldest dropped first. */
  private keep(hubId: string, personId: string, held: HeldRoles | null): HeldRoles | null {
    if (this.kept.size >= this.maxPeople) this.kept.delete(this.kept.keys().next().value as string);
    const frozen = held && (Object.freeze({ hubRoles: Object.freeze([...held.hubRoles]), memberships: Object.freeze(held.memberships.map((m) => Object.freeze({ ...m }))) }) as HeldRoles);
    this.kept.set(personId, { hubId, held: frozen });
    return frozen;
  }
}
