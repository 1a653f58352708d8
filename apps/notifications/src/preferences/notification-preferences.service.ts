import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  Caller,
  CATEGORY_DEFAULTS,
  CategoryDefaults,
  DomainError,
  InputOf,
  NOTIFICATION_CATEGORIES,
  NotificationCategory,
  NotificationPreferencesView,
  PutNotificationPreferences,
} from '@cirkel/contracts';
import { NOTIFICATIONS_SETTINGS, NotificationsSettings } from '../notifications.config';
import { NotificationPreferenceRepository } from './notification-preference.repository';
import { UnsubscribeTokens } from './unsubscribe-token';

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

  /** The one-click link's token for a person and a category; null for one that cannot be switched off. */
  unsubscribeToken(personId: string, category: NotificationCategory): string | null {
    return CATEGORY_DEFAULTS[category].locked ? null : this.tokens.sign({ personId, category });
  }

  /** Switches off the e-mail of the token's category for the token's person, and nothing else. */
  async unsubscribe(token: string): Promise<{ category: NotificationCategory; email: 'off' }> {
    const claim = this.tokens.verify(token);
    if (!claim || CATEGORY_DEFAULTS[claim.category].locked) throw new UnsubscribeTokenInvalid();
    const current = (await this.effective(this.dataSource.manager, [claim.personId], claim.category)).get(claim.personId) as Effective;
    await this.preferences.save(this.dataSource.manager, [{ personId: claim.personId, category: claim.category, inApp: current.inApp, email: 'off', updatedAt: new Date() }]);
    return { category: claim.category, email: 'off' };
  }
}
