import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  Caller,
  CharterPublished,
  CharterSignatureView,
  CharterSigned,
  CharterView,
  GetCurrentCharter,
  PublishCharter,
  InputOf,
  RequestOf,
  SignCharter,
} from '@cirkel/contracts';
import { UnitOfWork } from '@cirkel/messaging';
import { isUniqueViolation } from '@cirkel/persistence';
import { personCause } from '@cirkel/messaging';
import { HubRepository } from '../hubs/hub.repository';
import { HubService } from '../hubs/hub.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { Charter } from './charter.entity';
import { CharterAlreadySigned, CharterNotFound } from './charter.errors';
import { CHARTER_SIGNATURE_CONSTRAINT, CharterRepository } from './charter.repository';
import { CharterSignature } from './charter-signature.entity';
import { checkCharterSigning } from './charter-signing.rules';

@Injectable()
export class CharterService {
  private readonly logger = new Logger(CharterService.name);

  constructor(
    private readonly hubs: HubService,
    private readonly hubLocks: HubRepository,
    private readonly charters: CharterRepository,
    private readonly organisations: OrganisationRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Public: of the caller's hub, or for an anonymous caller of the hub the gateway names in the envelope. */
  async current(request: RequestOf<typeof GetCurrentCharter>): Promise<CharterView> {
    const hub = await this.hubs.ofRequest(request);
    const charter = await this.charters.current(hub.id);
    if (!charter) throw new CharterNotFound();
    return charterView(charter);
  }

  /** A hub admin publishes the next version; every partner is asked to sign it again. */
  async publish(caller: Caller, data: InputOf<typeof PublishCharter>, correlationId: string): Promise<CharterView> {
    const charter = await this.unitOfWork.run(async (tx) => {
      await this.hubLocks.lock(caller.hubId, tx.manager); // versions are numbered one after the other
      const previous = await this.charters.current(caller.hubId, tx.manager);
      const charter: Charter = {
        id: uuidv7(),
        hubId: caller.hubId,
        version: (previous?.version ?? 0) + 1,
        textNl: data.text.nl,
        textEn: data.text.en,
        publishedAt: new Date(),
        publishedBy: caller.personId,
      };
      await this.charters.insert(charter, tx.manager);
      tx.publish(CharterPublished, charter.hubId, { charterId: charter.id, version: charter.version }, personCause(caller.personId, correlationId));
      return charter;
    });
    this.logger.log(`charter v${charter.version} published by ${caller.personId}`);
    return charterView(charter);
  }

  /** An org admin signs the current version for their active organisation, once. */
  async sign(caller: Caller, data: InputOf<typeof SignCharter>, correlationId: string): Promise<CharterSignatureView> {
    let signature: CharterSignature;
    try {
      signature = await this.unitOfWork.run(async (tx) => {
        await this.hubLocks.lockShared(caller.hubId, tx.manager); // no new version is published meanwhile
        const organisation = await this.organisations.findInHubForUpdate(caller.hubId, data.organisationId, tx.manager);
        const current = await this.charters.current(caller.hubId, tx.manager);
        const signedVersions = organisation ? await this.charters.signedVersions(caller.hubId, organisation.id, tx.manager) : [];
        checkCharterSigning({ caller, organisation, currentVersion: current?.version ?? null, requestedVersion: data.version, signedVersions });
        const signature: CharterSignature = {
          hubId: caller.hubId,
          organisationId: data.organisationId,
          charterVersion: data.version,
          signedBy: caller.personId,
          signedAt: new Date(),
        };
        await this.charters.insertSignature(signature, tx.manager);
        tx.publish(
          CharterSigned,
          caller.hubId,
          { organisationId: signature.organisationId, version: signature.charterVersion, signedBy: signature.signedBy },
          personCause(caller.personId, correlationId),
        );
        return signature;
      });
    } catch (error) {
      if (isUniqueViolation(error, CHARTER_SIGNATURE_CONSTRAINT)) throw new CharterAlreadySigned(data.version);
      throw error;
    }
    this.logger.log(`charter v${signature.charterVersion} signed for ${signature.organisationId} by ${caller.personId}`);
    return { version: signature.charterVersion, signedAt: signature.signedAt.toISOString(), signedBy: signature.signedBy };
  }
}

export function charterView(charter: Charter): CharterView {
  return {
    id: charter.id,
    hubId: charter.hubId,
    version: charter.version,
    text: { nl: charter.textNl, en: charter.textEn },
    publishedAt: charter.publishedAt.toISOString(),
  };
}
