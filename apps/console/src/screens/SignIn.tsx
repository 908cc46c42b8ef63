import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { apiFor } from '../api';
import { Field, Problem } from '../components';
import { ROLE_NAMES, useTexts } from '../i18n';
import { finishSignIn, OidcSettings, startSignIn } from '../oidc';

interface ConsoleConfig {
  oidc: OidcSettings | null;
  developmentSignIn: boolean;
}

/** The sign-in page: the organisation's provider, and outside production a development sign-in. */
export function SignIn({
  onToken,
  returning = false,
}: {
  onToken: (token: string) => void;
  /** Back from the provider with a code to exchange */
  returning?: boolean;
}) {
  const texts = useTexts();
  const { t } = texts;
  const [config, setConfig] = useState<ConsoleConfig>();
  const [error, setError] = useState<unknown>();
  const [role, setRole] = useState('unit');
  const [unit, setUnit] = useState('');
  const [name, setName] = useState('');
  const [channels, setChannels] = useState('');
  const [busy, setBusy] = useState(false);
  const api = useMemo(() => apiFor(undefined, texts.language), [texts.language]);

  useEffect(() => {
    api.get<ConsoleConfig>('/api/v1/console/config').then(setConfig, setError);
  }, [api]);

  // Once per return from the provider: the code is good for one exchange only.
  const exchanged = useRef(false);
  useEffect(() => {
    if (!returning || !config?.oidc || exchanged.current) return;
    exchanged.current = true;
    finishSignIn(config.oidc, window.location.search).then(onToken, setError);
  }, [returning, config, onToken]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { token } = await api.post<{ token: string }>('/api/v1/console/dev-sign-in', {
        role,
        unit: unit.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(channels.trim()
          ? {
              channels: channels
                .split(',')
                .map((c) => c.trim())
                .filter(Boolean),
            }
          : {}),
      });
      onToken(token);
    } catch (refusal) {
      setError(refusal);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card narrow">
      <h1>{t('signIn')}</h1>
      {config && !config.oidc && !config.developmentSignIn && <p>{t('noSignIn')}</p>}
      {config?.oidc && !returning && (
        <p>
          <button type="button" onClick={() => startSignIn(config.oidc!).catch(setError)}>
            {t('signInWithProvider')}
          </button>
        </p>
      )}
      {returning && <Problem error={error} />}
      {config?.developmentSignIn && !returning && (
        <form onSubmit={submit}>
          <h2>{t('developmentSignIn')}</h2>
          <p className="hint">{t('developmentSignInHint')}</p>
          <Field label={t('role')} id="role">
            <select id="role" value={role} onChange={(e) => setRole(e.target.value)}>
              {Object.keys(ROLE_NAMES).map((code) => (
                <option key={code} value={code}>
                  {texts.role(code)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('unit')} id="unit" hint={t('unitHint')}>
            <input
              id="unit"
              required
              value={unit}
              aria-describedby="unit-hint"
              onChange={(e) => setUnit(e.target.value)}
            />
          </Field>
          <Field label={t('name')} id="name">
            <input
              id="name"
              value={name}
              autoComplete="name"
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          {role === 'operator' && (
            <Field label={t('channels')} id="channels">
              <input id="channels" value={channels} onChange={(e) => setChannels(e.target.value)} />
            </Field>
          )}
          <Problem error={error} />
          <button type="submit" disabled={busy}>
            {t('signIn')}
          </button>
        </form>
      )}
      {!config && <Problem error={error} />}
    </section>
  );
}
