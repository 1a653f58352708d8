import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, SelectField, TextArea, TextField, useFocusFirstInvalid } from '../components/form';
import { CanvasFields } from './canvas-fields';
import { ideaDraftProblems, STRATEGIES, SUMMARY_MAX, TITLE_MAX, WORK_DOMAINS, type IdeaDraft } from './idea-rules';

/**
 * An idea's description and canvas. The rules are checked before anything is sent (in the reader's
 * language); what the API still refuses comes back as `serverError(field)` on the same fields.
 */
export function IdeaForm({ initial, onSave, pending, serverError }: {
  initial: IdeaDraft;
  onSave: (draft: IdeaDraft) => void;
  pending: boolean;
  serverError: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const { form, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const problems = checked ? ideaDraftProblems(draft) : {};
  const error = (field: string) => (problems[field] ? t(`ideaForm.rules.${problems[field]}`) : serverError(field));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(ideaDraftProblems(draft)).length === 0) onSave(draft);
    else refused();
  };
  const count = Object.keys(problems).length;

  return (
    <form ref={form} onSubmit={submit} noValidate aria-describedby={count ? 'idea-form-problems' : undefined}>
      {count ? (
        <p className="alert" role="alert" id="idea-form-problems">
          {t('ideaForm.fix', { count })}
        </p>
      ) : null}
      <TextField label={t('ideaForm.title')} required maxLength={TITLE_MAX + 20} value={draft.title} error={error('title')} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
      <TextArea label={t('ideaForm.summary')} required rows={5} maxLength={SUMMARY_MAX + 20} hint={t('ideaForm.summaryHint')} value={draft.summary} error={error('summary')} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} />
      <SelectField
        label={t('ideaForm.workDomain')}
        value={draft.workDomain}
        error={error('workDomain')}
        options={WORK_DOMAINS.map((d) => ({ value: d, label: t(`workDomain.${d}`) }))}
        onChange={(e) => setDraft({ ...draft, workDomain: e.target.value as IdeaDraft['workDomain'] })}
      />
      <CheckboxGroup
        legend={t('ideaForm.strategies')}
        options={STRATEGIES.map((s) => ({ value: s, label: t(`strategy.${s}`) }))}
        value={draft.strategies}
        error={error('strategies')}
        onChange={(strategies) => setDraft({ ...draft, strategies })}
      />
      <fieldset className="field">
        <legend>{t('ideaForm.expectedJobs')}</legend>
        <div className="row">
          <TextField label={t('ideaForm.jobsRegular')} inputMode="numeric" value={draft.expectedJobs.regular} error={error('expectedJobs.regular')} onChange={(e) => setDraft({ ...draft, expectedJobs: { ...draft.expectedJobs, regular: e.target.value } })} />
          <TextField label={t('ideaForm.jobsSocial')} inputMode="numeric" value={draft.expectedJobs.social} error={error('expectedJobs.social')} onChange={(e) => setDraft({ ...draft, expectedJobs: { ...draft.expectedJobs, social: e.target.value } })} />
        </div>
      </fieldset>
      <CanvasFields canvas={draft.canvas} errors={error} onChange={(canvas) => setDraft({ ...draft, canvas })} />
      <button type="submit" disabled={pending}>
        {pending ? t('app.saving') : t('ideaForm.save')}
      </button>
    </form>
  );
}
