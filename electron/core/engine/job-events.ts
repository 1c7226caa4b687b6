import type { EngineEvent, EngineEventListener } from '../../../shared/domain/engine-events';
import { isActiveState, type JobStatus } from '../../../shared/domain/job-status';
import { isFinal, isSettled, statesWhere } from '../../../shared/domain/job-transitions';
import type { Logger } from '../log/logger';
import type { EngineJob, JobStore } from './ports';

/** The engine's event fan-out: a listener that throws is logged and does not stop the others or the engine. */
export class EngineEvents {
  private readonly listeners = new Set<EngineEventListener>();

  public constructor(private readonly logger: Logger) {}

  public on(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  public emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('engine event listener failed', { type: event.type, error: String(error) });
      }
    }
  }
}

/** The events a status change is: computed from the job as it was and the status it moved to. */
export function eventsForStatus(before: EngineJob, status: JobStatus): EngineEvent[] {
  const jobId = before.id;
  const was = before.status.state;
  const events: EngineEvent[] = [];
  if (isActiveState(status.state) && !isActiveState(was)) {
    events.push({ type: 'job-started', jobId, resumedFrom: before.bytesDone });
  }
  if (status.state === 'retrying') {
    events.push({ type: 'job-retrying', jobId, attempt: status.attempt, error: status.lastError });
  } else if (status.state === 'queued' && was !== 'queued') {
    events.push({ type: 'job-queued', jobId });
  } else if (status.state === 'paused' && was !== 'paused') {
    events.push({ type: 'job-paused', jobId });
  } else if (isSettled(status.state) && was !== status.state) {
    events.push({ type: 'job-settled', jobId, status });
  }
  return events;
}

/**
 * The store every part of the engine writes through: each write that is a fact worth telling (a status
 * change, a confirmed part, jobs added or removed) emits its event right after it is on record, so events
 * never run ahead of the database and no write can forget its event.
 */
export function withEvents(store: JobStore, events: EngineEvents): JobStore {
  return {
    ...store,
    setStatus(jobId, status) {
      const before = store.get(jobId);
      store.setStatus(jobId, status);
      if (before !== undefined) for (const event of eventsForStatus(before, status)) events.emit(event);
    },
    markDone(jobId, details) {
      store.markDone(jobId, details);
      events.emit({ type: 'job-settled', jobId, status: { state: 'done', mediaId: details.mediaId } });
    },
    recordPart(jobId, part) {
      store.recordPart(jobId, part);
      events.emit({ type: 'part-confirmed', jobId, partNumber: part.partNumber, size: part.size });
    },
    insert(jobs) {
      store.insert(jobs);
      for (const job of jobs) events.emit({ type: 'job-queued', jobId: job.id });
    },
    remove(jobIds) {
      const existing = jobIds.filter((jobId) => store.get(jobId) !== undefined);
      const removed = store.remove(jobIds);
      for (const jobId of existing) events.emit({ type: 'job-removed', jobId });
      return removed;
    },
    clearFinished() {
      const finished = store.listByState(statesWhere(isFinal)).map((job) => job.id);
      store.clearFinished();
      for (const jobId of finished) events.emit({ type: 'job-removed', jobId });
    },
  };
}
