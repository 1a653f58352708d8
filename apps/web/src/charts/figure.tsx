import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';

type Figure = Schemas['SuppressibleFigure'];

/** A figure's number for a chart: null (no bar) when it is hidden — never a zero. */
export function chartValue(figure: Figure | undefined): number | null {
  return !figure || figure.suppressed || figure.value === null ? null : figure.value;
}

/** A figure in the reader's notation, or the word that says it is hidden (small counts and those they could be worked out from): never a zero. */
export function FigureValue({ figure, digits = 0 }: { figure: Figure | undefined; digits?: number }) {
  const { t, i18n } = useTranslation();
  if (!figure) return <>—</>;
  if (figure.suppressed || figure.value === null) return <span className="suppressed">{t('figures.suppressed')}</span>;
  return <>{new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(figure.value)}</>;
}
