import { useState } from 'react';
import { ProblemAlert, useAction } from './form';

export interface ConfirmRemovalProps {
  /** The first button's text: what would be removed ("Fase 2 verwijderen…"). */
  ask: string;
  /** Said once asked: what goes with it. */
  explain: string;
  /** The second press's button ("Ja, verwijder …"). */
  confirm: string;
  /** The button that keeps it. */
  keep: string;
  /** The API call; a refusal is shown beside the buttons. */
  remove: () => Promise<unknown>;
  onRemoved: () => void;
}

/**
 * A removal after a second press: the first button opens (aria-expanded) what goes with it, the
 * second removes; "keep" closes it again. Nothing is removed on a single press.
 */
export function ConfirmRemoval({ ask, explain, confirm, keep, remove, onRemoved }: ConfirmRemovalProps) {
  const [open, setOpen] = useState(false);
  const { run, pending, problem } = useAction();
  const removeNow = async () => {
    if ((await run(remove)) !== undefined) onRemoved();
  };
  return (
    <>
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {ask}
      </button>
      {open ? (
        <div>
          <p>{explain}</p>
          <ProblemAlert problem={problem} />
          <p className="actions">
            <button type="button" disabled={pending} onClick={removeNow}>
              {confirm}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {keep}
            </button>
          </p>
        </div>
      ) : null}
    </>
  );
}
