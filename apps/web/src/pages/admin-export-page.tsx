import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { toProblem } from '../api/problem';
import { brusselsToday } from '../coaching/brussels-time';
import { Outcome, ProblemAlert, SelectField, TextField, useAction } from '../components/form';
import { Page } from '../components/page';
import { useSession } from '../session/session';

const PERIOD = /^(\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?|[a-z][a-z0-9-]{0,39})$/;
type Format = 'csv' | 'xlsx';

/** Reads a download's body chunk by chunk, telling how much has come (and of how much, when the server says). */
async function readWithProgress(response: Response, onProgress: (received: number, total: number | null) => void): Promise<Blob> {
  const total = Number(response.headers.get('content-length')) || null;
  if (!response.body) return response.blob();
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    received += value.length;
    onProgress(received, total);
  }
  return new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' });
}

/** For hub admins: the ESF export of a period (suppressed, or exact as the file then says), downloaded with its progress. */
export function AdminExportPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  // This year in Brussels (the hub's), not in the browser's zone: they differ on New Year's Eve.
  const [period, setPeriod] = useState(() => brusselsToday().slice(0, 4));
  const [format, setFormat] = useState<Format>('xlsx');
  const [figures, setFigures] = useState<'suppressed' | 'exact'>('suppressed');
  const [progress, setProgress] = useState<{ received: number; total: number | null } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [periodError, setPeriodError] = useState<string | undefined>();
  const { run, pending, problem } = useAction();
  if (!me?.person.hubRoles.includes('hub_admin')) {
    return (
      <Page title={t('export.title')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  const download = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setPeriodError(PERIOD.test(period) ? undefined : t('export.periodRule'));
    if (!PERIOD.test(period)) return;
    setProgress({ received: 0, total: null });
    const blob = await run(async () => {
      const answer = await api.GET('/api/v1/statistics/export', { params: { query: { period, format, suppressed: figures === 'suppressed' ? 'true' : 'false' } }, parseAs: 'stream' });
      // A refusal's problem+json, shown in the person's language like any other.
      if (!answer.response.ok) throw toProblem(answer.response.status, await answer.response.json().catch(() => null));
      return readWithProgress(answer.response, (received, total) => setProgress({ received, total }));
    });
    setProgress(null);
    if (!blob) return;
    const name = `cirkel-esf-${period}${figures === 'exact' ? '-niet-publiceren' : ''}.${format}`;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    setDone(t('export.done', { name, size: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(blob.size / 1024) }));
  };
  const kib = (n: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(n / 1024);
  return (
    <Page title={t('export.title')}>
      <p>{t('export.intro')}</p>
      <ProblemAlert problem={problem} />
      <form onSubmit={download} noValidate>
        <TextField label={t('export.period')} hint={t('export.periodHint')} required value={period} onChange={(e) => setPeriod(e.target.value)} error={periodError} />
        <SelectField label={t('export.figures')} value={figures} onChange={(e) => setFigures(e.target.value as 'suppressed' | 'exact')} options={[{ value: 'suppressed', label: t('export.suppressed') }, { value: 'exact', label: t('export.exact') }]} />
        <SelectField label={t('export.format')} value={format} onChange={(e) => setFormat(e.target.value as Format)} options={[{ value: 'xlsx', label: t('export.xlsx') }, { value: 'csv', label: t('export.csv') }]} />
        <p className="actions">
          <button type="submit" disabled={pending}>
            {t('export.download')}
          </button>
        </p>
      </form>
      {progress ? (
        <div role="status">
          <progress max={progress.total ?? undefined} value={progress.total ? progress.received : undefined} aria-label={t('export.progressLabel')} />{' '}
          {progress.total ? t('export.progressOf', { received: kib(progress.received), total: kib(progress.total) }) : t('export.progress', { received: kib(progress.received) })}
        </div>
      ) : null}
      <Outcome message={done} />
    </Page>
  );
}
