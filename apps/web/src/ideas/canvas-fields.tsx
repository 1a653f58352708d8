import { useTranslation } from 'react-i18next';
import { TextArea } from '../components/form';
import { CANVAS_BLOCK_MAX, CANVAS_BLOCKS, emptyCanvasBlocks, type Canvas } from './idea-rules';

/** The canvas' ten blocks, each with what it asks, how many characters are left, and what is still empty. */
export function CanvasFields({ canvas, onChange, errors }: { canvas: Canvas; onChange: (next: Canvas) => void; errors: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  const empty = emptyCanvasBlocks(canvas).length;
  return (
    <fieldset className="canvas">
      <legend>{t('canvas.title')}</legend>
      <p className="hint" role="status">
        {empty === 0 ? t('canvas.complete') : t('canvas.emptyBlocks', { count: empty, total: CANVAS_BLOCKS.length })}
      </p>
      <div className="canvas-grid">
        {CANVAS_BLOCKS.map((block) => {
          const left = CANVAS_BLOCK_MAX - canvas[block].length;
          return (
            <TextArea
              key={block}
              label={t(`canvas.blocks.${block}.label`)}
              hint={
                <>
                  {t(`canvas.blocks.${block}.hint`)} <span className={left < 0 ? 'error' : 'muted'}>{left < 0 ? t('canvas.charactersOver', { count: -left }) : t('canvas.charactersLeft', { count: left })}</span>
                </>
              }
              value={canvas[block]}
              rows={4}
              error={errors(`canvas.${block}`)}
              onChange={(e) => onChange({ ...canvas, [block]: e.target.value })}
            />
          );
        })}
      </div>
    </fieldset>
  );
}
