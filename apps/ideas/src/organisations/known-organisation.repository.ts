import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { upsertNewest } from '@cirkel/persistence';
import { KnownOrganisation } from './known-organisation.entity';

@Injectable()
export class KnownOrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findInHub(hubId: string, id: string): Promise<KnownOrganisation | null> {
    return this.dataSource.manager.findOneBy(KnownOrganisation, { hubId, id });
  }

  /** The names of organisations by id (an organisation ideas has not heard of yet is left out). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.findBy(KnownOrganisation, { id: In(ids) });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Records what an event says of an organisation; an older event never overwrites a newer state. */
  async record(manager: EntityManager, organisation: KnownOrganisation): Promise<void> {
    await upsertNewest(manager, KnownOrganisation, organisation, {
      conflictColumns: ['id'],
      versionColumn: 'version',
      updateColumns: ['name', 'status', 'updatedAt'],
    });
  }
}
