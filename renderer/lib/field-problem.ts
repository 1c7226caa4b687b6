import type { core } from 'zod';
import { JSON_OBJECT_HINT } from '../../shared/logic/json-object';
import type { MetadataField } from '../../shared/domain/upload-defaults';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';

/**
 * What is wrong with one form field, as a kind rather than zod's English text ("Too small: expected
 * string to have >=1 characters"), so every language can say it as a sentence naming the field.
 */
export type FieldProblem =
  | { readonly kind: 'required' | 'notWholeNumber' | 'notPositive' | 'notUrl' | 'notJsonObject' | 'invalid' }
  | {
      readonly kind: 'tooShort' | 'tooLong' | 'tooSmall' | 'tooBig' | 'tooFew' | 'tooMany';
      readonly limit: number;
    }
  | { readonly kind: 'notOneOf'; readonly values: string };

/** A problem and where it is: the issue's path joined with dots ('name', 'credential.url', 'userData'). */
export interface FieldError {
  readonly field: string;
  readonly problem: FieldProblem;
}

export function fieldErrorOf(issue: core.$ZodIssue): FieldError {
  return { field: issue.path.map(String).join('.'), problem: problemOf(issue) };
}

export function problemOf(issue: core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return limit <= 1 ? { kind: 'required' } : { kind: 'tooShort', limit };
      if (issue.origin === 'array') return limit <= 1 ? { kind: 'required' } : { kind: 'tooFew', limit };
      if (limit === 0 && issue.inclusive === false) return { kind: 'notPositive' };
      return { kind: 'tooSmall', limit };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return { kind: 'tooLong', limit };
      if (issue.origin === 'array') return { kind: 'tooMany', limit };
      return { kind: 'tooBig', limit };
    }
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '')
        return { kind: 'required' };
      return issue.expected === 'int' || issue.expected === 'number'
        ? { kind: 'notWholeNumber' }
        : { kind: 'invalid' };
    case 'invalid_format':
      return issue.format === 'url' ? { kind: 'notUrl' } : { kind: 'invalid' };
    case 'invalid_value':
      return { kind: 'notOneOf', values: issue.values.map(String).join(', ') };
    case 'custom':
      return issue.message === JSON_OBJECT_HINT ? { kind: 'notJsonObject' } : { kind: 'invalid' };
    default:
      return { kind: 'invalid' };
  }
}

const PROBLEM_KEYS: Readonly<Record<FieldProblem['kind'], MessageKey>> = {
  required: 'problem.required',
  notWholeNumber: 'problem.notWholeNumber',
  notPositive: 'problem.notPositive',
  notUrl: 'problem.notUrl',
  notJsonObject: 'problem.notJsonObject',
  invalid: 'problem.invalid',
  tooShort: 'problem.tooShort',
  tooLong: 'problem.tooLong',
  tooSmall: 'problem.tooSmall',
  tooBig: 'problem.tooBig',
  tooFew: 'problem.tooFew',
  tooMany: 'problem.tooMany',
  notOneOf: 'problem.notOneOf',
};

/** "Cover URL must be a web address (https://…)." in the user's language. */
export function describeProblem(t: Translate, label: string, problem: FieldProblem): string {
  const params: Record<string, string | number> = { field: label };
  if ('limit' in problem) params['limit'] = problem.limit.toLocaleString();
  if ('values' in problem) params['values'] = problem.values;
  return t(PROBLEM_KEYS[problem.kind], params);
}

/** The label each metadata field has in the forms (MetadataFields.tsx). */
export const METADATA_LABELS: Readonly<Record<MetadataField, MessageKey>> = {
  titleTemplate: 'batch.titleTemplate',
  description: 'metadata.description',
  tags: 'batch.tags',
  cateId: 'batch.category',
  templateGroupId: 'batch.templateGroup',
  workflowId: 'metadata.workflow',
  coverUrl: 'metadata.coverUrl',
  storageLocation: 'metadata.storageLocation',
  appId: 'metadata.appId',
  userData: 'metadata.userData',
  imageType: 'metadata.imageType',
  attachedAs: 'metadata.attachedAs',
};
