import { useId } from 'react';
import { TITLE_PLACEHOLDERS } from '../../shared/logic/title-template';
import type { MetadataField } from '../../shared/domain/upload-defaults';
import { useTranslate } from '../i18n/use-translate';
import type { MetadataDraft } from '../lib/metadata-draft';
import { TextField } from './TextField';

interface MetadataFieldsProps {
  readonly draft: MetadataDraft;
  readonly onChange: (patch: Partial<MetadataDraft>) => void;
  /** Field named by the last validation error, marked invalid. */
  readonly invalid?: MetadataField | null;
  /** Shown in empty inputs: in a batch, an empty field keeps the profile's value. */
  readonly emptyMeans?: string;
}

/**
 * Every field of VOD's three create calls that a person sets, for a profile's defaults, a batch or a preset
 * (one component, so the profile form and the batch panel can never offer different fields). Fields a call
 * does not take are labelled with the kind that uses them.
 */
export function MetadataFields({ draft, onChange, invalid, emptyMeans }: MetadataFieldsProps) {
  const t = useTranslate();
  const id = useId();
  const text = (field: MetadataField, label: string, hint?: string) => (
    <TextField
      label={label}
      value={draft[field]}
      placeholder={emptyMeans}
      hint={invalid === field ? t('metadata.invalid') : hint}
      inputMode={field === 'cateId' ? 'numeric' : undefined}
      onChange={(value) => onChange({ [field]: value })}
    />
  );
  return (
    <>
      {text(
        'titleTemplate',
        t('batch.titleTemplate'),
        t('batch.titleHelp', { tokens: TITLE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ') }),
      )}
      <label htmlFor={`${id}-description`}>{t('metadata.description')}</label>
      <textarea
        id={`${id}-description`}
        rows={2}
        value={draft.description}
        placeholder={emptyMeans}
        onChange={(e) => onChange({ description: e.target.value })}
      />
      {text('tags', t('batch.tags'))}
      {text('cateId', t('batch.category'))}
      {text('templateGroupId', t('batch.templateGroup'), t('metadata.videoOnly'))}
      {text('workflowId', t('metadata.workflow'), t('metadata.workflowHelp'))}
      {text('coverUrl', t('metadata.coverUrl'), t('metadata.videoOnly'))}
      {text('storageLocation', t('metadata.storageLocation'))}
      {text('appId', t('metadata.appId'))}
      <label htmlFor={`${id}-userdata`}>{t('metadata.userData')}</label>
      <div>
        <textarea
          id={`${id}-userdata`}
          rows={2}
          spellCheck={false}
          value={draft.userData}
          placeholder={emptyMeans ?? '{"Extend":{"project":"x"}}'}
          aria-invalid={invalid === 'userData' ? true : undefined}
          aria-describedby={`${id}-userdata-help`}
          onChange={(e) => onChange({ userData: e.target.value })}
        />
        <p id={`${id}-userdata-help`} className="help">
          {invalid === 'userData' ? t('metadata.invalid') : t('metadata.userDataHelp')}
        </p>
      </div>
      <label htmlFor={`${id}-image-type`}>{t('metadata.imageType')}</label>
      <select
        id={`${id}-image-type`}
        value={draft.imageType}
        onChange={(e) => onChange({ imageType: e.target.value })}
      >
        <option value="">{emptyMeans ?? t('metadata.imageType.default')}</option>
        {emptyMeans ? <option value="default">{t('metadata.imageType.default')}</option> : null}
        <option value="cover">{t('metadata.imageType.cover')}</option>
      </select>
      <label htmlFor={`${id}-attached`}>{t('metadata.attachedAs')}</label>
      <select
        id={`${id}-attached`}
        value={draft.attachedAs}
        onChange={(e) => onChange({ attachedAs: e.target.value })}
      >
        <option value="">{emptyMeans ?? t('metadata.attachedAs.none')}</option>
        <option value="watermark">{t('metadata.attachedAs.watermark')}</option>
        <option value="material">{t('metadata.attachedAs.material')}</option>
      </select>
    </>
  );
}
