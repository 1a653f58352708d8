import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { ConfirmRemoval } from '../components/confirm-removal';
import { Outcome, TextField, useAction, useFocusFirstInvalid } from '../components/form';
import { Loading, Page } from '../components/page';
import { brusselsToday } from '../coaching/brussels-time';
import { DATE_TIME } from '../i18n/i18n';
import { useSession } from '../session/session';

type Phase = Schemas['EsfPhaseView'];
type Target = Schemas['TargetView'];
type Errors = Record<string, string>;

const PHASE_KEY = /^[a-z][a-z0-9-]{0,39}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The days a phase may hold, and its longest span: the API's (`PutEsfPhase`, ESF_PHASE_MAX_YEARS in @cirkel/contracts). */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';
const PHASE_MAX_YEARS = 10;
const inRange = (day: string) => day >= FIRST_DAY && day <= LAST_DAY;
/** The same day (month and day as written) some years later, as the API reckons. */
const yearsAfter = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

/** An ESF phase's rules, as the API has them: field → rule broken. */
export function phaseRules(phase: { key: string; name: string; from: string; to: string }): Errors {
  const errors: Errors = {};
  if (!PHASE_KEY.test(phase.key)) errors.key = 'key';
  if (!phase.name.trim()) errors.name = 'name';
  if (!DAY.test(phase.from)) errors.from = 'day';
  else if (!inRange(phase.from)) errors.from = 'dayInRange';
  if (!DAY.test(phase.to)) errors.to = 'day';
  else if (!inRange(phase.to)) errors.to = 'dayInRange';
  else if (!errors.from && phase.to < phase.from) errors.to = 'toAfterFrom';
  else if (!errors.from && phase.to >= yearsAfter(phase.from, PHASE_MAX_YEARS)) errors.to = 'tooLong';
  return errors;
}

export interface TargetDraft {
  period: string;
  jobs: string;
  socialJobs: string;
  fte: string;
  participants: string;
}
/** A target's rules: a year or a phase's code; whole numbers (FTE may have decimals, with a comma or a point); the social jobs are part of the jobs. */
export function targetRules(draft: TargetDraft): Errors {
  const errors: Errors = {};
  if (!/^\d{4}$/.test(draft.period) && !PHASE_KEY.test(draft.period)) errors.period = 'period';
  for (const field of ['jobs', 'socialJobs', 'participants'] as const) if (!/^\d{1,7}$/.test(draft[field].trim()) || Number(draft[field]) > 1_000_000) errors[field] = 'whole';
  if (!/^\d{1,7}([.,]\d+)?$/.test(draft.fte.trim()) || decimal(draft.fte) > 1_000_000) errors.fte = 'number';
  if (!errors.jobs && !errors.socialJobs && Number(draft.socialJobs) > Number(draft.jobs)) errors.socialJobs = 'socialNotMore';
  return errors;
}
const decimal = (text: string) => Number(text.trim().replace(',', '.'));

/** For hub admins: the ESF phases, the targets per year and phase with what was reached, and a statistics run on demand. */
export function TargetsPage() {
  const { t, i18n } = useTranslation();
  /** A calendar day (YYYY-MM-DD) in words, in the reader's language. */
  const day = (date: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const admin = useSession().me?.person.hubRoles.includes('hub_admin') ?? false;
  const [phases, setPhases] = useState<Phase[] | null>(null);
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [editing, setEditing] = useState<TargetDraft | null>(null);
  const { run, problem } = useAction();
  const load = useCallback(
    () =>
      run(() => Promise.all([ok(api.GET('/api/v1/esf-phases')), ok(api.GET('/api/v1/targets'))])).then((lists) => {
        if (!lists) return null;
        setPhases(lists[0].items);
        setTargets(lists[1].items);
        return lists[1].items;
      }),
    [run],
  );
  useEffect(() => {
    if (admin) void load();
  }, [admin, load]);
  if (!admin) {
    return (
      <Page title={t('targets.title')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  const number = (value: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(value);
  const figure = (f: Schemas['SuppressibleFigure']) => (f.suppressed ? t('targets.suppressed') : f.value === null ? '—' : number(f.value));
  // The year and its phases are computed together: the latest time says how fresh the table is.
  const nameOf = (period: string) => phases?.find((p) => p.key === period)?.name ?? period;
  const computedAt = targets?.map((row) => row.computedAt).filter((at): at is string => at !== null).sort().pop();
  return (
    <Page title={t('targets.title')} wide>
      <Outcome problem={problem} />
      {phases === null && !problem ? <Loading /> : null}
      <section aria-labelledby="targets-list">
        <h2 id="targets-list">{t('targets.targets')}</h2>
        {targets?.length === 0 ? <p>{t('targets.noTargets')}</p> : null}
        {targets?.length ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('targets.caption')}>
            <table>
              <caption className="visually-hidden">{t('targets.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('targets.period')}</th>
                  <th scope="col">{t('targets.jobs')}</th>
                  <th scope="col">{t('targets.socialJobs')}</th>
                  <th scope="col">{t('targets.fte')}</th>
                  <th scope="col">{t('targets.participants')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('targets.newTarget')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {targets.map((row) => (
                  <tr key={row.period}>
                    <th scope="row">{nameOf(row.period)}</th>
                    {(['jobs', 'socialJobs', 'fte', 'participants'] as const).map((k) => (
                      <td key={k}>{row.computedAt ? t('targets.goal', { actual: figure(row.actual[k]), target: number(row.target[k]) }) : t('targets.goal', { actual: '—', target: number(row.target[k]) })}</td>
                    ))}
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => setEditing({ period: row.period, jobs: String(row.target.jobs), socialJobs: String(row.target.socialJobs), fte: String(row.target.fte), participants: String(row.target.participants) })}
                      >
                        {t('targets.edit', { period: row.period })}
                      </button>{' '}
                      <TargetRemoval
                        period={row.period}
                        name={nameOf(row.period)}
                        onDeleted={() => {
                          if (editing?.period === row.period) setEditing(null);
                          void load();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {targets?.length ? <p className="muted">{computedAt ? t('dashboard.computed', { at: new Date(computedAt), ...DATE_TIME }) : t('targets.notComputed')}</p> : null}
        <TargetForm key={editing?.period ?? 'new'} initial={editing} onSaved={() => void load()} />
      </section>
      <StatisticsRun onComputed={load} />
      <section aria-labelledby="phases">
        <h2 id="phases">{t('targets.phases')}</h2>
        <p>{t('targets.phasesIntro')}</p>
        {phases?.length === 0 ? <p>{t('targets.noPhases')}</p> : null}
        <ul className="list">
          {phases?.map((p) => (
            <PhaseItem key={p.key} phase={p} text={t('targets.phase', { name: p.name, key: p.key, from: day(p.from), to: day(p.to) })} hasTarget={targets?.some((row) => row.period === p.key) ?? false} onDeleted={() => void load()} />
          ))}
        </ul>
        <PhaseForm onSaved={() => void load()} />
      </section>
    </Page>
  );
}

/** Sets a year's or a phase's target (the API keeps one per period: saving again replaces it). */
export function TargetForm({ initial, onSaved }: { initial: TargetDraft | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TargetDraft>(initial ?? { period: brusselsToday().slice(0, 4), jobs: '', socialJobs: '', fte: '', participants: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const error = (field: keyof TargetDraft) => (errors[field] ? t(`targets.rules.${errors[field]}`) : fieldError(field));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const found = targetRules(draft);
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const body = { jobs: Number(draft.jobs), socialJobs: Number(draft.socialJobs), fte: decimal(draft.fte), participants: Number(draft.participants) };
    const saved = await run(() => ok(api.PUT('/api/v1/targets/{period}', { params: { path: { period: draft.period } }, body })));
    if (saved) {
      setMessage(t('targets.targetSaved', { period: saved.period }));
      onSaved();
    } else refused();
  };
  const field = (name: keyof TargetDraft, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField label={label} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} error={error(name)} required {...extra} />
  );
  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="target-form">
      <h3 id="target-form">{initial ? t('targets.edit', { period: initial.period }) : t('targets.newTarget')}</h3>
      <Outcome message={message} problem={problem} />
      {field('period', t('targets.period'), { hint: t('targets.periodHint'), readOnly: initial !== null })}
      {field('jobs', t('targets.jobs'), { inputMode: 'numeric' })}
      {field('socialJobs', t('targets.socialJobs'), { inputMode: 'numeric' })}
      {field('fte', t('targets.fte'), { inputMode: 'decimal' })}
      {field('participants', t('targets.participants'), { inputMode: 'numeric' })}
      <button type="submit" disabled={pending}>
        {pending ? t('app.saving') : t('targets.saveTarget')}
      </button>
    </form>
  );
}

/**
 * One phase, removed after a second press that says what goes with it: the figures kept for it,
 * and its target when it has one (sent as removeTarget, so that the API never drops a target unasked).
 */
export function PhaseItem({ phase, text, hasTarget, onDeleted }: { phase: Phase; text: string; hasTarget: boolean; onDeleted: () => void }) {
  const { t } = useTranslation();
  const query = hasTarget ? { removeTarget: 'true' as const } : {};
  return (
    <li>
      {text}{' '}
      <ConfirmRemoval
        ask={t('targets.deletePhase', { name: phase.name })}
        explain={t(hasTarget ? 'targets.deletePhaseWithTarget' : 'targets.deletePhaseHint', { name: phase.name })}
        confirm={t('targets.deletePhaseConfirm', { name: phase.name })}
        keep={t('targets.keepPhase')}
        remove={() => ok(api.DELETE('/api/v1/esf-phases/{key}', { params: { path: { key: phase.key }, query } }))}
        onRemoved={onDeleted}
      />
    </li>
  );
}

/** A year's or a phase's target removed on its own, after a second press (the phase and its figures stay). */
export function TargetRemoval({ period, name, onDeleted }: { period: string; name: string; onDeleted: () => void }) {
  const { t } = useTranslation();
  return (
    <ConfirmRemoval
      ask={t('targets.deleteTarget', { period: name })}
      explain={t('targets.deleteTargetHint', { period: name })}
      confirm={t('targets.deleteTargetConfirm', { period: name })}
      keep={t('targets.keepTarget')}
      remove={() => ok(api.DELETE('/api/v1/targets/{period}', { params: { path: { period } } }))}
      onRemoved={onDeleted}
    />
  );
}

/** Defines a phase, or changes the one of the same code. */
function PhaseForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState({ key: '', name: '', from: '', to: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const { run, pending, problem, fieldError } = useAction();
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const error = (field: keyof typeof phase) => (errors[field] ? t(`targets.rules.${errors[field]}`) : fieldError(field));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const found = phaseRules(phase);
    setErrors(found);
    if (Object.keys(found).length) return refused();
    const saved = await run(() => ok(api.PUT('/api/v1/esf-phases/{key}', { params: { path: { key: phase.key } }, body: { name: phase.name.trim(), from: phase.from, to: phase.to } })));
    if (saved) {
      setMessage(t('targets.phaseSaved', { name: saved.name }));
      setPhase({ key: '', name: '', from: '', to: '' });
      onSaved();
    } else refused();
  };
  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="phase-form">
      <h3 id="phase-form">{t('targets.newPhase')}</h3>
      <Outcome message={message} problem={problem} />
      <TextField label={t('targets.key')} hint={t('targets.keyHint')} value={phase.key} onChange={(e) => setPhase({ ...phase, key: e.target.value })} error={error('key')} required maxLength={40} />
      <TextField label={t('targets.name')} value={phase.name} onChange={(e) => setPhase({ ...phase, name: e.target.value })} error={error('name')} required maxLength={120} />
      <TextField label={t('targets.from')} type="date" min={FIRST_DAY} max={LAST_DAY} value={phase.from} onChange={(e) => setPhase({ ...phase, from: e.target.value })} error={error('from')} required />
      <TextField label={t('targets.to')} type="date" min={FIRST_DAY} max={LAST_DAY} value={phase.to} onChange={(e) => setPhase({ ...phase, to: e.target.value })} error={error('to')} required />
      <button type="submit" disabled={pending}>
        {pending ? t('app.saving') : t('targets.savePhase')}
      </button>
    </form>
  );
}

const POLL_MS = 2_000;
const POLL_TIMES = 30;

/** When the year's statistics were last computed (null: never). */
async function computedAt(year: string): Promise<string | null> {
  return (await ok(api.GET('/api/v1/statistics', { params: { query: { period: year, groupBy: 'sector' } } }))).computedAt ?? null;
}

/**
 * Asks for a statistics run of a year, then follows it: the year's statistics are read again every
 * two seconds until they carry a newer computation time (a minute at most), with a progress bar
 * meanwhile; then the time is shown and the targets' figures are read again.
 */
export function StatisticsRun({ onComputed }: { onComputed: () => unknown }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(brusselsToday().slice(0, 4));
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [following, setFollowing] = useState(false);
  const { run, pending, problem, fieldError } = useAction();
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const n = Number(year);
    if (!/^\d{4}$/.test(year) || n < 2000 || n > 2100) return setError(t('statisticsRun.rules.year'));
    setError(undefined);
    const started = await run(async () => ({ before: await computedAt(year), asked: await ok(api.POST('/api/v1/statistics/runs', { body: { year: n } })) }));
    if (!started) return;
    const { before, asked } = started;
    setMessage(t(asked.coalesced ? 'statisticsRun.coalesced' : 'statisticsRun.queued', { runYear: asked.year, at: new Date(asked.startsBy), ...DATE_TIME }));
    setFollowing(true);
    for (let i = 0; i < POLL_TIMES && alive.current; i++) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const now = await computedAt(year).catch(() => null);
      if (now && now !== before) {
        setFollowing(false);
        setMessage(t('statisticsRun.done', { runYear: asked.year, at: new Date(now), ...DATE_TIME }));
        onComputed();
        return;
      }
    }
    setFollowing(false);
    setMessage(t('statisticsRun.slow'));
  };
  return (
    <section aria-labelledby="statistics-run">
      <h2 id="statistics-run">{t('statisticsRun.title')}</h2>
      <p>{t('statisticsRun.intro')}</p>
      <Outcome message={message} problem={problem} />
      <form onSubmit={submit} noValidate>
        <TextField label={t('statisticsRun.year')} inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} error={error ?? fieldError('year')} required />
        <p className="actions">
          <button type="submit" disabled={pending || following}>
            {following ? t('statisticsRun.running') : t('statisticsRun.run')}
          </button>
          {following ? <progress aria-label={t('statisticsRun.running')} /> : null}
        </p>
      </form>
    </section>
  );
}
