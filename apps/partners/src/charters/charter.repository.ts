import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Charter } from './charter.entity';
import { CharterSignature } from './charter-signature.entity';

export const CHARTER_SIGNATURE_CONSTRAINT = 'charter_signature_pkey';

@Injectable()
export class CharterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The current charter of a hub: its highest version. */
  current(hubId: string, manager: EntityManager = this.dataSource.manager): Promise<Charter | null> {
    return manager.findOne(Charter, { where: { hubId }, order: { version: 'DESC' } });
  }

  async insert(charter: Charter, manager: EntityManager): Promise<void> {
    await manager.insert(Charter, charter);
  }

  /** The versions an organisation has signed, oldest first. */
  async signedVersions(hubId: string, organisationId: string, manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    const signatures = await manager.find(CharterSignature, { where: { hubId, organisationId }, order: { charterVersion: 'ASC' } });
    return signatures.map((s) => s.charterVersion);
  }

  async insertSignature(signature: CharterSignature, manager: EntityManager): Promise<void> {
    await manager.insert(CharterSignature, signature);
  }
}
