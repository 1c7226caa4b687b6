import { isActiveState, JOB_STATES, type JobState } from './job-status';
import { causesFrom, isFinal, type TransitionCause } from './job-transitions';

/** What a person can ask of a job (row buttons, shortcuts, bulk selection, the CLI, the engine's intents). */
export const JOB_ACTIONS = ['pause', 'resume', 'retry', 'cancel', 'remove', 'move-to-top'] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

/** The intents that are status transitions, and the state each one leads to (job-transitions.ts agrees). */
export const INTENT_TARGET = {
  pause: 'paused',
  resume: 'queued',
  retry: 'queued',
  cancel: 'canceled',
  remove: 'canceled',
} as const satisfies Record<Exclude<TransitionCause, 'engine'>, JobState>;

function derive(state: JobState): readonly JobAction[] {
  const causes = causesFrom(state);
  const allowed = new Set<JobAction>();
  for (const cause of causes) if (cause !== 'engine') allowed.add(cause);
  // A final job has nothing left to stop: it can only leave the list.
  if (isFinal(state)) allowed.add('remove');
  // A job waiting its turn (one that can still be paused or resumed but holds no slot) can jump the queue.
  if ((causes.has('pause') || causes.has('resume')) && !isActiveState(state)) allowed.add('move-to-top');
  return JOB_ACTIONS.filter((action) => allowed.has(action));
}

const ALLOWED: Readonly<Record<JobState, readonly JobAction[]>> = Object.fromEntries(
  JOB_STATES.map((state) => [state, derive(state)]),
) as Record<JobState, readonly JobAction[]>;

/**
 * The actions that make sense for a job in `state`, derived from the transition table (JOB_TRANSITIONS):
 * an intent is offered exactly where an edge it causes leaves the state, so the UI never offers what the
 * engine would refuse or ignore. Removing a final job and moving a waiting one to the top are not status
 * changes; they are derived from the same table (no edge leaves; a pause or resume edge but no slot).
 */
export function allowedActions(state: JobState): readonly JobAction[] {
  return ALLOWED[state];
}

export function isAllowed(state: JobState, action: JobAction): boolean {
  return ALLOWED[state].includes(action);
}

/** Every state in which `action` is offered (the engine and the CLI query the queue by these). */
export function statesAllowing(action: JobAction): JobState[] {
  return JOB_STATES.filter((state) => isAllowed(state, action));
}
