import type { CaseEvent, CaseSource } from '../../app/case/case';
import type { CaseStage } from '../../app/case/case-stage';
import type { ActOutcome, NewCaseBody } from './cases-client';
import { OPEN_STAGES, planStep, stepFor, type DeskCase, type DeskContext, type DeskStep } from './desk-plan';
import { seededRng, type Rng } from './walker';

/** What the desk needs of the hall (CasesClient over HTTP; a fake in tests). */
export interface DeskApi {
  list(stages: readonly CaseStage[], cursor?: string): Promise<{ items: DeskCase[]; next?: string }>;
  get(id: string): Promise<{ case: DeskCase; history: CaseEvent[] } | undefined>;
  create(body: NewCaseBody): Promise<boolean>;
  act(id: string, step: DeskStep): Promise<ActOutcome>;
}

/** Cases the desk opens itself: video capture and hotline calls (inspectors report over MQTT). */
export interface DeskIntake {
  perHour: Partial<Record<CaseSource, number>>;
  make(source: CaseSource, rng: Rng, now: number, n: number): NewCaseBody;
}

export interface CaseDeskOptions {
  api: DeskApi;
  context: Omit<DeskContext, 'startedAt'>;
  seed: number;
  /** How often it looks at the open cases. */
  tickMs?: number;
  /** At most this many steps per look, so a backlog drains as a stream, not a burst. */
  maxStepsPerTick?: number;
  /** Pages of 500 open cases read per look. */
  maxPages?: number;
  intake?: DeskIntake;
  /** Waited for before the first look (the history being written). */
  ready?: Promise<unknown>;
  now?: () => number;
}

export interface DeskStats {
  looks: number;
  steps: number;
  refused: number;
  failed: number;
  opened: number;
}

/**
 * The centre's people at work on the demo city's cases: every few seconds it lists the open cases, takes
 * the steps that are due (planned by desk-plan.ts) with the right person's token, and opens the video and
 * hotline cases that come in. It keeps no state but what it was refused: a restart picks up where the
 * cases are. Failures never stop it (the client logs each kind once).
 */
export class CaseDesk {
  readonly stats: DeskStats = { looks: 0, steps: 0, refused: 0, failed: 0, opened: 0 };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastLook = 0;
  private opened = 0;
  private readonly rng: Rng;
  private readonly now: () => number;
  /** Steps refused at a case's current step (`id:updatedAt`): not tried again until the case moves. */
  private readonly refusedAt = new Set<string>();
  private context: DeskContext | undefined;

  constructor(private readonly o: CaseDeskOptions) {
    this.rng = seededRng(o.seed ^ 0xde5c);
    this.now = o.now ?? Date.now;
  }

  /** Starts looking once `ready` settles. */
  start(): void {
    void Promise.resolve(this.o.ready)
      .catch(() => {})
      .then(() => {
        if (this.stopped) return;
        this.context = { ...this.o.context, startedAt: this.now() };
        this.lastLook = this.now();
        this.timer = setInterval(() => {
          if (!this.running) this.running = this.look().finally(() => (this.running = undefined));
        }, this.o.tickMs ?? 5000);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One look: open what came in, then take the steps that are due, oldest due first. */
  async look(): Promise<void> {
    const ctx = (this.context ??= { ...this.o.context, startedAt: this.now() });
    const now = this.now();
    this.stats.looks++;
    await this.intake(now);
    const due: Array<{ c: DeskCase; at: number }> = [];
    let cursor: string | undefined;
    for (let page = 0; page < (this.o.maxPages ?? 10) && !this.stopped; page++) {
      const r = await this.o.api.list(OPEN_STAGES, cursor);
      for (const c of r.items) {
        const plan = planStep(c, ctx);
        if (plan && plan.due <= now && !this.refusedAt.has(`${c.id}:${c.updatedAt}`)) due.push({ c, at: plan.due });
      }
      if (!r.next) break;
      cursor = r.next;
    }
    due.sort((a, b) => a.at - b.at);
    for (const { c } of due.slice(0, this.o.maxStepsPerTick ?? 10)) {
      if (this.stopped) return;
      await this.advance(c, ctx);
    }
  }

  private async advance(listed: DeskCase, ctx: DeskContext): Promise<void> {
    const file = await this.o.api.get(listed.id);
    if (!file || file.case.updatedAt !== listed.updatedAt) return; // it moved meanwhile: next look
    const key = `${listed.id}:${listed.updatedAt}`;
    const step = stepFor(file.case, file.history, ctx);
    if (!step) {
      this.refusedAt.add(key);
      return;
    }
    let outcome = await this.o.api.act(listed.id, step);
    // A department that may no longer ask for more time (the deadline passed) reports done instead.
    if (outcome === 'refused' && step.action === 'extend-request') outcome = await this.o.api.act(listed.id, { action: 'feedback', as: step.as });
    if (outcome === 'ok') this.stats.steps++;
    else if (outcome === 'refused') {
      this.stats.refused++;
      if (this.refusedAt.size > 10_000) this.refusedAt.clear();
      this.refusedAt.add(key);
    } else this.stats.failed++;
  }

  private async intake(now: number): Promise<void> {
    const intake = this.o.intake;
    const dt = this.lastLook ? Math.max(0, now - this.lastLook) : 0;
    this.lastLook = now;
    if (!intake) return;
    for (const [source, perHour] of Object.entries(intake.perHour) as Array<[CaseSource, number]>) {
      const n = Math.floor((perHour * dt) / 3_600_000 + this.rng());
      for (let i = 0; i < n && !this.stopped; i++) {
        if (await this.o.api.create(intake.make(source, this.rng, now, ++this.opened))) this.stats.opened++;
      }
    }
  }
}
