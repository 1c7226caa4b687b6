import { useId, useState } from 'react';
import type { ConnectionVerdict, ProfileSummary } from '../../shared/domain/profile';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import {
  describeDraftError,
  draftFromSummary,
  draftToInput,
  emptyDraft,
  type ProfileDraft,
} from '../lib/profile-form';
import { useSettingsStore } from '../store/settings-store';
import { useUiStore } from '../store/ui-store';
import { MetadataFields } from './MetadataFields';
import { TextField } from './TextField';

const REGIONS = [
  'cn-shanghai',
  'cn-beijing',
  'cn-shenzhen',
  'cn-hangzhou',
  'ap-southeast-1',
  'ap-southeast-5',
  'eu-central-1',
  'us-west-1',
];

interface ProfileFormProps {
  readonly profile: ProfileSummary | null;
  readonly onDone: () => void;
}

/**
 * Add or edit a profile of any of the three kinds. Secret fields are write-only: they start empty, are
 * never filled from storage, and an empty one keeps what is stored.
 */
export function ProfileForm({ profile, onDone }: ProfileFormProps) {
  const api = useApi();
  const t = useTranslate();
  const id = useId();
  const [draft, setDraft] = useState<ProfileDraft>(() =>
    profile ? draftFromSummary(profile) : emptyDraft(),
  );
  const [error, setError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<ConnectionVerdict | null>(null);
  const [testing, setTesting] = useState(false);
  const set = (patch: Partial<ProfileDraft>) => {
    setDraft({ ...draft, ...patch });
    setVerdict(null);
  };
  const secretHint = profile?.hasSecret ? t('settings.secretStored') : undefined;

  const test = async () => {
    const built = draftToInput(draft);
    if (!built.ok) {
      setError(describeDraftError(t, built.error));
      return;
    }
    setError(null);
    setTesting(true);
    const result = await api.call('profiles:test', { profile: built.input });
    setTesting(false);
    if (result.ok) {
      setVerdict(result.value);
      useUiStore
        .getState()
        .announce(`${t(`settings.verdict.${result.value.verdict}`)}: ${result.value.message}`);
    } else setError(result.error.message);
  };

  const save = async () => {
    const built = draftToInput(draft);
    if (!built.ok) {
      setError(describeDraftError(t, built.error));
      return;
    }
    const result = await api.call('profiles:save', built.input);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const listed = await api.call('profiles:list', {});
    if (listed.ok) useSettingsStore.getState().setProfiles(listed.value);
    useUiStore.getState().announce(t('settings.saved'));
    onDone();
  };

  return (
    <form
      className="profile-form"
      // Our own messages name the field; the browser's bubbles would hide them.
      noValidate
      aria-label={profile ? `${t('settings.editProfile')}: ${profile.name}` : t('settings.addProfile')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <TextField
          label={t('settings.profileName')}
          value={draft.name}
          onChange={(name) => set({ name })}
          required
        />
        <label htmlFor={`${id}-kind`}>{t('settings.kind')}</label>
        <select
          id={`${id}-kind`}
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as ProfileDraft['kind'] })}
        >
          {(['access-key', 'sts', 'auth-service'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`settings.kind.${kind}`)}
            </option>
          ))}
        </select>
        {draft.kind === 'sts' ? (
          <>
            <label htmlFor={`${id}-mode`}>{t('settings.stsMode')}</label>
            <select
              id={`${id}-mode`}
              value={draft.stsMode}
              onChange={(e) => set({ stsMode: e.target.value as ProfileDraft['stsMode'] })}
            >
              <option value="assume-role">{t('settings.stsMode.assume-role')}</option>
              <option value="temporary">{t('settings.stsMode.temporary')}</option>
            </select>
          </>
        ) : null}
        <TextField
          label={t('settings.region')}
          value={draft.region}
          onChange={(region) => set({ region })}
          list={`${id}-regions`}
          required
        />
        <datalist id={`${id}-regions`}>
          {REGIONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <TextField
          label={t('settings.endpoint')}
          value={draft.endpoint}
          onChange={(endpoint) => set({ endpoint })}
        />
        {draft.kind !== 'auth-service' ? (
          <>
            <TextField
              label={t('settings.accessKeyId')}
              value={draft.accessKeyId}
              placeholder={profile?.accessKeyIdMasked}
              onChange={(accessKeyId) => set({ accessKeyId })}
              // Editing: left empty, the stored key id (shown masked) is kept.
              required={!profile?.accessKeyIdMasked}
            />
            <TextField
              label={t('settings.accessKeySecret')}
              secret
              value={draft.accessKeySecret}
              hint={secretHint}
              onChange={(accessKeySecret) => set({ accessKeySecret })}
            />
          </>
        ) : null}
        {draft.kind === 'sts' && draft.stsMode === 'assume-role' ? (
          <TextField
            label={t('settings.roleArn')}
            value={draft.roleArn}
            onChange={(roleArn) => set({ roleArn })}
            required
          />
        ) : null}
        {draft.kind === 'sts' && draft.stsMode === 'temporary' ? (
          <>
            <TextField
              label={t('settings.securityToken')}
              secret
              value={draft.securityToken}
              hint={secretHint}
              onChange={(securityToken) => set({ securityToken })}
            />
            <TextField
              label={t('settings.expiration')}
              value={draft.expiration}
              onChange={(expiration) => set({ expiration })}
            />
          </>
        ) : null}
        {draft.kind === 'auth-service' ? (
          <>
            <TextField
              label={t('settings.authUrl')}
              type="url"
              value={draft.url}
              onChange={(url) => set({ url })}
              required
            />
            <TextField
              label={t('settings.bearerToken')}
              secret
              value={draft.bearerToken}
              hint={secretHint}
              onChange={(bearerToken) => set({ bearerToken })}
            />
          </>
        ) : null}
        <MetadataFields
          draft={draft.metadata}
          onChange={(patch) => set({ metadata: { ...draft.metadata, ...patch } })}
        />
      </div>
      {error ? <p className="error-text">{error}</p> : null}
      {verdict ? (
        <p
          className={`verdict verdict--${verdict.verdict}`}
          data-testid="verdict"
          data-verdict={verdict.verdict}
        >
          <strong>{t(`settings.verdict.${verdict.verdict}`)}</strong>: {verdict.message}
          {verdict.requestId ? <span className="muted"> (RequestId {verdict.requestId})</span> : null}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" disabled={testing} onClick={() => void test()}>
          {testing ? t('settings.testing') : t('settings.testConnection')}
        </button>
        <button type="submit" className="button button--primary">
          {t('settings.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('settings.cancel')}
        </button>
      </div>
    </form>
  );
}
