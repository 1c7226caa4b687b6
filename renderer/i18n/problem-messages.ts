/** Form-field problems as sentences naming the field (renderer/lib/field-problem.ts picks the key). */
export const problemEn = {
  'problem.required': '{field} is required.',
  'problem.notWholeNumber': '{field} must be a whole number.',
  'problem.notPositive': '{field} must be greater than 0.',
  'problem.notUrl': '{field} must be a web address (https://…).',
  'problem.notJsonObject': '{field} must be a JSON object, e.g. {"Extend":{"project":"x"}}.',
  'problem.invalid': '{field} is not valid.',
  'problem.tooShort': '{field} needs at least {limit} characters.',
  'problem.tooLong': '{field} may have at most {limit} characters.',
  'problem.tooSmall': '{field} must be at least {limit}.',
  'problem.tooBig': '{field} must be at most {limit}.',
  'problem.tooFew': '{field} needs at least {limit} entries.',
  'problem.tooMany': '{field} may have at most {limit} entries.',
  'problem.notOneOf': '{field} must be one of: {values}.',
} as const;

export const problemZhCN: Record<keyof typeof problemEn, string> = {
  'problem.required': '请填写“{field}”。',
  'problem.notWholeNumber': '“{field}”必须是整数。',
  'problem.notPositive': '“{field}”必须大于 0。',
  'problem.notUrl': '“{field}”必须是网址（https://…）。',
  'problem.notJsonObject': '“{field}”必须是 JSON 对象，例如 {"Extend":{"project":"x"}}。',
  'problem.invalid': '“{field}”无效。',
  'problem.tooShort': '“{field}”至少需要 {limit} 个字符。',
  'problem.tooLong': '“{field}”最多 {limit} 个字符。',
  'problem.tooSmall': '“{field}”不能小于 {limit}。',
  'problem.tooBig': '“{field}”不能大于 {limit}。',
  'problem.tooFew': '“{field}”至少需要 {limit} 项。',
  'problem.tooMany': '“{field}”最多 {limit} 项。',
  'problem.notOneOf': '“{field}”必须是以下之一：{values}。',
};
