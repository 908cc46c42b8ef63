import { FormEvent, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';
import { ApiProblem } from './api';
import { useTexts } from './i18n';
import { BASE, navigate } from './router';

/** A link inside the console: a real address (it opens in a new tab too), followed in place. */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      {...rest}
      href={BASE + to}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}

/** A refusal as the API worded it, with each field's problem. */
export function Problem({ error }: { error: unknown }) {
  const { t } = useTexts();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <div className="problem" role="alert">
      <p>{problem?.message ?? (error instanceof Error ? error.message : t('error'))}</p>
      {problem && problem.details.length > 0 && (
        <ul>
          {problem.details.map((detail) => (
            <li key={detail.field}>
              <strong>{detail.field}</strong>: {detail.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Field({
  label,
  id,
  children,
  hint,
}: {
  label: string;
  id: string;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { status: name } = useTexts();
  return <span className={`badge status-${status}`}>{name(status)}</span>;
}

/** Says a form was restored from this tab's draft (session.ts), with a way to start afresh. */
export function DraftNotice({
  onClear,
  photos = false,
}: {
  onClear: () => void;
  photos?: boolean;
}) {
  const { t } = useTexts();
  return (
    <div className="notice" role="status">
      <p>
        {t('draftRestored')}
        {photos && ` ${t('draftPhotos')}`}
      </p>
      <button type="button" className="secondary" onClick={onClear}>
        {t('clearForm')}
      </button>
    </div>
  );
}

/** Photos or a PDF to attach: what the API accepts, several at once. */
export function PhotoField({ id, onChange }: { id: string; onChange: (files: File[]) => void }) {
  const { t } = useTexts();
  return (
    <Field label={t('photos')} id={id}>
      <input
        id={id}
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp,application/pdf"
        onChange={(e) => onChange([...(e.target.files ?? [])])}
      />
    </Field>
  );
}

/** A step sent from a form: busy while it runs, and the API's refusal kept to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (action: () => Promise<unknown>, event?: FormEvent): Promise<boolean> => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (refusal) {
      setError(refusal);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * The officer's words for a step: a reason or a note, required, within the lengths the API takes
 * (3 to 2,000 characters unless the step says otherwise).
 */
export function WordsField({
  label,
  id,
  value,
  onChange,
  minLength = 3,
  maxLength = 2000,
  rows = 2,
}: {
  label: string;
  id: string;
  value: string;
  onChange: (value: string) => void;
  minLength?: number;
  maxLength?: number;
  rows?: number;
}) {
  return (
    <Field label={label} id={id}>
      <textarea
        id={id}
        required
        minLength={minLength}
        maxLength={maxLength}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** A select's options for codes the API answers with, each by its name (TERMS). */
export function CodeOptions({ codes }: { codes: readonly string[] }) {
  const { term } = useTexts();
  return (
    <>
      {codes.map((code) => (
        <option key={code} value={code}>
          {term(code)}
        </option>
      ))}
    </>
  );
}
