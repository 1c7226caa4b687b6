import {
  METADATA_FIELDS,
  BatchOptionsSchema,
  type MetadataField,
  type UploadDefaults,
} from '../../shared/domain/upload-defaults';
import { problemOf, type FieldProblem } from './field-problem';

/** The metadata fields as a form's inputs hold them: every one a string, '' meaning "not set". */
export type MetadataDraft = Record<MetadataField, string>;

export function emptyMetadataDraft(): MetadataDraft {
  return Object.fromEntries(METADATA_FIELDS.map((f) => [f, ''])) as MetadataDraft;
}

/** A draft showing `metadata` (a profile's defaults, a batch's or a preset's options). */
export function metadataDraftFrom(metadata: Partial<UploadDefaults>): MetadataDraft {
  const draft = emptyMetadataDraft();
  for (const field of METADATA_FIELDS) {
    const value = metadata[field];
    if (value === undefined) continue;
    draft[field] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return draft;
}

export type MetadataResult =
  | { readonly ok: true; readonly value: Partial<UploadDefaults> }
  | { readonly ok: false; readonly field: MetadataField; readonly problem: FieldProblem };

const PartialDefaults = BatchOptionsSchema.omit({ profileId: true });

/**
 * The draft as metadata, checked. Every field is in the result, undefined where the input is empty, so
 * spreading the result over stored metadata clears what was emptied and keeps fields no form shows.
 */
export function metadataFromDraft(draft: MetadataDraft): MetadataResult {
  const text = (field: MetadataField) => {
    const value = draft[field].trim();
    return value === '' ? undefined : value;
  };
  const cate = text('cateId');
  const tags = draft.tags
    .split(/[,，]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
  const candidate: Record<MetadataField, unknown> = {
    titleTemplate: text('titleTemplate'),
    description: draft.description === '' ? undefined : draft.description,
    tags: tags.length > 0 ? tags : undefined,
    cateId: cate === undefined ? undefined : /^\d+$/.test(cate) ? Number(cate) : cate,
    templateGroupId: text('templateGroupId'),
    workflowId: text('workflowId'),
    coverUrl: text('coverUrl'),
    storageLocation: text('storageLocation'),
    appId: text('appId'),
    userData: text('userData'),
    imageType: text('imageType'),
    attachedAs: text('attachedAs'),
  };
  const parsed = PartialDefaults.safeParse(candidate, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, field: issue.path[0] as MetadataField, problem: problemOf(issue) };
  }
  const value: Record<string, unknown> = {};
  for (const field of METADATA_FIELDS) value[field] = parsed.data[field];
  return { ok: true, value: value as Partial<UploadDefaults> };
}
