import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { ApiProblem } from '../api/problem';
import { Outcome, ProblemAlert, SelectField, TextField, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { DATE_ONLY, DATE_TIME } from '../i18n/i18n';
import { IdeaForm } from '../ideas/idea-form';
import { Collaboration } from '../ideas/collaboration';
import { CANVAS_BLOCKS, emptyCanvas, WORK_DOMAINS, type IdeaDraft, type WorkDomain } from '../ideas/idea-rules';
import { Link, navigate } from '../router';
import { useSession } from '../session/session';
import { LOOKING_FOR_A_MENTOR, MentorSuggestions } from '../ideas/mentor-suggestions';

type Idea = Schemas['IdeaView'];
type IdeaSummary = Schemas['IdeaSummaryView'];

/** The ideas the person's organisation leads, newest first, each with its stage. */
export function IdeasPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const organisation = me?.person.memberships[0];
  const [ideas, setIdeas] = useState<IdeaSummary[] | null>(null);
  const { run, problem } = useAction();
  useEffect(() => {
    if (!organisation) return;
    run(() => ok(api.GET('/api/v1/ideas', { params: { query: { organisation: organisation.organisationId, limit: 100 } } }))).then((page) => page && setIdeas(page.items));
  }, [organisation, run]);

  return (
    <Page title={t('ideas.title')}>
      <ProblemAlert problem={problem} />
      {organisation ? (
        <p className="actions">
          <Link className="button" href="/ideas/new">
            {t('ideas.new')}
          </Link>
        </p>
      ) : (
        <p>{t('organisation.none')}</p>
      )}
      {organisation && !ideas && !problem ? <Loading /> : null}
      {ideas?.length === 0 ? <p>{t('ideas.empty')}</p> : null}
      {ideas?.length ? (
        <ul className="cards">
          {ideas.map((idea) => (
            <li key={idea.id}>
              <h2>
                <Link href={`/ideas/${idea.id}`}>{idea.title}</Link>
              </h2>
              <p>
                <span className={`stage stage-${idea.stage}`}>{t(`stage.${idea.stage}`)}</span> · {t(`workDomain.${idea.workDomain}`)} · {t('ideas.updated', { at: new Date(idea.updatedAt), ...DATE_ONLY })}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <HubIdeas />
    </Page>
  );
}

/** Browsing and searching every idea of the hub (Dutch full-text search by the API), 20 at a time. */
function HubIdeas() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [workDomain, setWorkDomain] = useState<WorkDomain | ''>('');
  const [found, setFound] = useState<{ items: IdeaSummary[]; nextCursor: string | null } | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const search = async (cursor?: string) => {
    const query = { limit: 20, ...(q.trim() ? { q: q.trim() } : {}), ...(workDomain ? { workDomain } : {}), ...(cursor ? { cursor } : {}) };
    const page = await run(() => ok(api.GET('/api/v1/ideas', { params: { query } })));
    if (page) setFound((before) => ({ items: cursor && before ? [...before.items, ...page.items] : page.items, nextCursor: page.nextCursor }));
  };
  // The newest first, at once; then what the form asks for.
  useEffect(() => void run(() => ok(api.GET('/api/v1/ideas', { params: { query: { limit: 20 } } }))).then((page) => page && setFound(page)), [run]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search();
  };
  return (
    <section aria-labelledby="hub-ideas">
      <h2 id="hub-ideas">{t('hubIdeas.title')}</h2>
      <form onSubmit={submit} role="search" aria-label={t('hubIdeas.title')} className="period">
        <TextField label={t('hubIdeas.q')} maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} error={fieldError('q')} />
        <SelectField label={t('ideaForm.workDomain')} value={workDomain} onChange={(e) => setWorkDomain(e.target.value as WorkDomain | '')} options={[{ value: '', label: t('hubIdeas.allDomains') }, ...WORK_DOMAINS.map((d) => ({ value: d, label: t(`workDomain.${d}`) }))]} />
        <button type="submit" disabled={pending}>
          {t('hubIdeas.search')}
        </button>
      </form>
      <Outcome problem={problem} />
      {found?.items.length === 0 ? <p>{t('hubIdeas.none')}</p> : null}
      <ul className="cards">
        {found?.items.map((idea) => (
          <li key={idea.id}>
            <h3>
              <Link href={`/ideas/${idea.id}`}>{idea.title}</Link>
            </h3>
            <p>
              <span className={`stage stage-${idea.stage}`}>{t(`stage.${idea.stage}`)}</span> · {idea.leadOrganisation.name} · {t(`workDomain.${idea.workDomain}`)}
            </p>
          </li>
        ))}
      </ul>
      {found?.nextCursor ? (
        <p className="actions">
          <button type="button" className="secondary" disabled={pending} onClick={() => found.nextCursor && search(found.nextCursor)}>
            {t('hubIdeas.more')}
          </button>
        </p>
      ) : null}
    </section>
  );
}

/** One idea: its stage and history, its description and canvas; its lead organisation's members edit a draft and submit it. */
export function IdeaPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [idea, setIdea] = useState<Idea | null>(null);
  const { run, pending, problem } = useAction();
  const load = useCallback(() => run(() => ok(api.GET('/api/v1/ideas/{id}', { params: { path: { id } } }))).then((found) => found && setIdea(found)), [id, run]);
  useEffect(() => void load(), [load]);

  if (!idea) {
    return <Page title={t('ideas.idea')}>{problem ? <ProblemAlert problem={problem} /> : <Loading />}</Page>;
  }
  const leads = me?.person.memberships.some((m) => m.organisationId === idea.leadOrganisation.id) ?? false;
  const submit = async () => {
    const submitted = await run(() => ok(api.POST('/api/v1/ideas/{id}/submission', { params: { path: { id } } })));
    if (submitted) setIdea(submitted);
  };
  return (
    <Page title={idea.title}>
      <ProblemAlert problem={problem} />
      <p>
        <span className={`stage stage-${idea.stage}`}>{t(`stage.${idea.stage}`)}</span> · {idea.leadOrganisation.name}
      </p>
      {leads && idea.stage === 'draft' ? (
        <div className="actions">
          <Link className="button secondary" href={`/ideas/${idea.id}/edit`}>
            {t('ideas.edit')}
          </Link>
          <button type="button" onClick={submit} disabled={pending}>
            {t('ideas.submit')}
          </button>
          <p className="hint">{t('ideas.submitHint')}</p>
        </div>
      ) : null}
      {adminMoves(idea).length ? <MoveIdeaForm key={idea.stage} idea={idea} onMoved={setIdea} /> : null}
      <p>{idea.summary}</p>
      <dl className="facts">
        <dt>{t('ideaForm.workDomain')}</dt>
        <dd>{t(`workDomain.${idea.workDomain}`)}</dd>
        <dt>{t('ideas.factStrategies')}</dt>
        <dd>{idea.strategies.map((s) => t(`strategy.${s}`)).join(', ')}</dd>
        <dt>{t('ideaForm.expectedJobs')}</dt>
        <dd>{t('ideas.jobs', { regular: idea.expectedJobs.regular, social: idea.expectedJobs.social })}</dd>
      </dl>
      {idea.mentor && (me?.person.hubRoles.includes('hub_admin') || idea.mentor.id === me?.person.id) ? (
        <p>
          <Link href={`/ideas/${idea.id}/coaching`}>{t('coachedIdea.link', { idea: idea.title })}</Link>
        </p>
      ) : null}
      {me?.person.hubRoles.includes('hub_admin') && LOOKING_FOR_A_MENTOR.includes(idea.stage) ? <MentorSuggestions idea={idea} /> : null}
      <section aria-labelledby="idea-history">
        <h2 id="idea-history">{t('ideas.history')}</h2>
        <ol className="history">
          {idea.history.map((step, i) => (
            <li key={i}>
              {step.from ? t('ideas.moved', { from: t(`stage.${step.from}`), to: t(`stage.${step.to}`) }) : t('ideas.created', { to: t(`stage.${step.to}`) })}{' '}
              <span className="muted">{t('ideas.at', { at: new Date(step.at), ...DATE_TIME })}</span>
              {step.reason ? <span> — {step.reason}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <Collaboration idea={idea} memberships={me?.person.memberships ?? []} onChanged={load} />
      <section aria-labelledby="idea-canvas">
        <h2 id="idea-canvas">{t('canvas.title')}</h2>
        {idea.canvas ? (
          <dl className="canvas-view">
            {CANVAS_BLOCKS.map((block) => (
              <div key={block}>
                <dt>{t(`canvas.blocks.${block}.label`)}</dt>
                <dd>{idea.canvas?.[block] || <span className="muted">{t('canvas.blockEmpty')}</span>}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>{t('canvas.none')}</p>
        )}
      </section>
    </Page>
  );
}

const toDraft = (idea: Idea | null): IdeaDraft => ({
  title: idea?.title ?? '',
  summary: idea?.summary ?? '',
  workDomain: idea?.workDomain ?? 'green',
  strategies: idea?.strategies ?? [],
  expectedJobs: { regular: String(idea?.expectedJobs.regular ?? 0), social: String(idea?.expectedJobs.social ?? 0) },
  canvas: idea?.canvas ?? emptyCanvas(),
});

/** A new idea (a draft of the person's organisation), or a draft's changes. */
export function IdeaEditorPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [idea, setIdea] = useState<Idea | null | undefined>(id ? undefined : null);
  const { run, pending, problem, fieldError } = useAction();
  useEffect(() => {
    if (id) run(() => ok(api.GET('/api/v1/ideas/{id}', { params: { path: { id } } }))).then((found) => found && setIdea(found));
  }, [id, run]);
  const organisation = me?.person.memberships[0];

  const save = async (draft: IdeaDraft) => {
    const fields = {
      title: draft.title.trim(),
      summary: draft.summary.trim(),
      workDomain: draft.workDomain,
      strategies: draft.strategies,
      expectedJobs: { regular: Number(draft.expectedJobs.regular), social: Number(draft.expectedJobs.social) },
    };
    const saved = await run(async () => {
      if (!id) return ok(api.POST('/api/v1/ideas', { body: { ...fields, leadOrganisationId: organisation?.organisationId, canvas: draft.canvas } }));
      // Two calls (the API has none that changes both): the canvas's rules were checked before sending,
      // so its refusal is rare; its fields are named from the canvas's root and marked at the form's `canvas.…`.
      await ok(api.PATCH('/api/v1/ideas/{id}', { params: { path: { id } }, body: fields }));
      return ok(api.PUT('/api/v1/ideas/{id}/canvas', { params: { path: { id } }, body: draft.canvas })).catch((error: unknown) => {
        throw error instanceof ApiProblem ? error.under('canvas') : error;
      });
    });
    if (saved) navigate(`/ideas/${saved.id}`);
  };
  return (
    <Page title={id ? t('ideas.edit') : t('ideas.new')} wide>
      <ProblemAlert problem={problem} />
      {idea === undefined ? <Loading /> : <IdeaForm initial={toDraft(idea)} onSave={save} pending={pending} serverError={fieldError} />}
    </Page>
  );
}

/** The stages a hub admin may move the idea to now: the API says which moves the caller may ask for (the web app keeps no copy of the pipeline). */
const adminMoves = (idea: Idea) => idea.moves.filter((move) => move.by === 'hub_admin').map((move) => move.to);

/** A hub admin moves an idea on (or parks it), with a reason the partners read in its history. */
function MoveIdeaForm({ idea, onMoved }: { idea: Idea; onMoved: (idea: Idea) => void }) {
  const { t } = useTranslation();
  const moves = adminMoves(idea);
  const [to, setTo] = useState(moves[0]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const { run, pending, problem, fieldError } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(reason.trim() && reason.trim().length < 3 ? t('screening.reasonRule') : undefined);
    if (reason.trim() && reason.trim().length < 3) return;
    const moved = await run(() => ok(api.POST('/api/v1/ideas/{id}/transitions', { params: { path: { id: idea.id } }, body: { to, ...(reason.trim() ? { reason: reason.trim() } : {}) } })));
    if (moved) {
      onMoved(moved);
      setReason('');
    }
  };
  return (
    <section aria-labelledby="idea-move" className="notice">
      <h2 id="idea-move">{t('screening.move')}</h2>
      <ProblemAlert problem={problem} />
      <form onSubmit={submit} noValidate>
        <SelectField label={t('screening.to')} value={to} onChange={(e) => setTo(e.target.value as typeof to)} options={moves.map((m) => ({ value: m, label: t(`stage.${m}`) }))} />
        <TextField label={t('screening.reason')} hint={t('screening.reasonHint')} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} error={error ?? fieldError('reason')} />
        <button type="submit" disabled={pending}>
          {t('screening.submit')}
        </button>
      </form>
    </section>
  );
}
