import type { ActivitySummary } from "./types";

/**
 * Summarises a track point by point, keeping only running totals: distance,
 * moving time (intervals between 0.5 and 12 m/s; a pause has no speed), elevation gain and loss, mean heart rate and cadence. The
 * points themselves (and so every position) are dropped as they come.
 */
export type TrackPoint = {
  time?: Date | null;
  lat?: number | null;
  lon?: number | null;
  ele?: number | null;
  /** Cumulative distance in metres, when the device recorded it. */
  distM?: number | null;
  hr?: number | null;
  /** Steps per minute (both feet). */
  cadenceSpm?: number | null;
};

const EARTH_RADIUS_M = 6_371_008.8;
/** Elevation changes smaller than this are GPS or barometer noise (hysteresis). */
const ELEVATION_NOISE_M = 3;
/** Slower than this between two points is standing still (not moving time). */
const MOVING_MIN_SPEED_MS = 0.5;
/** Faster than this between two points is not running (a car, a train, a GPS jump). */
const MOVING_MAX_SPEED_MS = 12;

function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export class TrackSummary {
  points = 0;
  positions = 0;
  start: Date | null = null;
  private lastTime: number | null = null;
  private lastLat: number | null = null;
  private lastLon: number | null = null;
  private lastDist: number | null = null;
  private gpsM = 0;
  private deviceM = 0;
  private movingS = 0;
  private elevationRef: number | null = null;
  gainM = 0;
  lossM = 0;
  private elevations = 0;
  private hrSum = 0;
  private hrN = 0;
  private cadSum = 0;
  private cadN = 0;

  add(p: TrackPoint): void {
    this.points++;
    const t = p.time && !Number.isNaN(p.time.getTime()) ? p.time.getTime() : null;
    if (t !== null && this.start === null) this.start = new Date(t);
    let stepM = 0;
    const hasPos = p.lat != null && p.lon != null && Number.isFinite(p.lat) && Number.isFinite(p.lon) && !(p.lat === 0 && p.lon === 0);
    if (hasPos) {
      this.positions++;
      if (this.lastLat !== null && this.lastLon !== null) {
        const d = haversineM(this.lastLat, this.lastLon, p.lat as number, p.lon as number);
        this.gpsM += d;
        stepM = d;
      }
      this.lastLat = p.lat as number;
      this.lastLon = p.lon as number;
    }
    if (p.distM != null && Number.isFinite(p.distM)) {
      if (this.lastDist !== null && p.distM >= this.lastDist) {
        stepM = p.distM - this.lastDist;
        this.deviceM += stepM;
      }
      this.lastDist = p.distM;
    }
    if (t !== null) {
      if (this.lastTime !== null) {
        const dt = (t - this.lastTime) / 1000;
        if (dt > 0 && stepM / dt >= MOVING_MIN_SPEED_MS && stepM / dt <= MOVING_MAX_SPEED_MS) this.movingS += dt;
      }
      this.lastTime = t;
    }
    if (p.ele != null && Number.isFinite(p.ele)) {
      this.elevations++;
      if (this.elevationRef === null) this.elevationRef = p.ele;
      else if (p.ele - this.elevationRef >= ELEVATION_NOISE_M) {
        this.gainM += p.ele - this.elevationRef;
        this.elevationRef = p.ele;
      } else if (this.elevationRef - p.ele >= ELEVATION_NOISE_M) {
        this.lossM += this.elevationRef - p.ele;
        this.elevationRef = p.ele;
      }
    }
    if (p.hr != null && p.hr > 0 && Number.isFinite(p.hr)) {
      this.hrSum += p.hr;
      this.hrN++;
    }
    if (p.cadenceSpm != null && p.cadenceSpm > 0 && Number.isFinite(p.cadenceSpm)) {
      this.cadSum += p.cadenceSpm;
      this.cadN++;
    }
  }

  /** Distance in metres: the device's own odometer when it recorded one, else the sum of the GPS steps. */
  get distanceM(): number {
    return this.deviceM > 0 ? this.deviceM : this.gpsM;
  }

  summary(): Omit<ActivitySummary, "sport" | "running" | "surface"> {
    return {
      startedAt: this.start,
      distanceKm: this.distanceM / 1000,
      durationSec: this.movingS > 0 ? Math.round(this.movingS) : null,
      elevationGainM: this.elevations > 1 ? Math.round(this.gainM) : null,
      elevationLossM: this.elevations > 1 ? Math.round(this.lossM) : null,
      avgHeartRate: this.hrN ? Math.round(this.hrSum / this.hrN) : null,
      avgCadenceSpm: this.cadN ? Math.round(this.cadSum / this.cadN) : null,
      indoor: this.positions === 0,
    };
  }
}
