/**
 * What VOD's own work adds to a CreateUpload* call over the round trip (the call's time is the round trip
 * plus about this, in practice): taken off before the call's time counts as a round trip.
 */
export const SERVICE_WORK_MS = 50;

/**
 * The path's round trip as the engine learns it: the shortest OSS request round trip (last byte out to the
 * answer), and before any is measured, the shortest CreateUpload* call less VOD's work. Every file makes
 * that call before its first byte goes, so a batch of small files learns of a long path from it seconds
 * before its first PutObject is answered.
 */
export class PathRoundTrip {
  private oss: number | undefined;
  private serviceCall: number | undefined;

  /** The shortest OSS request round trip, ms; undefined until one is measured. */
  public get measured(): number | undefined {
    return this.oss;
  }

  /** The measured round trip, else the estimate from the CreateUpload* calls; undefined with neither. */
  public get estimate(): number | undefined {
    if (this.oss !== undefined) return this.oss;
    return this.serviceCall === undefined ? undefined : this.serviceCall - SERVICE_WORK_MS;
  }

  public noteRequest(ms: number): void {
    if (ms > 0 && (this.oss === undefined || ms < this.oss)) this.oss = ms;
  }

  public noteServiceCall(ms: number): void {
    if (ms > 0 && (this.serviceCall === undefined || ms < this.serviceCall)) this.serviceCall = ms;
  }
}
