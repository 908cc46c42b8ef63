import { FormEvent, useState } from 'react';
import type { Api } from '../api';
import { Field, Problem } from '../components';
import { useTexts } from '../i18n';

/**
 * The full value of a masked field, asked for with a reason: the API writes who asked, whose,
 * which field and why to its access log, and says so before the person asks.
 */
export function Reveal({
  api,
  subject = 'complaint',
  id,
  field,
}: {
  api: Api;
  /** A ticket's reporter, or a prelist household's head */
  subject?: 'complaint' | 'prelist';
  id: string;
  field: 'phone' | 'nik' | 'kk';
}) {
  const { t } = useTexts();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string>();
  const [error, setError] = useState<unknown>();

  const reveal = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const answer = await api.post<{ value: string }>('/api/v1/pii/reveal', {
        subject,
        id,
        field,
        reason: reason.trim(),
      });
      setValue(answer.value);
      setOpen(false);
    } catch (refusal) {
      setError(refusal);
    }
  };

  if (value) return <strong className="revealed">{value}</strong>;
  if (!open) {
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        {t(field === 'phone' ? 'revealPhone' : field === 'kk' ? 'revealKk' : 'revealNik')}
      </button>
    );
  }
  // A ticket has one of each; a list of prelist households needs the entry's id in the name.
  const inputId = subject === 'complaint' ? `reveal-${field}` : `reveal-${id}-${field}`;
  return (
    <form onSubmit={reveal} className="reveal">
      <p className="hint">{t('revealLogged')}</p>
      <Field label={t('revealReason')} id={inputId}>
        <input
          id={inputId}
          required
          minLength={10}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <Problem error={error} />
      <div className="actions">
        <button type="submit">{t('reveal')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
