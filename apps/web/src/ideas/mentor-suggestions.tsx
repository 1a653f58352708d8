import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, useAction } from '../components/form';
import { DATE_ONLY, DATE_TIME } from '../i18n/i18n';

type Suggestion = Schemas['MentorSuggestion'];
type Idea = Schemas['IdeaView'];

/** The stages in which an idea still looks for its mentor (matching proposes a submitted idea; coaching has one). */
export const LOOKING_FOR_A_MENTOR: Idea['stage'][] = ['submitted', 'screening'];

/**
 * For hub admins, on an idea: every active mentor weighed for it, best first, with why (domain,
 * free places, availability, asked before); the mentor whose answer the idea's open proposal waits
 * for is marked so (and not offered again); the idea is proposed to one of the others by hand.
 */
export function MentorSuggestions({ idea }: { idea: Idea }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [asked, setAsked] = useState<Suggestion | null>(null);
  const { run, pending, problem } = useAction();
  // The API's words for a full mentor are the mentor's own ("raise your number in your profile"): the admin reads whom it concerns.
  const full = problem?.code === 'mentor-at-capacity' && asked !== null;
  const load = useCallback(
    () => run(() => ok(api.GET('/api/v1/ideas/{id}/mentor-suggestions', { params: { path: { id: idea.id } } }))).then((list) => list && setItems(list.items)),
    [idea.id, run],
  );
  useEffect(() => void load(), [load]);
  const propose = async (mentor: Suggestion) => {
    setMessage(null);
    setAsked(mentor);
    if (await run(() => ok(api.POST('/api/v1/ideas/{id}/assignments', { params: { path: { id: idea.id } }, body: { mentorId: mentor.personId } })))) {
      setMessage(t('suggestions.proposed', { name: mentor.name }));
      await load();
    }
  };
  return (
    <section aria-labelledby="mentor-suggestions">
      <h2 id="mentor-suggestions">{t('suggestions.title')}</h2>
      <p>{t('suggestions.intro')}</p>
      <Outcome message={message} problem={full ? null : problem} />
      {full ? (
        <div className="alert" role="alert">
          <p>{t('suggestions.atCapacity', { name: asked.name })}</p>
        </div>
      ) : null}
      {items?.length === 0 ? <p>{t('suggestions.empty')}</p> : null}
      <ol className="cards">
        {items?.map((m) => (
          <li key={m.personId}>
            <h3>{m.name}</h3>
            <p>
              {[
                m.eligible ? t('suggestions.fits') : null,
                m.inDomain ? t('suggestions.inDomain') : t('suggestions.notInDomain'),
                t('suggestions.load', { load: m.load, capacity: m.capacity }),
                !m.availableNow && m.unavailableUntil ? t('suggestions.awayUntil', { at: new Date(m.unavailableUntil), ...DATE_ONLY }) : null,
                m.askedBefore ? t('suggestions.askedBefore') : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <p className="muted">{m.workDomains.map((d) => t(`workDomain.${d}`)).join(', ')}</p>
            {m.openProposalSince ? (
              <p>
                <strong className="badge waiting">{t('suggestions.waiting')}</strong> {t('suggestions.waitingSince', { at: new Date(m.openProposalSince), ...DATE_TIME })}
              </p>
            ) : (
              <button type="button" disabled={pending} onClick={() => propose(m)}>
                {t('suggestions.propose', { name: m.name })}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
