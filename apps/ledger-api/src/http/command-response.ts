import { CommandOutcome } from '@ikrar/application';
import { HttpReply } from './http-types';

export interface CommandResponseBody {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
}

/** 201 + Location for a created entity, 200 otherwise; the ETag is the new revision either way. */
export function commandResponse(res: HttpReply, outcome: CommandOutcome, collectionPath: string): CommandResponseBody {
  res.status(outcome.created ? 201 : 200);
  if (outcome.created) res.header('Location', `${collectionPath}/${outcome.id}`);
  res.header('ETag', `"${outcome.revision}"`);
  return { id: outcome.id, revision: outcome.revision, position: outcome.position };
}

export function entityResponse<T extends { revision: number }>(res: HttpReply, view: T): T {
  res.header('ETag', `"${view.revision}"`);
  return view;
}
