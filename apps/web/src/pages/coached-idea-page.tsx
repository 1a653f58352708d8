import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { SessionActions } from '../coaching/session-actions';
import { useCursorList } from '../components/cursor-list';
import { ProblemAlert, useAction } from '../components/form';
import { MoreButton } from '../components/more-button';
import { Loading, Page } from '../components/page';
import { DATE_TIME } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session/session';
import { PlanSessionForm } from './assignments-page';

type CoachingSession = Schemas['CoachingSessionView'];
type Idea = Schemas['IdeaView'];

/** An idea's sessions come 500 at a time (the API's most); an idea rarely has that many. */
const PAGE = 500;

/**
 * One coached idea with its sessions together, for its mentor (from `/assignments`) and for hub
 * admins (from the idea's page): the idea in short, the sessions to come (soonest first) and those
 * past (latest first), each with its details and action items; its mentor moves, cancels or
 * completes them here, and plans the next. The API gives a hub admin every session of the idea
 * (`GET /sessions?ideaId`), anyone else their own of it.
 */
export function CoachedIdeaPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const admin = me?.person.hubRoles.includes('hub_admin') ?? false;
  const [idea, setIdea] = useState<Idea | null>(null);
  const [assignmentId, setAssignmentId] = useState<string | null>(null);
  const { run, problem } = useAction();
  const read = useCallback((cursor?: string) => ok(api.GET('/api/v1/sessions', { params: { query: { ideaId: id, limit: PAGE, ...(cursor ? { cursor } : {}) } } })), [id]);
  const sessions = useCursorList(read);
  const { load } = sessions;
  const mentor = !!me && idea?.mentor?.id === me.person.id;
  useEffect(() => {
    void run(() => ok(api.GET('/api/v1/ideas/{id}', { params: { path: { id } } }))).then((found) => found && setIdea(found));
    void load();
  }, [id, run, load]);
  useEffect(() => {
    // Its mentor plans the next session here: the accepted assignment of this idea is theirs.
    if (!mentor) return;
    void run(() => ok(api.GET('/api/v1/assignments'))).then((list) => setAssignmentId(list?.items.find((a) => a.idea.id === id && a.status === 'accepted')?.id ?? null));
  }, [mentor, id, run]);

  const [now] = useState(() => new Date().toISOString());
  const { coming, past } = useMemo(() => {
    const all = sessions.items ?? [];
    return { coming: all.filter((s) => s.startsAt >= now), past: all.filter((s) => s.startsAt < now).reverse() };
  }, [sessions.items, now]);

  if (!idea) {
    return <Page title={t('coachedIdea.loading')}>{problem ? <ProblemAlert problem={problem} /> : <Loading />}</Page>;
  }
  const reload = () => load();
  const list = (items: CoachingSession[], heading: string, none: string, key: string) => (
    <section aria-labelledby={key}>
      <h2 id={key}>{heading}</h2>
      {sessions.items !== null && items.length === 0 ? <p>{none}</p> : null}
      <ul className="cards">
        {items.map((s) => (
          <li key={s.id}>
            <h3>
              {t('coachedIdea.session', { at: new Date(s.startsAt), ...DATE_TIME })} <span className="muted">({t(`sessions.status.${s.status}`)})</span>
            </h3>
            <SessionActions session={s} isMentor={s.mentor.personId === me?.person.id} onChanged={reload} readOnly={admin && s.mentor.personId !== me?.person.id} headingLevel={4} />
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <Page title={t('coachedIdea.title', { idea: idea.title })}>
      <ProblemAlert problem={problem} />
      <p>
        <span className={`stage stage-${idea.stage}`}>{t(`stage.${idea.stage}`)}</span> · {idea.leadOrganisation.name}
        {idea.mentor ? <> · {t('coachedIdea.mentor', { name: idea.mentor.name || t('coachedIdea.unnamed') })}</> : null}
      </p>
      <p>
        <Link href={`/ideas/${idea.id}`}>{t('coachedIdea.toIdea', { idea: idea.title })}</Link>
      </p>
      <ProblemAlert problem={sessions.problem} />
      {sessions.items === null && !sessions.problem ? <Loading /> : null}
      {list(coming, t('coachedIdea.coming'), t('coachedIdea.noneComing'), 'sessions-coming')}
      {mentor && assignmentId ? (
        <details>
          <summary>{t('sessions.planFor', { idea: idea.title })}</summary>
          <PlanSessionForm assignment={{ id: assignmentId }} onPlanned={reload} />
        </details>
      ) : null}
      {list(past, t('coachedIdea.past'), t('coachedIdea.nonePast'), 'sessions-past')}
      <MoreButton list={sessions} label={t('coachedIdea.more')} />
    </Page>
  );
}
