import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { Outcome, SelectField, useAction } from '../components/form';
import { DATE_TIME } from '../i18n/i18n';

type Idea = Schemas['IdeaView'];
type Memberships = Schemas['PersonView']['memberships'];

/**
 * Working together on an idea: who works on it; the open requests to join it, which its lead
 * organisation's members (and hub admins) accept or decline; and for a member of another
 * organisation, asking to join it once it is submitted (for which organisation, when they have several).
 */
export function Collaboration({ idea, memberships, onChanged }: { idea: Idea; memberships: Memberships; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem } = useAction();
  const involved = new Set([idea.leadOrganisation.id, ...idea.collaborators.map((c) => c.id)]);
  const others = [...new Map(memberships.filter((m) => !involved.has(m.organisationId)).map((m) => [m.organisationId, m.organisationName])).entries()].map(([value, label]) => ({ value, label }));
  const [chosen, setChosen] = useState('');
  // The idea's view holds no one's own request: once asked, the page offers it no more (the API would say 409).
  const [asked, setAsked] = useState(false);
  const organisationId = chosen || others[0]?.value;
  const mayAsk = !asked && idea.stage !== 'draft' && others.length > 0 && !memberships.some((m) => involved.has(m.organisationId));

  const ask = async () => {
    setMessage(null);
    const made = await run(() => ok(api.POST('/api/v1/ideas/{id}/collaboration-requests', { params: { path: { id: idea.id } }, body: others.length > 1 ? { organisationId } : {} })));
    if (made) {
      setAsked(true);
      setMessage(t('collaboration.asked', { lead: idea.leadOrganisation.name }));
    }
  };
  const decide = async (request: Schemas['CollaborationView'], accept: boolean) => {
    setMessage(null);
    const done = await run(() => ok(api.POST('/api/v1/ideas/{id}/collaboration-requests/{requestId}/decision', { params: { path: { id: idea.id, requestId: request.id } }, body: { accept } })));
    if (done) {
      setMessage(t(accept ? 'collaboration.accepted' : 'collaboration.declined', { organisation: request.organisation.name }));
      await onChanged();
    }
  };
  return (
    <section aria-labelledby="idea-collaboration">
      <h2 id="idea-collaboration">{t('collaboration.title')}</h2>
      <Outcome message={message} problem={problem} />
      <p>{idea.collaborators.length ? t('collaboration.with', { names: idea.collaborators.map((c) => c.name).join(', ') }) : t('collaboration.none')}</p>
      {idea.collaborationRequests ? (
        idea.collaborationRequests.length ? (
          <ul className="list">
            {idea.collaborationRequests.map((request) => (
              <li key={request.id}>
                {t('collaboration.request', { organisation: request.organisation.name, at: new Date(request.requestedAt), ...DATE_TIME })}
                <span className="actions">
                  <button type="button" disabled={pending} onClick={() => decide(request, true)}>
                    {t('collaboration.accept', { organisation: request.organisation.name })}
                  </button>
                  <button type="button" className="secondary" disabled={pending} onClick={() => decide(request, false)}>
                    {t('collaboration.decline', { organisation: request.organisation.name })}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('collaboration.noRequests')}</p>
        )
      ) : null}
      {mayAsk ? (
        <>
          {others.length > 1 ? <SelectField label={t('collaboration.forOrganisation')} value={organisationId} onChange={(e) => setChosen(e.target.value)} options={others} /> : null}
          <p className="actions">
            <button type="button" disabled={pending} onClick={ask}>
              {t('collaboration.ask')}
            </button>
          </p>
          <p className="hint">{t('collaboration.askHint', { lead: idea.leadOrganisation.name })}</p>
        </>
      ) : null}
    </section>
  );
}
