import { FormEvent, useState } from 'react';
import type { Api } from '../api';
import { Field, Link, WordsField } from '../components';
import { useTexts } from '../i18n';
import type { TicketDetail } from '../types';

type Step = (run: () => Promise<unknown>, event?: FormEvent) => Promise<boolean>;

/**
 * Diskominfo's review: the tickets routing found alike (the same category close by, or the same
 * reporter), and closing a complaint that is not one to act on — spam, out of scope, or a
 * duplicate linked to the ticket it repeats.
 */
export function RejectComplaint({
  api,
  ticket,
  etag,
  busy,
  step,
}: {
  api: Api;
  ticket: TicketDetail;
  etag: string;
  busy: boolean;
  step: Step;
}) {
  const { t } = useTexts();
  const [reason, setReason] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');

  // Folded away unless routing found it alike to another ticket.
  return (
    <details className="card" open={ticket.possibleDuplicates.length > 0}>
      <summary>
        <h2>{t('rejectComplaintTitle')}</h2>
      </summary>
      <form
        onSubmit={(e) =>
          step(
            () =>
              api.post(
                `/api/v1/complaints/${ticket.id}/reject`,
                { reason: reason.trim(), ...(duplicateOf ? { duplicateOf } : {}) },
                etag,
              ),
            e,
          )
        }
      >
        {ticket.possibleDuplicates.length > 0 && (
          <>
            <p>{t('possibleDuplicates')}:</p>
            <ul className="plain">
              {ticket.possibleDuplicates.map((duplicate) => (
                <li key={duplicate.id}>
                  <Link to={`/tiket/${duplicate.id}`}>{duplicate.trackingNumber}</Link> —{' '}
                  {duplicate.reason === 'nearby-same-category'
                    ? t('duplicateNearby')
                    : t('duplicateSameReporter')}
                </li>
              ))}
            </ul>
          </>
        )}
        <Field label={t('duplicateOf')} id="duplicateOf">
          <select
            id="duplicateOf"
            value={duplicateOf}
            onChange={(e) => setDuplicateOf(e.target.value)}
          >
            <option value="">{t('notDuplicate')}</option>
            {ticket.possibleDuplicates.map((duplicate) => (
              <option key={duplicate.id} value={duplicate.id}>
                {duplicate.trackingNumber}
              </option>
            ))}
          </select>
        </Field>
        <WordsField
          label={t('rejectReason')}
          id="rejectReason"
          value={reason}
          onChange={setReason}
        />
        <button type="submit" className="secondary" disabled={busy}>
          {t('rejectComplaint')}
        </button>
      </form>
    </details>
  );
}
