import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  Caller,
  CATEGORY_DEFAULTS,
  CategoryDefaults,
  DIGEST_UNSUBSCRIBES,
  DigestUnsubscribe,
  DomainError,
  InputOf,
  NOTIFICATION_CATEGORIES,
  NotificationCategory,
  NotificationPreferencesView,
  PutNotificationPreferences,
  UnsubscribedView,
} from '@cirkel/contracts';
import { DigestItemRepository } from '../digests/digest-item.repository';
import { NOTIFICATIONS_SETTINGS, NotificationsSettings } from '../notifications.config';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import { UnsubscribeTokens } from './unsubscribe-token';

/**
 * Categories whose message is a digest itself (the weekly city digest): e-mailed when it is made,
 * whatever rhythm was chosen (only `off` stops it), and never carried by a personal digest — so a
 * personal digest's one-click link does not switch it off.
 */
export const OWN_DIGEST_CATEGORIES: readonly NotificationCategory[] = ['city-digest'];

export class PreferenceLocked extends DomainError {
  constructor(category: NotificationCategory) {
    super('preference-locked', 409, 'Cannot be switched off', `Notifications of ${category} cannot be switched off or changed.`);
  }
}

export class UnsubscribeTokenInvalid extends DomainError {
  constructor() {
    super('unsubscribe-token-invalid', 400, 'Invalid unsubscribe link', 'This unsubscribe link was not made by Cirkel, or was altered.');
  }
}

/** What a person chose for a category, or its defaults. */
export type Effective = Pick<CategoryDefaults, 'inApp' | 'email'>;

/** Each person's choices per category; what cannot be switched off stays as it is. */
@Injectable()
export class NotificationPreferencesService {
  private readonly tokens: UnsubscribeTokens;

  constructor(
    private readonly dataSource: DataSource,
    private readonly preferences: NotificationPreferenceRepository,
    private readonly digestItems: DigestItemRepository,
    @Inject(NOTIFICATIONS_SETTINGS) settings: NotificationsSettings,
  ) {
    this.tokens = new UnsubscribeTokens(settings.unsubscribeSecret);
  }

  async get(caller: Caller): Promise<NotificationPreferencesView> {
    const chosen = new Map((await this.preferences.ofPerson(caller.personId)).map((p) => [p.category, p]));
    return {
      items: NOTIFICATION_CATEGORIES.map((category) => {
        const defaults = CATEGORY_DEFAULTS[category];
        const own = defaults.locked ? undefined : chosen.get(category);
        return { category, inApp: own?.inApp ?? defaults.inApp, email: own?.email ?? defaults.email, canSwitchOff: !defaults.locked };
      }),
    };
  }

  async put(caller: Caller, data: InputOf<typeof PutNotificationPreferences>): Promise<NotificationPreferencesView> {
    for (const p of data.preferences) {
      const defaults = CATEGORY_DEFAULTS[p.category];
      if (defaults.locked && (p.inApp !== defaults.inApp || p.email !== defaults.email)) throw new PreferenceLocked(p.category);
    }
    const now = new Date();
    await this.preferences.save(
      this.dataSource.manager,
      data.preferences.filter((p) => !CATEGORY_DEFAULTS[p.category].locked).map((p) => ({ personId: caller.personId, category: p.category, inApp: p.inApp, email: p.email, updatedAt: now })),
    );
    return this.get(caller);
  }

  /** What each of `personIds` gets of `category` (in the transaction of the event being handled). */
  async effective(manager: EntityManager, personIds: string[], category: NotificationCategory): Promise<Map<string, Effective>> {
    const defaults = CATEGORY_DEFAULTS[category];
    const chosen = defaults.locked ? [] : await this.preferences.ofCategory(manager, personIds, category);
    const byPerson = new Map(chosen.map((p) => [p.personId, { inApp: p.inApp, email: p.email }]));
    return new Map(personIds.map((id) => [id, byPerson.get(id) ?? { inApp: defaults.inApp, email: defaults.email }]));
  }

  /** The one-click link's token for a person and a category (or a digest); null for a category that cannot be switched off. */
  unsubscribeToken(personId: string, category: NotificationCategory | DigestUnsubscribe): string | null {
    return !isDigest(category) && CATEGORY_DEFAULTS[category].locked ? null : this.tokens.sign({ personId, category });
  }

  /**
   * Switches off the e-mail of the token's category for the token's person, and nothing else. A
   * digest's token switches off the e-mail of every category the person gets in that digest (the
   * app's notifications stay; not the city digest, which that digest never carries), and what waited
   * for the next one is dropped.
   */
  async unsubscribe(token: string): Promise<UnsubscribedView> {
    const claim = this.tokens.verify(token);
    if (!claim) throw new UnsubscribeTokenInvalid();
    const { personId, category } = claim;
    if (isDigest(category)) return this.unsubscribeDigest(personId, category);
    if (CATEGORY_DEFAULTS[category].locked) throw new UnsubscribeTokenInvalid();
    const current = (await this.effective(this.dataSource.manager, [personId], category)).get(personId) as Effective;
    await this.preferences.save(this.dataSource.manager, [{ personId, category, inApp: current.inApp, email: 'off', updatedAt: new Date() }]);
    return { category, email: 'off', switchedOff: [category] };
  }

  private unsubscribeDigest(personId: string, digest: DigestUnsubscribe): Promise<UnsubscribedView> {
    const rhythm = digest === 'daily-digest' ? 'daily' : 'weekly';
    return this.dataSource.transaction(async (manager) => {
      const switchedOff: NotificationCategory[] = [];
      const now = new Date();
      for (const category of NOTIFICATION_CATEGORIES.filter((c) => !CATEGORY_DEFAULTS[c].locked && !OWN_DIGEST_CATEGORIES.includes(c))) {
        const current = (await this.effective(manager, [personId], category)).get(personId) as Effective;
        if (current.email !== rhythm) continue;
        await this.preferences.save(manager, [{ personId, category, inApp: current.inApp, email: 'off', updatedAt: now }]);
        switchedOff.push(category);
      }
      await this.digestItems.dropWaiting(manager, personId, rhythm);
      return { category: digest, email: 'off' as const, switchedOff };
    });
  }
}

function isDigest(category: NotificationCategory | DigestUnsubscribe): category is DigestUnsubscribe {
  return (DIGEST_UNSUBSCRIBES as readonly string[]).includes(category);
}
