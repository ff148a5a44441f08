import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import {
  AcceptCommitmentCommand,
  AcceptReportCommand,
  AssignRoleCommand,
  CloseCommitmentCommand,
  CommandContext,
  CommandOutcome,
  DraftReportCommand,
  EstablishForumCommand,
  MarkMilestoneMetCommand,
  PledgeCommitmentCommand,
  RecordAgreementCommand,
  RecordMeetingCommand,
  RegisterPartnerCommand,
  ReturnReportCommand,
  SubmitReportCommand,
  AmendCommitmentCommand,
  CorrectAgreementCommand,
} from '@ikrar/application';
import { actorOf, Principal } from '@ikrar/access';

type Payload = Record<string, unknown>;

/** The administrator establishes the demo forums; a secretariat user of those forums records the rest. */
const SEED_ADMIN: Principal = { userId: 'ikrar-seed-demo-admin', name: null, role: 'admin', partnerId: null, forumIds: [] };

/**
 * Sends the demo through the command bus, never around it. Every step has a fixed
 * idempotency key, so running the seed twice records nothing new.
 */
export class DemoSeeder {
  private readonly ids = new Map<string, string>();

  constructor(private readonly commands: CommandBus, private readonly log: (line: string) => void) {}

  id(ref: string): string {
    const id = this.ids.get(ref);
    if (!id) throw new Error(`demo data refers to "${ref}" before it was created`);
    return id;
  }

  async partner(ref: string, payload: Payload): Promise<void> {
    await this.create(ref, payload, (ctx) => new RegisterPartnerCommand(payload as never, ctx));
  }

  async forum(ref: string, payload: Payload): Promise<void> {
    await this.create(ref, payload, (ctx) => new EstablishForumCommand(payload as never, ctx), SEED_ADMIN);
    this.forumRefs.push(ref);
  }

  async meeting(ref: string, forumRef: string, payload: Payload): Promise<void> {
    await this.create(ref, payload, (ctx) => new RecordMeetingCommand(this.id(forumRef), payload as never, ctx));
  }

  async agreement(ref: string, payload: Payload): Promise<void> {
    await this.create(ref, payload, (ctx) => new RecordAgreementCommand(payload as never, ctx));
  }

  async correctAgreement(ref: string, payload: Payload): Promise<void> {
    await this.act(`${ref}:correction`, payload, (ctx) => new CorrectAgreementCommand(this.id(ref), payload as never, ctx));
  }

  async commitment(ref: string, payload: Payload, asPartner: string): Promise<void> {
    await this.create(ref, payload, (ctx) => new PledgeCommitmentCommand(payload as never, ctx), this.partnerActor(asPartner));
  }

  async acceptCommitment(ref: string, acceptedOn: string): Promise<void> {
    const payload = { acceptedOn };
    await this.act(`${ref}:acceptance`, payload, (ctx) => new AcceptCommitmentCommand(this.id(ref), payload as never, ctx));
  }

  async amendCommitment(ref: string, payload: Payload): Promise<void> {
    await this.act(`${ref}:amendment`, payload, (ctx) => new AmendCommitmentCommand(this.id(ref), payload as never, ctx));
  }

  async milestoneMet(ref: string, milestoneIndex: number, metOn: string, note: string, milestoneIds: (commitmentId: string) => Promise<string[]>): Promise<void> {
    const milestoneId = (await milestoneIds(this.id(ref)))[milestoneIndex];
    const payload = { metOn, note };
    await this.act(`${ref}:milestone:${milestoneIndex}`, payload, (ctx) => new MarkMilestoneMetCommand(this.id(ref), milestoneId, payload as never, ctx));
  }

  async closeCommitment(ref: string, payload: Payload): Promise<void> {
    await this.act(`${ref}:closure`, payload, (ctx) => new CloseCommitmentCommand(this.id(ref), payload as never, ctx));
  }

  async role(ref: string, payload: Payload): Promise<void> {
    await this.create(ref, payload, (ctx) => new AssignRoleCommand(payload as never, ctx));
  }

  async report(ref: string, payload: Payload, asPartner: string): Promise<void> {
    await this.create(ref, payload, (ctx) => new DraftReportCommand(payload as never, ctx), this.partnerActor(asPartner));
  }

  async submitReport(ref: string, asPartner: string, changes: Payload | null = null, round = 1): Promise<void> {
    const payload = changes ? { changes } : {};
    await this.act(`${ref}:submission:${round}`, payload, (ctx) => new SubmitReportCommand(this.id(ref), payload as never, ctx), this.partnerActor(asPartner));
  }

  async returnReport(ref: string, comments: string): Promise<void> {
    const payload = { comments };
    await this.act(`${ref}:return`, payload, (ctx) => new ReturnReportCommand(this.id(ref), payload as never, ctx));
  }

  async acceptReport(ref: string): Promise<void> {
    await this.act(`${ref}:acceptance`, {}, (ctx) => new AcceptReportCommand(this.id(ref), ctx));
  }

  private readonly forumRefs: string[] = [];

  /** The forums' secretariat: a token naming every demo forum established so far. */
  private secretariat(): Principal {
    return { userId: 'ikrar-seed-demo', name: null, role: 'secretariat', partnerId: null, forumIds: this.forumRefs.map((ref) => this.id(ref)) };
  }

  private partnerActor(partnerRef: string): Principal {
    return { userId: `demo-${partnerRef}`, name: null, role: 'partner', partnerId: this.id(partnerRef), forumIds: [] };
  }

  private async create(ref: string, payload: Payload, build: (ctx: CommandContext) => object, actor: Principal = this.secretariat()): Promise<void> {
    const outcome = await this.send(`create:${ref}`, payload, build, actor);
    this.ids.set(ref, outcome.id);
  }

  private async act(key: string, payload: Payload, build: (ctx: CommandContext) => object, actor: Principal = this.secretariat()): Promise<void> {
    await this.send(key, payload, build, actor);
  }

  private async send(key: string, payload: Payload, build: (ctx: CommandContext) => object, actor: Principal): Promise<CommandOutcome> {
    const ctx: CommandContext = {
      principal: actor,
      actor: actorOf(actor),
      correlationId: 'seed-demo',
      causationId: `seed-demo:${key}`,
      idempotencyKey: `seed-demo:${key}`,
      requestHash: createHash('sha256').update(`${key}\n${JSON.stringify(payload)}`).digest('hex'),
      expectedRevision: null,
      receivedAt: new Date(),
    };
    const before = Date.now();
    const outcome = (await this.commands.execute(build(ctx) as never)) as CommandOutcome;
    this.log(`  ${key.padEnd(44)} -> ${outcome.id.slice(0, 8)} rev ${outcome.revision} (${Date.now() - before} ms)`);
    return outcome;
  }
}
