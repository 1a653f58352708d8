import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../api/client';
import { ProblemAlert, useAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { DATE_ONLY } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session/session';

type IdeaSummary = Schemas['IdeaSummaryView'];
type QueueStage = 'submitted' | 'screening';
const PAGE = 20;

/** The screening queue: ideas submitted, then those in screening, each oldest first and a page at a time, each opened to move it on. */
export function ScreeningPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!me?.person.hubRoles.includes('hub_admin')) {
    return (
      <Page title={t('screening.title')}>
        <p>{t('admin.only')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('screening.title')}>
      <p>{t('screening.intro')}</p>
      <Queue stage="submitted" />
      <Queue stage="screening" />
    </Page>
  );
}

function Queue({ stage }: { stage: QueueStage }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<IdeaSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const { run, pending, problem } = useAction();
  const load = useCallback(
    async (after?: string) => {
      const page = await run(() => ok(api.GET('/api/v1/ideas', { params: { query: { stage, order: 'oldest', limit: PAGE, ...(after ? { cursor: after } : {}) } } })));
      if (!page) return;
      setItems((shown) => [...(after ? (shown ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    },
    [run, stage],
  );
  useEffect(() => void load(), [load]);
  const heading = `queue-${stage}`;
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{t(`screening.queue.${stage}`)}</h2>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('screening.none')}</p> : null}
      <ul className="cards">
        {items?.map((idea) => (
          <li key={idea.id}>
            <h3>
              <Link href={`/ideas/${idea.id}`}>{idea.title}</Link>
            </h3>
            <p className="muted">
              <span className="stage">{t(`stage.${idea.stage}`)}</span> · {t(`workDomain.${idea.workDomain}`)} · {idea.leadOrganisation.name} · {t('screening.since', { at: new Date(idea.createdAt), ...DATE_ONLY })}
            </p>
          </li>
        ))}
      </ul>
      {cursor ? (
        <p>
          <button type="button" className="secondary" disabled={pending} onClick={() => load(cursor)}>
            {t('screening.more', { queue: t(`screening.queue.${stage}`) })}
          </button>
        </p>
      ) : null}
    </section>
  );
}
